"""Zero-shot topic selection from similarities: family words narrow the types, similarity picks codes."""

from __future__ import annotations

import re

from ..topics import NOT_CLINICAL, FAMILIES, families_named

# Words that carry no topic: question words, time, order, pronouns, filler.
STOP = set("""
a an the of in on at to for from by with and or is are was were be been has have had do does did
what whats which when where who whom how many much any ever all list show tell me my his her their he she they
him them i you your our us patient patients last latest most recent first earliest current currently active actively
now still date dates day year years month months time times value values result results level levels
received receive get got given give taking take done recorded record records did ever been so far
before after since between during until prior that this those these it its there some about number
count often please can could would should will was kind type types name names again also just
include includes including each provide return enumerate specify indicate along state stating cite citing
documented noted charted mentioned actually s t d ll re ve m
getting gets told telling keep keeps kept forever few one ones lately better worse full complete entire am im
if hi hello hey asking asks wondering wonder pharmacy pharmacist believe more than once twice taken want wants wanted confirm pt
wasnt wasn isnt isn didnt didn doesnt doesn hasnt hasn werent weren arent aren havent haven into onto exactly user users
enc extract retrieve pull generate identify compile fetch group duplicate duplicates per potentially likely rather real step we whether only nobody anybody someone somebody member members subject subjects enrollee beneficiary
dad mom mum mother father son daughter wife husband grandma grandpa grandmother grandfather child kid kids teen teens teenager toddler
""".split())
FAMILY_WORDS = {w for words in FAMILIES.values() for w in words}


def content_words(question: str) -> list[str]:
    """Words that say what the question is about, beyond family and structure words."""
    words = re.findall(r"[a-z0-9][a-z0-9\-]*", question.lower())
    return [w for w in words if w not in STOP and w not in FAMILY_WORDS and not w.isdigit()
            and not re.fullmatch(r"(19|20)\d\d|\d+(st|nd|rd|th)", w)]


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
