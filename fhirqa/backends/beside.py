"""The default answer: the fine-tuned model's sentence, then the composed facts it rests on.

A 135M model phrases an answer the way people do ("Her last flu shot was on 2026-11-02.") but still miscounts
now and then ("22 flu shots" where the record has 12). The facts line (`compose.py`) is exact but terse. The
answer says both: the model's sentence first, kept only when every number and date in it is in the records or
the facts, then the facts. Citations are those of both.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..fields import Resource
from ..models import Answer, AnswerGenerator, Turn
from ..render import render
from .template import TemplateGenerator

NUMBER = r"(?<![\w.])(?:\d{4}-\d\d-\d\d|\d+(?:\.\d+)?)(?![\w])"  # not the 1 of "A1c"


def grounded(sentence: str, sources: str) -> bool:
    """Whether every date and number `sentence` states appears, as a whole number, in `sources`."""
    return all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", sources) for n in re.findall(NUMBER, sentence))


class FactsBeside:
    """Another generator's answer, kept if grounded, followed by the facts line; cites what both cite."""

    def __init__(self, model: AnswerGenerator) -> None:
        self.sentence, self.facts = model, TemplateGenerator()

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        said = self.facts.generate(question, resources, history)
        if not resources:
            return said
        lead = self.sentence.generate(question, resources, history)
        sources = said.text + "\n" + "\n".join(render(r) for r in resources)
        if not grounded(lead.text, sources):
            return said
        return Answer(f"{lead.text.rstrip()} {said.text}", list(dict.fromkeys(lead.citations + said.citations)))
