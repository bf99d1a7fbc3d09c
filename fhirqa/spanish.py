"""Spanish mixed into an English question, read as English: "cuándo fue la última vez que le checaron el azúcar a mi
papá, the A1c?" → "when was the last time that checked the blood sugar my dad, the A1c?".

Caregivers in US clinics often switch languages inside one message. The glossary (`data/spanish.tsv`) holds the
words such messages use for the record's topics, visits, dates and people; anything else is left as written. A
question is read this way only when it holds at least two words that are Spanish and not English, so "MI" or
"Los Angeles" alone change nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent / "data" / "spanish.tsv"

# Words that mark a message as partly Spanish (accents dropped); none is an English word.
MARKERS = frozenset(
    "que cuando cual cuanto cuanta cuantas cuantos hola ahora todavia segun tiene tuvo fue esta estuvo tomando "
    "medicina medicinas medicamentos vacuna vacunas cita presion azucar mama papa hija hijo bebe ultima ultimo "
    "veces para del los las mis una le dieron recetaron checaron midieron mide embarazada infeccion oido "
    "colesterol alergia alergias pastillas tambien pero porque esposo esposa abuela abuelo nunca donde salio "
    "diagnosticaron densitometria hueso huesos garganta activos activas memoria".split())

MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"


def plain(text: str) -> str:
    """`text` without accents ("última" → "ultima", "¿" and "¡" dropped)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).translate(
        {ord("¿"): None, ord("¡"): None})


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Spanish (accents dropped) → English, from `data/spanish.tsv`."""
    rows = (line.rstrip("\n").split("\t") for line in GLOSSARY.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {row[0]: row[1] if len(row) > 1 else "" for row in rows}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    keys = sorted(glossary(), key=len, reverse=True)  # "mi mama" before "mi"
    return re.compile(rf"(?<![\w/-])(?:{'|'.join(map(re.escape, keys))})(?![\w/-])", re.IGNORECASE)


def is_mixed(question: str) -> bool:
    """Whether the question holds two or more distinct Spanish marker words."""
    return len(set(re.findall(r"[a-z]+", plain(question).lower())) & MARKERS) >= 2


def in_english(question: str) -> str:
    """The question with its Spanish read as English, or unchanged when it is not partly Spanish. Dates first:
    "el 22 de noviembre 2024" → "on noviembre 22, 2024", "octubre del 2024" → "octubre 2024"."""
    if not is_mixed(question):
        return question
    q = plain(question)
    q = re.sub(rf"(?i)\b(?:el\s+|del\s+)?(\d{{1,2}})\s+de\s+({MONTHS})(?:\s+(?:de|del))?(?:\s+(\d{{4}}))?\b",
               lambda m: f"on {m.group(2)} {m.group(1)}" + (f", {m.group(3)}" if m.group(3) else ""), q)
    q = re.sub(rf"(?i)\b({MONTHS})\s+(?:de|del)\s+(\d{{4}})\b", r"\1 \2", q)
    q = re.sub(r"(?i)(^|[,.;:!?]\s*)que\b", r"\1what", q)  # "que le dieron...?" asks; "la vez que" is "that"
    q = _pattern().sub(lambda m: glossary()[m.group(0).lower()], q)
    return re.sub(r"\s{2,}", " ", q).strip()
