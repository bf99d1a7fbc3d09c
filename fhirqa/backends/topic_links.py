"""Topics linked to the found ones through references: a panel's results, the drugs given for a condition."""

from __future__ import annotations

import re

from ..fields import day, ref, references
from ..lexicon import names_medication
from ..topics import MEDICATION_TYPES

Key = tuple[str, str, str]

PANEL = r"\b(panels?|results?|labs?|values?|numbers?|scores?|cbc|bmp|cmp|lfts?|ua|urinalysis|lipids)\b"


def members(question: str, found: set[Key], groups: dict[Key, list[int]], resources: list) -> set[Key]:
    """Topics of the results the found reports list, for a question about a panel ("latest lipid panel":
    its cholesterol, LDL, HDL; not "metabolic syndrome", which is no panel)."""
    if not re.search(PANEL, question.lower()):
        return set()
    key_of = {ref(resources[i]): k for k, idx in groups.items() for i in idx}
    return {key_of[x] for k in found if k[0] == "DiagnosticReport" for i in groups.get(k, [])
            for x in references(resources[i].get("result", [])) if x in key_of}


TREATED = (r"\b(give|gave|given|prescribed?|prescriptions?|tak(?:e|es|ing|en)|treat\w*|meds?|medications?|drugs?|"
           r"pills?|started on|put on)\b.*\bfor\b")
# Questions about what was done for a condition: its procedures too ("what was done for his afib").
DONE = r"\b(done|do|did they do|did (?:\w+ )?(?:something|anything)|procedures?|surger(?:y|ies)|operations?|treat\w*)\b.*\bfor\b"


# "What medicine did they prescribe for the ear infection?" asks which drugs an episode had (judgement call 8): the
# condition and its drugs, though the classifier found one of the drugs. Not "what is he currently taking for it", nor
# a class named ("what antibiotics were given for the sepsis", "the medicines of chemotherapy": the drugs only).
WHICH_DRUG = (r"\b(?:what|which)\s+(?:\w+\s+){0,2}(?:medicines?|medications?|meds|drugs?|prescriptions?|pills?)"
              r"\b(?!.*\b(?:currently|current|now|still|take|takes|taking|on)\b)")


def asks_which_drug(question: str) -> bool:
    """Whether the question asks which drugs were given for something, naming no drug class."""
    return bool(re.search(WHICH_DRUG, question.lower())) and not names_medication(question)


ROUTINE = r"general examination|check ?up|well child|wellness|prenatal|postnatal|dental|follow-up"


def treatments(question: str, found: set[Key], groups: dict[Key, list[int]], resources: list) -> set[Key]:
    """For "what did they give her for the UTI?", the drugs whose reason is a found condition ("what was done
    for his afib?": the procedures too); none when the question names its drug ("still taking the topiramate
    for her headaches?")."""
    q = question.lower()
    kinds = (MEDICATION_TYPES if re.search(TREATED, q) else set()) | ({"Procedure"} if re.search(DONE, q) else set())
    if not kinds or any(k[0] in MEDICATION_TYPES for k in found) and not asks_which_drug(q):
        return set()
    conditions = {ref(resources[i]) for k in found if k[0] == "Condition" for i in groups.get(k, [])}
    codes = {k[1] for k in found if k[0] == "Condition"}
    out = set()
    for k, idx in groups.items():
        if k[0] in kinds and any(
                conditions & set(references(resources[i].get("reasonReference", [])))
                or codes & {f"{c.get('system', '')}|{c.get('code', '')}" for rc in resources[i].get("reasonCode", [])
                            for c in rc.get("coding", [])} for i in idx):
            out.add(k)
    if out:
        return out
    # Orders that give no reason (as python Synthea's): what was ordered, the day an illness that has passed was found,
    # at the sick visit where it was found ("what meds for the otitis media?")
    by_ref = {ref(r): r for r in resources if r.get("resourceType") == "Encounter"}
    visits = {(x, day(resources[i])) for k in found if k[0] == "Condition" for i in groups.get(k, [])
              if resources[i].get("abatementDateTime") for x in references(resources[i].get("encounter", {}))
              if x in by_ref and not re.search(ROUTINE, str(by_ref[x].get("type", "")), re.IGNORECASE)}
    return {k for k, idx in groups.items() if k[0] in kinds and any(
        (x, day(resources[i])) in visits for i in idx for x in references(resources[i].get("encounter", {})))}


# What can be done or given "for" a condition: then the condition says why, it is not asked about.
FOR_WHAT = MEDICATION_TYPES | {"Procedure", "ImagingStudy", "DiagnosticReport", "Observation", "Immunization"}


def purpose_dropped(question: str, found: set[Key]) -> set[Key]:
    """The found topics less the condition a named drug, test or procedure is for: in "still taking the
    topiramate for her headaches?" or "last echo for the aortic stenosis?" the condition says why."""
    q = question.lower()
    if re.search(r"\bfor\b", q) and any(k[0] in FOR_WHAT for k in found) and not asks_which_drug(q):
        return {k for k in found if k[0] != "Condition"}
    return found
