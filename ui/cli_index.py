"""``shopguide index`` (demo catalog) and ``shopguide ingest FILE`` (your catalog)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("index", help="build the index of the embedded demo catalog (and prepare the default LLM)",
                       description="Generate the demo catalog (deterministic, seeded) and index it into the data "
                                   "directory. Re-running embeds nothing unless the catalog changed.")
    p.add_argument("--seed", type=int, default=7, help="demo catalog seed (default 7)")
    p.add_argument("-n", "--products", type=int, default=1600, help="number of demo products (default 1600)")
    p.add_argument("--skip-llm", action="store_true", help="do not prepare the default LLM's safetensors copy")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="show progress bars")
    p.set_defaults(func=cmd_index)


def cmd_index(args) -> int:
    from assistant.components import build_components
    from retrieval.demo_catalog import write_catalog
    from retrieval.catalog import load_catalog
    from ui.cli import settings_from_args
    from ui.progress import progress_factory

    settings = settings_from_args(args)
    demo = settings.home / "demo" / f"catalog-{args.seed}-{args.products}.jsonl"
    if not demo.exists():
        demo.parent.mkdir(parents=True, exist_ok=True)
        write_catalog(demo, seed=args.seed, n=args.products)
    loaded = load_catalog(demo)
    index, llm, _, _ = build_components(settings)
    report = index.ingest(loaded.products, prune=True, progress=progress_factory(args.progress))
    print(f"indexed demo catalog: {json.dumps(report.to_dict())} in {settings.index_dir}", file=sys.stderr)
    if not args.skip_llm and settings.llm.backend == "transformers":
        print("preparing the LLM (first time: converting GGUF to safetensors)...", file=sys.stderr)
        llm.warm_up()
    return 0
