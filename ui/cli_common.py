"""What every ``shopguide`` command shares: settings from the global flags."""

from __future__ import annotations

import argparse


def settings_from_args(args: argparse.Namespace):
    from assistant.config import load_settings

    overrides = {
        "embedder": args.embedder,
        "llm.backend": args.llm,
        "llm.model": args.llm_model,
        "llm.base_url": args.llm_url,
    }
    return load_settings(home=args.data_dir, overrides=overrides)
