"""Import a shop's event history: CSV or JSONL rows of ``user_id, product_id, event, timestamp[, session_id]``.

Validated like catalog ingest: every bad row is reported as ``FILE row N: field: reason``
and counted; nothing is silently dropped. Re-importing the same file adds nothing (the
store ignores an event it already has: same user, product, event and timestamp).
Timestamps are UNIX seconds or ISO 8601 (``2026-11-30T14:05:00Z``; no zone = UTC).

    >>> parse_timestamp("2026-01-01T00:00:00Z")
    1767225600.0
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from assistant.errors import InputError
from assistant.users.store import MAX_USER_ID, USER_EVENTS, UserEvent, UserStore

REQUIRED = ("user_id", "product_id", "event", "timestamp")


@dataclass
class ImportReport:
    rows: int = 0
    added: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"rows": self.rows, "added": self.added, "duplicates": self.duplicates,
                "rejected": len(self.errors), "errors": self.errors[:100]}


def parse_timestamp(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ts = float(value)
    else:
        text = str(value or "").strip()
        if not text:
            raise ValueError("missing")
        try:
            ts = float(text)
        except ValueError:
            try:
                dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"not a UNIX time or ISO 8601 date: {text[:40]!r}") from None
            ts = (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()
    if not math.isfinite(ts) or ts < 0:
        raise ValueError(f"out of range: {value!r}")
    return ts


def _rows(path: Path) -> Iterator[tuple[int, dict | str]]:
    """(row number, record or a parse error) — rows count from 1, the CSV header excluded."""
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with path.open(encoding="utf-8", errors="strict") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield n, f"json: {exc.msg}"
                    continue
                yield n, rec if isinstance(rec, dict) else "json: not an object"
    elif path.suffix.lower() in (".csv", ".tsv"):
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path.name}: missing columns {', '.join(missing)} (need {', '.join(REQUIRED)})")
            for n, rec in enumerate(reader, start=1):
                yield n, rec
    else:
        raise InputError(f"{path.name}: events must be .csv, .tsv or .jsonl")


def read_events(path: str | Path, known_product: Callable[[str], bool]) -> tuple[list[UserEvent], ImportReport]:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    report, events = ImportReport(), []
    for n, rec in _rows(path):
        report.rows += 1
        where = f"{path.name} row {n}"
        if isinstance(rec, str):
            report.errors.append(f"{where}: {rec}")
            continue
        problem = None
        user = str(rec.get("user_id") or "").strip()
        pid = str(rec.get("product_id") or "").strip()
        event = str(rec.get("event") or "").strip().lower()
        ts = None
        if not user or len(user) > MAX_USER_ID:
            problem = f"user_id: must be 1-{MAX_USER_ID} characters"
        elif not pid:
            problem = "product_id: missing"
        elif not known_product(pid):
            problem = f"product_id: {pid!r} is not in the indexed catalog"
        elif event not in USER_EVENTS:
            problem = f"event: {event!r} is not one of {', '.join(USER_EVENTS)}"
        else:
            try:
                ts = parse_timestamp(rec.get("timestamp"))
            except ValueError as exc:
                problem = f"timestamp: {exc}"
        if problem:
            report.errors.append(f"{where}: {problem}")
            continue
        events.append(UserEvent(user, pid, event, ts, str(rec.get("session_id") or "")))
    return events, report


def import_events(store: UserStore, path: str | Path, known_product: Callable[[str], bool]) -> ImportReport:
    events, report = read_events(path, known_product)
    report.added = store.add_events(events, source=f"import:{Path(path).name}")
    report.duplicates = len(events) - report.added
    return report
