"""Column mapping: turn a catalog's own field names into the product schema's.

Users bring catalogs whose columns are named anything (``name``, ``supplier``,
``price_cents`` …). A ``ColumnMapping`` says which source field feeds which schema field,
how to scale prices, and how to name the remaining fields, which become attributes, so
nothing is dropped silently (only fields listed under ``ignore`` are left out, on
purpose). With no mapping at all, fields named like the schema map to themselves.

It comes from a TOML file (``--mapping FILE``), a shipped preset (``--preset icecat``,
``retrieval/catalog/presets/*.toml``) or flags (``--map title=name``)::

    files = ["products-*.json.zip"]   # which files of a folder to read (default: all)
    [fields]                      # schema field = source field (or a list: first non-empty wins)
    title = "name"
    brand = "supplier"
    image_url = ["img_500x500", "img_high"]
    [price]
    divisor = 100                 # source prices in cents
    zero_is_missing = true
    [defaults]
    currency = "EUR"
    [attributes]
    strip_prefixes = ["attr_t_", "attr_n_"]
    rename = { product_colour = "colour" }
    ignore = ["ean", "img_thumb"]

>>> m = ColumnMapping.from_dict({"fields": {"title": "name"}, "price": {"divisor": 100}})
>>> m.apply({"id": 7, "name": "Mouse", "price": 1999, "dpi": 1600})
{'id': 7, 'title': 'Mouse', 'price': 19.99, 'attributes': {'dpi': 1600}}
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Sequence

from retrieval.catalog.product import SCHEMA_FIELDS


class MappingError(ValueError):
    """A mapping file, preset or flag is invalid; the message says how to fix it."""


@dataclass(frozen=True)
class ColumnMapping:
    """How one catalog's fields become product fields. Frozen; build with ``from_*``."""

    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    price_divisor: float = 1.0
    zero_price_is_missing: bool = False
    defaults: Mapping[str, Any] = field(default_factory=dict)
    strip_prefixes: tuple[str, ...] = ()
    rename: Mapping[str, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    name: str = ""
    files: tuple[str, ...] = ()   # glob patterns picking a folder's catalog files ("" = all)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(SCHEMA_FIELDS))
        if unknown:
            raise MappingError(
                f"unknown product field(s) {', '.join(unknown)} in the mapping; "
                f"map onto: {', '.join(SCHEMA_FIELDS)}"
            )
        unknown = sorted(set(self.defaults) - set(SCHEMA_FIELDS))
        if unknown:
            raise MappingError(f"unknown product field(s) {', '.join(unknown)} under [defaults]")
        if not self.price_divisor > 0:
            raise MappingError(f"price divisor must be positive, not {self.price_divisor}")

    @property
    def is_identity(self) -> bool:
        return self == ColumnMapping(name=self.name)

    def sources(self) -> set[str]:
        """Source fields consumed by a schema field (so they do not also become attributes)."""
        used = {src for cols in self.fields.values() for src in cols}
        used.update(f for f in SCHEMA_FIELDS if f not in self.fields)
        return used

    def apply(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """One source record → a dict in schema names for ``Product.from_dict``.

        Values are not validated here (the product does that, with the schema field's
        name in the error); only the price is scaled when it is a number.
        """
        if self.is_identity:
            return dict(record)
        out: dict[str, Any] = {}
        for name in SCHEMA_FIELDS:
            for src in self.fields.get(name, (name,)):
                value = record.get(src)
                if value is not None and value != "" and value != []:
                    out[name] = value
                    break
            if name not in out and name in self.defaults:
                out[name] = self.defaults[name]
        if "price" in out:
            out["price"] = self._price(out["price"])
            if out["price"] is None:
                del out["price"]
        extras: dict[str, Any] = {}
        used = self.sources()
        for key, value in record.items():
            if key is None or key in used or key in self.ignore:
                continue
            extras[self.attribute_name(str(key))] = value
        raw_attrs = out.get("attributes")
        if isinstance(raw_attrs, Mapping):
            out["attributes"] = {**extras, **raw_attrs}
        elif raw_attrs is None:
            if extras:
                out["attributes"] = extras
        else:
            # a JSON string (or junk Product.from_dict will report): extras ride along as
            # top-level keys, which the product folds into its attributes
            out.update({(k if k not in SCHEMA_FIELDS else f"extra_{k}"): v for k, v in extras.items()})
        return out

    def attribute_name(self, key: str) -> str:
        for prefix in self.strip_prefixes:
            if key.startswith(prefix) and len(key) > len(prefix):
                key = key[len(prefix):]
                break
        return self.rename.get(key, key)

    def _price(self, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        number: float | None
        if isinstance(value, (int, float)):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.replace(",", "").strip().lstrip("$€£"))
            except ValueError:
                return value  # unparsable: Product.from_dict reports it with the row number
        else:
            return value
        if self.zero_price_is_missing and number == 0:
            return None
        if self.price_divisor == 1:
            return value
        return round(number / self.price_divisor, 2)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "") -> "ColumnMapping":
        known = {"name", "description", "files", "fields", "price", "defaults", "attributes"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise MappingError(f"unknown mapping section(s) {', '.join(unknown)}; use {', '.join(sorted(known))}")
        fields_: dict[str, tuple[str, ...]] = {}
        for target, src in dict(data.get("fields", {})).items():
            cols = (src,) if isinstance(src, str) else tuple(src) if isinstance(src, (list, tuple)) else None
            if not cols or not all(isinstance(c, str) and c for c in cols):
                raise MappingError(f"[fields] {target} must be a source field name or a list of names")
            fields_[str(target)] = cols
        price = dict(data.get("price", {}))
        attrs = dict(data.get("attributes", {}))
        bad = sorted(set(price) - {"divisor", "zero_is_missing"}) + sorted(
            set(attrs) - {"strip_prefixes", "rename", "ignore"})
        if bad:
            raise MappingError(f"unknown mapping option(s) {', '.join(bad)}")
        try:
            divisor = float(price.get("divisor", 1))
        except (TypeError, ValueError):
            raise MappingError(f"[price] divisor must be a number, not {price.get('divisor')!r}") from None
        return cls(
            fields=fields_,
            price_divisor=divisor,
            zero_price_is_missing=bool(price.get("zero_is_missing", False)),
            defaults=dict(data.get("defaults", {})),
            strip_prefixes=tuple(attrs.get("strip_prefixes", ())),
            rename={str(k): str(v) for k, v in dict(attrs.get("rename", {})).items()},
            ignore=frozenset(str(x) for x in attrs.get("ignore", ())),
            name=str(data.get("name", name)),
            files=tuple(str(f) for f in data.get("files", ())),
        )

    @classmethod
    def from_toml(cls, path: str | Path) -> "ColumnMapping":
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise MappingError(f"mapping file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise MappingError(f"mapping file {path} is not valid TOML: {exc}") from None
        return cls.from_dict(data, name=path.stem)

    def with_flags(self, maps: Sequence[str] = (), price_divisor: float | None = None,
                   defaults: Sequence[str] = (), ignore: Sequence[str] = ()) -> "ColumnMapping":
        """Layer command-line flags (``schema=source``, ``field=value``) over this mapping."""
        fields_ = dict(self.fields)
        for item in maps:
            target, sep, src = item.partition("=")
            if not sep or not target.strip() or not src.strip():
                raise MappingError(f"--map expects SCHEMA_FIELD=SOURCE_FIELD, got {item!r}")
            fields_[target.strip()] = tuple(s.strip() for s in src.split(",") if s.strip())
        defaults_ = dict(self.defaults)
        for item in defaults:
            target, sep, value = item.partition("=")
            if not sep or not target.strip():
                raise MappingError(f"--default expects SCHEMA_FIELD=VALUE, got {item!r}")
            defaults_[target.strip()] = value
        return ColumnMapping(
            fields=fields_,
            price_divisor=self.price_divisor if price_divisor is None else float(price_divisor),
            zero_price_is_missing=self.zero_price_is_missing,
            defaults=defaults_,
            strip_prefixes=self.strip_prefixes,
            rename=self.rename,
            ignore=self.ignore | frozenset(ignore),
            name=self.name,
            files=self.files,
        )


IDENTITY = ColumnMapping()


def preset_names() -> list[str]:
    folder = resources.files("retrieval.catalog").joinpath("presets")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_preset(name: str) -> ColumnMapping:
    """A mapping shipped in ``retrieval/catalog/presets/NAME.toml``."""
    resource = resources.files("retrieval.catalog").joinpath("presets", f"{name}.toml")
    if not resource.is_file():
        raise MappingError(f"no preset {name!r}; available: {', '.join(preset_names()) or 'none'}")
    return ColumnMapping.from_dict(tomllib.loads(resource.read_text(encoding="utf-8")), name=name)
