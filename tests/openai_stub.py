"""A tiny OpenAI-compatible chat server on loopback, for backend tests.

It answers ``POST /v1/chat/completions`` deterministically: the reply is
``"Stub reply to: <last user message>"`` cut to ``max_tokens`` words, sent whole or as
server-sent events (one word per event, then ``data: [DONE]``), the way vLLM and the
llama.cpp server do. ``fail_with`` makes it answer an HTTP error instead.

A request with ``response_format`` (a JSON schema, as vLLM and llama.cpp accept) is
answered by ``json_reply(body)`` — by default ``{"acts": [{"type": "search"}]}`` —
so tests can script what a schema-constrained model returns.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubOpenAIServer:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self.fail_with: int | None = None
        self.json_reply = lambda body: '{"acts": [{"type": "search"}]}'
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.requests.append(body)
                stub.headers.append(dict(self.headers))
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                if stub.fail_with:
                    return self._send(stub.fail_with, {"error": {"message": "stub failure"}})
                if body.get("response_format") and not body.get("stream"):
                    return self._send(200, {"id": "stub", "object": "chat.completion", "model": body.get("model"),
                                            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                                                "role": "assistant", "content": stub.json_reply(body)}}]})
                words = stub.reply_for(body).split(" ")[: max(1, int(body.get("max_tokens") or 16))]
                if not body.get("stream"):
                    return self._send(200, {"id": "stub", "object": "chat.completion", "model": body.get("model"),
                                            "choices": [{"index": 0, "finish_reason": "stop",
                                                         "message": {"role": "assistant", "content": " ".join(words)}}]})
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b": keep-alive\n\n")
                first = {"choices": [{"index": 0, "delta": {"role": "assistant"}}]}
                self.wfile.write(f"data: {json.dumps(first)}\n\n".encode())
                for i, word in enumerate(words):
                    chunk = {"choices": [{"index": 0, "delta": {"content": word if i == 0 else " " + word}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.close_connection = True

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @staticmethod
    def reply_for(body: dict) -> str:
        last = next((m["content"] for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
        return "Stub reply to: " + " ".join(last.split())

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> "StubOpenAIServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
