"""A/B experiments: named variants, deterministic assignment by hashed user (or session) id.

Configured in ``config.toml``::

    [experiments.personal-v1]
    variants = ["control", "personal"]       # the first is the control
    off = ["control"]                         # variants that run without personalization
    salt = "2026-12"                          # change it to reshuffle users

``assign`` is a pure function of (salt, experiment, unit id): the same shopper gets the
same variant in every process, with no coordination; the store also records it so a
report can count assigned users. The variant name is written with every impression and
event of that shopper (``user_events.variant``).

    >>> e = Experiment("t", ("a", "b"))
    >>> e.assign("user-1") == e.assign("user-1")
    True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Mapping

from assistant.errors import ConfigError


@dataclass(frozen=True)
class Experiment:
    name: str
    variants: tuple[str, ...]
    off: tuple[str, ...] = ()          # variants without personalization
    salt: str = ""

    def __post_init__(self) -> None:
        if len(self.variants) < 2 or len(set(self.variants)) != len(self.variants):
            raise ConfigError(f"experiment {self.name!r} needs at least two distinct variants")
        unknown = set(self.off) - set(self.variants)
        if unknown:
            raise ConfigError(f"experiment {self.name!r}: off names unknown variants {sorted(unknown)}")

    def assign(self, unit_id: str) -> str:
        digest = hashlib.sha256(f"{self.salt}:{self.name}:{unit_id}".encode()).digest()
        return self.variants[int.from_bytes(digest[:8], "big") % len(self.variants)]

    def personalized(self, variant: str) -> bool:
        return variant not in self.off


def parse_experiments(raw: Mapping[str, Any]) -> tuple[Experiment, ...]:
    """``[experiments.NAME]`` tables → experiments; a malformed table is a ``ConfigError``."""
    out = []
    for name, table in (raw or {}).items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"[experiments.{name}] must be a table")
        unknown = set(table) - {"variants", "off", "salt"}
        if unknown:
            raise ConfigError(f"[experiments.{name}]: unknown keys {sorted(unknown)}")
        out.append(Experiment(name, tuple(map(str, table.get("variants") or ())),
                              tuple(map(str, table.get("off") or ())), str(table.get("salt", ""))))
    return tuple(out)
