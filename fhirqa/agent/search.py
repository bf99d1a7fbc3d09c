"""A FHIR search or FHIRPath filter sent as the question, run over the record as a server would run it.

Agents send "Condition?patient=...&code=http://snomed.info/sct|433144002", "Encounter?class=EMER",
"Observation?code=http://loinc.org|2339-0&date=ge2011-01-01&date=lt2012-01-01" or
"CarePlan.where(status='active').select(period.start)". When every filter is one this module knows (codes, classes,
types, statuses, dates, ids), the resources it selects are the relevant ones, with the Medications their orders
name (judgement call 4). Paging and output parameters (_count, _sort, _summary, _elements) select nothing: a latest
question needs the whole history. Anything else, or a code written as words ("code=heart-rate"), gives None and the
question is read as words (`rest.searched`).
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import unquote_plus

from ..fields import CODE_FIELDS, Resource, day, ref
from .rest import DATES, TYPES, WHO

URL = rf"^\s*(?:GET\s+)?(?:\S*/)?(?P<type>{TYPES})(?:/(?P<id>[A-Za-z0-9.-]+))?(?:\?(?P<query>\S+))?(?P<after>\s[\s\S]*|$)"
PATH = rf"^\s*(?P<type>{TYPES})\.where\((?P<cond>(?:[^()]|\([^()]*\))*)\)"
# Token parameters and the element each reads.
TOKENS = {"code": None, "vaccine-code": "vaccineCode", "type": "type", "category": "category", "class": "class",
          "clinical-status": "clinicalStatus", "verification-status": "verificationStatus", "status": "status"}
PREFIXES = ("ge", "gt", "le", "lt", "eq", "sa", "eb", "ne")
Test = Callable[[Resource], bool]


def _codes(value) -> list[tuple[str, str]]:
    """(code, display) of every coding in a CodeableConcept, a Coding, a list of them or a plain code string."""
    if isinstance(value, str):
        return [(value, "")]
    if isinstance(value, list):
        return [c for v in value for c in _codes(v)]
    if not isinstance(value, dict):
        return []
    found = [(c.get("code", ""), c.get("display", "")) for c in value.get("coding") or []]
    if "code" in value and "coding" not in value:  # a Coding (Encounter.class)
        found.append((value.get("code", ""), value.get("display", "")))
    return found + ([("", value["text"])] if value.get("text") else [])


def _element(resource: Resource, name: str | None, by_ref: dict) -> list[tuple[str, str]]:
    """The codings a token parameter reads; `code` of an order naming its drug by reference reads that Medication."""
    found = _codes(resource.get(name or CODE_FIELDS.get(resource.get("resourceType", ""), "code")))
    if not found and name is None and "medicationReference" in resource:
        med = by_ref.get(resource["medicationReference"].get("reference", ""), {})
        found = _codes(med.get("code"))
    return found


def _token(key: str, value: str, resources: list[Resource], by_ref: dict) -> Test | None:
    base, _, modifier = key.partition(":")
    if modifier == "text":
        words = [w.lower() for w in value.split(",")]
        return lambda r: any(w in d.lower() for _, d in _element(r, TOKENS[base], by_ref) for w in words)
    if modifier not in ("", "not"):
        return None
    wanted = [v.split("|")[-1].lower() for v in value.split(",")]

    def has(r: Resource) -> bool:
        return any(c.lower() in wanted for c, _ in _element(r, TOKENS[base], by_ref))

    coded = "|" in value or re.search(r"\d", value) or base.endswith("status") or any(has(r) for r in resources)
    if not coded:
        return None  # "code=heart-rate", "code=LDL": words, not a code of this record
    return (lambda r: not has(r)) if modifier == "not" else has


def _date(value: str) -> Test | None:
    prefix = value[:2] if value[:2] in PREFIXES else "eq"
    asked = value[len(prefix):] if value[:2] in PREFIXES else value
    if not re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?:T[\d:.+-Z]*)?", asked):
        return None
    asked = asked[:10]
    n = len(asked)
    tests = {"ge": lambda d: d[:n] >= asked, "gt": lambda d: d[:n] > asked, "sa": lambda d: d[:n] > asked,
             "le": lambda d: d[:n] <= asked, "lt": lambda d: d[:n] < asked, "eb": lambda d: d[:n] < asked,
             "eq": lambda d: d[:n] == asked, "ne": lambda d: d[:n] != asked}
    return lambda r: bool(day(r)) and tests[prefix](day(r))


def _url_tests(query: str, resources: list[Resource], by_ref: dict) -> list[Test] | None:
    tests = []
    for part in filter(None, query.split("&")):
        key, _, value = part.partition("=")
        key, value = key.strip().lower(), unquote_plus(value).strip()
        if key.split(":")[0] in WHO or key == "_sort":
            continue
        if key == "_id":
            ids = value.split(",")
            tests.append(lambda r, ids=ids: r.get("id") in ids)
            continue
        test = (_date(value) if key in DATES else _token(key, value, resources, by_ref) if key.split(":")[0] in TOKENS else None)
        if test is None:
            return None
        tests.append(test)
    return tests


def _values(value, path: list[str]) -> list:
    """The values at a dotted path, lists flattened; a CodeableConcept or Coding at the end gives its codes."""
    if not path:
        if isinstance(value, list):
            return [x for v in value for x in _values(v, [])]
        return [c for c, _ in _codes(value)] if isinstance(value, dict) else [value]
    if isinstance(value, list):
        return [x for v in value for x in _values(v, path)]
    return _values(value.get(path[0]), path[1:]) if isinstance(value, dict) and path[0] in value else []


COMPARE = r"^\s*(?P<path>[A-Za-z][\w.]*)\s*(?P<op>=|!=|>=|<=|>|<|~)\s*(?:'(?P<s>[^']*)'|\"(?P<d>[^\"]*)\"|@(?P<at>[\d\-T:.+Z]+)|(?P<n>-?\d+(?:\.\d+)?|true|false))\s*$"
OPS = {"=": lambda a, b: a == b, "~": lambda a, b: a.lower() == b.lower(), "!=": lambda a, b: a != b,
       ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, "<": lambda a, b: a < b}


def _path_tests(cond: str) -> list[Test] | None:
    tests = []
    for clause in re.split(r"\s+and\s+", cond.strip()):
        m = re.match(COMPARE, clause)
        if not m:
            return None
        path, op = m.group("path").split("."), OPS[m.group("op")]
        literal = next(m.group(k) for k in ("s", "d", "at", "n") if m.group(k) is not None)
        n = len(literal) if m.group("at") else None  # a date compares on the literal's precision

        def test(r: Resource, path=path, op=op, literal=literal, n=n) -> bool:
            said = (lambda v: str(v)[:n]) if n else (lambda v: str(v).lower())
            return any(op(said(v), literal if n else literal.lower()) for v in _values(r, path) if not isinstance(v, (dict, list)))

        tests.append(test)
    return tests


def run(question: str, resources: list[Resource]) -> list[str] | None:
    """The refs a FHIR search or FHIRPath filter selects, or None when the question is not one this module reads."""
    m = re.match(PATH, question)
    url = None if m else re.match(URL, question)
    if not m and (not url or url.group("query") is None and url.group("id") is None
                  or re.search(r"&[\w.:-]+=", url.group("after"))):
        return None  # "Procedure history?", "Procedure?patient=Arline Haag&code=...": not one token
    by_ref = {ref(r): r for r in resources}  # (only for a question that is a search: this runs for every question)
    if m:
        tests = _path_tests(m.group("cond"))
    else:
        m = url
        tests = _url_tests(m.group("query") or "", resources, by_ref)
        if m.group("id"):
            tests = None if tests is None else tests + [lambda r, i=m.group("id"): r.get("id") == i]
    if tests is None:
        return None
    rtype = m.group("type")
    hits = [r for r in resources if r.get("resourceType") == rtype and all(t(r) for t in tests)]
    named = [r["medicationReference"]["reference"] for r in hits if isinstance(r.get("medicationReference"), dict)
             and r["medicationReference"].get("reference") in by_ref]
    return [ref(r) for r in hits] + sorted(set(named))
