"""What the answer model reads: the relevant resources as numbered lines, a summary, the facts composed from
them (`compose.py`), and the question.

Fine-tuning data and inference both build prompts here, so the model sees one format.
"""

from __future__ import annotations

from typing import Sequence

from .compose import facts
from .fields import Resource, day, ref
from .render import render

SYSTEM = ("You answer questions about one patient's medical record using only the numbered records given. "
          "State values with units and dates as YYYY-MM-DD. If the records do not answer the question, say so.")
MAX_LINES = 12
FACT_CHARS = 480  # the facts line is bounded like every record line


def ordered(resources: Sequence[Resource], order: str = "all", limit: int = MAX_LINES) -> list[Resource]:
    """Resources sorted by date; for "first" questions the earliest `limit`, otherwise the latest `limit`."""
    rs = sorted(resources, key=lambda r: (day(r), ref(r)))
    if len(rs) <= limit:
        return rs
    return rs[:limit] if order == "first" else rs[-limit:]


def summary(resources: Sequence[Resource]) -> str:
    """One line of facts a small model cannot be trusted to count: how many, from when to when."""
    days = sorted(d for d in (day(r) for r in resources) if d)
    if not resources:
        return "0 matching records."
    span = f", from {days[0]} to {days[-1]}" if days else ""
    return f"{len(resources)} matching records{span}."


def user_message(question: str, resources: Sequence[Resource], order: str = "all",
                 history: Sequence[tuple[str, str]] = (), lines: int = MAX_LINES) -> tuple[str, list[str]]:
    """The user turn for the answer model and the refs of the numbered lines (at most `lines`), in order."""
    shown = ordered(resources, order, lines)
    lines = [f"[{i}] {render(r)}" for i, r in enumerate(shown, 1)]
    past = "".join(f"Earlier question: {q}\nEarlier answer: {a}\n" for q, a in history[-2:])
    said = facts(order, resources, question)
    said = said if len(said) <= FACT_CHARS else said[:FACT_CHARS - 1].rstrip() + "…"
    text = (f"Records ({summary(resources)}):\n" + "\n".join(lines) + f"\nFacts: {said}\n\n{past}Question: {question}")
    return text, [ref(r) for r in shown]
