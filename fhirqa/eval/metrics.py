"""Evaluation metrics as pure functions: relevance P/R/F1 (task 1), METEOR, ROUGE-L and fact recall (task 2).

Conventions, kept in one place so reports are comparable:
- a ratio whose numerator and denominator are both zero because nothing was expected and nothing
  predicted is 1.0 (empty gold and empty prediction is a perfect answer); any other x/0 is 0.0;
- text is compared without inline citations (`[Observation/123]`), lower-cased, punctuation dropped,
  with numbers and dates (`5.8`, `2020-01-05`, `1,250`) kept as single tokens;
- ROUGE-L is the LCS F1 (beta = 1), as in Google's rouge-score package.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

# Inline citations, bracketed or bare: `[Observation/abc-1]`, `(Condition/7)`, `MedicationRequest/x.2`.
CITATION_RE = re.compile(r"[\[(]?\b[A-Z][A-Za-z]+/[A-Za-z0-9\-.]{1,64}[\])]?")
TOKEN_RE = re.compile(r"\d+(?:[.,:/-]\d+)*|[^\W_]+")


@dataclass
class Counts:
    """True positives, false positives, false negatives (and true negatives) of one or more predictions."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)


def _ratio(num: float, den: float, nothing_to_do: bool) -> float:
    if den:
        return num / den
    return 1.0 if nothing_to_do else 0.0


def set_counts(predicted: Iterable[str], gold: Iterable[str], universe: Iterable[str] = ()) -> Counts:
    """Counts of a predicted set against a gold set; `universe` (the record's refs) gives true negatives."""
    p, g = set(predicted), set(gold)
    tn = len(set(universe) - p - g)
    return Counts(len(p & g), len(p - g), len(g - p), tn)


def precision(c: Counts) -> float:
    return _ratio(c.tp, c.tp + c.fp, c.tp + c.fp + c.fn == 0)


def recall(c: Counts) -> float:
    return _ratio(c.tp, c.tp + c.fn, c.tp + c.fp + c.fn == 0)


def f1(c: Counts) -> float:
    """2TP / (2TP + FP + FN); 1.0 when gold and prediction are both empty."""
    return _ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn, c.tp + c.fp + c.fn == 0)


def task1_summary(per_question: Sequence[Counts]) -> dict:
    """Micro P/R/F1 over all (question, resource) pairs and macro F1 (mean per-question F1)."""
    total = sum(per_question, Counts())
    return {
        "precision": precision(total),
        "recall": recall(total),
        "micro_f1": f1(total),
        "macro_f1": mean([f1(c) for c in per_question]),
        "tp": total.tp, "fp": total.fp, "fn": total.fn, "tn": total.tn,
    }


def strip_citations(text: str) -> str:
    """The text without inline `Type/id` citations."""
    return CITATION_RE.sub(" ", text)


def tokens(text: str) -> list[str]:
    """Lower-cased word, number and date tokens of an answer, citations and punctuation dropped."""
    return TOKEN_RE.findall(strip_citations(text).lower())


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (O(len(a)·len(b)) time, O(len(b)) memory)."""
    if len(a) < len(b):
        a, b = b, a
    row = [0] * (len(b) + 1)
    for x in a:
        prev_diag = 0
        for j, y in enumerate(b, 1):
            prev_diag, row[j] = row[j], prev_diag + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def rouge_l(hypothesis: str, reference: str) -> float:
    """ROUGE-L F1: harmonic mean of LCS/len(hyp) and LCS/len(ref), over `tokens`."""
    h, r = tokens(hypothesis), tokens(reference)
    if not h or not r:
        return 1.0 if not h and not r else 0.0
    lcs = lcs_length(h, r)
    if not lcs:
        return 0.0
    p, rec = lcs / len(h), lcs / len(r)
    return 2 * p * rec / (p + rec)


def meteor(hypothesis: str, reference: str, wordnet) -> float:
    """nltk's sentence METEOR over `tokens`, with synonyms from the given WordNet reader."""
    from nltk.translate.meteor_score import single_meteor_score

    return single_meteor_score(tokens(reference), tokens(hypothesis), wordnet=wordnet)


# ---- facts: numbers and dates ----

MONTHS = {m: i for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")], 1) for m in names}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_RE = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"   # 2020-01-05
    r"|(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"                          # 01/05/2020
    rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH})\.?,?\s+(?P<dy>\d{{4}})"           # 5 Jan 2020
    rf"|(?P<mm>{_MONTH})\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>\d{{4}})"           # January 5, 2020
    r")(?![\w])",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\d)")


def _date_of(m: re.Match) -> str | None:
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g["y"]:
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        # Slashes read month first (US), dots day first (Europe), unless only the other order is a date.
        mo, d = (a, b) if g["sep"] == "/" else (b, a)
        if mo > 12 >= d:
            mo, d = d, mo
    elif g["dy"]:
        y, mo, d = int(g["dy"]), MONTHS[g["dm"].lower()], int(g["dd"])
    else:
        y, mo, d = int(g["my"]), MONTHS[g["mm"].lower()], int(g["md"])
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def normalise_number(text: str) -> str:
    """'1,250.50' -> '1250.5', '007' -> '7', '5.0' -> '5'."""
    whole, _, frac = text.replace(",", "").partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def facts(text: str) -> set[str]:
    """The dates (as YYYY-MM-DD) and numbers (normalised) an answer states, citations ignored."""
    text = strip_citations(text)
    found: set[str] = set()
    rest = []
    last = 0
    for m in DATE_RE.finditer(text):
        d = _date_of(m)
        if d:
            found.add(d)
            rest.append(text[last:m.start()])
            last = m.end()
    rest.append(text[last:])
    for m in NUMBER_RE.finditer(" ".join(rest)):
        found.add(normalise_number(m.group(1) + (m.group(2) or "")))
    return found


def fact_recall(hypothesis: str, reference: str) -> float | None:
    """Share of the reference's numbers and dates the hypothesis states; None when it states none."""
    gold = facts(reference)
    if not gold:
        return None
    return len(gold & facts(hypothesis)) / len(gold)


# ---- aggregates ----

def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the non-None values; None when there are none."""
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)
