"""Answer generation with a local causal LM (SmolLM2 by default, any transformers folder + PEFT adapter)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from ..agent.structure import parse
from ..config import Settings
from ..fields import Resource, ref
from ..models import Answer, Turn, register_generator
from ..prompt import SYSTEM, ordered, user_message
from .citing import cited
from .smollm import load_causal_lm, smollm_path

ADAPTERS = Path(__file__).resolve().parents[1] / "adapters"


class LocalLLMGenerator:
    """Greedy decoding from the chat prompt in `prompt.py`; cites what the answer used, else all shown."""

    def __init__(self, tokenizer, model, max_new_tokens: int = 48, adapter: str | None = None) -> None:
        self.tokenizer, self.model, self.max_new_tokens, self.adapter = tokenizer, model, max_new_tokens, adapter

    def messages(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()):
        s = parse(question)
        text, _ = user_message(question, resources, s.order, [(t.question, t.answer) for t in history])
        return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        import torch

        if self.adapter and hasattr(self.model, "set_adapter"):
            self.model.set_adapter(self.adapter)
        msgs = self.messages(question, resources, history)
        ids = self.tokenizer.apply_chat_template(msgs, add_generation_prompt=True, return_tensors="pt",
                                                 return_dict=True)
        with torch.inference_mode():
            out = self.model.generate(**ids, max_new_tokens=self.max_new_tokens, do_sample=False,
                                      pad_token_id=self.tokenizer.eos_token_id)
        text = self.tokenizer.decode(out[0, ids["input_ids"].shape[1]:], skip_special_tokens=True).strip()
        text = re.sub(r"\s+", " ", text) or "The records shown do not answer this."
        shown = ordered(resources, parse(question).order)
        return Answer(text, cited(text, shown) or [ref(r) for r in shown])


def answer_adapter() -> Path | None:
    """The shipped answer adapter, if the fine-tuning step has produced one."""
    path = ADAPTERS / "answer"
    return path if (path / "adapter_config.json").exists() else None


@register_generator("base")
def _base(settings: Settings) -> LocalLLMGenerator:
    tok, model = load_causal_lm(smollm_path(settings))
    return LocalLLMGenerator(tok, model, settings.max_new_tokens)


@register_generator("finetuned")
def _finetuned(settings: Settings) -> LocalLLMGenerator:
    from ..errors import ModelNotAvailable

    adapter = answer_adapter()
    if adapter is None:
        raise ModelNotAvailable("finetuned", f"no answer adapter in {ADAPTERS}; run `fhirqa finetune train --task answer`")
    tok, model = load_causal_lm(smollm_path(settings), {"answer": adapter})
    return LocalLLMGenerator(tok, model, settings.max_new_tokens, adapter="answer")


@register_generator("default")
def _default(settings: Settings) -> LocalLLMGenerator:
    return _finetuned(settings) if answer_adapter() else _base(settings)
