"""The catalog's vector store server failing, as the assistant's error (``SearchUnavailable``, HTTP 503).

``retrieval`` raises its own ``StoreUnavailable`` (it knows nothing of the assistant's
error tree); the assistant turns it into ``SearchUnavailable`` at the end of a turn and
in the readiness check.
"""

from __future__ import annotations

from assistant.errors import SearchUnavailable
from retrieval.index.store import StoreUnavailable

__all__ = ["StoreUnavailable", "as_search_error", "check_search"]


def as_search_error(exc: StoreUnavailable) -> SearchUnavailable:
    return SearchUnavailable(str(exc))


def check_search(index) -> None:
    """``SearchUnavailable`` when queries need a ``chroma run`` server that does not answer (``/readyz``).

    The embedded store's exact search scans a numpy copy of the vectors: no store at query time.
    """
    if index.exact_search:
        return
    try:
        index.store.count()
    except StoreUnavailable as exc:
        raise as_search_error(exc) from None
