"""Train the learned shop-or-product gate (``assistant/knowledge/shop_gate.py``).

Data: every question of the customer-service tuning splits (``eval.service_eval.SPLITS`` but the
blind one) is ``shop``; every user turn of ``eval/suites/portrait``, ``eval/suites/dialogue/*.yaml``
and ``eval/suites/pets`` is ``product`` unless its gold acts include ``shop_question`` (then
``shop``). Never a blind file: a path naming ``dialogue-blind`` or ``blind26`` is refused.

``--loso``: leave one service split out, with a matching share of the product files (assigned to
folds greedily by size, so each fold holds about 1/k of the product messages); train on the rest
and score the held-out messages. Printed per fold and pooled, for each threshold of ``GRID``:
product messages moved to shop (false moves; pets counted apart too) and, of the held-out shop
questions the chat's rules route to the product path (``--runs``: ``SPLIT.chat.jsonl`` written by
``python -m eval.service_eval --through-assistant --out``; answer kind ``products`` or ``other``), how
many the gate recovers — and of those, the chat-path losses (right in ``SPLIT.direct.jsonl``, wrong
through the chat). Without ``--loso``: train on everything and write ``--out`` with the threshold of
``--threshold`` (``python -m eval.train_shop_gate --loso`` prints the lowest with 0 false moves)::

    python -m eval.train_shop_gate --loso [--runs DIR]
    python -m eval.train_shop_gate --threshold T [--out assistant/knowledge/shop_gate.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import yaml

from assistant.knowledge.shop_gate import GATE_FILE, ShopGate
from assistant.understanding.act_model import fit_binary

SUITES = Path(__file__).parent / "suites"
PRODUCT_FILES = (*sorted((SUITES / "portrait").glob("*.yaml")), *sorted((SUITES / "dialogue").glob("*.yaml")),
                 *sorted((SUITES / "pets").glob("*.yaml")))
BLIND = ("dialogue-blind", "blind26")
GRID = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96, 0.98, 1.01)   # 1.01: never
L2 = 1.0


def refuse_blind(paths: Sequence[str | Path]) -> None:
    """Raise ``ValueError`` if any path is a blind split's."""
    for p in paths:
        if any(b in str(p) for b in BLIND):
            raise ValueError(f"{p}: a blind split is never trained on")


def tuning_splits() -> list[str]:
    from eval.service_eval import SPLITS

    return [s for s in SPLITS if s != "blind" and not any(b in SPLITS[s] for b in BLIND)]


def service_rows(splits: Sequence[str]) -> list[dict[str, Any]]:
    """The service questions of ``splits``: shop."""
    from eval.service_eval import SPLITS, load_cases

    if "blind" in splits:
        raise ValueError("the blind split is never trained on")
    refuse_blind([SPLITS[s] for s in splits])
    return [{"group": s, "id": c.id, "text": c.text, "y": 1.0} for s in splits for c in load_cases(split=s)]


def product_rows(files: Sequence[Path] = PRODUCT_FILES) -> list[dict[str, Any]]:
    """The user turns of the product suites' files: product, unless the gold acts hold ``shop_question``."""
    refuse_blind(files)
    rows = []
    for path in files:
        data = yaml.safe_load(Path(path).read_text()) or []
        if not isinstance(data, list):
            continue
        for conv in data:
            for i, turn in enumerate(conv.get("turns", [])):
                acts = (turn.get("expect") or {}).get("acts") or []
                shop = any((a if isinstance(a, str) else a.get("type")) == "shop_question" for a in acts)
                rows.append({"group": str(Path(path).relative_to(SUITES)), "id": f"{conv['id']}#{i}",
                             "text": turn["user"], "y": 1.0 if shop else 0.0})
    return rows


def assign_files(rows: list[dict[str, Any]], k: int) -> dict[str, int]:
    """Product file → fold: the largest file first, each to the fold with the fewest messages so far."""
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r["group"]] = sizes.get(r["group"], 0) + 1
    load = [0] * k
    out = {}
    for name in sorted(sizes, key=lambda n: (-sizes[n], n)):
        fold = min(range(k), key=lambda i: (load[i], i))
        out[name] = fold
        load[fold] += sizes[name]
    return out


def routed_to_product(runs: Path | None, split: str) -> tuple[set[str], set[str]]:
    """(ids the chat routed to the product path, of those the ones right directly) for a split's run files."""
    if runs is None or not (runs / f"{split}.chat.jsonl").exists():
        return set(), set()
    chat = [json.loads(line) for line in (runs / f"{split}.chat.jsonl").read_text().splitlines() if line.strip()]
    routed = {r["id"] for r in chat if r["answer_kind"] in ("products", "other")}
    direct_path = runs / f"{split}.direct.jsonl"
    if not direct_path.exists():
        return routed, set()
    right = {json.loads(line)["id"] for line in direct_path.read_text().splitlines()
             if line.strip() and json.loads(line)["correct"]}
    return routed, routed & right


def train(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    return fit_binary(x, y, l2=L2)


def embed(texts: list[str]) -> tuple[np.ndarray, str]:
    from retrieval.index.embedder import make_embedder

    embedder = make_embedder("minilm")
    x = np.asarray(embedder.embed(texts), dtype=float)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    return x, embedder.name


def loso(rows: list[dict[str, Any]], x: np.ndarray, splits: list[str], runs: Path | None) -> dict[str, Any]:
    """Out-of-fold counts per fold and pooled, for each threshold of ``GRID``."""
    files = assign_files([r for r in rows if r["group"] not in splits], len(splits))
    fold_of = np.array([splits.index(r["group"]) if r["group"] in splits else files[r["group"]] for r in rows])
    y = np.array([r["y"] for r in rows])
    is_service = np.array([r["group"] in splits for r in rows])
    is_pets = np.array([r["group"].startswith("pets/") for r in rows])
    p = np.zeros(len(rows))
    folds = []
    for k, split in enumerate(splits):
        held = fold_of == k
        w, b = train(x[~held], y[~held])
        p[held] = 1.0 / (1.0 + np.exp(-(x[held] @ w + b)))
        routed, lost = routed_to_product(runs, split)
        folds.append({"split": split, "files": sorted(f for f, i in files.items() if i == k), "held": held,
                      "routed": routed, "lost": lost})
    table = []
    for t in GRID:
        moved = (p >= t) & (y == 0)
        row = {"threshold": t, "folds": [], "false_moves": int(moved.sum()), "pets_false_moves": int((moved & is_pets).sum()),
               "product": int((y == 0).sum()), "pets": int((is_pets & (y == 0)).sum()),
               "moved_texts": [rows[i]["text"] for i in np.flatnonzero(moved)]}
        rec = routed_n = lost_rec = lost_n = 0
        for f in folds:
            ids = {rows[i]["id"]: p[i] for i in np.flatnonzero(f["held"] & is_service)}
            r = sum(ids.get(i, 0.0) >= t for i in f["routed"])
            lr = sum(ids.get(i, 0.0) >= t for i in f["lost"])
            row["folds"].append({"split": f["split"], "false_moves": int((moved & f["held"]).sum()),
                                 "product": int((f["held"] & (y == 0)).sum()), "recovered": int(r),
                                 "routed": len(f["routed"]), "losses_recovered": int(lr), "losses": len(f["lost"])})
            rec, routed_n, lost_rec, lost_n = rec + r, routed_n + len(f["routed"]), lost_rec + lr, lost_n + len(f["lost"])
        row.update(recovered=int(rec), routed=routed_n, losses_recovered=int(lost_rec), losses=lost_n)
        table.append(row)
    chosen = next((r["threshold"] for r in table if r["false_moves"] == 0), 1.01)
    return {"table": table, "threshold": chosen,
            "scores": {rows[i]["id"]: round(float(p[i]), 3) for i in np.flatnonzero(is_service)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.train_shop_gate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", nargs="*", help="service tuning splits (default: all; never blind)")
    parser.add_argument("--product-files", nargs="*", type=Path, help="product suite files (default: portrait, "
                        "dialogue, pets); a blind file is refused")
    parser.add_argument("--loso", action="store_true", help="leave one split out; print, write nothing")
    parser.add_argument("--runs", type=Path, help="SPLIT.chat.jsonl / SPLIT.direct.jsonl of eval.service_eval")
    parser.add_argument("--threshold", type=float, help="the shipped threshold (default: chosen by a --loso run now)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parents[1] / "assistant" / "knowledge" / GATE_FILE)
    args = parser.parse_args(argv)
    splits = list(args.splits or tuning_splits())
    files = list(args.product_files or PRODUCT_FILES)
    try:
        refuse_blind([*splits, *files, *([args.runs] if args.runs else [])])
        rows = service_rows(splits) + product_rows(files)
    except ValueError as exc:
        parser.error(str(exc))
    x, name = embed([r["text"] for r in rows])
    y = np.array([r["y"] for r in rows])
    result = loso(rows, x, splits, args.runs) if args.loso or args.threshold is None else None
    if result is not None:
        _print(result)
    if args.loso:
        return 0
    threshold = args.threshold if args.threshold is not None else result["threshold"]
    w, b = train(x, y)
    meta = {"splits": splits, "files": [str(Path(f).relative_to(SUITES)) for f in files], "shop": int(y.sum()),
            "product": int((y == 0).sum()), "l2": L2, "balanced": True,
            "threshold_rule": "the lowest of the grid with 0 product messages moved to shop out of fold "
                              "(leave one service split out with ~1/k of the product files)"}
    if result is not None:
        meta["loso"] = [{k: v for k, v in r.items() if k not in ("moved_texts", "folds")} for r in result["table"]]
    ShopGate(["shop"], [list(w)], [b], name, threshold, meta).save(args.out)
    print(f"wrote {args.out} (threshold {threshold}, {int(y.sum())} shop / {int((y == 0).sum())} product)")
    return 0


def _print(result: dict[str, Any]) -> None:
    for row in result["table"]:
        print(f"t={row['threshold']:.2f} false moves {row['false_moves']}/{row['product']} "
              f"(pets {row['pets_false_moves']}/{row['pets']}) · routed-to-product recovered "
              f"{row['recovered']}/{row['routed']} · chat losses recovered {row['losses_recovered']}/{row['losses']}")
        print("   " + " ".join(f"{f['split']}:{f['false_moves']}/{f['recovered']}/{f['losses_recovered']}"
                               for f in row["folds"]))
        for text in row["moved_texts"][:5]:
            print(f"     moved: {text!r}")
    print(f"lowest threshold with 0 false moves out of fold: {result['threshold']}")


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
