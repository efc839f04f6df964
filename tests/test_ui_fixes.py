"""Issue 13, item 8: the portrait panel's budgets, titles cut at hyphens, the comparison
table's label column, and model-loading bars over the first terminal reply."""

from __future__ import annotations

import io
import sys

import pytest
from rich.console import Console

from assistant.guide.compare import comparison_table
from assistant.guide.render import short_name
from assistant.portrait.model import Portrait
from retrieval.catalog.product import Product
from ui.gradio_app import PORTRAIT_FIELDS, budget_value, portrait_from_values, portrait_values


def _index(label: str) -> int:
    return [name for name, _ in PORTRAIT_FIELDS].index(label)


def test_empty_budget_stays_empty_through_an_edit_and_save():
    shown = portrait_values({"category": "Yoga", "budget": {"min": None, "max": None}})
    assert shown[_index("Budget min")] == "" and shown[_index("Budget max")] == ""
    shown[_index("Features wanted")] = "non-slip"          # the shopper edits one field, presses Save
    saved = portrait_from_values(shown)
    assert saved["budget"] == {"min": None, "max": None}
    assert saved["attributes"]["wanted"] == ["non-slip"]


def test_budgets_round_trip_and_a_zero_is_no_budget():
    shown = portrait_values({"budget": {"min": 50.0, "max": 149.99}})
    assert shown[_index("Budget min")] == "50" and shown[_index("Budget max")] == "149.99"
    assert portrait_from_values(shown)["budget"] == {"min": 50.0, "max": 149.99}
    shown[_index("Budget min")], shown[_index("Budget max")] = 0, "0"   # what a number widget sent back
    assert portrait_from_values(shown)["budget"] == {"min": None, "max": None}
    assert budget_value("$1,200") == 1200.0
    with pytest.raises(ValueError):
        budget_value("cheap")


def test_saved_portrait_does_not_flag_every_product(fake_assistant):
    from assistant.portrait.model import Portrait

    session = fake_assistant.new_session()
    fake_assistant.chat("a waterproof jacket", session_id=session, reply=False)
    shown = portrait_values(fake_assistant.get_portrait(session).to_json())
    shown[_index("Features wanted")] = "waterproof, hooded"
    fake_assistant.set_portrait(session, Portrait.from_json(portrait_from_values(shown)))
    reply = fake_assistant.chat("show me", session_id=session, reply=False)
    assert reply.portrait["budget"]["max"] is None
    assert not any("price" in "; ".join(s.violates) for s in reply.products)


@pytest.mark.parametrize("title, colour, expected", [
    ("Flowline Anchor Flex Non-Slip Yoga Mat in Orange", "orange", "Flowline Anchor Flex Non-Slip Yoga Mat"),
    ("Corbel Moisture-Wicking T-Shirt Easton (Brown)", "brown", "Corbel Moisture-Wicking T-Shirt Easton"),
    ("Stridewell Ridge Lite Women's Running Shoes - Purple", "purple", "Stridewell Ridge Lite Women's Running Shoes"),
    ("Kestrel & Co Arete Packable Rain Jacket – Black", "black", "Kestrel & Co Arete Packable Rain Jacket"),
    ("Jollyfox Button Building Block Set in Brown (Ages 6+)", "brown", "Jollyfox Button Building Block Set"),
    ("Golden Forest – Family Board Game by Pipwick", "grey", "Golden Forest – Family Board Game by Pipwick"),
    ("Wi-Fi Extender - Dual-Band", "", "Wi-Fi Extender - Dual-Band"),
])
def test_short_name_keeps_hyphenated_words(title, colour, expected):
    assert short_name(Product("X", title, attributes={"colour": colour} if colour else {})) == expected


def test_comparison_header_names_whole_products():
    a = Product("A", "Flowline Anchor Flex Non-Slip Yoga Mat in Orange", brand="Flowline", price=12.95,
                attributes={"colour": "orange", "thickness_mm": 5})
    b = Product("B", "Pacera Non-Slip Travel Yoga Mat Pivot (Olive)", brand="Pacera", price=104.99,
                attributes={"colour": "olive", "thickness_mm": 2})
    header = comparison_table([a, b]).splitlines()[0]
    assert "Flowline Anchor Flex Non-Slip Yoga Mat" in header and "Pacera Non-Slip Travel Yoga Mat Pivot" in header


def test_chat_css_keeps_the_label_column_readable():
    from ui.cards import CSS

    rules = " ".join(CSS.split())
    assert "#sg-chat table {display:block; overflow-x:auto;" in rules
    assert "#sg-chat tr > :first-child {min-width:7em;" in rules
    assert "word-break:normal" in rules


def test_terminal_loads_models_before_the_prompt_and_hides_their_bars(fake_assistant, capsys):
    from ui.terminal import run_terminal_chat

    events: list[str] = []

    def noisy_warm_up() -> None:
        events.append("warm")
        sys.stderr.write("Loading weights: 100%|██████████| 272/272 [00:00<00:00]\n")

    fake_assistant.warm_up = noisy_warm_up
    lines = iter(["a waterproof jacket"])

    def fake_input(prompt: str) -> str:
        events.append("prompt")
        try:
            return next(lines)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    run_terminal_chat(fake_assistant, input_fn=fake_input, console=Console(file=out, width=120, color_system=None))
    assert events[:2] == ["warm", "prompt"]
    assert "Loading weights" not in capsys.readouterr().err + out.getvalue()
    assert "shopguide> " in out.getvalue()


def test_terminal_reports_a_missing_index_before_the_prompt(fake_assistant):
    from assistant.errors import NotIndexedError
    from ui.terminal import run_terminal_chat

    def missing() -> None:
        raise NotIndexedError("no catalog is indexed in /nowhere; run `shopguide index`")

    fake_assistant.warm_up = missing
    out = io.StringIO()
    code = run_terminal_chat(fake_assistant, input_fn=lambda p: (_ for _ in ()).throw(EOFError()),
                             console=Console(file=out, width=120, color_system=None))
    assert code == 0 and "no catalog is indexed" in out.getvalue()


def test_save_keeps_the_budget_currency():
    """A ¥300 budget (≈ $41) shown as "300 CNY" and saved back stays ¥300; it used to become $300."""
    shown = portrait_values({"budget": {"min": None, "max": 300.0, "currency": "CNY"}, "recipient": "mother"})
    assert "300 CNY" in shown
    saved = Portrait.from_json(portrait_from_values(shown))
    assert (saved.budget_max, saved.currency) == (300.0, "CNY")
    assert portrait_from_values(portrait_values({"budget": {"max": 80.0}}))["budget"] == {"min": None, "max": 80.0}
    dollars = portrait_values({"budget": {"max": 68.98, "currency": "USD"}})
    assert "$68.98" in dollars
    assert portrait_from_values(dollars)["budget"] == {"min": None, "max": 68.98, "currency": "USD"}
    typed = portrait_values({})
    typed[_index("Budget max")] = "¥120"
    assert portrait_from_values(typed)["budget"] == {"min": None, "max": 120.0, "currency": "CNY"}


def test_likes_have_their_own_field_and_survive_a_save():
    shown = portrait_values({"likes": ["bright colours", "red", "yellow"], "attributes": {"wanted": [], "unwanted": []}})
    assert shown[_index("Likes (soft)")] == "bright colours, red, yellow"
    assert shown[_index("Features wanted")] == ""           # liked colours are not wanted features
    assert portrait_from_values(shown)["likes"] == ["bright colours", "red", "yellow"]   # Save kept them
