"""Zero-shot relevance: MiniLM similarity between the question and each topic, cached by topic text."""

from __future__ import annotations

from typing import Sequence

from ..config import Settings
from ..fields import Resource
from ..models import register_relevance
from ..topics import expand, group_topics, spread, unique_texts
from .encoder import Encoder
from .topic_select import select


class EmbeddingRelevance:
    """Scores topics, not resources: one embedding per distinct topic text, reused across questions."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder

    def topic_scores(self, question: str, resources: Sequence[Resource]):
        groups = group_topics(resources)
        texts = unique_texts(resources, groups)
        keys = list(texts)
        q = self.encoder.embed([expand(question)])[0]
        sims = (self.encoder.embed([texts[k] for k in keys]) @ q).tolist()
        return groups, dict(zip(keys, select(question, keys, sims)))

    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        groups, scores = self.topic_scores(question, resources)
        return spread(scores, groups, len(resources))


@register_relevance("embedding")
def _embedding(settings: Settings) -> EmbeddingRelevance:
    return EmbeddingRelevance(Encoder())


@register_relevance("default")
def _default(settings: Settings):
    """The fine-tuned topic classifier when its adapter ships, else zero-shot similarity."""
    from . import crossencoder

    if crossencoder.relevance_adapter() is not None:
        return crossencoder.load(settings)
    return _embedding(settings)
