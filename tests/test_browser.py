"""The UI in a real browser: ``shopguide serve`` on loopback, driven in headless Debian Chromium.

The server runs the fake LLM and fake embedder over a small demo catalog (plus one product
whose title and brand are HTML/script), so the test is about the page, not the models.
Chromium is Debian's (``apt-get install chromium``; ``scripts/test.sh`` installs it in CI),
driven by playwright through ``executable_path`` — playwright's own browser download is
never used. Screenshots go to ``test-output/`` (desktop and phone width).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
XSS_TITLE = "<script>window.__sg_xss=1</script>Stormline Waterproof Hiking Jacket"
XSS_BRAND = '<img src=x onerror="window.__sg_xss=2">Stormline'


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("needs Debian's chromium (apt-get install chromium; scripts/test.sh installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float, proc: subprocess.Popen) -> None:
    import httpx

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def wait_for(page, expression: str, timeout: float = 30, what: str = ""):
    """Poll a JavaScript expression (it may return a promise) until it is truthy; its value."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.25)
    raise TimeoutError(f"timed out waiting for {what or expression}")


def screenshot(page, path: Path, full_page_width: int | None = None) -> Path:
    """PNG of the viewport; with ``full_page_width`` the viewport first grows to the page's height.

    (Playwright's ``full_page`` measures the document, but Gradio scrolls inside its container.)
    """
    if full_page_width:
        height = page.evaluate("Math.max(document.documentElement.scrollHeight, document.body.scrollHeight, "
                               "...[...document.querySelectorAll('.gradio-container, main')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": full_page_width, "height": int(height) + 40})
        page.wait_for_timeout(800)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


@pytest.fixture
def server(tmp_path):
    from retrieval.demo.catalog import generate_catalog

    home = tmp_path / "home"
    products = generate_catalog(seed=7, n=240)
    jacket = dict(next(p for p in products if p["category"] == "Outdoor & Hiking > Jackets"))
    jacket.update(id="XSS-1", title=XSS_TITLE, brand=XSS_BRAND, price=59.0, stock=9, rating=4.9, review_count=999,
                  attributes={**jacket["attributes"], "features": ["<b>bold</b>", "waterproof", "breathable"]})
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("".join(json.dumps(p) + "\n" for p in [*products, jacket]))
    env = {**os.environ, "SHOPGUIDE_HOME": str(home), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           "GRADIO_ANALYTICS_ENABLED": "False"}
    base = [sys.executable, "-m", "ui.cli", "--llm", "fake", "--embedder", "fake"]
    subprocess.run([*base, "ingest", str(catalog)], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    proc = subprocess.Popen([*base, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_http(f"http://127.0.0.1:{port}/readyz", 120, proc)
        yield f"http://127.0.0.1:{port}", home
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def browser():
    """A page in Debian's headless chromium, driven by playwright (no browser download)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright: pip install -e '.[dev]'")
    exe = _chromium()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_FLAGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 1000}, device_scale_factor=1)
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            yield page
        finally:
            context.close()
            chromium.close()


def _send(page, text: str) -> None:
    page.wait_for_selector("#sg-input textarea", timeout=60_000)
    page.fill("#sg-input textarea", text)
    page.click("#sg-send")


def test_chat_shows_escaped_product_cards_and_records_feedback(server, browser):
    url, home = server
    browser.goto(f"{url}/ui/")
    _send(browser, "I need a waterproof hiking jacket under $150")
    count = wait_for(browser, "document.querySelectorAll('#sg-cards .sg-card').length", 60, "product cards")
    assert count >= 1
    wait_for(browser, "document.querySelector('#sg-chat') && "
                     "document.querySelector('#sg-chat').innerText.includes('What I understood')"
                     " || document.querySelector('#sg-chat').innerText.includes('picks')", 30, "the streamed reply")

    # catalog HTML is shown as text and never runs
    titles = browser.evaluate("[...document.querySelectorAll('#sg-cards .sg-title')].map(e => e.textContent)")
    assert any(XSS_TITLE in t for t in titles), titles
    assert browser.evaluate("document.querySelectorAll('#sg-cards script, #sg-cards img[src=x], #sg-cards b').length") == 0
    chips = browser.evaluate("[...document.querySelectorAll('#sg-cards .sg-chip')].map(e => e.textContent)")
    assert "<b>bold</b>" in chips
    assert browser.evaluate("window.__sg_xss === undefined")
    assert browser.evaluate("document.querySelector('#sg-chat').querySelectorAll('script').length") == 0
    prices = browser.evaluate("[...document.querySelectorAll('#sg-cards .sg-card:not(:has(.sg-violates)) .sg-price')]"
                        ".map(e => parseFloat(e.textContent.replace(/[^0-9.]/g, '')))")
    assert prices and all(p <= 150 for p in prices)
    # the portrait panel shows the budget the assistant understood
    budget = wait_for(browser, "[...document.querySelectorAll('#sg-portrait input')].map(i => i.value).join('|')"
                              ".includes('150') && 'ok'", 20, "the portrait panel")
    assert budget == "ok"
    shot = screenshot(browser, OUTPUT / "browser-desktop.png", full_page_width=1280)

    # 👍 on the first card is recorded as feedback for this session
    browser.click("#sg-cards .sg-card .sg-fb-thumbs_up")
    status = wait_for(browser, "document.querySelector('#sg-cards .sg-card .sg-status').textContent"
                              ".replace('…', '')", 30, "the feedback status")
    assert status == "thanks!"
    from assistant.sessions import SessionStore

    store = SessionStore(home / "sessions.sqlite")
    first_id = browser.evaluate("document.querySelector('#sg-cards .sg-card').dataset.productId")
    assert any(f["product_id"] == first_id and f["event"] == "thumbs_up" and f["position"] == 1
               for f in store.feedback())
    # the portrait panel is editable (budget max → 60) and clearable, stored for this session
    session_id = browser.evaluate("document.querySelector('#sg-cards .sg-card').dataset.sessionId")
    browser.evaluate("(() => { const box = [...document.querySelectorAll('#sg-portrait label')]"
               ".find(l => l.textContent.includes('Budget max')).closest('.block').querySelector('input');"
               " box.focus(); box.select(); })()")
    browser.keyboard.insert_text("60")
    browser.click("#sg-save-portrait")
    wait_for(browser, f"fetch('{url}/v1/sessions/{session_id}/portrait').then(r => r.json())"
                     ".then(p => p.budget && p.budget.max === 60)", 20, "the saved portrait")
    assert store.load_portrait(session_id).budget_max == 60
    browser.click("#sg-clear-portrait")
    wait_for(browser, f"fetch('{url}/v1/sessions/{session_id}/portrait').then(r => r.json())"
                     ".then(p => p.budget.max === null && !p.needs)", 20, "the cleared portrait")
    store.close()

    # phone width: the cards stack in one column and nothing overflows sideways (a phone's own
    # context: 390 px viewport, 2x pixels, touch — playwright sets these per context, not per page)
    phone_context = browser.context.browser.new_context(viewport={"width": 390, "height": 844},
                                                        device_scale_factor=2, is_mobile=True, has_touch=True)
    browser = phone_context.new_page()
    browser.goto(f"{url}/ui/")
    _send(browser, "I need a waterproof hiking jacket under $150")
    wait_for(browser, "document.querySelectorAll('#sg-cards .sg-card').length", 60, "product cards on the phone")
    browser.wait_for_timeout(1000)
    screenshot(browser, OUTPUT / "browser-phone-top.png")
    browser.evaluate("document.querySelector('#sg-cards').scrollIntoView()")
    browser.wait_for_timeout(500)
    widths = browser.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 2, widths
    columns = browser.evaluate("getComputedStyle(document.querySelector('#sg-cards .sg-cards'))"
                         ".gridTemplateColumns.split(' ').length")
    assert columns == 1
    assert browser.evaluate("window.__sg_xss === undefined")
    phone = screenshot(browser, OUTPUT / "browser-phone.png")
    phone_context.close()
    assert shot.stat().st_size > 10_000 and phone.stat().st_size > 10_000
