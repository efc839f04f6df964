"""Read catalog files into validated products, reporting every bad row.

``load_catalog(path)`` reads JSONL/JSON/CSV/Parquet whose fields use the product schema's
names; each bad row becomes a ``RowError`` (row number, field, reason) instead of being
dropped silently.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from retrieval.product import InvalidProduct, Product


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.reason}"


@dataclass
class LoadResult:
    products: list[Product] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    """(row number, raw record or a RowError for unreadable rows); rows count from 1."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            for n, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    yield n, RowError(n, "row", "invalid UTF-8")
                    continue
                except json.JSONDecodeError as exc:
                    yield n, RowError(n, "row", f"invalid JSON ({exc.msg})")
                    continue
                yield n, record if isinstance(record, dict) else RowError(n, "row", "not a JSON object")
    elif suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            data = data.get("products", [data])
        for n, record in enumerate(data, start=1):
            yield n, record if isinstance(record, dict) else RowError(n, "row", "not a JSON object")
    elif suffix in (".csv", ".tsv"):
        with path.open("r", encoding="utf-8", errors="surrogateescape", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t" if suffix == ".tsv" else ",")
            for n, record in enumerate(reader, start=1):
                bad = [k for k, v in record.items() if isinstance(v, str) and any(0xDC80 <= ord(c) <= 0xDCFF for c in v)]
                if bad:
                    yield n, RowError(n, bad[0], "invalid UTF-8")
                    continue
                yield n, {k: v for k, v in record.items() if k is not None}
    elif suffix == ".parquet":
        import pyarrow.parquet as pq

        for n, record in enumerate(pq.read_table(path).to_pylist(), start=1):
            yield n, record
    else:
        raise ValueError(f"unsupported catalog format {suffix!r} (use .jsonl, .json, .csv or .parquet)")


def load_catalog(path: str | Path) -> LoadResult:
    """Validate every row; duplicates of an id already seen are errors, not overwrites."""
    path = Path(path)
    result = LoadResult()
    seen: set[str] = set()
    for n, record in iter_records(path):
        if isinstance(record, RowError):
            result.errors.append(record)
            continue
        try:
            product = Product.from_dict(record)
        except InvalidProduct as exc:
            result.errors.append(RowError(n, exc.field, exc.reason))
            continue
        if product.id in seen:
            result.errors.append(RowError(n, "id", f"duplicate id {product.id!r}"))
            continue
        seen.add(product.id)
        result.products.append(product)
    return result
