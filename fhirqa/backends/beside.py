"""The default answer: the fine-tuned model's sentence, then the composed facts it rests on.

A 135M model phrases an answer the way people do ("Her last flu shot was on 2026-11-02.") but still miscounts
now and then ("22 flu shots" where the record has 12). The facts line (`compose.py`) is exact but terse. The
answer says both: the model's sentence first, kept only when every number and date in it is in the records or
the facts, or is a count the records give, then the facts. Citations are those of both.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..agent.structure import parse
from ..compose import name, value
from ..fields import Resource, day, status
from ..models import Answer, AnswerGenerator, Turn
from ..render import render
from .template import TemplateGenerator

NUMBER = r"(?<![\w.])(?:\d{4}-\d\d-\d\d|\d+(?:\.\d+)?)(?![\w])"  # not the 1 of "A1c"


def grounded(sentence: str, sources: str) -> bool:
    """Whether every date and number `sentence` states appears, as a whole number, in `sources`."""
    return all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", sources) for n in re.findall(NUMBER, sentence))


def counts(resources: Sequence[Resource]) -> set[int]:
    """The counts a sentence may state: of all the resources, of each status and of each thing, each both as
    resources and as distinct things ("4 active care plans", "56 immunizations (10 kinds)", "5 doses")."""
    named = [name(r) for r in resources]
    groups: dict[str, list[str]] = {"": named}
    for r, n in zip(resources, named):
        groups.setdefault("status " + status(r), []).append(n)
        groups.setdefault("name " + n, []).append(n)
    return {k for ns in groups.values() for k in (len(ns), len(set(ns)))}


VALUE_ON = r"(?<![\w.])(\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?)\s*[^\s\d]*\s+on\s+(\d{4}-\d\d-\d\d)"  # "6.2% on 2020-02-04"


def _pairs_hold(sentence: str, resources: Sequence[Resource]) -> bool:
    """Whether each "VALUE on DATE" the sentence states is a reading of that day, and the latest (first) of its
    kind when the sentence says so: "His most recent weight was 11.1 kg on 2023-02-21" is dropped when that day
    has another weight, or when a later weight exists."""
    readings: dict[tuple[str, str], list[Resource]] = {}
    for r in resources:
        v = value(r)
        for n in {v.split(" ")[0], *re.findall(r"[\d.]+", v)}:
            readings.setdefault((n, day(r)), []).append(r)
    pairs = re.findall(VALUE_ON, sentence)
    if not all(p in readings for p in pairs):
        return False
    claim = re.search(r"(?i)\b(?:(latest|most recent|last|newest|current)|first|earliest)\b", sentence)
    if not claim or not pairs:
        return True
    pick = max if claim.group(1) else min
    names = {name(r) for r in readings[pairs[0]]}
    return pairs[0][1] == pick(day(r) for r in resources if name(r) in names)


# A total the sentence states: "5 immunizations are recorded", "8 active medications are recorded".
TOTAL = r"^\s*(\d+)\s+(active\s+)?[a-z][a-z -]*?\s+(?:are|is|were|was)\s+(?:recorded|on record|listed|documented)\b"


def _total_holds(sentence: str, resources: Sequence[Resource]) -> bool:
    """Whether a total the sentence states is the number of the resources or of their kinds (of the active ones, when
    it says "active"): "5 immunizations are recorded" is dropped for a record of 50 shots of 12 kinds."""
    m = re.match(TOTAL, sentence.lower())
    if not m:
        return True
    rs = [r for r in resources if status(r) in ("active", "")] if m.group(2) else list(resources)
    return int(m.group(1)) in {len(rs), len({name(r) for r in rs})}


def _denies_what_is_there(sentence: str, question: str, resources: Sequence[Resource], said: str) -> bool:
    """Whether the sentence answers "No" where the records say yes: the facts say "Yes." (the question asks whether
    something exists, and it does), or the question asks about what is still so ("still on adalimumab?") and every
    record found is active."""
    if not re.match(r"(?i)\s*no\b", sentence):
        return False
    return said.startswith("Yes.") or (parse(question).status == "active" and all(status(r) == "active" for r in resources))


class FactsBeside:
    """Another generator's answer, kept if grounded, followed by the facts line; cites what both cite."""

    def __init__(self, model: AnswerGenerator) -> None:
        self.sentence, self.facts = model, TemplateGenerator()

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        said = self.facts.generate(question, resources, history)
        if not resources:
            return said
        lead = self.sentence.generate(question, resources, history)
        sources = "\n".join([said.text, *map(render, resources), " ".join(map(str, sorted(counts(resources))))])
        if (not grounded(lead.text, sources) or not _pairs_hold(lead.text, resources)
                or not _total_holds(lead.text, resources) or not re.search(r"[.!?)]$", lead.text.rstrip())
                or _denies_what_is_there(lead.text, question, resources, said.text)):
            return said  # unfounded, or cut off mid-sentence by the token limit ("... 127.2/74.6 mmHg on 2021-11")
        rest = said.text.removeprefix("Yes. ") if re.match(r"(?i)(yes|no)\b", lead.text) else said.text
        return Answer(f"{lead.text.rstrip()} {rest}", list(dict.fromkeys(lead.citations + said.citations)))
