"""An extractive baseline answerer: states the facts of the relevant resources in fixed sentences."""

from __future__ import annotations

from typing import Sequence

from ..agent.structure import parse
from ..config import Settings
from ..fields import Resource, code, day, ref
from ..models import Answer, Turn, register_generator
from ..render import render


def _fact(r: Resource) -> str:
    """'<what> (<value>) on <date>' from the rendered line."""
    parts = render(r).split(" | ")
    what = code(r)[2] or r.get("resourceType", "")
    value = next((p[2:] for p in parts if p.startswith("= ")), "")
    when = day(r)
    return f"{what}{f' {value}' if value else ''}{f' on {when}' if when else ''}"


class TemplateGenerator:
    """Latest/first/count/all answers built from the resources, citing each one stated."""

    def generate(self, question: str, resources: Sequence[Resource], history: Sequence[Turn] = ()) -> Answer:
        rs = sorted(resources, key=lambda r: (day(r), ref(r)))
        order = parse(question).order
        if rs and rs[0].get("resourceType") == "Patient" and len(rs) == 1:
            return Answer(render(rs[0]).removeprefix("Patient | ").replace(" | ", "; ") + ".", [ref(rs[0])])
        if order == "latest":
            return Answer(f"The most recent is {_fact(rs[-1])}.", [ref(rs[-1])])
        if order == "first":
            return Answer(f"The first is {_fact(rs[0])}.", [ref(rs[0])])
        if order == "count":
            days = [day(r) for r in rs if day(r)]
            span = f", from {days[0]} to {days[-1]}" if days else ""
            return Answer(f"{len(rs)} records{span}.", [ref(r) for r in rs])
        shown = rs[-10:]
        more = f" (and {len(rs) - len(shown)} earlier)" if len(rs) > len(shown) else ""
        prefix = "Yes: " if order == "exists" else ""
        return Answer(prefix + "; ".join(_fact(r) for r in shown) + more + ".", [ref(r) for r in shown])


@register_generator("template")
def _template(settings: Settings) -> TemplateGenerator:
    return TemplateGenerator()
