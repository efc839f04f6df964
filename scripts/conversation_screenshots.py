"""Screenshots of issue 13's conversations in the real UI (default models), for the issue note.

    SHOPGUIDE_HOME=/tmp/home PYTHONPATH=. python scripts/conversation_screenshots.py OUT_DIR [NAME ...]

Starts ``shopguide serve`` on loopback over the data directory (``shopguide index`` run), plays
each conversation in a fresh page of headless Debian chromium, one message at a time, and saves
``OUT_DIR/<conversation>-<turn>.png`` after every reply, plus the chat text, the product cards
and the portrait panel after each turn as ``OUT_DIR/conversations.json``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_server import serve  # noqa: E402

CONVERSATIONS = {
    "jacket": ["a waterproof hiking jacket under $150 for my wife, she likes bright colours",
               "does the second one come in blue?", "is it machine washable?",
               "what about the second one, is it good for rain?", "do you have a 4K TV?", "cheaper",
               "can I return it if it doesn't fit?"],
    "greeting": ["hi", "something for my dad", "he likes cooking"],
    "toy": ["a board game for family night", "is the first one suitable for a 10 year old?",
            "compare the first two"],
    "tent": ["a tent for 2 people", "the second one but cheaper", "which is lighter?"],
    "jigsaw": ["a jigsaw for my granddaughter, she just started seventh grade", "is the first one right for her age?"],
    "hoodie": ["a cosy hoodie for my girlfriend, and is standard shipping free?",
               "is the first one wool? and thanks for being patient with me",
               "cheapest tennis racket you sell for a total beginner"],
    "yoga": ["my current yoga mat is about 4mm and my knees are not happy, i want something thicker",
             "is the first one thicker than 4mm? and how long does delivery take"],
    "bench": ["a flat weight bench for my garage",
              "i'm 90 kilos and put about 100 on the bar, will the first one take that?",
              "frame material on it? quickly", "cheers for that. next on the list, a kettlebell"],
    "night": ["a board game for family night",
              "is the first one, the one for $5, ok for 6 players? there are six of us",
              "also need a wide-brimmed sun hat while i'm here", "what wattage is the nexora cadence speaker",
              "how does one pay on here?"],
    "halls": ["a duvet cover set for my room in halls",
              "will the first one fit a single bed? that's all halls give you",
              "random but any hair straighteners on here?", "is the clarity shampoo by verdane ok for oily hair?",
              "ah gutted. cheers anyway, do you lot do student discount?"],
    "spare": ["sheets for the spare room please", "would the brightwell meadow lite sheets go on a double bed?",
              "got anything similar that's cheaper?", "is the maison verde clarity hair oil any good for curly hair?",
              "can i pick it up in store instead of having it posted?"],
    "rain": ["a waterproof jacket for hill walking please",
             "on the alpenlite cascade breathable rain jacket what hydrostatic head have they given it? "
             "scottish weather",
             "kya yeh seam sealed hai? pichli jacket se paani aa gaya tha",
             "also a soft toy for my sister's brand new baby",
             "is the marbleworks sunny stuffed animal ok from day one?"],
    "speaker": ["marhaba! registered blind, i do most things by voice. want a speaker i can talk to for my timers",
                "the nexora sonata smart speaker, will it answer me if i speak to it, like an assistant?",
                "they bagged out after two washes. need men's jeans that keep their shape",
                "the hollis & wren ellis stretch jeans, are they stretchy or nah? the last pair ripped at the knee",
                "lowkey none of these are it, show me more"],
    "typos": ["need runing shoes for wet roads, peple say cushioned ones are beter for long runs",
              "out of the frist two wich one grips beter on wet pavment",
              "the alpenlite swift, spec sheet says 280 g, confirm?",
              "pull up a few more, my coach is picky",
              "lovely, thanks, i'll think about it"],
}
CARDS = "[...document.querySelectorAll('#sg-cards .sg-title')].map(e => e.textContent)"
PORTRAIT = ("[...document.querySelectorAll('.sg-pfield')].map(e => [e.querySelector('label span, span')?.textContent, "
            "(e.querySelector('input, textarea')||{}).value]).filter(p => p[1])")


def _wait_settled(page, messages: int, timeout: float = 240) -> None:
    """Until the chat holds ``messages`` messages and the last one has stopped changing for 4 s."""
    probe = ("[document.querySelectorAll('#sg-chat .message').length, "
             "([...document.querySelectorAll('#sg-chat .message')].slice(-1)[0] || {}).innerText || '', "
             "!!document.querySelector('#sg-chat .sg-typing, #sg-chat .pending, #sg-chat .generating')]")
    deadline, last, steady = time.time() + timeout, None, 0
    while time.time() < deadline:
        count, text, busy = page.evaluate(probe)
        steady = steady + 1 if (count >= messages and not busy and text == last) else 0
        if steady >= 4:
            return
        last = text
        time.sleep(1)
    raise TimeoutError(f"the reply did not settle within {timeout} s")


def main(out: Path, only: tuple[str, ...] = ()) -> int:
    """Every conversation (or only those named after OUT_DIR: ``… OUT_DIR jigsaw tent``)."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    log: dict[str, list[dict]] = {}
    with serve() as url:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            for name, turns in CONVERSATIONS.items():
                if only and name not in only:
                    continue
                page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
                page.set_default_timeout(180_000)
                page.goto(f"{url}/ui/")
                page.wait_for_selector("#sg-input textarea")
                log[name] = []
                for i, message in enumerate(turns, 1):
                    before = page.evaluate("document.querySelectorAll('#sg-chat .message').length")
                    page.fill("#sg-input textarea", message)
                    page.click("#sg-send")
                    _wait_settled(page, before + 2)
                    page.screenshot(path=str(out / f"{name}-{i}.png"))
                    reply = page.evaluate("[...document.querySelectorAll('#sg-chat .message')].slice(-1)[0].innerText")
                    log[name].append({"user": message, "reply": reply, "cards": page.evaluate(CARDS),
                                      "portrait": page.evaluate(PORTRAIT)})
                page.context.close()
            browser.close()
    (out / "conversations.json").write_text(json.dumps(log, indent=1, ensure_ascii=False))
    print(json.dumps(log, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "test-output"), tuple(sys.argv[2:])))
