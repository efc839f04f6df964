"""``KnowledgeIndex``: the shop's passages in SQLite, a Chroma collection and BM25.

Idempotent like the catalog: a passage's id is its content hash, so re-adding an
unchanged document embeds nothing, an edited section is re-embedded alone, and a
section that disappeared from the document is deleted. Passages are few (a shop's
policy is tens of sections), so BM25 is rebuilt in memory on first search.

>>> from retrieval.index.embedder import FakeEmbedder
>>> from retrieval.index.store import MemoryStore
>>> import tempfile
>>> kb = KnowledgeIndex(tempfile.mkdtemp(), FakeEmbedder(), store=MemoryStore())
>>> kb.add_document("p.md", "# Returns\\nReturn within 30 days.\\n# Shipping\\nShips in 2 days.").added
2
>>> kb.add_document("p.md", "# Returns\\nReturn within 30 days.\\n# Shipping\\nShips in 2 days.").added
0
>>> kb.search("how many days to return", 1)[0].passage.section
'Returns'
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from retrieval.index.embedder import Embedder
from retrieval.index.keyword import KeywordIndex
from retrieval.index.store import ChromaStore, StoreUnavailable, VectorStore
from retrieval.knowledge.passages import Passage, read_documents, sentences, split_document

COLLECTION = "knowledge"


class KnowledgeUnavailable(RuntimeError):
    """The knowledge index on disk cannot be read (a corrupt ``knowledge.sqlite`` or Chroma collection).

    Product search never needs it: the assistant answers shop questions with "shop
    information is unavailable" and a hand-off until it is restored or rebuilt.
    """


@dataclass(frozen=True)
class KnowledgeHit:
    """A passage with its scores: ``dense`` cosine similarity and ``keyword`` BM25 (0 when absent).

    ``dense`` is the best of the whole passage's and each of its sentences' similarity
    ("are you open on weekends?" is close to one sentence of a long contact section, not
    to the section); ``sentence`` is that closest sentence ("" when the whole passage won).
    """

    passage: Passage
    dense: float
    keyword: float
    sentence: str = ""

    def __repr__(self) -> str:
        return f"KnowledgeHit({self.passage.source!r}, dense={self.dense:.3f}, keyword={self.keyword:.2f})"


@dataclass
class KnowledgeReport:
    """What one ``add`` or ``remove`` changed, per passage."""

    added: int = 0
    unchanged: int = 0
    removed: int = 0
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"added": self.added, "unchanged": self.unchanged, "removed": self.removed, "documents": self.documents}


class KnowledgeIndex:
    """Passages of the shop's documents under ``directory`` (``knowledge.sqlite`` + ``chroma/``)."""

    def __init__(self, directory: str | Path, embedder: Embedder, store: VectorStore | None = None) -> None:
        self.directory = Path(directory)
        self.embedder = embedder
        self._store = store
        self._db: sqlite3.Connection | None = None
        self._keyword: KeywordIndex | None = None
        self._passages: dict[str, Passage] | None = None
        self._lock = threading.Lock()

    @property
    def store(self) -> VectorStore:
        if self._store is None:
            self._store = ChromaStore(path=self.directory / "chroma", collection=COLLECTION)
        return self._store

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            with self._readable():
                db = sqlite3.connect(self.directory / "knowledge.sqlite", check_same_thread=False)
                try:
                    db.execute("CREATE TABLE IF NOT EXISTS passages (id TEXT PRIMARY KEY, document TEXT NOT NULL, "
                               "section TEXT NOT NULL, text TEXT NOT NULL, position INTEGER NOT NULL)")
                except BaseException:
                    db.close()
                    raise
            self._db = db
        return self._db

    @contextlib.contextmanager
    def _readable(self):
        """A corrupt ``knowledge.sqlite`` or Chroma collection → ``KnowledgeUnavailable`` naming the files."""
        try:
            yield
        except StoreUnavailable:
            raise
        except Exception as exc:   # sqlite3.DatabaseError, or one of chromadb's errors
            broken = isinstance(exc, (sqlite3.DatabaseError, OSError)) or type(exc).__module__.startswith("chromadb")
            if isinstance(exc, KnowledgeUnavailable) or not broken:
                raise
            raise KnowledgeUnavailable(
                f"shop knowledge unavailable: the index in {self.directory} (knowledge.sqlite, chroma/) cannot be "
                f"read ({type(exc).__name__}: {str(exc)[:120]}); restore it from a backup, or delete that folder "
                "and run `shopguide knowledge add` again") from exc

    def exists(self) -> bool:
        return (self.directory / "knowledge.sqlite").exists() and bool(self.passages())

    # -- writing -------------------------------------------------------------------------------
    def add(self, path: str | Path) -> KnowledgeReport:
        """Add or update every document in a file or folder (see ``passages.read_documents``)."""
        report = KnowledgeReport()
        for name, passages in read_documents(path).items():
            self._replace(name, passages, report)
        return report

    def add_document(self, name: str, text: str) -> KnowledgeReport:
        report = KnowledgeReport()
        self._replace(name, split_document(name, text), report)
        return report

    def _replace(self, name: str, passages: list[Passage], report: KnowledgeReport) -> None:
        with self._lock:
            with self._readable():
                old = {row[0] for row in self.db.execute("SELECT id FROM passages WHERE document = ?", (name,))}
            new = {p.id: p for p in passages}
            todo = [p for pid, p in new.items() if pid not in old]
            gone = sorted(old - set(new))
            if todo:
                units = [(f"{p.id}:{i}", p, text) for p in todo for i, text in enumerate(self._units(p))]
                vectors = self.embedder.embed([self._heading(p) + text for _, p, text in units])
                with self._readable():
                    self.store.upsert([uid for uid, _, _ in units], vectors,
                                      [{"document": p.document, "passage": p.id} for _, p, _ in units],
                                      [text for _, _, text in units])
            if gone:
                self._delete_units(gone)
            with self.db:
                self.db.executemany("DELETE FROM passages WHERE id = ?", [(g,) for g in gone])
                self.db.executemany("INSERT OR REPLACE INTO passages VALUES (?, ?, ?, ?, ?)",
                                    [(p.id, p.document, p.section, p.text, i) for i, p in enumerate(passages)])
            report.added += len(todo)
            report.unchanged += len(new) - len(todo)
            report.removed += len(gone)
            report.documents.append(name)
            self._invalidate()

    def remove(self, document: str) -> KnowledgeReport:
        """Delete one document's passages (by the name ``list`` shows); unknown names remove nothing."""
        with self._lock:
            with self._readable():
                ids = [row[0] for row in self.db.execute("SELECT id FROM passages WHERE document = ?", (document,))]
            if ids:
                self._delete_units(ids)
                with self.db:
                    self.db.execute("DELETE FROM passages WHERE document = ?", (document,))
                self._invalidate()
        return KnowledgeReport(removed=len(ids), documents=[document] if ids else [])

    def _invalidate(self) -> None:
        self._keyword = None
        self._passages = None

    @staticmethod
    def _units(p: Passage) -> list[str]:
        """What gets a vector: the whole passage (unit 0), then each sentence when there are several."""
        parts = sentences(p.text)
        return [p.text] + (parts if len(parts) > 1 else [])

    def _unit_ids(self, passage_ids: Sequence[str]) -> list[str]:
        out = []
        for pid in passage_ids:
            row = self.db.execute("SELECT text FROM passages WHERE id = ?", (pid,)).fetchone()
            count = len(self._units(Passage("", "", row[0]))) if row else 1
            out += [f"{pid}:{i}" for i in range(count)]
        return out

    def _delete_units(self, passage_ids: Sequence[str]) -> None:
        with self._readable():
            self.store.delete(self._unit_ids(passage_ids))

    @staticmethod
    def _heading(p: Passage) -> str:
        # the heading says what the section is about ("Returns"); the text alone often does not
        return f"{p.section.replace(' › ', '. ')}. " if p.section else ""

    @staticmethod
    def _embed_text(p: Passage) -> str:
        # the heading says what the section is about ("Returns"); the text alone often does not
        return f"{p.section.replace(' › ', '. ')}. {p.text}" if p.section else p.text

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[tuple[str, int]]:
        """(document name, passage count), sorted by name."""
        with self._readable():
            return [(d, n) for d, n in self.db.execute(
                "SELECT document, COUNT(*) FROM passages GROUP BY document ORDER BY document")]

    def passages(self) -> dict[str, Passage]:
        if self._passages is None:
            with self._readable():
                rows = self.db.execute("SELECT id, document, section, text FROM passages ORDER BY document, position")
                self._passages = {pid: Passage(doc, section, text) for pid, doc, section, text in rows}
        return self._passages

    def _keyword_index(self) -> KeywordIndex:
        if self._keyword is None:
            passages = self.passages()
            keyword = KeywordIndex()
            keyword.build(list(passages), [self._embed_text(p) for p in passages.values()])
            self._keyword = keyword
        return self._keyword

    def search(self, text: str, k: int = 3) -> list[KnowledgeHit]:
        """The ``k`` best passages for ``text``, by dense similarity (BM25 breaks ties).

        Every passage gets both scores (they are few), so a caller can threshold either.
        """
        passages = self.passages()
        if not passages or not text.strip():
            return []
        vector = np.asarray(self.embedder.embed([text])[0])
        dense: dict[str, float] = {}
        closest: dict[str, str] = {}
        with self._readable():
            found = self.store.query(vector, self.store.count())
        for uid, score in found:
            pid, _, unit = uid.partition(":")
            if pid in passages and score > dense.get(pid, -2.0):
                dense[pid] = score
                closest[pid] = self._units(passages[pid])[int(unit)] if unit not in ("", "0") else ""
        keyword = dict(self._keyword_index().search(text, len(passages)))
        hits = {pid: KnowledgeHit(p, dense.get(pid, 0.0), keyword.get(pid, 0.0), closest.get(pid, ""))
                for pid, p in passages.items()}
        # dense first, BM25 breaks ties: on the demo policy's customer-service suite, ranking by
        # dense similarity answered 0.887 against 0.859 for reciprocal-rank fusion (MiniLM, min_score 0.35)
        return sorted(hits.values(), key=lambda h: (round(h.dense, 3), h.keyword), reverse=True)[:k]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def passage_texts(hits: Sequence[KnowledgeHit]) -> list[str]:
    return [h.passage.text for h in hits]
