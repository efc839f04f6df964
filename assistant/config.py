"""Typed settings, loaded once at the composition root (CLI, server, tests).

Sources, later wins: defaults → ``$SHOPGUIDE_HOME/config.toml`` → ``SHOPGUIDE_*``
environment variables → explicit overrides (CLI flags). Components receive values
from here and never read ``os.environ`` themselves.

    [llm]
    backend = "transformers"     # transformers | openai | fake
    model = ""                   # model dir or GGUF file; "" = bundled SmolLM2
    quantization = "auto"        # auto | 4bit | 8bit | bf16 | none
    max_retries = 2              # openai backend: retries on 429/5xx and timeouts
    prose_retries = 0            # ask again once when the guide's first sentence fails its check
    [understanding]
    llm = true                   # ask the LLM for recipient/occasion/style the rules miss
    mode = "rules"               # acts: rules | llm | hybrid (rules first, the LLM for what they leave)
    learned_acts = true          # a message the rules read nothing in: the learned act model's reading, when sure
    learned_answers = true       # a product question the rules leave unknown: the learned answer model's row item
    [store]
    kind = "embedded"            # catalog vectors: embedded | server (a `chroma run` server at host:port)
    database_url = ""            # sessions, users, events: "" = SQLite $SHOPGUIDE_HOME/sessions.sqlite,
                                 # or "postgresql+psycopg://user:pw@host/db" shared by several replicas
    [users]
    half_life_days = 90          # a returning shopper's events count half after this long
    retention_days = 0           # raw events older than this are purged; 0 = keep
    [service]                    # customer service, see assistant.knowledge.service
    min_score = 0.42             # a policy passage below this similarity does not answer
    webhook_url = ""             # POST every hand-off here (JSON)
    shop_gate = true             # a search-like turn the rules send to products: the learned shop gate may
                                 # route it to the service (assistant/knowledge/shop_gate.py)
    [orders]
    url = ""                     # the shop's order look-up endpoint; "" = the demo SQLite table
    [experiments.NAME]           # A/B tests, see assistant.users.experiments
    variants = ["control", "personal"]
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
    max_retries: int = 2
    concurrency: int = 1     # turns writing LLM text at once (one local model: 1)
    queue_limit: int = 32    # turns waiting for a slot; more → 503 "busy" (assistant.admission)
    # 0: a failed first sentence goes straight to the code sentence. The retry rescued 0 of 32
    # failed drafts of SmolLM2-135M (docs/benchmarks.md, turnperf) while doubling a turn's decoding
    prose_retries: int = 0


@dataclass(frozen=True)
class UnderstandingSettings:
    """How a chat message becomes portrait slots.

    ``llm``: after the rules, ask the configured LLM for the soft slots they missed
    (``assistant.portrait.llm_fill``). Off means rules only: deterministic and without
    LLM latency. This is the one switch; nothing infers it from the backend's name (with
    the fake backend the fallback runs, and its echo answers are rejected by the parser).
    """

    llm: bool = True
    mode: str = "rules"     # dialogue acts: rules | llm | hybrid (assistant.understanding)
    learned_acts: bool = True   # the learned second opinion on unread messages (assistant/understanding/act_model.py)
    # the learned second opinion on product questions the rules leave unknown (answer_model.py); on since session 9:
    # on the unseen blind8 split answers 0.722 -> 0.767 (the in-fold protocol had said off: eval/suites/dialogue/README.md)
    learned_answers: bool = True


@dataclass(frozen=True)
class StoreSettings:
    kind: str = "embedded"
    host: str = "127.0.0.1"
    port: int = 8765
    database_url: str = ""   # "" = SQLite in the data directory (assistant.storage)


@dataclass(frozen=True)
class UserSettings:
    half_life_days: float = 90.0
    retention_days: float = 0.0


@dataclass(frozen=True)
class ServiceSettings:
    """Customer service (``assistant.knowledge``): relevance threshold, hand-off text and webhook.

    ``min_score``: the dense similarity a shop-knowledge passage needs to answer; below
    it the bot says it does not know and hands off (calibrated on the demo policy with
    MiniLM on the dev and dev2 splits of ``eval/suites/customer_service*.jsonl``). ``phrase_with_llm``: let the
    LLM phrase policy answers (checked against the passages); off quotes them.
    """

    min_score: float = 0.42
    handoff_message: str = "I'll pass this to a member of our team, who will get back to you."
    webhook_url: str = ""
    webhook_timeout_s: float = 5.0
    phrase_with_llm: bool = False
    learned_router: bool = True    # the learned second opinion (assistant/knowledge/router.py) on top of the rules
    question_memory: bool = True   # hand off what judged questions say the knowledge does not answer (memory.py)
    learned_quotes: bool = True    # the learned choice of the sentence to quote (quotes.py): +0.026 leaving one split out
    shop_gate: bool = True         # the learned shop-or-product gate after the routing rules (shop_gate.py)


@dataclass(frozen=True)
class OrderSettings:
    """The order look-up tool: ``url`` (the shop's endpoint) or, when empty, ``db`` (SQLite)."""

    url: str = ""
    timeout_s: float = 5.0
    token: str = ""
    db: str = ""            # "" = $SHOPGUIDE_HOME/orders.sqlite (the demo table `shopguide index` writes)


@dataclass(frozen=True)
class CurrencySettings:
    """``[currency]``: the catalog's currency and the shop's own exchange rates (no network).

    ``rates`` maps a currency code to its value in the catalog currency (``CNY = 0.137``:
    ¥1 is about $0.137). A budget in a currency without a rate is never compared with
    prices; the shopper is asked for it in the catalog currency instead.
    """

    catalog: str = "USD"
    rates: dict = field(default_factory=dict)
    as_of: str = ""        # the date the rates were written down, shown with a converted budget
    note: str = ""         # e.g. "sample rates, not for real prices"


@dataclass(frozen=True)
class Settings:
    home: Path = field(default_factory=default_home)
    embedder: str = "minilm"
    segmenter: str = "bigram"     # Chinese keyword segmentation: bigram | jieba (retrieval.text.segment)
    candidates: int = 100
    top_k: int = 4
    llm: LLMSettings = field(default_factory=LLMSettings)
    understanding: UnderstandingSettings = field(default_factory=UnderstandingSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    api_token: str = ""
    users: UserSettings = field(default_factory=UserSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)
    orders: OrderSettings = field(default_factory=OrderSettings)
    currency: CurrencySettings = field(default_factory=CurrencySettings)
    experiments: tuple = ()       # assistant.users.experiments.Experiment, from [experiments.NAME]
    redact_contacts: bool = True   # e-mails, phone numbers, street addresses → placeholders before storing
    retention_days: float = 0.0    # > 0: sessions idle that long are deleted with all their rows (0 = keep)

    @property
    def collaborative_path(self) -> Path:
        return self.home / "ranker" / "collaborative.npz"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def knowledge_dir(self) -> Path:
        return self.home / "knowledge"

    @property
    def orders_db(self) -> Path:
        return Path(self.orders.db).expanduser() if self.orders.db else self.home / "orders.sqlite"

    @property
    def sessions_db(self) -> Path:
        return self.home / "sessions.sqlite"

    @property
    def database(self) -> "str | Path":
        """Where sessions, users and events live: ``[store] database_url``, else the SQLite file."""
        return self.store.database_url or self.sessions_db

    @property
    def ranker_path(self) -> Path:
        return self.home / "ranker" / "current.json"

    def with_(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


_ENV = {
    "SHOPGUIDE_EMBEDDER": ("embedder", str),
    "SHOPGUIDE_SEGMENTER": ("segmenter", str),
    "SHOPGUIDE_CANDIDATES": ("candidates", int),
    "SHOPGUIDE_TOP_K": ("top_k", int),
    "SHOPGUIDE_API_TOKEN": ("api_token", str),
    "SHOPGUIDE_RETENTION_DAYS": ("retention_days", float),
    "SHOPGUIDE_LLM_BACKEND": ("llm.backend", str),
    "SHOPGUIDE_LLM_MODEL": ("llm.model", str),
    "SHOPGUIDE_LLM_QUANTIZATION": ("llm.quantization", str),
    "SHOPGUIDE_LLM_DEVICE": ("llm.device", str),
    "SHOPGUIDE_LLM_MAX_NEW_TOKENS": ("llm.max_new_tokens", int),
    "SHOPGUIDE_LLM_BASE_URL": ("llm.base_url", str),
    "SHOPGUIDE_LLM_CONCURRENCY": ("llm.concurrency", int),
    "SHOPGUIDE_LLM_QUEUE_LIMIT": ("llm.queue_limit", int),
    "SHOPGUIDE_LLM_API_KEY": ("llm.api_key", str),
    "SHOPGUIDE_LLM_MAX_RETRIES": ("llm.max_retries", int),
    "SHOPGUIDE_LLM_TIMEOUT_S": ("llm.timeout_s", float),
    "SHOPGUIDE_LLM_PROSE_RETRIES": ("llm.prose_retries", int),
    "SHOPGUIDE_UNDERSTANDING_LLM": ("understanding.llm", "bool"),
    "SHOPGUIDE_STORE": ("store.kind", str),
    "SHOPGUIDE_ORDERS_URL": ("orders.url", str),
    "SHOPGUIDE_SERVICE_WEBHOOK_URL": ("service.webhook_url", str),
    "SHOPGUIDE_STORE_HOST": ("store.host", str),
    "SHOPGUIDE_STORE_PORT": ("store.port", int),
    "SHOPGUIDE_DATABASE_URL": ("store.database_url", str),
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
        values["experiments"] = data.pop("experiments", {})
        for key, value in data.items():
            if isinstance(value, dict):
                for sub, subvalue in value.items():
                    values[f"{key}.{sub}"] = subvalue
            else:
                values[key] = value
    for name, (key, kind) in _ENV.items():
        if env.get(name, "") != "":
            try:
                values[key] = _parse_bool(env[name]) if kind == "bool" else kind(env[name])
            except ValueError:
                kind_name = kind if isinstance(kind, str) else kind.__name__
                raise ConfigError(f"{name}={env[name]!r} is not a valid {kind_name}") from None
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _build(home_path, values)


def _parse_bool(text: str) -> bool:
    """Environment spelling of a boolean.

    >>> _parse_bool("false"), _parse_bool("1"), _parse_bool("On")
    (False, True, True)
    """
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


_SECTIONS = {"llm": LLMSettings, "understanding": UnderstandingSettings, "store": StoreSettings, "users": UserSettings,
             "service": ServiceSettings, "orders": OrderSettings, "currency": CurrencySettings}


def _build(home: Path, values: dict[str, Any]) -> Settings:
    top: dict[str, Any] = {"home": home}
    from assistant.users.experiments import parse_experiments

    top["experiments"] = parse_experiments(values.pop("experiments", None) or {})
    nested: dict[str, dict[str, Any]] = {name: {} for name in _SECTIONS}
    known_top = {f.name for f in fields(Settings)}
    known = {name: {f.name for f in fields(kind)} for name, kind in _SECTIONS.items()}
    for key, value in values.items():
        section, _, name = key.partition(".")
        if name:
            if section not in nested or name not in known[section]:
                raise ConfigError(f"unknown setting {key!r}")
            nested[section][name] = value
        elif key in known_top and key not in (*_SECTIONS, "home", "experiments"):
            top[key] = value
        else:
            raise ConfigError(f"unknown setting {key!r}")
    if not isinstance(nested["understanding"].get("llm", True), bool):
        raise ConfigError(f"understanding.llm must be true or false, not {nested['understanding']['llm']!r}")
    settings = Settings(**top, **{name: kind(**nested[name]) for name, kind in _SECTIONS.items()})
    if settings.llm.backend not in ("transformers", "openai", "fake"):
        raise ConfigError(f"llm.backend must be transformers, openai or fake, not {settings.llm.backend!r}")
    if settings.store.kind not in ("embedded", "server"):
        raise ConfigError(f"store.kind must be embedded or server, not {settings.store.kind!r}")
    url = settings.store.database_url
    if url and not url.startswith(("sqlite:", "postgresql")):
        raise ConfigError(f"store.database_url must start with sqlite:/// or postgresql+psycopg://, not {url.split(':')[0]!r}")
    rates = settings.currency.rates
    if not isinstance(rates, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in rates.values()):
        raise ConfigError("currency.rates must map currency codes to positive numbers, e.g. {CNY = 0.137}")
    if settings.llm.prose_retries not in (0, 1):
        raise ConfigError(f"llm.prose_retries must be 0 or 1, not {settings.llm.prose_retries!r}")
    if settings.understanding.mode not in ("rules", "llm", "hybrid"):
        raise ConfigError(f"understanding.mode must be rules, llm or hybrid, not {settings.understanding.mode!r}")
    if settings.segmenter not in ("bigram", "jieba"):
        raise ConfigError(f"segmenter must be bigram or jieba, not {settings.segmenter!r}")
    if settings.candidates < 1 or settings.top_k < 1:
        raise ConfigError("candidates and top_k must be positive")
    return settings
