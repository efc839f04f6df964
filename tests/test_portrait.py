"""Portrait JSON shape, query mapping and persistence through the assistant API."""

from __future__ import annotations

from assistant.portrait.model import Portrait
from assistant.sessions import SessionStore

PUBLIC_KEYS = {"category", "budget", "brands", "attributes", "recipient", "occasion", "needs"}


def test_json_shape_round_trips():
    p = Portrait(category="Jackets", category_explicit=True, budget_max=150.0, currency="USD",
                 brands_excluded=["Nordvik"], attributes_wanted=["waterproof"], recipient="wife",
                 focus_id="J1", sources={"budget_max": 0})
    data = p.to_json()
    assert PUBLIC_KEYS <= set(data)
    assert data["budget"] == {"min": None, "max": 150.0, "currency": "USD"}
    assert data["brands"] == {"liked": [], "excluded": ["Nordvik"], "required": []}
    assert Portrait.from_json(data).to_json() == data


def test_to_query_maps_hard_constraints_to_filters_and_preferences_to_signals():
    p = Portrait(category="Jackets", category_explicit=True, budget_min=50.0, budget_max=150.0,
                 brands_liked=["Alpenlite"], brands_excluded=["Nordvik"], attributes_wanted=["blue"],
                 attributes_unwanted=["red"], must_haves=["waterproof"], deal_breakers=["red"], needs="rain jacket")
    q = p.to_query(k=20)
    assert (q.min_price, q.max_price, q.categories, q.k) == (50.0, 150.0, ("Jackets",), 20)
    assert q.brands_exclude == ("Nordvik",) and q.brands_liked == ("Alpenlite",)
    assert q.attributes_required == ("waterproof",) and q.attributes_excluded == ("red",)
    assert q.attributes_wanted == ("blue",) and q.attributes_unwanted == ("red",)


def test_portrait_survives_a_restart(tmp_path, fake_assistant):
    fake_assistant.chat("a waterproof jacket under $150, no Nordvik", session_id="s1", reply=False)
    fake_assistant.sessions.close()
    reopened = SessionStore(fake_assistant.settings.sessions_db)
    p = reopened.load_portrait("s1")
    assert (p.category, p.budget_max, p.brands_excluded) == ("Jackets", 150.0, ["Nordvik"])


def test_view_edit_and_clear_through_the_assistant(fake_assistant):
    fake_assistant.chat("headphones under 250 dollars", session_id="s2", reply=False)
    p = fake_assistant.get_portrait("s2")
    p.budget_max = 100.0
    fake_assistant.set_portrait("s2", p)
    reply = fake_assistant.chat("wireless please", session_id="s2", reply=False)
    assert reply.portrait["budget"]["max"] == 100.0
    assert all(s.product.price <= 100 for s in reply.products if not s.violates)
    fake_assistant.clear_portrait("s2")
    assert fake_assistant.get_portrait("s2").is_empty()


def test_references_use_the_products_shown_last_turn(fake_assistant):
    first = fake_assistant.chat("a waterproof jacket", session_id="s3", reply=False)
    second_price = first.products[1].product.price
    reply = fake_assistant.chat("something cheaper than the second one", session_id="s3", reply=False)
    assert reply.portrait["budget"]["max"] == round(second_price - 0.01, 2)
    assert all(s.product.price < second_price for s in reply.products if not s.violates)


def test_fake_backend_never_calls_the_llm_for_the_portrait(fake_assistant):
    fake_assistant.chat("a present for my bestie", session_id="s4", reply=False)
    assert fake_assistant.portrait_llm is None
    assert fake_assistant.llm.calls == []
