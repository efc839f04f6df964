"""Read catalog files into validated products, reporting every bad row.

``load_catalog(path, mapping)`` reads CSV/TSV, JSON, JSONL and Parquet files, ``.zip``
archives of those, or a folder of them (e.g. the Icecat export's four zips). A
``ColumnMapping`` renames the file's fields to the product schema's first. Each bad row
becomes a ``RowError`` (file, row number, field, reason) instead of being dropped
silently; the caller decides whether errors are fatal (``--strict``).

>>> str(RowError(4, "price", "negative or too small: -3.0", source="shop.csv"))
'shop.csv row 4: price: negative or too small: -3.0'
"""

from __future__ import annotations

import csv
import fnmatch
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator

from retrieval.catalog.mapping import IDENTITY, ColumnMapping
from retrieval.catalog.product import InvalidProduct, Product

FORMATS = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")


class CatalogError(ValueError):
    """The catalog as a whole cannot be read (missing file, unknown format, broken JSON)."""


@dataclass(frozen=True)
class RowError:
    """One rejected row: where it is and why. Rows count from 1 within their file."""

    row: int
    field: str
    reason: str
    source: str = ""

    def __str__(self) -> str:
        where = f"{self.source} row {self.row}" if self.source else f"row {self.row}"
        return f"{where}: {self.field}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "row": self.row, "field": self.field, "reason": self.reason}


@dataclass
class LoadResult:
    products: list[Product] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0

    def summary(self) -> dict[str, int]:
        return {"rows": self.rows, "valid": len(self.products), "invalid": len(self.errors)}


def catalog_files(path: Path, patterns: tuple[str, ...] = ()) -> list[Path]:
    """The readable files of ``path``: itself, or a folder's supported files in name order.

    ``patterns`` (globs such as ``products-*.json.zip``) narrow a folder's files.
    """
    if not path.exists():
        raise CatalogError(f"{path} does not exist")
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir()
            if p.is_file() and _format(p.name) is not None
            and (not patterns or any(fnmatch.fnmatch(p.name, pat) for pat in patterns))
        )
        if not files:
            wanted = " or ".join(patterns) if patterns else f"{', '.join(FORMATS)} or .zip of them"
            raise CatalogError(f"{path} holds no catalog files ({wanted})")
        return files
    if _format(path.name) is None:
        raise CatalogError(f"unsupported catalog format {path.name!r} (use {', '.join(FORMATS)} or a .zip of them)")
    return [path]


def _format(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(".zip"):
        return ".zip"
    for suffix in FORMATS:
        if lower.endswith(suffix):
            return suffix
    return None


def iter_records(path: Path, patterns: tuple[str, ...] = ()) -> Iterator[tuple[str, int, dict[str, Any] | RowError]]:
    """(source name, row number, raw record or a RowError) over every file under ``path``."""
    path = Path(path)
    for file in catalog_files(path, patterns):
        if _format(file.name) == ".zip":
            with zipfile.ZipFile(file) as archive:
                members = sorted(n for n in archive.namelist() if _format(n) not in (None, ".zip"))
                if not members:
                    raise CatalogError(f"{file} holds no catalog files ({', '.join(FORMATS)})")
                for member in members:
                    source = f"{file.name}:{member}"
                    with archive.open(member) as fh:
                        for n, rec in _iter_stream(fh, _format(member), source):
                            yield source, n, rec
        else:
            with file.open("rb") as fh:
                for n, rec in _iter_stream(fh, _format(file.name), file.name):
                    yield file.name, n, rec


def _iter_stream(fh: IO[bytes], fmt: str | None, source: str) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    if fmt in (".jsonl", ".ndjson"):
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield n, RowError(n, "row", "invalid UTF-8", source)
                continue
            except json.JSONDecodeError as exc:
                yield n, RowError(n, "row", f"invalid JSON ({exc.msg})", source)
                continue
            yield n, _as_record(record, n, source)
    elif fmt == ".json":
        # decode leniently so one bad byte rejects its row, not the whole file
        text = fh.read().decode("utf-8", errors="surrogateescape")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CatalogError(f"{source} is not valid JSON ({exc.msg} at line {exc.lineno}); "
                               "use JSONL for one product per line") from None
        if isinstance(data, dict):
            data = data.get("products", [data])
        if not isinstance(data, list):
            raise CatalogError(f"{source}: expected a JSON list of products or {{\"products\": [...]}}")
        for n, record in enumerate(data, start=1):
            rec = _as_record(record, n, source)
            if isinstance(rec, dict):
                bad = _surrogate_field(rec)
                if bad is not None:
                    rec = RowError(n, bad, "invalid UTF-8", source)
            yield n, rec
    elif fmt in (".csv", ".tsv"):
        text = io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="")
        reader = csv.DictReader(text, delimiter="\t" if fmt == ".tsv" else ",")
        for n, record in enumerate(reader, start=1):
            extra = record.pop(None, None)  # type: ignore[call-overload]
            if extra:
                yield n, RowError(n, "row", f"{len(extra)} more value(s) than header columns", source)
                continue
            bad = _surrogate_field(record)
            if bad is not None:
                yield n, RowError(n, bad, "invalid UTF-8", source)
                continue
            yield n, {k: v for k, v in record.items() if v is not None}
    elif fmt == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:  # pragma: no cover - install hint
            raise ImportError("reading Parquet needs pyarrow; `pip install pyarrow`") from exc
        table = pq.read_table(io.BytesIO(fh.read()))
        for n, record in enumerate(table.to_pylist(), start=1):
            yield n, record
    else:  # pragma: no cover - catalog_files filters formats
        raise CatalogError(f"unsupported catalog format for {source}")


def _as_record(record: Any, n: int, source: str) -> dict[str, Any] | RowError:
    return record if isinstance(record, dict) else RowError(n, "row", "not a JSON object", source)


def _surrogate_field(record: dict[str, Any]) -> str | None:
    """The first field holding undecodable bytes (kept as lone surrogates), if any."""
    for key, value in record.items():
        if _has_surrogate(key) or _has_surrogate(value):
            return str(key).encode("utf-8", "replace").decode("utf-8")
    return None


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def load_catalog(path: str | Path, mapping: ColumnMapping | None = None) -> LoadResult:
    """Validate every row; duplicates of an id already seen are errors, not overwrites."""
    mapping = mapping or IDENTITY
    result = LoadResult()
    seen: dict[str, str] = {}
    for source, n, record in iter_records(Path(path), mapping.files):
        result.rows += 1
        if isinstance(record, RowError):
            result.errors.append(record)
            continue
        try:
            product = Product.from_dict(mapping.apply(record))
        except InvalidProduct as exc:
            result.errors.append(RowError(n, exc.field, exc.reason, source))
            continue
        if product.id in seen:
            result.errors.append(RowError(n, "id", f"duplicate id {product.id!r} (first seen at {seen[product.id]})", source))
            continue
        seen[product.id] = f"{source} row {n}"
        result.products.append(product)
    return result
