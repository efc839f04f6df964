"""An autouse fixture for test modules that build many data directories in-process.

chromadb caches one client "system" per path for the life of the process, with its
SQLite and HNSW files open (about 25 descriptors per ``ingest`` + ``knowledge add``);
hundreds of tests' worth pushes a long run past the 1024 descriptors ``select()`` can
watch (the OpenAI stub's ``select`` then fails). Import ``close_chroma_clients`` into a
module to drop the cache after each of its tests.
"""

from __future__ import annotations

import sys

import pytest


@pytest.fixture(autouse=True)
def close_chroma_clients():
    yield
    if "chromadb" in sys.modules:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
