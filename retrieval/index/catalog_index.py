"""The searchable catalog: product table (SQLite) + vectors (Chroma) + BM25, kept in step.

Ingest is an idempotent upsert keyed by product id with a content hash:

* unchanged products (same hash) are not embedded again;
* new or changed products are embedded in batches; each batch is written to Chroma
  *before* its rows (with hashes) are committed to the product table, so a process
  killed mid-ingest leaves at worst vectors whose rows are missing — the next run
  re-embeds those (hash mismatch) and removes any orphan vector;
* ``prune`` deletes products no longer in the input.

The product table is the source of truth for product data; the BM25 index records the
catalog generation it was built from and is rebuilt whenever they differ.
"""

from __future__ import annotations

import json
import queue
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from retrieval.index.embedder import Embedder
from retrieval.index.keyword import KeywordIndex
from retrieval.catalog.product import Product
from retrieval.query import Query
from retrieval.index.derived import DerivedCache, code_version
from retrieval.index.masks import ConstraintMasks
from retrieval.index.vectors import VectorMatrix
from retrieval.index.store import ChromaStore, VectorStore, filter_document, product_metadata
from retrieval.text.segment import DEFAULT_SEGMENTER, check_segmenter

ProgressFactory = Callable[[int, str], object]


class EmbedderMismatch(ValueError):
    """The index holds vectors from another embedder than the configured one.

    Vectors from two models are not comparable (both MiniLM and E5 are 384-wide, so
    nothing would fail: results would silently be noise), so searching or adding to
    such an index is refused until it is rebuilt with one embedder.
    """

    def __init__(self, indexed: Sequence[str], configured: str) -> None:
        self.indexed = sorted(indexed)
        self.configured = configured
        super().__init__(
            f"the index was built with embedder {', '.join(map(repr, self.indexed))} but the configured "
            f"embedder is {configured!r}; vectors from different models cannot be mixed: re-index with "
            "`shopguide index --rebuild` (demo catalog) or `shopguide ingest FILE --rebuild`, or set "
            "the embedder back"
        )


@dataclass
class IngestReport:
    """What an ingest did. ``embedded`` counts vectors actually computed."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    embedded: int = 0
    orphans_removed: int = 0
    seconds: float = 0.0
    errors: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    def to_dict(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "removed": self.removed, "embedded": self.embedded, "orphans_removed": self.orphans_removed,
            "seconds": round(self.seconds, 2), "invalid_rows": len(self.errors),
        }


class CatalogIndex:
    """All indexed data under one directory. Cheap to construct; opens on first use."""

    def __init__(self, directory: str | Path, embedder: Embedder, store: VectorStore | None = None,
                 exact_search: bool | None = None, segmenter: str = DEFAULT_SEGMENTER) -> None:
        self.directory = Path(directory)
        self.embedder = embedder
        self.segmenter = check_segmenter(segmenter)   # how BM25 cuts Chinese text (retrieval.text.segment)
        self._store = store
        # dense queries scan a numpy copy of the vectors (retrieval.index.vectors) instead of
        # asking Chroma; by default only for the embedded store (a server stays the query path)
        self.exact_search = store is None if exact_search is None else exact_search
        self._vectors: tuple[KeywordIndex, VectorMatrix] | None = None
        self._db: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._products: dict[str, Product] | None = None
        self._keyword: KeywordIndex | None = None
        self._masks: tuple[KeywordIndex, ConstraintMasks] | None = None
        self._embedder_ok: int | None = None   # generation last found consistent with the embedder
        # masks, lexicons, vocabularies: built once per catalog generation, stored under derived/
        self.derived = DerivedCache(self.directory / "derived", self._generation)

    # -- opening -------------------------------------------------------------------
    @property
    def store(self) -> VectorStore:
        if self._store is None:
            self._store = ChromaStore(path=self.directory / "chroma")
        return self._store

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.directory / "products.sqlite", check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS products (id TEXT PRIMARY KEY, hash TEXT NOT NULL,"
                " embedder TEXT NOT NULL, data TEXT NOT NULL)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.commit()
            self._db = db
        return self._db

    def exists(self) -> bool:
        return (self.directory / "products.sqlite").exists() and self.count() > 0

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM products").fetchone()[0])

    def indexed_embedders(self) -> set[str]:
        """Names of the embedders whose vectors the index holds (one, unless a rebuild was cut short)."""
        return {row[0] for row in self.db.execute("SELECT DISTINCT embedder FROM products")}

    def check_embedder(self) -> None:
        """Raise ``EmbedderMismatch`` unless every stored vector came from ``self.embedder``.

        Checked once per catalog generation (a turn calls it; the table scan is not free).
        """
        generation = self._generation()
        if self._embedder_ok == generation:
            return
        indexed = self.indexed_embedders()
        if indexed and indexed != {self.embedder.name}:
            raise EmbedderMismatch(indexed, self.embedder.name)
        self._embedder_ok = generation

    def _generation(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def _bump_generation(self) -> None:
        with self.db:
            self._bump_generation_sql()

    def _bump_generation_sql(self) -> None:
        """Part of the caller's transaction: any change to the rows changes the generation,
        so the BM25 index (stamped with the generation it was built from) is rebuilt."""
        self.db.execute(
            "INSERT INTO meta(key, value) VALUES('generation', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (str(self._generation() + 1),),
        )

    # -- ingest ---------------------------------------------------------------------
    def ingest(self, products: Iterable[Product], prune: bool = False, batch_size: int = 256,
               progress: ProgressFactory | None = None, rebuild: bool = False) -> IngestReport:
        """Upsert ``products``; see the module docstring for the guarantees.

        An index embedded by another model raises ``EmbedderMismatch`` unless ``rebuild``:
        then every product is embedded again with the configured embedder (rows record
        which embedder made their vector, so an interrupted rebuild is finished by the
        next ``rebuild`` run and refused by search until then).

        Embedding (the embedder's threads) and writing (Chroma, SQLite) overlap: a writer
        thread stores batch *n* while batch *n+1* is embedded, so the ingest rate stays
        close to the embedder's own rate.
        """
        started = time.perf_counter()
        report = IngestReport()
        if not rebuild:
            self.check_embedder()
        with self._lock:
            incoming: dict[str, Product] = {}
            for product in products:
                incoming[product.id] = product
            known = {
                pid: (h, emb) for pid, h, emb in self.db.execute("SELECT id, hash, embedder FROM products")
            }
            stored = self.store.ids()
            todo: list[Product] = []
            for pid, product in incoming.items():
                old = known.get(pid)
                if old is not None and old == (product.content_hash(), self.embedder.name) and pid in stored:
                    report.unchanged += 1
                    continue
                todo.append(product)
                if old is None:
                    report.added += 1
                else:
                    report.updated += 1
            if prune:
                # rows first, vectors second: a crash in between leaves orphan vectors,
                # which the next run removes, never rows without vectors
                gone = sorted(set(known) - set(incoming))
                if gone:
                    with self.db:
                        self.db.executemany("DELETE FROM products WHERE id=?", [(pid,) for pid in gone])
                        self._bump_generation_sql()
                    self.store.delete([pid for pid in gone if pid in stored])
                    report.removed = len(gone)
                    known = {pid: v for pid, v in known.items() if pid in incoming}
            # vectors without a row are leftovers of an interrupted run
            orphans = sorted(stored - set(known) - set(incoming))
            if orphans:
                self.store.delete(orphans)
                report.orphans_removed = len(orphans)
            # similar lengths batch together: less padding, the embedder's best rate; each
            # text is built once (the sort and the embedder share it)
            texts = {p.id: p.search_text() for p in todo}
            todo.sort(key=lambda p: len(texts[p.id]))
            report.embedded = self._embed_and_write(todo, batch_size, progress, texts)
            if todo or report.removed or report.orphans_removed:
                self._invalidate()
            self._ensure_keyword()
            self.constraint_masks()   # built now, at ingest time, not by the first query
            if self.exact_search:
                self.vector_matrix()
        report.seconds = time.perf_counter() - started
        return report

    def _embed_and_write(self, todo: list[Product], batch_size: int, progress: ProgressFactory | None,
                         texts: dict[str, str]) -> int:
        if not todo:
            return 0
        embed_bar = progress(len(todo), "embedding") if progress else None
        write_bar = progress(len(todo), "writing  ") if progress else None
        pending: queue.Queue = queue.Queue(maxsize=2)
        failure: list[BaseException] = []
        written = [0]

        def writer() -> None:
            while True:
                item = pending.get()
                if item is None:
                    return
                if failure:
                    continue  # drain after an error; the main thread re-raises it
                batch, vectors = item
                try:
                    self._write_batch(batch, vectors)
                except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                    failure.append(exc)
                    continue
                written[0] += len(batch)
                if write_bar is not None:
                    write_bar.update(len(batch))

        thread = threading.Thread(target=writer, name="shopguide-ingest-writer", daemon=True)
        thread.start()
        try:
            for start in range(0, len(todo), batch_size):
                if failure:
                    break
                batch = todo[start:start + batch_size]
                vectors = self.embedder.embed([texts[p.id] for p in batch])
                if embed_bar is not None:
                    embed_bar.update(len(batch))
                pending.put((batch, vectors))
        finally:
            pending.put(None)
            thread.join()
            for bar in (embed_bar, write_bar):
                if bar is not None:
                    bar.close()
        if failure:
            raise failure[0]
        return written[0]

    def _write_batch(self, batch: list[Product], vectors: np.ndarray) -> None:
        """Vectors first, then rows and the generation bump in one SQLite transaction."""
        self.store.upsert(
            [p.id for p in batch], vectors, [product_metadata(p) for p in batch],
            documents=[filter_document(p) for p in batch],
        )
        with self.db:
            self.db.executemany(
                "INSERT INTO products(id, hash, embedder, data) VALUES(?,?,?,?) ON CONFLICT(id) DO UPDATE"
                " SET hash=excluded.hash, embedder=excluded.embedder, data=excluded.data",
                [(p.id, p.content_hash(), self.embedder.name, json.dumps(p.to_dict(), ensure_ascii=False))
                 for p in batch],
            )
            self._bump_generation_sql()

    def remove(self, ids: Sequence[str]) -> int:
        with self._lock:
            with self.db:
                cur = self.db.executemany("DELETE FROM products WHERE id=?", [(pid,) for pid in ids])
                self._bump_generation_sql()
            self.store.delete(list(ids))
            self._invalidate()
            return cur.rowcount

    def _invalidate(self) -> None:
        self._products = None
        self._keyword = None
        self._masks = None
        self._vectors = None

    # -- reading --------------------------------------------------------------------
    @property
    def products(self) -> dict[str, Product]:
        with self._lock:
            if self._products is None:
                rows = self.db.execute("SELECT data FROM products ORDER BY id").fetchall()
                self._products = {}
                for (data,) in rows:
                    p = Product(**json.loads(data))
                    self._products[p.id] = p
            return self._products

    def get(self, pid: str) -> Product | None:
        return self.products.get(pid)

    @property
    def keyword(self) -> KeywordIndex:
        with self._lock:
            self._ensure_keyword()
            return self._keyword

    def _ensure_keyword(self) -> None:
        if self._keyword is not None:
            return
        path = self.directory / "bm25"
        generation = str(self._generation())
        if KeywordIndex.stamp_of(path) == generation and KeywordIndex.segmenter_of(path) == self.segmenter:
            self._keyword = KeywordIndex.load(path)
            return
        products = list(self.products.values())
        index = KeywordIndex(self.segmenter)
        index.build([p.id for p in products], [p.search_text() for p in products])
        try:
            index.save(path, stamp=generation)
        except OSError:  # a read-only data directory still searches, it just rebuilds each time
            pass
        self._keyword = index

    def constraint_masks(self) -> ConstraintMasks:
        """The constraint columns in BM25 document order, from ``derived/`` when current."""
        with self._lock:
            keyword = self.keyword
            if self._masks is None or self._masks[0] is not keyword:
                from retrieval import query as query_module
                from retrieval.catalog import product as product_module
                from retrieval.index import masks as masks_module, store as store_module

                def build() -> ConstraintMasks:
                    return ConstraintMasks([self.products[pid] for pid in keyword.ids])

                version = code_version(masks_module, store_module, query_module, product_module)
                masks = self.derived.get("constraint_masks", version, build)
                if masks.ids != keyword.ids:   # a BM25 index from elsewhere: never trust a misaligned mask
                    masks = build()
                self._masks = (keyword, masks)
            return self._masks[1]

    def vector_matrix(self) -> VectorMatrix:
        """The stored vectors in BM25 document order, from ``derived/`` when current.

        Built by reading every vector back from the store (once per catalog generation
        and embedder), so a query never has to open Chroma.
        """
        with self._lock:
            keyword = self.keyword
            if self._vectors is None or self._vectors[0] is not keyword:
                from retrieval.index import vectors as vectors_module

                def build() -> VectorMatrix:
                    return VectorMatrix(keyword.ids, self.store.vectors(keyword.ids))

                version = f"{code_version(vectors_module)}:{getattr(self.embedder, 'name', '')}"
                matrix = self.derived.get("vector_matrix", version, build)
                if matrix.ids != keyword.ids:   # never trust a misaligned copy
                    matrix = build()
                self._vectors = (keyword, matrix)
            return self._vectors[1]

    def allowed_mask(self, query: Query) -> np.ndarray:
        """Boolean mask over BM25 documents: True where every hard constraint holds."""
        return self.constraint_masks().allowed(query)

    def vocabulary(self) -> dict[str, list[str]]:
        """Brands, category names and attribute values of the catalog (for the portrait)."""
        import sys

        return self.derived.get("vocabulary", code_version(sys.modules[__name__]), self._build_vocabulary)

    def _build_vocabulary(self) -> dict[str, list[str]]:
        brands, categories, colours, materials, features = set(), set(), set(), set(), set()
        for p in self.products.values():
            if p.brand:
                brands.add(p.brand)
            for level in p.category.split(">"):
                if level.strip():
                    categories.add(level.strip())
            for key, value in p.attributes.items():
                values = value if isinstance(value, list) else [value]
                target = (
                    colours if key.startswith(("colour", "color")) else
                    materials if key.startswith("material") else
                    features if key in ("features", "feature") else None
                )
                if target is not None:
                    target.update(str(v) for v in values if str(v).strip())
        return {
            "brands": sorted(brands), "categories": sorted(categories), "colours": sorted(colours),
            "materials": sorted(materials), "features": sorted(features),
        }

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
