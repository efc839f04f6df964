"""Shop knowledge: splitting by heading, idempotent add/update/remove, search (fake embedder; one Chroma test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.index.embedder import FakeEmbedder
from retrieval.index.store import MemoryStore
from retrieval.knowledge.index import KnowledgeIndex
from retrieval.knowledge.passages import read_documents, split_document

POLICY = Path(__file__).resolve().parents[1] / "retrieval" / "demo" / "policy.md"


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.embedded: list[str] = []

    def embed(self, texts, batch_size=64):
        self.embedded += list(texts)
        return super().embed(texts, batch_size)


def test_markdown_sections_nest_and_keep_their_path():
    passages = split_document("faq.md", "Intro text.\n# Shipping\nFast.\n## Abroad\nCanada only.\n# Returns\n30 days.")
    assert [(p.section, p.text) for p in passages] == [
        ("", "Intro text."), ("Shipping", "Fast."), ("Shipping › Abroad", "Canada only."), ("Returns", "30 days.")]
    assert passages[2].source == "faq.md › Shipping › Abroad"


def test_html_headings_split_and_scripts_are_dropped():
    html = ("<html><head><style>p{}</style></head><body><h1>Payment</h1><p>We take <b>Visa</b>.</p>"
            "<script>alert('x')</script><h2>Cash</h2><p>No cash.</p></body></html>")
    passages = split_document("pay.html", html)
    assert [(p.section, p.text) for p in passages] == [("Payment", "We take Visa."), ("Payment › Cash", "No cash.")]


def test_plain_text_short_lines_before_text_are_headings():
    text = "Returns\nYou can return items within 30 days.\n\nShipping\nWe ship to Canada."
    assert [(p.section, p.text) for p in split_document("p.txt", text)] == [
        ("Returns", "You can return items within 30 days."), ("Shipping", "We ship to Canada.")]


def test_a_folder_reads_every_knowledge_file_and_skips_others(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("# A\nalpha")
    (tmp_path / "sub" / "b.html").write_text("<h1>B</h1><p>beta</p>")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    assert sorted(read_documents(tmp_path)) == ["a.md", "sub/b.html"]
    with pytest.raises(ValueError):
        read_documents(tmp_path / "c.pdf")


def test_add_is_idempotent_and_an_edit_reembeds_only_the_changed_section(tmp_path):
    embedder = CountingEmbedder()
    kb = KnowledgeIndex(tmp_path, embedder, store=MemoryStore())
    doc = tmp_path / "policy.md"
    doc.write_text("# Returns\nWithin 30 days.\n# Shipping\nIn 3 days.")
    assert kb.add(doc).to_dict() == {"added": 2, "unchanged": 0, "removed": 0, "documents": ["policy.md"]}
    assert kb.add(doc).added == 0 and len(embedder.embedded) == 2
    doc.write_text("# Returns\nWithin 60 days.\n# Shipping\nIn 3 days.")
    report = kb.add(doc)
    assert (report.added, report.unchanged, report.removed) == (1, 1, 1)
    assert embedder.embedded[-1].endswith("Within 60 days.")
    assert kb.store.count() == 2
    assert "60 days" in kb.search("returns", 1)[0].passage.text


def test_remove_deletes_one_document_and_list_shows_the_rest(tmp_path):
    kb = KnowledgeIndex(tmp_path, FakeEmbedder(), store=MemoryStore())
    kb.add_document("a.md", "# A\nalpha one\n# B\nbeta two")
    kb.add_document("b.md", "# C\ngamma")
    assert kb.documents() == [("a.md", 2), ("b.md", 1)]
    assert kb.remove("a.md").removed == 2
    assert kb.remove("nope.md").removed == 0
    assert kb.documents() == [("b.md", 1)] and kb.store.count() == 1


def test_search_ranks_the_matching_section_first_on_the_demo_policy(tmp_path):
    kb = KnowledgeIndex(tmp_path, FakeEmbedder(dim=512), store=MemoryStore())
    kb.add(POLICY)
    assert kb.search("which payment methods do you accept, PayPal?", 1)[0].passage.section.endswith("Payment")
    assert kb.search("warranty on electronics", 1)[0].passage.section.endswith("Warranty")


def test_the_chroma_collection_is_separate_from_the_catalog(tmp_path):
    pytest.importorskip("chromadb")
    kb = KnowledgeIndex(tmp_path, FakeEmbedder())
    kb.add(POLICY)
    assert kb.store.collection_name == "knowledge"
    # one vector per passage and one per sentence of a passage with several
    assert kb.store.count() == sum(len(kb._units(p)) for p in kb.passages().values()) > len(kb.passages()) >= 8
    kb.remove("policy.md")
    assert kb.store.count() == 0
    kb.add(POLICY)
    reopened = KnowledgeIndex(tmp_path, FakeEmbedder())
    assert reopened.add(POLICY).added == 0
    assert reopened.search("shipping to Canada", 1)[0].passage.section.endswith("Shipping")
