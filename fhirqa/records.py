"""Patient records: the `Record` every stage reads, and reading one from Bundle files or NDJSON exports.

A `RecordSource` (files here, a FHIR server in `fhir.py`) returns the patient's resources with their
ids exactly as stored, and nothing outside the patient's compartment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from .errors import InvalidBundle, InvalidPatientId, PatientNotFound, SourceNotFound
from .fields import Resource, ref, references

ID_RE = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")


def check_patient_id(patient: str) -> str:
    """The id itself, or InvalidPatientId."""
    patient = patient.removeprefix("Patient/")
    if not ID_RE.match(patient):
        raise InvalidPatientId(patient)
    return patient


@dataclass
class Record:
    """One patient's resources, ids intact, with lookups by `Type/id`."""

    patient: str
    resources: list[Resource]
    source: str = ""

    @cached_property
    def by_ref(self) -> dict[str, Resource]:
        return {ref(r): r for r in self.resources}

    @property
    def patient_resource(self) -> Resource | None:
        return self.by_ref.get(f"Patient/{self.patient}")


class RecordSource(Protocol):
    """Where records come from: a FHIR server or files."""

    name: str

    def patients(self) -> list[tuple[str, str]]:
        """(id, display name) of every patient in the source."""

    def fetch(self, patient: str) -> Record:
        """The patient's whole compartment, or PatientNotFound."""


def patient_name(p: Resource) -> str:
    name = (p.get("name") or [{}])[0]
    return " ".join([*name.get("given", []), name.get("family", "")]).strip()


def resolve_bundle(bundle: dict, path: str) -> list[Resource]:
    """The resources of a Bundle with `urn:uuid:` (fullUrl) references rewritten to `Type/id`."""
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise InvalidBundle(path, "resourceType is not 'Bundle'")
    entries = bundle.get("entry") or []
    resources, alias = [], {}
    for i, entry in enumerate(entries):
        r = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(r, dict) or "resourceType" not in r:
            raise InvalidBundle(path, f"entry {i} has no resource")
        if "id" not in r:
            full = entry.get("fullUrl", "")
            if not full.startswith("urn:uuid:"):
                raise InvalidBundle(path, f"entry {i} ({r['resourceType']}) has no id")
            r = {**r, "id": full.removeprefix("urn:uuid:")}
        if entry.get("fullUrl"):
            alias[entry["fullUrl"]] = ref(r)
        resources.append(r)
    if alias:
        _rewrite_refs(resources, alias)
    return resources


def _rewrite_refs(value, alias: dict[str, str]) -> None:
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            r = v.get("reference")
            if isinstance(r, str) and r in alias:
                v["reference"] = alias[r]
            stack.extend(x for x in v.values() if isinstance(x, (dict, list)))
        elif isinstance(v, list):
            stack.extend(x for x in v if isinstance(x, (dict, list)))


def compartment(resources: Iterable[Resource], patient: str) -> list[Resource]:
    """The patient's resources: the Patient, what references it, and what those reference (Medication...)."""
    target = f"Patient/{patient}"
    pool = list(resources)
    kept: dict[str, Resource] = {}
    for r in pool:
        if ref(r) == target or (r.get("resourceType") != "Patient" and target in references(r)):
            kept[ref(r)] = r
    others = {ref(r): r for r in pool if ref(r) not in kept and r.get("resourceType") != "Patient"}
    linked = {x for r in kept.values() for x in references(r)}
    for key in linked & others.keys():
        if not any(x.startswith("Patient/") for x in references(others[key])):
            kept[key] = others[key]
    return list(kept.values())


def read_json(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except json.JSONDecodeError as e:
        raise InvalidBundle(str(path), e.msg, e.lineno) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidBundle(str(path), f"cannot read: {e}") from None


def read_ndjson(path: Path) -> Iterator[Resource]:
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InvalidBundle(str(path), e.msg, n) from None
                if not isinstance(r, dict) or "resourceType" not in r or "id" not in r:
                    raise InvalidBundle(str(path), "line is not a FHIR resource with an id", n)
                yield r
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidBundle(str(path), f"cannot read: {e}") from None


@dataclass
class FileSource:
    """A Bundle file, a directory of Bundles, or an NDJSON bulk-export folder."""

    path: Path
    _bundles: dict[Path, list[Resource]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path).expanduser()
        if not self.path.exists():
            raise SourceNotFound(str(self.path))

    @property
    def name(self) -> str:
        return str(self.path)

    def _files(self) -> list[Path]:
        if self.path.is_file():
            return [self.path]
        files = sorted(p for p in self.path.iterdir() if p.suffix in (".json", ".ndjson") and p.is_file())
        if not files:
            raise InvalidBundle(str(self.path), "directory holds no .json Bundles or .ndjson files")
        return files

    def _resources(self, path: Path) -> list[Resource]:
        if path not in self._bundles:
            if path.suffix == ".ndjson":
                self._bundles[path] = list(read_ndjson(path))
            else:
                self._bundles[path] = resolve_bundle(read_json(path), str(path))
        return self._bundles[path]

    def patients(self) -> list[tuple[str, str]]:
        found = []
        for path in self._files():
            for r in self._resources(path):
                if r["resourceType"] == "Patient":
                    found.append((r["id"], patient_name(r)))
        return found

    def fetch(self, patient: str) -> Record:
        patient = check_patient_id(patient)
        files = self._files()
        # Synthea names files after the patient: try those first, then everything.
        likely = [p for p in files if patient[:8] in p.name] + [p for p in files if patient[:8] not in p.name]
        ndjson = [p for p in files if p.suffix == ".ndjson"]
        if ndjson:
            pool = [r for p in ndjson for r in self._resources(p)]
            if any(r["resourceType"] == "Patient" and r["id"] == patient for r in pool):
                return Record(patient, compartment(pool, patient), self.name)
        for path in likely:
            if path.suffix == ".ndjson":
                continue
            res = self._resources(path)
            if any(r["resourceType"] == "Patient" and r["id"] == patient for r in res):
                n_patients = sum(r["resourceType"] == "Patient" for r in res)
                kept = res if n_patients == 1 else compartment(res, patient)
                return Record(patient, kept, self.name)
        raise PatientNotFound(patient, self.name)


def open_source(spec: str | None, settings=None) -> RecordSource:
    """A source from `--fhir`: a server base URL, a Bundle file, a folder of Bundles/NDJSON; None = the sample."""
    from .config import Settings

    settings = settings or Settings()
    if spec is None:
        from .sample import sample_dir

        return FileSource(sample_dir(settings))
    if spec.startswith(("http://", "https://")):
        from .fhir import ServerSource

        return ServerSource(spec, token=settings.token, timeout=settings.timeout)
    return FileSource(Path(spec))
