"""Graded relevance judgments: ``query,product_id,grade`` CSV files.

Judgments are what the learned ranker is trained on and what ``ranker evaluate``
measures against. A product never judged for a query is *unknown*, not irrelevant;
the metrics decide how to treat it (see ``retrieval.ranking.metrics``).

>>> j = Judgments.from_rows([("rain jacket", "SG-1", 3), ("rain jacket", "SG-2", 0)])
>>> j.grades("rain jacket")
{'SG-1': 3.0, 'SG-2': 0.0}
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

COLUMNS = ("query", "product_id", "grade")
MAX_GRADE = 3.0


class JudgmentsError(ValueError):
    """A judgments file cannot be read; the message says which line and what to fix."""


@dataclass(frozen=True)
class Judgments:
    """query → {product id → grade}; queries keep the order they first appeared in."""

    by_query: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    source: str = ""

    def __repr__(self) -> str:
        return f"Judgments({len(self.by_query)} queries, {self.pair_count} pairs, {self.source or 'in memory'})"

    def __len__(self) -> int:
        return len(self.by_query)

    @property
    def pair_count(self) -> int:
        return sum(len(g) for g in self.by_query.values())

    @property
    def queries(self) -> list[str]:
        return list(self.by_query)

    def grades(self, query: str) -> dict[str, float]:
        return dict(self.by_query.get(query, {}))

    def with_positives(self) -> list[str]:
        """Queries with at least one grade > 0: the ones metrics are averaged over."""
        return [q for q, g in self.by_query.items() if any(v > 0 for v in g.values())]

    def subset(self, queries: Iterable[str]) -> "Judgments":
        keep = [q for q in queries if q in self.by_query]
        return Judgments({q: dict(self.by_query[q]) for q in keep}, self.source)

    def merged(self, other: "Judgments") -> "Judgments":
        """Union; where both judge a pair, ``other`` wins."""
        out: dict[str, dict[str, float]] = {q: dict(g) for q, g in self.by_query.items()}
        for q, grades in other.by_query.items():
            out.setdefault(q, {}).update(grades)
        return Judgments(out, " + ".join(s for s in (self.source, other.source) if s))

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, float]], source: str = "") -> "Judgments":
        out: dict[str, dict[str, float]] = {}
        for query, pid, grade in rows:
            out.setdefault(_norm_query(query), {})[str(pid)] = float(grade)
        return cls(out, source)

    def to_csv(self, path: str | Path) -> int:
        """Write the judgments as ``query,product_id,grade``; returns the row count."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        n = 0
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for query, grades in self.by_query.items():
                for pid, grade in grades.items():
                    writer.writerow((query, pid, _fmt_grade(grade)))
                    n += 1
        return n


def load_judgments(path: str | Path) -> Judgments:
    """Read a ``query,product_id,grade`` CSV (header required, grades 0–3).

    Raises ``JudgmentsError`` naming the line for a missing column, an empty query
    or product id, or a grade that is not a number in 0–3.
    """
    path = Path(path)
    if not path.exists():
        raise JudgmentsError(f"judgments file {path} does not exist")
    rows: list[tuple[str, str, float]] = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise JudgmentsError(
                f"{path}: missing column(s) {', '.join(missing)}; the header must be 'query,product_id,grade'"
            )
        reader.fieldnames = header
        for line, row in enumerate(reader, start=2):
            query, pid, raw = (row.get(c) or "" for c in COLUMNS)
            if not query.strip() or not pid.strip():
                raise JudgmentsError(f"{path}:{line}: empty query or product_id")
            try:
                grade = float(raw)
            except ValueError:
                raise JudgmentsError(f"{path}:{line}: grade {raw!r} is not a number (use 0, 1, 2 or 3)") from None
            if not 0.0 <= grade <= MAX_GRADE:
                raise JudgmentsError(f"{path}:{line}: grade {grade:g} is outside 0–3")
            rows.append((query, pid.strip(), grade))
    if not rows:
        raise JudgmentsError(f"{path} holds no judgments")
    return Judgments.from_rows(rows, source=str(path))


def _norm_query(query: str) -> str:
    return " ".join(str(query).split())


def _fmt_grade(grade: float) -> str:
    return str(int(grade)) if float(grade).is_integer() else f"{grade:g}"
