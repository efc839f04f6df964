"""A throwaway PostgreSQL server from Debian's ``postgresql`` package, for the scale-out tests and benchmark.

``initdb`` in a fresh directory under ``/tmp`` (not under pytest's ``tmp_path``: that is
private to root, and PostgreSQL refuses to run as root, so the server runs as the
``postgres`` user when we are root), trust authentication on loopback only, no fsync
(a test database), and ``max_connections`` sized for a few replicas' pools::

    with PostgresServer() as pg:
        url = pg.url                      # postgresql+psycopg://shop@127.0.0.1:PORT/postgres
        pg.restart()                      # stop (fast) and start again on the same port
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def pg_bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are (newest Debian version first), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]), reverse=True)
    if found:
        return Path(found[0]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    def __init__(self, max_connections: int = 400) -> None:
        self.bindir = pg_bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL is not installed (`apt-get install postgresql`)")
        self.port = _free_port()
        self.max_connections = max_connections
        self.root = Path(tempfile.mkdtemp(prefix="shopguide-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://shop@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as_user, str(self.bindir / args[0]), *args[1:]], capture_output=True,
                              text=True, timeout=120, check=check)

    def start(self) -> "PostgresServer":
        if not self.data.exists():
            if self._as_user:
                shutil.chown(self.root, "postgres", "postgres")
            self._run("initdb", "-D", str(self.data), "-U", "shop", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={self.max_connections}")
        done = self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60",
                         "start", check=False)
        if done.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr or done.stdout}\n{self.tail()}")
        return self

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def restart(self) -> None:
        self.stop()
        self.start()

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
