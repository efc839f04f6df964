"""What one Chinese (or mixed) turn says: ``extract_turn_zh(text, vocab) -> TurnFacts``.

Chinese has no spaces and puts cues after what they modify, so the English regexes do
not apply directly. The reader works in two steps:

1. **Gloss** the message into the English words the catalog lexicon knows, using the
   ``zh`` tables (product words, colours, features → English; negation cues → the
   English cue of the same strength; Latin words kept as written). The English reader
   then finds categories, attributes, brands and negation scope in the gloss, exactly
   as for an English shopper: "不要红色的" → "no red" → red is a deal-breaker.
2. **Read directly** what has no good gloss: money (``retrieval.text.money_zh``),
   recipients, occasions, styles, references ("第二个", "这个", "上一个") and price
   comparatives ("便宜一点"), from the same tables.

>>> from assistant.portrait.vocabulary import Vocabulary, find_mentions
>>> v = Vocabulary(categories=["Jackets"], features=["waterproof"], colours=["red"])
>>> f = extract_turn_zh("想要一个 waterproof 的 jacket，不要红色的，500块以内", v)
>>> (f.categories, f.wanted, f.unwanted, f.budget.max, f.budget.currency)
(['Jackets'], ['waterproof'], ['red'], 500.0, 'CNY')
>>> gloss("给妈妈买保温杯，不要黑色")
'insulated mug , no black'
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.portrait.extract import TurnFacts, extract_turn
from assistant.portrait.vocabulary import Vocabulary, find_mentions
from retrieval.text.detect import CJK, detect_language
from retrieval.text.lang import load
from retrieval.text.money import Budget
from retrieval.text.money_zh import extract_budget_zh, to_digits

_PUNCT = str.maketrans({"，": " , ", "。": " . ", "！": " ! ", "？": " ? ", "、": " , ", "；": " ; ", "：": " : ",
                        "（": " ( ", "）": " ) "})


@lru_cache(maxsize=1)
def _gloss_table() -> tuple[tuple[str, str], ...]:
    """(Chinese phrase, English gloss), longest phrase first so "保温杯" beats "保温"."""
    zh = load("zh")
    pairs: dict[str, str] = {}
    for table in (zh.glossary, zh.colour_synonyms, zh.feature_synonyms, zh.phrases or {}):
        for english, phrases in table.items():
            for phrase in phrases:
                pairs.setdefault(to_digits(phrase).lower(), english)   # as the message is normalised
    english_positions = {v: k for k, v in load("en").ordinals.items() if k.isalpha()}
    for phrase, position in zh.ordinals.items():   # "第二个" → "the second one" (for the act cues)
        if position in english_positions:
            pairs.setdefault(phrase, f"the {english_positions[position]} one")
    for phrase in zh.negation.get("soft", ()):
        pairs[phrase] = "rather not"
    for phrase in zh.negation.get("strong", ()):
        pairs.setdefault(phrase, "except" if phrase == "除了" else "no")
    for phrase in zh.negation.get("breaks", ()):
        pairs.setdefault(phrase, "but")
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _money_span() -> re.Pattern:
    """An amount with its currency word ("150刀", "300块"): read by the money reader, never glossed
    ("刀" after a number is dollars, not a knife)."""
    words = [w for c in load("zh").money.get("currencies", {}).values() for w in c.get("words", ())]
    return re.compile(r"\d+(?:\.\d+)?\s*(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")")


# "有X吗" is how Chinese asks "do you have X?" (the shop's assortment), like "有没有X"
_HAVE_QUESTION = re.compile(r"^(?:请问)?(?:你们)?(?:这里|店里)?有(?!没有)([^，,。！!？?]{1,12}?)吗\s*[?？]?$")


# "有没有" before a comparison or a shown product asks for other products ("有没有比第二个便宜的"),
# not whether the shop carries a kind of product
_ANY_OTHER = re.compile(r"有没有(?=跟|和|像|比|更|贵|便宜|别的|其他|第|这|那)")


_QUESTION = re.compile(r"吗|呢|什么|哪个|哪款|多少|几天|是不是|能不能|可不可以|怎么样")


def gloss(text: str) -> str:
    """English words for a Chinese message (see the module docstring); CJK left over is dropped."""
    t = _money_span().sub(" ", to_digits(text).lower().strip())
    t = _HAVE_QUESTION.sub(r"有没有\1？", t)
    t = _ANY_OTHER.sub(" any ", t)
    pattern = "|".join(re.escape(p) for p, _ in _gloss_table())
    table = dict(_gloss_table())
    t = re.sub(pattern, lambda m: f" {table[m.group(0)]} ", t) if pattern else t
    if _QUESTION.search(text) and "?" not in t:
        t += " ?"      # Chinese marks a question with a word, often without "？"
    t = CJK.sub(" ", t.translate(_PUNCT))
    t = re.sub(r"\d+(?:\.\d+)?", " ", t)          # money is read from the original text
    return re.sub(r"\s+", " ", t).strip()


def _find(text: str, table) -> list[tuple[int, str]]:
    """(start, canonical) of every phrase of ``table`` in ``text``; a phrase inside a longer
    match is not a match of its own ("女朋友" is a girlfriend, not a "朋友")."""
    spans = sorted(((m.start(), m.end(), canonical) for canonical, phrases in table.items() for p in phrases
                    for m in re.finditer(re.escape(p), text)), key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    for start, end, canonical in spans:
        if not any(k[0] <= start and end <= k[1] for k in kept):
            kept.append((start, end, canonical))
    return [(start, canonical) for start, _, canonical in kept]


def _last(text: str, table, blocked: str = "") -> str | None:
    """The canonical value of the last phrase of ``table`` in ``text``, skipping negated ones."""
    found = None
    for start, canonical in _find(text, table):
        if blocked and re.search(blocked, text[max(0, start - 4):start]):
            continue
        found = canonical
    return found


def _bare_number(text: str) -> Budget | None:
    """ "改成200" while a budget is being revised: the first bare number, as money."""
    m = re.search(r"\d+(?:\.\d+)?", to_digits(text))
    return Budget(None, float(m.group(0)), load("zh").money.get("default_currency", "CNY")) if m else None


def read_turn(text: str, vocab: Vocabulary) -> TurnFacts:
    """Any message: Chinese or mixed → ``extract_turn_zh``, otherwise the English ``extract_turn``."""
    return extract_turn_zh(text, vocab) if detect_language(text) == "zh" else extract_turn(text, vocab)


def extract_turn_zh(text: str, vocab: Vocabulary) -> TurnFacts:
    """Read one Chinese or mixed message (pure, like ``extract_turn``)."""
    zh = load("zh")
    glossed = gloss(text)
    facts = extract_turn(glossed, vocab)
    if not facts.categories:
        # a Chinese catalog names its products in Chinese ("羊毛袜" is a title noun there, with no
        # gloss in the tables): its category words are looked for in the message as written
        facts.categories = [m.value for m in find_mentions(text.lower(), vocab) if m.kind == "category"][-1:]
    # the running search text keeps the shopper's words and adds the gloss: BM25 and an
    # English-only embedder then still meet an English catalog's words
    facts.text = f"{text.strip()} {glossed}".strip()
    facts.budget = extract_budget_zh(text)
    facts.budget_if_money = None if facts.budget else _bare_number(text)
    cues = zh.dialogue
    facts.clear_budget = facts.budget is None and any(c in text for c in cues.get("clear", ())) and \
        any(w in text for w in ("预算", "价格", "钱"))
    recipient = _last(text, zh.recipients, blocked=r"不是给?$|不是送?$")
    if recipient is not None and not re.search(r"(?:母亲|父亲)节", text):
        facts.recipient = recipient
    elif recipient is not None:
        # "母亲节" is an occasion; a recipient is named apart from it ("母亲节送妈妈")
        rest = re.sub(r"(?:母亲|父亲)节", "", text)
        facts.recipient = _last(rest, zh.recipients)
    if any(c in text for c in cues.get("self", ())):
        facts.recipient, facts.clear_recipient = None, True
    facts.occasion = _last(text, zh.occasions, blocked=r"不是$") or facts.occasion
    facts.style = _last(text, zh.styles) or facts.style
    facts.correction = facts.correction or any(c in text for c in cues.get("correction", ()))
    facts.addition = facts.addition or any(c in text for c in cues.get("addition", ()))
    _references_zh(text, facts)
    return facts


def _references_zh(text: str, facts: TurnFacts) -> None:
    zh = load("zh")
    cues = zh.dialogue
    for phrase, position in sorted(zh.ordinals.items(), key=lambda kv: -len(kv[0])):
        if phrase in text:
            facts.reference = position
            break
    if facts.reference is None and any(c in text for c in cues.get("previous", ())):
        facts.reference = "that"
    relation = None
    for phrase, (aspect, smaller_wins) in sorted(zh.comparatives.items(), key=lambda kv: -len(kv[0])):
        if phrase in text and aspect == "price":
            relation = "cheaper" if smaller_wins else "pricier"
            break
    if relation is None and any(c in text for c in cues.get("cheaper", ())):
        relation = "cheaper"
    elif relation is None and any(c in text for c in cues.get("pricier", ())):
        relation = "pricier"
    if relation:
        facts.relation = relation
    elif facts.reference is not None and any(re.search(rf"(?<![不别没]){re.escape(c)}", text) for c in cues.get("pick", ())):
        facts.relation = "pick"
    if facts.relation and facts.reference is None:
        facts.reference = "all" if re.search(r"这些|那些|它们", text) else "that"
    if facts.relation in ("cheaper", "pricier") and facts.budget is not None:
        facts.relation = None
