"""Tests for the seeded demo catalog generator and its SVG product images.

The demo catalog is what every offline demo, eval and UI screenshot runs on, so it
must be deterministic, schema-clean, varied (not one template with the noun
swapped), internally consistent (descriptions only claim features the product
has) and realistic enough that typical shopping queries have answers.
"""

import base64
import collections
import json
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from retrieval.demo.catalog import SENT_END, generate_catalog, write_catalog
from retrieval.demo.images import svg_data_uri
from retrieval.demo.vocab import SUBCATS, TOPS

KEYS = {"id", "title", "description", "category", "brand", "price", "currency", "rating",
        "review_count", "attributes", "stock", "image_url"}
REAL_BRANDS = {"nike", "adidas", "apple", "sony", "samsung", "patagonia", "the north face", "columbia",
               "lego", "hasbro", "mattel", "bose", "jbl", "le creuset", "tefal", "l'oreal", "nivea",
               "lululemon", "under armour", "garmin", "fitbit", "anker", "logitech", "levi's", "uniqlo"}


@pytest.fixture(scope="module")
def catalog():
    return generate_catalog()


def _top(p):
    return p["category"].split(" > ")[0]


def test_deterministic_and_seeded():
    a, b = generate_catalog(seed=7, n=1600), generate_catalog(seed=7, n=1600)
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    assert generate_catalog(seed=8, n=200) != generate_catalog(seed=7, n=200)
    assert generate_catalog(seed=3, n=40) == generate_catalog(seed=3, n=40)


def test_counts():
    # no timing here (it failed on a loaded CI box); generation time belongs in a benchmark
    assert len(generate_catalog()) == 1600
    assert len(generate_catalog(n=37)) == 37
    assert generate_catalog(n=0) == []


def test_schema_of_every_product(catalog):
    for p in catalog:
        assert set(p) == KEYS, p["id"]
        assert re.fullmatch(r"SG-\d{5}", p["id"])
        assert isinstance(p["title"], str) and 10 <= len(p["title"]) <= 120
        assert p["currency"] == "USD"
        assert isinstance(p["price"], float) and p["price"] > 0 and round(p["price"], 2) == p["price"]
        assert isinstance(p["rating"], float) and 2.5 <= p["rating"] <= 5.0 and round(p["rating"], 1) == p["rating"]
        assert isinstance(p["review_count"], int) and 0 <= p["review_count"] <= 5000
        assert isinstance(p["stock"], int) and 0 <= p["stock"] <= 250
        top, sub = p["category"].split(" > ")
        assert top in TOPS and sub
        a = p["attributes"]
        assert {"colour", "material", "size", "features"} <= set(a)
        assert a["features"] and all(isinstance(f, str) and f == f.lower() for f in a["features"])
        assert len(set(a["features"])) == len(a["features"])
        for key, value in a.items():
            assert isinstance(value, (str, int, float)) or (
                isinstance(value, list) and all(isinstance(v, str) for v in value)), (key, value)
        if top in ("Apparel", "Shoes"):
            assert a["gender"] in ("women", "men", "unisex")
        d = p["description"]
        assert 150 <= len(d) <= 450, d
        assert 2 <= len(SENT_END.findall(d)) <= 4, d
        assert p["image_url"].startswith("data:image/svg+xml;base64,")
    json.dumps(catalog, ensure_ascii=False)  # serialisable


def test_products_load_through_the_project_schema(catalog):
    from retrieval.catalog.product import Product

    for p in catalog[:200]:
        product = Product.from_dict(p)
        assert product.id == p["id"] and product.price == p["price"]


def test_ids_and_titles_unique(catalog):
    assert len({p["id"] for p in catalog}) == len(catalog)
    assert len({p["title"] for p in catalog}) >= 0.95 * len(catalog)


def test_category_balance(catalog):
    tops = collections.Counter(_top(p) for p in catalog)
    assert len(tops) >= 8
    assert all(count >= 150 for count in tops.values()), tops
    subs = collections.defaultdict(set)
    for p in catalog:
        subs[_top(p)].add(p["category"])
    assert all(3 <= len(s) <= 6 for s in subs.values()), subs


def test_brands_invented_and_shared(catalog):
    per_top = collections.defaultdict(set)
    for p in catalog:
        per_top[_top(p)].add(p["brand"])
    assert all(4 <= len(b) <= 8 for b in per_top.values())
    spans = collections.Counter(b for brands in per_top.values() for b in brands)
    assert any(n >= 2 for n in spans.values())
    assert not {p["brand"].lower() for p in catalog} & REAL_BRANDS


def test_prices_ratings_stock_realistic(catalog):
    ranges = {f"{sc['top']} > {sc['sub']}": sc["price"] for sc in SUBCATS}
    for p in catalog:
        lo, hi = ranges[p["category"]]
        assert lo - 1 <= p["price"] <= hi + 1, (p["category"], p["price"])
    ratings = sorted(p["rating"] for p in catalog)
    assert 4.0 <= ratings[len(ratings) // 2] <= 4.6
    out = sum(p["stock"] == 0 for p in catalog) / len(catalog)
    assert 0.04 <= out <= 0.12
    reviews = sorted(p["review_count"] for p in catalog)
    assert reviews[-1] > 10 * reviews[len(reviews) // 2]  # long tail


def _skeleton(p):
    """Description with everything product-specific removed (brand, title words, numbers)."""
    text = p["description"].lower().replace(p["brand"].lower(), " ")
    title_words = set(re.findall(r"[a-z'-]+", p["title"].lower()))
    words = [w for w in re.findall(r"[a-z'-]+", text) if w not in title_words]
    return " ".join(words)


def _shingles(text, k=4):
    w = re.findall(r"[a-z'-]+", text.lower())
    return {tuple(w[i:i + k]) for i in range(len(w) - k + 1)}


def test_description_diversity(catalog):
    skeletons = collections.Counter(_skeleton(p) for p in catalog)
    duplicated = sum(c for c in skeletons.values() if c > 1)
    assert duplicated < 0.02 * len(catalog)
    openings = collections.Counter(" ".join(p["description"].split()[:3]) for p in catalog)
    assert openings.most_common(1)[0][1] < 0.12 * len(catalog)
    # near-duplicates: products in the same subcategory share few 4-word shingles
    by_cat = collections.defaultdict(list)
    for p in catalog:
        by_cat[p["category"]].append(_shingles(_skeleton(p)))
    rng, sims = random.Random(0), []
    for sets in by_cat.values():
        for _ in range(20):
            a, b = rng.sample(sets, 2)
            sims.append(len(a & b) / max(1, len(a | b)))
    assert sum(sims) / len(sims) < 0.15
    assert max(sims) < 0.8


def test_descriptions_only_claim_own_features(catalog):
    pools = {f"{sc['top']} > {sc['sub']}": list(sc["feats"]) for sc in SUBCATS}
    bad = []
    for p in catalog:
        own = p["attributes"]["features"]
        text = (p["title"] + " " + p["description"]).lower()
        for tag in pools[p["category"]]:
            if tag in own or any(tag in f for f in own):
                continue
            if re.search(r"(?<![\w-])" + re.escape(tag) + r"(?![\w-])", text):
                bad.append((p["id"], tag, p["description"]))
    assert not bad, bad[:5]
    mentioned = sum(any(f in p["description"].lower() for f in p["attributes"]["features"]) for p in catalog)
    assert mentioned >= 0.9 * len(catalog)


def test_svg_images_valid_small_and_varied(catalog):
    for p in catalog[::7]:
        uri = p["image_url"]
        assert len(uri) < 1500
        root = ET.fromstring(base64.b64decode(uri.split(",", 1)[1]))
        assert root.tag.endswith("svg")
    grey = svg_data_uri("Something > Unknown", "chartreuse-ish", "x")
    ET.fromstring(base64.b64decode(grey.split(",", 1)[1]))
    assert "#9e9e9e" in base64.b64decode(grey.split(",", 1)[1]).decode()
    assert svg_data_uri("Shoes > Running Shoes", "red", "a") == svg_data_uri("Shoes > Running Shoes", "red", "a")
    shapes = {svg_data_uri(sc["top"] + " > " + sc["sub"], "red", "same") for sc in SUBCATS}
    assert len(shapes) >= 12


def _count(catalog, cat=None, words=(), feats=(), **attrs):
    n = 0
    for p in catalog:
        a = p["attributes"]
        if cat and cat not in p["category"]:
            continue
        if any(w not in p["title"].lower() for w in words) or any(f not in a["features"] for f in feats):
            continue
        if all(a.get(k) == v for k, v in attrs.items()):
            n += 1
    return n


def test_budget_realism_for_waterproof_jackets(catalog):
    jackets = [p for p in catalog if "jacket" in p["title"].lower()
               and "waterproof" in p["attributes"]["features"]]
    assert sum(p["price"] < 150 for p in jackets) >= 40
    assert sum(p["price"] > 150 for p in jackets) >= 10
    hiking = [p for p in jackets if p["category"] == "Outdoor & Hiking > Jackets" and p["price"] < 150]
    assert len(hiking) >= 30


def test_demo_queries_have_matches(catalog):
    assert _count(catalog, "Running Shoes", gender="women") >= 15
    assert _count(catalog, "Headphones", feats=["noise cancelling"]) >= 20
    assert _count(catalog, "Cookware", words=["frying pan"], feats=["non-stick"]) >= 8
    assert _count(catalog, "Board Games", feats=["family friendly"]) >= 15
    assert _count(catalog, "Yoga", words=["yoga mat"]) >= 25
    assert _count(catalog, "Skincare", words=["moisturizer"], skin_type="dry") >= 6
    assert _count(catalog, "Speakers", feats=["bluetooth"]) >= 15
    assert _count(catalog, "Winter Boots", feats=["insulated"]) >= 20
    young = [p for p in catalog if p["category"].startswith("Toys")
             and int(p["attributes"].get("age_range", "99+").rstrip("+")) <= 5]
    assert len(young) >= 40
    gifts = " ".join(p["description"] for p in catalog)
    for who in ("your wife", "your husband", "dad", "mom", "kids"):
        assert who in gifts


def test_write_catalog_and_cli(tmp_path):
    out = tmp_path / "demo.jsonl"
    assert write_catalog(out, seed=5, n=60) == 60
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == generate_catalog(seed=5, n=60)
    cli_out = tmp_path / "cli.jsonl"
    subprocess.run([sys.executable, "-m", "retrieval.demo.catalog", str(cli_out), "--seed", "5", "-n", "60"],
                   check=True, capture_output=True)
    assert cli_out.read_bytes() == out.read_bytes()
