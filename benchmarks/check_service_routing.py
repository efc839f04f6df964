"""Which product-suite messages the chat path sends to customer service (should be real shop questions only).

Replays every conversation of the portrait and dialogue suites (``eval/suites/portrait``,
``eval/suites/dialogue``) through ``Assistant.chat`` (rules, no reply text) and lists the
user messages answered by the service — a policy answer, an order, a hand-off — with the
gold acts where the suite states them. A product request in this list is a routing defect.

    PYTHONPATH=. python benchmarks/check_service_routing.py --data-dir /tmp/home
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="data directory with the demo catalog and policy indexed")
    parser.add_argument("--suites", nargs="+", default=["portrait", "dialogue"])
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.config import load_settings
    from eval.conversations import load_suite

    bot = Assistant.from_config(settings=load_settings(home=args.data_dir))
    messages, routed = 0, []
    for name in args.suites:
        for conv in load_suite(name).conversations:
            sid = f"route-{name}-{conv.id}"
            for turn in conv.turns:
                reply = bot.chat(turn.user, session_id=sid, reply=False)
                messages += 1
                if reply.service:
                    gold = [getattr(a, "type", a) for a in (turn.expect.acts or ())]
                    routed.append({"suite": name, "conversation": conv.id, "text": turn.user,
                                   "service": reply.service, "gold_acts": [str(g) for g in gold]})
            bot.delete_session(sid)
    for row in routed:
        print(json.dumps(row), file=sys.stderr)
    print(json.dumps({"messages": messages, "routed_to_service": len(routed)}))
    return 0


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
