"""Generated catalogs in domains the library code has never seen, for robustness suites.

Each module writes a deterministic JSONL catalog that ``shopguide ingest`` reads; nothing in
``assistant`` or ``retrieval`` may be fitted to them (they test that understanding comes from
the ingested catalog, not from word lists written for the demo).
"""
