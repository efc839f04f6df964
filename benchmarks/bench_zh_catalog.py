"""Chinese catalog retrieval: bigram vs jieba segmentation, and English shoppers on it.

Needs a data directory indexed with the Chinese demo catalog (``shopguide index --lang zh``);
its vectors are reused, and the BM25 index is rebuilt in memory for each segmenter.

* ``benchmarks/data/zh_catalog_queries.jsonl``: 30 Chinese queries written before any
  measurement, each with its gold as predicates on the English demo catalog (same ids):
  the generator noun(s), feature tags, colour, gender, skin type, size, material. Grade 2:
  every predicate holds; grade 1: same category as the grade-2 products; else 0. Reports
  hit@4 (a grade-2 product in the top 4) and nDCG@10 for BM25 alone and fused with dense.
* ``eval/suites/crosslingual/demo_queries.jsonl``: 30 parallel queries with a gold
  category; each language's text is searched on the Chinese catalog: category
  precision@4 (the share of the top 4 in the gold category) and hit@4.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_zh_catalog.py --home /tmp/zh-home --seed 7 -n 1600
"""

from __future__ import annotations

import argparse
import json
import math
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "benchmarks" / "data" / "zh_catalog_queries.jsonl"
CROSS = ROOT / "eval" / "suites" / "crosslingual" / "demo_queries.jsonl"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_grades(query: dict, english: dict[str, dict]) -> dict[str, int]:
    """Grade of every product for ``query`` (see the module docstring), judged on the English rows."""
    from retrieval.demo.translate import _noun

    def holds(p: dict) -> bool:
        a = p["attributes"]
        checks = [
            "noun" not in query or _noun(p) in query["noun"],
            "category" not in query or p["category"] == query["category"],
            all(f in a.get("features", []) for f in query.get("features", [])),
            "colour" not in query or a.get("colour") == query["colour"],
            "gender" not in query or a.get("gender") == query["gender"],
            "skin_type" not in query or a.get("skin_type") == query["skin_type"],
            "size" not in query or a.get("size") == query["size"],
            "material" not in query or query["material"] in a.get("material", ""),
        ]
        return all(checks)

    best = {pid for pid, p in english.items() if holds(p)}
    categories = {english[pid]["category"] for pid in best}
    return {pid: 2 if pid in best else 1 if p["category"] in categories else 0 for pid, p in english.items()}


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** grades.get(pid, 0) - 1) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def assistant_turns(home: str, english: dict[str, dict], cross: list[dict], embedder: str = "minilm") -> dict:
    """The whole turn (reader → portrait → hard filters → retrieval → ranker, no reply text) per language:
    category precision@4 of the shown products, and how many turns showed nothing or asked instead."""
    from assistant import Assistant

    bot = Assistant.from_config(home, **{"embedder": embedder, "llm.backend": "fake", "understanding.llm": False})
    out: dict = {}
    for lang in ("zh", "en"):
        precision, empty = 0.0, 0
        for q in cross:
            reply = bot.chat(q[lang], reply=False)
            ids = [s.product.id for s in reply.products][:4]
            empty += not ids
            precision += sum(english[pid]["category"] == q["category"] for pid in ids) / 4
        out[f"{lang}_precision@4"] = round(precision / len(cross), 3)
        out[f"{lang}_no_products"] = f"{empty}/{len(cross)}"
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", required=True, help="data directory indexed with `shopguide index --lang zh`")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-n", "--products", type=int, default=1600)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--out", help="write the JSON report here too")
    args = parser.parse_args()

    from retrieval.demo.catalog import generate_catalog
    from retrieval.index.catalog_index import CatalogIndex
    from retrieval.index.embedder import make_embedder
    from retrieval.index.keyword import KeywordIndex
    from retrieval.query import Query
    from retrieval.search import HybridRetriever

    english = {p["id"]: p for p in generate_catalog(seed=args.seed, n=args.products)}
    index = CatalogIndex(Path(args.home) / "index", make_embedder(args.embedder))
    products = list(index.products.values())
    if not any("\u4e00" <= ch <= "\u9fff" for ch in products[0].title):
        raise SystemExit(f"{args.home} does not hold the Chinese demo catalog: run `shopguide index --lang zh`")
    queries, cross = _rows(QUERIES), _rows(CROSS)
    report: dict = {"catalog": f"demo seed {args.seed}, {len(products)} products, zh", "embedder": args.embedder,
                    "queries": len(queries), "crosslingual_queries": len(cross)}
    for segmenter in ("bigram", "jieba"):
        keyword = KeywordIndex(segmenter)
        texts = [p.search_text() for p in products]
        keyword.build([p.id for p in products[:1]], texts[:1])            # first use: load jieba's dictionary
        started = time.perf_counter()
        keyword.build([p.id for p in products], texts)
        build_s = time.perf_counter() - started
        index._keyword, index._masks, index._vectors = keyword, None, None
        retriever = HybridRetriever(index)
        row: dict = {"bm25_build_s": round(build_s, 2)}
        for label, methods in (("bm25", ("bm25",)), ("fused", ("dense", "bm25"))):
            hits, gains = 0, 0.0
            for q in queries:
                grades = gold_grades(q, english)
                ranked = [p.id for p in retriever.search(Query(text=q["q"], k=10), methods=methods).products]
                hits += any(grades.get(pid) == 2 for pid in ranked[:4])
                gains += ndcg(ranked, grades)
            row[f"{label}_hit@4"] = f"{hits}/{len(queries)}"
            row[f"{label}_ndcg@10"] = round(gains / len(queries), 3)
            for lang in ("zh", "en"):
                precision, any_hit = 0.0, 0
                for q in cross:
                    ranked = [p.id for p in retriever.search(Query(text=q[lang], k=4), methods=methods).products]
                    right = [english[pid]["category"] == q["category"] for pid in ranked[:4]]
                    precision += sum(right) / 4
                    any_hit += any(right)
                row[f"{label}_cross_{lang}_precision@4"] = round(precision / len(cross), 3)
                row[f"{label}_cross_{lang}_hit@4"] = f"{any_hit}/{len(cross)}"
        report[segmenter] = row
    report["assistant"] = assistant_turns(args.home, english, cross, args.embedder)
    text = json.dumps(report, indent=1, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
