"""Graded judgments derived from the demo catalog's own attributes (for the default ranker).

The demo catalog is generated from ``demo_vocab``: every product has a known
subcategory, product noun ("Rain Jacket"), feature tags, colour and brand. That makes
relevance computable without any human rater, so the model shipped with the demo is
trained only on data the project itself has. Queries are shopper-style phrases built
from the same vocabulary::

    "rain jacket"              noun query
    "waterproof rain jacket"   feature + noun
    "red rain jacket"          colour + noun
    "nordvik jackets"          brand + subcategory

and a product's grade says how well it fits (see ``grade``). Generation is seeded and
deterministic. ``python -m retrieval.demo.judgments OUT.csv`` writes the file for the
demo catalog (seed 7, 1600 products); ``shopguide ranker ensure-default`` uses the
products already indexed.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from typing import Iterable, Sequence

from retrieval.ranking.judgments import Judgments
from retrieval.catalog.product import Product
from retrieval.query import norm

MAX_NEGATIVES = 30


@dataclass(frozen=True)
class QuerySpec:
    """What a generated query asks for: a product type plus attribute values."""

    text: str
    sub: str                      # "Outdoor & Hiking > Jackets"
    noun: str = ""                # "rain jacket"; empty = any product of the subcategory
    feature: str = ""
    colour: str = ""
    brand: str = ""


def _nouns() -> dict[str, list[str]]:
    from retrieval.demo.vocab import SUBCATS

    return {f"{s['top']} > {s['sub']}": [norm(n["noun"]) for n in s["nouns"]] for s in SUBCATS}


def _plain(text: str) -> str:
    return " " + " ".join(norm(text).replace("-", " ").split()) + " "


def product_noun(product: Product, nouns: dict[str, list[str]]) -> str:
    """The longest vocabulary noun of the product's subcategory found in its title."""
    title = _plain(product.title)
    found = [n for n in nouns.get(product.category, []) if _plain(n) in title]
    return max(found, key=len) if found else ""


def grade(spec: QuerySpec, product: Product, noun: str) -> int:
    """3 = right type with every asked attribute; 2 = right type missing one of two, or a
    sibling type (same subcategory) with every asked attribute; 1 = right type or sibling
    otherwise; 0 = another subcategory."""
    if product.category != spec.sub:
        return 0
    exact = not spec.noun or noun == spec.noun
    asked = [a for a in (spec.feature, spec.colour, spec.brand) if a]
    met = 0
    if spec.feature and spec.feature in [norm(f) for f in product.features]:
        met += 1
    if spec.colour and norm(str(product.attributes.get("colour", ""))) == spec.colour:
        met += 1
    if spec.brand and norm(product.brand) == spec.brand:
        met += 1
    full = met == len(asked)
    if exact and full:
        return 3
    if (exact and len(asked) >= 2 and met >= 1) or (not exact and asked and full):
        return 2
    return 1


def generate_specs(products: Sequence[Product], seed: int = 7) -> list[QuerySpec]:
    """Queries for every subcategory present, built from values that actually occur."""
    rng = random.Random(f"demo-judgments-{seed}")
    nouns = _nouns()
    by_sub: dict[str, list[Product]] = {}
    for p in products:
        if p.category in nouns:
            by_sub.setdefault(p.category, []).append(p)
    specs: list[QuerySpec] = []
    for sub in sorted(by_sub):
        items = by_sub[sub]
        present = sorted({product_noun(p, nouns) for p in items} - {""})
        sub_word = norm(sub.split(">")[-1])
        for noun in rng.sample(present, min(3, len(present))):
            specs.append(QuerySpec(noun, sub, noun=noun))
        if present:
            noun = rng.choice(present)
            with_noun = [p for p in items if product_noun(p, nouns) == noun]
            feats = sorted({norm(f) for p in with_noun for f in p.features
                            if not set(norm(f).split()) & set(noun.split())})
            if feats:
                feature = rng.choice(feats)
                specs.append(QuerySpec(f"{feature} {noun}", sub, noun=noun, feature=feature))
            colours = sorted({norm(str(p.attributes.get("colour", ""))) for p in with_noun} - {""})
            if colours:
                colour = rng.choice(colours)
                specs.append(QuerySpec(f"{colour} {noun}", sub, noun=noun, colour=colour))
        brands = sorted({norm(p.brand) for p in items if p.brand})
        if brands:
            brand = rng.choice(brands)
            specs.append(QuerySpec(f"{brand} {sub_word}", sub, brand=brand))
        feats = sorted({norm(f) for p in items for f in p.features})
        if feats:
            feature = rng.choice(feats)
            specs.append(QuerySpec(f"{feature} {sub_word}", sub, feature=feature))
    seen: set[str] = set()
    unique = []
    for s in specs:
        if s.text not in seen:
            seen.add(s.text)
            unique.append(s)
    return unique


def demo_judgments(products: Iterable[Product], seed: int = 7) -> Judgments:
    """Judgments for the generated queries: every grade ≥ 1 plus up to 30 sampled hard
    negatives (other subcategories sharing the query's feature or colour word)."""
    products = sorted(products, key=lambda p: p.id)
    nouns = _nouns()
    noun_of = {p.id: product_noun(p, nouns) for p in products}
    rng = random.Random(f"demo-negatives-{seed}")
    rows: list[tuple[str, str, float]] = []
    for spec in generate_specs(products, seed):
        graded = [(p.id, grade(spec, p, noun_of[p.id])) for p in products]
        if not any(g == 3 for _, g in graded):
            continue
        rows.extend((spec.text, pid, float(g)) for pid, g in graded if g > 0)
        word = spec.feature or spec.colour
        if word:
            hard = [p.id for p in products if p.category != spec.sub and _plain(word) in _plain(
                " ".join((p.title, p.attribute_text())))]
            rows.extend((spec.text, pid, 0.0) for pid in rng.sample(hard, min(MAX_NEGATIVES, len(hard))))
    return Judgments.from_rows(rows, source=f"demo catalog attributes (seed {seed})")


def looks_like_demo(products: Iterable[Product], minimum: float = 0.8) -> bool:
    """True when most products sit in demo subcategories (the derivation only makes sense there)."""
    nouns = _nouns()
    items = list(products)
    return bool(items) and sum(p.category in nouns for p in items) >= minimum * len(items)


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin CLI
    parser = argparse.ArgumentParser(description="Write judgments derived from the demo catalog.")
    parser.add_argument("out", help="CSV file to write (query,product_id,grade)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-n", "--products", type=int, default=1600)
    args = parser.parse_args(argv)
    from retrieval.demo.catalog import generate_catalog

    products = [Product.from_dict(r) for r in generate_catalog(seed=args.seed, n=args.products)]
    judgments = demo_judgments(products, seed=args.seed)
    rows = judgments.to_csv(args.out)
    print(f"wrote {rows} judgments for {len(judgments)} queries to {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
