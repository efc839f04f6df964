"""Corrupt shop knowledge (issue 17): bad files are refused by name, a corrupt index costs shop answers only.

``knowledge add`` reads and checks every file before writing anything: binary data,
invalid UTF-8 (a file cut inside a character, a Latin-1 export), markup with no text,
tag soup or junk that is mostly not letters → exit 2 and one line naming the file, and
the knowledge already indexed is untouched. On the old code these were decoded with
replacement characters and indexed, and an empty file silently deleted the document's
passages. A ``knowledge.sqlite`` or Chroma collection corrupted on disk → shop questions
answer "shop information … is unavailable" with a hand-off (``knowledge_unavailable``),
product questions are unaffected, ``knowledge list`` exits 5 naming the folder; on the
old code a shop question was a 500.

Not detected (documented in docs/reliability.md): a file truncated at a character
boundary is valid, shorter text.
"""

from __future__ import annotations

import json
import os

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SAMPLE_PRODUCTS
from ui.cli import main
from ui.http_api import create_app
from tests.chroma_cleanup import close_chroma_clients  # noqa: F401  (autouse)

POLICY = ("# Returns\nYou can return items within 30 days for a full refund.\n"
          "# Shipping\nShipping is free on orders over $75. Standard delivery takes 3 to 5 days.\n")
BAD_FILES = {
    "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "latin1.md": "# Retours\nRetour gratuit sous 30 jours, m\u00eame sold\u00e9.\n".encode("latin-1"),
    "cut.md": ("# Returns\nRefunds go to the card you paid with \u2014".encode("utf-8"))[:-1],   # inside the dash
    "empty.md": b"",
    "markup.html": b"<html><head><script>var a=1;</script><style>p{}</style></head><body><div></div></body></html>",
    "soup.html": b"<div>{{ }} ## %%% <<< >>> 0x00ff || ~~ ^^ @@ 123 456 ;;; ]]]</div>" * 20,
}


@pytest.fixture
def home(tmp_path):
    catalog = tmp_path / "products.jsonl"
    catalog.write_text("\n".join(json.dumps(p) for p in SAMPLE_PRODUCTS))
    home = tmp_path / "home"
    (tmp_path / "policy.md").write_text(POLICY)
    assert main([*_args(home), "ingest", str(catalog)]) == 0
    assert main([*_args(home), "knowledge", "add", str(tmp_path / "policy.md")]) == 0
    return home


def _args(home):
    return ["--embedder", "fake", "--llm", "fake", "--data-dir", str(home)]


def _listed(home, capsys) -> list:
    capsys.readouterr()
    assert main([*_args(home), "knowledge", "list", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_refused_by_name_and_nothing_is_lost(home, tmp_path, capsys, name):
    before = _listed(home, capsys)
    bad = tmp_path / "bad" / name
    bad.parent.mkdir()
    bad.write_bytes(BAD_FILES[name])
    assert main([*_args(home), "knowledge", "add", str(bad)]) == 2
    err = capsys.readouterr().err
    assert name in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _listed(home, capsys) == before


def test_a_folder_with_one_bad_file_adds_nothing(home, tmp_path, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "faq.md").write_text("# Gift wrap\nWe gift wrap any order for $4.\n")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00g\x00a\x00r\x00b")
    before = _listed(home, capsys)
    assert main([*_args(home), "knowledge", "add", str(folder)]) == 2
    assert "broken.txt" in capsys.readouterr().err
    assert _listed(home, capsys) == before       # not even the good file: fix the folder, add again


def test_the_file_checks_pass_real_documents(tmp_path):
    from importlib import resources

    from retrieval.knowledge.passages import read_documents

    (tmp_path / "policy.md").write_text(resources.files("retrieval.demo").joinpath("policy.md").read_text())
    (tmp_path / "faq.html").write_text("<h1>FAQ</h1><p>Yes, we ship to Canada — €9.50 flat.</p>")
    (tmp_path / "bom.txt").write_bytes("\ufeffOpening hours\nWe answer e-mails every day.\n".encode("utf-8"))
    docs = read_documents(tmp_path)
    assert set(docs) == {"policy.md", "faq.html", "bom.txt"} and all(docs.values())


def _corrupt(path) -> None:
    data = path.read_bytes()
    path.write_bytes(os.urandom(4096) + data[4096:])


@pytest.mark.parametrize("part", ["knowledge.sqlite", "chroma/chroma.sqlite3"])
def test_a_corrupt_knowledge_index_costs_shop_answers_only(home, capsys, part):
    from assistant import Assistant

    _corrupt(home / "knowledge" / part)
    bot = Assistant.from_config(home=home, **{"llm.backend": "fake", "embedder": "fake", "understanding.llm": False})
    with TestClient(create_app(bot, ui=False), base_url="http://127.0.0.1") as client:
        sid = client.post("/v1/sessions").json()["session_id"]
        shop = client.post(f"/v1/sessions/{sid}/messages", json={"text": "what is your return policy?"})
        assert shop.status_code == 200, shop.text
        assert "Shop information (policies, FAQ) is unavailable" in shop.json()["reply"]
        assert shop.json()["handoff"]["reason"] == "knowledge_unavailable" and shop.json()["sources"] == []
        products = client.post(f"/v1/sessions/{sid}/messages", json={"text": "a waterproof jacket under $150"})
        assert products.status_code == 200 and products.json()["products"]
        assert client.get("/readyz").status_code == 200       # the shop still sells
    (home.parent / "faq.md").write_text("# Gift wrap\nWe gift wrap any order for $4.\n")
    commands = [["knowledge", "add", str(home.parent / "faq.md")]]
    if part == "knowledge.sqlite":     # `list` reads only that file
        commands.append(["knowledge", "list"])
    for command in commands:
        capsys.readouterr()
        assert main([*_args(home), *command]) == 5, command
        err = capsys.readouterr().err
        assert str(home / "knowledge") in err and "knowledge add" in err and "Traceback" not in err
