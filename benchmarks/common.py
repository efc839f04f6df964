"""Shared setup for benchmarks: a private copy of a real data directory, and percentiles.

Benchmarks never write into the data directory they measure: it is copied (index and
converted models) into a temporary home first, so sessions and caches stay private.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def private_home(source: str | Path) -> Path:
    """Copy ``source``'s index/, models/ and ranker/ (if any) into a fresh temporary home."""
    source = Path(source).expanduser()
    if not (source / "index").exists():
        sys.exit(f"no index in {source}: run `SHOPGUIDE_HOME={source} shopguide index` first")
    home = Path(tempfile.mkdtemp(prefix="shopguide-bench-"))
    shutil.copytree(source / "index", home / "index")
    for part in ("models", "ranker"):   # the converted LLM and the default learned ranker, as a user has them
        if (source / part).exists():
            shutil.copytree(source / part, home / part)
    if (source / "config.toml").exists():
        shutil.copy(source / "config.toml", home / "config.toml")
    return home


def default_source() -> Path:
    return Path(os.environ.get("SHOPGUIDE_HOME") or ROOT / ".shopguide")


def pct(values: list[float], q: float) -> float:
    """numpy's linear-interpolated percentile (``q`` in 0–100); NaN for no values."""
    if not values:
        return float("nan")
    import numpy as np

    return float(np.percentile(values, q))
