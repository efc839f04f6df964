"""Real disk faults under the session database: a full and a read-only filesystem (issue 17).

A small tmpfs is mounted for the test, filled up, remounted read-only, then healed, with
the HTTP app running all along; it must answer JSON 503s while the disk is bad and work
again afterwards without a restart. Mounting needs root with CAP_SYS_ADMIN (a container
without it skips this test; ``tests/test_reliability_turns.py`` covers the same paths
with injected SQLite errors).
"""

from __future__ import annotations

import os
import subprocess

import pytest
from fastapi.testclient import TestClient

from assistant.sessions import SessionStore
from ui.http_api import create_app


def _mount(path, *options: str) -> bool:
    return subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(options), "tmpfs", str(path)],
                          capture_output=True).returncode == 0


@pytest.fixture
def disk(tmp_path):
    path = tmp_path / "disk"
    path.mkdir()
    if os.geteuid() != 0 or not _mount(path, "size=512k"):
        pytest.skip("needs root with CAP_SYS_ADMIN to mount a small tmpfs")
    yield path
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _fill(path) -> None:
    fd = os.open(path / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:   # ENOSPC: the disk is full
        pass
    finally:
        os.close(fd)


def test_full_then_read_only_disk_then_recovery(fake_assistant, disk):
    fake_assistant.sessions = SessionStore(disk / "sessions.sqlite")
    with TestClient(create_app(fake_assistant, ui=False), base_url="http://127.0.0.1") as c:
        sid = c.post("/v1/sessions").json()["session_id"]
        assert c.post(f"/v1/sessions/{sid}/messages", json={"text": "a board game", "reply": False}).status_code == 200

        _fill(disk)                                                   # full disk
        statuses = {c.post(f"/v1/sessions/{sid}/messages",
                           json={"text": f"a tent {'x' * 3000} {i}", "reply": False}).status_code for i in range(20)}
        ready = c.get("/readyz")
        assert statuses <= {200, 503} and 503 in statuses and ready.status_code == 503
        assert ready.json()["error"] == "StorageError"
        (disk / "filler").unlink()
        assert c.get("/readyz").status_code == 200
        assert c.post(f"/v1/sessions/{sid}/messages", json={"text": "a tent", "reply": False}).status_code == 200

        # Linux refuses to remount a filesystem read-only while files on it are open for writing,
        # so the store lets go of its connection first (as after an earlier fault) and reopens on the read-only disk.
        fake_assistant.sessions.close()
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        r = c.post(f"/v1/sessions/{sid}/messages", json={"text": "a jacket", "reply": False})
        assert r.status_code == 503 and r.json()["error"] == "StorageError"
        assert c.get("/readyz").status_code == 503
        assert subprocess.run(["mount", "-o", "remount,rw", str(disk)], capture_output=True).returncode == 0
        assert c.get("/readyz").status_code == 200
        r = c.post(f"/v1/sessions/{sid}/messages", json={"text": "a jacket", "reply": False})
        assert r.status_code == 200, r.text
