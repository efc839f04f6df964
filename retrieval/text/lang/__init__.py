"""Language tables as data: one folder per language (``en/``), loaded once and cached.

Code holds the rules; the words they look for live here, so adding a language is adding
a folder (``zh/`` with the same file names), not editing regexes. Each file is small:

- ``stopwords.txt``, ``openers.txt``, ``common.txt``, ``generic.txt``, ``nonproduct.txt``,
  ``activities.txt``:
  whitespace-separated words or one phrase a line (``#`` starts a comment);
- ``recipients.yaml``, ``occasions.yaml``, ``styles.yaml``: canonical → phrases;
- ``phrases.yaml`` (optional; zh): English cue → this language's phrases, for a reader that
  glosses a message into the English cues;
- ``money.yaml``, ``negation.yaml``, ``dialogue.yaml``, ``synonyms.yaml``, ``ordinals.yaml``,
  ``comparatives.yaml``, ``grounding.yaml``: named word lists for one rule family each.

Misspellings never go into a table: typos are the fuzzy matcher's job
(``retrieval.text.fuzzy``), so the tables stay the same on any catalog and any suite.

>>> en = load("en")
>>> en.ordinals["second"], "the" in en.stopwords, en.recipients["mother"][:2]
(2, True, ('mom', 'mum'))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import yaml

Table = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Language:
    """Every word table of one language, read-only."""

    code: str
    stopwords: frozenset[str]
    openers: frozenset[str]
    common: frozenset[str]            # real words the typo matcher never corrects
    generic: frozenset[str]           # title words that never name a product kind alone
    nonproduct: frozenset[str]        # who/when/why words that never name a product kind
    activities: tuple[str, ...]
    recipients: Table
    occasions: Table
    styles: Table
    ordinals: Mapping[str, int]
    money: Mapping[str, Any]
    negation: Mapping[str, tuple[str, ...]]
    dialogue: Mapping[str, tuple[str, ...]]
    colour_synonyms: Table
    feature_synonyms: Table
    kind_synonyms: Table             # a word for a kind of product → everyday / regional words for it ("trainers")
    comparatives: Mapping[str, tuple[str, bool]]   # "lighter" → ("weight", True): smaller wins
    grounding: Mapping[str, tuple[str, ...]]        # policy claims, meta talk, absence words
    glossary: Table = None  # type: ignore[assignment]  # English word → this language's phrases (zh: products)
    phrases: Table = None  # type: ignore[assignment]   # English cue → this language's phrases (zh: dialogue words)

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def known_words(self) -> frozenset[str]:
        """Every single word written anywhere in the tables: right as written, never a typo."""
        if "_known" not in self.__dict__:      # computed once; the tables never change
            self.__dict__["_known"] = self._known_words()
        return self.__dict__["_known"]

    def _known_words(self) -> frozenset[str]:
        out = set(self.stopwords | self.openers | self.common | self.generic | self.nonproduct | self.cue_words())
        out |= {w for phrases in self.negation.values() for p in phrases for w in p.split()}
        out |= {w for key in ("followers", "before_money", "units", "price_context", "max_before", "min_before",
                              "around", "max_after", "min_after") for p in self.money.get(key, ()) for w in p.split()}
        out |= {w for ps in self.kind_synonyms.values() for p in ps for w in p.split()}   # not the catalog's own word
        out |= {w for table in (self.colour_synonyms, self.feature_synonyms) for k, ps in table.items()
                for p in (k, *ps) for w in p.split()}
        out |= {w for k in self.comparatives for w in k.split()} | set(self.ordinals)
        return frozenset(out)

    def cue_words(self) -> frozenset[str]:
        """Single words of every cue table: what the cue speller may correct a typo to."""
        phrases: list[str] = [p for table in (self.recipients, self.occasions, self.styles) for ps in table.values()
                              for p in ps]
        phrases += [p for ps in self.dialogue.values() for p in ps]
        phrases += list(self.activities)
        return frozenset(w for p in phrases for w in p.split() if w.isalpha())


def available() -> list[str]:
    """Language codes with a folder here."""
    root = resources.files(__name__)
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


@lru_cache(maxsize=None)
def load(code: str = "en") -> Language:
    """The tables of language ``code``; raises ``LookupError`` for a language without a folder."""
    if code not in available():
        raise LookupError(f"no language tables for {code!r} (have: {', '.join(available())})")
    folder = resources.files(__name__).joinpath(code)

    def words(name: str) -> list[str]:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        return [w for line in text.splitlines() for w in line.split("#", 1)[0].split()]

    def lines(name: str) -> tuple[str, ...]:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        return tuple(s for s in (line.split("#", 1)[0].strip() for line in text.splitlines()) if s)

    def data(name: str) -> dict:
        # BaseLoader: every scalar stays a string, so "no", "on" and "yes" are words, not booleans
        return yaml.load(folder.joinpath(name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or {}

    def table(raw: Mapping) -> Table:
        return {str(k): tuple(str(p).lower() for p in v) for k, v in raw.items()}

    def optional(name: str) -> dict:
        return data(name) if folder.joinpath(name).is_file() else {}

    synonyms = data("synonyms.yaml")
    return Language(
        code=code,
        stopwords=frozenset(words("stopwords.txt")),
        openers=frozenset(words("openers.txt")),
        common=frozenset(words("common.txt")),
        generic=frozenset(words("generic.txt")),
        nonproduct=frozenset(words("nonproduct.txt")),
        activities=lines("activities.txt"),
        recipients=table(data("recipients.yaml")),
        occasions=table(data("occasions.yaml")),
        styles=table(data("styles.yaml")),
        ordinals={str(k): int(v) for k, v in data("ordinals.yaml").items()},
        money=data("money.yaml"),
        negation={k: tuple(str(p) for p in v) for k, v in data("negation.yaml").items()},
        dialogue={k: tuple(str(p) for p in v) for k, v in data("dialogue.yaml").items()},
        colour_synonyms=table(synonyms.get("colours", {})),
        feature_synonyms=table(synonyms.get("features", {})),
        kind_synonyms=table(synonyms.get("kinds", {})),
        glossary=table(synonyms.get("products", {})),
        phrases=table(optional("phrases.yaml")),
        grounding={k: tuple(str(p) for p in v) for k, v in data("grounding.yaml").items()},
        comparatives={str(k): (str(v["aspect"]), str(v["smaller_wins"]).lower() == "true")
                      for k, v in data("comparatives.yaml").items()},
    )
