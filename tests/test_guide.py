"""The guide through the real assistant with the fake LLM: structure, streaming, retries, honesty."""

from __future__ import annotations

import re

from assistant.guide.render import price_text


def run(bot, text, session_id=None):
    events = list(bot.stream(text, session_id=session_id))
    final = events[-1].reply
    tokens = "".join(e.text for e in events if e.kind == "token")
    return final, tokens, events


def test_guide_has_the_four_parts_and_facts_rendered_by_code(fake_assistant):
    fake_assistant.llm.enqueue("These headphones suit a commute. The first is the quietest option.")
    reply, _, _ = run(fake_assistant, "wireless headphones for my commute under $300")
    text = reply.text
    assert text.index("What I understood") < text.index("Top picks") < text.index("To narrow it down")
    for shown in reply.products:
        assert shown.product.title in text and price_text(shown.product) in text
    follow = text.split("**To narrow it down:**", 1)[1]
    assert follow.count("?") == 1


def test_three_to_five_picks_each_with_a_reason(fake_assistant):
    reply, _, _ = run(fake_assistant, "a gift under $250")
    matches = [s for s in reply.products if not s.violates]
    assert 3 <= len(matches) <= 5
    assert all(s.why for s in matches)
    assert "**Trade-offs:**" in reply.text


def test_streamed_tokens_equal_the_final_text_and_timings_are_measured(fake_assistant):
    reply, tokens, events = run(fake_assistant, "a gift under $250")
    assert [e.kind for e in events][0] == "products" and events[-1].kind == "final"
    assert tokens == reply.text
    assert reply.timings_ms["first_token_ms"] <= reply.timings_ms["first_llm_token_ms"] <= reply.timings_ms["total_ms"]


def _with_retry(bot):
    from dataclasses import replace

    bot.settings = replace(bot.settings, llm=replace(bot.settings.llm, prose_retries=1))
    return bot


def test_a_violation_is_regenerated_once_with_the_problem_pointed_out(fake_assistant):
    _with_retry(fake_assistant)   # off by default (llm.prose_retries = 0)
    fake_assistant.llm.enqueue("The first pick costs only $5.", "The first pick is a solid choice.")
    reply, tokens, _ = run(fake_assistant, "a gift under $250")
    assert reply.fallback is False
    assert "only $5" not in reply.text and "The first pick is a solid choice." in reply.text
    assert len(fake_assistant.llm.calls) == 2
    retry = fake_assistant.llm.calls[1]
    assert "$5" in retry[-1].content and "problem" in retry[-1].content
    assert reply.grounding_issues and tokens == reply.text


def test_by_default_a_violation_goes_straight_to_the_fact_sentence(fake_assistant):
    fake_assistant.llm.enqueue("The first pick costs only $5.", "The first pick is a solid choice.")
    reply, tokens, _ = run(fake_assistant, "a gift under $250")
    assert reply.fallback is True and len(fake_assistant.llm.calls) == 1
    assert "only $5" not in reply.text and "solid choice" not in reply.text and tokens == reply.text


def test_two_violations_fall_back_to_a_deterministic_sentence_and_are_counted(fake_assistant):
    _with_retry(fake_assistant)
    fake_assistant.llm.enqueue("It is free today, just $0!", "Buy it for $1.")
    reply, _, _ = run(fake_assistant, "a gift under $250")
    assert reply.fallback is True and reply.to_json()["fallback"] is True
    assert "$0" not in reply.text and "$1." not in reply.text
    assert "I'd start with the" in reply.text and "good matches" in reply.text
    assert fake_assistant.fallback_count == 1
    assert fake_assistant.guide_stats()["fallback_rate"] == 1.0


def test_a_bad_sentence_after_a_good_one_is_dropped(fake_assistant):
    fake_assistant.llm.enqueue("Here are some gift picks that fit. The second pick is on sale for $3.")
    reply, _, _ = run(fake_assistant, "a gift under $250")
    assert "Here are some gift picks that fit." in reply.text and "on sale" not in reply.text
    assert reply.fallback is False and len(fake_assistant.llm.calls) == 1


def test_after_one_dropped_sentence_the_model_goes_on(fake_assistant):
    fake_assistant.llm.enqueue("These gift picks all fit. Ships free from our website! The second pick is a jacket.")
    reply, _, _ = run(fake_assistant, "a gift under $250")
    assert reply.prose == "These gift picks all fit. The second pick is a jacket."
    assert "website" not in reply.text and reply.fallback is False


def test_nothing_satisfies_the_constraints_shows_alternatives_with_violates(fake_assistant):
    reply, _, _ = run(fake_assistant, "a waterproof jacket under $60")
    assert reply.text.count("Nothing in the catalog satisfies all of your requirements") == 1
    assert reply.products and all(s.violates for s in reply.products)
    data = reply.to_json()
    assert all(p["violates"] for p in data["products"])
    assert {"reply", "products", "portrait", "fallback"} <= set(data)
    assert re.search(r"The closest is the .+ at \$79\.50: \$19\.50 over your \$60 budget", reply.text)
    assert fake_assistant.llm.calls == []   # no prose about products that do not match


def test_too_few_matches_are_topped_up_with_marked_alternatives(fake_assistant):
    reply, _, _ = run(fake_assistant, "waterproof jacket under $150")
    matches = [s for s in reply.products if not s.violates]
    alternatives = [s for s in reply.products if s.violates]
    assert {s.product.id for s in matches} == {"J1", "J3"}
    assert alternatives and all(s.product.price > 150 or "waterproof" not in s.product.features
                                for s in alternatives)
    assert all("violates" not in p for p in reply.to_json()["products"][: len(matches)])
    assert "Closest alternatives" in reply.text


def test_a_product_the_shop_does_not_carry_is_said_plainly(fake_assistant):
    reply, _, _ = run(fake_assistant, "I need a kayak")
    assert reply.products == []
    assert "doesn't carry kayak" in reply.text
    assert fake_assistant.llm.calls == []


def test_compare_the_first_two_renders_a_table_from_catalog_data(fake_assistant):
    first, _, _ = run(fake_assistant, "wireless headphones under $300", session_id="c1")
    calls = len(fake_assistant.llm.calls)
    reply, tokens, _ = run(fake_assistant, "compare the first two", session_id="c1")
    a, b = (s.product for s in first.products[:2])
    # the list on screen stays (the table is in the text): "the first one" keeps meaning the first card
    assert [s.product.id for s in reply.products] == [s.product.id for s in first.products]
    assert [s.why for s in reply.products[:2]] == ["compared: pick 1", "compared: pick 2"]
    assert "| Price |" in reply.text and price_text(a) in reply.text and price_text(b) in reply.text
    assert len(fake_assistant.llm.calls) == calls and tokens == reply.text
    cheaper = min((a, b), key=lambda p: p.price)
    answer, _, _ = run(fake_assistant, "which is cheaper?", session_id="c1")
    assert answer.text.startswith(f"The ")
    assert "cheaper" in answer.text.split("\n")[0] and cheaper.brand in answer.text.split("\n")[0]


def test_the_fallback_sentence_is_personal_and_passes_its_own_check(sample_products):
    from assistant.grounding.check import check_grounding
    from assistant.guide.fallback import fallback_intro
    from assistant.portrait.model import Portrait

    jackets = [p for p in sample_products if p.category.endswith("Jackets")][:3]
    portrait = Portrait(recipient="wife", occasion="birthday", attributes_wanted=["waterproof"], budget_max=150)
    text = fallback_intro(portrait, jackets)
    assert text.startswith("For your wife's birthday, I'd start with the ") and "waterproof" in text
    assert check_grounding(text, jackets, portrait, request="a waterproof jacket for my wife's birthday").ok


def test_without_the_retry_a_failed_first_sentence_goes_straight_to_the_fallback():
    from assistant.grounding.check import GroundingReport, Issue
    from assistant.guide.prose import ProseWriter
    from assistant.llm import FakeChatModel

    def check(sentence):
        report = GroundingReport()
        if "$5" in sentence:
            report.issues.append(Issue("price", "$5", "$5 is not a price of the picks"))
        return report

    def run(retries):
        llm = FakeChatModel(["The Zeta Jacket costs $5. It is great.", "The Nordvik Larch is waterproof."])
        writer = ProseWriter(llm, retries=retries)
        text = "".join(writer.stream(lambda problem, draft: [], check, lambda: "Fallback sentence."))
        return text, writer.result

    text, result = run(0)
    assert (text, result.fallback, result.attempts) == ("Fallback sentence.", True, 1)
    text, result = run(1)   # the default: once more, and the second draft is grounded
    assert (text, result.fallback, result.attempts) == ("The Nordvik Larch is waterproof.", False, 2)
