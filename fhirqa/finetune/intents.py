"""The question bank: every intent (what is asked, its family, its phrasings) and how a phrasing is filled.

Phrasings are templates with slots: {x} (the topic as the question names it), {date}, {window}, {name},
and pronoun/verb slots that follow Patient.gender: {he} {his} {him} {He} {His} {is} {was} {has} {does}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SLOT_RE = re.compile(r"\{(\w+)\}")
CATEGORIES = ("demographics", "conditions", "medications", "allergies", "immunizations", "labs", "vitals",
              "procedures", "imaging", "encounters", "careplans", "devices", "counts", "yesno", "window",
              "unanswerable", "billing")


@dataclass(frozen=True)
class Intent:
    """One kind of question: its family, the gold rule that answers it, and how people ask it."""

    name: str
    category: str
    gold: str                                  # key of the gold rule in gold.GOLD
    phrasings: tuple[str, ...]
    params: dict = field(default_factory=dict, hash=False, compare=False)


def intent(name: str, category: str, gold: str, phrasings: list[str], **params) -> Intent:
    """An Intent (helper keeping the bank files terse)."""
    assert category in CATEGORIES, category
    return Intent(name, category, gold, tuple(phrasings), params)


def pronouns(gender: str, name: str = "the patient") -> dict[str, str]:
    """Slot values for pronouns and agreeing verbs: he/she per Patient.gender, they otherwise."""
    if gender == "male":
        p = {"he": "he", "his": "his", "him": "him", "is": "is", "was": "was", "has": "has", "does": "does"}
    elif gender == "female":
        p = {"he": "she", "his": "her", "him": "her", "is": "is", "was": "was", "has": "has", "does": "does"}
    else:
        p = {"he": "they", "his": "their", "him": "them", "is": "are", "was": "were", "has": "have", "does": "do"}
    p |= {"He": p["he"].capitalize(), "His": p["his"].capitalize(), "name": name}
    return p


def fill(template: str, slots: dict[str, str], capitalize: bool | None = None) -> str:
    """The template with every known {slot} replaced in one pass (values are never re-scanned).

    By default a sentence opening with a pronoun/verb slot is capitalized; one opening with the topic
    ({x}, {date}, {window}) keeps the topic's own case ("a1c?").
    """
    text = SLOT_RE.sub(lambda m: str(slots.get(m.group(1), m.group(0))), template)
    text = re.sub(r"\b(level|test|shot|dose) (\1s?)\b", r"\2", text)  # "sugar level level" -> "sugar level"
    if capitalize is None:
        m = SLOT_RE.match(template)
        capitalize = bool(m) and m.group(1) not in ("x", "date", "window")
    return text[:1].upper() + text[1:] if capitalize and text else text


def bank() -> list[Intent]:
    """Every intent of the question bank, in a stable order."""
    from . import intents_care, intents_misc, intents_obs, intents_people

    return [*intents_people.INTENTS, *intents_obs.INTENTS, *intents_care.INTENTS, *intents_misc.INTENTS]
