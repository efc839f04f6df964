"""Types every suite loader shares: the error and the hard-constraint record.

Kept apart from ``eval.conversations`` so the judged and shopper loaders can use them
without importing the module that dispatches to them (no import cycle).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.errors import InputError


class SuiteError(InputError):
    """A suite file is missing or malformed; the message names the file and conversation."""


@dataclass(frozen=True)
class Constraints:
    """Hard constraints every shown product must satisfy (None / empty = not constrained)."""

    max_price: float | None = None
    min_price: float | None = None
    brands_excluded: tuple[str, ...] = ()
    category: str | None = None
    attributes_required: tuple[str, ...] = ()
    in_stock: bool = False
