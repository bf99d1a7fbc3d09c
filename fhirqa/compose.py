"""The facts of the relevant resources in one or two plain sentences, shaped by what the question asks.

A small model copies better than it counts, sorts or groups. `facts` does that work exactly: the latest or
first value with its date, how many and from when to when, each thing named once with its dates, "Yes." for
a yes/no question. The answer model reads it above the records (`prompt.py`); the `template` backend says it
as it is.
"""

from __future__ import annotations

import re
from typing import Sequence

from .fields import Resource, code, day, ref
from .render import render

SHOWN = 8  # dates or values named per thing; the rest are counted
KIND_TAG = re.compile(r"\s*\((?:disorder|finding|procedure|situation|regime/therapy|substance|morphologic abnormality|"
                      r"observable entity|physical object|record artifact|qualifier value|product)\)\s*$")


def name(r: Resource) -> str:
    """What a resource is about, without SNOMED's semantic tag ("Colonoscopy (procedure)" → "Colonoscopy")."""
    return KIND_TAG.sub("", code(r)[2] or r.get("resourceType", "")).strip()


def value(r: Resource) -> str:
    """The value of an Observation as the record gives it; a blood pressure as "120/80 mmHg"."""
    parts = render(r).split(" | ")
    v = next((p[2:] for p in parts if p.startswith("= ")), "").replace("mm[Hg]", "mmHg")
    top, bottom = (re.search(rf"{k} Blood Pressure ([\d.]+)", v, re.IGNORECASE) for k in ("Systolic", "Diastolic"))
    return f"{top.group(1)}/{bottom.group(1)} mmHg" if top and bottom else v


def detail(r: Resource) -> str:
    """What a list needs beside the name: the status of a problem, order, plan or device; an allergy's status,
    category, criticality and reactions."""
    t = r.get("resourceType")
    parts = render(r).split(" | ")
    if t == "AllergyIntolerance":
        keep = [re.sub(r"\s*\([a-z/ ]+\)", "", p) for p in parts[2:] if p.startswith(("category", "criticality", "reaction"))]
        return ", ".join([parts[0].split(" ")[-1]] + keep)
    if t in ("Condition", "MedicationRequest", "CarePlan", "Device"):
        first = parts[0].split(" ")
        return first[-1] if first[-1] in ("active", "resolved", "stopped", "completed", "inactive", "revoked") else ""
    return ""


def _dates(days: list[str]) -> str:
    days = [d for d in days if d]
    return ", ".join(days[:-1]) + f" and {days[-1]}" if len(days) > 1 else (days[0] if days else "")


def _thing(label: str, rs: list[Resource]) -> str:
    """"Colonoscopy on 1998-06-23, 2003-07-01 and 2008-07-08"; "LDL: 100.5 mg/dL on 2013-12-31, 97.2 mg/dL on ..."."""
    rs = list({(value(r), day(r)): r for r in rs}.values())  # a reading recorded twice is one reading
    shown, more = rs[-SHOWN:], len(rs) - SHOWN
    earlier = f" ({len(rs)} in all, the first on {day(rs[0])})" if more > 0 else ""
    values = [value(r) for r in shown]
    if any(values):
        return f"{label}: " + _dates([f"{v} on {day(r)}" if day(r) else v for v, r in zip(values, shown)]) + earlier
    notes = {detail(r) for r in shown} - {""}
    label += f" ({notes.pop()})" if len(notes) == 1 else ""
    on = _dates(list(dict.fromkeys(day(r) for r in shown)))  # a procedure and its imaging study: one date
    return f"{label}{' on ' + on if on else ''}{earlier}"


def _groups(rs: list[Resource]) -> list[tuple[str, list[Resource]]]:
    groups: dict[str, list[Resource]] = {}
    for r in rs:
        groups.setdefault(name(r), []).append(r)
    return list(groups.items())


def facts(question_order: str, resources: Sequence[Resource]) -> str:
    """The facts of `resources` for a question of this order (`structure.parse(...).order`)."""
    rs = sorted(resources, key=lambda r: (day(r), ref(r)))
    if not rs:
        return "No matching records."
    if len(rs) == 1 and rs[0].get("resourceType") == "Patient":
        return render(rs[0]).removeprefix("Patient | ").replace(" | ", "; ") + "."
    days = [day(r) for r in rs if day(r)]
    span = f" from {days[0]} to {days[-1]}" if days and days[0] != days[-1] else f" on {days[0]}" if days else ""
    count = f"{len(rs)} in all{span}."
    if question_order in ("latest", "first"):
        r = rs[-1] if question_order == "latest" else rs[0]
        that_day = {name(x): x for x in rs if day(x) == day(r)}  # a systolic and a diastolic taken together
        v = value(r)
        said = (f"The {question_order} {name(r)} was {v + ' ' if v else ''}on {day(r)}." if len(that_day) == 1 else
                f"The {question_order}, on {day(r)}: " + "; ".join(f"{k} {value(x)}".strip() for k, x in that_day.items()) + ".")
        return said if len(rs) == 1 else f"{said} {count}"
    listed = "; ".join(_thing(label, group) for label, group in _groups(rs)) + "."
    if question_order == "count":
        return f"{count} {listed}"
    return f"Yes. {listed}" if question_order == "exists" else listed
