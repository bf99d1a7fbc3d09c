"""The fine-tuned relevance classifier: MiniLM + LoRA adapter scoring (question, topic) pairs.

The bi-encoder ranks the record's topics cheaply; the cross-encoder reads the question together
with the best `k` of them, every topic of a resource family the question names, and the patient's
demographics. Topics it does not read keep a score below any threshold. Then `topic_match` keeps
the topics the question names by a specific word (lay words, abbreviations and drug classes
included), which a classifier trained for one CPU epoch often misses, and whole families for
questions that name nothing narrower. (An earlier fallback to zero-shot similarity for doubtful
topics lowered micro-F1 once lexical matching was in: real-patient questions 0.921 without it,
0.880 with it.) Set FHIRQA_RELEVANCE_ADAPTER to score with an adapter folder other than the
shipped `fhirqa/adapters/relevance`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..config import Settings
from ..errors import ModelNotAvailable
from ..fields import Resource
from ..models import register_relevance
from ..topics import expand, families_named, group_topics, spread, unique_texts
from .encoder import Encoder, minilm_path
from .everyday import without_everyday
from .lexical import adjust as lexical_adjust

ADAPTER = Path(__file__).resolve().parents[1] / "adapters" / "relevance"


def relevance_adapter() -> Path | None:
    """The relevance adapter folder (FHIRQA_RELEVANCE_ADAPTER, else the shipped one), if it exists."""
    path = Path(os.environ.get("FHIRQA_RELEVANCE_ADAPTER") or ADAPTER)
    return path if (path / "adapter_config.json").exists() else None


class CrossEncoderRelevance:
    """P(topic is what the question asks about) for the candidate topics of a record."""

    def __init__(self, tokenizer, model, encoder: Encoder, k: int = 24, cap: int = 64, max_len: int = 64,
                 lexical: bool = True) -> None:
        self.tokenizer, self.model, self.encoder = tokenizer, model, encoder
        self.k, self.cap, self.max_len, self.lexical = k, cap, max_len, lexical

    def probabilities(self, question: str, texts: list[str]) -> list[float]:
        """P(label 1) for each (question, text) pair."""
        import torch

        if not texts:
            return []
        batch = self.tokenizer([question] * len(texts), texts, padding=True, truncation=True,
                               max_length=self.max_len, return_tensors="pt")
        with torch.inference_mode():
            logits = self.model(**batch).logits
        return torch.softmax(logits, -1)[:, 1].tolist()

    def candidates(self, question: str, keys: list, texts: dict) -> tuple[list, list[float]]:
        """Topics worth reading, best first, and the bi-encoder similarity of every topic.

        A question that names resource families (vaccines, meds, labs) reads only topics of those
        families, as the zero-shot selector does; otherwise the best `k` and the demographics."""
        q = self.encoder.embed([question])[0]
        sims = (self.encoder.embed([texts[k] for k in keys]) @ q).tolist()
        ranked = [k for _, k in sorted(zip(sims, keys), key=lambda x: -x[0])]
        named = families_named(question) - {"Claim", "ExplanationOfBenefit"} or families_named(question)
        if named:  # "which vaccines ...": only those families, all of them (as far as the cap allows)
            return [k for k in ranked if k[0] in named][:max(self.cap, self.k)], sims
        chosen = list(dict.fromkeys(ranked[:self.k] + [k for k in ranked if k[0] == "Patient"]))
        return chosen, sims

    def topic_scores(self, question: str, resources: Sequence[Resource]):
        groups = group_topics(resources)
        texts = unique_texts(resources, groups)
        scores = self._scores(question, texts, groups, resources)
        if self.lexical and max(scores.values(), default=0.0) < 0.5:  # nothing kept: "... I should coordinate with?"
            plain = without_everyday(question, texts)  # without the words that name nothing
            if plain != question:
                scores = self._scores(plain, texts, groups, resources)
        return groups, scores

    def _scores(self, question: str, texts: dict, groups: dict, resources: Sequence[Resource]) -> dict:
        keys = list(texts)
        q = expand(question)
        chosen, sims = self.candidates(q, keys, texts)
        scores = {k: min(max(s, 0.0), 1.0) * 0.49 for k, s in zip(keys, sims)}
        scores.update(zip(chosen, self.probabilities(q, [texts[k] for k in chosen])))
        if self.lexical:
            scores = lexical_adjust(question, scores, texts, groups, list(resources), dict(zip(keys, sims)))
        return scores

    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        groups, scores = self.topic_scores(question, resources)
        return spread(scores, groups, len(resources))


def load_model(adapter: Path, base: Path | None = None):
    """(tokenizer, model): the full-precision base with the adapter merged in, for fast CPU inference."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from peft import PeftModel
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    base = base or minilm_path()
    try:
        model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=2)
        model = PeftModel.from_pretrained(model, str(adapter)).merge_and_unload().eval()
        tok = AutoTokenizer.from_pretrained(adapter if (adapter / "tokenizer_config.json").exists() else base)
    except (OSError, ValueError, RuntimeError) as e:
        raise ModelNotAvailable("finetuned relevance", f"cannot load the adapter in {adapter}: {e}") from e
    return tok, model


def load(settings: Settings) -> CrossEncoderRelevance:
    adapter = relevance_adapter()
    if adapter is None:
        raise ModelNotAvailable("finetuned", f"no relevance adapter in {ADAPTER}; run `fhirqa finetune train --task relevance`")
    return CrossEncoderRelevance(*load_model(adapter), Encoder())


@register_relevance("finetuned")
def _finetuned(settings: Settings) -> CrossEncoderRelevance:
    return load(settings)
