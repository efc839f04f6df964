"""Category slot accuracy of the rules on parallel Chinese/English queries.

``eval/suites/crosslingual/demo_queries.jsonl`` holds 30 hand-written queries, each in
Chinese and English, with the demo category a shopper means. The evaluator reads each
with the portrait rules against a catalog's vocabulary and reports, per language, how
often the category slot is the gold leaf category, and how often a wrong category is
set (a hard filter that would hide every right product: the rate that hurts).

    PYTHONPATH=. .venv/bin/python -m eval.crosslingual --home /tmp/chinese-home
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.portrait.dialogue import apply_turn
from assistant.portrait.model import Portrait
from assistant.portrait.vocabulary import Vocabulary

SUITE = Path(__file__).with_name("suites") / "crosslingual" / "demo_queries.jsonl"
PRIMARY = "zh_category_accuracy"


def evaluate(vocab: Vocabulary, suite: Path = SUITE) -> dict[str, float]:
    rows = [json.loads(line) for line in suite.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict[str, float] = {"queries": float(len(rows))}
    for lang in ("zh", "en"):
        right = wrong = 0
        for row in rows:
            p = Portrait()
            apply_turn(p, row[lang], 0, vocab)
            gold = row["category"].split(">")[-1].strip()
            if p.category == gold:
                right += 1
            elif p.category is not None and not vocab.is_ancestor(p.category, gold):
                wrong += 1
        out[f"{lang}_category_accuracy"] = right / len(rows)
        out[f"{lang}_wrong_category_rate"] = wrong / len(rows)
    return out


def main() -> None:
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import FakeEmbedder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, help="data directory with an indexed catalog (read only)")
    args = parser.parse_args()
    index = CatalogIndex(Path(args.home) / "index", FakeEmbedder())   # rows only: no vectors are read
    vocab = Vocabulary.from_products(index.products.values(), index.vocabulary())
    print(json.dumps(evaluate(vocab), indent=1))


if __name__ == "__main__":
    main()
