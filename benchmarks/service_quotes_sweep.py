"""The learned quote choice (``[service] learned_quotes``) off and on, over every customer-service tuning split,
asked directly and through ``Assistant.chat``, and the product suites' messages the chat routes to the service.

One process, one model load: the same numbers as ``python -m eval.service_eval --split devN
[--through-assistant] --learned-quotes off|on`` run 44 times. The chooser acts only inside the service's policy
answer, after routing, so the product messages routed to the service should not change; this counts them.
Never give it the blind split::

    PYTHONPATH=. python benchmarks/service_quotes_sweep.py --data-dir /tmp/home [--splits dev … dev27]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.service_eval import TUNING_SPLITS  # noqa: E402

TUNING = TUNING_SPLITS
KEYS = ("answer_accuracy", "handoff_recall", "handoff_precision", "invented_policy_claims")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="data directory with the demo catalog and policy indexed")
    parser.add_argument("--splits", nargs="*", default=list(TUNING), choices=TUNING)
    parser.add_argument("--suites", nargs="*", default=["portrait", "dialogue"], help="product suites")
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.config import load_settings
    from eval.conversations import load_suite
    from eval.service_eval import AssistantAsService, ServiceEvaluator, load_cases

    bot = Assistant.from_config(settings=load_settings(home=args.data_dir))
    service = bot.customer_service
    cases = {s: load_cases(split=s) for s in args.splits}
    rows = []
    for split in args.splits:
        line = {"split": split, "n": len(cases[split])}
        for side, quoter in (("off", None), ("on", False)):   # False: the shipped chooser, loaded on first use
            service.quoter = quoter
            line[f"direct_{side}"] = ServiceEvaluator(cases[split])(service)
            service.quoter = quoter
            line[f"chat_{side}"] = ServiceEvaluator(cases[split])(AssistantAsService(bot))
        assert service.quoter is not None, "the shipped chooser did not load for this embedder and knowledge"
        rows.append(line)
        print(json.dumps(line), flush=True)
    routed = {}
    for side, quoter in (("off", None), ("on", False)):
        service.quoter = quoter
        turns = to_service = 0
        for name in args.suites:
            for conv in load_suite(name).conversations:
                sid = f"sweep-{side}-{name}-{conv.id}"
                for turn in conv.turns:
                    turns += 1
                    to_service += bool(bot.chat(turn.user, session_id=sid, reply=False).service)
                bot.delete_session(sid)
        routed[side] = {"product_turns": turns, "answered_by_service": to_service}
    print(json.dumps({"product_messages": routed}), flush=True)
    print("| split | n | direct off: acc / h-recall / h-precision / invented | direct on | chat off | chat on |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['split']} | {r['n']} | " + " | ".join(" / ".join(f"{r[c][k]:.3f}" for k in KEYS)
                                                    for c in ("direct_off", "direct_on", "chat_off", "chat_on")) + " |")
    return 0


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
