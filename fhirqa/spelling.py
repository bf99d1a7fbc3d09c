"""Clinical words spelled by ear: "tetnis shot", "depreshun pills", "in the hospitle", "his cholestrol".

A patient or relative types a word as it sounds. `one_typo` forgives one slip; these differ by more. A word is
put right when it is no clinical word, no English word (`fhirqa/data/english_lookalikes.txt`, the English words that
sound like a clinical one, written by `scripts/english_lookalikes.py` from WordNet) and sounds like exactly one
clinical word: the same consonants once spellings of one sound are made one ("shun" = "tion", "ph" = "f", "c" = "k"),
and at most two letters apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .backends.everyday import clinical_words
from .topics import STOP

LOOKALIKES = Path(__file__).resolve().parent / "data" / "english_lookalikes.txt"
SHORTEST = 5  # shorter words sound like too many others


def spoken(word: str) -> str:
    """The word with spellings of one sound made one, and doubled letters single."""
    w = word.lower()
    w = re.sub(r"^wr", "r", w)
    w = re.sub(r"^(?:kn|pn|gn)", "n", w)
    w = re.sub(r"^ps", "s", w)
    w = re.sub(r"ssion|sion|tion|shun|shon|tian|cian|ssian", "Sn", w)
    w = re.sub(r"ssure|sure|sher|shur", "Sr", w)
    w = w.replace("ph", "f").replace("tch", "C").replace("ch", "C").replace("sh", "S").replace("ck", "k")
    w = re.sub(r"c(?=[eiy])", "s", w).replace("c", "k").replace("q", "k").replace("x", "ks").replace("z", "s")
    w = re.sub(r"(?<=.)h", "", w)  # a silent or digraph h ("asthma", "rhythm")
    return re.sub(r"(.)\1+", r"\1", w)


def consonants(word: str) -> str:
    """The first sound and the consonants after it: "tetnis" and "tetanus" are both "ttns"."""
    w = spoken(word)
    return w[:1] + re.sub(r"[aeiouyw]", "", w[1:])


def apart(a: str, b: str) -> int:
    """Letters to change, add or drop to turn one word into the other."""
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=1)
def _sounds() -> dict[str, tuple[str, ...]]:
    """Clinical words of `SHORTEST`+ letters by their consonants."""
    out: dict[str, list[str]] = {}
    for w in clinical_words():
        if len(w) >= SHORTEST and w.isalpha():
            out.setdefault(consonants(w), []).append(w)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(LOOKALIKES.read_text().split()) if LOOKALIKES.exists() else frozenset()


def heard(word: str) -> str | None:
    """The clinical word a misspelled word sounds like, when there is exactly one nearest; else None."""
    w = word.lower()
    if len(w) < SHORTEST or not w.isalpha() or w in STOP or w in clinical_words() or w in _english():
        return None
    return nearest(w)


def nearest(w: str) -> str | None:
    """The one clinical word a lower-case word sounds like, at most two letters apart; None if none or a tie."""
    near = [(apart(spoken(w), spoken(v)), v) for v in _sounds().get(consonants(w), ())]
    near = sorted(x for x in near if x[0] <= 2)
    if not near or len(near) > 1 and near[0][0] == near[1][0]:
        return None
    return near[0][1]


def spelled_by_ear(question: str) -> str:
    """The question with its words spelled by ear put right ("wen was his last tetnis shot?": "tetanus"); a capitalised
    word inside a sentence is a name ("Mr. Towne", "Bayer"), and one in capitals an abbreviation, left as written."""
    def fixed(m: re.Match) -> str:
        word = m.group(0)
        inside = re.search(r"[^\s.?!:;\"'(]\s*$", question[:m.start()]) is not None
        if word.isupper() and len(word) > 1 or word[0].isupper() and inside:
            return word
        return heard(word) or word
    return re.sub(r"\b[A-Za-z]+\b", fixed, question)


# US spellings a family word has that no code display holds.
US_FAMILY_WORDS = {"immunization", "immunized", "hospitalization", "hospitalized", "esophagus", "behavior"}


@lru_cache(maxsize=1)
def _us_words() -> frozenset[str]:
    return clinical_words() | US_FAMILY_WORDS


def american(question: str) -> str:
    """The question with British spellings of clinical words in US spelling, as the codes are written
    ("haemoglobin", "anaemia", "oesophagus", "paediatric", "tumour", "immunisation")."""
    def fix(m: re.Match) -> str:
        w = m.group(0).lower()
        known = _us_words()
        for us in (re.sub(r"ae|oe", "e", w), re.sub(r"(?<=\w{3})our(s?)$", r"or\1", w), re.sub(r"is(ation|ations|e|ed|es|ing)$", r"iz\1", w)):
            if us != w and len(us) >= 5 and (us in known or us[:-1] in known or us[:-2] + "ia" in known):  # "anaemic": anemia
                return us
        return m.group(0)
    return re.sub(r"[A-Za-z]*(?:ae|oe|our|is(?:ation|ations|e|ed|es|ing))[A-Za-z]*\b", fix, question)
