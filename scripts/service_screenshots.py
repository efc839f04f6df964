"""Screenshots of the customer-service questions in the real UI (default models), for the issue note.

    SHOPGUIDE_HOME=/tmp/home PYTHONPATH=. python scripts/service_screenshots.py OUT_DIR

Starts ``shopguide serve`` on loopback over the data directory (``shopguide index`` run, so
the demo policy and orders are loaded), asks each question in a fresh conversation in
headless Debian chromium and saves ``OUT_DIR/service-N.png`` plus the reply texts as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_server import serve  # noqa: E402

QUESTIONS = ["what's your return policy?", "can I return it if it doesn't fit?", "where is my order 10042?",
             "where is my order?", "I want to speak to someone"]


def main(out: Path) -> int:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    replies = []
    with serve() as url:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.set_default_timeout(120_000)
            for i, question in enumerate(QUESTIONS, 1):
                page.goto(f"{url}/ui/")
                page.wait_for_selector("#sg-input textarea")
                page.fill("#sg-input textarea", question)
                page.click("#sg-send")
                page.wait_for_function("document.querySelectorAll('#sg-chat .message').length >= 2 && "
                                       "!document.querySelector('#sg-chat .pending')", timeout=120_000)
                page.wait_for_timeout(1500)
                page.screenshot(path=str(out / f"service-{i}.png"))
                text = page.evaluate("[...document.querySelectorAll('#sg-chat .message')].map(m => m.innerText)")
                replies.append({"question": question, "chat": text})
            browser.close()
    (out / "service-replies.json").write_text(json.dumps(replies, indent=1))
    print(json.dumps(replies, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "test-output")))
