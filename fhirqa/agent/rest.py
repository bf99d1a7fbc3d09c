"""A FHIR search written as a question, read as words: agents send "GET Observation?code=heart-rate&patient=..."
or "Procedure?patient=Arline Haag&code=insertion-of-intrauterine-contraceptive-device -> performed dates".

The type names the family, the code's hyphens are spaces, a date parameter keeps its prefix for the window rules
("date=ge2024-01-01"), and the patient parameters name no topic.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_plus

from ..topics import FAMILIES

TYPES = "|".join(sorted(FAMILIES, key=len, reverse=True))
SEARCH = rf"^\s*(?:GET\s+)?(?:\S*/)?(?P<type>{TYPES})(?:\?(?=[\w.:-]+=)|\s+(?=\S))(?P<rest>.*)$"
WHO = {"patient", "subject", "_count", "_format", "_elements", "_summary", "_include", "_revinclude", "_total"}
DATES = {"date", "authoredon", "onset-date", "period", "occurrence", "recorded-date", "effective", "issued"}


def searched(question: str) -> str:
    """The question in words if it is a FHIR search ("Observation heart rate latest"), else unchanged."""
    m = re.match(SEARCH, question)
    if not m or not (question.lstrip().upper().startswith("GET ") or "?" in question[:m.start("rest")]):
        return question
    query, _, after = m.group("rest").partition(" -> ")
    said = []
    for part in re.split(r"&|\s+(?=[\w.:-]+=)", query.strip()):
        key, eq, value = part.partition("=")
        key, value = key.strip().lower(), unquote_plus(value).strip()
        base = key.split(":")[0]  # "code:text", "patient:Patient"
        if not eq:
            said.append(part.replace("-", " "))  # "heart-rate latest"
        elif key in DATES:
            said.append(f"date={value}")  # the window rules read the prefix
        elif key == "_sort":
            said.append("latest" if value.startswith("-") else "")
        elif base in WHO:
            said.append(re.sub(r"^the patient\b", "", value))  # "patient=Scot Bednar latest", the name read as "the patient"
        else:
            said.append(re.sub(r"[-_]", " ", value.split("|")[-1]) if base == "code" else f"{key} {value}")
    words = " ".join(" ".join(said).split())
    return f"{m.group('type')} {words}" + (f" - {after.strip()}" if after.strip() else "")  # "-> value, date"
