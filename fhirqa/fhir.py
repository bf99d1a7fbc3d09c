"""Reading patient records from a FHIR R4 server: one HTTP path with retries, one status-to-error mapping."""

from __future__ import annotations

import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable
from urllib.parse import urlsplit, urlunsplit

import httpx

from .errors import (FhirAccessDenied, FhirqaError, FhirServerError, FhirServerUnavailable,
                     PatientNotFound)
from .fields import Resource, ref, references
from .records import Record, check_patient_id, patient_name

log = logging.getLogger(__name__)

# Types searched with `?patient=` when $everything is missing or unusable (R4 Patient compartment, those
# Synthea and US Core records hold). Medications come separately, through `medicationReference`.
COMPARTMENT_TYPES = (
    "Observation", "Condition", "Encounter", "MedicationRequest", "MedicationAdministration",
    "MedicationStatement", "MedicationDispense", "Immunization", "Procedure", "AllergyIntolerance",
    "DiagnosticReport", "DocumentReference", "CarePlan", "CareTeam", "Claim", "ExplanationOfBenefit",
    "ImagingStudy", "Device", "SupplyDelivery", "Goal", "Coverage", "Provenance", "ServiceRequest",
    "Specimen", "FamilyMemberHistory", "RiskAssessment", "NutritionOrder", "Flag", "EpisodeOfCare",
    "QuestionnaireResponse", "Communication", "Appointment", "ClaimResponse", "RelatedPerson",
)
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# An operation or search parameter the server does not have: try the next way, do not fail the fetch.
UNSUPPORTED_STATUSES = frozenset({400, 404, 405, 501})
MAX_RETRY_AFTER = 5.0  # seconds; a longer Retry-After is not waited for, the normal backoff is used
MAX_PAGES = 10_000
# Failures before the request reached the server: always safe to repeat. A read timeout is not retried,
# it would multiply an already long wait.
RETRYABLE_TRANSPORT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError)


def outcome_text(body: bytes) -> str:
    """The diagnostics of an OperationOutcome body, joined; '' when the body is not one."""
    try:
        oo = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return ""
    if not isinstance(oo, dict) or oo.get("resourceType") != "OperationOutcome":
        return ""
    texts = [i.get("diagnostics") or (i.get("details") or {}).get("text") or i.get("code", "")
             for i in oo.get("issue") or [] if isinstance(i, dict)]
    return "; ".join(t for t in texts if t)


def error_for(url: str, status: int | None = None, body: bytes = b"", exc: BaseException | None = None,
              patient: str | None = None, source: str = "") -> FhirqaError:
    """The fhirqa error for a failed request: the one place HTTP statuses and transport errors become errors."""
    if exc is not None or status is None:
        what = f"{type(exc).__name__}: {exc}" if exc is not None else "no answer"
        return FhirServerUnavailable(url, None, f"{what}; check --fhir and that the server is up")
    detail = outcome_text(body)
    if status in (401, 403):
        return FhirAccessDenied(url, status, detail)
    if status in (404, 410) and patient is not None:
        return PatientNotFound(patient, source or url)
    if status >= 500:
        return FhirServerUnavailable(url, status, detail)
    return FhirServerError(url, status, detail or httpx.codes.get_reason_phrase(status))


class FhirHttp:
    """An HTTP client for one FHIR base URL: bearer token, timeouts, bounded retries with backoff."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.2) -> None:
        self.base = url.rstrip("/")
        self.retries, self.backoff = retries, backoff
        headers = {"Accept": "application/fhir+json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.client = httpx.Client(headers=headers, timeout=timeout)

    def close(self) -> None:
        self.client.close()

    def url(self, path: str) -> str:
        """An absolute URL on this server; links the server wrote with another host are moved onto ours."""
        if not path.startswith(("http://", "https://")):
            return f"{self.base}/{path.lstrip('/')}" if path else self.base
        ours, theirs = urlsplit(self.base), urlsplit(path)
        return urlunsplit((ours.scheme, ours.netloc, theirs.path, theirs.query, ""))

    def request(self, method: str, path: str, params: dict | None = None, body: Any = None,
                headers: dict | None = None, patient: str | None = None) -> dict:
        """The JSON answer of one request, retried on 429/502/503/504 and connection failures."""
        url = self.url(path)
        content = json.dumps(body).encode() if body is not None else None
        headers = {**(headers or {}), **({"Content-Type": "application/fhir+json"} if content else {})}
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                r = self.client.request(method, url, params=params, content=content, headers=headers)
            except RETRYABLE_TRANSPORT as e:
                if last:
                    raise error_for(url, exc=e) from None
                time.sleep(self._delay(attempt, None))
                continue
            except httpx.HTTPError as e:
                raise error_for(url, exc=e) from None
            if r.status_code in RETRY_STATUSES and not last:
                time.sleep(self._delay(attempt, r.headers.get("Retry-After")))
                continue
            if not r.is_success:
                raise error_for(str(r.url), r.status_code, r.content, patient=patient, source=self.base)
            try:
                return r.json()
            except ValueError:
                raise FhirServerError(str(r.url), r.status_code, "the answer is not FHIR JSON") from None
        raise AssertionError("unreachable")

    def get(self, path: str, params: dict | None = None, **kw) -> dict:
        return self.request("GET", path, params=params, **kw)

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        try:
            asked = float(retry_after) if retry_after else None
        except ValueError:  # an HTTP date: not worth parsing for a short wait
            asked = None
        if asked is not None and 0 <= asked <= MAX_RETRY_AFTER:
            return asked
        return self.backoff * 2 ** attempt

    def search(self, path: str, params: dict | None = None, headers: dict | None = None) -> tuple[list[dict], bool]:
        """Every entry of a search, following `next` links; False when the server's paging cannot be trusted."""
        entries: list[dict] = []
        seen: set[str] = set()
        bundle = self.get(path, params, headers=headers)
        total = bundle.get("total")
        for _ in range(MAX_PAGES):
            entries += bundle.get("entry") or []
            link = next((x.get("url") for x in bundle.get("link") or [] if x.get("relation") == "next"), None)
            if not link:
                break
            if link in seen:
                return entries, False
            seen.add(link)
            bundle = self.get(link, headers=headers)
        matches = {_entry_ref(e) for e in entries if _is_match(e)}
        return entries, not (isinstance(total, int) and len(matches) < total)


def _entry_ref(entry: dict) -> str:
    r = entry.get("resource") or {}
    return f"{r.get('resourceType')}/{r.get('id')}"


def _is_match(entry: dict) -> bool:
    return (entry.get("search") or {}).get("mode", "match") == "match"


def _resources(entries: Iterable[dict]) -> list[Resource]:
    """The entries' resources, without OperationOutcomes (search warnings) and entries with no resource."""
    out = []
    for e in entries:
        r = e.get("resource")
        if not isinstance(r, dict) or "id" not in r or r.get("resourceType") == "OperationOutcome":
            continue
        if (e.get("search") or {}).get("mode") == "outcome":
            continue
        out.append(r)
    return out


def _dedupe(resources: Iterable[Resource]) -> list[Resource]:
    kept: dict[str, Resource] = {}
    for r in resources:
        kept.setdefault(ref(r), r)
    return list(kept.values())


def _relativize(resources: list[Resource], base: str) -> None:
    """Rewrite absolute references to this server (`{base}/Type/id`) as `Type/id`, like file records."""
    prefix = base.rstrip("/") + "/"
    stack: list[Any] = list(resources)
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            r = v.get("reference")
            if isinstance(r, str) and r.startswith(prefix):
                v["reference"] = r[len(prefix):]
            stack.extend(x for x in v.values() if isinstance(x, (dict, list)))
        elif isinstance(v, list):
            stack.extend(x for x in v if isinstance(x, (dict, list)))


class ServerSource:
    """Patient records read from a FHIR R4 server: $everything, or one search per compartment type."""

    def __init__(self, url: str, token: str | None = None, timeout: float = 30.0, page_size: int = 200,
                 retries: int = 3, use_everything: bool = True, workers: int = 8) -> None:
        self.name = url.rstrip("/")
        self.page_size, self.use_everything, self.workers = page_size, use_everything, workers
        self.http = FhirHttp(self.name, token=token, timeout=timeout, retries=retries)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> ServerSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def patients(self) -> list[tuple[str, str]]:
        """(id, "given family") of every Patient on the server."""
        entries, complete = self.http.search("Patient", {"_count": self.page_size})
        if not complete:
            raise FhirServerError(self.http.url("Patient"), None, "the server's paging repeats or loses pages")
        return [(r["id"], patient_name(r)) for r in _resources(entries) if r.get("resourceType") == "Patient"]

    def fetch(self, patient: str) -> Record:
        """The patient's record with ids as stored; PatientNotFound when the server has no such Patient."""
        patient = check_patient_id(patient)
        me = self.http.get(f"Patient/{patient}", patient=patient)
        found = self._everything(patient) if self.use_everything else None
        if found is None:
            found = self._by_type(patient)
        resources = _dedupe([me, *found])
        resources += self._medications(resources)
        _relativize(resources, self.name)
        return Record(patient, resources, self.name)

    def _everything(self, patient: str) -> list[Resource] | None:
        """Patient/$everything, or None when the server lacks it or its paging cannot be trusted."""
        try:
            entries, complete = self.http.search(f"Patient/{patient}/$everything", {"_count": self.page_size})
        except FhirServerError as e:
            if e.status in UNSUPPORTED_STATUSES:
                log.info("%s: $everything answered %s; searching type by type", self.name, e.status)
                return None
            raise
        if not complete:
            log.info("%s: $everything paging is broken; searching type by type", self.name)
            return None
        return _resources(entries)

    def _by_type(self, patient: str) -> list[Resource]:
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            found = pool.map(lambda t: self._search_type(t, patient), COMPARTMENT_TYPES)
            return [r for rs in found for r in rs]

    def _search_type(self, rtype: str, patient: str) -> list[Resource]:
        # Strict handling: a server that does not know `patient` for a type must say so, not return every patient's.
        try:
            entries, complete = self.http.search(rtype, {"patient": patient, "_count": self.page_size},
                                                 headers={"Prefer": "handling=strict"})
        except FhirServerError as e:
            if e.status in UNSUPPORTED_STATUSES:
                log.info("%s: cannot search %s by patient (%s); skipped", self.name, rtype, e.status)
                return []
            raise
        if not complete:
            raise FhirServerError(self.http.url(rtype), None, "the server's paging repeats or loses pages")
        target = f"Patient/{patient}"
        return [r for r in _resources(entries)
                if any(x == target or x.endswith("/" + target) for x in references(r))]

    def _medications(self, resources: list[Resource]) -> list[Resource]:
        """Medication resources the record's `medicationReference`s point at but the answer lacked."""
        have = {ref(r) for r in resources}
        prefix = self.name + "/"
        wanted = set()
        for r in resources:
            target = (r.get("medicationReference") or {}).get("reference") or ""
            target = target.removeprefix(prefix)
            if target.startswith("Medication/") and target.count("/") == 1 and target not in have:
                wanted.add(target)
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return [m for m in pool.map(self._read_optional, sorted(wanted)) if m is not None]

    def _read_optional(self, path: str) -> Resource | None:
        try:
            return self.http.get(path)
        except FhirServerError as e:
            if e.status in (404, 410):  # a dangling reference: the record is still usable
                return None
            raise
