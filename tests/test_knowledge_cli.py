"""`shopguide knowledge add|list|remove` against a temp data directory (fake embedder, embedded Chroma)."""

from __future__ import annotations

import json

import pytest

from ui.cli import main

FAKE = ["--embedder", "fake", "--llm", "fake"]


def test_add_list_remove_roundtrip(tmp_path, capsys):
    pytest.importorskip("chromadb")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "returns.md").write_text("# Returns\nWithin 30 days.\n# Refunds\nTo your card.")
    (docs / "faq.html").write_text("<h1>Shipping</h1><p>We ship to Canada.</p>")
    home = ["--data-dir", str(tmp_path / "home")]
    assert main([*FAKE, *home, "knowledge", "add", str(docs), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"added": 3, "unchanged": 0, "removed": 0,
                                                    "documents": ["faq.html", "returns.md"]}
    assert main([*FAKE, *home, "knowledge", "add", str(docs / "returns.md"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 2
    assert main([*FAKE, *home, "knowledge", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"document": "faq.html", "passages": 1},
                                                   {"document": "returns.md", "passages": 2}]
    assert main([*FAKE, *home, "knowledge", "remove", "returns.md"]) == 0
    assert main([*FAKE, *home, "knowledge", "remove", "returns.md"]) == 2      # gone: an input error
    assert main([*FAKE, *home, "knowledge", "add", str(tmp_path / "missing.md")]) == 2
    capsys.readouterr()
    assert main([*FAKE, *home, "knowledge", "list"]) == 0
    assert capsys.readouterr().out == "faq.html\t1 passages\n"
