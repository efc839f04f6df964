"""Ranking the retrieved candidates: the fused-order fallback and the learned ranker.

Owns: ``base`` (the ``Ranker`` seam and fused order), ``features`` (catalog-independent
features), ``learned`` (xgboost model files), ``training`` (judgments and feedback to
training data), ``judgments``, ``metrics`` (nDCG, recall) and ``evaluate``.

May import: ``retrieval.catalog``, ``retrieval.query``, ``retrieval.search``, ``retrieval.text``.
"""
