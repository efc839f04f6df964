"""JSON-schema-constrained decoding for the local transformers backend (lm-format-enforcer).

lm-format-enforcer's own transformers integration imports a module transformers 5 no
longer has (``transformers.tokenization_utils.PreTrainedTokenizerBase``), so this is the
same small adapter over its core (``TokenEnforcer``): a ``prefix_allowed_tokens_fn``
that only lets tokens through that keep the output a valid prefix of the schema.
The token table (one decode per vocabulary entry) is built once per tokenizer.
"""

from __future__ import annotations

from typing import Any


def token_table(tokenizer: Any):
    """``TokenEnforcerTokenizerData`` for a Hugging Face tokenizer (cached on it)."""
    cached = getattr(tokenizer, "_shopguide_enforcer_data", None)
    if cached is not None:
        return cached
    try:
        from lmformatenforcer import TokenEnforcerTokenizerData
    except ImportError as exc:  # pragma: no cover - install hint
        raise ImportError("constrained decoding needs lm-format-enforcer: pip install 'lm-format-enforcer>=0.11'") from exc
    zero = tokenizer.encode("0")[-1]
    special = set(tokenizer.all_special_ids)
    regular = []
    for idx in range(len(tokenizer)):
        if idx in special:
            continue
        after_zero = tokenizer.decode([zero, idx])[1:]
        regular.append((idx, after_zero, len(after_zero) > len(tokenizer.decode([idx]))))

    def decode(tokens: list[int]) -> str:
        return tokenizer.decode(tokens).rstrip("\ufffd")

    data = TokenEnforcerTokenizerData(regular, decode, tokenizer.eos_token_id, False, len(tokenizer))
    tokenizer._shopguide_enforcer_data = data
    return data


def allowed_tokens_fn(tokenizer: Any, schema: dict[str, Any]):
    """``prefix_allowed_tokens_fn`` for ``model.generate`` that enforces ``schema``."""
    from lmformatenforcer import CharacterLevelParserConfig, JsonSchemaParser, TokenEnforcer

    # one whitespace at a time: a small model pretty-prints ("{\n  ") and runs out of tokens
    config = CharacterLevelParserConfig(max_consecutive_whitespaces=1)
    enforcer = TokenEnforcer(token_table(tokenizer), JsonSchemaParser(schema, config=config))

    def allowed(_batch: int, sent) -> list[int]:
        # the whole sequence: the enforcer takes the first call's tokens as the prompt
        return enforcer.get_allowed_tokens(sent.tolist()).allowed_tokens

    return allowed
