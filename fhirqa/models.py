"""The two model seams (relevance classifier, answer generator) and the registry that finds backends by name.

Backends register a factory `(settings) -> instance` under a name; `load_relevance(name, settings)`
and `load_generator(name, settings)` build them. Nothing is loaded at import time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence

from .config import Settings
from .errors import ModelNotAvailable
from .fields import Resource


@dataclass
class Turn:
    """One earlier exchange of a conversation."""

    question: str
    answer: str
    citations: list[str] = field(default_factory=list)


@dataclass
class Answer:
    """A generated answer and the `Type/id` of every resource it used."""

    text: str
    citations: list[str] = field(default_factory=list)


class RelevanceClassifier(Protocol):
    def score(self, question: str, resources: Sequence[Resource]) -> list[float]:
        """Probability in [0, 1] that each resource is needed to answer the question."""


class AnswerGenerator(Protocol):
    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        """An answer from these resources only, citing the ones it used."""


RELEVANCE: dict[str, Callable[[Settings], RelevanceClassifier]] = {}
GENERATORS: dict[str, Callable[[Settings], AnswerGenerator]] = {}


def register_relevance(name: str):
    def deco(factory):
        RELEVANCE[name] = factory
        return factory
    return deco


def register_generator(name: str):
    def deco(factory):
        GENERATORS[name] = factory
        return factory
    return deco


def _discover() -> None:
    from . import backends  # noqa: F401  (registers the built-in backends)


def load_relevance(name: str, settings: Settings) -> RelevanceClassifier:
    """The relevance backend registered as `name`."""
    _discover()
    if name not in RELEVANCE:
        raise ModelNotAvailable(name, f"unknown relevance backend; choose one of {sorted(RELEVANCE)}")
    return RELEVANCE[name](settings)


def load_generator(name: str, settings: Settings) -> AnswerGenerator:
    """The answer generator registered as `name`."""
    _discover()
    if name not in GENERATORS:
        raise ModelNotAvailable(name, f"unknown answer generator; choose one of {sorted(GENERATORS)}")
    return GENERATORS[name](settings)
