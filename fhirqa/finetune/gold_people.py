"""Gold rules for demographics, conditions, medications and allergies."""

from __future__ import annotations

import random
import re
from datetime import date

from ..fields import Resource, day, end_day, ref, status
from . import lay
from .gold import MED_TYPES, Case, Concept, Facts, by_date, gold, listing, plural, rendered, structure

MARITAL = {"M": "married", "S": "never married", "D": "divorced", "W": "widowed", "A": "annulled",
           "L": "legally separated", "P": "polygamous", "T": "in a domestic partnership", "U": "unmarried",
           "I": "interlocutory"}
RESOLVED = {"resolved", "inactive", "remission"}
STOPPED = {"stopped", "completed", "cancelled", "entered-in-error", "ended"}


def _age(born: str, on: str) -> int:
    b, o = date.fromisoformat(born), date.fromisoformat(on)
    return o.year - b.year - ((o.month, o.day) < (b.month, b.day))


def _age_text(f: Facts, p: Resource) -> str | None:
    if not f.birth:
        return None
    if f.death:
        return f.say("{He} died on {d} at age {n} (born {b}).", d=f.death, n=_age(f.birth, f.death), b=f.birth)
    return f.say("{He} was born on {b}, so {he} {was} {n} years old at the last entry of the record ({last}).",
                 b=f.birth, n=_age(f.birth, f.last_day), last=f.last_day)


def _marital_text(f: Facts, p: Resource) -> str | None:
    ms = ((p.get("maritalStatus") or {}).get("coding") or [{}])[0].get("code", "")
    shown = rendered(p, "marital status ")
    return f.say("{His} marital status is {m} ({c}).", m=MARITAL[ms], c=shown[0]) if ms in MARITAL and shown else None


def _race_text(f: Facts, p: Resource) -> str | None:
    race, eth = rendered(p, "race "), rendered(p, "ethnicity ")
    bits = ([f"race {race[0]}"] if race else []) + ([f"ethnicity {eth[0]}"] if eth else [])
    return f.say("{His} record lists {b}.", b=" and ".join(bits)) if bits else None


def _first(parts: list[str]) -> str | None:
    return parts[0] if parts else None


DEMOGRAPHICS = {
    "age": _age_text,
    "birth": lambda f, p: f.say("{He} was born on {b}.", b=f.birth) if f.birth else None,
    "gender": lambda f, p: f.say("{name} is recorded as {g}.", g=p["gender"]) if p.get("gender") else None,
    "name": lambda f, p: f.say("The patient is {n}, born {b}.", n=_first(rendered(p, "name ")), b=f.birth)
    if rendered(p, "name ") else None,
    "language": lambda f, p: f.say("{His} language is recorded as {l}.", l=_first(rendered(p, "language ")))
    if rendered(p, "language ") else None,
    "marital": _marital_text,
    "residence": lambda f, p: f.say("{He} lives in {c}.", c=_first(rendered(p, "lives in ")))
    if rendered(p, "lives in ") else None,
    "deceased": lambda f, p: f.say("{He} died on {d}.", d=f.death) if f.death
    else f.say("No death is recorded; {his} record runs to {last}.", last=f.last_day),
    "race": _race_text,
}


@gold("demographics")
def demographics(f: Facts, rng: random.Random, field: str) -> Case | None:
    """The Patient resource answers every demographic question."""
    text = DEMOGRAPHICS[field](f, f.patient) if f.patient else None
    return Case([ref(f.patient)], text, structure(["Patient"])) if text else None


# -- conditions -----------------------------------------------------------------------------------------

def _names(f: Facts, rs: list[Resource]) -> list[str]:
    return [lay.clean(f.display(r)) for r in by_date(rs)]


def askable_condition(c: Concept) -> bool:
    """A condition a person would ask about by name (not a social-history finding, unless curated)."""
    return c.codes[0] in lay.CONDITIONS or not lay.is_social(c.display)


@gold("conditions")
def conditions(f: Facts, rng: random.Random, state: str | None = None) -> Case:
    rs = f.of_type("Condition")
    if state == "active":
        rs = [r for r in rs if status(r) in ("active", "recurrence", "relapse")]
    elif state == "resolved":
        rs = [r for r in rs if status(r) in RESOLVED]
    label = {"active": "active ", "resolved": "resolved "}.get(state or "", "")
    st = structure(["Condition"], status=state)
    if not rs:
        return Case([], f.say("No {l}conditions are recorded for {him}.", l=label), st)
    names = _names(f, rs)
    n = len(dict.fromkeys(names))
    return Case(f.cite(rs), f.say("{He} {has} {n}: {x}.", n=plural(n, f"{label}condition"), x=listing(names, 8)), st)


def _condition(f: Facts, rng: random.Random) -> Concept | None:
    return f.concept("condition", rng, askable_condition)


@gold("condition_onset")
def condition_onset(f: Facts, rng: random.Random) -> Case | None:
    c = _condition(f, rng)
    if not c:
        return None
    rs = by_date(c.resources)
    first, last = rs[0], rs[-1]
    text = f.say("{x} was first recorded on {d}", x=c.name, d=day(first))
    if end_day(first):
        text += f", resolved on {end_day(first)}"
    if len(rs) > 1:
        text += f"; it was recorded {plural(len(rs), 'time')}, most recently on {day(last)}"
    return Case(f.cite(rs), text + ".", structure(["Condition"], c.codes, order="first"), {"x": rng.choice(c.lay)})


@gold("condition_ever")
def condition_ever(f: Facts, rng: random.Random) -> Case | None:
    c = _condition(f, rng)
    if not c:
        return None
    rs = by_date(c.resources)
    state = "still active" if status(rs[-1]) == "active" else f"now {status(rs[-1]) or 'inactive'}"
    text = f.say("Yes. {x} was recorded on {d} and is {s}.", x=c.name, d=day(rs[0]), s=state)
    return Case(f.cite(rs), text, structure(["Condition"], c.codes, order="exists"), {"x": rng.choice(c.lay)})


@gold("condition_status")
def condition_status(f: Facts, rng: random.Random) -> Case | None:
    c = _condition(f, rng)
    if not c:
        return None
    rs = by_date(c.resources)
    last = rs[-1]
    if status(last) == "active":
        text = f.say("Yes, {his} {x} is still active (recorded {d}).", x=lay.lower_first(c.name), d=day(last))
    elif end_day(last):
        text = f.say("No, {his} {x} resolved on {e}.", x=lay.lower_first(c.name), e=end_day(last))
    else:
        text = f.say("No, {his} {x} is {s}.", x=lay.lower_first(c.name), s=status(last) or "no longer active")
    return Case(f.cite(rs), text, structure(["Condition"], c.codes, order="latest"), {"x": rng.choice(c.lay)})


# -- medications ----------------------------------------------------------------------------------------

@gold("medications")
def medications(f: Facts, rng: random.Random, state: str | None = None) -> Case:
    rs = f.of_type(*MED_TYPES)
    if state == "active":
        rs = [r for r in rs if r["resourceType"] != "MedicationAdministration" and status(r) == "active"]
        label, types = "active ", ["MedicationRequest", "MedicationStatement"]
    elif state == "stopped":
        rs = [r for r in rs if r["resourceType"] != "MedicationAdministration" and status(r) in STOPPED]
        label, types = "stopped ", ["MedicationRequest", "MedicationStatement"]
    else:
        label, types = "", list(MED_TYPES)
    st = structure(types, status=state)
    if not rs:
        return Case([], f.say("No {l}medications are recorded for {him}.", l=label), st)
    names = [lay.clean(f.display(r)) for r in by_date(rs)]
    if state == "stopped":
        names = list(reversed(list(dict.fromkeys(reversed(names)))))
    n = len(dict.fromkeys(names))
    return Case(f.cite(rs), f.say("{n} {are}recorded: {x}.", n=plural(n, f"{label}medication"),
                                  are="is " if n == 1 else "are ", x=listing(names, 8)), st)


def _verb(r: Resource) -> str:
    return {"MedicationAdministration": "given", "MedicationStatement": "recorded"}.get(r["resourceType"], "prescribed")


@gold("med_start")
def med_start(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("med", rng)
    if not c:
        return None
    rs = by_date(c.resources)
    text = f.say("{x} was first {v} on {d}", x=lay.clean(f.display(rs[0])), v=_verb(rs[0]), d=day(rs[0]))
    latest = rs[-1]
    if len(rs) > 1:
        text += f"; the latest entry is from {day(latest)} ({status(latest)})"
    elif status(latest):
        text += f" and is {status(latest)}"
    return Case(f.cite(rs), text + ".", structure(c.types, c.codes, order="first"), {"x": rng.choice(c.lay)})


def dosage_text(r: Resource) -> str:
    """A rendered dosage read aloud: 'dose 1 1x per 1 d' -> '1 dose once a day'."""
    raw = next(iter(rendered(r, "dosage ")), "")
    m = re.fullmatch(r"dose (\S+) (\d+)x per (\S+) (\w+)", raw)
    if not m:
        return lay.clean(raw).rstrip(".")
    dose, times, period, unit = m.groups()
    unit = {"d": "day", "h": "hour", "wk": "week", "mo": "month", "a": "year", "min": "minute"}.get(unit, unit)
    often = {"1": "once", "2": "twice"}.get(times, f"{times} times")
    every = f"a {unit}" if period == "1" else f"every {period} {unit}s"
    return f"{dose} dose {often} {every}"


@gold("med_dosage")
def med_dosage(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("med", rng, lambda c: any(dosage_text(r) for r in c.resources))
    if not c:
        return None
    rs = by_date(c.resources)
    latest = [r for r in rs if dosage_text(r)][-1]
    text = f.say("The latest {x} order ({d}, {s}) says: {dose}.", x=lay.clean(f.display(latest)), d=day(latest),
                 s=status(latest), dose=dosage_text(latest))
    if day(rs[-1]) > day(latest):
        text = f.say("The latest {x} entry ({e}) lists no dosage; the last one that does ({d}, {s}) says: {dose}.",
                     x=lay.clean(f.display(latest)), e=day(rs[-1]), d=day(latest), s=status(latest),
                     dose=dosage_text(latest))
    return Case(f.cite(rs), text, structure(c.types, c.codes, order="latest"), {"x": rng.choice(c.lay)})


def med_summary(f: Facts, rs: list[Resource]) -> str:
    """'warfarin (Warfarin Sodium 5 MG Oral Tablet) is active since 2010-01-02' style, per drug."""
    out = []
    by_drug: dict[str, list[Resource]] = {}
    for r in by_date(rs):
        by_drug.setdefault(lay.clean(f.display(r)), []).append(r)
    for name, group in by_drug.items():
        last = group[-1]
        if status(last) == "active":
            out.append(f"{name} is active (first on {day(group[0])})")
        else:
            out.append(f"{name} was last on {day(last)} and is {status(last) or 'not active'}")
    return "; ".join(out[:4]) + ("; and more" if len(out) > 4 else "")


@gold("med_class")
def med_class(f: Facts, rng: random.Random) -> Case | None:
    present = {cls: [c for c in f.concepts["med"] if cls in lay.med_classes(c.name)] for cls in lay.MED_CLASSES}
    yes = [cls for cls, cs in present.items() if cs]
    no = [cls for cls, cs in present.items() if not cs]
    positive = bool(yes) and (not no or rng.random() < 0.7)
    cls = rng.choice(yes if positive else no)
    x = rng.choice(lay.CLASS_FORMS[cls])
    if not positive:
        return Case([], f.say("No. The record lists no {x} among {his} medications.", x=x),
                    structure(MED_TYPES, order="exists"), {"x": x})
    rs = [r for c in present[cls] for r in c.resources]
    codes = sorted({cd for c in present[cls] for cd in c.codes})
    active = any(status(r) == "active" for r in rs)
    text = f.say("{a} {s}.", a="Yes:" if active else "Not currently:", s=med_summary(f, rs))
    return Case(f.cite(rs), text, structure(MED_TYPES, codes, order="exists"), {"x": x})


@gold("med_yes_no")
def med_yes_no(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("med", rng)
    if not c:
        return None
    rs = c.resources
    active = any(status(r) == "active" for r in rs)
    text = f.say("{a} {s}.", a="Yes:" if active else "Not currently:", s=med_summary(f, rs))
    st = structure(c.types, c.codes, order="exists", status="active")
    return Case(f.cite(rs), text, st, {"x": rng.choice(c.lay)})


# -- allergies ------------------------------------------------------------------------------------------

def _allergen(f: Facts, r: Resource) -> str:
    return lay.lower_first(lay.clean(f.display(r)))


@gold("allergies")
def allergies(f: Facts, rng: random.Random, allergy_type: str | None = None) -> Case:
    rs = f.of_type("AllergyIntolerance")
    if allergy_type:
        rs = [r for r in rs if allergy_type in (r.get("category") or [])]
    label = f"{allergy_type} " if allergy_type else ""
    st = structure(["AllergyIntolerance"])
    if not rs:
        return Case([], f.say("No {l}allergies are recorded for {him}.", l=label), st)
    n = plural(len(rs), f"{label}allergy", f"{label}allergies")
    return Case(f.cite(rs), f.say("{He} {has} {n} recorded: {x}.", n=n,
                                  x=listing((_allergen(f, r) for r in by_date(rs)), 8)), st)


@gold("allergy_reaction")
def allergy_reaction(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("allergy", rng)
    if not c:
        return None
    r = by_date(c.resources)[-1]
    reactions = [lay.lower_first(lay.clean(x)) for x in rendered(r, "reaction ")]
    crit = next(iter(rendered(r, "criticality ")), "")
    if reactions:
        text = f.say("{His} {x} allergy (recorded {d}) causes {rx}", x=_allergen(f, r), d=day(r), rx=listing(reactions))
    else:
        text = f.say("No reaction is recorded for {his} {x} allergy (recorded {d})", x=_allergen(f, r), d=day(r))
    text += f"; criticality {crit}." if crit else "."
    return Case(f.cite(c.resources), text, structure(c.types, c.codes, order="latest"), {"x": rng.choice(c.lay)})
