"""Catalog, indexing and retrieval. Works with no LLM at all; imports nothing else of ours.

Heavy dependencies (torch, chromadb, bm25s) load lazily inside the components.
``retrieval.text`` holds the text helpers and language tables every stage shares.
"""

from retrieval.catalog.product import InvalidProduct, Product
from retrieval.query import Query

__all__ = ["InvalidProduct", "Product", "Query"]
