"""Baseline relevance: every resource of a type the question names by a family word."""

from __future__ import annotations

from typing import Sequence

from ..config import Settings
from ..fields import Resource
from ..models import register_relevance
from ..topics import families_named


class KeywordRelevance:
    """Keeps every resource whose type the question names ("vaccines" → all Immunizations)."""

    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        named = families_named(question)
        return [1.0 if r.get("resourceType") in named else 0.0 for r in resources]


@register_relevance("keyword")
def _keyword(settings: Settings) -> KeywordRelevance:
    return KeywordRelevance()
