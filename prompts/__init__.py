"""Prompt templates as package data, checked when loaded.

Each ``prompts/<name>.yaml`` has ``variables`` (the names it needs), ``system`` and
``user`` templates in ``str.format`` syntax, and optionally ``examples``: literal
(user, assistant) pairs shown to the model before the real turn, which steer a small
model's form far better than instructions do. Loading fails if a template uses a name
not declared, or declares one it never uses; rendering fails on a missing variable.
Values are inserted verbatim as data — never re-formatted — so braces in catalog text
or user text cannot inject template fields.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


class PromptError(ValueError):
    """A template file is malformed or a render is missing variables."""


@dataclass(frozen=True)
class Prompt:
    name: str
    variables: tuple[str, ...]
    system: str
    user: str
    examples: tuple[tuple[str, str], ...] = ()   # (user, assistant) few-shot pairs, literal text

    def render(self, **values: str) -> tuple[str, str]:
        missing = [v for v in self.variables if v not in values]
        extra = [v for v in values if v not in self.variables]
        if missing or extra:
            raise PromptError(f"prompt {self.name}: missing {missing}, unexpected {extra}")
        safe = {k: str(v) for k, v in values.items()}
        return self.system.format(**safe), self.user.format(**safe)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@lru_cache(maxsize=None)
def load_prompt(name: str) -> Prompt:
    try:
        text = resources.files("prompts").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"no prompt template named {name!r}") from None
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not {"variables", "system", "user"} <= set(data):
        raise PromptError(f"prompt {name}: needs keys variables, system, user")
    variables = tuple(data["variables"])
    used = _fields(data["system"]) | _fields(data["user"])
    if used != set(variables):
        raise PromptError(
            f"prompt {name}: declared {sorted(variables)} but the templates use {sorted(used)}"
        )
    examples = data.get("examples") or []
    if not isinstance(examples, list) or not all(
            isinstance(e, dict) and set(e) == {"user", "assistant"} and all(isinstance(v, str) for v in e.values())
            for e in examples):
        raise PromptError(f"prompt {name}: examples must be a list of {{user: ..., assistant: ...}} strings")
    return Prompt(name=name, variables=variables, system=data["system"], user=data["user"],
                  examples=tuple((e["user"], e["assistant"]) for e in examples))
