"""Kill ``shopguide ingest`` with SIGKILL at seeded random moments, finish it, check the catalog is exact.

    python benchmarks/bench_ingest_kills.py --kills 40 --seed 7 --products 600 [--workdir /tmp/kills]

Prints one JSON report (delays, how many runs were killed / finished first, what the
exact check compared). The CI test (``tests/test_fault_ingest_kills.py``) runs 4 kills.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.ingest_kills import run_kills  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=40, help="SIGKILLs before the final run (default 40)")
    parser.add_argument("--seed", type=int, default=7, help="seeds the catalogs and the kill delays")
    parser.add_argument("--products", type=int, default=600, help="catalog size (default 600)")
    parser.add_argument("--workdir", type=Path, help="where catalogs and the data directory go (default: a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="ingest-kills-") as tmp:
        report = run_kills(args.workdir or Path(tmp), kills=args.kills, seed=args.seed, products=args.products)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
