"""``shopguide experiments report NAME``: rates per variant with confidence intervals and a test.

The unit is the *user* (assignment is per user, so users are independent; impressions of
one user are not). Per variant: users with an impression, and the share of them who
clicked, added to cart, purchased — each with a Wilson 95% interval. Variants are
compared with a chi-square test of independence (two variants: the two-proportion
z-test, same p-value) from ``scipy.stats``. Impression-level CTR is shown for reference.

A report warns instead of concluding when a variant has fewer than ``MIN_USERS`` users
or a metric fewer than ``MIN_SUCCESSES`` successes in some variant: the normal
approximation and the test are unreliable there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

from assistant.users.store import UserEvent

METRICS = (("click", "click-through"), ("add_to_cart", "add-to-cart"), ("purchase", "purchase"))
MIN_USERS = 100
MIN_SUCCESSES = 10
Z95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval of a proportion.

    >>> tuple(round(x, 3) for x in wilson(50, 100))
    (0.404, 0.596)
    """
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half)))


def variant_of(tag: str, experiment: str) -> str | None:
    for part in (tag or "").split(","):
        name, _, variant = part.partition("=")
        if name == experiment and variant:
            return variant
    return None


@dataclass
class VariantStats:
    variant: str
    users: int = 0
    impressions: int = 0
    clicks: int = 0
    rates: dict[str, dict[str, float]] = field(default_factory=dict)


def report(events: Iterable[UserEvent], experiment: str, alpha: float = 0.05) -> dict[str, Any]:
    per_user: dict[str, dict[str, Any]] = {}
    for e in events:
        variant = variant_of(e.variant, experiment)
        if variant is None:
            continue
        u = per_user.setdefault(e.user_id, {"variant": variant, "impression": 0, "click": 0, "add_to_cart": 0,
                                            "purchase": 0})
        if e.event in u:
            u[e.event] += 1
    variants: dict[str, VariantStats] = {}
    for u in per_user.values():
        if not u["impression"]:
            continue
        v = variants.setdefault(u["variant"], VariantStats(u["variant"]))
        v.users += 1
        v.impressions += u["impression"]
        v.clicks += u["click"]
        for key, _ in METRICS:
            r = v.rates.setdefault(key, {"successes": 0})
            r["successes"] += int(u[key] > 0)
    warnings, tests = [], {}
    names = sorted(variants)
    for v in variants.values():
        for key, _ in METRICS:
            r = v.rates.setdefault(key, {"successes": 0})
            r["rate"] = r["successes"] / v.users
            r["ci_low"], r["ci_high"] = wilson(int(r["successes"]), v.users)
        if v.users < MIN_USERS:
            warnings.append(f"variant {v.variant!r} has only {v.users} users (< {MIN_USERS}): too small to conclude")
    if len(names) < 2:
        warnings.append(f"experiment {experiment!r} has {len(names)} variant(s) with traffic; nothing to compare")
    else:
        from scipy.stats import chi2_contingency

        for key, label in METRICS:
            table = [[variants[n].rates[key]["successes"], variants[n].users - variants[n].rates[key]["successes"]]
                     for n in names]
            if any(min(row) < MIN_SUCCESSES for row in table):
                warnings.append(f"{label}: fewer than {MIN_SUCCESSES} successes or failures in a variant; "
                                "the test is unreliable")
            if all(row[0] == 0 for row in table) or all(row[1] == 0 for row in table):
                tests[key] = {"p_value": 1.0, "significant": False}
                continue
            _, p, _, _ = chi2_contingency(table, correction=False)
            tests[key] = {"p_value": float(p), "significant": bool(p < alpha)}
    return {"experiment": experiment, "alpha": alpha,
            "variants": {n: {"users": variants[n].users, "impressions": variants[n].impressions,
                             "impression_ctr": variants[n].clicks / variants[n].impressions if variants[n].impressions else 0.0,
                             **{k: variants[n].rates[k] for k, _ in METRICS}} for n in names},
            "tests": tests, "warnings": warnings}


def render(result: dict[str, Any]) -> str:
    lines = [f"experiment {result['experiment']} (user-level rates, Wilson 95% CI; chi-square test, alpha "
             f"{result['alpha']})", "",
             "| variant | users | " + " | ".join(label for _, label in METRICS) + " | impression CTR |",
             "|---|---|" + "---|" * len(METRICS) + "---|"]
    for name, v in result["variants"].items():
        cells = [f"{v[k]['rate']:.3f} [{v[k]['ci_low']:.3f}, {v[k]['ci_high']:.3f}]" for k, _ in METRICS]
        lines.append(f"| {name} | {v['users']} | " + " | ".join(cells) + f" | {v['impression_ctr']:.3f} |")
    lines.append("")
    for key, label in METRICS:
        t = result["tests"].get(key)
        if t:
            verdict = "significant difference" if t["significant"] else "no significant difference"
            lines.append(f"{label}: p = {t['p_value']:.4f} → {verdict}")
    lines += [f"warning: {w}" for w in result["warnings"]]
    return "\n".join(lines) + "\n"


def plot(result: dict[str, Any], path) -> None:
    """Bar chart of the three rates per variant with their intervals (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(result["variants"])
    fig, ax = plt.subplots(figsize=(7, 3.5))
    width = 0.8 / max(len(names), 1)
    for i, name in enumerate(names):
        v = result["variants"][name]
        xs = [k + i * width for k in range(len(METRICS))]
        rates = [v[key]["rate"] for key, _ in METRICS]
        err = [[r - v[key]["ci_low"] for r, (key, _) in zip(rates, METRICS)],
               [v[key]["ci_high"] - r for r, (key, _) in zip(rates, METRICS)]]
        ax.bar(xs, rates, width, yerr=err, capsize=3, label=f"{name} (n={v['users']})")
    ax.set_xticks([k + width * (len(names) - 1) / 2 for k in range(len(METRICS))], [label for _, label in METRICS])
    ax.set_ylabel("share of users")
    ax.set_title(f"experiment {result['experiment']}")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
