"""``shopguide ingest``: the real command against the fake embedder and embedded Chroma."""

from __future__ import annotations

import json

import pytest

from retrieval.catalog.product import Product
from tests.conftest import SAMPLE_PRODUCTS
from ui.cli import main


def run(capsys, *args: str) -> tuple[int, dict | None, str]:
    code = main(["--embedder", "fake", "--llm", "fake", "ingest", "--json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def open_index(home):
    from retrieval.index.embedder import FakeEmbedder
    from retrieval.index.catalog_index import CatalogIndex

    return CatalogIndex(home / "index", FakeEmbedder())


def test_ingest_is_idempotent_and_reembeds_only_changes(tmp_path, capsys):
    home = tmp_path / "home"
    catalog = write_jsonl(tmp_path / "products.jsonl", SAMPLE_PRODUCTS)
    code, summary, err = run(capsys, str(catalog))
    assert code == 0, err
    assert summary["added"] == summary["embedded"] == summary["indexed_total"] == len(SAMPLE_PRODUCTS)
    assert "ingested" in err

    code, summary, _ = run(capsys, str(catalog))
    assert (summary["embedded"], summary["unchanged"], summary["added"]) == (0, len(SAMPLE_PRODUCTS), 0)

    changed = [dict(r) for r in SAMPLE_PRODUCTS]
    changed[0]["price"] = 99.0
    changed = changed[:-1] + [{"id": "N1", "title": "New Trail Socks", "price": 12}]
    write_jsonl(catalog, changed)
    code, summary, _ = run(capsys, str(catalog))
    assert (summary["updated"], summary["added"], summary["embedded"], summary["removed"]) == (1, 1, 2, 0)
    assert summary["indexed_total"] == len(SAMPLE_PRODUCTS) + 1  # no --prune: the dropped product stays

    code, summary, _ = run(capsys, str(catalog), "--prune")
    assert (summary["removed"], summary["embedded"], summary["indexed_total"]) == (1, 0, len(SAMPLE_PRODUCTS))
    index = open_index(home)
    assert set(index.products) == {r["id"] for r in changed}
    assert index.store.ids() == set(index.products)
    assert index.get(SAMPLE_PRODUCTS[0]["id"]).price == 99.0
    assert set(index.keyword.ids) == set(index.products)


BAD_CSV = (
    "id,title,price,colour\n"
    "A1,Good Mug,12.5,red\n"
    ",Missing Id,3,blue\n"
    "A2,Negative,-4,green\n"
    "A3,Unparsable,cheap,green\n"
    "A1,Duplicate,5,red\n"
    "A4," + "x" * 400 + ",5,red\n"
    "A5,Fine Plate,7,white\n"
)


def test_bad_rows_are_reported_and_valid_rows_ingested(tmp_path, capsys):
    catalog = tmp_path / "shop.csv"
    catalog.write_bytes(BAD_CSV.encode() + b"A6,Caf\xe9 Cup,4,black\n")
    errors_file = tmp_path / "errors.jsonl"
    code, summary, err = run(capsys, str(catalog), "--errors-out", str(errors_file))
    assert code == 0
    assert (summary["rows"], summary["valid"], summary["invalid"], summary["indexed_total"]) == (8, 2, 6, 2)
    for line in ("shop.csv row 2: id: missing id", "shop.csv row 3: price: negative", "shop.csv row 4: price: not a number",
                 "shop.csv row 5: id: duplicate id 'A1'", "shop.csv row 6: title: too long", "shop.csv row 8: title: invalid UTF-8"):
        assert f"bad row: {line}" in err
    written = [json.loads(line) for line in errors_file.read_text().splitlines()]
    assert [(e["row"], e["field"]) for e in written] == [(2, "id"), (3, "price"), (4, "price"), (5, "id"), (6, "title"), (8, "title")]
    index = open_index(tmp_path / "home")
    assert sorted(index.products) == ["A1", "A5"]
    assert index.get("A1").attributes == {"colour": "red"}


def snapshot(home):
    """Everything the index holds: product rows, meta (generation), vector ids."""
    import sqlite3

    with sqlite3.connect(home / "index" / "products.sqlite") as db:
        rows = db.execute("SELECT * FROM products ORDER BY id").fetchall()
        meta = db.execute("SELECT * FROM meta ORDER BY key").fetchall()
    return rows, meta, sorted(open_index(home).store.ids())


def test_strict_fails_without_touching_the_index(tmp_path, capsys):
    good = write_jsonl(tmp_path / "good.jsonl", SAMPLE_PRODUCTS[:3])
    assert run(capsys, str(good))[0] == 0
    before = snapshot(tmp_path / "home")
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV)
    code, summary, err = run(capsys, str(bad), "--strict", "--prune")
    assert code == 2 and summary is None
    assert "--strict" in err and "nothing was changed" in err
    assert snapshot(tmp_path / "home") == before
    assert sorted(open_index(tmp_path / "home").products) == sorted(r["id"] for r in SAMPLE_PRODUCTS[:3])


def test_mapping_flags_and_file(tmp_path, capsys):
    catalog = tmp_path / "shop.csv"
    catalog.write_text("sku,name,maker,cents,shade\n9,Desk Lamp,Lumo,2599,amber\n")
    code, summary, err = run(capsys, str(catalog), "--map", "id=sku", "--map", "title=name", "--map", "brand=maker",
                             "--map", "price=cents", "--price-divisor", "100", "--default", "currency=EUR")
    assert code == 0, err
    product = open_index(tmp_path / "home").get("9")
    assert (product.title, product.brand, product.price, product.currency) == ("Desk Lamp", "Lumo", 25.99, "EUR")
    assert product.attributes == {"shade": "amber"}

    mapping = tmp_path / "shop.toml"
    mapping.write_text('[fields]\nid = "sku"\ntitle = "name"\nbrand = "maker"\nprice = "cents"\n[price]\ndivisor = 100\n'
                       '[attributes]\nrename = { shade = "colour" }\n')
    code, summary, _ = run(capsys, str(catalog), "--mapping", str(mapping))
    assert code == 0 and summary["updated"] == 1
    assert open_index(tmp_path / "home").get("9").attributes == {"colour": "amber"}


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl"], "does not exist"),
    (["--preset", "nope", "x.jsonl"], "no preset 'nope'"),
    (["--map", "titel=name", "x.jsonl"], "unknown product field"),
])
def test_input_errors_are_one_line_messages(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.jsonl").write_text(json.dumps(SAMPLE_PRODUCTS[0]) + "\n")
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err and err.startswith("shopguide: error:")


def test_products_round_trip_through_the_index(tmp_path, capsys):
    write_jsonl(tmp_path / "p.jsonl", SAMPLE_PRODUCTS)
    run(capsys, str(tmp_path / "p.jsonl"))
    index = open_index(tmp_path / "home")
    for raw in SAMPLE_PRODUCTS:
        assert index.get(raw["id"]) == Product.from_dict(raw)
