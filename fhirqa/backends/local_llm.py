"""Answer generation with a local causal LM (SmolLM2 by default, any transformers folder + PEFT adapter).

The "finetuned" generator uses the adapter shipped in `fhirqa/adapters/answer/`; "default" is its sentence
followed by the facts line (`beside.py`), or the base model's when there is no adapter. Set
FHIRQA_ANSWER_ADAPTER=/path/to/adapter to use another one, e.g. a freshly trained
`fhirqa finetune train --task answer --out DIR`.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from ..agent.structure import parse
from ..config import Settings
from ..errors import InputError, ModelNotAvailable
from ..fields import Resource, ref
from ..models import Answer, Turn, register_generator
from ..prompt import MAX_LINES, SYSTEM, ordered, user_message
from .beside import FactsBeside
from .citing import cited
from .smollm import for_inference, llm_base, load_causal_lm, using

ADAPTERS = Path(__file__).resolve().parents[1] / "adapters"


def chat_messages(question: str, resources: Sequence[Resource], history: Sequence[Turn] = (),
                  lines: int = MAX_LINES) -> list[dict]:
    """The chat the answer model reads, at inference and in fine-tuning alike: system prompt, then user turn."""
    text, _ = user_message(question, resources, parse(question).order, [(t.question, t.answer) for t in history], lines)
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}]


def whole(text: str) -> str:
    """A reply cut off by the token limit, back to its last whole sentence, else its last whole list item:
    "... (1953-12-24, active), a device of" → "... (1953-12-24, active).", else to before its first unclosed
    parenthesis; else unchanged."""
    if re.search(r"[.!?)]$", text):
        return text
    end = max((m.end() for m in re.finditer(r"[.!?](?=\s)", text)), default=0)
    if end:
        return text[:end]
    depth, cut, opened = 0, 0, []
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            opened.pop()
        if depth == 0 and ch in ",;" and text[i + 1:i + 2] == " ":
            cut = i
    if cut:
        return text[:cut].rstrip(":") + "."
    if opened and opened[0] > 0:  # "His last tetanus shot was on 2019-11-16 (7 doses in all, the first on 1"
        return text[:opened[0]].rstrip(" ,;:") + "."
    return text  # nothing whole to keep: `FactsBeside` drops it


class LocalLLMGenerator:
    """Greedy decoding from the chat prompt in `prompt.py`; cites what the answer used, else all shown."""

    def __init__(self, tokenizer, model, max_new_tokens: int = 48, adapter: str | None = None,
                 lines: int = MAX_LINES) -> None:
        if lines < 1:
            raise InputError(f"FHIRQA_ANSWER_LINES must be 1 or more, not {lines}")
        self.tokenizer, self.model, self.max_new_tokens, self.adapter = tokenizer, model, max_new_tokens, adapter
        self.lines = lines

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        import torch

        msgs = chat_messages(question, resources, history, self.lines)
        ids = self.tokenizer.apply_chat_template(msgs, add_generation_prompt=True, return_tensors="pt",
                                                 return_dict=True).to(self.model.device)
        with using(self.model, self.adapter), torch.inference_mode():
            out = self.model.generate(**ids, max_new_tokens=self.max_new_tokens, do_sample=False,
                                      pad_token_id=self.tokenizer.eos_token_id)
        new = out[0, ids["input_ids"].shape[1]:]
        text = re.sub(r"\s+", " ", self.tokenizer.decode(new, skip_special_tokens=True).strip())
        if len(new) >= self.max_new_tokens:
            text = whole(text)
        text = text or "The records shown do not answer this."
        shown = ordered(resources, parse(question).order, self.lines)
        return Answer(text, cited(text, shown) or [ref(r) for r in shown])


def adapter_folder(task: str, env: str) -> Path | None:
    """The adapter for `task`: the folder in the environment variable `env` if set, else the shipped one if any."""
    override = os.environ.get(env)
    if override:
        path = Path(override).expanduser()
        if not (path / "adapter_config.json").exists():
            raise ModelNotAvailable(task, f"{env}={override} holds no adapter_config.json")
        return path
    path = ADAPTERS / task
    return path if (path / "adapter_config.json").exists() else None


def answer_adapter() -> Path | None:
    """FHIRQA_ANSWER_ADAPTER, else the shipped answer adapter if the fine-tuning step has produced one."""
    return adapter_folder("answer", "FHIRQA_ANSWER_ADAPTER")


@register_generator("base")
def _base(settings: Settings) -> LocalLLMGenerator:
    tok, model = load_causal_lm(llm_base(settings))
    return LocalLLMGenerator(tok, for_inference(model, settings.llm_dtype), settings.max_new_tokens,
                             lines=settings.answer_lines)


@register_generator("finetuned")
def _finetuned(settings: Settings) -> LocalLLMGenerator:
    adapter = answer_adapter()
    if adapter is None:
        raise ModelNotAvailable("finetuned", f"no answer adapter in {ADAPTERS}; run `fhirqa finetune train --task answer`")
    tok, model = load_causal_lm(llm_base(settings), {"answer": adapter}, merge=True)  # its own merged copy
    return LocalLLMGenerator(tok, for_inference(model, settings.llm_dtype), settings.max_new_tokens,
                             lines=settings.answer_lines)


# The default answer's lead sentence: the facts line follows it, so a longer lead adds time, not recall. The stored
# 48-token sentences of the opened sets, cut to N tokens (then back to a whole sentence), scored METEOR 0.509 / 0.521
# (sets 39-42 / 45-46) uncut, 0.509 / 0.521 at 24, 0.511 / 0.523 at 28, 0.509 / 0.521 at 32. Each token costs
# 40-60 ms here.
LEAD_TOKENS = 28


@register_generator("default")
def _default(settings: Settings) -> FactsBeside:
    """The fine-tuned model's sentence (the base model's without an adapter), then the facts it rests on."""
    lead = replace(settings, max_new_tokens=min(settings.max_new_tokens, LEAD_TOKENS))
    return FactsBeside(_finetuned(lead) if answer_adapter() else _base(lead))
