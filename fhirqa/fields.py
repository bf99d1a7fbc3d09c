"""Accessors for the few fields every part of fhirqa reads: a resource's reference, code, date and status."""

from __future__ import annotations

from typing import Any

Resource = dict[str, Any]

# Where each resource type keeps what it is about (its "code") and when it happened.
CODE_FIELDS = {
    "Immunization": "vaccineCode",
    "MedicationRequest": "medicationCodeableConcept",
    "MedicationAdministration": "medicationCodeableConcept",
    "MedicationStatement": "medicationCodeableConcept",
    "MedicationDispense": "medicationCodeableConcept",
    "Encounter": "type",
    "ImagingStudy": "procedureCode",
    "Device": "type",
    "CarePlan": "category",
    "CareTeam": "reasonCode",
    "Claim": "type",
    "ExplanationOfBenefit": "type",
    "DocumentReference": "type",
    "SupplyDelivery": "suppliedItem",
    "Medication": "code",
}
DATE_FIELDS = (
    "effectiveDateTime", "effectivePeriod", "occurrenceDateTime", "performedDateTime",
    "performedPeriod", "onsetDateTime", "recordedDate", "authoredOn", "started", "period",
    "issued", "date", "billablePeriod", "created", "manufactureDate", "birthDate",
    "occurrencePeriod", "effectiveInstant", "recorded",
)


def ref(resource: Resource) -> str:
    """The resource's citation form, `Type/id`."""
    return f"{resource['resourceType']}/{resource['id']}"


def _first_coding(value: Any) -> tuple[str, str, str] | None:
    """(system, code, display) of the first coding in a CodeableConcept, list of them, or Reference; in a
    list, the first one with a name (a care plan's "assess-plan" category names nothing, the next does)."""
    if isinstance(value, list):
        found = [x for x in (_first_coding(item) for item in value) if x]
        return next((x for x in found if x[2]), found[0] if found else None)
    if not isinstance(value, dict):
        return None
    if "concept" in value:  # R5-style CodeableReference, seen in some exports
        return _first_coding(value["concept"])
    for coding in value.get("coding") or []:
        if coding.get("code") or coding.get("display"):
            return coding.get("system", ""), coding.get("code", ""), coding.get("display") or value.get("text", "")
    if value.get("text"):
        return "", "", value["text"]
    if value.get("display"):
        return "", "", value["display"]
    return None


def code(resource: Resource) -> tuple[str, str, str]:
    """(system, code, display) of what the resource is about; empty strings when it has no code."""
    rtype = resource.get("resourceType", "")
    field = CODE_FIELDS.get(rtype, "code")
    found = _first_coding(resource.get(field))
    if not found and rtype.startswith("Medication"):
        found = _first_coding(resource.get("medicationReference"))
    if not found and rtype == "SupplyDelivery":
        found = _first_coding((resource.get("suppliedItem") or {}).get("itemCodeableConcept"))
    if not found and rtype == "Encounter":
        found = _first_coding(resource.get("class")) or None
    return found or ("", "", "")


def short_system(system: str) -> str:
    """A short name for a code system URL."""
    s = system.lower()
    for key, name in (("loinc", "LOINC"), ("snomed", "SNOMED"), ("rxnorm", "RxNorm"), ("cvx", "CVX"),
                      ("icd-10", "ICD-10"), ("cpt", "CPT"), ("nubc", "NUBC"), ("dicom", "DICOM")):
        if key in s:
            return name
    return system.rstrip("/").rsplit("/", 1)[-1] if system else ""


def _date_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("start") or value.get("end")
    return None


def when(resource: Resource) -> str | None:
    """The resource's clinically relevant date-time as written in the record (ISO 8601), if any."""
    for field in DATE_FIELDS:
        if field in resource:
            found = _date_of(resource[field])
            if found:
                return found
    return None


def day(resource: Resource) -> str:
    """The resource's date as YYYY-MM-DD, or '' when it has none."""
    w = when(resource)
    return w[:10] if w else ""


def end_day(resource: Resource) -> str:
    """The end of a period (stop date, abatement), YYYY-MM-DD, or ''."""
    for field in ("abatementDateTime", "performedPeriod", "period", "effectivePeriod", "billablePeriod"):
        v = resource.get(field)
        if isinstance(v, str) and field == "abatementDateTime":
            return v[:10]
        if isinstance(v, dict) and v.get("end") and field != "billablePeriod":
            return v["end"][:10]
    return ""


def status(resource: Resource) -> str:
    """The resource's clinical status (Condition, Allergy) or plain status, lower case."""
    for field in ("clinicalStatus", "verificationStatus"):
        c = _first_coding(resource.get(field))
        if c:
            return (c[1] or c[2]).lower()
    s = resource.get("status")
    return s.lower() if isinstance(s, str) else ""


def references(value: Any) -> list[str]:
    """Every `reference` string inside a resource (nested), in document order."""
    found: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            r = v.get("reference")
            if isinstance(r, str):
                found.append(r)
            stack.extend(reversed([x for k, x in v.items() if k != "contained"]))
        elif isinstance(v, list):
            stack.extend(reversed(v))
    return found
