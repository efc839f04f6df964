"""The OpenAI-compatible path against a real server: llama-cpp-python serving the bundled SmolLM2 GGUF.

llama.cpp turns the ``response_format`` JSON schema into a grammar, so every answer is
schema-valid JSON; the catalog validation then decides what survives. The server is
started on loopback for the test class and stopped after it. It needs
``pip install 'llama-cpp-python[server]'`` (built from source; see the README).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from tests.understanding_contract import InterpreterContract

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    pytest.importorskip("llama_cpp", reason="needs llama-cpp-python (pip install 'llama-cpp-python[server]')")
    pytest.importorskip("sse_starlette", reason="needs the [server] extra of llama-cpp-python")
    import httpx

    from assistant.llm.local import bundled_gguf

    port = _free_port()
    # the server logs every request to stderr: a file, not a pipe nobody reads (a full pipe blocks the server)
    log_path = tmp_path_factory.mktemp("llama") / "server.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(bundled_gguf()),
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"],
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 120
    try:
        while True:
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                err = log_path.read_bytes().decode(errors="replace")[-2000:]
                pytest.fail(f"llama.cpp server did not start: {err}")
            time.sleep(1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


class TestLlamaCppServer(InterpreterContract):
    """Schema-valid acts always (the grammar); a 135M model's accuracy is measured, not asserted."""

    semantic = False

    @pytest.fixture
    def interpreter(self, llama_server):
        from assistant.llm.openai_compat import OpenAICompatibleChatModel
        from assistant.understanding.llm import LLMInterpreter

        model = OpenAICompatibleChatModel(llama_server, model="smollm2", timeout_s=120)
        # the default token budget: the grammar bounds the shape (at most 4 acts), not its length, and a
        # budget that cuts the JSON short is a parse failure (80 tokens did: SmolLM2 writes 3 long acts)
        interpreter = LLMInterpreter(model, retries=0)
        yield interpreter
        model.close()
        assert interpreter.failures == 0, "the grammar should make every answer parse"
