"""An extractive answerer: the composed facts of the relevant resources (`compose.py`), said as they are."""

from __future__ import annotations

import re
from typing import Sequence

from ..agent.structure import parse
from ..compose import facts
from ..config import Settings
from ..fields import Resource, day, ref
from ..models import Answer, Turn, register_generator


# A request for a list, though it says "any": "Identify any and all echocardiographic studies", "List any allergies".
REQUEST = (r"^\W*(?:please\s+)?(?:identify|list|provide|return|enumerate|give|show|pull|extract|report|state|name|"
           r"summari[sz]e|describe|specify|retrieve)\b")


class TemplateGenerator:
    """Latest/first/count/yes-no/list answers built from the resources; cites the one stated, else all."""

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        rs = sorted(resources, key=lambda r: (day(r), ref(r)))
        order = parse(question).order
        if order == "exists" and re.match(REQUEST, question.lower()):
            order = "all"  # "Please identify any care plans initiated ...": a list asked for, not a yes or no
        at = {"latest": rs[-1:], "first": rs[:1]}.get(order)
        stated = [r for r in rs if day(r) == day(at[0])] if at else rs  # everything measured that day is said
        return Answer(facts(order, rs, question), [ref(r) for r in stated])


@register_generator("template")
def _template(settings: Settings) -> TemplateGenerator:
    return TemplateGenerator()
