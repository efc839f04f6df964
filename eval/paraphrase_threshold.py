"""The similarity distribution behind ``RowParaphrase``'s threshold, on the dev dialogue suite only.

For every gold-labelled product question of a suite (``answer.product_id`` given): the
similarity of the asked phrase with the gold fact when the gold is "yes" with a row item
(true matches), and the best similarity with any item of that product's row when the gold
is "unknown" (near-misses that must stay "the catalog doesn't say"). Never run it on a
blind split.

    python -m eval.paraphrase_threshold [--suite dialogue] [--embedder minilm]
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
    args = parser.parse_args(argv)
    if "blind" in args.suite:
        parser.error("never calibrate on a blind split")
    from eval.conversations import load_suite
    from retrieval.index.embedder import make_embedder

    products = {r["id"]: Product.from_dict(r) for r in generate_catalog()}
    values = CatalogValues.from_products(products.values())
    para = RowParaphrase(make_embedder(args.embedder).embed, list(values.verbatim.values()))
    rows = []
    for conv in load_suite(args.suite).conversations:
        for turn in conv.turns:
            gold = turn.expect.answer
            p = products.get(gold.product_id or "") if gold is not None else None
            if p is None or gold.verdict not in ("yes", "unknown"):
                continue
            q = strip_name(turn.user, p)
            sims = para.scores(q, p.title)
            row = {i for raw in p.attributes.values() for i in (raw if isinstance(raw, list) else [raw])
                   if isinstance(i, str)}
            if gold.verdict == "yes":
                fact = str(gold.fact or "").lower()
                hits = [i for i in row if fact in i.lower() and i in sims]
                if hits:
                    rows.append(("match", max(sims[i] for i in hits), max(sims.values()), turn.user))
            else:
                best = max((sims[i] for i in row if i in sims), default=0.0)
                rows.append(("near-miss", best, max(sims.values()), turn.user))
    print("kind      row-item  catalog-top  gap  accepted(threshold, margin)  question")
    for kind, s, top, user in sorted(rows, key=lambda r: -r[1]):
        ok = s >= para.threshold and s >= top - para.margin
        print(f"{kind:9s} {s:.3f}  {top:.3f}  {top - s:.3f}  {'yes' if ok else 'no '}  {user}")
    for kind in ("match", "near-miss"):
        xs = sorted(s for k, s, _t, _u in rows if k == kind)
        took = sum(1 for k, s, t, _u in rows if k == kind and s >= para.threshold and s >= t - para.margin)
        if xs:
            print(f"{kind}: n={len(xs)} min={xs[0]:.3f} median={xs[len(xs) // 2]:.3f} max={xs[-1]:.3f} "
                  f"accepted={took}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
