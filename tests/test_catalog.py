"""Catalog reading, column mapping and row validation (no index, no models)."""

from __future__ import annotations

import csv
import json
import zipfile

import pytest

from retrieval.catalog.loader import CatalogError, RowError, load_catalog
from retrieval.catalog.mapping import ColumnMapping, MappingError, load_preset, preset_names

SCHEMA_ROW = {
    "id": "P1", "title": "Trail Shell", "description": "Waterproof shell", "category": "Outdoor > Jackets",
    "brand": "Nordvik", "price": 129.5, "currency": "usd", "rating": 4.5, "review_count": 12,
    "attributes": {"colour": "red", "features": ["waterproof"]}, "stock": 3, "image_url": "http://x/y.jpg",
}


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path, rows, fields):
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_schema_named_jsonl_needs_no_mapping(tmp_path):
    result = load_catalog(write_jsonl(tmp_path / "p.jsonl", [SCHEMA_ROW, {**SCHEMA_ROW, "id": "P2"}]))
    assert result.errors == []
    p = result.products[0]
    assert (p.id, p.title, p.brand, p.price, p.currency, p.stock) == ("P1", "Trail Shell", "Nordvik", 129.5, "USD", 3)
    assert p.attributes == {"colour": "red", "features": ["waterproof"]}
    assert result.summary() == {"rows": 2, "valid": 2, "invalid": 0}


def test_csv_json_and_parquet_read_the_same_products(tmp_path):
    rows = [{**SCHEMA_ROW, "id": f"P{i}", "attributes": json.dumps(SCHEMA_ROW["attributes"])} for i in range(3)]
    csv_path = write_csv(tmp_path / "p.csv", rows, list(SCHEMA_ROW))
    json_path = tmp_path / "p.json"
    json_path.write_text(json.dumps({"products": rows}), encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    parquet_path = tmp_path / "p.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet_path)
    loaded = [load_catalog(p) for p in (csv_path, json_path, parquet_path)]
    for result in loaded:
        assert result.errors == []
        assert [p.id for p in result.products] == ["P0", "P1", "P2"]
        assert result.products[1].attributes == {"colour": "red", "features": ["waterproof"]}
        assert result.products[1].price == 129.5
    assert loaded[0].products == loaded[1].products == loaded[2].products


def test_unknown_fields_become_attributes(tmp_path):
    rows = [{"id": "A", "title": "Mouse", "price": "19.99", "dpi": "1600", "wireless": "yes"}]
    result = load_catalog(write_csv(tmp_path / "m.csv", rows, list(rows[0])))
    assert result.products[0].attributes == {"dpi": "1600", "wireless": "yes"}


def test_bad_rows_are_reported_with_row_field_and_reason(tmp_path):
    rows = [
        {"id": "ok1", "title": "Fine", "price": "10"},
        {"id": "", "title": "No id", "price": "10"},                 # row 2: missing id
        {"id": "neg", "title": "Negative", "price": "-5"},           # row 3
        {"id": "nan", "title": "Unparsable", "price": "ten bucks"},  # row 4
        {"id": "ok1", "title": "Duplicate", "price": "10"},          # row 5
        {"id": "long", "title": "x" * 400, "price": "10"},           # row 6: over-long title
        {"id": "ok2", "title": "Also fine", "price": ""},
    ]
    path = write_csv(tmp_path / "bad.csv", rows, ["id", "title", "price"])
    # row 8: invalid UTF-8 bytes in the title
    with path.open("ab") as fh:
        fh.write(b"utf,Caf\xe9 cr\xe8me,3\r\n")
    result = load_catalog(path)
    assert [p.id for p in result.products] == ["ok1", "ok2"]
    got = {(e.row, e.field) for e in result.errors}
    assert got == {(2, "id"), (3, "price"), (4, "price"), (5, "id"), (6, "title"), (8, "title")}
    reasons = {e.row: e.reason for e in result.errors}
    assert "missing id" in reasons[2]
    assert "negative" in reasons[3]
    assert "not a number" in reasons[4]
    assert "duplicate id 'ok1'" in reasons[5] and "row 1" in reasons[5]
    assert "too long" in reasons[6]
    assert "UTF-8" in reasons[8]
    assert result.summary() == {"rows": 8, "valid": 2, "invalid": 6}
    assert str(result.errors[0]) == "bad.csv row 2: id: missing id"


def test_jsonl_bad_lines_do_not_stop_the_rest(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(
        json.dumps(SCHEMA_ROW).encode() + b"\n"
        + b"{not json\n"
        + b'{"id": "U", "title": "Caf\xe9"}\n'
        + b"[1, 2]\n"
        + b"\n"
        + json.dumps({**SCHEMA_ROW, "id": "P9"}).encode() + b"\n"
    )
    result = load_catalog(path)
    assert [p.id for p in result.products] == ["P1", "P9"]
    assert [(e.row, e.reason.split(" (")[0]) for e in result.errors] == [
        (2, "invalid JSON"), (3, "invalid UTF-8"), (4, "not a JSON object")]


def test_json_file_with_one_bad_byte_rejects_only_that_row(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b'[{"id": "a", "title": "Good"}, {"id": "b", "title": "Bad \xff byte"}]')
    result = load_catalog(path)
    assert [p.id for p in result.products] == ["a"]
    assert result.errors == [RowError(2, "title", "invalid UTF-8", "p.json")]


def test_unreadable_catalogs_raise_clear_errors(tmp_path):
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(tmp_path / "missing.csv")
    (tmp_path / "p.xlsx").write_text("x")
    with pytest.raises(CatalogError, match="unsupported catalog format"):
        load_catalog(tmp_path / "p.xlsx")
    (tmp_path / "broken.json").write_text("[{")
    with pytest.raises(CatalogError, match="not valid JSON"):
        load_catalog(tmp_path / "broken.json")


def test_mapping_renames_scales_and_keeps_the_rest(tmp_path):
    rows = [{"sku": "7", "name": "Laser Mouse", "maker": "Logi", "cents": "2999", "colour_name": "black", "ean": "123"}]
    path = write_csv(tmp_path / "shop.csv", rows, list(rows[0]))
    mapping = ColumnMapping().with_flags(["id=sku", "title=name", "brand=maker", "price=cents"], price_divisor=100,
                                         defaults=["currency=EUR"], ignore=["ean"])
    product = load_catalog(path, mapping).products[0]
    assert (product.id, product.title, product.brand, product.price, product.currency) == (
        "7", "Laser Mouse", "Logi", 29.99, "EUR")
    assert product.attributes == {"colour_name": "black"}


def test_mapping_from_toml_with_fallback_columns(tmp_path):
    toml = tmp_path / "m.toml"
    toml.write_text(
        '[fields]\nid = "sku"\ntitle = ["name", "short_name"]\n'
        '[attributes]\nstrip_prefixes = ["attr_"]\nrename = { shade = "colour" }\n'
    )
    mapping = ColumnMapping.from_toml(toml)
    out = mapping.apply({"sku": "1", "name": "", "short_name": "Pan", "attr_shade": "red", "attr_size": 28})
    assert out == {"id": "1", "title": "Pan", "attributes": {"colour": "red", "size": 28}}


def test_mapping_errors_say_what_to_fix(tmp_path):
    with pytest.raises(MappingError, match="unknown product field"):
        ColumnMapping.from_dict({"fields": {"titel": "name"}})
    with pytest.raises(MappingError, match="FIELD=SOURCE"):
        ColumnMapping().with_flags(["title"])
    with pytest.raises(MappingError, match="no preset 'nope'"):
        load_preset("nope")
    bad = tmp_path / "bad.toml"
    bad.write_text("[fields\n")
    with pytest.raises(MappingError, match="not valid TOML"):
        ColumnMapping.from_toml(bad)


def test_zip_and_folder_inputs(tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    with zipfile.ZipFile(folder / "part-1.json.zip", "w") as archive:
        archive.writestr("1.json", json.dumps([{"id": "1", "title": "One", "supplier": "Acme", "price": 1999}]))
    with zipfile.ZipFile(folder / "part-2.json.zip", "w") as archive:
        archive.writestr("2.json", json.dumps([{"id": "2", "title": "Two", "supplier": "Acme", "price": 0},
                                               {"id": "1", "title": "Dup", "supplier": "Acme", "price": 5}]))
    (folder / "notes.csv").write_text("query,product_id\nx,1\n")
    mapping = ColumnMapping.from_dict({"files": ["part-*.json.zip"], "fields": {"brand": "supplier"},
                                       "price": {"divisor": 100, "zero_is_missing": True}})
    result = load_catalog(folder, mapping)
    assert [(p.id, p.brand, p.price) for p in result.products] == [("1", "Acme", 19.99), ("2", "Acme", None)]
    assert [str(e) for e in result.errors] == [
        "part-2.json.zip:2.json row 2: id: duplicate id '1' (first seen at part-1.json.zip:1.json row 1)"]


def test_icecat_preset_maps_a_record():
    assert "icecat" in preset_names()
    mapping = load_preset("icecat")
    record = {
        "id": "3920564", "name": "006R90321", "title": "Xerox 006R90321 toner cartridge Original Black 6 pc(s)",
        "ean": ["0095205603217"], "short_description": "Toner (6 Per Box)", "img_500x500": "http://i/m.jpg",
        "img_thumb": "http://i/t.jpg", "date_released": "2009-12-10T00:00:00Z", "supplier": "Xerox", "price": 4995,
        "attr_t_product_colour": "Black", "attr_n_quantity_per_pack": 6.0,
    }
    from retrieval.catalog.product import Product

    product = Product.from_dict(mapping.apply(record))
    assert (product.id, product.brand, product.price, product.image_url) == ("3920564", "Xerox", 49.95, "http://i/m.jpg")
    assert product.description == "Toner (6 Per Box)"
    assert product.attributes == {"model": "006R90321", "colour": "Black", "quantity_per_pack": 6.0}
