"""Assistant-side catalog structures (vocabulary, grounding terms, honesty lexicon), stored with the index.

They need assistant logic, so ``retrieval`` cannot build them at ingest; instead the
assistant persists them in the index's ``DerivedCache`` on first build, keyed by the
catalog generation and by a hash of the code that builds them (see
``retrieval.index.derived``). ``shopguide index``/``ingest`` build them right after
ingesting (``Assistant.prepare_catalog``), so a cold ``ask`` only loads them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, TypeVar

from retrieval.index.catalog_index import CatalogIndex
from retrieval.index.derived import code_version

T = TypeVar("T")


@lru_cache(maxsize=1)
def _version() -> str:
    from assistant.grounding import check, claims
    from assistant.guide import honesty
    from assistant.portrait import extract, tables, vocabulary
    from retrieval import query
    from retrieval.catalog import product
    from retrieval.index import catalog_index

    return code_version(check, claims, honesty, extract, tables, vocabulary, query, product, catalog_index)


def derived(index: CatalogIndex, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per catalog generation and builder code; later calls (and processes) load it."""
    return index.derived.get(name, _version(), build)
