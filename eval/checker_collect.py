"""Collect real guide-prose sentences and the checker's verdict on each, for labelling.

The checker (``assistant.grounding.check``) sees every sentence the model drafts, kept
or rejected, but only the kept ones survive in a ``Reply``. To estimate the checker we
need the rejected ones too, so this script runs scripted conversations through an
assistant whose ``_check`` records each call: the sentence, the products it was checked
against, the portrait and the shopper's message (everything ``eval.checker_eval`` needs
to re-run the checker), and the verdict at collection time. ``--drafts`` is cheaper per
sentence: one plain generation per turn, split into sentences, every sentence checked
(including ones the prose writer would never reach after a rejection); records say which
``mode`` produced them. The output is *unlabelled*
JSONL; a person reads each sentence and writes ``eval/suites/checker/labelled.yaml``.

    python -m eval.checker_collect --home /tmp/copy-of-.shopguide --out /tmp/drafts.jsonl --sentences 200
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from eval.conversations import SUITES_DIR, load_suite


def _recording_assistant(home: str, sessions_path: str, sink):
    from assistant import Assistant
    from assistant.components import build_components
    from assistant.config import load_settings
    from assistant.sessions import SessionStore

    class Recording(Assistant):
        def _check(self, text, matches, portrait, request):
            report = super()._check(text, matches, portrait, request)
            sink({"mode": self.mode, "sentence": text, "product_ids": [s.product.id for s in matches],
                  "portrait": portrait.to_json(), "request": request,
                  "checker_ok": report.ok, "issues": report.messages()})
            return report

    settings = load_settings(home=home)
    index, llm, _, ranker = build_components(settings)
    bot = Recording(settings, index, llm, SessionStore(sessions_path), ranker)
    bot.mode = "writer"
    bot._portrait_llm = None   # rules only for the portrait: the guide prose is what we sample
    return bot


def _draft_turn(bot, session: str, text: str) -> None:
    """Plan the turn as the assistant does, generate one draft, check each of its sentences."""
    import re

    from assistant.guide.prompt import build_messages

    plan = bot.plan(session, text)
    bot._apply_honesty(plan)
    bot.sessions.add_turn(session, plan.turn, text, "", [s.product.id for s in plan.shown])
    matches = [s for s in plan.shown if not s.violates]
    if not matches:
        return
    draft = bot.llm.generate(build_messages(text, plan.portrait, [s.product for s in matches]), max_new_tokens=90)
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", draft.strip()):
        if len(sentence.strip()) > 3 and sentence.strip()[-1] in ".!?":   # a cut-off tail is not a sentence
            bot._check(sentence.strip(), matches, plan.portrait, text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", required=True, help="a COPY of the data dir (demo index + SmolLM2)")
    ap.add_argument("--out", required=True, help="JSONL file to append to")
    ap.add_argument("--sentences", type=int, default=200, help="stop after this many checked sentences")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--drafts", action="store_true", help="one plain generation per turn, every sentence checked")
    ap.add_argument("--skip", type=int, default=0, help="skip the first N shuffled conversations")
    args = ap.parse_args(argv)
    convs = []
    for name in ("smoke", "portrait"):
        convs += load_suite(SUITES_DIR / name).conversations
    random.Random(args.seed).shuffle(convs)
    count = 0
    out = Path(args.out).open("a", encoding="utf-8")

    def sink(record):
        nonlocal count
        count += 1
        out.write(json.dumps(record) + "\n")
        out.flush()

    with tempfile.TemporaryDirectory(prefix="shopguide-collect-") as tmp:
        bot = _recording_assistant(args.home, f"{tmp}/sessions.sqlite", sink)
        bot.warm_up()
        bot.mode = "drafts" if args.drafts else "writer"
        for conv in convs[args.skip:]:
            session = bot.new_session()
            for turn in conv.turns:
                if args.drafts:
                    _draft_turn(bot, session, turn.user)
                else:
                    bot.chat(turn.user, session_id=session)
                print(f"{conv.id}: {count} sentences", file=sys.stderr)
            if count >= args.sentences:
                break
        bot.sessions.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
