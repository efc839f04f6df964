"""Deterministic, seeded generator for the shopguide demo product catalog.

The assistant, retrieval and eval code need a realistic catalog to work against
without shipping real product data.  ``generate_catalog(seed, n)`` builds one
from the invented vocabulary in ``demo_vocab``: every product gets a title,
category path, brand, price, rating, stock, structured ``attributes`` and a
varied multi-sentence description.  Descriptions only mention features listed
in ``attributes["features"]`` (and numbers taken from the other attributes), so
the catalog can serve as ground truth when LLM answers are fact-checked.

Determinism: only ``random.Random`` instances seeded with ints/strings (string
seeds are hashed with SHA-512 by CPython, not ``hash()``), ordered containers,
and no clock access -- the same seed yields byte-identical output on every run.

CLI: ``python -m retrieval.demo.catalog OUT.jsonl --seed 7 -n 1600``
"""

import argparse
import json
import random
import re

from retrieval.demo.images import svg_data_uri
from retrieval.demo.vocab import (COLOUR_NAMES, MODEL_SUFFIX, NAME_A, NAME_B, SUBCATS,
                                  TIER_MULT, TOPS)

__all__ = ["generate_catalog", "write_catalog"]

SENT_END = re.compile(r"[.!?](?=\s|$)")

# Rich clauses for common feature tags (lower-case start, no final period).
from retrieval.demo.phrases import (
    CLAUSES, WITH, TITLE_FEAT, EXTRA_TPL, ADJ, OPENERS, USE_TPL, GIFT_TPL, COLOUR_TPL,
    PACK_TPL, GIFT_FOR, DISPLAY, SHOE_SIZES, JOIN2, WITH_TPL, LIST_TPL,
)


def _cap(s):
    return s[:1].upper() + s[1:]


def _lower_noun(noun):
    # keep acronyms (USB-C, STEM, 3D, GPS) but lower ordinary words (T-Shirt -> t-shirt)
    return " ".join(w if (sum(ch.isupper() for ch in w) >= 2 or w[0].isdigit()) and not any(
        ch.islower() for ch in w) else w.lower() for w in noun.split())


def _article(word):
    return "an" if word[:1].lower() in "aeiou" else "a"


def _and(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def _extra_value(rng, spec):
    key, *args = spec
    if isinstance(args[0], list):
        return key, rng.choice(args[0])
    lo, hi, step = args
    return key, lo + step * rng.randrange((hi - lo) // step + 1)


def _features(rng, sc, noun_spec, material):
    pool = sc["feats"]
    banned = set(noun_spec["excl"]) | set(sc.get("mat_excl", {}).get(material, []))
    banned |= {f for f, nouns in sc.get("only", {}).items() if noun_spec["noun"] not in nouns}
    chosen = [f for f, p in pool.items() if f not in banned and rng.random() < p]
    for f in noun_spec["forced"]:
        if f not in chosen:
            chosen.append(f)
    for group in sc.get("excl", []):
        present = [f for f in chosen if f in group]
        if len(present) > 1:
            keep = next((f for f in present if f in noun_spec["forced"]), rng.choice(present))
            chosen = [f for f in chosen if f not in group or f == keep]
    needs = sc.get("needs", {})
    for _ in range(2):
        chosen = [f for f in chosen if f not in needs or needs[f] in chosen]
    if len(chosen) > 6:
        extra = [f for f in chosen if f not in noun_spec["forced"]]
        rng.shuffle(extra)
        drop = set(extra[:len(chosen) - 6])
        chosen = [f for f in chosen if f not in drop]
        chosen = [f for f in chosen if f not in needs or needs[f] in chosen]
    for f in pool:  # guarantee at least two tags
        if len(chosen) >= 2:
            break
        if f not in chosen and f not in banned and (f not in needs or needs[f] in chosen) and not any(
                f in g and set(g) & set(chosen) for g in sc.get("excl", [])):
            chosen.append(f)
    return chosen


def _clause(rng, f, ctx, first):
    """Return (kind, text) for one feature tag: kind is "rich", "with" or "adj"."""
    rich = CLAUSES.get(f + "@" + ctx["top"]) or CLAUSES.get(f)
    if rich and (f not in WITH or rng.random() < .6):
        return "rich", rng.choice(rich).format(**ctx)
    if f in WITH:
        return "with", WITH[f]
    return "adj", DISPLAY.get(f, f)


def _render(rng, kind, text, ctx, first):
    if kind == "with":  # avoid "It features X. It features Y." within one description
        tpl = rng.choice([t for t in WITH_TPL if t not in ctx["used"]] or WITH_TPL)
        ctx["used"].add(tpl)
        return tpl.format(p=text)
    if kind == "adj":
        return rng.choice(["it is {f}", "the {n} is {f}", "it is {f} as well"][:2 if first else 3]
                          ).format(f=text, n=ctx["n"])
    return text


def _feature_sentences(rng, feats, ctx):
    """Up to two sentences that describe (only) the product's own feature tags."""
    order = list(feats)
    rng.shuffle(order)
    order.sort(key=lambda f: f not in ctx["lead"])  # forced/headline features first
    out, i = [], 0
    while i < len(order) and len(out) < 2:
        style, rest, first = rng.random(), order[i:], not out
        if style < .25 and len(rest) >= 3:
            k = rng.randint(3, min(4, len(rest)))
            out.append(rng.choice(LIST_TPL).format(l=_and([DISPLAY.get(f, f) for f in rest[:k]])))
            i += k
        elif style < .6 and len(rest) >= 2:
            (ka, a), (kb, b) = _clause(rng, rest[0], ctx, first), _clause(rng, rest[1], ctx, False)
            if ka == kb == "with":
                out.append(rng.choice(["It features {a} and {b}.", "You also get {a} plus {b}.",
                                       "It comes with {a} and {b}."]).format(a=a, b=b))
            elif ka == kb == "adj":
                out.append(rng.choice(["It is {a} and {b}.", "The {n} is both {a} and {b}.",
                                       "{A} and {b}, it covers the basics."]).format(a=a, A=_cap(a), b=b, n=ctx["n"]))
            else:
                a, b = _render(rng, ka, a, ctx, first), _render(rng, kb, b, ctx, False)
                out.append(rng.choice(JOIN2).format(A=_cap(a), b=b))
            i += 2
        else:
            out.append(_cap(_render(rng, *_clause(rng, rest[0], ctx, first), ctx, first)) + ".")
            i += 1
    return out


def _size_sentence(rng, size, gender):
    gw = {"women": "women's", "men": "men's"}.get(gender)
    if re.fullmatch(r"(US )?(X*[SML]+|\d+)-(X*[SML]+|\d+)|S/M|M/L", size):
        base = rng.choice(["Available in sizes {s}.", "Sizes run {s}.", "It comes in sizes {s}."])
        if gw and rng.random() < .6:
            base = rng.choice(["This {g} style comes in sizes {s}.", "Cut for {G}, it is offered in sizes {s}."])
        return base.format(s=size, g=gw, G=gender)
    if size == "one size":
        return rng.choice(["It comes in one size.", "One size fits most."])
    if re.fullmatch(r"[SML]|size \d|junior|official", size):
        return rng.choice(["This listing is for size {s}.", "Size: {s}."]).format(s=size.replace("size ", ""))
    return rng.choice(["This listing is for the {s} version.", "Size: {s}.", "You are looking at the {s} option."]
                      ).format(s=size)


def _fmt(key, v):
    if key == "age_range":
        return v.replace("+", " and up")
    if key in ("skin_type", "hair_type"):
        return v if v.startswith("all ") else f"{v} {key.split('_')[0]}"
    if key == "capacity_mah":
        return f"{v:,}"
    return str(v)


def _nsent(sents):
    return sum(len(SENT_END.findall(x)) for x in sents)


def _description(rng, sc, ctx, feats, attrs):
    """2-4 sentences, 150-450 chars; retried with fresh draws until both hold."""
    openers = [o for o in OPENERS if ("{mat}" not in o or ctx["mat"]) and ("{c}" not in o or ctx["show_c"])]
    for _ in range(12):
        ctx["used"] = set()
        tpl = rng.choice(openers)
        opener = tpl.format(**ctx)
        feat_s = _feature_sentences(rng, feats, ctx)
        pool = feat_s[1:]
        for key, val in attrs.items():
            if key in EXTRA_TPL:
                pool.append(rng.choice(EXTRA_TPL[key]).format(v=_fmt(key, val), n=ctx["n"]))
        pool.append(rng.choice(USE_TPL).format(**ctx))
        pool.append(_size_sentence(rng, attrs["size"], attrs.get("gender")))
        if rng.random() < .35:
            pool.append(rng.choice(GIFT_TPL).format(r=rng.choice(ctx["gift"])))
        if "{c}" not in tpl:
            pool.append(rng.choice(COLOUR_TPL if ctx["show_c"] else PACK_TPL).format(**ctx))
        rng.shuffle(pool)
        body = [feat_s[0]] + pool[:rng.choice([1, 2, 2])]
        rng.shuffle(body)
        sents = [opener] + body
        target = rng.randint(150, 330)
        for extra in pool[len(body) - 1:]:
            if len(" ".join(sents)) >= target or _nsent(sents + [extra]) > 4:
                break
            sents.append(extra)
        while (len(" ".join(sents)) > 450 or _nsent(sents) > 4) and len(sents) > 2:
            sents.remove(max((x for x in sents[1:] if x is not feat_s[0]), key=len))
        text = " ".join(sents)
        if 150 <= len(text) <= 450 and 2 <= _nsent(sents) <= 4:
            break
    return text


def _price(rng, sc, tier, feats, pm, attrs):
    lo, hi = sc["price"]
    mult = TIER_MULT[tier] * pm * (1 + sum(v for f, v in sc.get("prem", {}).items() if f in feats))
    u = rng.random() ** sc.get("skew", 1.6)
    if "price_key" in sc:  # bigger sets / packs cost more
        key, klo, khi = sc["price_key"]
        u = .75 * (attrs[key] - klo) / (khi - klo) + .25 * u
    p = min(hi, max(lo, (lo + (hi - lo) * u) * mult))
    p = round(p / 5) * 5 - 0.01 if p >= 100 else int(p) + rng.choice([.99, .99, .49, .95])
    return round(max(p, lo - 0.01), 2)


def _model(rng, sc):
    if sc.get("models") == "names":
        return f"{rng.choice(NAME_A)} {rng.choice(NAME_B)}"
    m = rng.choice(TOPS[sc["top"]]["models"].split())
    return f"{m} {rng.choice(MODEL_SUFFIX)}" if rng.random() < .3 else m


def _title(rng, sc, brand, model, noun, feats, attrs):
    cands = [TITLE_FEAT[f] for f in feats if f in TITLE_FEAT and TITLE_FEAT[f].lower()[:4] not in noun.lower()]
    feat = rng.choice(cands) if cands and rng.random() < .75 else ""
    gender = attrs.get("gender")
    gw = ("Women's" if gender == "women" else "Men's") if gender in ("women", "men") and rng.random() < .8 else ""
    key = sc.get("title_spec")
    val = attrs.get(key) if key else None
    spec = {"capacity_l": "{}L", "capacity_mah": "{:,}mAh", "piece_count": "{}-Piece", "weight_kg": "{} kg",
            "pack_count": "{}-Pack"}.get(key, "{}").format(val) if val is not None else ""
    if key == "size" and val:
        spec = val.replace(" in", "-Inch").replace("-person", "-Person").replace("-piece", "-Piece")
    core = " ".join(x for x in (gw, spec, feat, noun) if x)
    colour = attrs["colour"].title()
    if sc.get("models") == "names":
        t = rng.choice(["{b} {m}: {c}", "{m} – {c} by {b}", "{b} {m} {c}"])
    elif sc.get("title_colour", True):
        t = rng.choice(["{b} {m} {c} – {C}", "{b} {m} {c} - {C}", "{b} {c} {m} ({C})", "{b} {m} {c} in {C}"])
    else:
        t = rng.choice(["{b} {m} {c}", "{b} {c} – {m}", "{m} {c} by {b}"])
    title = t.format(b=brand, m=model, c=core, C=colour)
    if sc["top"] == "Toys & Games" and "age_range" in attrs and rng.random() < .3:
        title += f" (Ages {attrs['age_range']})"
    return title


def _product(rng, sc, titles):
    brand, tier = rng.choice(TOPS[sc["top"]]["brands"])
    ns = _weighted(rng, [(x, x["w"]) for x in sc["nouns"]])
    noun = ns["noun"]
    nm = sc.get("noun_mats", {})
    material = rng.choice(nm.get(noun) or nm.get("*") or sc["mats"])
    feats = _features(rng, sc, ns, material)
    for word in ("organic", "recycled", "vegan"):  # keep material wording and feature tags consistent
        if word in feats and word not in material and word != "vegan":
            material = f"{word} {material}"
        elif word in material and word not in feats:
            feats.append(word)
    attrs = {"colour": rng.choice(sc.get("colours") or COLOUR_NAMES), "material": material}
    if "gender" in sc:
        attrs["gender"] = _weighted(rng, sc["gender"])
    sizes = sc["sizes"]
    if sizes is None:  # shoes: US size range depends on gender
        sizes = SHOE_SIZES.get(attrs.get("gender"), SHOE_SIZES["unisex"])
    attrs["size"] = rng.choice(sizes.get(noun) or sizes["*"]) if isinstance(sizes, dict) else rng.choice(sizes)
    attrs["features"] = feats
    for spec in list(sc["extras"]) + sc.get("noun_extras", {}).get(noun, []):
        k, v = _extra_value(rng, spec)
        attrs[k] = v
    for f, spec in sc.get("cond", {}).items():
        if f in feats:
            k, v = _extra_value(rng, spec)
            attrs[k] = v
    model = _model(rng, sc)
    title = _title(rng, sc, brand, model, noun, feats, attrs)
    for _ in range(6):
        if title not in titles:
            break
        model = _model(rng, sc)
        title = _title(rng, sc, brand, model, noun, feats, attrs)
    titles.add(title)
    uses = [u.split("|")[0] for u in sc["uses"] if "|" not in u or u.split("|")[1] in feats]
    u1, u2, u3 = rng.sample(uses, 3)
    age = attrs.get("age_range", "")
    if age and int(age.rstrip("+")) <= 8:
        gift = GIFT_FOR["kids"]
    elif age:
        gift = GIFT_FOR["games"]
    else:
        gift = GIFT_FOR.get(attrs.get("gender"), GIFT_FOR["*"])
    n, adj = _lower_noun(noun), rng.choice(ADJ)
    if noun.endswith("s") and not noun.endswith("ss"):  # boots, jeans, earbuds -> "pair of ..."
        n = ("pack of " if attrs.get("pack_count", 1) > 1 else "pair of ") + n
    mat_fmt = sc.get("mat_fmt", "{}")
    ctx = {"b": brand, "bs": brand + ("'" if brand.endswith("s") else "'s"), "m": model, "n": n,
           "an": _article(n) + " " + n, "c": attrs["colour"], "mat": mat_fmt.format(material) if mat_fmt else "",
           "u1": u1, "u2": u2, "u3": u3, "adj": adj, "aadj": _article(adj) + " " + adj,
           "simple": rng.choice(["simple", "practical", "uncomplicated"]), "top": sc["top"], "gift": gift,
           "show_c": sc.get("title_colour", True), "lead": ns["forced"] + [
               f for f in feats if TITLE_FEAT.get(f, "@") in title]}
    desc = _description(rng, sc, ctx, feats, attrs)
    stock = 0 if rng.random() < .08 else min(250, 1 + int(rng.expovariate(1 / 60)))
    reviews = 0 if rng.random() < .05 else min(5000, int(rng.lognormvariate(3.8, 1.4)))
    return {
        "title": title, "description": desc, "category": f"{sc['top']} > {sc['sub']}", "brand": brand,
        "price": _price(rng, sc, tier, feats, ns["pm"], attrs), "currency": "USD",
        "rating": round(min(5.0, max(2.5, rng.gauss(4.3, .4))), 1), "review_count": reviews,
        "attributes": attrs, "stock": stock,
        "image_url": svg_data_uri(f"{sc['top']} > {sc['sub']}", attrs["colour"], title),
    }


def _allocate(total, weights):
    """Largest-remainder split of ``total`` over ``weights`` (deterministic)."""
    raw = [total * w / sum(weights) for w in weights]
    counts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in order[:total - sum(counts)]:
        counts[i] += 1
    return counts


def generate_catalog(seed: int = 7, n: int = 1600) -> list:
    """Return ``n`` product dicts; identical output for identical ``seed``/``n``."""
    tops = list(TOPS)
    products = []
    for top, count in zip(tops, _allocate(n, [1] * len(tops))):
        subs = [sc for sc in SUBCATS if sc["top"] == top]
        for sc, k in zip(subs, _allocate(count, [sc["w"] for sc in subs])):
            rng = random.Random(f"{seed}|{top}|{sc['sub']}")
            titles = set()
            products.extend(_product(rng, sc, titles) for _ in range(k))
    random.Random(seed).shuffle(products)
    return [{"id": f"SG-{i:05d}", **p} for i, p in enumerate(products, 1)]


def write_catalog(path, seed=7, n=1600, lang="en") -> int:
    """Write the catalog as JSONL (one product per line) and return the count.

    ``lang`` other than "en": the same products (same ids and prices) written in that
    language from its word table (``retrieval.demo.translate``).
    """
    products = generate_catalog(seed=seed, n=n)
    if lang != "en":
        from retrieval.demo.translate import translate_catalog

        products = translate_catalog(products, lang)
    with open(path, "w", encoding="utf-8") as fh:
        for p in products:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return len(products)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Write the seeded shopguide demo catalog as JSONL.")
    ap.add_argument("out", help="output .jsonl path")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-n", type=int, default=1600, help="number of products")
    ap.add_argument("--lang", default="en", help="language of the catalog text (en, zh)")
    args = ap.parse_args()
    print(f"wrote {write_catalog(args.out, seed=args.seed, n=args.n, lang=args.lang)} products to {args.out}")
