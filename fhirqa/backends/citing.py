"""Which of the shown resources an answer used: its [n] markers, else the dates and values it repeats."""

from __future__ import annotations

import re
from typing import Sequence

from ..fields import Resource, day, ref
from ..render import render


def cited(answer: str, shown: Sequence[Resource]) -> list[str]:
    """Refs the answer points at with [n] or `Type/id`; else those whose date or value it states."""
    refs = [ref(r) for r in shown]
    marks = [int(m) for m in re.findall(r"\[(\d+)\]", answer) if 0 < int(m) <= len(shown)]
    named = [x for x in refs if x in answer]
    if marks or named:
        return list(dict.fromkeys([refs[m - 1] for m in marks] + named))
    hits = []
    for r in shown:
        d = day(r)
        value = re.search(r"= ([\d.]+)", render(r))
        if (d and d in answer) or (value and re.search(rf"\b{re.escape(value.group(1))}\b", answer)):
            hits.append(ref(r))
    return hits
