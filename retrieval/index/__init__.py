"""The searchable catalog: product table, vectors (Chroma) and BM25, kept in step.

Owns: ``catalog_index.CatalogIndex`` (ingest, crash-safe upsert), ``embedder`` (the
embedder seam), ``store`` (the vector-store seam, Chroma embedded or server),
``keyword`` (BM25), ``masks`` (hard constraints as masks), ``chroma_server``.

May import: ``retrieval.catalog``, ``retrieval.query``, ``retrieval.text``.
"""
