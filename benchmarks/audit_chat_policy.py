"""Shop-policy claims in chat replies that no cited passage states (the chat path's invented-claim risk).

Replays the product suites' conversations (``eval/suites/portrait``, ``eval/suites/dialogue``) and the
customer-service tuning splits (one fresh conversation per question) through ``Assistant.chat`` (rules,
no LLM reply text: what the chat path writes in code — service answers, product answers, not-carried
replies, comparisons) and runs ``eval.audit``'s claim extraction over every reply. A ``policy`` claim
(returns, refunds, shipping, warranty, "free shipping" …) must occur in a passage the reply cites
(``Reply.sources``) or in the order record an order reply rendered (``Reply.order``): a product row is no evidence for a shop policy, even when its description says so
(planted text). The audit does not use the grounding checker. Reported:

* ``unsupported``: policy claims neither a cited passage nor the customer's own message states — the
  defect this looks for (target 0);
* ``echoed``: policy words only the customer's message states ("does it come with a warranty?" →
  "The catalog doesn't say anything about the warranty of …") — listed, not counted as invented;
* ``service_unsupported``: on the customer-service splits only, what ``eval.service_eval``'s audit counts
  through the chat (policy words, money, numbers, links) that neither a cited passage, the order record nor
  the customer states — a shop question answered from a catalog row ("… the warranty of the Cirrus Pro 28L
  …": "28") shows up here (target 0). The product suites' replies state catalog numbers by design.

Never give it the blind split::

    PYTHONPATH=. python benchmarks/audit_chat_policy.py --data-dir /tmp/home [--suites portrait dialogue]
                                                        [--splits dev … dev27]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.service_eval import TUNING_SPLITS  # noqa: E402

TUNING = TUNING_SPLITS


def policy_claims(reply_text: str, cited: list[str], said: str) -> tuple[list[str], list[str]]:
    """(unsupported, echoed) policy phrases of ``reply_text`` (the "Source: …" citation line is not a claim).

    >>> policy_claims("Returns are free within 30 days.", [], "")
    (['returns'], [])
    >>> policy_claims("The catalog doesn't say anything about the warranty of the X.", [], "does it have a warranty?")
    ([], ['warranty'])
    >>> policy_claims("Returns are accepted within 30 days.", ["Returns are accepted within 30 days."], "")
    ([], [])
    """
    from eval.audit import Evidence, extract_claims

    body = reply_text.split("\n\nSource:")[0]
    passages, customer = Evidence([], " ".join(cited)), Evidence([], said)
    unsupported, echoed = [], []
    for claim in extract_claims(body):
        if claim.kind != "policy" or passages.supports(claim) is None:
            continue
        (echoed if customer.supports(claim) is None else unsupported).append(claim.text)
    return unsupported, echoed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="data directory with the demo catalog and policy indexed")
    parser.add_argument("--suites", nargs="*", default=["portrait", "dialogue"])
    parser.add_argument("--splits", nargs="*", default=list(TUNING), choices=TUNING,
                        help="customer-service tuning splits (never the blind one)")
    args = parser.parse_args(argv)
    from assistant import Assistant
    from assistant.config import load_settings
    from eval.conversations import load_suite
    from eval.service_eval import invented_claims, load_cases

    bot = Assistant.from_config(settings=load_settings(home=args.data_dir))
    totals = {"replies": 0, "replies_with_policy_words": 0, "unsupported": 0, "echoed": 0, "service_unsupported": 0}

    def audit(where: str, sid: str, text: str, service_case: bool = False) -> None:
        reply = bot.chat(text, session_id=sid, reply=False)
        totals["replies"] += 1
        # an order reply's evidence is the shop tool's record it rendered, as the reply JSON carries it
        cited = [s["text"] for s in reply.sources] + ([json.dumps(reply.order)] if reply.order else [])
        unsupported, echoed = policy_claims(reply.text, cited, text)
        totals["replies_with_policy_words"] += bool(unsupported or echoed)
        totals["unsupported"] += len(unsupported)
        totals["echoed"] += len(echoed)
        invented = invented_claims(reply.text, cited, text) if service_case else []
        totals["service_unsupported"] += len(invented)
        if unsupported or echoed or invented:
            print(json.dumps({"where": where, "text": text, "service": reply.service, "unsupported": unsupported,
                              "echoed": echoed, "service_unsupported": invented, "reply": reply.text[:200]}),
                  file=sys.stderr)

    for name in args.suites:
        for conv in load_suite(name).conversations:
            sid = f"audit-{name}-{conv.id}"
            for turn in conv.turns:
                audit(f"{name}/{conv.id}", sid, turn.user)
            bot.delete_session(sid)
    for split in args.splits:
        for case in load_cases(split=split):
            sid = f"audit-{split}-{case.id}"
            audit(f"{split}/{case.id}", sid, case.text, service_case=True)
            bot.delete_session(sid)
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":   # pragma: no cover
    sys.exit(main())
