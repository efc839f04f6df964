"""Property-based fuzzing (hypothesis) of the portrait extractors, the catalog loader and the HTTP API.

Properties, not examples: whatever the text, the extractors return finite, ordered
budgets and bounded portraits; whatever the row, the catalog loader accepts it or reports
a ``RowError``; whatever the JSON, the API answers below 500. Example counts are kept
CI-sized and the runs derandomized (repeatable); raise ``FUZZ_EXAMPLES`` locally to dig
deeper (the figures in docs/reliability.md come from ``FUZZ_EXAMPLES=2000``).
"""

from __future__ import annotations

import json
import math
import os

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="fuzzing needs the dev extra: pip install -e '.[dev]'")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from assistant.portrait.dialogue import apply_turn  # noqa: E402
from assistant.portrait.extract import extract_turn  # noqa: E402
from assistant.portrait.model import MAX_NEEDS_CHARS, Portrait  # noqa: E402
from retrieval.text.money import extract_budget  # noqa: E402
from assistant.portrait.vocabulary import Vocabulary  # noqa: E402
from retrieval.catalog.loader import CatalogError, load_catalog  # noqa: E402
from retrieval.catalog.product import InvalidProduct, Product  # noqa: E402
from tests.conftest import SAMPLE_PRODUCTS  # noqa: E402

N = int(os.environ.get("FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=N, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
VOCAB = Vocabulary.from_products([Product.from_dict(p) for p in SAMPLE_PRODUCTS],
                                 {"categories": ["Jackets", "Headphones", "Cookware", "Board Games"],
                                  "colours": ["red", "blue", "black"], "brands": ["Nordvik", "Alpenlite"]})

# Shopping-ish fragments mixed with arbitrary text, so the money rules are reached, not just skipped.
WORDS = st.sampled_from(["under", "over", "between", "and", "to", "-", "around", "max", "at least", "$", "€", "£",
                         "k", "bucks", "dollars", "euros", "budget", "cheaper", "not", "no", "Nordvik", "jacket",
                         "red", "for my mum", "ignore", "the second one", "1e400", "NaN", "inf", ",", ".", "ish"])
NUMBERS = st.one_of(st.integers(min_value=-10, max_value=10**12).map(str),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr),
                    st.integers(min_value=1, max_value=500).map(lambda n: "9" * n),
                    st.from_regex(r"\d{1,3}(,\d{3}){0,5}(\.\d{1,2})?", fullmatch=True))
TEXT = st.one_of(st.text(max_size=200),
                 st.lists(st.one_of(WORDS, NUMBERS, st.text(max_size=8)), max_size=16).map(" ".join))


def _finite_or_none(x) -> bool:
    return x is None or (math.isfinite(x) and x >= 0)


@FUZZ
@given(TEXT)
def test_budget_extraction_is_finite_and_ordered(text):
    budget = extract_budget(text)
    if budget is not None:
        assert _finite_or_none(budget.min) and _finite_or_none(budget.max)
        assert budget.min is None or budget.max is None or budget.min <= budget.max
    extract_budget(text, assume_money=True)


@FUZZ
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_a_conversation_keeps_the_portrait_valid(texts):
    portrait = Portrait()
    for turn, text in enumerate(texts):
        if not text.strip():
            continue
        extract_turn(text, VOCAB)
        apply_turn(portrait, text, turn, VOCAB)
    data = portrait.to_json()
    json.dumps(data, allow_nan=False)               # what the API returns must be valid JSON
    assert len(portrait.needs) <= MAX_NEEDS_CHARS
    assert _finite_or_none(portrait.budget_min) and _finite_or_none(portrait.budget_max)
    assert Portrait.from_json(data).to_json() == data
    portrait.to_query()


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                   st.lists(st.text(max_size=10), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5),
                                                                               max_size=2))
ROWS = st.fixed_dictionaries({}, optional={k: VALUES for k in ("id", "title", "price", "rating", "review_count",
                                                                "brand", "category", "attributes", "stock",
                                                                "currency", "description", "extra")})


@FUZZ
@given(ROWS)
def test_a_catalog_row_is_a_product_or_a_reported_error(row):
    try:
        product = Product.from_dict(row)
    except InvalidProduct as exc:
        assert exc.field and exc.reason
        return
    assert product.id and product.title
    assert product.price is None or (math.isfinite(product.price) and product.price >= 0)


@FUZZ
@given(st.lists(st.one_of(ROWS, VALUES), max_size=5), st.sampled_from(["jsonl", "json", "csv"]),
       st.binary(max_size=40))
def test_a_catalog_file_loads_or_is_refused_cleanly(tmp_path, rows, fmt, junk):
    path = tmp_path / f"catalog.{fmt}"
    if fmt == "jsonl":
        data = "\n".join(json.dumps(r) for r in rows).encode() + junk
    elif fmt == "json":
        data = json.dumps(rows).encode()
    else:
        keys = sorted({k for r in rows if isinstance(r, dict) for k in r}) or ["id"]
        lines = [",".join(keys)] + [",".join(json.dumps(r.get(k)) if isinstance(r, dict) else "" for k in keys)
                                    for r in rows]
        data = "\n".join(lines).encode() + junk
    path.write_bytes(data)
    try:
        result = load_catalog(path)
    except CatalogError:
        return
    assert result.rows == len(result.products) + len(result.errors)


# -- the HTTP API with random JSON bodies on a live session ------------------------------------
JSONISH = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
                       lambda inner: st.one_of(st.lists(inner, max_size=3),
                                               st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=8)
PATCHES = st.fixed_dictionaries({}, optional={
    "needs": st.one_of(TEXT, JSONISH), "category": st.one_of(st.text(max_size=20), JSONISH),
    "budget": st.one_of(st.fixed_dictionaries({}, optional={"min": st.one_of(st.floats(), st.integers(), JSONISH),
                                                            "max": st.one_of(st.floats(), st.integers(), JSONISH)}),
                        JSONISH),
    "brands": st.fixed_dictionaries({}, optional={"liked": st.lists(st.text(max_size=12), max_size=3),
                                                  "excluded": st.one_of(st.lists(st.text(max_size=12)), JSONISH)}),
    "recipient": st.one_of(st.text(max_size=30), JSONISH), "must_haves": st.one_of(st.lists(st.text(max_size=9)), JSONISH),
})


@pytest.fixture
def api(fake_assistant):
    from fastapi.testclient import TestClient

    from ui.http_api import create_app

    with TestClient(create_app(fake_assistant, ui=False), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        c.post("/v1/sessions", json={"session_id": "fuzz"})
        yield c


@settings(FUZZ, max_examples=max(N // 3, 20))
@given(patch=PATCHES, text=TEXT, feedback=JSONISH)
def test_no_json_body_makes_the_api_fail(api, patch, text, feedback):
    def send(method, path, body):
        raw = json.dumps(body, allow_nan=True)      # NaN/Infinity on purpose: Python clients send them
        r = api.request(method, f"/v1/sessions/fuzz/{path}", content=raw, headers={"content-type": "application/json"})
        assert r.status_code < 500, (path, raw[:300], r.status_code, r.text[:300])
        assert "error" in r.json() if r.status_code >= 400 else True

    send("patch", "portrait", patch)
    send("post", "messages", {"text": text, "reply": False})
    send("post", "feedback", feedback)
    send("post", "feedback", {"product_id": "G1", "event": "click", "position": feedback})
