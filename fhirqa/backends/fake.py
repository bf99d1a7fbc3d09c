"""Scripted backends for tests and dry runs: a rule-scoring classifier and an echoing generator."""

from __future__ import annotations

from typing import Sequence

from ..config import Settings
from ..fields import Resource, day, ref
from ..models import Answer, Turn, register_generator, register_relevance
from ..render import render
from ..topics import topic_text


class FakeRelevance:
    """Scores 1.0 where a word of the resource's topic text appears in the question."""

    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        q = set(question.lower().replace("?", " ").split())
        out = []
        for r in resources:
            words = {w.strip(":,()").lower() for w in topic_text(r).split()}
            out.append(1.0 if {w for w in words if len(w) > 3} & q else 0.0)
        return out


class EchoGenerator:
    """Answers with the latest resource's rendered line and cites it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str], int]] = []

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        self.calls.append((question, [ref(r) for r in resources], len(history)))
        latest = max(resources, key=lambda r: (day(r), ref(r)))
        return Answer(f"Latest: {render(latest)}", [ref(latest)])


@register_relevance("fake")
def _fake_relevance(settings: Settings) -> FakeRelevance:
    return FakeRelevance()


@register_generator("fake")
def _fake_generator(settings: Settings) -> EchoGenerator:
    return EchoGenerator()
