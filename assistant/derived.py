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
    """Hash of the builder code and of the language tables it reads (editing either rebuilds)."""
    import hashlib
    from importlib import resources

    from assistant.grounding import check, claims
    from assistant.guide import honesty
    from assistant.portrait import extract, vocabulary
    from retrieval import query
    from retrieval.catalog import product
    from retrieval.index import catalog_index
    from retrieval.text import fuzzy, money, numbers, segment, words

    digest = hashlib.sha1(code_version(check, claims, honesty, extract, vocabulary, query, product, catalog_index,
                                       fuzzy, money, numbers, segment, words).encode())
    tables = resources.files("retrieval.text").joinpath("lang")
    for folder in sorted(tables.iterdir(), key=lambda f: f.name):
        if folder.is_dir():
            for file in sorted(folder.iterdir(), key=lambda f: f.name):
                digest.update(file.name.encode() + file.read_bytes())
    return digest.hexdigest()[:16]


def derived(index: CatalogIndex, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per catalog generation and builder code; later calls (and processes) load it."""
    return index.derived.get(name, _version(), build)
