"""A tiny OpenAI-compatible chat server on loopback, for backend tests.

It answers ``POST /v1/chat/completions`` deterministically: the reply is
``"Stub reply to: <last user message>"`` cut to ``max_tokens`` words, sent whole or as
server-sent events (one word per event, then ``data: [DONE]``), the way vLLM and the
llama.cpp server do. ``fail_with`` makes it answer an HTTP error instead (every
request, or only the first ``fail_times``); ``hang_s`` makes it stall that long — before
answering a plain request, or after the first word of a stream — to test timeouts and
cancellation (every request, or only the first ``hang_times``). ``disconnects`` counts streams the client closed before the end.

A request with ``response_format`` (a JSON schema, as vLLM and llama.cpp accept) is
answered by ``json_reply(body)`` — by default ``{"acts": [{"type": "search"}]}`` —
so tests can script what a schema-constrained model returns. ``json_forms`` lists the
``response_format`` types the stub accepts (default both); llama-cpp-python's server takes
only ``json_object`` (with a ``schema``) and answers OpenAI's ``json_schema`` with an HTTP 500
naming the field, which ``json_forms = ("json_object",)`` imitates.
"""

from __future__ import annotations

import json
import queue
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubOpenAIServer:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self.fail_with: int | None = None
        self.fail_times: int | None = None
        self.hang_s = 0.0
        self.hang_times: int | None = None   # how many requests hang (None: all)
        self.disconnects = 0
        self.streams_ended: queue.Queue[int] = queue.Queue()   # one item per finished stream handler
        self.json_reply = lambda body: '{"acts": [{"type": "search"}]}'
        self.json_forms: tuple[str, ...] = ("json_schema", "json_object")
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                stub.requests.append(body)
                stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": f"no route {self.path}"}})
                if stub.fail_with and (stub.fail_times is None or len(stub.requests) <= stub.fail_times):
                    # a short Retry-After keeps the client's retries quick in tests
                    return self._send(stub.fail_with, {"error": {"message": "stub failure"}},
                                      {"retry-after-ms": "20"})
                hang = stub.hang_s if stub.hang_times is None or len(stub.requests) <= stub.hang_times else 0.0
                form = (body.get("response_format") or {}).get("type")
                if form and form not in stub.json_forms:
                    return self._send(500, {"error": {"message": f"('body', 'response_format', 'type'): "
                                                                 f"Input should be {' or '.join(stub.json_forms)}"}})
                if body.get("response_format") and not body.get("stream"):
                    return self._send(200, {"id": "stub", "object": "chat.completion", "model": body.get("model"),
                                            "choices": [{"index": 0, "finish_reason": "stop", "message": {
                                                "role": "assistant", "content": stub.json_reply(body)}}]})
                words = stub.reply_for(body).split(" ")[: max(1, int(body.get("max_tokens") or 16))]
                if not body.get("stream"):
                    if hang:
                        stub.stop.wait(hang)
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
                try:
                    for i, word in enumerate(words):
                        chunk = {"choices": [{"index": 0, "delta": {"content": word if i == 0 else " " + word}}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                        if i == 0 and hang:
                            stub.stop.wait(hang)
                            if _peer_closed(self.connection):
                                stub.disconnects += 1
                                break
                    self.wfile.write(b"data: [DONE]\n\n")
                except (BrokenPipeError, ConnectionResetError):
                    stub.disconnects += 1
                finally:
                    stub.streams_ended.put(len(stub.requests))
                self.close_connection = True

            def _send(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.stop = threading.Event()   # ends any hang when the server shuts down
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
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def _peer_closed(sock: socket.socket) -> bool:
    """True when the client has closed its end (readable, but nothing to read)."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True
