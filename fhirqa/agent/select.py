"""Applies a question's structure (window, status, visit, follow-up) to the resources of relevant topics."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Sequence

from ..backends.topic_match import NOT_TERMS, own_words, question_terms, same, words
from ..fields import Resource, day, ref, references, status, when
from ..topics import NOT_CLINICAL, STOP
from .structure import Structure

STATUS_TYPES = {"Condition", "AllergyIntolerance", "MedicationRequest", "MedicationStatement", "CarePlan", "Device", "Coverage"}
ACTIVE = {"active", "recurrence", "relapse", "on-hold", "intended"}
CLASSES = {"IMP": {"IMP", "ACUTE"}, "EMER": {"EMER"}}
# Types that say the kind when the class does not (python Synthea files a "Hospital admission" as EMER).
TYPED = {"IMP": r"^(?!.*\bemergency\b).*\b(?:hospital admission|inpatient|admission to)\b", "EMER": r"\bemergency\b"}
# What is given or done at a visit: none of it there means none, not the same thing at other visits.
GIVEN_AT_VISITS = {"MedicationRequest", "MedicationAdministration", "Medication", "Immunization", "Procedure"}


def follow_up_window(s: Structure, previous: Sequence[Resource]) -> Structure:
    """"And before that?": the window ends before (or starts after) what the previous answer cited."""
    days = sorted(d for d in (day(r) for r in previous) if d)
    if not days or s.follow_up not in ("before", "after"):
        return s
    if s.follow_up == "before":
        return replace(s, end=(date.fromisoformat(days[0]) - timedelta(days=1)).isoformat())
    return replace(s, start=(date.fromisoformat(days[-1]) + timedelta(days=1)).isoformat())


def _names(value) -> list[str]:
    """Every `display` and `text` inside a FHIR element."""
    if isinstance(value, list):
        return [x for v in value for x in _names(v)]
    if isinstance(value, dict):
        return [v for k, v in value.items() if k in ("display", "text") and isinstance(v, str)] + _names(
            [v for k, v in value.items() if isinstance(v, (dict, list))])
    return []


def _of_kind(r: Resource, kind: str | None) -> bool:
    """Whether an Encounter is of the kind asked (IMP: inpatient or acute, EMER: emergency)."""
    return bool(kind) and ((r.get("class") or {}).get("code") in CLASSES[kind]
                           or bool(re.search(TYPED[kind], " ".join(_names(r.get("type"))).lower())))


def _named_by(terms: list[str], names: list[str]) -> int:
    """How many of the terms the names share ("covid" and "Hospital admission for isolation; COVID-19": 1)."""
    said = words(" ".join(names).replace("_", " "))  # Synthea's reason texts: "Acute_Cholecystitis"
    return sum(any(same(t, w) for w in said) for t in terms)


def described_visits(s: Structure, resources: Sequence[Resource]) -> list[Resource]:
    """The Encounters a visit named by what it was for can be ("the covid hospitalization"): of the day
    asked, those whose type, reason or diagnoses there share the most describing words, of the kind asked
    if any is (a "sepsis admission" may be recorded as an emergency visit); by date. The word said itself wins over
    its lexicon synonyms when it names every visit they do and more ("addiction" visits: Synthea's reason
    "opioid_drug_addiction", where "drug abuse" names only those with the diagnosis)."""
    said = " ".join(s.visit_for)
    terms = question_terms(said.replace("-", " "))  # "well-child": well, child
    own = [w for w in words(said) if w not in STOP and len(w) > 3]  # "the allergic reaction"
    if not (terms or own):
        return []
    dated = s.visit if s.visit and s.visit[:4].isdigit() else None
    encounters = [r for r in resources if r.get("resourceType") == "Encounter"
                  and (day(r) == dated if dated else s.contains(day(r)))]
    said_at = _said_at(encounters, resources)
    most = max(len({w for w in words(said) if w not in NOT_TERMS}), 1)  # lexicon synonyms count no more than the words said
    found = _best(terms or own, encounters, said_at, most, resources)
    plain = [w for w in own if w not in NOT_TERMS and w not in terms]
    kept = [w for w in own if w in terms]
    if terms and plain and not kept:  # every word said stood for its synonyms
        wider = _best(plain, encounters, said_at, most)
        if len(wider) > len(found) and {ref(e) for e in found} <= {ref(e) for e in wider}:
            found = wider
    elif terms and plain:  # "seen for his opioid addiction": visits naming every word said ("opioid_drug_addiction")
        whole = plain + kept  # beat those naming a synonym
        found = [e for e in encounters if _named_by(whole, said_at[ref(e)]) == len(whole)] or found
    of_kind = [e for e in found if _of_kind(e, s.visit_kind)]
    if re.search(r"\bfollow-?ups?\b|\bf/u\b", (s.asked or "").lower()):  # "hypertension follow-up visits": those typed
        of_kind = [e for e in of_kind or found if re.search(r"(?i)follow", " ".join(_names(e.get("type"))))] or of_kind
    return sorted(of_kind or found, key=lambda r: when(r) or "")


def _said_at(encounters: list[Resource], resources: Sequence[Resource]) -> dict[str, list[str]]:
    """Each encounter's type, reason, and the conditions diagnosed there or given as its reason."""
    diagnosed: dict[str, list[str]] = {}
    conditions: dict[str, list[str]] = {}
    for r in resources:
        if r.get("resourceType") == "Condition":
            conditions[ref(r)] = _names(r.get("code"))
            for x in _encounters(r):
                diagnosed.setdefault(x, []).extend(conditions[ref(r)])
    for e in encounters:  # "admissions for lung cancer": a reason given by reference to the condition
        for x in e.get("reasonReference") or []:
            diagnosed.setdefault(ref(e), []).extend(conditions.get(x.get("reference", ""), []))
    return {ref(e): _names(e.get("type")) + _names(e.get("reasonCode")) + diagnosed.get(ref(e), []) for e in encounters}


def _best(terms: list[str], encounters: list[Resource], said_at: dict[str, list[str]], most: int,
          resources: Sequence[Resource] = ()) -> list[Resource]:
    """The encounters whose `said_at` names share the most of `terms` (at most `most` count); given `resources`, when
    none does, those known by a procedure done there ("the colonoscopy appointment")."""
    score = {ref(e): min(_named_by(terms, said_at[ref(e)]), most) for e in encounters}
    best = max(score.values(), default=0)
    if not best and resources:
        performed: dict[str, list[str]] = {}
        for r in resources:
            if r.get("resourceType") == "Procedure":
                for x in _encounters(r):
                    performed.setdefault(x, []).extend(_names(r.get("code")))
        score = {ref(e): min(_named_by(terms, performed.get(ref(e), [])), most) for e in encounters}
        best = max(score.values(), default=0)
    return [e for e in encounters if best and score[ref(e)] == best]


EVENT_TYPES = {"Condition", "MedicationRequest", "MedicationStatement", "Procedure", "Encounter", "Immunization"}


def event_window(s: Structure, resources: Sequence[Resource]) -> Structure:
    """The window of a question that starts or ends at an event ("since his hypertension diagnosis"):
    from (or up to the day before) the first resource the event's words name best, of the year given."""
    if not s.event:
        return s
    side, said, year = s.event
    last = re.fullmatch(r"(?:last|latest|most recent|previous)\s+(.+)", said)
    if last:  # "since his last annual physical": from the day after that visit
        seen = visit_of(replace(s, visit="latest", visit_for=tuple(last.group(1).split()), event=None), resources, [])
        days = sorted(day(r) for r in resources if ref(r) in seen and day(r))
        if not days:
            return s
        edge = date.fromisoformat(days[-1])
        return (replace(s, start=(edge + timedelta(days=1)).isoformat(), end=None) if side == "after"
                else replace(s, start=None, end=(edge - timedelta(days=1)).isoformat()))
    terms = question_terms(said)
    terms += [w for w in own_words(said) if w not in terms]  # "the kidney transplant": kidney too, not only its labs
    meds = {ref(r): _names(r.get("code")) for r in resources if r.get("resourceType") == "Medication"}
    score = {}
    for r in resources:
        if r.get("resourceType") not in EVENT_TYPES or not day(r) or year and not day(r).startswith(year):
            continue
        names = _names([r.get(k) for k in ("code", "medicationCodeableConcept", "type", "reasonCode", "vaccineCode")])
        names += meds.get((r.get("medicationReference") or {}).get("reference", ""), [])
        found = _named_by(terms, names)
        if found:
            score[ref(r)] = (found, r)
    if not score:
        return s
    best = max(n for n, _ in score.values())
    first = min(day(r) for n, r in score.values() if n == best)
    if side == "after":
        return replace(s, start=first, end=None)
    return replace(s, start=None, end=(date.fromisoformat(first) - timedelta(days=1)).isoformat())


def visits_of_kind(s: Structure, resources: Sequence[Resource], kind: str) -> list[str]:
    """`Encounter/id` of the visits of a class, or of classes "IMP|EMER" ("has he been hospitalized?", "ER visits in
    2019", "ED visits and inpatient stays")."""
    dated = [r for r in resources if r.get("resourceType") == "Encounter" and s.contains(day(r))]
    found = [ref(r) for r in dated if any(_of_kind(r, k) for k in kind.split("|"))]
    if not found and kind == "IMP" and s.window:  # "in the hospital that November": a stay recorded as an emergency
        found = [ref(r) for r in dated if _of_kind(r, "EMER")]
    return found


def dated_stays(s: Structure, resources: Sequence[Resource]) -> set[str] | None:
    """For a visit named by kind, window and a description no visit fits, `Encounter/id` of the visits of that
    kind in the window ("in the hospital with my gallbladder in january 2027": that month's stay, though its name
    says no gallbladder; an emergency visit if it held no stay); None for other questions."""
    if not (s.visit_kind and s.visit_for and s.window):
        return None
    dated = [r for r in resources if r.get("resourceType") == "Encounter" and s.contains(day(r))]
    return ({ref(r) for r in dated if _of_kind(r, s.visit_kind)}
            or {ref(r) for r in dated if s.visit_kind == "IMP" and _of_kind(r, "EMER")})


def visit_of(s: Structure, resources: Sequence[Resource], previous: Sequence[Resource]) -> set[str]:
    """`Encounter/id` of the visit the question is about (every one of that day for a dated visit)."""
    encounters = sorted((r for r in resources if r.get("resourceType") == "Encounter"), key=lambda r: when(r) or "")
    if not s.visit or not encounters:
        return set()
    described = described_visits(s, resources) if s.visit_for else []
    if described:
        at = {"first": slice(0, 1), "latest": slice(-1, None), "previous": slice(-2, -1)}.get(s.visit, slice(None))
        return {ref(r) for r in described[at]}
    stays = dated_stays(s, encounters)
    if stays is not None:
        return stays
    if s.visit_kind and not s.visit_for:  # "during his hospitalization", "in the ER": visits of that kind
        encounters = [r for r in encounters if _of_kind(r, s.visit_kind) and s.contains(day(r))]
        if s.visit == "any" or not encounters:
            return {ref(r) for r in encounters}
    if s.visit == "any":  # the visits of a time named; a description that fits no visit: not about one
        return set() if s.visit_for else {ref(r) for r in encounters if s.window and s.contains(day(r))}
    if s.visit == "same":
        linked = [ref(r) for r in previous if r.get("resourceType") == "Encounter"]
        linked += [x for r in previous for x in _encounters(r)]
        return {linked[0] if linked else ref(encounters[-1])}
    if s.visit in ("first", "latest", "previous"):
        at = {"first": 0, "latest": -1, "previous": -2}[s.visit]
        return {ref(encounters[at])} if len(encounters) >= abs(at) else set()
    return {ref(r) for r in encounters if day(r) == s.visit}


def _encounters(r: Resource) -> list[str]:
    """The Encounters a resource points at (`encounter`, `context.encounter`, a claim's items...)."""
    return [x for x in dict.fromkeys(references(r)) if x.startswith("Encounter/")]


# Foods Synthea files under another allergy category (tree nut, fish and shellfish as "environment").
FOODS = {"peanut", "nut", "fish", "shellfish", "milk", "egg", "eggs", "wheat", "soy", "sesame", "shrimp", "food"}


def _allergy_ok(r: Resource, kind: str | None) -> bool:
    """Whether an allergy is of the kind asked ("drug allergies"); foods go by name as well as category."""
    if not kind or r.get("resourceType") != "AllergyIntolerance":
        return True
    food = bool(FOODS & set(words(" ".join(_names(r.get("code"))))))
    if kind == "food" and food or kind == "environment" and food:
        return kind == "food"
    return kind in (r.get("category") or [])


def _status_ok(r: Resource, wanted: str | None) -> bool:
    if wanted == "active" and r.get("resourceType") == "MedicationAdministration":
        return False  # a dose given in hospital is past, not a current drug ("still on the lovenox?")
    if not wanted or r.get("resourceType") not in STATUS_TYPES:
        return True
    return (status(r) in ACTIVE) == (wanted == "active")


def _with_status(chosen: list[Resource], wanted: str | None) -> list[Resource]:
    """The chosen resources of the wanted status; for "active-if-any", the active ones if there are any."""
    if wanted == "active-if-any":
        active = [r for r in chosen if _status_ok(r, "active")]
        has_active = any(r.get("resourceType") in STATUS_TYPES for r in chosen if status(r) in ACTIVE)
        return active if has_active else chosen
    return [r for r in chosen if _status_ok(r, wanted)]


def _at_visits(visits: set[str], resources: Sequence[Resource]) -> set[str]:
    """Refs of the visits' Encounters and of what points at them; a resource naming no Encounter belongs to
    the visit of what it points at (a claim's explanation of benefit)."""
    if not visits:
        return set()
    direct = visits | {ref(r) for r in resources if not visits.isdisjoint(_encounters(r))}
    return direct | {ref(r) for r in resources if not _encounters(r) and not direct.isdisjoint(references(r))}


def apply(s: Structure, resources: Sequence[Resource], kept: Sequence[bool],
          previous: Sequence[Resource] = (), topical: bool = True) -> list[str]:
    """Refs of the resources that are on topic (`kept`) and satisfy the structure, with the Medications they name.

    `topical` is False for questions about a visit as a whole ("what happened at her last visit?"):
    then every clinical resource of that visit is relevant. A dated visit with no Encounter that day
    reads as that day; a measurement not recorded at the visit asked about ("her weight at the last visit")
    falls back to all of that topic (a drug, shot or procedure not given there: the visit alone), and when there is
    none of it that day either ("what tests were done at her prenatal visit?", recorded as procedures), to the whole visit.
    """
    found = visit_of(s, resources, previous)
    if s.visit_kind and not s.visit_for and not s.framing and not found and not any(
            r.get("resourceType") == "Encounter" and _of_kind(r, s.visit_kind) for r in resources):
        return []  # "meds at her last hospital stay" with no stay in the record
    named = s.visit == "any" or s.visit_for or s.visit_kind or (s.visit or "")[:4].isdigit()
    anchors = found if named and not s.framing else set()  # a visit named by what or when ("BP at her 6/23/2027 visit?"):
    # its Encounter says which; visits that only frame the question ("pulse at the yearly physicals") do not
    visits = _at_visits(found, resources)
    if topical and visits and not any(keep and ref(r) in visits for r, keep in zip(resources, kept)):
        dated = s.visit[:4].isdigit() if s.visit else False
        given = {r.get("resourceType") for r, keep in zip(resources, kept) if keep}
        if not dated and given and given <= GIVEN_AT_VISITS:  # "anything prescribed at her last checkup?": not there
            return sorted(found)  # the visit, which says none was
        if not dated or any(keep and day(r) == s.visit for r, keep in zip(resources, kept)):
            visits = set()
        else:
            topical = False
    if s.visit and not visits:
        s = replace(s, start=s.visit, end=s.visit) if s.visit[:4].isdigit() else s
    out = []
    for r, keep in zip(resources, kept):
        t = r.get("resourceType")
        if visits:
            if ref(r) not in visits or (topical and not keep and ref(r) not in anchors) or (not topical and t in NOT_CLINICAL):
                continue
        elif not keep:
            continue
        elif t != "Patient" and not s.contains(day(r)):
            continue
        out.append(r)
    out = [r for r in out if _allergy_ok(r, s.allergy)]
    return _with_medications(_with_status(out, s.status), resources)


def reasons_given(refs: Sequence[str], resources: Sequence[Resource]) -> list[str]:
    """The Conditions the chosen drug orders (or procedures) were for: their `reasonReference`, or else the diagnoses
    of their visit."""
    by_ref = {ref(r): r for r in resources}
    orders = [by_ref[x] for x in refs if x.startswith(("MedicationRequest/", "MedicationAdministration/", "Procedure/"))
              and x in by_ref]
    diagnosed: dict[str, list[str]] = {}
    for r in resources:
        if r.get("resourceType") == "Condition":
            for visit in _encounters(r):
                diagnosed.setdefault(visit, []).append(ref(r))
    out: list[str] = []
    for order in orders:
        reasons = [x for x in references(order.get("reasonReference") or []) if x.startswith("Condition/") and x in by_ref]
        out += reasons or [x for visit in _encounters(order) for x in diagnosed.get(visit, [])]
    return list(dict.fromkeys(out))


def delivered_with(refs: Sequence[str], resources: Sequence[Resource]) -> list[str]:
    """The supplies delivered at the same moment as a chosen SupplyDelivery: one shipment of a kit."""
    chosen = set(refs)
    moments = {when(r) for r in resources if ref(r) in chosen and r.get("resourceType") == "SupplyDelivery"} - {None}
    return [ref(r) for r in resources if r.get("resourceType") == "SupplyDelivery" and when(r) in moments]


def _with_medications(chosen: list[Resource], resources: Sequence[Resource]) -> list[str]:
    """Refs of the chosen resources plus each Medication they point at: its name is needed to read them."""
    refs = [ref(r) for r in chosen]
    named = {x for r in chosen for x in references(r) if x.startswith("Medication/")} - set(refs)
    return refs + [ref(r) for r in resources if ref(r) in named]
