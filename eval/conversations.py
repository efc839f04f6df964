"""Load and validate evaluation suites: scripted conversations, shopper and judged definitions.

A suite is a folder ``eval/suites/<name>/`` (or one file). Every ``*.yaml`` / ``*.yml``
file in it is one of:

* a YAML **list of conversations** (the shared format, see ``docs`` in the README)::

      - id: budget-001
        tags: [budget]
        turns:
          - user: "a waterproof jacket under $150"
            expect: {portrait: {...}, constraints: {...}, must_show_ids: [], must_not_show_ids: [],
                     show_category: "Jackets", guide_mentions: []}

* a mapping with ``kind: shopper`` — simulated shoppers (``eval.simulator.ShopperSuite``);
* a mapping with ``kind: judged`` — graded judgments (``eval.judged.JudgedSuite``);
* a mapping with ``kind: blind`` — gold labels for texts read from shared data at run
  time (``eval.blind``; the texts are never committed).

A ``*.csv`` file (``query,product_id,grade``) is a judged suite by itself, and ``*.jsonl``
files hold one conversation per line. Errors name the file and the conversation, because
suites are written by hand and a typo should take seconds to find.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import InputError  # noqa: F401  (suite files raise it through SuiteError)
from eval.acts import parse_gold_acts, parse_gold_answer
from eval.schema import Constraints, SuiteError  # noqa: F401  (re-exported)

SUITES_DIR = Path(__file__).resolve().parent / "suites"
SCALAR_SLOTS = ("category", "budget.min", "budget.max", "recipient", "occasion")
LIST_SLOTS = ("brands.liked", "brands.excluded", "attributes.wanted", "attributes.unwanted")
SCORED_SLOTS = ("category", "budget.min", "budget.max", "brands.liked", "brands.excluded",
                "attributes.wanted", "attributes.unwanted", "recipient", "occasion")
_EXPECT_KEYS = {"portrait", "constraints", "must_show_ids", "must_not_show_ids", "show_category", "guide_mentions",
                "shown_refs",  # shown_refs: slot → "$shown[N].price - 0.01" (read by eval.portrait_eval)
                "acts", "answer", "list_unchanged"}  # dialogue acts, scored by eval.acts
_CONSTRAINT_KEYS = {"max_price", "min_price", "brands_excluded", "category", "attributes_required", "in_stock"}
_PORTRAIT_KEYS = {"category", "budget", "brands", "attributes", "recipient", "occasion"}


@dataclass(frozen=True)
class Expect:
    """What a turn must achieve; ``portrait`` is the flat gold slot map (see ``gold_slots``)."""

    portrait: dict[str, Any] | None = None
    constraints: Constraints | None = None
    must_show_ids: tuple[str, ...] = ()
    must_not_show_ids: tuple[str, ...] = ()
    show_category: str | None = None
    guide_mentions: tuple[str, ...] = ()
    shown_refs: tuple[tuple[str, str], ...] = ()   # (slot, "$shown[2].price - 0.01"), see eval.portrait_eval
    acts: tuple[Any, ...] | None = None     # eval.acts.GoldAct: what the message does (act types, positions)
    answer: Any = None                      # eval.acts.GoldAnswer: the product question's verdict and fact
    list_unchanged: bool = False            # the shown products must stay those of the previous turn

    @property
    def has_references(self) -> bool:
        """True when the gold portrait depends on what was shown earlier ("$shown[1].brand")."""
        lists = [v for v in (self.portrait or {}).values() if isinstance(v, list)]
        return bool(self.shown_refs) or any(str(x).startswith("$") for v in lists for x in v)


@dataclass(frozen=True)
class Turn:
    user: str
    expect: Expect = field(default_factory=Expect)


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: tuple[Turn, ...]
    tags: tuple[str, ...] = ()
    source: str = ""

    def __repr__(self) -> str:
        return f"Conversation({self.id!r}, {len(self.turns)} turns)"


@dataclass
class Suite:
    """Everything a suite path holds, by kind."""

    name: str
    path: Path
    conversations: list[Conversation] = field(default_factory=list)
    shoppers: list[Any] = field(default_factory=list)    # eval.simulator.ShopperSuite
    judged: list[Any] = field(default_factory=list)      # eval.judged.JudgedSuite

    @property
    def is_empty(self) -> bool:
        return not (self.conversations or self.shoppers or self.judged)


def resolve_suite_path(name_or_path: str | Path) -> Path:
    """A path as given, else a bundled suite name (``smoke`` → ``eval/suites/smoke``)."""
    path = Path(name_or_path).expanduser()
    if path.exists():
        return path
    bundled = SUITES_DIR / str(name_or_path)
    if bundled.exists():
        return bundled
    names = sorted(p.name for p in SUITES_DIR.iterdir() if p.is_dir()) if SUITES_DIR.exists() else []
    raise SuiteError(f"suite {str(name_or_path)!r} not found: give a file, a folder, or one of {', '.join(names)}")


def load_suite(name_or_path: str | Path) -> Suite:
    """Load every suite file under ``name_or_path`` (sorted by name, so runs are reproducible)."""
    path = resolve_suite_path(name_or_path)
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".jsonl", ".csv")
    )
    suite = Suite(name=path.stem if path.is_file() else path.name, path=path)
    # CSVs last: a CSV that a ``kind: judged`` file names is its data, not a suite of its own
    for file in sorted(files, key=lambda f: (f.suffix == ".csv", str(f))):
        _load_file(file, suite)
    if suite.is_empty:
        raise SuiteError(f"{path}: no conversations, shopper or judged definitions found")
    seen: dict[str, str] = {}
    for conv in suite.conversations:
        if conv.id in seen:
            raise SuiteError(f"{conv.source}: conversation id {conv.id!r} is already used in {seen[conv.id]}")
        seen[conv.id] = conv.source
    return suite


def _load_file(file: Path, suite: Suite) -> None:
    if file.suffix == ".csv":
        if any(Path(j.judgments).resolve() == file.resolve() for j in suite.judged):
            return
        from eval.judged import JudgedSuite

        suite.judged.append(JudgedSuite(name=file.stem, judgments=file))
        return
    try:
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".jsonl":
            data: Any = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SuiteError(f"{file}: not valid {'JSON lines' if file.suffix == '.jsonl' else 'YAML'}: {exc}") from None
    if data is None:
        return
    if isinstance(data, dict):
        kind = data.get("kind")
        if kind == "shopper":
            from eval.simulator import ShopperSuite

            suite.shoppers.append(ShopperSuite.from_dict(data, source=str(file)))
        elif kind == "judged":
            from eval.judged import JudgedSuite

            suite.judged.append(JudgedSuite.from_dict(data, base=file.parent, source=str(file)))
        elif kind == "blind":
            from eval.blind import blind_conversations

            for i, raw in enumerate(blind_conversations(data, file)):
                suite.conversations.append(parse_conversation(raw, f"{file}", i))
        else:
            raise SuiteError(f"{file}: a mapping needs `kind: shopper`, `kind: judged` or `kind: blind`; "
                             "conversations are a YAML list")
        return
    if not isinstance(data, list):
        raise SuiteError(f"{file}: expected a list of conversations, got {type(data).__name__}")
    for i, raw in enumerate(data):
        suite.conversations.append(parse_conversation(raw, f"{file}", i))


def parse_conversation(raw: Any, source: str, position: int) -> Conversation:
    where = f"{source}: conversation #{position + 1}"
    if not isinstance(raw, dict):
        raise SuiteError(f"{where}: expected a mapping with id and turns")
    cid = raw.get("id")
    if not isinstance(cid, (str, int)) or str(cid).strip() == "":
        raise SuiteError(f"{where}: missing `id`")
    where = f"{source}: conversation {cid!r}"
    unknown = set(raw) - {"id", "tags", "turns", "notes", "description"}
    if unknown:
        raise SuiteError(f"{where}: unknown keys {sorted(unknown)} (allowed: id, tags, turns)")
    tags = raw.get("tags") or []
    if not isinstance(tags, list):
        raise SuiteError(f"{where}: `tags` must be a list of strings")
    turns_raw = raw.get("turns")
    if not isinstance(turns_raw, list) or not turns_raw:
        raise SuiteError(f"{where}: `turns` must be a non-empty list")
    turns = []
    for t, turn in enumerate(turns_raw):
        twhere = f"{where} turn {t + 1}"
        if not isinstance(turn, dict) or not isinstance(turn.get("user"), str) or not turn["user"].strip():
            raise SuiteError(f"{twhere}: each turn needs a non-empty `user` string")
        extra = set(turn) - {"user", "expect"}
        if extra:
            raise SuiteError(f"{twhere}: unknown keys {sorted(extra)} (allowed: user, expect)")
        turns.append(Turn(user=turn["user"], expect=parse_expect(turn.get("expect") or {}, twhere)))
    return Conversation(id=str(cid), turns=tuple(turns), tags=tuple(str(x) for x in tags), source=source)


def parse_expect(raw: Any, where: str) -> Expect:
    if not isinstance(raw, dict):
        raise SuiteError(f"{where}: `expect` must be a mapping")
    unknown = set(raw) - _EXPECT_KEYS
    if unknown:
        raise SuiteError(f"{where}: unknown expect keys {sorted(unknown)} (allowed: {', '.join(sorted(_EXPECT_KEYS))})")
    portrait = gold_slots(raw["portrait"], where) if raw.get("portrait") is not None else None
    constraints = None
    if raw.get("constraints") is not None:
        c = raw["constraints"]
        if not isinstance(c, dict) or set(c) - _CONSTRAINT_KEYS:
            raise SuiteError(f"{where}: `constraints` must be a mapping of {', '.join(sorted(_CONSTRAINT_KEYS))}")
        constraints = Constraints(
            max_price=_num(c.get("max_price"), f"{where} constraints.max_price"),
            min_price=_num(c.get("min_price"), f"{where} constraints.min_price"),
            brands_excluded=tuple(_strings(c.get("brands_excluded"), f"{where} constraints.brands_excluded")),
            category=_opt_str(c.get("category")),
            attributes_required=tuple(_strings(c.get("attributes_required"), f"{where} constraints.attributes_required")),
            in_stock=bool(c.get("in_stock", False)),
        )
    return Expect(
        portrait=portrait,
        constraints=constraints,
        must_show_ids=tuple(_strings(raw.get("must_show_ids"), f"{where} must_show_ids")),
        must_not_show_ids=tuple(_strings(raw.get("must_not_show_ids"), f"{where} must_not_show_ids")),
        show_category=_opt_str(raw.get("show_category")),
        guide_mentions=tuple(_strings(raw.get("guide_mentions"), f"{where} guide_mentions")),
        shown_refs=tuple((str(k), str(v)) for k, v in (raw.get("shown_refs") or {}).items()),
        acts=parse_gold_acts(raw["acts"], where) if raw.get("acts") is not None else None,
        answer=parse_gold_answer(raw["answer"], where) if raw.get("answer") is not None else None,
        list_unchanged=_flag(raw.get("list_unchanged"), f"{where} list_unchanged"),
    )


def gold_slots(raw: Any, where: str = "portrait") -> dict[str, Any]:
    """Nested portrait expectation → flat ``{slot: value}`` over every scored slot.

    >>> gold_slots({"budget": {"max": 150}})["budget.max"], gold_slots({})["brands.liked"]
    (150.0, [])
    """
    if not isinstance(raw, dict):
        raise SuiteError(f"{where}: `portrait` must be a mapping")
    unknown = set(raw) - _PORTRAIT_KEYS - {"needs", "style", "currency"}
    if unknown:
        raise SuiteError(f"{where}: unknown portrait slots {sorted(unknown)} (scored: {', '.join(SCORED_SLOTS)})")
    budget = raw.get("budget") or {}
    brands = raw.get("brands") or {}
    attributes = raw.get("attributes") or {}
    for name, value in (("budget", budget), ("brands", brands), ("attributes", attributes)):
        if not isinstance(value, dict):
            raise SuiteError(f"{where}: portrait.{name} must be a mapping")
    return {
        "category": _opt_str(raw.get("category")),
        "budget.min": _num(budget.get("min"), f"{where} budget.min"),
        "budget.max": _num(budget.get("max"), f"{where} budget.max"),
        "brands.liked": _strings(brands.get("liked"), f"{where} brands.liked"),
        "brands.excluded": _strings(brands.get("excluded"), f"{where} brands.excluded"),
        "attributes.wanted": _strings(attributes.get("wanted"), f"{where} attributes.wanted"),
        "attributes.unwanted": _strings(attributes.get("unwanted"), f"{where} attributes.unwanted"),
        "recipient": _opt_str(raw.get("recipient")),
        "occasion": _opt_str(raw.get("occasion")),
    }


def _flag(value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise SuiteError(f"{where}: expected true or false, got {value!r}")
    return value


def _num(value: Any, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise SuiteError(f"{where}: expected a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise SuiteError(f"{where}: expected a number, got {value!r}") from None


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise SuiteError(f"{where}: expected a list of strings")
    return [str(v) for v in value]


def _opt_str(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return str(value)
