import json

import pytest

from fhirqa.errors import InvalidBundle, InvalidPatientId, PatientNotFound, SourceNotFound
from fhirqa.fields import references
from fhirqa.records import FileSource, open_source

from tests.conftest import ALLEN


def test_bundle_ids_preserved_and_urn_refs_resolved(allen_bundle):
    raw = json.loads(allen_bundle.read_text())
    rec = FileSource(allen_bundle).fetch(ALLEN)
    assert {f"{e['resource']['resourceType']}/{e['resource']['id']}" for e in raw["entry"]} == set(rec.by_ref)
    refs = [x for r in rec.resources for x in references(r)]
    assert not any(x.startswith("urn:uuid:") for x in refs)
    assert f"Patient/{ALLEN}" in refs


def test_directory_lists_patients_and_fetches_one(synthea_dir):
    src = FileSource(synthea_dir)
    ids = [p for p, _ in src.patients()]
    assert len(ids) == 5 and ALLEN in ids
    rec = src.fetch(ids[1])
    assert rec.patient_resource["id"] == ids[1]
    assert all(x != f"Patient/{ALLEN}" for r in rec.resources for x in references(r))


def test_ndjson_export_keeps_only_the_patients_compartment(tmp_path, synthea_dir):
    # two patients' resources mixed into per-type NDJSON files, as a bulk export writes them
    by_type: dict[str, list] = {}
    expected = {}
    for path in sorted(synthea_dir.glob("*.json"))[:2]:
        rec = FileSource(path).fetch(path.stem.rsplit("_", 1)[1])
        expected[rec.patient] = set(rec.by_ref)
        for r in rec.resources:
            by_type.setdefault(r["resourceType"], []).append(r)
    for t, rs in by_type.items():
        (tmp_path / f"{t}.ndjson").write_text("\n".join(json.dumps(r) for r in rs) + "\n")
    src = FileSource(tmp_path)
    assert {p for p, _ in src.patients()} == set(expected)
    for pid, refs in expected.items():
        got = set(src.fetch(pid).by_ref)
        # Medication resources have no patient reference; they come along through what references them
        assert got == refs


def test_bad_inputs_raise_errors_naming_the_fix(tmp_path):
    with pytest.raises(SourceNotFound):
        FileSource(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"resourceType": "Bundle",\n "entry": [oops]}')
    with pytest.raises(InvalidBundle) as e:
        FileSource(bad).fetch("x")
    assert e.value.line == 2 and "bad.json:2" in str(e.value)
    notbundle = tmp_path / "p.json"
    notbundle.write_text('{"resourceType": "Patient", "id": "x"}')
    with pytest.raises(InvalidBundle, match="not 'Bundle'"):
        FileSource(notbundle).fetch("x")
    nd = tmp_path / "nd"
    nd.mkdir()
    (nd / "Patient.ndjson").write_text('{"resourceType": "Patient", "id": "a"}\n{broken\n')
    with pytest.raises(InvalidBundle) as e:
        FileSource(nd).fetch("a")
    assert e.value.line == 2


def test_patient_id_checks(allen_bundle):
    src = FileSource(allen_bundle)
    with pytest.raises(InvalidPatientId):
        src.fetch("not a valid id!")
    with pytest.raises(PatientNotFound):
        src.fetch("no-such-patient")
    assert open_source(str(allen_bundle)).fetch(f"Patient/{ALLEN}").patient == ALLEN
