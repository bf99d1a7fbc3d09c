"""Applies a question's structure (window, status, visit, follow-up) to the resources of relevant topics."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Sequence

from ..fields import Resource, day, ref, status
from ..topics import NOT_CLINICAL
from .structure import Structure

STATUS_TYPES = {"Condition", "AllergyIntolerance", "MedicationRequest", "MedicationStatement", "CarePlan"}
ACTIVE = {"active", "recurrence", "relapse", "on-hold", "intended"}


def follow_up_window(s: Structure, previous: Sequence[Resource]) -> Structure:
    """"And before that?": the window ends before (or starts after) what the previous answer cited."""
    days = sorted(d for d in (day(r) for r in previous) if d)
    if not days or s.follow_up not in ("before", "after"):
        return s
    if s.follow_up == "before":
        return replace(s, end=(date.fromisoformat(days[0]) - timedelta(days=1)).isoformat())
    return replace(s, start=(date.fromisoformat(days[-1]) + timedelta(days=1)).isoformat())


def visit_of(s: Structure, resources: Sequence[Resource], previous: Sequence[Resource]) -> str | None:
    """`Encounter/id` of the visit the question is about."""
    encounters = sorted((r for r in resources if r.get("resourceType") == "Encounter"), key=day)
    if not s.visit or not encounters:
        return None
    if s.visit == "same":
        linked = [r for r in previous if r.get("resourceType") == "Encounter"]
        linked += [r for r in previous if (r.get("encounter") or {}).get("reference")]
        if linked:
            first = linked[0]
            return ref(first) if first["resourceType"] == "Encounter" else first["encounter"]["reference"]
        return ref(encounters[-1])
    if s.visit == "first":
        return ref(encounters[0])
    if s.visit == "latest":
        return ref(encounters[-1])
    same_day = [r for r in encounters if day(r) == s.visit]
    return ref(same_day[0]) if same_day else None


def _status_ok(r: Resource, wanted: str | None) -> bool:
    if not wanted or r.get("resourceType") not in STATUS_TYPES:
        return True
    return (status(r) in ACTIVE) == (wanted == "active")


def apply(s: Structure, resources: Sequence[Resource], kept: Sequence[bool],
          previous: Sequence[Resource] = (), topical: bool = True) -> list[str]:
    """Refs of the resources that are on topic (`kept`) and satisfy the structure.

    `topical` is False for questions about a visit as a whole ("what happened at her last visit?"):
    then every clinical resource of that visit is relevant.
    """
    visit = visit_of(s, resources, previous)
    if s.visit and visit is None:
        return []
    out = []
    for r, keep in zip(resources, kept):
        t = r.get("resourceType")
        if visit:
            at_visit = ref(r) == visit or (r.get("encounter") or {}).get("reference") == visit
            if not at_visit or (topical and not keep) or (not topical and t in NOT_CLINICAL):
                continue
        elif not keep:
            continue
        elif t != "Patient" and not s.contains(day(r)):
            continue
        if not _status_ok(r, s.status):
            continue
        out.append(ref(r))
    return out
