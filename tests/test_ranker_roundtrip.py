"""Train → evaluate → serve: the learned ranker end to end, with the fake embedder and LLM."""

from __future__ import annotations

import json

import pytest

from retrieval.ranking.learned import LearnedRanker, load_ranker
from retrieval.ranking.evaluate import evaluate
from retrieval.search import HybridRetriever
from retrieval.ranking.training import collect, train

JUDGMENTS = """query,product_id,grade
waterproof jacket,J1,3
waterproof jacket,J3,3
waterproof jacket,J2,2
waterproof jacket,J4,1
waterproof jacket,H2,0
rain jacket,J3,3
rain jacket,J1,2
rain jacket,J2,2
wireless headphones,H1,3
wireless headphones,H2,2
earbuds for running,H2,3
earbuds for running,H1,1
frying pan,K1,3
family board game,G1,3
jacket,J1,2
jacket,J2,2
jacket,J3,2
jacket,J4,2
"""


@pytest.fixture
def judgments_file(tmp_path):
    path = tmp_path / "judgments.csv"
    path.write_text(JUDGMENTS)
    return path


def test_train_evaluate_serve_with_the_library(fake_assistant, fake_index, judgments_file):
    from assistant.components import load_default_ranker
    from retrieval.ranking.judgments import load_judgments

    judgments = load_judgments(judgments_file)
    retriever = HybridRetriever(fake_index)
    # train
    model = train(collect(retriever, judgments), rounds=10, metadata={"judgments": [str(judgments_file)]})
    path = model.save(fake_assistant.settings.ranker_path)
    # evaluate
    metrics = evaluate(collect(retriever, judgments, baselines=True), load_ranker(path))
    assert set(metrics) == {"bm25", "dense", "fused", "learned"}
    for values in metrics.values():
        assert set(values) == {"ndcg@10", "ndcg@10_judged", "recall@50"}
        assert all(0.0 <= v <= 1.0 for v in values.values())
    # serve: the composition root loads the data directory's current model, the assistant uses it
    served = load_default_ranker(fake_assistant.settings)
    assert isinstance(served, LearnedRanker)
    assert served.metadata["judgments"] == [str(judgments_file)]
    fake_assistant.ranker = served
    plan = fake_assistant.plan(fake_assistant.new_session(), "a waterproof jacket")
    expected = [c.product.id for c in served.rank(plan.result.query, list(plan.result.candidates))]
    assert [s.product.id for s in plan.shown] == expected[: fake_assistant.settings.top_k]
    cands = plan.result.candidates
    assert [c.score for c in cands] == pytest.approx(served.score(plan.result.query, cands).tolist())
    assert "rerank_ms" in plan.timings_ms


def _cli(*argv):
    from ui.cli import main

    return main([*argv])


def test_cli_round_trip_with_feedback(tmp_path, judgments_file, capsys):
    """`shopguide ranker ...` against a real (fake-embedder) data directory, then the assistant serves it."""
    from assistant import Assistant

    home = str(tmp_path / "home")
    common = ("--data-dir", home, "--embedder", "fake", "--llm", "fake")
    assert _cli(*common, "ranker", "evaluate", "--judgments", str(judgments_file)) == 2
    assert "no usable ranker model" in capsys.readouterr().err
    assert _cli(*common, "index", "-n", "60", "--skip-llm", "--no-progress") == 0
    # the demo's default model, trained from judgments derived from the catalog's attributes
    assert _cli(*common, "ranker", "ensure-default") == 0
    demo_csv = tmp_path / "home" / "ranker" / "demo-judgments.csv"
    assert demo_csv.exists()
    assert _cli(*common, "ranker", "ensure-default") == 0
    assert "ranker model present" in capsys.readouterr().err
    # evaluate prints one JSON object keyed by method
    assert _cli(*common, "ranker", "evaluate", "--judgments", str(demo_csv), "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"bm25", "dense", "fused", "learned"}
    assert set(out["learned"]) == {"ndcg@10", "ndcg@10_judged", "recall@50"}
    # serve, and record what the shopper saw and did
    bot = Assistant.from_config(home=home, **{"llm.backend": "fake", "embedder": "fake"})
    assert isinstance(bot.ranker, LearnedRanker) and bot.ranker.popularity_source is not None
    reply = bot.chat("waterproof rain jacket", reply=False)
    assert reply.products
    bot.feedback(reply.session_id, reply.products[-1].product.id, "add_to_cart")
    bot.sessions.close()
    # retrain from judgments + feedback: it becomes the current model
    assert _cli(*common, "ranker", "train", "--judgments", str(demo_csv), "--from-feedback", "--rounds", "10") == 0
    model = load_ranker(tmp_path / "home" / "ranker" / "current.json")
    assert any("feedback" in source for source in model.metadata["judgments"])
    assert model.metadata["rounds"] == 10
    assert len(list((tmp_path / "home" / "ranker" / "models").glob("ranker-*.json"))) >= 1


def test_cli_train_errors_are_one_line_messages(tmp_path, judgments_file, capsys):
    home = str(tmp_path / "home")
    common = ("--data-dir", home, "--embedder", "fake")
    assert _cli(*common, "ranker", "train", "--judgments", str(judgments_file)) == 3   # nothing indexed yet
    assert "shopguide index" in capsys.readouterr().err
    assert _cli(*common, "ranker", "train") == 2
    assert "--judgments FILE, --from-feedback" in capsys.readouterr().err
    assert _cli(*common, "index", "-n", "30", "--skip-llm", "--no-progress") == 0
    assert _cli(*common, "ranker", "train", "--judgments", str(judgments_file)) == 2   # ids of another catalog
    assert "none of the product ids" in capsys.readouterr().err
    assert _cli(*common, "ranker", "train", "--from-feedback") == 2
    assert "no usable feedback" in capsys.readouterr().err
