"""The numpy tree evaluator scores exactly as xgboost does (so serving needs no xgboost import)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from retrieval.ranking.trees import TreeEnsemble


def _train(objective: str, rounds: int = 40, depth: int = 4, seed: int = 0):
    xgb = pytest.importorskip("xgboost")
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(600, 7)).astype(np.float32)
    x[rng.random(x.shape) < 0.1] = np.nan                 # missing values take the default branch
    x[:, 3] = np.round(x[:, 3])                           # ties exactly at split values
    y = (np.nan_to_num(x[:, 0]) + 0.5 * np.nan_to_num(x[:, 1]) > 0).astype(np.float32) + (x[:, 3] > 0)
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan)
    if objective.startswith("rank"):
        dtrain.set_group([20] * 30)
    booster = xgb.train({"objective": objective, "max_depth": depth, "eta": 0.1, "seed": seed, "nthread": 1},
                        dtrain, num_boost_round=rounds)
    return booster, x


@pytest.mark.parametrize("objective", ["rank:ndcg", "reg:squarederror"])
def test_matches_xgboost_predictions(objective):
    booster, x = _train(objective)
    model = json.loads(bytes(booster.save_raw(raw_format="json")).decode())
    ours = TreeEnsemble(model).inplace_predict(x)
    theirs = booster.inplace_predict(x)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
    assert np.array_equal(np.argsort(-ours, kind="stable"), np.argsort(-theirs, kind="stable"))


def test_rejects_what_it_cannot_evaluate_and_round_trips_json():
    booster, x = _train("rank:ndcg", rounds=3)
    model = json.loads(bytes(booster.save_raw(raw_format="json")).decode())
    assert json.loads(TreeEnsemble(model).save_raw(raw_format="json")) == model
    dart = json.loads(json.dumps(model))
    dart["learner"]["gradient_booster"]["name"] = "dart"
    with pytest.raises(ValueError):
        TreeEnsemble(dart)
    with pytest.raises(ValueError):
        TreeEnsemble(model).inplace_predict(x[:, :3])


def test_learned_ranker_loads_without_xgboost(tmp_path):
    """A saved ranker scores with the numpy trees, never importing xgboost."""
    import subprocess
    import sys

    from retrieval.ranking.features import FEATURES
    from retrieval.ranking.learned import FORMAT, VERSION

    xgb = pytest.importorskip("xgboost")
    rng = np.random.default_rng(1)
    x = rng.random((200, len(FEATURES))).astype(np.float32)
    d = xgb.DMatrix(x, label=(x[:, 0] > 0.5).astype(float), feature_names=list(FEATURES))
    d.set_group([20] * 10)
    b = xgb.train({"objective": "rank:ndcg", "max_depth": 3}, d, num_boost_round=10)
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "features": list(FEATURES), "metadata": {},
                                "booster": json.loads(bytes(b.save_raw(raw_format="json")).decode())}))
    np.save(tmp_path / "x.npy", x)
    code = (f"import sys, numpy as np; from retrieval.ranking.learned import load_ranker; "
            f"r = load_ranker({str(path)!r}); s = r.predict(np.load({str(tmp_path / 'x.npy')!r})); "
            f"np.save({str(tmp_path / 's.npy')!r}, s); assert 'xgboost' not in sys.modules, 'xgboost imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    np.testing.assert_allclose(np.load(tmp_path / "s.npy"), b.inplace_predict(x), rtol=1e-5, atol=1e-5)
