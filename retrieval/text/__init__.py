"""Text helpers every stage shares, each written once: words, stems, numbers, money, typos.

Owns: the tokenizer and normaliser (``words``), Snowball stemming through PyStemmer,
the stop-word list, ordinals and number words (number-parser), the one money parser and
price formatter (``money``), typo tolerance through rapidfuzz (``fuzzy``) and the
language tables as data files (``lang``: one folder per language, ``en/`` today).

Lives in ``retrieval`` because it is the lowest layer and both ``retrieval`` (ranking
features) and ``assistant`` (understanding, grounding, the guide) need it. Imports
nothing else of ours and never a model: it works with no LLM and no index.

>>> from retrieval.text import extract_budget, format_money, stem
>>> extract_budget("under $150").max, format_money(150), stem("jackets")
(150.0, '$150', 'jacket')
"""

from retrieval.text.fuzzy import FuzzyMatcher, max_edits, one_edit
from retrieval.text.lang import Language, load
from retrieval.text.money import Amount, Budget, extract_budget, format_money, money_amounts, price_text
from retrieval.text.numbers import parse_number, parse_ordinal, words_to_digits
from retrieval.text.words import (alternation, content_words, normalise, ordinal, same_word, stem, stems, stopwords,
                                  tokens, words)

__all__ = ["same_word", "Amount", "Budget", "FuzzyMatcher", "Language", "alternation", "content_words", "extract_budget",
           "format_money", "load", "max_edits", "money_amounts", "one_edit", "normalise", "ordinal", "parse_number",
           "parse_ordinal", "price_text", "stem", "stems", "stopwords", "tokens", "words", "words_to_digits"]
