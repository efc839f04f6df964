"""Issue 13 item 8 in a real browser: empty budgets stay empty through Save, and the comparison
table keeps a readable label column (headless Chromium; fixtures from tests/test_browser.py)."""

from __future__ import annotations

import re
import time

from tests.test_browser import OUTPUT, _send, browser, screenshot, server, wait_for  # noqa: F401  (fixtures)

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FIELDS = ("[...document.querySelectorAll('.sg-pfield')].map(e => [e.textContent.trim(), "
          "(e.querySelector('input, textarea') || {}).value])")


def test_budget_fields_and_comparison_table(server, browser):  # noqa: F811
    url, _ = server
    browser.set_viewport_size({"width": 1280, "height": 1000})
    browser.goto(f"{url}/ui/")
    _send(browser, "a non slip yoga mat")
    wait_for(browser, "document.querySelectorAll('#sg-cards .sg-card').length", 60, "product cards")
    time.sleep(1.5)
    budgets = [v for label, v in browser.evaluate(FIELDS) if label.startswith("Budget")]
    assert budgets == ["", ""], budgets                       # not "0"
    browser.evaluate("(() => { const f = [...document.querySelectorAll('.sg-pfield')]"
               ".find(e => e.textContent.includes('Features wanted'));"
               " const t = f.querySelector('textarea, input'); t.focus(); t.select(); })()")
    browser.keyboard.insert_text("non-slip")
    browser.evaluate("document.querySelector('#sg-save-portrait').click()")
    time.sleep(2)
    budgets = [v for label, v in browser.evaluate(FIELDS) if label.startswith("Budget")]
    assert budgets == ["", ""], budgets                       # Save did not turn them into $0–$0
    _send(browser, "show me")
    time.sleep(3)
    assert browser.evaluate("document.querySelectorAll('#sg-cards .sg-violates').length") == 0

    _send(browser, "compare the first two")
    wait_for(browser, "!!document.querySelector('#sg-chat table')", 60, "the comparison table")
    time.sleep(1)
    for width in (1280, 390):     # desktop, then a phone-width viewport
        browser.set_viewport_size({"width": width, "height": 900})
        time.sleep(1)
        widths = browser.evaluate("[...document.querySelectorAll('#sg-chat table tr > :first-child')]"
                            ".map(e => e.getBoundingClientRect().width)")
        assert widths and min(widths) >= 60, widths           # was one letter per line
        screenshot(browser, OUTPUT / f"compare-table-{width}.png")


def test_likes_show_as_likes_not_wanted_features(server, browser):  # noqa: F811
    """Issue 13 (conv4): "she likes bright colours" is a like in the portrait panel, not a wanted feature."""
    url, _home = server
    browser.goto(f"{url}/ui/")
    _send(browser, "a gift for my daughter, she likes bright colours")
    wait_for(browser, "[...document.querySelectorAll('.sg-pfield')].some(e => e.textContent.includes('Likes')"
                      " && (e.querySelector('input, textarea') || {}).value)", 60, "the likes field")
    time.sleep(1.5)
    # a label may still carry Gradio's progress timer ("0.1s Likes (soft)")
    fields = {re.sub(r"^[\d.]+s\s+", "", label): value for label, value in browser.evaluate(FIELDS)}
    assert "bright colours" in fields["Likes (soft)"], fields
    assert fields["Features wanted"] == "", fields
    screenshot(browser, OUTPUT / "portrait-likes.png", full_page_width=1280)
