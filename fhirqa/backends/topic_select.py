"""Zero-shot topic selection from similarities: family words narrow the types, similarity picks codes."""

from __future__ import annotations

import re

from ..topics import NOT_CLINICAL, content_words, families_named


def select(question: str, keys: list[tuple[str, str, str]], sims: list[float],
           floor: float = 0.3, margin: float = 0.1) -> list[float]:
    """A probability per topic: kept topics get >= 0.5.

    Named families restrict types; a question with content words keeps the topics close to the
    best match, one without ("which vaccines has he had?") keeps every topic of the named types.
    """
    named = families_named(question)
    allowed = [(t in named) if named else (t not in NOT_CLINICAL) for t, _, _ in keys]
    if named and not (named - {"Claim", "ExplanationOfBenefit"}):
        allowed = [t in named for t, _, _ in keys]
    cand = [s for s, ok in zip(sims, allowed) if ok]
    specific = bool(content_words(question))
    if not cand:
        return [max(s, 0.0) / 2 for s in sims]
    best = max(cand)
    out = []
    for (t, _, _), s, ok in zip(keys, sims, allowed):
        if t == "Patient" and "Patient" in named:
            keep = True
        elif not ok:
            keep = False
        elif specific and best >= floor:
            keep = s >= best - margin
        else:
            keep = bool(named) and not specific or (bool(named) and best < floor)
        s = min(max(s, 0.0), 1.0)
        out.append(0.5 + s / 2 if keep else min(s / 2, 0.49))
    return out
