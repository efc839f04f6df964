"""How many of a catalog's feature values the feature glossary (``lang/en/glossary.yaml``) names.

A check, not a target: the glossary is written from general retail English and must not be
fitted to one catalog's rows; this says how much of a given catalog it happens to reach.

    python -m eval.glossary_coverage                      # the demo catalog
    python -m eval.glossary_coverage --catalog pets.jsonl # any catalog file (JSON lines)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.understanding.paraphrase import glossary, glosses_of
from retrieval.catalog.product import Product


def coverage(products: list[Product]) -> dict[str, float]:
    """features / short values with a glossary term, and their counts."""
    features: set[str] = set()
    values: set[str] = set()
    for p in products:
        for key, raw in p.attributes.items():
            for item in raw if isinstance(raw, list) else [raw]:
                if isinstance(item, str) and item:
                    values.add(item)
                    if key == "features":
                        features.add(item)
    covered_f = sum(1 for f in features if glosses_of(f))
    covered_v = sum(1 for v in values if glosses_of(v))
    return {"features": float(len(features)), "features_covered": float(covered_f),
            "feature_coverage": covered_f / len(features) if features else 0.0,
            "values": float(len(values)), "values_covered": float(covered_v),
            "glossary_terms": float(len(glossary()))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.glossary_coverage", description=__doc__.split("\n")[0])
    parser.add_argument("--catalog", default="demo", help="'demo' or a catalog file of JSON lines")
    parser.add_argument("--uncovered", action="store_true", help="also list the features no term names")
    args = parser.parse_args(argv)
    if args.catalog == "demo":
        from retrieval.demo.catalog import generate_catalog

        rows = generate_catalog()
    else:
        path = Path(args.catalog)
        if not path.is_file():
            parser.error(f"no such catalog file: {path}")
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    products = [Product.from_dict(r) for r in rows]
    print(json.dumps(coverage(products), indent=1))
    if args.uncovered:
        feats = sorted({f for p in products for f in p.attributes.get("features") or [] if not glosses_of(str(f))})
        print("uncovered features:", ", ".join(map(str, feats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
