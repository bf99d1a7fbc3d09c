"""Gold rules for immunizations, procedures, imaging, encounters and visits, care plans, devices and billing."""

from __future__ import annotations

import random
from collections import Counter

from ..fields import Resource, day, ref, references, status, when
from . import lay
from .gold import Case, Concept, Facts, by_date, gold, listing, plural, rendered, structure

FLU = "influenza vaccine"


def _summary(concepts: list[Concept]) -> str:
    """'influenza vaccine (9, latest 2019-10-01), Td vaccine (1, 2012-01-04)' by count."""
    ranked = sorted(concepts, key=lambda c: (-len(c.resources), c.name))
    return listing([f"{c.name} ({len(c.resources)}, latest {day(by_date(c.resources)[-1])})" for c in ranked], 6)


# -- immunizations --------------------------------------------------------------------------------------

@gold("vaccines")
def vaccines(f: Facts, rng: random.Random) -> Case:
    rs = f.of_type("Immunization")
    st = structure(["Immunization"])
    if not rs:
        return Case([], f.say("No immunizations are recorded for {him}."), st)
    text = f.say("{n} recorded: {s}.", n=plural(len(rs), "immunization is", "immunizations are"),
                 s=_summary(f.concepts["vaccine"]))
    return Case(f.cite(rs), text, st)


@gold("flu_last")
def flu_last(f: Facts, rng: random.Random) -> Case | None:
    c = next((c for c in f.concepts["vaccine"] if c.name == FLU), None)
    if not c:
        return None
    rs = by_date(c.resources)
    text = f.say("{His} last flu shot was on {d} ({n} in the record).", d=day(rs[-1]), n=plural(len(rs), "flu shot"))
    return Case(f.cite(rs), text, structure(["Immunization"], c.codes, order="latest"))


@gold("vaccine_count")
def vaccine_count(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("vaccine", rng)
    if not c:
        return None
    days = [day(r) for r in by_date(c.resources)]
    text = f.say("{He} {has} had {n} of the {x}: {d}.", n=plural(len(days), "dose"), x=c.name, d=listing(days, 6))
    st = structure(["Immunization"], c.codes, order="count")
    return Case(f.cite(c.resources), text, st, {"x": rng.choice(c.lay)})


@gold("vaccine_when")
def vaccine_when(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("vaccine", rng)
    if not c:
        return None
    rs = by_date(c.resources)
    text = f.say("{His} most recent {x} was given on {d}", x=c.name, d=day(rs[-1]))
    if len(rs) > 1:
        text += f" ({plural(len(rs), 'dose')} in all, the first on {day(rs[0])})"
    return Case(f.cite(rs), text + ".", structure(["Immunization"], c.codes, order="latest"), {"x": rng.choice(c.lay)})


# -- procedures and imaging -----------------------------------------------------------------------------

@gold("procedures")
def procedures(f: Facts, rng: random.Random) -> Case:
    rs = f.of_type("Procedure")
    st = structure(["Procedure"])
    if not rs:
        return Case([], f.say("No procedures are recorded for {him}."), st)
    counts = Counter(lay.clean(f.display(r)) for r in rs)
    top = listing([f"{name} ({n})" for name, n in counts.most_common(5)], 5)
    last = rs[-1]
    text = f.say("{n} recorded ({k}); most frequent: {t}. The latest was {x} on {d}.",
                 n=plural(len(rs), "procedure is", "procedures are"), k=plural(len(counts), "kind"), t=top,
                 x=lay.clean(f.display(last)), d=day(last))
    return Case(f.cite(rs), text, st)


def askable_procedure(c: Concept) -> bool:
    """A procedure a person would name: curated, or a short display."""
    return c.codes[0] in lay.PROCEDURES or len(c.name.split()) <= 6


@gold("procedure_when")
def procedure_when(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("procedure", rng, askable_procedure)
    if not c:
        return None
    rs = by_date(c.resources)
    text = f.say("{His} most recent {x} was on {d}", x=lay.lower_first(c.name), d=day(rs[-1]))
    if len(rs) > 1:
        text += f" ({plural(len(rs), 'time')} in all, first on {day(rs[0])})"
    return Case(f.cite(rs), text + ".", structure(["Procedure"], c.codes, order="latest"), {"x": rng.choice(c.lay)})


@gold("procedure_count")
def procedure_count(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("procedure", rng, askable_procedure)
    if not c:
        return None
    days = [day(r) for r in by_date(c.resources)]
    text = f.say("{He} {has} had {x} {n}: {d}.", x=lay.lower_first(c.name), n=plural(len(days), "time"),
                 d=listing(days, 5))
    return Case(f.cite(c.resources), text, structure(["Procedure"], c.codes, order="count"), {"x": rng.choice(c.lay)})


@gold("imaging")
def imaging(f: Facts, rng: random.Random, order: str = "all") -> Case:
    rs = f.of_type("ImagingStudy")
    st = structure(["ImagingStudy"], order=order)
    if not rs:
        return Case([], f.say("No imaging studies are recorded for {him}."), st)
    if order == "latest":
        text = f.say("{His} most recent imaging study was {x} on {d}.", x=lay.clean(f.display(rs[-1])), d=day(rs[-1]))
    else:
        text = f.say("{n} recorded: {s}.", n=plural(len(rs), "imaging study is", "imaging studies are"),
                     s=listing([f"{lay.clean(f.display(r))} on {day(r)}" for r in rs], 6))
    return Case(f.cite(rs), text, st)


# -- encounters -----------------------------------------------------------------------------------------

def _visit_name(f: Facts, enc: Resource) -> str:
    name = lay.clean(f.display(enc)) or "visit"
    reason = rendered(enc, "reason ")
    return f"{name} (reason: {lay.clean(reason[0])})" if reason else name


@gold("encounter_edge")
def encounter_edge(f: Facts, rng: random.Random, order: str) -> Case | None:
    rs = f.of_type("Encounter")
    if not rs:
        return None
    enc = max(rs, key=lambda r: (when(r) or "", ref(r))) if order == "latest" else rs[0]
    word = "last" if order == "latest" else "first"
    text = f.say("{His} {w} visit was on {d}: {x}.", w=word, d=day(enc), x=_visit_name(f, enc))
    return Case(f.cite(rs), text, structure(["Encounter"], order=order))


def linked(f: Facts, enc: Resource) -> list[Resource]:
    """The clinical resources that point at this Encounter (its `encounter` or `context.encounter`)."""
    return f.by_encounter.get(ref(enc), [])


def _name(f: Facts, r: Resource) -> str:
    group = lay.vaccine_group(f.coding(r)[1]) if r["resourceType"] == "Immunization" else None
    return group[0] if group else lay.clean(f.display(r))


def is_vital_or_lab(r: Resource) -> bool:
    """Vital signs and lab results make better examples of a visit than questionnaire answers."""
    return "valueQuantity" in r or "component" in r


def visit_summary(f: Facts, enc: Resource, rs: list[Resource]) -> str:
    """One or two sentences: the kind of visit and what was recorded at it."""
    kinds = {"Condition": "diagnoses", "Procedure": "procedures", "Immunization": "vaccines",
             "MedicationRequest": "medications", "MedicationAdministration": "medications given",
             "CarePlan": "care plans", "AllergyIntolerance": "allergies", "Device": "devices"}
    parts = []
    for rtype, label in kinds.items():
        names = [_name(f, r) for r in rs if r["resourceType"] == rtype]
        if names:
            parts.append(f"{label} {listing(names, 3)}")
    obs = [r for r in rs if r["resourceType"] == "Observation" and f.value(r)]
    if obs:
        shown = sorted(obs, key=lambda r: (not is_vital_or_lab(r), ref(r)))[:3]
        ex = listing([f"{lay.lab_name(f.display(r))} {f.value(r)}" for r in shown], 3)
        parts.append(f"{plural(len(obs), 'observation')} (e.g. {ex})")
    text = f.say("On {d} {he} had {a} {x}.", d=day(enc), a="an" if _visit_name(f, enc)[:1].lower() in "aeiou" else "a",
                 x=_visit_name(f, enc))
    return text + (" Recorded: " + "; ".join(parts) + "." if parts else "")


def _case_for_visit(f: Facts, enc: Resource, order: str = "all") -> Case:
    rs = [enc, *linked(f, enc)]
    st = structure(sorted({r["resourceType"] for r in rs}), order=order, visit=ref(enc))
    return Case(f.cite(rs), visit_summary(f, enc, rs[1:]), st, {"date": day(enc)})


@gold("visit_on_date")
def visit_on_date(f: Facts, rng: random.Random) -> Case | None:
    encs = f.of_type("Encounter")
    per_day = Counter(day(e) for e in encs)
    pool = [e for e in encs if per_day[day(e)] == 1 and len(linked(f, e)) >= 2]
    if not pool:
        return None
    return _case_for_visit(f, rng.choice(pool))


@gold("visit_last")
def visit_last(f: Facts, rng: random.Random) -> Case | None:
    encs = f.of_type("Encounter")
    if not encs:
        return None
    return _case_for_visit(f, max(encs, key=lambda r: (when(r) or "", ref(r))), "latest")


def encounter_kind(f: Facts, enc: Resource, kind: str) -> bool:
    classes, codes, _, _ = lay.ENCOUNTER_KINDS[kind]
    return (enc.get("class") or {}).get("code") in classes or f.coding(enc)[1] in codes


@gold("encounter_kind")
def encounter_kind_case(f: Facts, rng: random.Random) -> Case | None:
    kind = rng.choice(sorted(lay.ENCOUNTER_KINDS))
    _, codes, name, words = lay.ENCOUNTER_KINDS[kind]
    rs = [e for e in f.of_type("Encounter") if encounter_kind(f, e, kind)]
    st = structure(["Encounter"], sorted(codes))
    x = rng.choice(words)
    if not rs:
        return Case([], f.say("No {x} are recorded for {him}.", x=x), st, {"x": x})
    text = f.say("{He} {has} {n}: {d}.", n=plural(len(rs), name), d=listing([day(e) for e in rs], 6))
    return Case(f.cite(rs), text, st, {"x": x})


# -- care plans, devices, billing -----------------------------------------------------------------------

def _activities(r: Resource) -> str:
    found = rendered(r, "activities ")
    if not found:
        return "no activities listed"
    acts = [lay.clean(a) for a in found[0].split("; ")]
    return "; ".join(acts[:3]) + ("; ..." if len(acts) > 3 else "")


@gold("careplans")
def careplans(f: Facts, rng: random.Random, state: str | None = None) -> Case:
    rs = [r for r in f.of_type("CarePlan") if state is None or status(r) == state]
    label = "active " if state == "active" else ""
    st = structure(["CarePlan"], status=state)
    if not rs:
        return Case([], f.say("No {l}care plans are recorded for {him}.", l=label), st)
    plans = [f"from {day(r)}: {_activities(r)}" for r in rs]
    text = f.say("{He} {has} {n} ({p}).", n=plural(len(rs), f"{label}care plan"), p=listing(plans, 3))
    return Case(f.cite(rs), text, st)


@gold("devices")
def devices(f: Facts, rng: random.Random) -> Case:
    rs = f.of_type("Device")
    st = structure(["Device"])
    if not rs:
        return Case([], f.say("No devices are recorded for {him}."), st)
    names = [f"{lay.clean(f.display(r)) or 'a device of unrecorded type'} ({day(r) or 'undated'}, {status(r)})"
             for r in rs]
    return Case(f.cite(rs), f.say("{n} recorded: {x}.", n=plural(len(rs), "device is", "devices are"),
                                  x=listing(names, 5)), st)


@gold("billing")
def billing(f: Facts, rng: random.Random) -> Case | None:
    resources = f.record.resources
    claims_of: dict[str, list[Resource]] = {}
    for c in resources:
        if c.get("resourceType") == "Claim":
            for x in references(c):
                if x.startswith("Encounter/"):
                    claims_of.setdefault(x, []).append(c)
    encs = {ref(e): e for e in f.of_type("Encounter")}
    per_day = Counter(day(e) for e in encs.values())
    pool = sorted(k for k in claims_of if k in encs and per_day[day(encs[k])] == 1)
    if not pool:
        return None
    enc = encs[rng.choice(pool)]
    claims = claims_of[ref(enc)]
    claim_refs = {ref(c) for c in claims}
    eobs = [e for e in resources if e.get("resourceType") == "ExplanationOfBenefit"
            and (claim_refs & set(references(e)) or ref(enc) in references(e))]
    totals = [f"{(rendered(c, 'total ') or ['no total'])[0]} ({lay.clean(f.display(c))})" for c in claims]
    text = f.say("The {d} visit was billed in {n}: {t}.", d=day(enc), n=plural(len(claims), "claim"),
                 t=listing(totals, 4))
    st = structure(["Claim", "ExplanationOfBenefit"], visit=ref(enc))
    return Case(f.cite(claims + eobs), text, st, {"date": day(enc)})
