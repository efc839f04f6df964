"""Returning shoppers: user ids, their events across sessions, long-term profiles, experiments.

``store`` keeps users' rows (own tables in the sessions SQLite file), ``profile`` turns
a user's events into soft preferences with reasons, ``events_io`` imports a shop's
event history, ``experiments`` assigns variants deterministically.
"""
