"""Offline evaluation: scripted conversations, simulated shoppers, judged queries.

Import submodules explicitly (``from eval.harness import run``); never ``import eval``.
"""
