"""The paper's relevance approach: one LLM call per (question, resource), answer "1" or "0".

"llm-per-resource" asks the plain base model; "llm-finetuned" asks it with the adapter trained by
`fhirqa finetune train --task relevance-llm`, shipped in `fhirqa/adapters/relevance-llm/` or named by
FHIRQA_RELEVANCE_LLM_ADAPTER=/path/to/adapter. When the answer generator uses the same base, both
adapters sit on one base model (see `smollm.load_causal_lm`).
"""

from __future__ import annotations

from typing import Sequence

from ..config import Settings
from ..errors import ModelNotAvailable
from ..fields import Resource
from ..models import register_relevance
from ..render import render
from .local_llm import ADAPTERS, adapter_folder
from .smollm import llm_base, load_causal_lm, using

PROMPT = ("Is this medical record entry needed to answer the question? Reply 1 for yes or 0 for no.\n"
          "Question: {question}\nEntry: {entry}")
ADAPTER = "relevance-llm"
BATCH = 16


def chat(question: str, entry: str) -> list[dict]:
    """The one-turn chat asking about one rendered resource, at inference and in fine-tuning alike."""
    return [{"role": "user", "content": PROMPT.format(question=question, entry=entry)}]


class LLMPerResource:
    """P("1") against P("0") from the next-token distribution after the prompt, one resource at a time."""

    def __init__(self, tokenizer, model, adapter: str | None = None) -> None:
        self.tokenizer, self.model, self.adapter = tokenizer, model, adapter
        self.yes = tokenizer.encode("1", add_special_tokens=False)[0]
        self.no = tokenizer.encode("0", add_special_tokens=False)[0]
        if tokenizer.pad_token is None:  # e.g. Llama 3: batches need some padding token
            tokenizer.pad_token = tokenizer.eos_token

    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        return self.score_texts(question, [render(r) for r in resources])

    def score_texts(self, question: str, entries: Sequence[str]) -> list[float]:
        """P("1") for each rendered entry, in left-padded batches (the last position is the next token)."""
        import torch

        out: list[float] = []
        side, self.tokenizer.padding_side = self.tokenizer.padding_side, "left"
        try:
            for i in range(0, len(entries), BATCH):
                prompts = [self.tokenizer.apply_chat_template(chat(question, e), tokenize=False,
                                                              add_generation_prompt=True)
                           for e in entries[i:i + BATCH]]
                ids = self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
                ids["position_ids"] = (ids["attention_mask"].cumsum(-1) - 1).clamp(min=0)
                with using(self.model, self.adapter), torch.inference_mode():
                    logits = self.model(**ids).logits[:, -1, [self.yes, self.no]]
                out += torch.softmax(logits.float(), -1)[:, 0].tolist()
        finally:
            self.tokenizer.padding_side = side
        return out


def relevance_adapter():
    """FHIRQA_RELEVANCE_LLM_ADAPTER, else the shipped relevance-llm adapter, else None."""
    return adapter_folder(ADAPTER, "FHIRQA_RELEVANCE_LLM_ADAPTER")


@register_relevance("llm-per-resource")
def _llm(settings: Settings) -> LLMPerResource:
    return LLMPerResource(*load_causal_lm(llm_base(settings)))


@register_relevance("llm-finetuned")
def _llm_finetuned(settings: Settings) -> LLMPerResource:
    adapter = relevance_adapter()
    if adapter is None:
        raise ModelNotAvailable("llm-finetuned", f"no relevance-llm adapter in {ADAPTERS}; run "
                                "`fhirqa finetune train --task relevance-llm` or set FHIRQA_RELEVANCE_LLM_ADAPTER")
    return LLMPerResource(*load_causal_lm(llm_base(settings), {ADAPTER: adapter}), adapter=ADAPTER)
