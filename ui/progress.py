"""tqdm progress bars for long work (rate and ETA), silent when not a terminal unless asked."""

from __future__ import annotations

import sys


def progress_factory(enabled: bool | None = None):
    """Return ``make(total, description) -> bar`` for ``CatalogIndex.ingest``."""
    if enabled is None:
        enabled = sys.stderr.isatty()

    def make(total: int, desc: str):
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, unit="item", disable=not enabled, file=sys.stderr,
                    bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]")

    return make
