"""The UI in a real browser: ``shopguide serve`` on loopback, driven in headless Debian Chromium.

The server runs the fake LLM and fake embedder over a small demo catalog (plus one product
whose title and brand are HTML/script), so the test is about the page, not the models.
Chromium is driven through the DevTools protocol over a WebSocket (``websockets``, which
Gradio already depends on). Screenshots go to ``test-output/`` (desktop and phone width).
"""

from __future__ import annotations

import base64
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
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
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


class CDP:
    """A minimal Chrome DevTools Protocol client for one page."""

    def __init__(self, ws_url: str) -> None:
        from websockets.sync.client import connect

        self.ws = connect(ws_url, max_size=64 * 1024 * 1024, open_timeout=20)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=60))
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg["result"]

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30, what: str = ""):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.25)
        raise TimeoutError(f"timed out waiting for {what or expression}")

    def screenshot(self, path: Path, full_page_width: int | None = None) -> Path:
        """PNG of the viewport; with ``full_page_width`` the viewport first grows to the page's height."""
        if full_page_width:
            height = self.js("Math.max(document.documentElement.scrollHeight, document.body.scrollHeight, "
                             "...[...document.querySelectorAll('.gradio-container, main')].map(e => e.scrollHeight))")
            self.call("Emulation.setDeviceMetricsOverride", width=full_page_width, height=int(height) + 40,
                      deviceScaleFactor=1, mobile=False)
            time.sleep(0.8)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self.ws.close()


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
def browser(tmp_path):
    pytest.importorskip("websockets.sync.client", reason="needs the websockets package (a gradio dependency)")
    import httpx

    exe = _chromium()
    profile = tmp_path / "chromium-profile"
    proc = subprocess.Popen([exe, *CHROMIUM_FLAGS, "--remote-debugging-port=0", f"--user-data-dir={profile}",
                             "--window-size=1280,1000", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.time() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.time() > deadline or proc.poll() is not None:
                pytest.fail(f"chromium did not start (exit code {proc.poll()})")
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        pages = [t for t in httpx.get(f"http://127.0.0.1:{port}/json", timeout=10).json() if t["type"] == "page"]
        cdp = CDP(pages[0]["webSocketDebuggerUrl"])
        cdp.call("Page.enable")
        cdp.call("Runtime.enable")
        yield cdp
        cdp.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _send(cdp: CDP, text: str) -> None:
    cdp.wait_for("!!document.querySelector('#sg-input textarea')", 60, "the message box")
    cdp.js("document.querySelector('#sg-input textarea').focus()")
    cdp.call("Input.insertText", text=text)
    cdp.js("document.querySelector('#sg-send').click()")


def test_chat_shows_escaped_product_cards_and_records_feedback(server, browser):
    url, home = server
    browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=1000, deviceScaleFactor=1, mobile=False)
    browser.call("Page.navigate", url=f"{url}/ui/")
    _send(browser, "I need a waterproof hiking jacket under $150")
    count = browser.wait_for("document.querySelectorAll('#sg-cards .sg-card').length", 60, "product cards")
    assert count >= 1
    browser.wait_for("document.querySelector('#sg-chat') && "
                     "document.querySelector('#sg-chat').innerText.includes('What I understood')"
                     " || document.querySelector('#sg-chat').innerText.includes('picks')", 30, "the streamed reply")

    # catalog HTML is shown as text and never runs
    titles = browser.js("[...document.querySelectorAll('#sg-cards .sg-title')].map(e => e.textContent)")
    assert any(XSS_TITLE in t for t in titles), titles
    assert browser.js("document.querySelectorAll('#sg-cards script, #sg-cards img[src=x], #sg-cards b').length") == 0
    chips = browser.js("[...document.querySelectorAll('#sg-cards .sg-chip')].map(e => e.textContent)")
    assert "<b>bold</b>" in chips
    assert browser.js("window.__sg_xss === undefined")
    assert browser.js("document.querySelector('#sg-chat').querySelectorAll('script').length") == 0
    prices = browser.js("[...document.querySelectorAll('#sg-cards .sg-card:not(:has(.sg-violates)) .sg-price')]"
                        ".map(e => parseFloat(e.textContent.replace(/[^0-9.]/g, '')))")
    assert prices and all(p <= 150 for p in prices)
    # the portrait panel shows the budget the assistant understood
    budget = browser.wait_for("[...document.querySelectorAll('#sg-portrait input')].map(i => i.value).join('|')"
                              ".includes('150') && 'ok'", 20, "the portrait panel")
    assert budget == "ok"
    shot = browser.screenshot(OUTPUT / "browser-desktop.png", full_page_width=1280)

    # 👍 on the first card is recorded as feedback for this session
    browser.js("document.querySelector('#sg-cards .sg-card .sg-fb-thumbs_up').click()")
    status = browser.wait_for("document.querySelector('#sg-cards .sg-card .sg-status').textContent"
                              ".replace('…', '')", 30, "the feedback status")
    assert status == "thanks!"
    from assistant.sessions import SessionStore

    store = SessionStore(home / "sessions.sqlite")
    first_id = browser.js("document.querySelector('#sg-cards .sg-card').dataset.productId")
    assert any(f["product_id"] == first_id and f["event"] == "thumbs_up" and f["position"] == 1
               for f in store.feedback())
    # the portrait panel is editable (budget max → 60) and clearable, stored for this session
    session_id = browser.js("document.querySelector('#sg-cards .sg-card').dataset.sessionId")
    browser.js("(() => { const box = [...document.querySelectorAll('#sg-portrait label')]"
               ".find(l => l.textContent.includes('Budget max')).closest('.block').querySelector('input');"
               " box.focus(); box.select(); })()")
    browser.call("Input.insertText", text="60")
    browser.js("document.querySelector('#sg-save-portrait').click()")
    browser.wait_for(f"fetch('{url}/v1/sessions/{session_id}/portrait').then(r => r.json())"
                     ".then(p => p.budget && p.budget.max === 60)", 20, "the saved portrait")
    assert store.load_portrait(session_id).budget_max == 60
    browser.js("document.querySelector('#sg-clear-portrait').click()")
    browser.wait_for(f"fetch('{url}/v1/sessions/{session_id}/portrait').then(r => r.json())"
                     ".then(p => p.budget.max === null && !p.needs)", 20, "the cleared portrait")
    store.close()

    # phone width: the cards stack in one column and nothing overflows sideways
    browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
    time.sleep(1.0)
    browser.screenshot(OUTPUT / "browser-phone-top.png")
    browser.js("document.querySelector('#sg-cards').scrollIntoView()")
    time.sleep(0.5)
    widths = browser.js("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 2, widths
    columns = browser.js("getComputedStyle(document.querySelector('#sg-cards .sg-cards'))"
                         ".gridTemplateColumns.split(' ').length")
    assert columns == 1
    phone = browser.screenshot(OUTPUT / "browser-phone.png")
    assert shot.stat().st_size > 10_000 and phone.stat().st_size > 10_000
