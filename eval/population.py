"""A simulated shopper population over any catalog: latent tastes → sessions → clicks, carts, purchases.

What the simulator assumes (read this before trusting any number it produces):

- Each shopper has stable latent tastes for the whole simulated period: a few favourite
  categories (Dirichlet weights), an affinity per brand, colour and material (normal
  draws; brands with spread ``brand_sd`` …) and a price level (log-ratio to the
  category's median price) with a quadratic penalty. Product quality (rating) adds a
  small shared term. Tastes that persist over time are exactly what personalization
  exploits; if real shoppers drift faster, real gains are smaller.
- In each session the shopper picks a category, the shop shows that category's products
  from the base ranker's list, perturbed by Gumbel noise (different wordings, scrolling),
  so logged interactions are position-biased but not only the top 4.
- In the last ``2 * test_days`` (validation and test periods) the shown lists are
  randomly shuffled (an exploration bucket). Without it, held-out purchases mostly
  reflect where the *base* ranker put products (the logging policy), and an offline
  test would reward imitating the base ranker: with base-ordered lists in the test
  period, even ranking by the shopper's true utility scored below the base ranker.
- Examination follows position bias ``(1/pos) ** eta``; an examined product is clicked
  with probability ``sigmoid(utility - click_bar)``; clicked products are carted with
  ``sigmoid(utility - cart_bar)``; the best carted one is bought with
  ``sigmoid(utility - buy_bar)``. A product outside the category the shopper came for
  loses ``off_category_penalty`` utility (nobody buys a pan when they came for a jacket).
- Some shoppers arrive late (only in the test period: *new users*), and a share of
  products launches at the test cutoff (*new products*: never shown before it).

Everything is drawn from one ``numpy.random.Generator(seed)``: same seed, same events.
The simulator knows nothing of the models evaluated on it; it only uses the product
table (brand, colour, material, category, price, rating) and the base ranker's order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

DAY_S = 86400.0


@dataclass(frozen=True)
class PopulationConfig:
    users: int = 2000
    days: float = 120.0
    test_days: float = 20.0            # the last ``test_days`` are the test period
    sessions_per_user: float = 6.0     # Poisson mean over the whole period
    new_user_share: float = 0.15       # users who arrive in the test period
    new_product_share: float = 0.10    # products launched at the test cutoff
    favourite_concentration: float = 0.3
    brand_sd: float = 1.0
    colour_sd: float = 0.8
    material_sd: float = 0.5
    price_sd: float = 0.4
    price_penalty: float = 2.0
    quality_weight: float = 0.3
    list_noise: float = 1.0            # Gumbel scale on the shown order
    shown: int = 20
    eta: float = 1.0
    click_bar: float = 0.5
    cart_bar: float = 1.0
    buy_bar: float = 1.0               # the best carted product is bought with sigmoid(utility - buy_bar)
    off_category_penalty: float = 4.0  # a product outside the category the shopper came for
    seed: int = 0


@dataclass
class Catalog:
    """Products as arrays (index = position in ``ids``)."""

    ids: list[str]
    category: np.ndarray       # int codes
    brand: np.ndarray
    colour: np.ndarray
    material: np.ndarray
    log_rel_price: np.ndarray  # log(price / category median)
    rating: np.ndarray
    categories: list[str]

    @classmethod
    def from_products(cls, products: Sequence) -> "Catalog":
        def codes(values):
            uniq = {v: k for k, v in enumerate(dict.fromkeys(values))}
            return np.array([uniq[v] for v in values]), list(uniq)

        cats, cat_names = codes([p.category or "" for p in products])
        brands, _ = codes([(p.brand or "").lower() for p in products])
        colours, _ = codes([str((p.attributes or {}).get("colour", "")).lower() for p in products])
        materials, _ = codes([str((p.attributes or {}).get("material", "")).lower() for p in products])
        prices = np.array([p.price or np.nan for p in products], dtype=np.float64)
        rel = np.zeros(len(products))
        for c in range(len(cat_names)):
            mask = (cats == c) & ~np.isnan(prices)
            if mask.any():
                rel[mask] = np.log(prices[mask] / np.median(prices[mask]))
        rating = np.array([p.rating if p.rating is not None else 4.0 for p in products], dtype=np.float64)
        return cls([p.id for p in products], cats, brands, colours, materials, rel, rating, cat_names)


@dataclass
class Population:
    config: PopulationConfig
    catalog: Catalog
    events: list[tuple[str, str, str, float, str]] = field(default_factory=list)  # user, product, event, ts, session
    utility: np.ndarray | None = None        # users × products, without noise
    start_day: np.ndarray | None = None
    new_products: set[str] = field(default_factory=set)
    category_weights: np.ndarray | None = None

    @property
    def cutoff(self) -> float:
        return (self.config.days - self.config.test_days) * DAY_S

    def user_id(self, u: int) -> str:
        return f"sim-{u:05d}"


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def latent_utility(cat: Catalog, cfg: PopulationConfig, rng: np.random.Generator):
    """Users × products utility and users × categories weights."""
    n, m = cfg.users, len(cat.ids)
    brand = rng.normal(0, cfg.brand_sd, (n, cat.brand.max() + 1))
    colour = rng.normal(0, cfg.colour_sd, (n, cat.colour.max() + 1))
    material = rng.normal(0, cfg.material_sd, (n, cat.material.max() + 1))
    level = rng.normal(0, cfg.price_sd, (n, 1))
    util = (brand[:, cat.brand] + colour[:, cat.colour] + material[:, cat.material]
            - cfg.price_penalty * (cat.log_rel_price[None, :] - level) ** 2
            + cfg.quality_weight * (cat.rating[None, :] - 4.0))
    weights = rng.dirichlet(np.full(len(cat.categories), cfg.favourite_concentration), size=n)
    del m
    return util, weights


def simulate(cat: Catalog, base_order: Mapping[int, Sequence[int]], cfg: PopulationConfig) -> Population:
    """Run the whole period. ``base_order[c]`` is the base ranker's product order (indices) for category c."""
    rng = np.random.default_rng(cfg.seed)
    util, weights = latent_utility(cat, cfg, rng)
    pop = Population(cfg, cat, utility=util, category_weights=weights)
    n_new_p = int(round(cfg.new_product_share * len(cat.ids)))
    new_idx = set(rng.choice(len(cat.ids), size=n_new_p, replace=False).tolist()) if n_new_p else set()
    pop.new_products = {cat.ids[i] for i in new_idx}
    cutoff_day = cfg.days - cfg.test_days
    explore_day = cfg.days - 2 * cfg.test_days
    late = rng.random(cfg.users) < cfg.new_user_share
    start = np.where(late, cutoff_day + rng.random(cfg.users) * cfg.test_days * 0.5,
                     rng.random(cfg.users) * cutoff_day * 0.5)
    pop.start_day = start
    sessions = rng.poisson(cfg.sessions_per_user, cfg.users) + 1
    examine = (1.0 / np.arange(1, cfg.shown + 1)) ** cfg.eta
    for u in range(cfg.users):
        times = np.sort(start[u] + rng.random(sessions[u]) * (cfg.days - start[u]))
        cats = rng.choice(len(cat.categories), size=sessions[u], p=weights[u])
        for s, (day, c) in enumerate(zip(times, cats)):
            order = np.asarray([i for i in base_order.get(int(c), [])
                                if cat.category[i] == c and (day >= cutoff_day or i not in new_idx)])
            if len(order) == 0:
                continue
            scale = cfg.list_noise if day < explore_day else 1e3
            noisy = -np.log(np.arange(1, len(order) + 1)) + rng.gumbel(0, scale, len(order))
            shown = order[np.argsort(-noisy)][: cfg.shown]
            ut = util[u, shown] + rng.gumbel(0, 0.5, len(shown))
            seen = rng.random(len(shown)) < examine[: len(shown)]
            clicked = seen & (rng.random(len(shown)) < _sigmoid(ut - cfg.click_bar))
            carted = clicked & (rng.random(len(shown)) < _sigmoid(ut - cfg.cart_bar))
            ts = day * DAY_S
            sid = f"{pop.user_id(u)}-s{s}"
            for k in np.flatnonzero(clicked):
                pop.events.append((pop.user_id(u), cat.ids[shown[k]], "click", ts + k, sid))
            for k in np.flatnonzero(carted):
                pop.events.append((pop.user_id(u), cat.ids[shown[k]], "add_to_cart", ts + 30 + k, sid))
            if carted.any():
                best = np.flatnonzero(carted)[np.argmax(ut[carted])]
                if rng.random() >= _sigmoid(ut[best] - cfg.buy_bar):
                    continue
                pop.events.append((pop.user_id(u), cat.ids[shown[best]], "purchase", ts + 60, sid))
    pop.events.sort(key=lambda e: e[3])
    return pop
