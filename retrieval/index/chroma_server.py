"""Start and stop a ``chroma run`` server on loopback (the server variant of the store).

chromadb ships its ``chroma`` command as a console script next to the interpreter
(``.venv/bin/chroma``, a Rust server behind ``chromadb.cli.cli:app``). ``ChromaServer``
runs it as a child process in its own session, waits for the heartbeat, and stops it
with SIGTERM (SIGKILL after a grace period). Tests and ``shopguide chroma-server`` use
it; the app itself only connects (``[store] kind = "server"``).

    with ChromaServer(tmp_path / "chroma") as server:
        store = ChromaStore(host=server.host, port=server.port)
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


class ChromaServerError(RuntimeError):
    """The server could not be found, started or reached; the message says what to do."""


def chroma_executable() -> str:
    """The ``chroma`` console script of this environment (or on PATH)."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.exists():
        return str(beside)
    found = shutil.which("chroma")
    if found:
        return found
    raise ChromaServerError("the `chroma` command is missing; it comes with chromadb: `pip install 'chromadb>=1.5,<1.6'`")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ChromaServer:
    """One ``chroma run --path PATH --host HOST --port PORT`` child process."""

    def __init__(self, path: str | Path, host: str = "127.0.0.1", port: int | None = None,
                 startup_timeout_s: float = 60.0) -> None:
        if not _is_loopback(host):
            raise ChromaServerError(f"refusing to serve Chroma on {host}: use a loopback address such as 127.0.0.1")
        self.path = Path(path)
        self.host = host
        self.port = port
        self.startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen | None = None
        self._log_path = self.path.parent / f"{self.path.name}.server.log"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> "ChromaServer":
        if self.running:
            return self
        if self.port is None:
            self.port = free_port(self.host)
        self.path.mkdir(parents=True, exist_ok=True)
        command = [chroma_executable(), "run", "--path", str(self.path), "--host", self.host, "--port", str(self.port)]
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        log = self._log_path.open("wb")
        try:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                             env=env, start_new_session=True)
        finally:
            log.close()
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ChromaServerError(f"`chroma run` exited with {self._process.returncode}: {self.log_tail()}")
            if self.heartbeat():
                return self
            time.sleep(0.2)
        self.stop()
        raise ChromaServerError(f"`chroma run` did not answer on {self.url} within {self.startup_timeout_s:.0f}s: "
                                f"{self.log_tail()}")

    def heartbeat(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self, grace_s: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=grace_s)

    def wait(self) -> int:
        """Block until the server exits (the foreground ``shopguide chroma-server``)."""
        if self._process is None:
            return 0
        return self._process.wait()

    def log_tail(self, chars: int = 1500) -> str:
        try:
            return self._log_path.read_text(errors="replace")[-chars:].strip() or "(no output)"
        except OSError:
            return "(no log)"

    def __enter__(self) -> "ChromaServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
