"""Keyword tokens for BM25 in any language: Latin words as before, Chinese segmented.

Chinese is written without spaces, so a regex word tokenizer sees "不锈钢保温杯" as one
token and a query "保温杯" never matches it. Two segmenters are offered, chosen by name:

* ``"bigram"``: every run of CJK characters becomes its overlapping character pairs
  ("保温杯" → 保温, 温杯); a lone character stays itself. No dictionary, no model: any
  word the catalog coins is found, at the price of some pairs that are not words.
* ``"jieba"``: the jieba segmenter (``pip install jieba``; it bundles its dictionary)
  in search mode, which also emits the words inside a long word
  ("不锈钢保温杯" → 不锈, 不锈钢, 保温, 保温杯).

Text outside CJK runs is tokenized exactly as ``bm25s.tokenize`` did before Chinese
existed (lower case, ``\\b\\w\\w+\\b`` runs, bm25s's English stop words), so an English
catalog's keyword index and scores are unchanged under either segmenter. Chinese stop
words come from the language tables (``lang/zh/stopwords.txt``).

>>> keyword_tokens("Nordvik 不锈钢保温杯 500 ml", "bigram")
['nordvik', '不锈', '锈钢', '钢保', '保温', '温杯', '500', 'ml']
>>> keyword_tokens("the waterproof jacket", "bigram")
['waterproof', 'jacket']
"""

from __future__ import annotations

import logging
import re
import warnings
from functools import lru_cache

SEGMENTERS = ("bigram", "jieba")
DEFAULT_SEGMENTER = "bigram"

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def _latin_stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


@lru_cache(maxsize=1)
def _zh_stopwords() -> frozenset[str]:
    from retrieval.text.lang import load

    return load("zh").stopwords


@lru_cache(maxsize=1)
def _jieba():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # jieba 0.42 imports pkg_resources and has old escapes
            import jieba
    except ImportError as exc:  # pragma: no cover - install hint
        raise ImportError("the jieba segmenter needs jieba: pip install jieba (or use segmenter 'bigram')") from exc
    jieba.setLogLevel(logging.WARNING)
    return jieba


def check_segmenter(name: str) -> str:
    """``name`` if it is a known segmenter, else ``ValueError`` naming the choices."""
    if name not in SEGMENTERS:
        raise ValueError(f"unknown keyword segmenter {name!r} (choose one of: {', '.join(SEGMENTERS)})")
    return name


def _cjk_tokens(run: str, segmenter: str) -> list[str]:
    if segmenter == "jieba":
        return [w for w in _jieba().lcut_for_search(run) if w.strip()]
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)]


def has_cjk(text: str) -> bool:
    return _CJK_RUN.search(text) is not None


def keyword_tokens(text: str, segmenter: str = DEFAULT_SEGMENTER) -> list[str]:
    """BM25 tokens of ``text``: Latin words as bm25s makes them, CJK runs segmented."""
    text = text.lower()
    latin_stop = _latin_stopwords()
    if not has_cjk(text):
        return [t for t in _LATIN.findall(text) if t not in latin_stop]
    zh_stop = _zh_stopwords()
    out: list[str] = []
    position = 0
    for match in _CJK_RUN.finditer(text):
        out += [t for t in _LATIN.findall(text[position:match.start()]) if t not in latin_stop]
        out += [t for t in _cjk_tokens(match.group(), segmenter) if t not in zh_stop]
        position = match.end()
    out += [t for t in _LATIN.findall(text[position:]) if t not in latin_stop]
    return out


def split_words(word: str) -> list[str]:
    """One word token cut into words where it holds Chinese (jieba), else itself.

    For vocabularies read from titles ("女款透气保暖夹克" → 女款, 透气, 保暖, 夹克), where
    a word must be a word, not a character pair.

    >>> split_words("jacket"), split_words("保暖夹克")
    (['jacket'], ['保暖', '夹克'])
    """
    if not has_cjk(word):
        return [word]
    out: list[str] = []
    position = 0
    for match in _CJK_RUN.finditer(word):
        if match.start() > position:
            out.append(word[position:match.start()])
        out += [w for w in _jieba().lcut(match.group()) if w.strip()]
        position = match.end()
    if position < len(word):
        out.append(word[position:])
    return out


def join_words(words: list[str]) -> str:
    """Words back into a phrase: no space between two Chinese words, one elsewhere.

    >>> join_words(["保暖", "夹克"]), join_words(["rain", "jacket"]), join_words(["STEM", "套装"])
    ('保暖夹克', 'rain jacket', 'STEM 套装')
    """
    text = ""
    for word in words:
        if text and not (has_cjk(text[-1]) and has_cjk(word[:1])):
            text += " "
        text += word
    return text
