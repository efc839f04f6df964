"""What retrieval is asked: free text, hard constraints and soft preferences.

``retrieval`` knows nothing of conversations; the assistant turns its portrait into a
``Query``. Hard constraints are enforced twice: as a Chroma ``where`` filter (so the
vector search only looks at allowed products) and by ``violations`` in code (so a
filter bug can never show a forbidden product).

>>> q = Query(text="rain jacket", max_price=150)
>>> q.violations(Product(id="1", title="Shell", price=169.0))
['price $169.00 is over the $150.00 budget']
"""

from __future__ import annotations

import re
from functools import lru_cache

from dataclasses import dataclass, field, replace
from typing import Any

from retrieval.catalog.product import Product


def norm(text: str) -> str:
    """Lower-case, trimmed form used for brand/category/attribute comparisons."""
    return " ".join(str(text).lower().split())


@dataclass(frozen=True)
class Query:
    """A search request. Empty constraint fields mean "no constraint"."""

    text: str
    # hard constraints
    min_price: float | None = None
    max_price: float | None = None
    categories: tuple[str, ...] = ()          # any of these (matched against the category path)
    brands_include: tuple[str, ...] = ()      # only these brands, when given
    brands_exclude: tuple[str, ...] = ()
    attributes_required: tuple[str, ...] = ()  # feature/colour/material words that must be present
    attributes_excluded: tuple[str, ...] = ()  # words that must not be present
    in_stock: bool = True
    exclude_ids: tuple[str, ...] = ()
    # soft preferences (ranking signals only)
    brands_liked: tuple[str, ...] = ()
    attributes_wanted: tuple[str, ...] = ()
    attributes_unwanted: tuple[str, ...] = ()
    k: int = 100

    def __post_init__(self) -> None:
        if self.min_price is not None and self.max_price is not None and self.min_price > self.max_price:
            raise ValueError(f"min_price {self.min_price} is above max_price {self.max_price}")
        if self.k <= 0:
            raise ValueError("k must be positive")

    def with_(self, **changes: Any) -> "Query":
        return replace(self, **changes)

    @property
    def has_constraints(self) -> bool:
        return bool(
            self.min_price is not None or self.max_price is not None or self.categories
            or self.brands_include or self.brands_exclude or self.attributes_required
            or self.attributes_excluded or self.exclude_ids
        )

    def violations(self, product: Product) -> list[str]:
        """Every hard constraint ``product`` breaks, as short human-readable phrases."""
        out: list[str] = []
        price = product.price
        if self.max_price is not None and (price is None or price > self.max_price + 1e-9):
            out.append(
                "price unknown" if price is None
                else f"price ${price:,.2f} is over the ${self.max_price:,.2f} budget"
            )
        if self.min_price is not None and (price is None or price < self.min_price - 1e-9):
            out.append(
                "price unknown" if price is None
                else f"price ${price:,.2f} is under the ${self.min_price:,.2f} minimum"
            )
        if self.categories and not category_matches(product.category, self.categories):
            out.append(f"category {product.category or 'unknown'} is not {' or '.join(self.categories)}")
        brand = norm(product.brand)
        if self.brands_include and brand not in {norm(b) for b in self.brands_include}:
            out.append(f"brand {product.brand or 'unknown'} is not one of {', '.join(self.brands_include)}")
        if brand and brand in {norm(b) for b in self.brands_exclude}:
            out.append(f"brand {product.brand} is excluded")
        if self.attributes_required or self.attributes_excluded:   # the product's text only when asked about
            spaced = spaced_terms(product)
            for attr in self.attributes_required:
                if not has_spaced_term(spaced, attr):
                    out.append(f"not {attr}")
            for attr in self.attributes_excluded:
                if has_spaced_term(spaced, attr):
                    out.append(f"is {attr}")
        if self.in_stock and not product.in_stock:
            out.append("out of stock")
        if product.id in self.exclude_ids:
            out.append("excluded product")
        return out

    def chroma_where(self) -> dict[str, Any] | None:
        """The hard constraints Chroma can evaluate, as a ``where`` filter (or None).

        Category, brand, attribute words and stock are stored as flat metadata by
        ``retrieval.index.store.product_metadata``; free-text attribute words that are not
        metadata keys are left to the code re-check.
        """
        clauses: list[dict[str, Any]] = []
        if self.max_price is not None:
            clauses.append({"price": {"$lte": float(self.max_price)}})
        if self.min_price is not None or self.max_price is not None:
            # unknown prices are stored as -1 and never satisfy a budget
            clauses.append({"price": {"$gte": float(self.min_price or 0.0)}})
        if self.categories:
            cats = sorted({norm(c) for c in self.categories})
            ors = [{"cat0": {"$eq": c}} for c in cats] + [{"cat1": {"$eq": c}} for c in cats] + [
                {"cat2": {"$eq": c}} for c in cats
            ]
            clauses.append(ors[0] if len(ors) == 1 else {"$or": ors})
        if self.brands_include:
            clauses.append({"brand": {"$in": sorted({norm(b) for b in self.brands_include})}})
        if self.brands_exclude:
            clauses.append({"brand": {"$nin": sorted({norm(b) for b in self.brands_exclude})}})
        if self.in_stock:
            clauses.append({"in_stock": {"$eq": True}})
        if self.exclude_ids:
            clauses.append({"pid": {"$nin": sorted(self.exclude_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def category_matches(path: str, wanted: tuple[str, ...] | list[str]) -> bool:
    """True when any level of the ``A > B > C`` path equals one of ``wanted``."""
    levels = {norm(level) for level in path.split(">") if level.strip()}
    return any(norm(w) in levels for w in wanted)


@lru_cache(maxsize=4096)
def product_terms(product: Product) -> str:
    """One lower-case string of the product's title, attributes and description.

    Cached per product (frozen, so exact): the re-check, the ranking features and the
    grounding check all ask for the same candidates' text within a turn, and flattening
    a product with dozens of attributes (Icecat) costs tens of microseconds each time.
    """
    return " " + norm(" ".join((product.title, product.attribute_text(), product.description))) + " "


def has_term(terms: str, attr: str) -> bool:
    """Whole-word match of an attribute phrase, tolerant of hyphens ("non-stick")."""
    needle = norm(attr)
    if not needle:
        return True
    haystack = terms.replace("-", " ")
    return f" {needle.replace('-', ' ')} " in _spaced(haystack)


@lru_cache(maxsize=4096)
def spaced_terms(product: Product) -> str:
    """``product_terms`` in the form ``has_term`` searches, computed once per product.

    Why cached: the code re-check of every retrieved candidate (``Query.violations``
    with an attribute constraint) normalised each candidate's whole description on every
    query — on Icecat (long descriptions) about 100 µs per candidate, the largest item of
    a filtered search's p95. Products are immutable (frozen), and an ``lru_cache`` hit
    on the same object is an identity check, so this is exact.
    """
    return _spaced(product_terms(product).replace("-", " "))


def has_spaced_term(spaced: str, attr: str) -> bool:
    """``has_term(product_terms(p), attr)`` given ``spaced_terms(p)``: the same answer."""
    needle = norm(attr)
    if not needle:
        return True
    return f" {needle.replace('-', ' ')} " in spaced


# every character that is not alphanumeric (str.isalnum) or a space: \w is isalnum plus "_"
_NOT_WORD = re.compile(r"[^\w ]|_")


def only_words(text: str) -> str:
    """``text`` with every character but letters, digits and spaces turned into a space.

    The same as ``"".join(ch if ch.isalnum() or ch == " " else " " for ch in text)``, in
    one regex pass instead of a Python loop (the re-check and the constraint masks run
    it over whole product descriptions).
    """
    return _NOT_WORD.sub(" ", text)


def _spaced(text: str) -> str:
    return " " + " ".join(only_words(text).split()) + " "
