"""The facts of the relevant resources in one or two plain sentences, shaped by what the question asks.

A small model copies better than it counts, sorts or groups. `facts` does that work exactly: the latest or
first value with its date, how many and from when to when, each thing named once with its dates, "Yes." for
a yes/no question. The answer model reads it above the records (`prompt.py`); the `template` backend says it
as it is.
"""

from __future__ import annotations

import re
from typing import Sequence

from .fields import Resource, code, day, end_day, ref, status
from .render import concept, render

BEFORE = 2  # readings said before the latest one
EXTREME = r"\b(?:(lowest|minimum|min|how low|nadir)|highest|maximum|max|peak|how high)\b"
PAIR = re.compile(r"[\d.]+/[\d.]+ ")  # a blood pressure's value, "120/80 mmHg"
SHOWN = 8  # dates or values named per thing; the rest are counted
KIND_TAG = re.compile(r"\s*\((?:disorder|finding|procedure|situation|regime/therapy|substance|morphologic abnormality|"
                      r"observable entity|physical object|record artifact|qualifier value|product)\)\s*$")


def _plain(display: str) -> str:
    """A concept's words alone: no "[SNOMED 123]" tag, no "(disorder)" tag."""
    return KIND_TAG.sub("", display.split(" [", 1)[0]).strip()


def _coded(c: object) -> str:
    """A coded status in words: "confirmed", not "confirmed (allergyintolerance-verification)"."""
    return re.sub(r" \([^)]*\)$", "", concept(c).split(" [", 1)[0]).lower() if isinstance(c, dict) else ""


def name(r: Resource) -> str:
    """What a resource is about, without SNOMED's semantic tag ("Colonoscopy (procedure)" → "Colonoscopy") or
    LOINC's property in brackets ("Body mass index (BMI) [Ratio]" → "Body mass index (BMI)")."""
    said = re.sub(r"\s*\[[^\]]*\]", "", KIND_TAG.sub("", code(r)[2] or r.get("resourceType", ""))).strip()
    if r.get("resourceType") != "Observation":
        return said
    said = re.sub(SPECIMEN, "", said)
    short = next((s for long, s in SHORT.items() if re.search(long, said, re.IGNORECASE)), None)
    return f"{said} ({short})" if short and not re.search(rf"\b{short}\b", said, re.IGNORECASE) else said


# What clinicians call a lab test: "Alanine aminotransferase (ALT)".
SHORT = {r"^alanine aminotransferase": "ALT", r"^aspartate aminotransferase": "AST", r"^hemoglobin a1c": "HbA1c",
         r"^low density lipoprotein cholesterol": "LDL", r"^cholesterol in ldl": "LDL", r"^cholesterol in hdl": "HDL",
         r"^high density lipoprotein cholesterol": "HDL", r"^glomerular filtration rate": "eGFR",
         r"^thyrotropin|^thyroid stimulating hormone": "TSH", r"^prostate specific": "PSA",
         r"^inr\b|international normalized ratio": "INR", r"^urea nitrogen": "BUN"}


# LOINC's specimen of a blood test, which no one says: "Hemoglobin A1c/Hemoglobin.total in Blood" → "Hemoglobin A1c",
# "Creatinine in Serum or Plasma" → "Creatinine" (a urine test keeps its "in Urine").
SPECIMEN = r"(?:/Hemoglobin\.total)?\s+in\s+(?:Serum or Plasma|Serum|Plasma|Blood|Arterial blood|Venous blood|Capillary blood)$"


def value(r: Resource) -> str:
    """The value of an Observation as the record gives it; a blood pressure as "120/80 mmHg"."""
    parts = render(r).split(" | ")
    v = next((p[2:] for p in parts if p.startswith("= ")), "").replace("mm[Hg]", "mmHg")
    top, bottom = (re.search(rf"{k} Blood Pressure ([\d.]+)", v, re.IGNORECASE) for k in ("Systolic", "Diastolic"))
    return f"{top.group(1)}/{bottom.group(1)} mmHg" if top and bottom else v


def _allergy(r: Resource) -> str:
    """"active, confirmed, medication allergy, criticality low; reactions Wheal (mild) and Itching"."""
    kinds = {"environment": "environmental"}
    said = [status(r), _coded(r.get("verificationStatus")), ", ".join(f"{kinds.get(c, c)} allergy" for c in r.get("category") or []),
            f"criticality {r['criticality']}" if r.get("criticality") else ""]
    reactions = [f"{_plain(concept(m))}{' (' + x['severity'] + ')' if x.get('severity') else ''}"
                 for x in r.get("reaction") or [] for m in x.get("manifestation") or []]
    head = ", ".join(b for b in said if b)
    return head + (f"; reactions {_dates(list(dict.fromkeys(reactions)))}" if reactions else "")


def detail(r: Resource) -> str:
    """What a list needs beside the name: the status of a problem, order, plan or device; an allergy's status,
    verification, category, criticality and reactions."""
    t = r.get("resourceType")
    if t == "AllergyIntolerance":
        return _allergy(r)
    if t in ("Condition", "MedicationRequest", "CarePlan", "Device"):
        s = status(r)
        return s if s in ("active", "resolved", "stopped", "completed", "inactive", "revoked") else ""
    return ""


# A question that asks what visits were for: "ED visits since 2010 w/ reason", "and what was it for?".
WHY = r"\b(?:reasons?|why|what\s+for|for\s+what|what\s+(?:it|they|each)\s+(?:was|were)\s+for)\b"


def _why(reason: str) -> str:
    """A rendered reason as words: "Acute_Cholecystitis (disorder)" → "Acute Cholecystitis"."""
    return KIND_TAG.sub("", reason.replace("_", " ")).removesuffix(" Condition").strip()


def _reason(r: Resource) -> str:
    """What a visit was for, as its reason says ("for Laceration injury"), else ""."""
    if r.get("resourceType") != "Encounter":
        return ""
    said = _why(next((p[7:] for p in render(r).split(" | ")[1:] if p.startswith("reason ")), ""))
    return "" if not said or re.search(r"(?i)\bcondition\s*\d|\benter directed\b|^[a-z]{2,4}$", said) else f"for {said}"
    # not Synthea's placeholders ("Enter Directed Use Condition3") nor a bare code ("mdd")


def about(r: Resource) -> str:
    """What one event says beside its name and date: when it ended, what it was for, what a plan asked."""
    end = end_day(r)
    bits = [f"{'resolved on' if r.get('resourceType') == 'Condition' else 'until'} {end}" if end and end != day(r) else ""]
    if r.get("resourceType") == "Device":
        udi = (r.get("udiCarrier") or [{}])[0].get("deviceIdentifier")
        bits += [f"{k} {r[f][:10] if 'Date' in f else r[f]}" for k, f in (("manufactured", "manufactureDate"),
                 ("expires", "expirationDate"), ("lot", "lotNumber"), ("serial", "serialNumber")) if r.get(f)]
        bits.append(f"device identifier {udi}" if udi else "")
    for p in render(r).split(" | ")[1:]:
        if p.startswith("reason "):
            bits.append(_reason(r) or f"for {_why(p[7:])}")
        elif p.startswith(("payor ", "plan ")) and r.get("resourceType") == "Coverage":
            bits.append(p)
        elif p.startswith("activities "):
            bits.append(KIND_TAG.sub("", re.sub(r"\s*\([a-z/ ]+\)(?=;|$)", "", p)))
    return ", ".join(b for b in bits if b)


def _dates(days: list[str]) -> str:
    days = [d for d in days if d]
    return ", ".join(days[:-1]) + f" and {days[-1]}" if len(days) > 1 else (days[0] if days else "")


def _thing(label: str, rs: list[Resource], why: bool = False) -> str:
    """"Colonoscopy on 1998-06-23, 2003-07-01 and 2008-07-08"; "LDL: 100.5 mg/dL on 2013-12-31, 97.2 mg/dL on ..."."""
    rs = list({(value(r), day(r)): r for r in rs}.values())  # a reading recorded twice is one reading
    shown, more = rs[-SHOWN:], len(rs) - SHOWN
    earlier = f" ({len(rs)} in all, the first on {day(rs[0])})" if more > 0 else ""
    values = [value(r) for r in shown]
    if any(values):
        return f"{label}: " + _dates([f"{v} on {day(r)}" if day(r) else v for v, r in zip(values, shown)]) + earlier
    notes = {detail(r) for r in shown} - {""}
    whys = [_reason(r) if why and len(rs) > 1 else "" for r in shown]  # visits asked with their reasons: each one's
    # ("2013-01-10 (for Fracture of ankle)"), or the one reason of them all, said once
    said = [notes.pop()] if len(notes) == 1 else [whys[0]] if len(set(whys)) == 1 and whys[0] else []
    label += f" ({said[0]})" if said else ""
    whys = whys if len(set(whys)) > 1 else [""] * len(shown)
    on = _dates(list(dict.fromkeys(f"{_when(r)} ({why})" if why else _when(r) for r, why in zip(shown, whys))))  # a
    # procedure and its imaging study: one date
    more_said = about(rs[0]) if len(rs) == 1 else ""
    at = " onset " if rs[0].get("resourceType") == "Condition" else " on "
    return f"{label}{at + on if on else ''}{', ' + more_said if more_said else ''}{earlier}"


def _when(r: Resource) -> str:
    """A visit's day, or the days of a stay or a plan ("2003-01-12 to 2003-01-19")."""
    end = end_day(r) if r.get("resourceType") in ("Encounter", "CarePlan") else ""
    return f"{day(r)} to {end}" if end and end != day(r) else day(r)


def _groups(rs: list[Resource]) -> list[tuple[str, list[Resource]]]:
    groups: dict[str, list[Resource]] = {}
    for r in rs:
        groups.setdefault(name(r), []).append(r)
    return list(groups.items())


MARITAL = {"M": "married", "S": "never married", "D": "divorced", "W": "widowed", "L": "legally separated"}


ASKED = [  # what a question asks of a Patient → the parts of its line that say it
    (r"\b(?:born|birth|dob|birthday|bday|age|old)\b", ("born ", "died ")),
    (r"\b(?:died|death|dead|passed|deceased|alive)\b", ("died ",)),
    (r"\b(?:address|lives?|home|city|zip|resides?)\b", ("lives ",)),
    (r"\b(?:marital|married|single|divorced|widow\w*|spouse)\b", ("marital status ",)),
    (r"\b(?:language|speaks?|interpreter)\b", ("language ",)),
    (r"\b(?:race|racial)\b", ("race ",)),
    (r"\b(?:ethni\w*|hispanic|latin[oa])\b", ("ethnicity ",)),
    (r"\b(?:mrn|record number|medical record|chart number)\b", ("medical record number ",)),
    (r"\b(?:birthplace|born in|where\b.*\bborn|place of birth)\b", ("born in ",)),
    (r"\bmaiden\b", ("maiden name ", "mother's maiden name ")),
    (r"\b(?:sex|gender)\b", ("male", "female")),
]


def _asked(question: str, said: list[str]) -> list[str]:
    """The name and the parts a question asks for ("race and ethnicity?"), or every part when it names none or
    asks for demographics."""
    q = question.lower()
    wanted = [parts for pattern, parts in ASKED if re.search(pattern, q)]
    if not wanted or re.search(r"\bdemographic", q):
        return said

    def asked(part: str) -> bool:
        return any(part == p or part.startswith(p) and not (p == "born " and part.startswith("born in "))
                   for parts in wanted for p in parts)

    return [x for x in said if x.startswith("name ") or asked(x)]


def person(r: Resource, question: str = "") -> str:
    """A Patient's line, with what forms ask for beside it: street address, record number, birthplace,
    age at death, maiden names; only the parts the question asks for when it names some."""
    said = render(r).removeprefix("Patient | ").split(" | ")
    born, died = r.get("birthDate", ""), (r.get("deceasedDateTime") or "")[:10]
    if born and died:
        age = int(died[:4]) - int(born[:4]) - (died[5:] < born[5:])
        said = [f"{x} (aged {age})" if x.startswith("died ") else x for x in said]
    home = (r.get("address") or [{}])[0]
    if home.get("line"):
        said = [x.replace("lives in ", f"lives at {', '.join(home['line'])}, ") for x in said]
    said = [f"{x} ({MARITAL[x[15:]]})" if x.startswith("marital status ") and x[15:] in MARITAL else x for x in said]
    for i in r.get("identifier") or []:
        if any(c.get("code") == "MR" for c in (i.get("type") or {}).get("coding") or []):
            said.append(f"medical record number {i.get('value', '')}")
    for e in r.get("extension") or []:
        if e.get("url", "").endswith("patient-birthPlace"):
            a = e.get("valueAddress") or {}
            said.append("born in " + ", ".join(a[k] for k in ("city", "state", "country") if a.get(k)))
        elif e.get("url", "").endswith("mothersMaidenName"):
            said.append(f"mother's maiden name {e.get('valueString', '')}")
    said += [f"maiden name {' '.join(n.get('given', []) + [n.get('family', '')])}" for n in r.get("name") or []
             if n.get("use") == "maiden"]
    return "; ".join(_asked(question, said)) + "."


def _number(r: Resource) -> float | None:
    m = re.match(r"-?\d+(?:\.\d+)?", value(r))
    return float(m.group()) if m else None


def _extreme(question: str, rs: list[Resource]) -> str:
    """"The highest Body temperature was 41.88 Cel on 2020-11-25." for "how high did his fever get?"."""
    m = re.search(EXTREME, question.lower())
    valued = [r for r in rs if _number(r) is not None]
    if not m or not valued:
        return ""
    low = bool(m.group(1))
    r = (min if low else max)(valued, key=_number)
    return f"The {'lowest' if low else 'highest'} {name(r)} was {value(r)} on {day(r)}."


def _taken_together(rs: list[Resource]) -> dict[str, Resource]:
    """The readings of one day by name; a blood pressure panel stands for its systolic and diastolic parts."""
    together = {name(x): x for x in rs}
    panel = next((x for x in rs if PAIR.match(value(x))), None)
    if panel is None:
        return together
    return {"blood pressure" if x is panel else k: x for k, x in together.items()
            if x is panel or not re.search(r"(?i)\b(?:systolic|diastolic) blood pressure\b", k)}


def facts(question_order: str, resources: Sequence[Resource], question: str = "") -> str:
    """The facts of `resources` for a question of this order (`structure.parse(...).order`); `question` is read
    for an asked extreme ("how high", "lowest")."""
    rs = sorted(resources, key=lambda r: (day(r), ref(r)))
    if not rs:
        return "No matching records."
    if len(rs) == 1 and rs[0].get("resourceType") == "Patient":
        return person(rs[0], question)
    days = [day(r) for r in rs if day(r)]
    span = f" from {days[0]} to {days[-1]}" if days and days[0] != days[-1] else f" on {days[0]}" if days else ""
    count = f"{len(rs)} in all{span}."
    top = _extreme(question, rs)
    if top:
        return f"{top} {count} " + "; ".join(_thing(label, group) for label, group in _groups(rs)) + "."
    onsets = all(r.get("resourceType") == "Condition" for r in rs) and len(_groups(rs)) > 1
    if question_order == "latest" or question_order == "first" and not onsets:  # "active problems with onset dates"
        r = rs[-1] if question_order == "latest" else rs[0]
        that_day = _taken_together([x for x in rs if day(x) == day(r)])
        if len(that_day) == 1:
            label, r = next(iter(that_day.items()))
            v = value(r)
            more_said, note = ("", "") if v else (about(r), detail(r))
            state = more_said if more_said.startswith("resolved on") else f"is {note}" if note else ""
            rest = "" if state == more_said else more_said
            said = (f"{label} was {'first' if question_order == 'first' else 'last'} recorded on {day(r)}"
                    f"{' and ' + state if state else ''}{', ' + rest if rest else ''}."
                    if r.get("resourceType") == "Condition" else
                    f"The {question_order} {label}{' (' + note + ')' if note else ''} was {v + ' ' if v else ''}"
                    f"on {day(r)}{', ' + more_said if more_said else ''}.")
        else:
            said = f"The {question_order}, on {day(r)}: " + "; ".join(f"{k} {value(x)}".strip() for k, x in that_day.items()) + "."
        if len(rs) == 1:
            return said
        lead = next((x for x in that_day.values() if PAIR.match(value(x))), r)  # a blood pressure: the panel's readings
        if value(lead):
            earlier = {(value(x), day(x)): x for x in reversed(rs) if day(x) < day(r) and name(x) == name(lead) and value(x)}
        else:  # "last tetanus booster?": the shots before it, named when they differ
            earlier = {(name(x) if name(x) != name(lead) else "", day(x)): x for x in reversed(rs) if day(x) < day(r)}
        before = list(earlier)[:BEFORE]  # a reading recorded twice is said once
        if question_order == "latest" and before:
            said += " Before that: " + "; ".join(f"{v} on {d}" if v else d for v, d in before) + "."
        return f"{said} {count}"
    why = bool(re.search(WHY, question.lower()))
    listed = "; ".join(_thing(label, group, why) for label, group in _groups(rs)) + "."
    if question_order == "count":
        return f"{count} {listed}"
    return f"Yes. {listed}" if question_order == "exists" else listed
