"""Hermetic tests: temp data directory per test, no network beyond loopback, shared fixtures."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_real_connect = socket.socket.connect


def _guarded_connect(sock, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None:
        try:
            ip = ipaddress.ip_address(host)
            allowed = ip.is_loopback
        except ValueError:
            allowed = host in ("localhost",)
        if not allowed:
            raise OSError(f"network access to {host} is blocked in tests")
    return _real_connect(sock, address)


@pytest.fixture(autouse=True)
def _hermetic(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOPGUIDE_HOME", str(tmp_path / "home"))
    for name in list(os.environ):
        if name.startswith("SHOPGUIDE_") and name != "SHOPGUIDE_HOME":
            monkeypatch.delenv(name)
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    yield


def shared_data(*parts: str) -> Path:
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the checkout); it is absent here")
    return path


SAMPLE_PRODUCTS = [
    {"id": "J1", "title": "Nordvik Ridge Waterproof Hiking Jacket - Red", "description": "A waterproof, breathable shell for wet trail days.",
     "category": "Outdoor & Hiking > Jackets", "brand": "Nordvik", "price": 129.99, "rating": 4.6, "review_count": 320,
     "attributes": {"colour": "red", "material": "nylon", "features": ["waterproof", "breathable", "hooded"]}, "stock": 12},
    {"id": "J2", "title": "Alpenlite Storm Shell Jacket - Blue", "description": "Fully waterproof storm shell with taped seams.",
     "category": "Outdoor & Hiking > Jackets", "brand": "Alpenlite", "price": 169.0, "rating": 4.8, "review_count": 90,
     "attributes": {"colour": "blue", "material": "polyester", "features": ["waterproof", "windproof"]}, "stock": 5},
    {"id": "J3", "title": "Tidewater Packable Rain Jacket - Yellow", "description": "Light packable rain jacket that is waterproof.",
     "category": "Outdoor & Hiking > Jackets", "brand": "Tidewater", "price": 79.5, "rating": 4.1, "review_count": 45,
     "attributes": {"colour": "yellow", "material": "nylon", "features": ["waterproof", "packable"]}, "stock": 30},
    {"id": "J4", "title": "Nordvik Fleece Jacket - Grey", "description": "Warm fleece midlayer for cold mornings.",
     "category": "Outdoor & Hiking > Jackets", "brand": "Nordvik", "price": 59.0, "rating": 4.3, "review_count": 150,
     "attributes": {"colour": "grey", "material": "fleece", "features": ["insulated"]}, "stock": 0},
    {"id": "H1", "title": "Lumora Quiet Wireless Headphones", "description": "Noise cancelling over-ear headphones with 30 hour battery.",
     "category": "Electronics > Headphones", "brand": "Lumora", "price": 199.0, "rating": 4.5, "review_count": 800,
     "attributes": {"colour": "black", "material": "plastic", "features": ["wireless", "noise cancelling", "bluetooth"]}, "stock": 40},
    {"id": "H2", "title": "Vantor Buds Sport Earbuds", "description": "Sweat resistant wireless earbuds for running.",
     "category": "Electronics > Headphones", "brand": "Vantor", "price": 49.0, "rating": 4.0, "review_count": 1200,
     "attributes": {"colour": "white", "material": "plastic", "features": ["wireless", "bluetooth", "water resistant"]}, "stock": 100},
    {"id": "K1", "title": "Brightwell Non-Stick Frying Pan 28cm", "description": "Non-stick aluminium frying pan, induction compatible.",
     "category": "Home & Kitchen > Cookware", "brand": "Brightwell", "price": 34.99, "rating": 4.4, "review_count": 600,
     "attributes": {"colour": "black", "material": "aluminium", "features": ["non-stick", "induction compatible", "dishwasher safe"]}, "stock": 20},
    {"id": "G1", "title": "Quillon Castle Quest Family Board Game", "description": "A cooperative board game for family night, 2-5 players.",
     "category": "Toys & Games > Board Games", "brand": "Quillon", "price": 39.0, "rating": 4.7, "review_count": 210,
     "attributes": {"colour": "blue", "material": "cardboard", "features": ["cooperative"], "players": "2-5"}, "stock": 8},
]


@pytest.fixture
def sample_products():
    from retrieval.catalog.product import Product

    return [Product.from_dict(p) for p in SAMPLE_PRODUCTS]


@pytest.fixture
def fake_index(tmp_path, sample_products):
    """A real CatalogIndex (SQLite + BM25) over the sample products with the fake embedder and memory store."""
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.store import MemoryStore

    index = CatalogIndex(tmp_path / "index", FakeEmbedder(), store=MemoryStore())
    index.ingest(sample_products)
    return index


@pytest.fixture
def fake_assistant(tmp_path, fake_index):
    from assistant import Assistant
    from assistant.config import load_settings
    from assistant.llm import FakeChatModel
    from assistant.sessions import SessionStore

    settings = load_settings(home=tmp_path / "home", env={}, overrides={"llm.backend": "fake", "embedder": "fake",
                                                                             "understanding.llm": False})
    return Assistant(settings, fake_index, FakeChatModel(), SessionStore(settings.sessions_db))
