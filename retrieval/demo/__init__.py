"""The seeded demo catalog generator and its judgments (for the default ranker).

Nothing else in ``retrieval`` imports this package (an import contract checks it): the
retrieval code must work on any catalog, and the demo is only one of them.

May import: ``retrieval.catalog``, ``retrieval.query``, ``retrieval.ranking``.
"""
