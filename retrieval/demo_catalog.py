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

CLI: ``python -m retrieval.demo_catalog OUT.jsonl --seed 7 -n 1600``
"""

import argparse
import json
import random
import re

from retrieval.demo_images import svg_data_uri
from retrieval.demo_vocab import (COLOUR_NAMES, MODEL_SUFFIX, NAME_A, NAME_B, SUBCATS,
                                  TIER_MULT, TOPS)

__all__ = ["generate_catalog", "write_catalog"]

SENT_END = re.compile(r"[.!?](?=\s|$)")

# Rich clauses for common feature tags (lower-case start, no final period).
CLAUSES = {
    "waterproof": ["a waterproof build keeps water out", "it is fully waterproof",
                   "waterproof construction means a sudden downpour is no drama"],
    "windproof": ["a windproof face fabric blocks cold gusts", "it is windproof on exposed ground"],
    "breathable": ["breathable materials let excess heat escape", "it stays breathable, so heat never builds up"],
    "insulated": ["insulated construction holds in warmth when temperatures drop", "it is insulated for cold days"],
    "packable": ["it is packable and stuffs into a bag when not needed",
                 "a packable design squeezes into a corner of your pack"],
    "hooded": ["the hooded design adds coverage when the weather turns", "it is hooded for extra coverage"],
    "noise cancelling": ["active noise cancelling quiets engine drone and office chatter",
                         "noise cancelling tunes out the world when you need to focus"],
    "wireless": ["it is wireless, so there are no cables to untangle", "a wireless design keeps things tidy"],
    "bluetooth": ["Bluetooth pairing takes seconds", "it connects to phones and laptops over Bluetooth"],
    "non-stick": ["the non-stick surface releases eggs and pancakes with ease",
                  "a non-stick coating makes cleanup quick"],
    "dishwasher safe": ["it is dishwasher safe, so cleanup takes no effort",
                        "cleanup is simple because it is dishwasher safe"],
    "induction compatible": ["it is induction compatible", "an induction compatible base suits modern hobs"],
    "oven safe": ["it is oven safe, so dishes can finish under the broiler", "it is oven safe for one-pan meals"],
    "lightweight": ["a lightweight design keeps the weight down", "it is lightweight enough to forget about"],
    "cushioned": ["cushioned underfoot, it softens every step", "the cushioned build takes the sting out of hard ground"],
    "machine washable": ["it is machine washable", "when it needs a refresh it is machine washable"],
    "cruelty free": ["it is cruelty free", "the formula is cruelty free and never tested on animals"],
    "vegan": ["it is vegan", "the whole thing is vegan"],
    "fragrance free": ["the fragrance free formula suits sensitive noses", "it is fragrance free"],
    "water resistant": ["it is water resistant, so splashes and light rain are fine",
                        "a water resistant finish shrugs off spills and drizzle"],
    "non-slip": ["a non-slip surface keeps you steady", "it is non-slip, even when things get sweaty"],
    "rechargeable": ["it is rechargeable, so there are no spare batteries to buy",
                     "a rechargeable battery tops up over a cable"],
    "fast charging": ["fast charging tops it up in a hurry", "it supports fast charging"],
    "recycled": ["it is made with recycled materials", "recycled materials cut down on waste"],
    "organic": ["organic fibres keep it gentle on skin", "it is made with organic fibres"],
    "reflective": ["reflective details boost visibility after dark", "it is reflective for low-light outings"],
    "family friendly": ["it is family friendly, with rules simple enough for younger players",
                        "family friendly play keeps every generation at the table"],
    "cooperative": ["it is cooperative, so players win or lose together",
                    "cooperative play has everyone working as one team"],
    "stem": ["it builds STEM skills through hands-on play", "STEM concepts sneak in through play"],
    "educational": ["it is educational as well as fun", "educational play makes learning feel like a game"],
    "moisture wicking": ["moisture wicking fabric pulls sweat away from the skin", "it is moisture wicking"],
    "sulfate free": ["the sulfate free formula cleanses without stripping", "it is sulfate free"],
    "spf 30": ["built-in SPF 30 adds daily sun protection", "it includes SPF 30 sun protection"],
    "heart rate monitor": ["a heart rate monitor tracks effort around the clock"],
    "gps": ["built-in GPS maps routes without your phone", "it has GPS for accurate pace and distance"],
    "non-comedogenic": ["it is non-comedogenic, so it will not clog pores"],
    "hypoallergenic": ["it is hypoallergenic", "it is hypoallergenic, a plus for allergy sufferers"],
    "insulated@Home & Kitchen": ["it is double-wall insulated to keep drinks hot or cold for hours",
                                 "it is insulated, so coffee stays hot through the commute"],
    "warm": ["it is warm without feeling bulky", "it is warm enough for frosty mornings"],
    "memory foam": ["memory foam moulds to your feet"], "super soft": ["it is super soft to cuddle"],
    "quick to learn": ["it is quick to learn, so the first game starts within minutes"],
    "long-wearing": ["the long-wearing formula lasts from morning to night"],
}
# Features better expressed as a noun phrase ("it features a lugged outsole").
WITH = {
    "pit zips": "pit zips for venting", "padded hip belt": "a padded hip belt", "rain cover included": "a rain cover",
    "ventilated back panel": "a ventilated back panel", "laptop sleeve": "a padded laptop sleeve",
    "easy setup": "an easy setup", "two doors": "two doors", "footprint included": "a matching footprint",
    "two-way zipper": "a two-way zipper", "cork grip": "cork grips", "carbide tips": "carbide tips",
    "relaxed fit": "a relaxed fit", "slim fit": "a slim fit", "anti-odor": "an anti-odor finish",
    "quick dry": "quick dry materials", "stretch": "comfortable stretch", "straight leg": "a straight leg cut",
    "raw denim": "raw denim that fades with wear", "high rise": "a high rise", "kangaroo pocket": "a kangaroo pocket",
    "brushed interior": "a brushed interior", "ribbed cuffs": "ribbed cuffs", "full zip": "a full zip",
    "pockets": "pockets", "adjustable straps": "adjustable straps", "faux fur trim": "a faux fur trim on the hood",
    "arch support": "arch support", "seamless toe": "a seamless toe", "trail grip": "a trail grip outsole",
    "carbon plate": "a carbon plate", "wide fit": "a wide fit", "responsive foam": "responsive foam",
    "ankle support": "solid ankle support", "lugged outsole": "a lugged outsole", "toe cap": "a protective toe cap",
    "warm lining": "a warm lining", "lace-up": "a lace-up closure", "side zip": "a side zip",
    "cushioned insole": "a cushioned insole", "contoured footbed": "a contoured footbed",
    "memory foam": "memory foam cushioning", "non-slip sole": "a non-slip sole",
    "indoor/outdoor sole": "an indoor/outdoor sole", "built-in microphone": "a built-in microphone",
    "multipoint": "multipoint pairing", "transparency mode": "a transparency mode", "stereo pairing": "stereo pairing",
    "usb-c charging": "USB-C charging", "wi-fi": "Wi-Fi streaming", "voice assistant": "a voice assistant",
    "always-on display": "an always-on display", "contactless payments": "contactless payments",
    "sleep tracking": "sleep tracking", "usb-c": "a USB-C port", "wireless charging": "wireless charging",
    "multiple ports": "multiple ports", "led indicator": "an LED indicator", "quiet keys": "quiet keys",
    "multi-device": "multi-device switching", "mechanical": "mechanical switches", "stay-cool handle": "a stay-cool handle",
    "lid included": "a matching lid", "auto shut-off": "auto shut-off", "dishwasher safe parts": "dishwasher safe parts",
    "keep warm": "a keep warm setting", "digital display": "a digital display", "deep pocket": "deep pocket sheets",
    "full tang": "a full tang blade", "ergonomic handle": "an ergonomic handle", "blade guard included": "a blade guard",
    "knife block included": "a knife block", "travel size": "a travel size format", "gift set": "a gift set box",
    "natural ingredients": "natural ingredients", "carrying strap included": "a carrying strap",
    "alignment lines": "alignment lines", "non-slip grip": "a non-slip grip", "compact storage": "compact storage",
    "door anchor included": "a door anchor", "padded palms": "padded palms", "adjustable fit": "an adjustable fit dial",
    "indoor/outdoor": "indoor/outdoor durability", "official size": "official size dimensions", "pump included": "a pump",
    "cover included": "a protective cover", "balls included": "balls", "vibration dampening": "vibration dampening",
    "strategy": "deep strategy", "party game": "party game energy", "storage box included": "a storage box",
    "creative play": "open-ended creative play", "glow in the dark": "glow in the dark pieces",
    "embroidered eyes": "embroidered eyes", "thick pieces": "thick pieces", "poster included": "a reference poster",
    "glare-free finish": "a glare-free finish", "activity guide included": "an activity guide",
    "all terrain": "all terrain wheels", "light-up wheels": "light-up wheels",
}
TITLE_FEAT = {
    "waterproof": "Waterproof", "windproof": "Windproof", "insulated": "Insulated", "packable": "Packable",
    "noise cancelling": "Noise Cancelling", "wireless": "Wireless", "non-stick": "Non-Stick",
    "lightweight": "Lightweight", "breathable": "Breathable", "organic": "Organic", "recycled": "Recycled",
    "cushioned": "Cushioned", "fragrance free": "Fragrance-Free", "vegan": "Vegan", "non-slip": "Non-Slip",
    "extra thick": "Extra Thick", "rechargeable": "Rechargeable", "stretch": "Stretch", "hooded": "Hooded",
    "fast charging": "Fast Charging", "memory foam": "Memory Foam", "faux fur lined": "Faux Fur Lined",
    "sulfate free": "Sulfate-Free", "long-wearing": "Long-Wear", "induction compatible": "Induction",
    "leak-proof": "Leak-Proof", "stem": "STEM", "educational": "Educational", "moisture wicking": "Moisture-Wicking",
    "reflective": "Reflective", "ergonomic": "Ergonomic", "backlit": "Backlit", "bluetooth": "Bluetooth",
    "programmable": "Programmable", "gps": "GPS", "full tang": "Full-Tang", "hypoallergenic": "Hypoallergenic",
    "warm lining": "Warm-Lined", "spf 30": "SPF 30", "cooling": "Cooling", "collapsible": "Collapsible",
    "cooperative": "Co-op", "super soft": "Super Soft", "all terrain": "All-Terrain", "warm": "Warm",
}
EXTRA_TPL = {
    "weight_g": ["It weighs {v} g.", "It tips the scales at {v} g.", "Weight comes in at {v} g."],
    "waterproof_rating_mm": ["The fabric carries a {v} mm waterproof rating.", "It is rated to {v} mm of water column."],
    "capacity_l": ["It holds {v} litres.", "With {v} L of capacity there is room for the essentials."],
    "temp_rating_c": ["It is rated down to {v}°C.", "A {v}°C temperature rating covers cold nights."],
    "battery_life_h": ["Battery life runs up to {v} hours.", "Expect up to {v} hours on a single charge."],
    "output_w": ["Output is rated at {v} W.", "It delivers up to {v} W."],
    "capacity_mah": ["The {v} mAh cell can refill a phone more than once.", "Capacity is {v} mAh."],
    "drop_mm": ["It has a {v} mm heel-to-toe drop.", "A {v} mm drop suits a natural stride."],
    "inseam_in": ["The inseam measures {v} inches."], "fabric_weight_gsm": ["The fabric weighs {v} gsm."],
    "pack_count": ["This pack contains {v} pairs.", "You get {v} pairs in the pack."],
    "age_range": ["Recommended for ages {v}.", "It suits kids and grown-ups ages {v}."],
    "players": ["It plays with {v} players.", "Built for {v} players."],
    "play_time_min": ["A typical game takes about {v} minutes.", "Most games wrap up in around {v} minutes."],
    "piece_count": ["It includes {v} pieces.", "There are {v} pieces in the box."],
    "height_cm": ["It stands {v} cm tall."], "thickness_mm": ["The mat is {v} mm thick.", "At {v} mm thick, it cushions knees and wrists."],
    "skin_type": ["It is formulated for {v}.", "Best suited to {v}."], "hair_type": ["It is made for {v}."],
    "key_ingredient": ["The star ingredient is {v}.", "It is made with {v}."],
    "scent_family": ["The scent sits in the {v} family.", "Expect a {v} scent profile."],
    "scent": ["It has a {v} scent.", "The scent is {v}."], "finish": ["It leaves a {v} finish."],
    "thread_count": ["The thread count is {v}."], "wattage_w": ["It runs at {v} watts."],
    "capacity_cups": ["It brews up to {v} cups."], "slots": ["It has {v} slots."],
    "blade_hardness_hrc": ["The steel is hardened to {v} HRC."], "weight_kg": ["Total weight is {v} kg."],
    "bands": ["The set includes {v} bands."], "max_load_kg": ["It supports up to {v} kg."],
    "run_time_min": ["A full charge gives about {v} minutes of play."],
}
ADJ = ["versatile", "dependable", "well-made", "thoughtfully designed", "no-fuss", "everyday", "practical",
       "reliable", "good-looking", "straightforward", "well-finished", "smart"]
OPENERS = [  # templates mentioning {c} or {mat} are skipped where they would read oddly
    "The {b} {m} is {aadj} {n} made from {mat}.",
    "Meet the {m}: {aadj} {n} from {b}, designed with {u1} in mind.",
    "{bs} {m} {n} pairs {mat} with a clean {c} finish.",
    "Built from {mat}, the {m} is {bs} take on the {adj} {n}.",
    "If you need {an} for {u1}, the {b} {m} is {aadj} choice.",
    "This {c} {n} from {b} belongs to the {m} line.",
    "{b} made the {m} for anyone who wants {aadj} {n} for {u1}.",
    "Part of the {m} range, this {n} by {b} keeps things {simple}.",
    "From {u1} to {u2}, the {m} {n} from {b} is up for it.",
    "The {m} is {aadj} {c} {n} by {b}.",
    "Say hello to the {b} {m}, {an} made for {u1} and {u2}.",
    "Crafted in {mat}, this {b} {n} is {aadj} pick for {u1}.",
    "{b} built the {m} {n} around {mat} and a few well-chosen details.",
    "Looking for {aadj} {n}? The {b} {m} is made from {mat} and comes in {c}.",
    "Few things beat a good {n} for {u1}, and the {b} {m} is {aadj} one.",
    "Made for {u1}, the {b} {m} is {aadj} {n} without needless extras.",
    "{b} designed the {m} as {aadj} {n} for {u1} and {u2}.",
]
USE_TPL = ["It is a solid pick for {u3}.", "Well suited to {u3} as well.", "Great for {u3} too.",
           "Owners also reach for it for {u3}.", "Consider it for {u3}."]
GIFT_TPL = ["It makes a thoughtful gift for {r}.", "Shopping for {r}? This is an easy gift.",
            "Wrap it up for {r} and you have a gift that gets used.", "A gift idea for {r} that feels personal."]
COLOUR_TPL = ["This listing is for the {c} colourway.", "Shown here in {c}.", "The {c} colour is easy to match.",
              "It comes in {c}.", "The {c} shade hides everyday scuffs."]
PACK_TPL = ["It comes in {c} packaging.", "The packaging is {c}.", "Look for the {c} box."]
GIFT_FOR = {"women": ["your wife", "mom", "a sister", "a girlfriend"], "men": ["your husband", "dad", "a brother"],
            "kids": ["kids", "a niece or nephew", "the grandkids", "a young birthday guest"],
            "games": ["the whole family", "game-night friends", "dad", "mom", "your partner"],
            "*": ["dad", "mom", "your partner", "a friend", "a coworker", "your husband", "your wife"]}
DISPLAY = {"stem": "STEM", "gps": "GPS", "spf 30": "SPF 30", "usb-c": "USB-C", "led indicator": "LED indicator",
           "wi-fi": "Wi-Fi", "bpa free": "BPA free", "pfoa free": "PFOA free", "bluetooth": "Bluetooth",
           "usb-c charging": "USB-C charging"}
SHOE_SIZES = {"women": ["US 5-11", "US 6-11"], "men": ["US 7-13", "US 8-14"], "unisex": ["US 6-13"]}
JOIN2 = ["{A}, and {b}.", "{A}; {b}.", "{A}, while {b}.", "{A}. On top of that, {b}."]
WITH_TPL = ["it features {p}", "you also get {p}", "it comes with {p}", "it has {p}"]
LIST_TPL = ["Key features: {l}.", "Highlights include {l}.", "Feature list: {l}.", "Worth noting: {l}."]


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


def write_catalog(path, seed=7, n=1600) -> int:
    """Write the catalog as JSONL (one product per line) and return the count."""
    products = generate_catalog(seed=seed, n=n)
    with open(path, "w", encoding="utf-8") as fh:
        for p in products:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    return len(products)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Write the seeded shopguide demo catalog as JSONL.")
    ap.add_argument("out", help="output .jsonl path")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-n", type=int, default=1600, help="number of products")
    args = ap.parse_args()
    print(f"wrote {write_catalog(args.out, seed=args.seed, n=args.n)} products to {args.out}")
