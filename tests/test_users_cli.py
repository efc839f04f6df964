"""The returning-shopper edges: `events import`, `ask --user`, `users`, `experiments report`, `ranker train
--from-feedback`, and the /v1/users routes."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLE_PRODUCTS
from ui.cli import main

FAKE = ["--embedder", "fake", "--llm", "fake"]


@pytest.fixture
def home(tmp_path):
    catalog = tmp_path / "products.jsonl"
    catalog.write_text("\n".join(json.dumps(p) for p in SAMPLE_PRODUCTS))
    home = tmp_path / "home"
    assert main([*FAKE, "--data-dir", str(home), "ingest", str(catalog)]) == 0
    return home


def test_events_import_reports_each_bad_row_and_is_idempotent(home, tmp_path, capsys):
    f = tmp_path / "events.csv"
    f.write_text("user_id,product_id,event,timestamp,session_id\n"
                 "ann,J2,purchase,2026-11-01T10:00:00Z,s1\n"
                 "ann,J9,click,2026-11-01T10:00:00Z,\n"
                 "bob,J1,teleport,1700000000,\n"
                 ",J1,click,1700000000,\n"
                 "bob,J1,click,yesterday,\n"
                 "bob,J1,click,1700000000,\n")
    capsys.readouterr()
    assert main([*FAKE, "--data-dir", str(home), "events", "import", str(f), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["rows"], report["added"], report["rejected"]) == (6, 2, 4)
    assert report["errors"] == [
        "events.csv row 2: product_id: 'J9' is not in the indexed catalog",
        "events.csv row 3: event: 'teleport' is not one of impression, click, thumbs_up, thumbs_down, "
        "add_to_cart, purchase, dismiss",
        "events.csv row 4: user_id: must be 1-128 characters",
        "events.csv row 5: timestamp: not a UNIX time or ISO 8601 date: 'yesterday'"]
    assert main([*FAKE, "--data-dir", str(home), "events", "import", str(f), "--json"]) == 1
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["duplicates"]) == (0, 2)


def test_ask_with_user_shows_the_profile_and_the_reason(home, tmp_path, capsys):
    f = tmp_path / "events.jsonl"
    yesterday = time.time() - 86400      # a purchase years ago would have decayed below the reason threshold
    f.write_text(json.dumps({"user_id": "ann", "product_id": "J2", "event": "purchase", "timestamp": yesterday}) + "\n")
    assert main([*FAKE, "--data-dir", str(home), "events", "import", str(f)]) == 0
    capsys.readouterr()
    assert main([*FAKE, "--data-dir", str(home), "ask", "a jacket", "--json", "--no-reply", "--user", "ann"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["portrait"]["profile"]["affinities"]["brand"][0]["value"] == "alpenlite"
    j2 = next(p for p in out["products"] if p["id"] == "J2")
    assert "because you bought the Alpenlite Storm Shell Jacket - Blue" in j2["why"]
    assert main([*FAKE, "--data-dir", str(home), "ask", "a jacket", "--json", "--no-reply"]) == 0
    assert "profile" not in json.loads(capsys.readouterr().out)["portrait"]
    assert main([*FAKE, "--data-dir", str(home), "users", "delete", "ann"]) == 0
    assert main([*FAKE, "--data-dir", str(home), "users", "profile", "ann"]) == 2


def test_ranker_train_from_feedback_trains_the_collaborative_model(home, tmp_path, capsys):
    rows = [{"user_id": f"u{u}", "product_id": pid, "event": "purchase", "timestamp": 1e9 + u * 10 + k}
            for u in range(12) for k, pid in enumerate(("J1", "H1") if u % 2 else ("J2", "K1"))]
    f = tmp_path / "events.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in rows))
    assert main([*FAKE, "--data-dir", str(home), "events", "import", str(f)]) == 0
    assert main([*FAKE, "--data-dir", str(home), "ranker", "train", "--from-feedback"]) == 0
    assert "saved the collaborative model" in capsys.readouterr().err
    from retrieval.ranking.collaborative import load_model

    model = load_model(home / "ranker" / "collaborative.npz")
    s = model.score({"J1": 1.0}, ["H1", "K1"])
    assert s[0] > s[1]


def test_experiments_report_on_recorded_events(home, tmp_path, capsys):
    from assistant.users.store import UserEvent, UserStore

    store = UserStore(home / "sessions.sqlite")
    events = []
    for u in range(400):
        variant = "control" if u % 2 else "treatment"
        tag = f"e1={variant}"
        events.append(UserEvent(f"u{u}", "J1", "impression", 10.0 + u, variant=tag))
        if u % 10 < (3 if variant == "control" else 6):
            events.append(UserEvent(f"u{u}", "J1", "click", 11.0 + u, variant=tag))
    store.add_events(events)
    png = tmp_path / "plot.png"
    assert main([*FAKE, "--data-dir", str(home), "experiments", "report", "e1", "--json", "--plot", str(png)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["variants"]["control"]["users"] == 200
    assert result["variants"]["control"]["click"]["rate"] == pytest.approx(0.2)   # odd u: u % 10 == 1 only
    assert result["variants"]["treatment"]["click"]["rate"] == pytest.approx(0.6)
    assert result["tests"]["click"]["significant"] is True
    assert result["tests"]["purchase"]["significant"] is False and result["warnings"]
    assert png.stat().st_size > 1000


def test_http_user_routes(fake_assistant):
    from ui.http_api import create_app

    client = TestClient(create_app(fake_assistant, ui=False), base_url="http://127.0.0.1")  # loopback Host (ui.http_guard)
    sid = client.post("/v1/sessions", json={"user_id": "ann"}).json()["session_id"]
    assert client.post(f"/v1/sessions/{sid}/feedback", json={"product_id": "J2", "event": "purchase"}).status_code == 201
    profile = client.get("/v1/users/ann/profile").json()
    assert profile["affinities"]["brand"][0]["value"] == "alpenlite" and profile["sessions"] == [sid]
    edited = client.patch("/v1/users/ann/profile", json={"field": "brand", "value": "Alpenlite", "action": "hide"})
    assert edited.status_code == 200 and edited.json()["affinities"]["brand"] == []
    assert client.patch("/v1/users/ann/profile", json={"field": "shoe", "value": "x"}).status_code == 422
    assert client.get("/v1/users/ann/export").json()["user_events"]
    assert client.delete("/v1/users/ann").status_code == 204
    assert client.get("/v1/users/ann/profile").status_code == 404
    assert client.get(f"/v1/sessions/{sid}/portrait").status_code == 404     # their sessions went too
    assert client.post("/v1/sessions", json={"user_id": "bad id!"}).status_code == 422
