"""The grounding check: every claim in LLM text must be backed by catalog data.

Owns: ``check.check_grounding`` (prices, numbers, attributes, pick references per
sentence) and ``claims`` (lexical rules: unknown names, policy words, ratings, markup,
off-topic sentences).

May import: ``retrieval`` only. The evaluation audit in ``eval`` deliberately does not
import this package, so the two can disagree.
"""
