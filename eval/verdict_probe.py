"""The verdict of yes/no product questions, probed with templated questions generated from any catalog.

For a seeded sample of products, questions are written from catalog rows with the phrasings of
``eval/words/en/verdict_templates.yaml`` and their gold verdict follows from the rows alone:

- **yes**: a value the row has (single-valued keys and features), asked plainly and through each
  glossary gloss of it ("is it one that keeps drinks hot?" for "insulated");
- **no**: a value of the same single-valued key (colour, material, size, …) that another product of
  the category has and this row lacks (not a shade of the row's colour, not a colour of its variants,
  not a word inside the row's own value);
- **unknown** ("the catalog doesn't say"): a feature another product of the category has that this
  row's feature list lacks (and no word of it appears anywhere in the row).

Each question goes through the assistant's own answer path (the configured interpreter, then the
product-question handler with the catalog values and the embedder), with the product alone on
screen and in focus. Reported: accuracy per gold verdict and the **wrong-yes rate** (answers "yes" among the
questions whose gold is "no" or "unknown") — the rate that hurts beside the ones that flatter.
The generator never looks at answers; the gold comes from the rows, so the metric can fail.

    python -m eval.verdict_probe --home DIR [--sample 120] [--seed 13] [--out probe.json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

from retrieval.catalog.product import Product
from retrieval.query import has_term, norm, product_terms

VERDICTS = ("yes", "no", "unknown")


@dataclass(frozen=True)
class Probe:
    """One templated question about one product, with the verdict its row decides."""

    product_id: str
    question: str
    gold: str          # yes | no | unknown
    kind: str          # value | gloss | feature
    key: str
    value: str


def load_templates(language: str = "en") -> dict:
    """The phrasings (``eval/words/<language>/verdict_templates.yaml``), checked to have their slots."""
    text = resources.files("eval").joinpath(f"words/{language}/verdict_templates.yaml").read_text()
    table = yaml.safe_load(text)
    for part in ("value", "feature", "gloss"):
        if not table.get(part):
            raise ValueError(f"verdict_templates.yaml: '{part}' needs a list of phrasings")
    return table


def _single(product: Product) -> dict[str, str]:
    """The row's single-valued short text attributes: key → value (no lists, numbers or flags)."""
    out = {}
    for key, raw in product.attributes.items():
        if isinstance(raw, (list, bool, int, float)) or raw in (None, "") or key.lower().startswith("feature"):
            continue
        words = re.findall(r"[a-z0-9]+", str(raw).lower())
        if 0 < len(words) <= 4 and not all(w.isdigit() for w in words):
            out[key] = str(raw)
    return out


def _features(product: Product) -> list[str]:
    raw = product.attributes.get("features") or []
    return [str(f) for f in raw] if isinstance(raw, list) else [str(raw)]


def _noun(product: Product) -> str:
    last = product.category.split(">")[-1].strip().lower() if product.category else "product"
    return last[:-1] if last.endswith("s") and not last.endswith("ss") else last


def _phrasings(table: dict, key: str) -> list[str]:
    kinds = table.get("kinds") or {}
    first = key.lower().split("_")[0]
    return list(table["value"]) + list(kinds.get(first, ()))


def generate(products: Sequence[Product], sample: int = 120, seed: int = 13,
             templates: dict | None = None, glosses: Callable[[str], list[str]] | None = None,
             shades: dict[str, set[str]] | None = None,
             variants: Callable[[Product], Iterable[Product]] | None = None) -> list[Probe]:
    """The probes for a seeded sample of ``products`` (at most one phrasing per value, chosen by the seed)."""
    templates = templates or load_templates()
    glosses = glosses or (lambda item: [])
    shades = shades or {}
    rng = random.Random(seed)
    by_category: dict[str, list[Product]] = defaultdict(list)
    for p in products:
        by_category[p.category].append(p)
    chosen = sorted(products, key=lambda p: p.id)
    chosen = rng.sample(chosen, min(sample, len(chosen)))
    probes: list[Probe] = []

    def fill(template: str, value: str, key: str, product: Product, gloss: str = "") -> str:
        return template.format(value=value, key=key.replace("_", " "), noun=_noun(product), gloss=gloss)

    for p in chosen:
        terms = product_terms(p)
        others = [o for o in by_category[p.category] if o.id != p.id]
        kin = {norm(c) for v in (variants(p) if variants else ()) for c in _single(v).values()}
        for key, value in _single(p).items():
            probes.append(Probe(p.id, fill(rng.choice(_phrasings(templates, key)), value, key, p), "yes", "value",
                                key, value))
            mine = norm(value)
            lacks = sorted({o_value for o in others for k, o_value in _single(o).items() if k == key}
                           - {value})
            lacks = [v for v in lacks if not has_term(terms, v) and norm(v) not in kin
                     and mine not in shades.get(norm(v), set()) and norm(v) not in shades.get(mine, set())]
            if lacks:
                other = rng.choice(lacks)
                probes.append(Probe(p.id, fill(rng.choice(_phrasings(templates, key)), other, key, p), "no", "value",
                                    key, other))
        items = _features(p) + list(_single(p).values())
        for item in items:
            for gloss in glosses(item):
                probes.append(Probe(p.id, fill(rng.choice(templates["gloss"]), item, "features", p, gloss), "yes",
                                    "gloss", "features", item))
        feats = _features(p)
        for f in feats:
            probes.append(Probe(p.id, fill(rng.choice(templates["feature"]), f, "features", p), "yes", "feature",
                                "features", f))
        row_words = set(re.findall(r"[a-z0-9]+", terms + " " + " ".join(p.attributes).replace("_", " ")))
        absent = sorted({f for o in others for f in _features(o)} - set(feats))
        absent = [f for f in absent if not set(re.findall(r"[a-z0-9]+", f.lower())) & row_words]
        for f in rng.sample(absent, min(2, len(absent))):
            probes.append(Probe(p.id, fill(rng.choice(templates["feature"]), f, "features", p), "unknown", "feature",
                                "features", f))
    return probes


def score(rows: list[dict]) -> dict[str, float]:
    """Accuracy per gold verdict, overall, and the wrong-yes rate (primary: overall accuracy)."""
    out: dict[str, float] = {}
    for verdict in VERDICTS:
        mine = [r for r in rows if r["gold"] == verdict]
        out[f"{verdict}_n"] = len(mine)
        out[f"{verdict}_accuracy"] = round(sum(r["said"] == verdict for r in mine) / len(mine), 3) if mine else 0.0
    neg = [r for r in rows if r["gold"] in ("no", "unknown")]
    out["wrong_yes_rate"] = round(sum(r["said"] == "yes" for r in neg) / len(neg), 3) if neg else 0.0
    out["accuracy"] = round(sum(r["said"] == r["gold"] for r in rows) / len(rows), 3) if rows else 0.0
    return out


def run(home: str | None, sample: int, seed: int) -> tuple[dict[str, float], list[dict]]:
    """Generate the probes from the catalog indexed in ``home`` and answer each through the assistant."""
    from assistant import Assistant
    from assistant.portrait.model import Portrait
    from assistant.understanding import handlers
    from assistant.understanding.acts import ActType
    from assistant.understanding.answer import variants as variants_of
    from assistant.understanding.interpreter import Context
    from assistant.understanding.paraphrase import glosses_of
    from assistant.understanding.rules import load_cues

    bot = Assistant.from_config(home)
    catalog = bot.index.products
    shades = {norm(k): {norm(s) for s in v} for k, v in load_cues().get("colour_shades", {}).items()}
    products = list(catalog.values())
    probes = generate(products, sample, seed, glosses=glosses_of, shades=shades,
                      variants=lambda p: variants_of(p, products))
    rows = []
    for probe in probes:
        product = catalog[probe.product_id]
        portrait = Portrait()
        portrait.focus_id = product.id       # on screen and in focus, as after "tell me about the first one"
        context = Context(portrait, [product], bot.vocabulary, 1, names=bot.product_names,
                          values=bot.catalog_values)
        acts = bot.interpreter.interpret(probe.question, context)
        said, fact = "not-answered", None
        if acts.first(ActType.ASK_ABOUT) is not None:
            turn = handlers.direct_turn(acts, [product], Portrait(), catalog, acts.question or probe.question,
                                        bot.catalog_values)
            if turn.answer is not None and turn.answer.product_id == product.id:
                said, fact = turn.answer.verdict, turn.answer.fact
        rows.append({**asdict(probe), "said": said, "fact": fact})
    return score(rows), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.verdict_probe", description=__doc__.split("\n")[0])
    parser.add_argument("--home", help="data directory with an indexed catalog (default $SHOPGUIDE_HOME)")
    parser.add_argument("--sample", type=int, default=120, help="products sampled (default 120)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, help="write the metrics and every probe (JSON) here")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong answers per gold verdict")
    args = parser.parse_args(argv)
    metrics, rows = run(args.home, args.sample, args.seed)
    print(json.dumps(metrics))
    confusion = Counter((r["gold"], r["said"]) for r in rows if r["gold"] != r["said"])
    for (gold, said), n in confusion.most_common():
        print(f"  {gold:8s} → {said:13s} {n}")
    if args.show:
        for verdict in VERDICTS:
            wrong = [r for r in rows if r["gold"] == verdict and r["said"] != verdict][:args.show]
            for r in wrong:
                print(f"  [{r['gold']}→{r['said']}] {r['product_id']} {r['question']!r} fact={r['fact']!r}")
    if args.out:
        args.out.write_text(json.dumps({"metrics": metrics, "probes": rows}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
