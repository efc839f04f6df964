"""Typed settings, loaded once at the composition root (CLI, server, tests).

Sources, later wins: defaults → ``$SHOPGUIDE_HOME/config.toml`` → ``SHOPGUIDE_*``
environment variables → explicit overrides (CLI flags). Components receive values
from here and never read ``os.environ`` themselves.

    [llm]
    backend = "transformers"     # transformers | openai | fake
    model = ""                   # model dir or GGUF file; "" = bundled SmolLM2
    quantization = "auto"        # auto | 4bit | 8bit | bf16 | none
    [store]
    kind = "embedded"            # embedded | server
    [understanding]
    mode = "rules"               # rules | llm | hybrid (rules first, the LLM for what they leave)
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from assistant.errors import ConfigError


def default_home(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("SHOPGUIDE_HOME"):
        return Path(env["SHOPGUIDE_HOME"]).expanduser()
    return Path.home() / ".shopguide"


@dataclass(frozen=True)
class LLMSettings:
    backend: str = "transformers"
    model: str = ""
    quantization: str = "auto"
    device: str = "auto"
    max_new_tokens: int = 160
    temperature: float = 0.0
    base_url: str = ""
    api_key: str = ""
    timeout_s: float = 60.0


@dataclass(frozen=True)
class StoreSettings:
    kind: str = "embedded"
    host: str = "127.0.0.1"
    port: int = 8765


@dataclass(frozen=True)
class UnderstandingSettings:
    mode: str = "rules"


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=default_home)
    embedder: str = "minilm"
    candidates: int = 100
    top_k: int = 4
    llm: LLMSettings = field(default_factory=LLMSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    understanding: UnderstandingSettings = field(default_factory=UnderstandingSettings)
    api_token: str = ""

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def sessions_db(self) -> Path:
        return self.home / "sessions.sqlite"

    @property
    def ranker_path(self) -> Path:
        return self.home / "ranker" / "current.json"

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


_ENV = {
    "SHOPGUIDE_EMBEDDER": ("embedder", str),
    "SHOPGUIDE_CANDIDATES": ("candidates", int),
    "SHOPGUIDE_TOP_K": ("top_k", int),
    "SHOPGUIDE_API_TOKEN": ("api_token", str),
    "SHOPGUIDE_LLM_BACKEND": ("llm.backend", str),
    "SHOPGUIDE_LLM_MODEL": ("llm.model", str),
    "SHOPGUIDE_LLM_QUANTIZATION": ("llm.quantization", str),
    "SHOPGUIDE_LLM_DEVICE": ("llm.device", str),
    "SHOPGUIDE_LLM_MAX_NEW_TOKENS": ("llm.max_new_tokens", int),
    "SHOPGUIDE_LLM_BASE_URL": ("llm.base_url", str),
    "SHOPGUIDE_LLM_API_KEY": ("llm.api_key", str),
    "SHOPGUIDE_STORE": ("store.kind", str),
    "SHOPGUIDE_STORE_HOST": ("store.host", str),
    "SHOPGUIDE_STORE_PORT": ("store.port", int),
    "SHOPGUIDE_UNDERSTANDING_MODE": ("understanding.mode", str),
}


def load_settings(home: str | Path | None = None, env: Mapping[str, str] | None = None,
                  overrides: Mapping[str, Any] | None = None) -> Settings:
    """Build ``Settings`` from the sources above. ``overrides`` use dotted keys."""
    env = os.environ if env is None else env
    home_path = Path(home).expanduser() if home else default_home(env)
    values: dict[str, Any] = {}
    config_file = home_path / "config.toml"
    if config_file.exists():
        try:
            data = tomllib.loads(config_file.read_text())
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config_file} is not valid TOML: {exc}") from None
        for key, value in data.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    values[f"{key}.{sub}"] = subvalue
            else:
                values[key] = value
    for name, (key, kind) in _ENV.items():
        if env.get(name, "") != "":
            try:
                values[key] = kind(env[name])
            except ValueError:
                raise ConfigError(f"{name}={env[name]!r} is not a valid {kind.__name__}") from None
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _build(home_path, values)


def _build(home: Path, values: dict[str, Any]) -> Settings:
    top: dict[str, Any] = {"home": home}
    nested: dict[str, dict[str, Any]] = {"llm": {}, "store": {}, "understanding": {}}
    known_top = {f.name for f in fields(Settings)}
    known = {"llm": {f.name for f in fields(LLMSettings)}, "store": {f.name for f in fields(StoreSettings)},
             "understanding": {f.name for f in fields(UnderstandingSettings)}}
    for key, value in values.items():
        section, _, name = key.partition(".")
        if name:
            if section not in nested or name not in known[section]:
                raise ConfigError(f"unknown setting {key!r}")
            nested[section][name] = value
        elif key in known_top and key not in ("llm", "store", "understanding", "home"):
            top[key] = value
        else:
            raise ConfigError(f"unknown setting {key!r}")
    settings = Settings(**top, llm=LLMSettings(**nested["llm"]), store=StoreSettings(**nested["store"]),
                        understanding=UnderstandingSettings(**nested["understanding"]))
    if settings.llm.backend not in ("transformers", "openai", "fake"):
        raise ConfigError(f"llm.backend must be transformers, openai or fake, not {settings.llm.backend!r}")
    if settings.store.kind not in ("embedded", "server"):
        raise ConfigError(f"store.kind must be embedded or server, not {settings.store.kind!r}")
    if settings.understanding.mode not in ("rules", "llm", "hybrid"):
        raise ConfigError(f"understanding.mode must be rules, llm or hybrid, not {settings.understanding.mode!r}")
    if settings.candidates < 1 or settings.top_k < 1:
        raise ConfigError("candidates and top_k must be positive")
    return settings
