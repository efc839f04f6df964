"""What similar shoppers did: collaborative models over all users' implicit feedback.

Two models share one seam (``CollaborativeModel``): ``ItemCooccurrence`` (item-item
cosine over who interacted with what, top neighbours kept) and ``ImplicitALS``
(Hu-Koren-Volinsky weighted matrix factorisation, numpy). Both score a *history*
(product id → weight), not a user id: a shopper's latest events count at once and a
user the model never saw still gets scores (ALS folds the history in).

Interactions carry timestamps; ``fit(..., until=T)`` uses only events before ``T``
so a model evaluated on later events has never seen them. Items without interactions
get ``nan`` (unknown), never 0: the reranker treats unknown as neutral so a new
product is not penalised for being new. Catalog-independent: ids are opaque strings.

    >>> ix = [Interaction("u1", "a", 1.0, 0), Interaction("u1", "b", 1.0, 1),
    ...       Interaction("u2", "a", 1.0, 2), Interaction("u2", "b", 1.0, 3), Interaction("u3", "c", 1.0, 4)]
    >>> m = ItemCooccurrence().fit(ix)
    >>> [round(float(s), 2) for s in m.score({"a": 1.0}, ["b", "c", "new"])]
    [1.0, 0.0, nan]
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Protocol, Sequence

import numpy as np

FORMAT = "shopguide-collaborative"
VERSION = 1


@dataclass(frozen=True)
class Interaction:
    user_id: str
    item_id: str
    weight: float
    ts: float


class CollaborativeModel(Protocol):
    name: str

    def fit(self, interactions: Sequence[Interaction], until: float | None = None) -> "CollaborativeModel": ...

    def score(self, history: Mapping[str, float], items: Sequence[str]) -> np.ndarray: ...


def _matrix(interactions: Sequence[Interaction], until: float | None):
    from scipy import sparse

    rows = [i for i in interactions if (until is None or i.ts < until) and i.weight > 0]
    users = {u: k for k, u in enumerate(dict.fromkeys(i.user_id for i in rows))}
    items = {p: k for k, p in enumerate(dict.fromkeys(i.item_id for i in rows))}
    m = sparse.coo_matrix(([i.weight for i in rows], ([users[i.user_id] for i in rows],
                                                      [items[i.item_id] for i in rows])),
                          shape=(len(users), len(items)), dtype=np.float32).tocsr()
    m.sum_duplicates()
    return m, list(items)


class ItemCooccurrence:
    """Item-item cosine similarity on the user × item matrix (log-damped weights), top ``neighbours`` kept."""

    name = "cooccurrence"

    def __init__(self, neighbours: int = 50) -> None:
        self.neighbours = neighbours
        self.items: list[str] = []
        self._index: dict[str, int] = {}
        self.sim = None   # scipy csr, items × items

    def fit(self, interactions: Sequence[Interaction], until: float | None = None) -> "ItemCooccurrence":
        from scipy import sparse

        m, self.items = _matrix(interactions, until)
        self._index = {p: k for k, p in enumerate(self.items)}
        m.data = np.log1p(m.data)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=0)).ravel()) + 1e-9
        co = (m.T @ m).tocsr().astype(np.float32)
        co = sparse.diags(1 / norms) @ co @ sparse.diags(1 / norms)
        co.setdiag(0)
        co.eliminate_zeros()
        self.sim = _top_k_rows(co.tocsr(), self.neighbours)
        return self

    def score(self, history: Mapping[str, float], items: Sequence[str]) -> np.ndarray:
        out = np.full(len(items), np.nan, dtype=np.float32)
        known = [(self._index[h], w) for h, w in history.items() if h in self._index and w > 0]
        if self.sim is None:
            return out
        vec = np.zeros(len(self.items), dtype=np.float32)
        if known:
            idx, w = zip(*known)
            hist = np.zeros(len(self.items), dtype=np.float32)
            hist[list(idx)] = w
            vec = np.asarray(self.sim.T @ hist).ravel() / max(sum(w), 1e-9)
        for k, item in enumerate(items):
            j = self._index.get(item)
            if j is not None:
                out[k] = vec[j]
        return out

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {"data": self.sim.data, "indices": self.sim.indices, "indptr": self.sim.indptr}

    @classmethod
    def from_arrays(cls, items: list[str], arrays: Mapping[str, np.ndarray], neighbours: int) -> "ItemCooccurrence":
        from scipy import sparse

        m = cls(neighbours)
        m.items, m._index = items, {p: k for k, p in enumerate(items)}
        m.sim = sparse.csr_matrix((arrays["data"], arrays["indices"], arrays["indptr"]), shape=(len(items), len(items)))
        return m


def _top_k_rows(m, k: int):
    from scipy import sparse

    data, indices, indptr = [], [], [0]
    for r in range(m.shape[0]):
        lo, hi = m.indptr[r], m.indptr[r + 1]
        vals, cols = m.data[lo:hi], m.indices[lo:hi]
        if len(vals) > k:
            keep = np.argpartition(-vals, k)[:k]
            vals, cols = vals[keep], cols[keep]
        data.append(vals)
        indices.append(cols)
        indptr.append(indptr[-1] + len(vals))
    cat = (lambda xs, t: np.concatenate(xs).astype(t) if xs else np.zeros(0, t))
    return sparse.csr_matrix((cat(data, np.float32), cat(indices, np.int32), np.array(indptr)), shape=m.shape)


class ImplicitALS:
    """Implicit-feedback ALS: confidence ``1 + alpha * w``, preference 1 for every interaction.

    Scores are the dot product of the history's folded-in factor with item factors.
    """

    name = "als"

    def __init__(self, factors: int = 32, regularization: float = 0.1, alpha: float = 10.0,
                 iterations: int = 10, seed: int = 7) -> None:
        self.factors, self.regularization, self.alpha = factors, regularization, alpha
        self.iterations, self.seed = iterations, seed
        self.items: list[str] = []
        self._index: dict[str, int] = {}
        self.item_factors: np.ndarray | None = None

    def fit(self, interactions: Sequence[Interaction], until: float | None = None) -> "ImplicitALS":
        m, self.items = _matrix(interactions, until)
        self._index = {p: k for k, p in enumerate(self.items)}
        rng = np.random.default_rng(self.seed)
        n_users, n_items = m.shape
        users = rng.normal(0, 0.01, (n_users, self.factors)).astype(np.float64)
        items = rng.normal(0, 0.01, (n_items, self.factors)).astype(np.float64)
        mt = m.T.tocsr()
        for _ in range(self.iterations):
            users = self._solve(m, items)
            items = self._solve(mt, users)
        self.item_factors = items.astype(np.float32)
        return self

    def _solve(self, m, fixed: np.ndarray) -> np.ndarray:
        """Least squares for every row of ``m`` given the other side's factors (Hu et al. 2008)."""
        gram = fixed.T @ fixed + self.regularization * np.eye(self.factors)
        out = np.zeros((m.shape[0], self.factors))
        for r in range(m.shape[0]):
            lo, hi = m.indptr[r], m.indptr[r + 1]
            out[r] = self._fold(m.indices[lo:hi], m.data[lo:hi], fixed, gram)
        return out

    def _fold(self, idx, weights, fixed, gram) -> np.ndarray:
        if len(idx) == 0:
            return np.zeros(self.factors)
        y = fixed[idx]
        conf = self.alpha * np.asarray(weights, dtype=np.float64)     # c - 1
        a = gram + (y.T * conf) @ y
        b = (y.T * (1.0 + conf)).sum(axis=1)
        return np.linalg.solve(a, b)

    def score(self, history: Mapping[str, float], items: Sequence[str]) -> np.ndarray:
        out = np.full(len(items), np.nan, dtype=np.float32)
        if self.item_factors is None:
            return out
        known = [(self._index[h], w) for h, w in history.items() if h in self._index and w > 0]
        f = self.item_factors.astype(np.float64)
        user = np.zeros(self.factors)
        if known:
            idx, w = zip(*known)
            user = self._fold(np.array(idx), np.array(w), f, f.T @ f + self.regularization * np.eye(self.factors))
        for k, item in enumerate(items):
            j = self._index.get(item)
            if j is not None:
                out[k] = float(f[j] @ user)
        return out


def save_model(model, path: str | Path, metadata: Mapping | None = None) -> Path:
    """One ``.npz`` file: a JSON header (format, version, kind, items, metadata) plus arrays."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "version": VERSION, "kind": model.name, "items": model.items,
              "metadata": dict(metadata or {})}
    if isinstance(model, ItemCooccurrence):
        header["neighbours"] = model.neighbours
        arrays = model.to_arrays()
    else:
        header.update(factors=model.factors, regularization=model.regularization, alpha=model.alpha)
        arrays = {"item_factors": model.item_factors}
    buf = io.BytesIO()
    np.savez_compressed(buf, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), **arrays)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)
    return path


def load_model(path: str | Path):
    """The model at ``path``, or None when there is none; ``ValueError`` when the file is not one."""
    path = Path(path)
    if not path.exists():
        return None
    with np.load(path) as data:
        header = json.loads(bytes(data["header"]).decode())
        if header.get("format") != FORMAT or header.get("version") != VERSION:
            raise ValueError(f"{path} is not a shopguide collaborative model (version {VERSION})")
        if header["kind"] == "cooccurrence":
            model = ItemCooccurrence.from_arrays(header["items"], {k: data[k] for k in ("data", "indices", "indptr")},
                                                 header["neighbours"])
        else:
            model = ImplicitALS(header["factors"], header["regularization"], header["alpha"])
            model.items, model._index = header["items"], {p: k for k, p in enumerate(header["items"])}
            model.item_factors = data["item_factors"]
    model.metadata = header.get("metadata", {})
    return model


def fit_model(kind: str, interactions: Sequence[Interaction], until: float | None = None):
    if kind == "cooccurrence":
        return ItemCooccurrence().fit(interactions, until)
    if kind == "als":
        return ImplicitALS().fit(interactions, until)
    raise ValueError(f"collaborative model kind must be cooccurrence or als, not {kind!r}")


def category_popularity(interactions: Iterable[Interaction], category_of: Mapping[str, str],
                        until: float | None = None) -> dict[str, float]:
    """Each item's share of positive interaction weight within its category (0..1)."""
    per_item: dict[str, float] = {}
    for i in interactions:
        if (until is None or i.ts < until) and i.weight > 0:
            per_item[i.item_id] = per_item.get(i.item_id, 0.0) + i.weight
    per_cat: dict[str, float] = {}
    for item, w in per_item.items():
        per_cat[category_of.get(item, "")] = per_cat.get(category_of.get(item, ""), 0.0) + w
    return {item: w / per_cat[category_of.get(item, "")] for item, w in per_item.items()}
