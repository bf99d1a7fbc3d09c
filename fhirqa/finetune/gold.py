"""Gold relevance and gold answers: what a careful clinician must read to answer each intent, and the answer.

`Facts` is a read-only view of one Record (topics, concepts, pronouns); every gold rule is a function
`(facts, rng, **params) -> Case | None` registered under a name with `@gold(name)`. It returns None when
the intent does not apply to this patient (no such topic, no such field).
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable

from ..fields import Resource, code, day, ref, references
from ..records import Record
from ..render import quantity, render
from . import lay, lay_obs
from .intents import fill, pronouns
from .lay_obs import ObsConcept

# Never the topic of a clinical question: billing, audit, and directory resources.
NOT_CLINICAL = {"Claim", "ExplanationOfBenefit", "Provenance", "Organization", "Practitioner",
                "PractitionerRole", "Location", "Coverage", "Medication", "Patient"}
MED_TYPES = ("MedicationRequest", "MedicationAdministration", "MedicationStatement")


@dataclass
class Case:
    """One gold question instance: slots for the phrasing, gold refs, gold answer, structure by construction."""

    relevant: list[str]
    answer: str
    structure: dict
    slots: dict[str, str] = field(default_factory=dict)


@dataclass
class Concept:
    """A topic a question can name: resource types + codes, the answer's name, lay names, its resources."""

    kind: str
    types: tuple[str, ...]
    codes: tuple[str, ...]
    name: str
    lay: list[str]
    resources: list[Resource]
    obs: ObsConcept | None = None
    display: str = ""              # the record's display text, semantic tag kept


GOLD: dict[str, Callable[..., Case | None]] = {}


def gold(name: str):
    """Register a gold rule under `name`."""
    def deco(fn):
        GOLD[name] = fn
        return fn
    return deco


def structure(types: Iterable[str], codes: Iterable[str] = (), window=None, order: str = "all",
              status: str | None = None, visit: str | None = None) -> dict:
    """The question's structure as known by construction."""
    return {"types": list(types), "codes": list(codes), "window": window, "order": order,
            "status": status, "visit": visit}


def by_date(resources: Iterable[Resource]) -> list[Resource]:
    """Resources sorted by date, then by reference (stable, deterministic)."""
    return sorted(resources, key=lambda r: (day(r), ref(r)))


def listing(names: Iterable[str], limit: int = 6) -> str:
    """'a, b and c' (distinct, in order), with 'and N more' past `limit`."""
    items = list(dict.fromkeys(n for n in names if n))
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def rendered(r: Resource, prefix: str) -> list[str]:
    """The parts of the rendered line starting with `prefix`: answers quote what the answer model will see."""
    return [p[len(prefix):].strip() for p in render(r).split(" | ") if p.startswith(prefix)]


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 visit', '3 visits'."""
    return f"{n} {word if n == 1 else many or word + 's'}"


class Facts:
    """What the gold rules read from one Record, computed once."""

    def __init__(self, record: Record):
        self.record = record
        self.patient: Resource = record.patient_resource or {}
        given = ((self.patient.get("name") or [{}])[0].get("given") or ["the patient"])[0]
        self.first_name = "".join(ch for ch in given if not ch.isdigit()) or "the patient"
        self.p = pronouns(self.patient.get("gender", ""), self.first_name)
        self.birth = self.patient.get("birthDate", "")[:10]
        self.death = (self.patient.get("deceasedDateTime") or "")[:10]
        self._codings: dict[tuple, tuple[str, str, str]] = {}

    def say(self, template: str, **slots) -> str:
        """An answer sentence with pronoun slots filled."""
        return fill(template, self.p | slots, capitalize=True)

    @cached_property
    def clinical(self) -> list[Resource]:
        return by_date(r for r in self.record.resources if r.get("resourceType") not in NOT_CLINICAL)

    @cached_property
    def last_day(self) -> str:
        return max((day(r) for r in self.clinical if day(r)), default=self.birth)

    def of_type(self, *types: str) -> list[Resource]:
        return [r for r in self.clinical if r["resourceType"] in types]

    @cached_property
    def by_encounter(self) -> dict[str, list[Resource]]:
        """Encounter ref -> the clinical resources pointing at it (`encounter`, `context.encounter`...)."""
        index: dict[str, list[Resource]] = {}
        for r in self.clinical:
            for x in dict.fromkeys(references(r)):
                if x.startswith("Encounter/") and x != ref(r):
                    index.setdefault(x, []).append(r)
        return index

    def coding(self, r: Resource) -> tuple[str, str, str]:
        """fields.code, following medicationReference to the Medication resource when the code is not inline."""
        key = (r.get("resourceType"), r.get("id"))
        if key[1] is not None and key in self._codings:
            return self._codings[key]
        found = self._coding(r)
        if key[1] is not None:
            self._codings[key] = found
        return found

    def _coding(self, r: Resource) -> tuple[str, str, str]:
        found = code(r)
        if not found[1] and r["resourceType"] in MED_TYPES:
            target = (r.get("medicationReference") or {}).get("reference", "")
            med = self.record.by_ref.get(target)
            if med:
                found = code(med)
        return found

    def key(self, r: Resource) -> str:
        c = self.coding(r)
        return c[1] or c[2]

    def display(self, r: Resource) -> str:
        return self.coding(r)[2] or self.coding(r)[1]

    def cite(self, resources: Iterable[Resource]) -> list[str]:
        """Refs of the resources by date, plus each Medication they point at (its name is needed to read them)."""
        out = [ref(r) for r in by_date(resources)]
        meds = [x for r in resources for x in references(r) if x.startswith("Medication/")]
        return list(dict.fromkeys([x for x in meds if x in self.record.by_ref] + out))

    # -- concepts -------------------------------------------------------------------------------------
    def _coded(self, kind: str, types: tuple[str, ...], lay_of) -> list[Concept]:
        groups: dict[str, list[Resource]] = {}
        for r in self.of_type(*types):
            if self.key(r):
                groups.setdefault(self.key(r), []).append(r)
        out = []
        for key, rs in groups.items():
            disp = Counter(self.display(r) for r in rs).most_common(1)[0][0]
            out.append(Concept(kind, types, (key,), lay.clean(disp), lay_of(key, disp), rs, display=disp))
        return out

    @cached_property
    def concepts(self) -> dict[str, list[Concept]]:
        c = {
            "condition": self._coded("condition", ("Condition",), lay.condition_lay),
            "med": self._coded("med", MED_TYPES, lambda k, d: lay.med_lay(d)),
            "allergy": self._coded("allergy", ("AllergyIntolerance",),
                                   lambda k, d: [lay.lower_first(lay.clean(d))]),
            "procedure": self._coded("procedure", ("Procedure",), lay.procedure_lay),
            "imaging": self._coded("imaging", ("ImagingStudy",), lay.procedure_lay),
            "vaccine": self._vaccines(),
            "lab": self._observations("lab"),
            "vital": self._observations("vital"),
        }
        for concepts in c.values():  # a lay word naming two topics of the record would be ambiguous
            seen = Counter(w.lower() for x in concepts for w in dict.fromkeys(x.lay))
            for x in concepts:
                x.lay = [w for w in x.lay if seen[w.lower()] == 1] or [x.name]
        return c

    def _vaccines(self) -> list[Concept]:
        groups: dict[str, list[Resource]] = {}
        names: dict[str, tuple[str, list[str]]] = {}
        for r in self.of_type("Immunization"):
            _, cd, disp = self.coding(r)
            found = lay.vaccine_group(cd)
            name, words = found if found else (disp, [disp])
            groups.setdefault(name, []).append(r)
            names[name] = (name, words)
        out = []
        for name, rs in groups.items():
            codes = tuple(sorted({self.coding(r)[1] for r in rs}))
            out.append(Concept("vaccine", ("Immunization",), codes, name, list(names[name][1]), rs))
        return out

    def _observations(self, kind: str) -> list[Concept]:
        obs = self.of_type("Observation")
        out = []
        for oc in lay_obs.OBS:
            if oc.kind != kind:
                continue
            rs = [r for r in obs if self.coding(r)[1] in oc.codes and self.value(r)]
            if rs:
                codes = tuple(sorted({self.coding(r)[1] for r in rs}))
                out.append(Concept(kind, ("Observation",), codes, oc.name, list(oc.lay), rs, oc))
        if kind == "lab":  # other numeric lab results, named by their display
            known = {c for oc in lay_obs.OBS for c in oc.codes}
            other: dict[str, list[Resource]] = {}
            for r in obs:
                if self.coding(r)[1] not in known and is_lab(r) and "valueQuantity" in r and "?" not in self.display(r):
                    other.setdefault(self.coding(r)[1], []).append(r)
            for cd, rs in other.items():
                name = lay.lab_name(self.display(rs[0]))
                out.append(Concept(kind, ("Observation",), (cd,), name, [name, lay.lower_first(name)], rs))
        return out

    def concept(self, kind: str, rng: random.Random, pred=None) -> Concept | None:
        """A random concept of this kind present in the record (optionally filtered)."""
        pool = [c for c in self.concepts[kind] if pred is None or pred(c)]
        return rng.choice(pool) if pool else None

    # -- observation values ---------------------------------------------------------------------------
    def value(self, r: Resource) -> str:
        """An Observation's value as the answer states it, e.g. '5.8 %', '127/89 mmHg'."""
        if self.coding(r)[1] == lay_obs.BP_PANEL:
            parts = {code(c)[1]: c.get("valueQuantity") for c in r.get("component") or []}
            s, d = parts.get(lay_obs.BP_SYSTOLIC), parts.get(lay_obs.BP_DIASTOLIC)
            if s and d:
                return f"{quantity({'value': s['value']})}/{quantity({'value': d['value']})} mmHg"
        if "valueQuantity" in r:
            return _tidy_unit(quantity(r["valueQuantity"]))
        if "valueCodeableConcept" in r:
            return lay.clean(code({"resourceType": "x", "code": r["valueCodeableConcept"]})[2])
        for k in ("valueString", "valueInteger", "valueBoolean"):
            if k in r:
                return str(r[k])
        return ""

    def number(self, r: Resource) -> float | None:
        """An Observation's numeric value (systolic for a blood-pressure panel)."""
        q = r.get("valueQuantity")
        if q and isinstance(q.get("value"), (int, float)):
            return float(q["value"])
        for c in r.get("component") or []:
            v = (c.get("valueQuantity") or {}).get("value")
            if code(c)[1] == lay_obs.BP_SYSTOLIC and isinstance(v, (int, float)):
                return float(v)
        return None

    def readings(self, concept: Concept, resources: Iterable[Resource] | None = None
                 ) -> list[tuple[str, str, Resource]]:
        """(day, value, resource) per measurement, one per day and value; a BP panel wins over its parts."""
        rs = by_date(concept.resources if resources is None else resources)
        panels_days = {day(r) for r in rs if self.coding(r)[1] == lay_obs.BP_PANEL and self.value(r)}
        out, seen = [], set()
        for r in rs:
            cd = self.coding(r)[1]
            if cd in (lay_obs.BP_SYSTOLIC, lay_obs.BP_DIASTOLIC):
                if day(r) in panels_days:
                    continue
                name = "systolic" if cd == lay_obs.BP_SYSTOLIC else "diastolic"
                v = f"{name} {self.value(r)}"
            else:
                v = self.value(r)
            if v and (day(r), v) not in seen:
                seen.add((day(r), v))
                out.append((day(r), v, r))
        return out


def is_lab(r: Resource) -> bool:
    """True for an Observation in the 'laboratory' category."""
    return any(c.get("code") == "laboratory" for cat in r.get("category") or [] for c in cat.get("coding") or [])


def _tidy_unit(text: str) -> str:
    """'2 {score}' -> '2', 'mm[Hg]' -> 'mmHg' (UCUM annotations read badly in an answer)."""
    return re.sub(r"\s*\{[^}]*\}", "", text).replace("mm[Hg]", "mmHg").strip()


def load_rules() -> dict[str, Callable[..., Case | None]]:
    """Every gold rule, registered by importing the rule modules."""
    from . import gold_care, gold_misc, gold_obs, gold_people  # noqa: F401

    return GOLD
