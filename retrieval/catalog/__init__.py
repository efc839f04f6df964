"""Catalog data: the ``Product`` record, file loading with per-row errors, column mappings.

Owns: ``product`` (schema and validation), ``loader`` (CSV/TSV/JSON/JSONL/Parquet),
``mapping`` (field mapping, presets in ``presets/*.toml``).

May import: nothing of ours outside ``retrieval.catalog`` and ``retrieval.text``.
"""
