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
    p.add_argument("--lang", default="en", metavar="CODE",
                   help="language of the demo catalog's text: en (default) or zh (the same products, ids and "
                        "prices, written in Chinese; replaces the indexed demo catalog)")
    p.add_argument("--skip-llm", action="store_true", help="do not prepare the default LLM's safetensors copy")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="show progress bars")
    p.add_argument("--rebuild", action="store_true",
                   help="embed every product again with the configured embedder (after switching embedders)")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser(
        "ingest", help="index your own catalog (CSV, JSON, JSONL, Parquet, a .zip or a folder of them)",
        description="Validate and index a catalog into the data directory. Fields named like the product schema "
                    "(id, title, description, category, brand, price, currency, rating, review_count, attributes, "
                    "stock, image_url) need no mapping; other fields become attributes. Re-running embeds only "
                    "new or changed products; a killed run can simply be run again.",
        epilog="examples:\n  shopguide ingest products.jsonl\n  shopguide ingest --preset icecat ../shared/data/icecat\n"
               "  shopguide ingest shop.csv --map title=name --map brand=maker --price-divisor 100 --prune",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("path", metavar="FILE", help="catalog file, .zip, or folder of catalog files")
    p.add_argument("--preset", help="a shipped column mapping (e.g. icecat)")
    p.add_argument("--mapping", metavar="TOML", help="column mapping file (see retrieval/catalog/mapping.py for the format)")
    p.add_argument("--map", action="append", default=[], metavar="FIELD=SOURCE",
                   help="map a schema field to a source field (repeatable; SOURCE may be a,b for fallbacks)")
    p.add_argument("--price-divisor", type=float, help="divide source prices by this (100 for cents)")
    p.add_argument("--default", action="append", default=[], metavar="FIELD=VALUE",
                   help="value for a schema field the source lacks, e.g. currency=EUR (repeatable)")
    p.add_argument("--ignore", action="append", default=[], metavar="SOURCE",
                   help="source field to leave out instead of keeping it as an attribute (repeatable)")
    p.add_argument("--strict", action="store_true", help="any bad row fails the run; the index is left unchanged")
    p.add_argument("--prune", action="store_true", help="remove indexed products that are not in this catalog")
    p.add_argument("--batch-size", type=int, default=256, help="products embedded and written per batch (default 256)")
    p.add_argument("--show-errors", type=int, default=100, metavar="N",
                   help="print at most N bad rows (default 100; all are counted and, with --errors-out, written)")
    p.add_argument("--errors-out", metavar="FILE", help="write every bad row as JSON lines to FILE")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None, help="show progress bars")
    p.add_argument("--rebuild", action="store_true",
                   help="embed every product again with the configured embedder (after switching embedders)")
    p.set_defaults(func=cmd_ingest)


def cmd_index(args) -> int:
    from assistant.components import build_components
    from retrieval.demo.catalog import write_catalog
    from retrieval.catalog.loader import load_catalog
    from ui.cli_common import settings_from_args
    from ui.progress import progress_factory

    from retrieval.demo.translate import available as demo_languages

    if args.lang not in ("en", *demo_languages()):
        from assistant.errors import InputError

        raise InputError(f"--lang {args.lang!r}: the demo catalog comes in en, {', '.join(demo_languages())}")
    settings = settings_from_args(args)
    _write_demo_config(settings.home)
    suffix = "" if args.lang == "en" else f"-{args.lang}"
    demo = settings.home / "demo" / f"catalog-{args.seed}-{args.products}{suffix}.jsonl"
    if not demo.exists():
        demo.parent.mkdir(parents=True, exist_ok=True)
        write_catalog(demo, seed=args.seed, n=args.products, lang=args.lang)
    loaded = load_catalog(demo)
    components = build_components(settings)
    index, llm = components[0], components[1]
    report = _ingest(index, loaded.products, prune=True, progress=progress_factory(args.progress),
                     rebuild=args.rebuild)
    prepare_catalog(settings, components)
    print(f"indexed demo catalog: {json.dumps(report.to_dict())} in {settings.index_dir}", file=sys.stderr)
    from ui.cli_knowledge import load_demo_knowledge

    print(load_demo_knowledge(settings, index.embedder), file=sys.stderr)
    if not args.skip_llm and settings.llm.backend == "transformers":
        print("preparing the LLM (first time: converting GGUF to safetensors)...", file=sys.stderr)
        llm.warm_up()
    return 0


def _write_demo_config(home) -> None:
    """A data directory without config.toml gets the demo's (sample currency rates); an existing one is kept."""
    from pathlib import Path

    target = Path(home) / "config.toml"
    source = Path(__file__).with_name("demo-config.toml")
    if target.exists() or not source.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {target} (sample currency rates for the demo; edit or delete it)", file=sys.stderr)


def _ingest(index, products, **kwargs):
    """``index.ingest`` with an embedder switch turned into a one-line configuration error."""
    from assistant.errors import ConfigError
    from retrieval.index.catalog_index import EmbedderMismatch

    try:
        return index.ingest(products, **kwargs)
    except EmbedderMismatch as exc:
        raise ConfigError(str(exc)) from None


def prepare_catalog(settings, components) -> None:
    """Build the catalog-derived structures now, so the first query only loads them."""
    from assistant import Assistant

    index, llm, sessions, ranker = components
    Assistant(settings, index, llm, sessions, ranker).prepare_catalog()


def build_mapping(args):
    """The column mapping from --preset/--mapping plus flags (identity when none given)."""
    from retrieval.catalog.mapping import IDENTITY, ColumnMapping, load_preset

    if args.preset and args.mapping:
        from assistant.errors import InputError

        raise InputError("use --preset or --mapping, not both")
    mapping = load_preset(args.preset) if args.preset else (
        ColumnMapping.from_toml(args.mapping) if args.mapping else IDENTITY)
    if args.map or args.default or args.ignore or args.price_divisor is not None:
        mapping = mapping.with_flags(args.map, args.price_divisor, args.default, args.ignore)
    return mapping


def cmd_ingest(args) -> int:
    from assistant.components import build_components
    from assistant.errors import InputError
    from retrieval.catalog.loader import CatalogError, load_catalog
    from retrieval.catalog.mapping import MappingError
    from ui.cli_common import settings_from_args
    from ui.progress import progress_factory

    if args.batch_size < 1:
        raise InputError("--batch-size must be positive")
    settings = settings_from_args(args)
    try:
        loaded = load_catalog(args.path, build_mapping(args))
    except (CatalogError, MappingError) as exc:
        raise InputError(str(exc)) from None
    for error in loaded.errors[: max(args.show_errors, 0)]:
        print(f"bad row: {error}", file=sys.stderr)
    if len(loaded.errors) > args.show_errors:
        print(f"... and {len(loaded.errors) - args.show_errors} more bad rows"
              f"{'' if args.errors_out else ' (use --errors-out FILE to keep them all)'}", file=sys.stderr)
    if args.errors_out:
        with open(args.errors_out, "w", encoding="utf-8") as fh:
            for error in loaded.errors:
                fh.write(json.dumps(error.to_dict(), ensure_ascii=False) + "\n")
    summary = {"file": str(args.path), **loaded.summary()}
    if args.strict and loaded.errors:
        raise InputError(f"{len(loaded.errors)} bad row(s) in {args.path} and --strict is set: nothing was "
                         "changed; fix the rows above or drop --strict to ingest the valid ones")
    if not loaded.products:
        raise InputError(f"no valid products in {args.path}; nothing was changed")
    components = build_components(settings)
    index = components[0]
    report = _ingest(index, loaded.products, prune=args.prune, batch_size=args.batch_size,
                     progress=progress_factory(args.progress), rebuild=args.rebuild)
    prepare_catalog(settings, components)
    report.errors = loaded.errors
    summary.update(report.to_dict())
    summary["indexed_total"] = index.count()
    summary["index"] = str(settings.index_dir)
    print(
        f"ingested {args.path}: {summary['valid']} valid, {summary['invalid']} bad rows; "
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.removed} removed; "
        f"{report.embedded} embedded in {report.seconds:.1f}s; {summary['indexed_total']} products in {settings.index_dir}",
        file=sys.stderr,
    )
    if args.json:
        print(json.dumps(summary))
    return 0
