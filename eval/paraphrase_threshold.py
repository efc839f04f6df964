"""The similarity distribution behind ``RowParaphrase``'s threshold, on the dev dialogue suite only.

For every gold-labelled product question of a suite (``answer.product_id`` given): the
similarity of the asked phrase with the gold fact when the gold is "yes" with a row item
(true matches), and the best similarity with any item of that product's row when the gold
is "unknown" or "no" (near-misses that must not become a "yes"). Each item is compared
through its own text and its glosses (``lang/en/glossary.yaml``; ``--no-glossary`` for the
values alone). Never run it on a blind split.

    python -m eval.paraphrase_threshold [--suite dialogue] [--embedder minilm] [--no-glossary]
"""

from __future__ import annotations

import argparse

from assistant.understanding.names import strip_name
from assistant.understanding.paraphrase import RowParaphrase
from assistant.understanding.rowmatch import CatalogValues
from retrieval.demo.catalog import generate_catalog
from retrieval.catalog.product import Product


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.paraphrase_threshold", description=__doc__.split("\n")[0])
    parser.add_argument("--suite", default="dialogue", help="dev suite (never a blind split)")
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--no-glossary", action="store_true", help="compare with the catalog values alone")
    args = parser.parse_args(argv)
    if "blind" in args.suite:
        parser.error("never calibrate on a blind split")
    from eval.conversations import load_suite
    from retrieval.index.embedder import make_embedder

    products = {r["id"]: Product.from_dict(r) for r in generate_catalog()}
    values = CatalogValues.from_products(products.values())
    para = RowParaphrase(make_embedder(args.embedder).embed, list(values.verbatim.values()),
                         glosses={} if args.no_glossary else None, scope=values.category_items)
    rows = []
    for conv in load_suite(args.suite).conversations:
        for turn in conv.turns:
            gold = turn.expect.answer
            p = products.get(gold.product_id or "") if gold is not None else None
            if p is None or gold.verdict not in ("yes", "unknown", "no"):
                continue
            q = strip_name(turn.user, p)
            sims = para.scores(q, p.title)
            row = {i for raw in p.attributes.values() for i in (raw if isinstance(raw, list) else [raw])
                   if isinstance(i, str)}
            hit = para.match(p, q)          # the whole rule: threshold, margin, shared word under STRONG
            said = hit[1] if hit is not None else None
            if gold.verdict == "yes":
                fact = str(gold.fact or "").lower()
                hits = [i for i in row if fact in i.lower() and i in sims]
                if hits:
                    rows.append(("match", max(sims[i] for i in hits), max(sims.values()), said, turn.user,
                                 said in hits))
            else:
                best = max((sims[i] for i in row if i in sims), default=0.0)
                rows.append((f"near-{gold.verdict}", best, max(sims.values()), said, turn.user, said is None))
    print("kind         row-item catalog-top gap   match() (the whole rule)  right  question")
    for kind, s, top, said, user, right in sorted(rows, key=lambda r: -r[1]):
        print(f"{kind:12s} {s:.3f}    {top:.3f}       {top - s:.3f} {str(said)[:24]:25s} {'ok ' if right else 'BAD'}"
              f"    {user}")
    for kind in ("match", "near-unknown", "near-no"):
        xs = sorted(r[1] for r in rows if r[0] == kind)
        took = sum(1 for r in rows if r[0] == kind and r[3] is not None)
        right = sum(1 for r in rows if r[0] == kind and r[5])
        if xs:
            print(f"{kind}: n={len(xs)} min={xs[0]:.3f} median={xs[len(xs) // 2]:.3f} max={xs[-1]:.3f} "
                  f"matched={took} right={right}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
