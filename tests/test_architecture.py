"""The import contracts in ``pyproject.toml`` hold, and ``lint-imports`` would catch a breach.

The suite's command (``scripts/test.sh``) runs ``lint-imports`` before pytest; these tests
show the check is real: on a copy of the packages with a planted violation it fails.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "retrieval", "prompts", "ui", "eval")

pytest.importorskip("importlinter", reason="import-linter is a dev dependency: pip install -e '.[dev]'")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` with ``root`` as the working directory (it analyses the packages found there)."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root)}   # no PYTHONPATH: only root's packages are analysed
    return subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def tree_copy(tmp_path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_real_tree_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_copy_is_clean_before_planting(tree_copy):
    result = lint_imports(tree_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_retrieval_importing_the_assistant_fails(tree_copy):
    (tree_copy / "retrieval" / "planted.py").write_text("from assistant.config import Settings  # planted\n")
    result = lint_imports(tree_copy)
    assert result.returncode != 0
    assert "retrieval and prompts import nothing else of ours BROKEN" in result.stdout
    assert "retrieval.planted -> assistant.config" in result.stdout


def test_an_import_cycle_fails(tree_copy):
    (tree_copy / "eval" / "planted_a.py").write_text("import eval.planted_b  # planted\n")
    (tree_copy / "eval" / "planted_b.py").write_text("from eval import planted_a  # planted\n")
    result = lint_imports(tree_copy)
    assert result.returncode != 0
    assert "no import cycles inside a package (each package's modules form a DAG) BROKEN" in result.stdout


def test_a_lazy_import_inside_a_function_is_still_seen(tree_copy):
    (tree_copy / "assistant" / "planted.py").write_text("def f():\n    import ui.cli  # planted\n")
    result = lint_imports(tree_copy)
    assert result.returncode != 0 and "assistant does not import the edges BROKEN" in result.stdout


def _string_imports(path: Path, root: Path = ROOT) -> list[str]:
    """Calls that import one of our packages by a string (``importlib.import_module("eval.x")``, ``__import__``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in ("import_module", "__import__", "find_spec"):
            continue
        for arg in node.args[:1]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and \
                    arg.value.split(".")[0] in PACKAGES:
                found.append(f"{path.relative_to(root)}:{node.lineno} {name}({arg.value!r})")
    return found


def test_no_string_imports_of_our_own_modules():
    """A string import slips past lint-imports; commands outside ui plug in via entry points instead."""
    found = [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
             for hit in _string_imports(path)]
    assert found == []


def test_the_string_import_scan_can_fail(tmp_path):
    planted = tmp_path / "ui" / "planted.py"
    planted.parent.mkdir()
    planted.write_text('import importlib\nimportlib.import_module("eval.cli")\n__import__("json")\n')
    assert _string_imports(planted, tmp_path) == ["ui/planted.py:2 import_module('eval.cli')"]
