"""A pet-supplies catalog (dog and cat food, toys, beds, leashes, litter, aquarium, birds).

Deterministic for a given seed: the same ids, titles, prices and attributes every run, so the
``pets`` dialogue suite (``eval/suites/pets``) can name products and quote their facts.
Descriptions are written from the attributes, never the other way round, so every fact a
description states is also in the row.

    python -m eval.catalogs.pets --out /tmp/pets.jsonl          # 320 products
    shopguide --data-dir /tmp/pets-home ingest /tmp/pets.jsonl

>>> rows = generate_pets_catalog(seed=13)
>>> len(rows), rows[0]["id"]
(320, 'PET-0001')
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

# One spec per leaf category: product kinds (→ their materials and sizes), the values rows draw from.
# ``count`` rows are generated per category (sum = 320).
SPECS: list[dict[str, Any]] = [
    {"category": "Pet Supplies > Dog > Dog Food", "count": 40, "brands": ["Kibblecraft", "Barkley & Finch", "Snoutwell"],
     "price": (12, 89), "colour": ["brown"], "life_stage": ["puppy", "adult", "senior"],
     "flavour": ["chicken", "salmon", "lamb", "beef", "turkey", "duck"],
     "kinds": {"Dry Dog Food": (["kibble"], ["2 kg bag", "6 kg bag", "12 kg bag"]),
               "Grain-Free Kibble": (["kibble"], ["2 kg bag", "6 kg bag"]),
               "Wet Dog Food": (["pate", "chunks in gravy"], ["12 x 400 g cans", "6 x 800 g cans"])},
     "features": ["grain free", "high protein", "no artificial preservatives", "sensitive stomach", "made in small batches"]},
    {"category": "Pet Supplies > Cat > Cat Food", "count": 36, "brands": ["Purrfield", "Whiskerwood", "Kibblecraft"],
     "price": (8, 64), "colour": ["brown"], "life_stage": ["kitten", "adult", "senior"],
     "flavour": ["chicken", "tuna", "salmon", "turkey", "rabbit"],
     "kinds": {"Dry Cat Food": (["kibble"], ["1.5 kg bag", "4 kg bag"]),
               "Wet Cat Food": (["pate", "chunks in gravy"], ["24 x 85 g pouches", "12 x 85 g pouches"])},
     "features": ["grain free", "hairball control", "urinary care", "high protein", "no artificial colours"]},
    {"category": "Pet Supplies > Dog > Dog Toys", "count": 40, "brands": ["Fetchly", "Muddypaw", "Barkley & Finch"],
     "price": (5, 34), "colour": ["red", "blue", "green", "yellow", "orange", "pink"], "life_stage": ["puppy", "adult"],
     "kinds": {"Chew Toy": (["natural rubber", "nylon"], ["small", "medium", "large"]),
               "Rope Toy": (["cotton rope"], ["medium", "large"]),
               "Squeaky Plush": (["plush polyester", "recycled polyester"], ["small", "medium"], ["squeaker", "machine washable"]),
               "Fetch Ball": (["natural rubber", "recycled plastic"], ["small", "medium", "large"], ["floats", "squeaker", "tough chewer"])},
     "features": ["squeaker", "floats", "dishwasher safe", "treat dispensing", "tough chewer"]},
    {"category": "Pet Supplies > Cat > Cat Toys", "count": 32, "brands": ["Whiskerwood", "Purrfield", "Fetchly"],
     "price": (4, 29), "colour": ["grey", "purple", "red", "teal", "white"], "life_stage": ["kitten", "adult"],
     "kinds": {"Feather Wand": (["feathers and wood"], ["one size"]), "Catnip Mouse": (["felt", "wool"], ["3-pack", "6-pack"]),
               "Laser Toy": (["plastic"], ["one size"], ["interactive", "rechargeable", "auto shut-off"]),
               "Cat Tunnel": (["polyester"], ["one size", "extra long"], ["crinkle sound", "collapsible", "interactive"])},
     "features": ["catnip", "interactive", "crinkle sound"]},
    {"category": "Pet Supplies > Beds & Furniture", "count": 36, "brands": ["Snoutwell", "Whiskerwood", "Muddypaw"],
     "price": (19, 189), "colour": ["grey", "beige", "navy", "brown", "cream"], "life_stage": ["all life stages"],
     "kinds": {"Orthopedic Dog Bed": (["memory foam"], ["medium", "large", "extra large"]),
               "Donut Bed": (["faux fur"], ["small", "medium", "large"]),
               "Cat Tree": (["sisal and plush"], ["90 cm", "140 cm"], ["scratching posts", "hideaway", "anti-tip strap"]),
               "Window Perch": (["canvas"], ["one size"], ["suction cups", "machine washable cover"])},
     "features": ["machine washable cover", "non-slip base", "waterproof liner", "self-warming"]},
    {"category": "Pet Supplies > Dog > Collars & Leashes", "count": 36, "brands": ["Muddypaw", "Fetchly", "Barkley & Finch"],
     "price": (7, 59), "colour": ["black", "red", "blue", "orange", "green", "pink"], "life_stage": ["puppy", "adult"],
     "kinds": {"Reflective Collar": (["nylon", "leather", "biothane"], ["XS", "S", "M", "L"]),
               "Padded Harness": (["nylon with neoprene padding"], ["S", "M", "L", "XL"]),
               "Retractable Leash": (["nylon tape"], ["5 m", "8 m"]),
               "Training Lead": (["biothane", "leather"], ["2 m", "5 m", "10 m"])},
     "features": ["reflective", "quick release buckle", "no pull", "padded handle", "waterproof"]},
    {"category": "Pet Supplies > Cat > Litter & Trays", "count": 28, "brands": ["Purrfield", "Whiskerwood", "Snoutwell"],
     "price": (9, 79), "colour": ["grey", "white", "beige"], "life_stage": ["all life stages"],
     "kinds": {"Clumping Litter": (["clay", "pine pellets", "recycled paper"], ["7 l", "14 l"]),
               "Covered Litter Box": (["plastic"], ["standard", "large"]),
               "Litter Mat": (["rubber", "pvc"], ["standard", "large"], ["waterproof", "easy clean", "non-slip base"])},
     "features": ["unscented", "odour control", "low dust", "biodegradable", "easy clean"]},
    {"category": "Pet Supplies > Fish > Aquarium", "count": 28, "brands": ["Coralis", "Tidepool", "Snoutwell"],
     "price": (15, 249), "colour": ["black", "white", "clear"], "life_stage": ["all life stages"],
     "kinds": {"Aquarium Kit": (["glass", "acrylic"], ["20 l", "60 l", "120 l"]),
               "Canister Filter": (["plastic"], ["up to 120 l", "up to 300 l"], ["quiet", "adjustable flow", "energy saving"]),
               "Aquarium Heater": (["glass"], ["50 w", "100 w"], ["adjustable thermostat", "auto shut-off", "energy saving"]),
               "LED Light": (["aluminium"], ["45 cm", "90 cm"], ["energy saving", "timer", "dimmable"])},
     "features": ["quiet", "adjustable flow", "led lighting", "energy saving", "includes filter"]},
    {"category": "Pet Supplies > Birds > Bird Supplies", "count": 24, "brands": ["Featherby", "Tidepool", "Fetchly"],
     "price": (6, 149), "colour": ["white", "black", "natural", "green"], "life_stage": ["all life stages"],
     "kinds": {"Bird Cage": (["wrought iron"], ["small", "medium", "large"], ["removable tray", "easy clean", "includes feeders"]),
               "Seed Mix": (["seed mix"], ["1 kg", "2.5 kg"], ["no added sugar", "resealable bag"]),
               "Perch Set": (["natural wood"], ["3-pack"], ["chewable", "easy to install"]),
               "Swing Toy": (["rope", "natural wood"], ["one size"], ["chewable", "bell included"])},
     "features": ["removable tray", "easy clean", "no added sugar", "chewable", "includes feeders"]},
    {"category": "Pet Supplies > Grooming", "count": 20, "brands": ["Snoutwell", "Barkley & Finch", "Purrfield"],
     "price": (6, 45), "colour": ["blue", "white", "green", "pink"], "life_stage": ["all life stages"],
     "kinds": {"Slicker Brush": (["stainless steel pins"], ["small", "large"], ["self-cleaning", "ergonomic handle"]),
               "Oatmeal Shampoo": (["liquid"], ["250 ml", "500 ml"]),
               "Nail Clipper": (["stainless steel"], ["one size"], ["ergonomic handle", "safety guard"]),
               "Deshedding Tool": (["stainless steel"], ["small", "large"], ["ergonomic handle", "self-cleaning"])},
     "features": ["fragrance free", "tear free", "for sensitive skin", "soap free"]},
]
MODELS = ["Acorn", "Bramble", "Clover", "Dapple", "Ember", "Fable", "Gusto", "Hazel", "Indigo", "Juniper",
          "Kettle", "Larkspur", "Maple", "Nimbus", "Orchard", "Pippin", "Quill", "Rowan", "Sorrel", "Thistle",
          "Umber", "Velvet", "Willow", "Yarrow", "Zephyr"]
_FOOD = ("Dog Food", "Cat Food")


def _pick_features(rng: random.Random, options: list[str]) -> list[str]:
    return sorted(rng.sample(options, rng.randint(1, min(3, len(options)))), key=options.index)


def _row(rng: random.Random, spec: dict[str, Any], number: int, used: set[tuple[str, str, str]]) -> dict[str, Any]:
    kind = rng.choice(sorted(spec["kinds"]))
    materials, sizes, *own = spec["kinds"][kind]
    features = own[0] if own else spec["features"]   # a kind's own features, else the category's
    brand = rng.choice(spec["brands"])
    model = rng.choice(MODELS)
    while (brand, model, kind) in used:   # a name names one product, so a suite can ask about it
        model = rng.choice(MODELS)
    used.add((brand, model, kind))
    food = spec["category"].endswith(_FOOD) or kind == "Seed Mix"
    attributes: dict[str, Any] = {
        "colour": rng.choice(spec["colour"]),
        "material": rng.choice(materials),
        "size": rng.choice(sizes),
        "life_stage": rng.choice(spec["life_stage"]),
        "features": _pick_features(rng, features),
    }
    if "flavour" in spec:
        attributes["flavour"] = rng.choice(spec["flavour"])
    lo, hi = spec["price"]
    price = round(rng.uniform(lo, hi)) - 0.01 if rng.random() < 0.7 else round(rng.uniform(lo, hi), 2)
    stage = attributes["life_stage"]
    if food:
        title = f"{brand} {model} {stage.title()} {kind}, {attributes['flavour'].title()} Recipe ({attributes['size']})" \
            if "flavour" in attributes else f"{brand} {model} {kind} ({attributes['size']})"
    else:
        title = f"{brand} {model} {kind} - {attributes['colour'].title()}, {attributes['size'].title()}"
    who = {"puppy": "puppies", "kitten": "kittens", "senior": "senior pets", "adult": "adult pets"}.get(stage, "pets of any age")
    parts = [f"The {brand} {model} is a {kind.lower()} for {who}."]
    if "flavour" in attributes:
        parts.append(f"Its recipe is {attributes['flavour']}-based.")
    parts.append(f"Made of {attributes['material']}, in {attributes['colour']}, size {attributes['size']}.")
    parts.append("Features: " + ", ".join(attributes["features"]) + ".")
    return {
        "id": f"PET-{number:04d}", "title": title, "description": " ".join(parts),
        "category": spec["category"], "brand": brand, "price": max(price, 1.99), "currency": "USD",
        "rating": round(rng.uniform(3.2, 5.0), 1), "review_count": rng.randint(0, 900),
        "attributes": attributes, "stock": rng.choice([0, 3, 12, 40, 85, 150]),
    }


def generate_pets_catalog(seed: int = 13) -> list[dict[str, Any]]:
    """Every row of the catalog, in id order (ids ``PET-0001`` …)."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    used: set[tuple[str, str, str]] = set()
    for spec in SPECS:
        for _ in range(spec["count"]):
            rows.append(_row(rng, spec, len(rows) + 1, used))
    return rows


def write_pets_catalog(path: str | Path, seed: int = 13) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in generate_pets_catalog(seed):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.catalogs.pets", description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="JSONL file to write")
    parser.add_argument("--seed", type=int, default=13, help="the pets suite is labelled for seed 13")
    args = parser.parse_args(argv)
    print(write_pets_catalog(args.out, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
