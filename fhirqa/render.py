"""The one renderer: a FHIR resource as one compact, deterministic line of text for every model.

Training, inference and evaluation all call `render`; a model sees at inference exactly what it
saw in training.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from .fields import Resource, code, day, end_day, short_system, status

NOTE_CHARS = 240  # DocumentReference note text is bounded: a note must not crowd out the record
LINE_CHARS = 400  # so is every line (survey panels list dozens of answers)


def _num(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def quantity(q: dict | None) -> str:
    """'5.8 %' from a Quantity."""
    if not isinstance(q, dict) or "value" not in q:
        return ""
    unit = q.get("unit") or q.get("code") or ""
    return f"{_num(q['value'])} {unit}".strip()


def concept(c: Any) -> str:
    """'display [SYSTEM code]' for a CodeableConcept (or the first of a list)."""
    if isinstance(c, list):
        c = c[0] if c else None
    if not isinstance(c, dict):
        return ""
    for coding in c.get("coding") or []:
        disp = coding.get("display") or c.get("text") or ""
        sys = short_system(coding.get("system", ""))
        cd = coding.get("code", "")
        if not disp:
            return f"{cd} ({sys})" if sys else cd
        tag = f" [{sys} {cd}]".replace("[ ", "[") if cd else ""
        return f"{disp}{tag}"
    return c.get("text", "")


def _bare(text: str) -> str:
    """A concept's display without its '[SYSTEM code]' tag."""
    return text.split(" [", 1)[0]


def _value(r: Resource) -> str:
    for key in ("valueQuantity", "valueCodeableConcept", "valueString", "valueBoolean",
                "valueInteger", "valueDateTime"):
        if key in r:
            v = r[key]
            if key == "valueQuantity":
                return quantity(v)
            if key == "valueCodeableConcept":
                return concept(v)
            return _num(v)
    return ""


def _components(r: Resource) -> str:
    parts = []
    for comp in r.get("component") or []:
        name = concept(comp.get("code"))
        name = re.sub(r"\s*\[.*?\]", "", name)
        parts.append(f"{name} {_bare(_value(comp))}".strip())
    return ", ".join(p for p in parts if p)


def _dosage(r: Resource) -> str:
    out = []
    for d in r.get("dosageInstruction") or []:
        if d.get("text"):
            out.append(d["text"])
            continue
        bits = []
        for dr in d.get("doseAndRate") or []:
            dose = quantity(dr.get("doseQuantity"))
            bits.append(f"dose {dose}" if dose else "")
        rep = (d.get("timing") or {}).get("repeat") or {}
        if rep.get("frequency") and rep.get("period"):
            bits.append(f"{rep['frequency']}x per {_num(rep['period'])} {rep.get('periodUnit', '')}".strip())
        if d.get("asNeededBoolean"):
            bits.append("as needed")
        out.append(" ".join(b for b in bits if b))
    return "; ".join(o for o in out if o)


def note_text(r: Resource) -> str:
    """The decoded, whitespace-collapsed, length-bounded text of a DocumentReference."""
    for content in r.get("content") or []:
        att = content.get("attachment") or {}
        data = att.get("data")
        if not data:
            continue
        try:
            text = base64.b64decode(data).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            continue
        text = re.sub(r"\s+", " ", text).strip()
        return text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1].rstrip() + "…"
    return ""


def _patient(r: Resource) -> list[str]:
    name = (r.get("name") or [{}])[0]
    full = " ".join([*name.get("prefix", [])[:0], *name.get("given", []), name.get("family", "")]).strip()
    addr = (r.get("address") or [{}])[0]
    bits = [f"name {full}" if full else "", r.get("gender", ""), f"born {r.get('birthDate', '?')}"]
    if r.get("deceasedDateTime"):
        bits.append(f"died {r['deceasedDateTime'][:10]}")
    if addr.get("city"):
        bits.append(f"lives in {addr.get('city')}, {addr.get('state', '')}".rstrip(", "))
    ms = concept(r.get("maritalStatus"))
    if ms:
        bits.append(f"marital status {_bare(ms)}")
    lang = ((r.get("communication") or [{}])[0]).get("language")
    if lang:
        bits.append(f"language {_bare(concept(lang))}")
    for ext in r.get("extension") or []:
        if ext.get("url", "").endswith(("us-core-race", "us-core-ethnicity")):
            text = [e.get("valueString") for e in ext.get("extension", []) if e.get("url") == "text"]
            if text and text[0]:
                bits.append(("race " if "race" in ext["url"] else "ethnicity ") + text[0])
    return [b for b in bits if b]


def _details(r: Resource) -> list[str]:
    """Type-specific parts after the headline."""
    t = r.get("resourceType")
    out: list[str] = []
    if t == "Observation":
        cat = concept(r.get("category"))
        v = _value(r) or _components(r)
        if v:
            out.append(f"= {v}")
        if cat:
            out.append(f"category {_bare(cat)}")
    elif t in ("MedicationRequest", "MedicationStatement", "MedicationAdministration"):
        dose = _dosage(r)
        if dose:
            out.append(f"dosage {dose}")
    elif t == "AllergyIntolerance":
        cats = ", ".join(r.get("category") or [])
        out += [f"category {cats}" if cats else "", f"criticality {r['criticality']}" if r.get("criticality") else ""]
        for reaction in r.get("reaction") or []:
            for m in reaction.get("manifestation") or []:
                out.append(f"reaction {_bare(concept(m))}")
    elif t == "DocumentReference":
        text = note_text(r)
        if text:
            out.append(f"note: {text}")
    elif t == "CarePlan":
        acts = []
        for a in r.get("activity") or []:
            c = concept((a.get("detail") or {}).get("code"))
            if c:
                acts.append(_bare(c))
        if acts:
            out.append("activities " + "; ".join(dict.fromkeys(acts)))
    elif t in ("Claim", "ExplanationOfBenefit"):
        total = r.get("total")
        total = total[0].get("amount") if isinstance(total, list) and total else total
        if isinstance(total, dict) and "value" in total:
            out.append(f"total {_num(total['value'])} {total.get('currency', '')}".strip())
    elif t == "ImagingStudy":
        for s in r.get("series") or []:
            out.append(f"{concept(s.get('modality'))} of {concept(s.get('bodySite'))}".strip())
    elif t == "Coverage":
        payors = ", ".join(x["display"] for x in r.get("payor") or [] if x.get("display"))
        out += [f"payor {payors}" if payors else "", *(f"plan {c['name']}" for c in r.get("class") or [] if c.get("name"))]
    elif t == "SupplyDelivery":
        q = quantity((r.get("suppliedItem") or {}).get("quantity"))
        if q:
            out.append(f"quantity {q}")
    reason = r.get("reasonCode") or r.get("reasonReference")
    if reason and t not in ("CareTeam",):
        rc = concept(reason) or (reason[0].get("display", "") if isinstance(reason, list) else "")
        if rc:
            out.append(f"reason {_bare(rc)}")
    return [o for o in out if o]


def render(r: Resource) -> str:
    """One line: `Type date[–end] status | what [SYSTEM code] | details`."""
    t = r.get("resourceType", "Resource")
    if t == "Patient":
        return ("Patient | " + " | ".join(_patient(r)))[:LINE_CHARS]
    start, end = day(r), end_day(r)
    when = f"{start} to {end}" if end and end != start else start
    head = " ".join(x for x in (t, when, status(r)) if x)
    sys_, cd, disp = code(r)
    what = concept({"coding": [{"system": sys_, "code": cd, "display": disp}]}) if (cd or disp) else ""
    if t == "Condition" and end:
        head = head.replace(f"{start} to {end}", f"{start} resolved {end}")
    line = " | ".join(x for x in (head, what, *_details(r)) if x)
    return line if len(line) <= LINE_CHARS else line[: LINE_CHARS - 1].rstrip() + "…"
