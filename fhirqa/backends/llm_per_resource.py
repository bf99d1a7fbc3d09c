"""The paper's relevance approach as a baseline: one LLM call per (question, resource), answer "1" or "0"."""

from __future__ import annotations

from typing import Sequence

from ..config import Settings
from ..fields import Resource
from ..models import register_relevance
from ..render import render
from .smollm import load_causal_lm, smollm_path

PROMPT = ("Is this medical record entry needed to answer the question? Reply 1 for yes or 0 for no.\n"
          "Question: {question}\nEntry: {entry}")


class LLMPerResource:
    """P("1") from the next-token distribution after the prompt, one resource at a time."""

    def __init__(self, tokenizer, model) -> None:
        self.tokenizer, self.model = tokenizer, model
        self.yes = tokenizer.encode("1", add_special_tokens=False)[0]
        self.no = tokenizer.encode("0", add_special_tokens=False)[0]

    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        import torch

        out = []
        for r in resources:
            msgs = [{"role": "user", "content": PROMPT.format(question=question, entry=render(r))}]
            ids = self.tokenizer.apply_chat_template(msgs, add_generation_prompt=True, return_tensors="pt",
                                                     return_dict=True)
            with torch.inference_mode():
                logits = self.model(**ids).logits[0, -1, [self.yes, self.no]]
            out.append(float(torch.softmax(logits, -1)[0]))
        return out


@register_relevance("llm-per-resource")
def _llm(settings: Settings) -> LLMPerResource:
    return LLMPerResource(*load_causal_lm(smollm_path(settings)))
