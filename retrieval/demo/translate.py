"""The demo catalog in another language, from a word table (``retrieval/demo/lang/<code>.yaml``).

``translate_catalog(products, "zh")`` rewrites each generated English product in the
table's language: category levels, the product noun, feature tags, colour, material and
other attribute values are looked up in the table; title and description are rebuilt
from the table's sentence templates. Ids, prices, brands, model names, ratings, stock,
images and attribute *keys* stay as they are, so judgments made on the English catalog
(by product id) hold for the translated one, and the code that reads attributes by key
("colour", "features") works unchanged.

The code knows no Chinese word: every word and template is data. A value the table lacks
stays as written (loan words are common in real Chinese listings); ``missing_words``
lists them so a test can require full coverage of what the generator produces.

>>> table = load_table("zh")
>>> translate_value("recycled polyester fleece", table["material_words"])
'再生涤纶抓绒'
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

from retrieval.demo.phrases import TITLE_FEAT
from retrieval.demo.vocab import SUBCATS

__all__ = ["available", "load_table", "missing_words", "translate_catalog", "translate_product", "translate_value"]


def available() -> list[str]:
    """Language codes with a demo table (English, the generator's own language, needs none)."""
    folder = resources.files(__package__).joinpath("lang")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def load_table(code: str) -> dict[str, Any]:
    if code not in available():
        raise LookupError(f"no demo catalog table for language {code!r} (have: en, {', '.join(available())})")
    text = resources.files(__package__).joinpath("lang", f"{code}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.BaseLoader)   # every scalar a string ("no" stays a word)


def translate_value(value: str, words: dict[str, str]) -> str:
    """``value`` through ``words``: whole value first, else longest phrases left to right.

    Words without an entry stay as written; Chinese needs no spaces between translated
    pieces, while a kept Latin word keeps a space from its neighbours.
    """
    if value in words:
        return words[value]
    tokens = value.split()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            phrase = " ".join(tokens[i:j])
            if phrase in words:
                out.append(words[phrase])
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    text = ""
    for piece in out:
        latin = bool(re.match(r"[A-Za-z0-9]", piece[:1])) and bool(text) and bool(re.search(r"[A-Za-z0-9]$", text))
        text += (" " if latin else "") + piece
    return text


@lru_cache(maxsize=1)
def _nouns_by_category() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for sc in SUBCATS:
        out.setdefault(f"{sc['top']} > {sc['sub']}", []).extend(n["noun"] for n in sc["nouns"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _title_spec() -> dict[str, str]:
    return {f"{sc['top']} > {sc['sub']}": sc.get("title_spec", "") for sc in SUBCATS}


def _noun(product: dict) -> str:
    """The generator's noun for ``product``: the longest of its category's nouns inside the title."""
    title = product["title"].lower()
    for noun in _nouns_by_category().get(product["category"], ()):
        if noun.lower() in title:
            return noun
    return product["category"].split(">")[-1].strip()


def translate_product(product: dict, table: dict[str, Any]) -> dict:
    """One generated product (a dict) in the table's language; see the module docstring."""
    rng = random.Random(f"{product['id']}|translate")
    attrs = dict(product["attributes"])
    values, tpl = table["values"], table["templates"]
    noun_en = _noun(product)
    noun = table["nouns"].get(noun_en, noun_en)
    features = list(attrs.get("features", []))
    zh_features = [table["features"].get(f, f) for f in features]
    colour = table["colours"].get(attrs.get("colour", ""), attrs.get("colour", ""))
    material = translate_value(attrs.get("material", ""), table["material_words"])
    out_attrs: dict[str, Any] = {}
    for key, value in attrs.items():
        if key == "features":
            out_attrs[key] = zh_features
        elif key == "colour":
            out_attrs[key] = colour
        elif key == "material":
            out_attrs[key] = material
        elif isinstance(value, str):
            out_attrs[key] = values.get(value, value)
        else:
            out_attrs[key] = value
    title_feature = next((table["features"].get(f, f) for f in features
                          if f in TITLE_FEAT and TITLE_FEAT[f] in product["title"]), "")
    if title_feature and title_feature in noun:
        title_feature = ""
    gender = values.get(attrs["gender"], "") if attrs.get("gender") in ("women", "men") else ""
    spec_key = _title_spec().get(product["category"], "")
    spec = tpl["spec"][spec_key].format(v=attrs[spec_key]) if spec_key in tpl["spec"] and spec_key in attrs else ""
    brand = product.get("brand", "")
    model = _model(product, brand, noun_en)
    title = rng.choice(tpl["title"]).format(brand=brand, model=model, gender=gender, spec=spec,
                                            feature=title_feature, noun=noun, colour=colour)
    ctx = {"brand": brand, "model": model, "noun": noun, "colour": colour, "material": material or ""}
    sentences = [rng.choice(tpl["opener"]).format(**ctx)]
    if zh_features:
        sentences.append(rng.choice(tpl["features"]).format(features="、".join(zh_features)))
    for key, value in out_attrs.items():
        if key in tpl["attributes"]:
            sentences.append(tpl["attributes"][key].format(v=str(value).rstrip("+")))   # "5+" → 5岁以上
    if "size" in out_attrs:
        sentences.append(tpl["size"].format(v=out_attrs["size"]))
    if attrs.get("gender") in tpl.get("gift", {}):
        sentences.append(tpl["gift"][attrs["gender"]])
    category = " > ".join(table["categories"].get(level.strip(), level.strip())
                          for level in product["category"].split(">"))
    return {**product, "title": " ".join(title.split()), "description": "".join(sentences),
            "category": category, "attributes": out_attrs}


def _model(product: dict, brand: str, noun: str) -> str:
    """The model name inside an English title: its words that are model words of the generator
    (after the noun and colour phrases are cut out, since "Olive" is both a model and a colour)."""
    title = product["title"].replace(brand, " ")
    for phrase in (noun, str(product["attributes"].get("colour", "")).title()):
        title = title.replace(phrase, " ")
    known = _model_words()
    return " ".join(w for w in re.split(r"[\s:()–]+", title) if w in known)


@lru_cache(maxsize=1)
def _model_words() -> frozenset[str]:
    from retrieval.demo.vocab import MODEL_SUFFIX, NAME_A, NAME_B, TOPS

    words = {w for top in TOPS.values() for w in top["models"].split()}
    words |= {w for group in (MODEL_SUFFIX, NAME_A, NAME_B) for name in group for w in name.split()}
    return frozenset(words)


def translate_catalog(products: Iterable[dict], code: str) -> list[dict]:
    """Every product of the English demo catalog in language ``code`` (``"en"``: unchanged)."""
    products = list(products)
    if code == "en":
        return products
    table = load_table(code)
    return [translate_product(p, table) for p in products]


def missing_words(products: Iterable[dict], code: str) -> dict[str, set[str]]:
    """Generator words the table of ``code`` lacks, per table: empty when coverage is complete."""
    table = load_table(code)
    missing: dict[str, set[str]] = {"categories": set(), "nouns": set(), "features": set(), "colours": set()}
    for p in products:
        missing["categories"] |= {lv.strip() for lv in p["category"].split(">")} - set(table["categories"])
        noun = _noun(p)
        if noun not in table["nouns"]:
            missing["nouns"].add(noun)
        missing["features"] |= set(p["attributes"].get("features", [])) - set(table["features"])
        if p["attributes"].get("colour") not in table["colours"]:
            missing["colours"].add(p["attributes"].get("colour"))
    return {k: v for k, v in missing.items() if v}
