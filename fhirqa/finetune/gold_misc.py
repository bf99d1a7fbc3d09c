"""Gold rules for counts, yes/no questions, explicit time windows and questions the record cannot answer."""

from __future__ import annotations

import random

from ..fields import day, status
from . import lay, lay_obs
from .gold import MED_TYPES, Case, Facts, by_date, gold, listing, plural, structure
from .gold_obs import window_context
from .gold_people import askable_condition
from .windows import pick_window

ALLERGENS = [("penicillin", ["penicillin", "amoxicillin"]), ("peanuts", ["peanut"]),
             ("shellfish", ["shellfish", "shrimp"]), ("latex", ["latex"]),
             ("sulfa drugs", ["sulfa", "sulfonamide"]), ("aspirin", ["aspirin"]),
             ("eggs", ["egg"]), ("bee stings", ["bee"]), ("cats", ["cat dander", "animal dander"]),
             ("codeine", ["codeine"]), ("ibuprofen", ["ibuprofen", "nsaid"]), ("tree nuts", ["nut"]),
             ("pollen", ["pollen"]), ("dust mites", ["mite"]), ("mold", ["mold", "mould"])]
TESTS = [("MRI", ["magnetic resonance", "mri"]), ("CT scan", ["computed tomography", "ct scan", " ct "]),
         ("colonoscopy", ["colonoscopy"]), ("mammogram", ["mammogra"]),
         ("eye exam", ["ophthalm", "eye exam", "retina"]),
         ("genetic test", ["genetic", "genom", "dna"]), ("sleep study", ["sleep", "polysomno"]),
         ("EKG", ["electrocardio", "ecg", "ekg"]), ("stress test", ["stress test", "exercise tolerance"]),
         ("hearing test", ["audiometr", "hearing"]), ("skin biopsy", ["biopsy"])]
PERSONAL = [("religion", ["religion"]), ("emergency contact", ["emergency contact"]),
            ("blood type", ["blood group", "abo"]),
            ("organ donor status", ["organ donor"]), ("family history", ["family history"])]
WINDOW_TYPES = {  # type -> (noun in the answer, verb, how the question names them)
    "Condition": ("condition", "recorded", ["diagnoses", "conditions", "health problems", "dx"]),
    "MedicationRequest": ("prescription", "written", ["prescriptions", "meds", "medications"]),
    "Procedure": ("procedure", "done", ["procedures", "procedures or tests"]),
    "Immunization": ("immunization", "given", ["vaccines", "shots", "immunizations", "jabs"]),
    "Encounter": ("visit", "recorded", ["visits", "appointments", "encounters"]),
}


def _texts(f: Facts, *types: str) -> str:
    """Every display of the record's resources of these types, lower-cased, for absence checks."""
    pool = f.of_type(*types) if types else f.clinical
    return " ".join(f.display(r).lower() for r in pool) + " "


def _absent(f: Facts, words: list[str], *types: str) -> bool:
    text = _texts(f, *types)
    return not any(w.lower() in text for w in words)


# -- counts ---------------------------------------------------------------------------------------------

@gold("count_visits")
def count_visits(f: Facts, rng: random.Random) -> Case | None:
    rs = f.of_type("Encounter")
    if not rs:
        return None
    text = f.say("{He} {has} {n} in the record, from {a} to {b}.", n=plural(len(rs), "visit"), a=day(rs[0]),
                 b=day(rs[-1]))
    return Case(f.cite(rs), text, structure(["Encounter"], order="count"))


@gold("count_active_meds")
def count_active_meds(f: Facts, rng: random.Random) -> Case:
    rs = [r for r in f.of_type("MedicationRequest", "MedicationStatement") if status(r) == "active"]
    st = structure(["MedicationRequest", "MedicationStatement"], order="count", status="active")
    if not rs:
        return Case([], f.say("No active medications are recorded for {him}."), st)
    names = list(dict.fromkeys(lay.clean(f.display(r)) for r in by_date(rs)))
    return Case(f.cite(rs), f.say("{He} {has} {n}: {x}.", n=plural(len(names), "active medication"),
                                  x=listing(names, 6)), st)


@gold("count_vaccines")
def count_vaccines(f: Facts, rng: random.Random) -> Case | None:
    rs = f.of_type("Immunization")
    if not rs:
        return None
    text = f.say("{He} {has} received {n} ({k}), from {a} to {b}.", n=plural(len(rs), "immunization"),
                 k=plural(len(f.concepts["vaccine"]), "kind"), a=day(rs[0]), b=day(rs[-1]))
    return Case(f.cite(rs), text, structure(["Immunization"], order="count"))


@gold("count_conditions")
def count_conditions(f: Facts, rng: random.Random) -> Case | None:
    rs = [r for r in f.of_type("Condition") if status(r) == "active"]
    st = structure(["Condition"], order="count", status="active")
    if not rs:
        return Case([], f.say("No active conditions are recorded for {him}."), st)
    names = list(dict.fromkeys(lay.clean(f.display(r)) for r in rs))
    return Case(f.cite(rs), f.say("{He} {has} {n}: {x}.", n=plural(len(names), "active condition"),
                                  x=listing(names, 6)), st)


# -- yes / no -------------------------------------------------------------------------------------------

@gold("condition_yes_no")
def condition_yes_no(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("condition", rng, askable_condition)
    absent = [(code, words) for code, words in lay.CONDITIONS.items()
              if not any(code in x.codes for x in f.concepts["condition"]) and _absent(f, words, "Condition")]
    if c and (not absent or rng.random() < 0.6):
        rs = by_date(c.resources)
        state = "still active" if status(rs[-1]) == "active" else f"now {status(rs[-1]) or 'inactive'}"
        text = f.say("Yes. {x} was recorded on {d} and is {s}.", x=c.name, d=day(rs[0]), s=state)
        return Case(f.cite(rs), text, structure(["Condition"], c.codes, order="exists"), {"x": rng.choice(c.lay)})
    if not absent:
        return None
    code, words = rng.choice(absent)
    x = rng.choice(words)
    return Case([], f.say("No. The record has no diagnosis of {x}.", x=x),
                 structure(["Condition"], [code], order="exists"), {"x": x})


@gold("allergy_yes_no")
def allergy_yes_no(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("allergy", rng)
    absent = [(x, words) for x, words in ALLERGENS if _absent(f, words, "AllergyIntolerance")]
    if c and (not absent or rng.random() < 0.5):
        r = by_date(c.resources)[-1]
        text = f.say("Yes. An allergy to {x} is recorded ({d}, {s}).", x=lay.lower_first(c.name), d=day(r), s=status(r))
        return Case(f.cite(c.resources), text, structure(["AllergyIntolerance"], c.codes, order="exists"),
                    {"x": rng.choice(c.lay)})
    if not absent:
        return None
    x, _ = rng.choice(absent)
    return Case([], f.say("No. No allergy to {x} is recorded.", x=x),
                 structure(["AllergyIntolerance"], order="exists"), {"x": x})


@gold("vaccine_yes_no")
def vaccine_yes_no(f: Facts, rng: random.Random) -> Case | None:
    c = f.concept("vaccine", rng)
    have = {x.name for x in f.concepts["vaccine"]}
    absent = [(codes, name, words) for codes, name, words in lay.VACCINES if name not in have]
    if c and (not absent or rng.random() < 0.6):
        rs = by_date(c.resources)
        text = f.say("Yes. {He} received the {x} {n}, most recently on {d}.", x=c.name,
                     n=plural(len(rs), "time"), d=day(rs[-1]))
        return Case(f.cite(rs), text, structure(["Immunization"], c.codes, order="exists"), {"x": rng.choice(c.lay)})
    if not absent:
        return None
    codes, name, words = rng.choice(absent)
    return Case([], f.say("No. No {x} is recorded.", x=name),
                structure(["Immunization"], sorted(codes), order="exists"), {"x": rng.choice(words)})


# -- windows --------------------------------------------------------------------------------------------

@gold("window_list")
def window_list(f: Facts, rng: random.Random) -> Case | None:
    options = [t for t in WINDOW_TYPES if f.of_type(t)]
    if not options:
        return None
    rtype = rng.choice(options)
    pool = f.of_type(rtype)
    w = pick_window([day(r) for r in pool], rng, window_context(f))
    if not w:
        return None
    rs = [r for r in pool if w.holds(day(r))]
    noun, verb, words = WINDOW_TYPES[rtype]
    shown = listing([f"{lay.clean(f.display(r))} ({day(r)})" for r in rs], 6)
    text = f.say("{n} {v} {w}: {s}.", n=plural(len(rs), f"{noun} was", f"{noun}s were"), v=verb, w=w.phrase, s=shown)
    types = list(MED_TYPES[:1]) if rtype == "MedicationRequest" else [rtype]
    return Case(f.cite(rs), text, structure(types, window=w.bounds()), {"window": w.phrase, "x": rng.choice(words)})


# -- what the record cannot answer ----------------------------------------------------------------------

@gold("absent_lab")
def absent_lab(f: Facts, rng: random.Random) -> Case | None:
    have = {f.coding(r)[1] for r in f.of_type("Observation")}
    pool = [(cd, name, words) for cd, name, words in lay_obs.ABSENT_LABS
            if cd not in have and _absent(f, [name], "Observation", "DiagnosticReport")]
    if not pool:
        return None
    cd, name, words = rng.choice(pool)
    return Case([], f.say("The record holds no {x} results.", x=name),
                structure(["Observation"], [cd], order="latest"), {"x": rng.choice(words)})


@gold("absent_condition")
def absent_condition(f: Facts, rng: random.Random) -> Case | None:
    pool = [(code, words) for code, words in lay.CONDITIONS.items()
            if not any(code in x.codes for x in f.concepts["condition"]) and _absent(f, words, "Condition")]
    if not pool:
        return None
    code, words = rng.choice(pool)
    x = rng.choice(words)
    return Case([], f.say("The record holds no information about {x}.", x=x),
                structure(["Condition"], [code], order="first"), {"x": x})


@gold("absent_med")
def absent_med(f: Facts, rng: random.Random) -> Case | None:
    names = sorted({w for words in lay.MED_CLASSES.values() for w in words if len(w) > 5} | set(lay.BRANDS))
    pool = [n for n in names if _absent(f, [n], *MED_TYPES)]
    if not pool:
        return None
    x = rng.choice(pool)
    return Case([], f.say("The record holds no {x} prescriptions.", x=x),
                structure(MED_TYPES, order="latest"), {"x": x})


@gold("absent_test")
def absent_test(f: Facts, rng: random.Random) -> Case | None:
    pool = [(x, words) for x, words in TESTS if _absent(f, words)]
    if not pool:
        return None
    x, _ = rng.choice(pool)
    return Case([], f.say("The record holds no {x}.", x=x),
                structure(["Procedure", "ImagingStudy", "DiagnosticReport"], order="latest"), {"x": x})


@gold("absent_personal")
def absent_personal(f: Facts, rng: random.Random) -> Case | None:
    has_contact = bool(f.patient.get("contact"))
    pool = [x for x, words in PERSONAL if _absent(f, words) and not (x == "emergency contact" and has_contact)]
    if not pool:
        return None
    x = rng.choice(pool)
    return Case([], f.say("The record holds no information about {his} {x}.", x=x), structure([]), {"x": x})
