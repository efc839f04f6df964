"""The Icecat preset reads the real Icecat export (skipped when ../shared/data is absent)."""

from __future__ import annotations

import csv

import pytest

from tests.conftest import shared_data

pytestmark = pytest.mark.shared_data


def test_icecat_preset_reads_every_product_with_judged_ids():
    from retrieval.catalog.loader import load_catalog
    from retrieval.catalog.mapping import load_preset

    folder = shared_data("icecat")
    result = load_catalog(folder, load_preset("icecat"))
    assert result.errors == []
    assert len(result.products) == 19406
    by_id = {p.id: p for p in result.products}
    with (folder / "judgments-dev.csv").open(newline="") as fh:
        judged = {row["product_id"] for row in csv.DictReader(fh)}
    # the judgments refer to Icecat ids; ids are kept as the export's strings
    assert judged <= set(by_id)
    priced = [p for p in result.products if p.price is not None]
    assert priced and all(p.price > 0 for p in priced)
    assert all(p.brand for p in result.products)
    assert sum(1 for p in result.products if p.attributes) > 19000
