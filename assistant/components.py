"""Composition: settings → concrete components (the one place that picks implementations)."""

from __future__ import annotations

from assistant.config import Settings
from assistant.errors import ConfigError
from assistant.llm import make_chat_model
from assistant.sessions import SessionStore
from retrieval.index.embedder import make_embedder
from retrieval.index.catalog_index import CatalogIndex
from retrieval.index.store import ChromaStore


def build_components(settings: Settings):
    embedder = make_embedder(settings.embedder)
    store = None
    if settings.store.kind == "server":
        store = ChromaStore(host=settings.store.host, port=settings.store.port)
    index = CatalogIndex(settings.index_dir, embedder, store=store, segmenter=settings.segmenter)
    llm = make_chat_model(settings)
    sessions = SessionStore(settings.database)
    ranker = load_default_ranker(settings)
    if ranker is not None and hasattr(ranker, "popularity_source"):
        # the learned ranker's "popularity" feature: position-debiased feedback, re-read at most once a minute
        from retrieval.ranking.training import popularity_from_feedback

        ranker.popularity_source = lambda: popularity_from_feedback(sessions.impressions(), sessions.feedback())
    return index, llm, sessions, ranker


def load_default_ranker(settings: Settings):
    """The data directory's current learned model, or None (fused order)."""
    try:
        from retrieval.ranking.learned import FeatureMismatchError, load_ranker
    except ImportError as exc:   # numpy missing: a broken install, but the shop still answers
        import warnings

        warnings.warn(f"learned ranking is off: the ranker module cannot be imported ({exc}); "
                      "ranking in fused retrieval order", stacklevel=2)
        return None
    try:
        return load_ranker(settings.ranker_path)
    except FeatureMismatchError as exc:  # an edge shows this as one line, not a traceback
        raise ConfigError(f"{exc} (run `shopguide ranker train` or `shopguide ranker ensure-default`)") from exc


def build_knowledge(settings: Settings, embedder=None):
    """The shop's knowledge index (its own Chroma collection), embedded like the catalog."""
    from retrieval.knowledge.index import KnowledgeIndex

    store = None
    if settings.store.kind == "server":
        from retrieval.knowledge.index import COLLECTION

        store = ChromaStore(host=settings.store.host, port=settings.store.port, collection=COLLECTION)
    return KnowledgeIndex(settings.knowledge_dir, embedder or make_embedder(settings.embedder), store=store)


def build_service(settings: Settings, embedder=None, llm=None):
    """Customer service: shop knowledge, the order tool (``[orders] url`` or the SQLite table), the webhook."""
    from assistant.knowledge.handoff import Webhook
    from assistant.knowledge.orders import HttpOrders, SqliteOrders
    from assistant.knowledge.service import CustomerService

    try:
        orders = (HttpOrders(settings.orders.url, settings.orders.timeout_s, settings.orders.token)
                  if settings.orders.url else SqliteOrders(settings.orders_db))
        webhook = (Webhook(settings.service.webhook_url, settings.service.webhook_timeout_s)
                   if settings.service.webhook_url else None)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    return CustomerService(build_knowledge(settings, embedder), orders, llm, settings.service, webhook)
