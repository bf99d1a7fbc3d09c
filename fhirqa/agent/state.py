"""The one typed state the pipeline graph runs over, and the runtime context its nodes receive."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Annotated, Any, TypedDict

from ..config import Settings
from ..models import AnswerGenerator, RelevanceClassifier
from ..records import RecordSource


class QAState(TypedDict, total=False):
    question: str
    patient: str
    resources: list[dict[str, Any]]       # the patient's record, fetched once per session
    fetched: str                          # the patient whose record `resources` holds
    relevant: list[str]                   # Type/id kept by classify_relevance
    answer: str
    citations: list[str]
    timings: dict[str, float]
    history: Annotated[list[dict[str, Any]], operator.add]  # earlier turns: question, answer, citations


@dataclass
class Context:
    """What nodes need, injected per run: the record source and the two models."""

    source: RecordSource
    relevance: RelevanceClassifier
    generator: AnswerGenerator
    settings: Settings
