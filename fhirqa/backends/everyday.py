"""Everyday words in a question: words that no clinical code and no topic of the record uses.

"Are there any active care plans I should coordinate with?" names the care plans; "coordinate" names
nothing, but as a specific word no topic shares it read as a thing the record lacks, and the care
plans were dropped. When a question keeps nothing, the relevance classifier (`crossencoder.py`) reads it
again without such words. A word counts as clinical when a code display of the Synthea modules holds it
(`fhirqa/data/clinical_words.txt`, written by `scripts/clinical_words.py`), when the lexicon or a
family word does, or when a topic of this record does, allowing a plural and a typo ("tetnus").
A clinical word the record lacks ("any care plans for dialysis?") still rules topics out, and so does an
abbreviation in capitals the vocabulary lacks ("did my mom's BRCA test come back positive?").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..drug_classes import CLASSES
from ..lexicon import LAY, one_typo
from ..topics import FAMILIES, families_named
from .topic_match import question_terms, same, words

WORDS = Path(__file__).resolve().parents[1] / "data" / "clinical_words.txt"
# Words the question's structure reads (visits, ages): not topics, but not noise either.
STRUCTURE = set("""appt appts enc encs admit admits readmit readmits f/u fu followup followups
teens twenties thirties forties fifties sixties seventies eighties nineties""".split())


@lru_cache(maxsize=1)
def clinical_words() -> frozenset[str]:
    """The words of the codes a record may hold, of the lexicon and of the family words."""
    found = set(WORDS.read_text().split()) if WORDS.exists() else set()
    found |= {w for key, value in LAY.items() for w in words(f"{key} {value}")}
    found |= {w for names, purposes, members in CLASSES.values() for w in words(" ".join([*names, *purposes, members]))}
    found |= {w for said in FAMILIES.values() for phrase in said for w in words(phrase)}
    return frozenset(found | _parts(found))


def _parts(said: set[str]) -> set[str]:
    """The words of hyphenated words: "sars-cov-2" holds "sars"."""
    return {p for w in said if "-" in w for p in w.split("-") if p}


def _known(word: str, vocabulary: frozenset[str] | set[str]) -> bool:
    if "-" in word.strip("-") and word not in vocabulary:  # "insertion-of-intrauterine-contraceptive-device"
        return any(_known(part, vocabulary) for part in word.split("-") if len(part) > 2)
    stems = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
    return bool(stems & vocabulary) or len(word) >= 5 and any(one_typo(word, v, least=5) for v in vocabulary
                                                             if abs(len(v) - len(word)) <= 1)


def without_everyday(question: str, texts: dict) -> str:
    """The question without its everyday words, when what is left still names a family or a term; else unchanged
    ("is there a legal guardian documented?" names nothing once they go, and stays as asked)."""
    record = {w for text in texts.values() for w in words(text)}
    record |= _parts(record)
    vocabulary = clinical_words() | record | STRUCTURE
    said = {w.lower() for w in re.findall(r"\b(?:[A-Z][A-Z0-9]+|\w*\d\w*)\b", question)}  # "BRCA", "RSV": an
    # abbreviation in capitals, a code with a digit, names a thing (the record may lack it), never an everyday word
    odd = [t for t in question_terms(question)  # "immobilize" is the record's "Bone immobilization"
           if t not in said and not _known(t, vocabulary) and not any(same(t, w) for w in record)]
    if not odd:
        return question
    rest = re.sub(rf"(?<![\w-])(?:{'|'.join(map(re.escape, odd))})(?![\w-])", " ", question, flags=re.IGNORECASE)
    rest = re.sub(r"\s+", " ", rest).strip()
    return rest if families_named(rest) - {"Patient"} or question_terms(rest) else question
