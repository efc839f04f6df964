"""How long the local model stays busy after the portrait LLM's deadline: cancelled vs abandoned.

The portrait fill (``assistant.portrait.llm_fill``) gives the LLM a time budget. When the
budget runs out it now sets the ``ChatModel``'s ``cancel`` event, which the transformers
backend checks after every token; before, it stopped waiting but the generation went on
holding the model lock, and the guide's prose for the same turn waited behind it.

For each trial the fill runs with a budget short enough to time out (``--deadline``), then
the script measures how long after ``extract`` returned the model lock becomes free:

- ``cancelled``: the real backend (cancel honoured);
- ``abandoned``: the same model behind a wrapper that drops ``cancel`` (the old behaviour).

    .venv/bin/python benchmarks/bench_cancel.py                   # $SHOPGUIDE_HOME or ./.shopguide
    .venv/bin/python benchmarks/bench_cancel.py --deadline 0.5 --max-new-tokens 60 --trials 2

On a loaded 2-core box both numbers grow with the load; the ratio between them is the point.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from common import default_source, pct, private_home

MESSAGE = "something special for my bestie who just moved into her first flat"


class IgnoresCancel:
    """The old behaviour: the generation runs to ``max_new_tokens`` whoever still waits."""

    def __init__(self, model) -> None:
        self.model, self.name = model, model.name

    def generate(self, messages, max_new_tokens=160, cancel=None):
        return self.model.generate(messages, max_new_tokens=max_new_tokens)


def lock_free_after(model, llm) -> tuple[float, float]:
    """(seconds extract took, seconds after it returned until the model lock was free)."""
    t0 = time.perf_counter()
    llm.extract(MESSAGE)
    returned = time.perf_counter()
    with model._gen_lock:          # waits for a generation still running
        free = time.perf_counter()
    return returned - t0, free - returned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", default=str(default_source()), help="data directory with converted models")
    parser.add_argument("--deadline", type=float, default=0.5, help="the fill's time budget in seconds")
    parser.add_argument("--max-new-tokens", type=int, default=60)
    parser.add_argument("--trials", type=int, default=2)
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()

    from assistant.llm.local import TransformersChatModel
    from assistant.portrait.llm_fill import PortraitLLM

    home = private_home(args.home)
    model = TransformersChatModel(cache_dir=home / "models", device="cpu", threads=args.threads)
    model.warm_up()
    from assistant.llm.base import user

    model.generate([user("warm up")], max_new_tokens=4)   # first-call kernel costs stay out of the trials
    out: dict[str, dict] = {}
    for label, wrapped in (("cancelled", model), ("abandoned", IgnoresCancel(model))):
        took, held = [], []
        for _ in range(args.trials):
            llm = PortraitLLM(wrapped, max_new_tokens=args.max_new_tokens, time_budget_s=args.deadline, retries=0)
            llm.cancel_grace_s = 0.0       # measure the lock, not the fill's grace wait
            a, b = lock_free_after(model, llm)
            print(f"{label}: extract {a:.2f} s, lock held {b:.2f} s after it returned", file=sys.stderr, flush=True)
            took.append(a)
            held.append(b)
        out[label] = {"extract_s_p50": round(pct(took, 50), 2),
                      "lock_held_after_deadline_s_p50": round(pct(held, 50), 2),
                      "lock_held_after_deadline_s_max": round(max(held), 2)}
    print(json.dumps({"llm": model.name, "deadline_s": args.deadline, "max_new_tokens": args.max_new_tokens,
                      "trials": args.trials, **out}, indent=2))


if __name__ == "__main__":
    main()
