"""``shopguide serve`` replicas as child processes sharing one database and one ``chroma run`` server.

Used by ``tests/test_scaleout_pg.py`` and ``benchmarks/load_replicas.py``. ``make_home``
writes a data directory whose ``config.toml`` points at the shared services and ingests
the sample catalog (fake embedder) into the Chroma server; each replica then needs only
that directory's read-only index files (product table, BM25, derived structures).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def make_home(home: Path, database_url: str, chroma, queue_limit: int | None = None) -> Path:
    """Config (fake LLM and embedder, ``[store] kind = "server"``, ``database_url``, optionally the LLM
    queue's length) + the sample catalog indexed."""
    from retrieval.catalog.product import Product
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.store import ChromaStore
    from tests.conftest import SAMPLE_PRODUCTS

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        'embedder = "fake"\n[llm]\nbackend = "fake"\n'
        + (f"queue_limit = {queue_limit}\n" if queue_limit is not None else "")
        + '[understanding]\nllm = false\n'
        f'[store]\nkind = "server"\nhost = "{chroma.host}"\nport = {chroma.port}\ndatabase_url = "{database_url}"\n')
    index = CatalogIndex(home / "index", FakeEmbedder(), store=ChromaStore(host=chroma.host, port=chroma.port))
    index.ingest([Product.from_dict(p) for p in SAMPLE_PRODUCTS])
    index.close()
    return home


class Replica:
    """``shopguide serve`` on a free loopback port; stderr goes to ``<home>-<name>.log`` beside the home."""

    def __init__(self, home: Path, name: str) -> None:
        from retrieval.index.chroma_server import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home.parent / f"{home.name}-{name}.log"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "SHOPGUIDE_HOME": str(home), "HF_HUB_OFFLINE": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "--data-dir", str(home), "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--no-ui", "--no-warm-up"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log.open("w"))

    def wait_ready(self, timeout_s: float = 180) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"replica exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"replica not ready: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
