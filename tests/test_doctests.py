"""The examples in docstrings run, in every module of every package, so they cannot drift.

Modules are discovered with ``pkgutil.walk_packages`` (not listed by hand); the ones
whose source has a ``>>>`` example are imported and run with ``doctest``. A module that
cannot be imported because an optional third-party dependency is missing is skipped
with that reason; any other import error fails.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGES = ("assistant", "retrieval", "prompts", "ui", "eval")
ROOT = Path(__file__).resolve().parents[1]
# imported lazily, inside the functions that need them: importing any of our modules must not pull them in
HEAVY = ("torch", "transformers", "sentence_transformers", "gradio", "chromadb", "xgboost", "playwright")


def all_modules() -> list[str]:
    names = []
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        names.append(package_name)
        names.extend(info.name for info in pkgutil.walk_packages(package.__path__, package_name + "."))
    return sorted(names)


def has_examples(name: str) -> bool:
    origin = importlib.util.find_spec(name).origin
    return origin is not None and ">>>" in Path(origin).read_text(encoding="utf-8")


MODULES = all_modules()
WITH_EXAMPLES = [name for name in MODULES if has_examples(name)]


def import_or_skip(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = (exc.name or "").split(".")[0]
        if missing and missing not in PACKAGES:
            pytest.skip(f"{name} needs the optional dependency {missing!r}, which is not installed")
        raise


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples(name):
    module = import_or_skip(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    # a '>>>' that doctest does not find (outside a docstring, or in an object from another module) is a defect too
    assert result.attempted > 0, f"{name} has '>>>' but no example doctest can run"
    assert result.failed == 0


def test_discovery_finds_every_package_and_their_examples():
    for package in PACKAGES:
        assert package in MODULES
    # one deep module per package with examples, so a broken walk cannot pass by finding nothing
    for name in ("assistant.grounding.claims", "retrieval.text.money", "retrieval.query",
                 "retrieval.ranking.metrics", "eval.harness"):
        assert name in WITH_EXAMPLES
    assert "assistant.llm.local" in MODULES and "assistant.llm.local" not in WITH_EXAMPLES


def test_importing_every_module_stays_light():
    """Every module imports without torch, transformers, gradio, Chroma or xgboost (they load on first use)."""
    code = ("import importlib, json, sys\n"
            f"for name in {MODULES!r}:\n"
            "    importlib.import_module(name)\n"
            f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
