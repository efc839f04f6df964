"""Progress output: a bar on a terminal, periodic plain lines when piped, nothing when disabled."""

from __future__ import annotations

import io
import json

from tests.conftest import SAMPLE_PRODUCTS
from ui.progress import LineProgress, progress_factory


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_line_progress_writes_at_most_one_line_per_interval_with_rate_and_eta():
    clock, out = Clock(), io.StringIO()
    bar = LineProgress(1000, "embedding", stream=out, interval=10, clock=clock)
    clock.now += 4
    bar.update(100)                       # 4 s in: too early for a line
    assert out.getvalue() == ""
    clock.now += 6
    bar.update(150)                       # 10 s, 250 done: 25/s, 750 left -> 30 s
    clock.now += 1
    bar.update(10)                        # 1 s after the last line: silent
    bar.close()
    bar.close()                           # closing twice writes one final line
    lines = out.getvalue().splitlines()
    assert lines[0] == "embedding: 250/1000 (25%) 25.0 item/s, ETA 30s"
    assert lines[1] == "embedding: 260/1000 (26%) 23.6 item/s, done in 11s"
    assert len(lines) == 2


def test_long_durations_read_as_minutes_and_hours():
    clock, out = Clock(), io.StringIO()
    bar = LineProgress(20000, "writing", stream=out, interval=1, clock=clock)
    clock.now += 60
    bar.update(100)
    assert out.getvalue().strip().endswith("ETA 3h19m")
    clock.now += 60
    bar.update(9900)
    assert out.getvalue().splitlines()[-1].endswith("ETA 2m00s")


def test_factory_picks_lines_when_piped_and_silence_when_disabled():
    out = io.StringIO()                   # not a terminal
    bar = progress_factory(None, stream=out, interval=0)(3, "embedding")
    assert isinstance(bar, LineProgress)
    bar.update(3)
    bar.close()
    assert "embedding: 3/3 (100%)" in out.getvalue()

    quiet = io.StringIO()
    silent = progress_factory(False, stream=quiet)(3, "embedding")
    silent.update(3)
    silent.close()
    assert quiet.getvalue() == ""


def test_piped_ingest_logs_progress_lines(tmp_path, capsys):
    """``shopguide ingest`` with stderr not a terminal still says how far it is."""
    from ui.cli import main

    catalog = tmp_path / "products.jsonl"
    catalog.write_text("".join(json.dumps(r) + "\n" for r in SAMPLE_PRODUCTS), encoding="utf-8")
    code = main(["--embedder", "fake", "--llm", "fake", "ingest", "--json", "--batch-size", "2", str(catalog)])
    _, err = capsys.readouterr()
    assert code == 0, err
    n = len(SAMPLE_PRODUCTS)
    assert f"embedding: {n}/{n} (100%)" in err and "done in" in err
    assert f"writing: {n}/{n} (100%)" in err
