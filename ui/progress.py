"""Progress for long work: a tqdm bar on a terminal, a plain periodic line otherwise.

Why the plain line: piped into a log (CI, ``nohup``, a container), a bar either writes
nothing or floods the log with carriage returns; a 19k-product ingest used to log
nothing for 17 minutes. ``LineProgress`` writes at most one line per ``interval``
seconds, plus one when the work ends::

    embedding: 5888/19406 (30%) 37.8 item/s, ETA 5m57s
    embedding: 19406/19406 (100%) 36.9 item/s, done in 8m46s

``progress_factory`` returns ``make(total, description) -> bar`` (with ``update(n)``
and ``close()``), the shape ``CatalogIndex.ingest`` takes.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class LineProgress:
    """Counts work done and writes ``desc: done/total (pct) rate, ETA`` every ``interval`` seconds."""

    def __init__(self, total: int, desc: str, stream: TextIO | None = None, interval: float = 10.0,
                 unit: str = "item", clock: Callable[[], float] = time.monotonic) -> None:
        self.total = max(int(total), 0)
        self.desc = desc.strip()
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.unit = unit
        self.clock = clock
        self.n = 0
        self.started = clock()
        self._last_line = self.started
        self._closed = False

    def update(self, n: int = 1) -> None:
        self.n += n
        now = self.clock()
        if now - self._last_line >= self.interval:
            self._write(now, final=False)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._write(self.clock(), final=True)

    def line(self, now: float, final: bool = False) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.n / elapsed
        pct = f" ({100 * self.n / self.total:.0f}%)" if self.total else ""
        head = f"{self.desc}: {self.n}/{self.total or '?'}{pct} {rate:.1f} {self.unit}/s"
        if final:
            return f"{head}, done in {_duration(elapsed)}"
        if self.total and rate > 0:
            return f"{head}, ETA {_duration((self.total - self.n) / rate)}"
        return head

    def _write(self, now: float, final: bool) -> None:
        self._last_line = now
        print(self.line(now, final), file=self.stream, flush=True)

    def __enter__(self) -> "LineProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def progress_factory(enabled: bool | None = None, stream: TextIO | None = None, interval: float = 10.0):
    """``make(total, description) -> bar``: a bar on a terminal, periodic lines when piped, nothing if disabled.

    ``enabled=None`` (the CLI default) shows progress either way; ``False`` (``--no-progress``) is silent.
    """
    out = stream if stream is not None else sys.stderr

    def make(total: int, desc: str):
        if enabled is False:
            return _Silent()
        if out.isatty():
            from tqdm import tqdm

            return tqdm(total=total, desc=desc, unit="item", file=out,
                        bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                   "[{elapsed}<{remaining}, {rate_fmt}]")
        return LineProgress(total, desc, stream=out, interval=interval)

    return make


class _Silent:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass
