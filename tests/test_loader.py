"""The Synthea loader: pure reference handling, then loading into a real sekmet-fhir server."""

from __future__ import annotations

import json
import math
import re
from collections import Counter

import pytest

from fhirqa.errors import FhirServerError, InvalidBundle, SourceNotFound
from fhirqa.fhir import ServerSource
from fhirqa.fields import references
from fhirqa.loader import DEFAULT_CHUNK, bundle_files, load_bundles, reduce_conditional, referenced_first
from fhirqa.records import FileSource, read_json
from tests.conftest_server import outcome, synthea_dir


def test_conditional_references_keep_only_their_display():
    r = {"resourceType": "Encounter", "id": "e1", "subject": {"reference": "Patient/p1"},
         "participant": [{"individual": {"reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9",
                                         "display": "Dr. Who"}}],
         "serviceProvider": {"reference": "Organization?identifier=https://github.com/synthetichealth/synthea|x"},
         "basedOn": [{"reference": "http://other.org/fhir/ServiceRequest?identifier=1"}]}
    assert reduce_conditional(r) == Counter({"Practitioner": 1, "Organization": 1})
    assert r["participant"][0]["individual"] == {"display": "Dr. Who"}
    assert r["serviceProvider"] == {"display": "Organization?identifier=https://github.com/synthetichealth/synthea|x"}
    assert r["subject"] == {"reference": "Patient/p1"}
    assert r["basedOn"] == [{"reference": "http://other.org/fhir/ServiceRequest?identifier=1"}]


def test_resources_come_after_what_they_reference():
    def res(rtype, rid, *refs):
        return {"resourceType": rtype, "id": rid, "ref": [{"reference": x} for x in refs]}

    order = referenced_first([
        res("Provenance", "v", "Observation/o", "Patient/p"),
        res("Observation", "o", "Encounter/e", "Patient/p"),
        res("Encounter", "e", "Patient/p", "Practitioner/elsewhere"),
        res("Patient", "p", "Provenance/v"),  # a cycle back: broken, not looped on
        res("Condition", "c"),
    ])
    assert [r["id"] for r in order] == ["p", "e", "o", "v", "c"]


def test_missing_and_empty_paths_are_reported(tmp_path):
    with pytest.raises(SourceNotFound):
        bundle_files(tmp_path / "nope")
    with pytest.raises(InvalidBundle):
        bundle_files(tmp_path)
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "a.ndjson").write_text("")
    (tmp_path / "notes.txt").write_text("")
    assert [p.name for p in bundle_files([tmp_path])] == ["a.ndjson", "b.json"]


def test_a_file_that_is_not_a_bundle_fails_before_any_upload(tmp_path, stub_server):
    stub = stub_server({"": [(200, {"resourceType": "Bundle", "type": "transaction-response"})]})
    (tmp_path / "x.json").write_text(json.dumps({"resourceType": "Patient", "id": "p"}))
    with pytest.raises(InvalidBundle):
        load_bundles(tmp_path, stub.url, progress=False)
    assert stub.requests == []


@pytest.mark.parametrize("answer", [
    (400, outcome("Entry 3: conditional reference 'Location?identifier=x' matched nothing")),
    (200, {"resourceType": "Bundle", "type": "batch-response",
           "entry": [{"response": {"status": "201 Created"}}, {"response": {"status": "409 Conflict"}}]}),
])
def test_a_rejected_transaction_is_a_server_error(stub_server, answer):
    stub = stub_server({"": [answer]})
    path = sorted(synthea_dir().glob("*.json"))[0]
    with pytest.raises(FhirServerError) as e:
        load_bundles(path, stub.url, token="t", progress=False)
    assert e.value.status in (400, None) and ("matched nothing" in str(e.value) or "409" in str(e.value))
    assert stub.requests[0][2]["Authorization"] == "Bearer t"


@pytest.mark.server
def test_report_counts_every_resource_and_reduced_reference(loaded_server):
    _, report = loaded_server
    written, reduced, transactions = Counter(), Counter(), 0
    for path in sorted(synthea_dir().glob("*.json")):
        entries = read_json(path)["entry"]
        written.update(e["resource"]["resourceType"] for e in entries)
        reduced.update(re.findall(r'"reference"\s*:\s*"(\w+)\?', path.read_text()))  # contained ones too
        transactions += math.ceil(len(entries) / DEFAULT_CHUNK)
    assert report.written == written and report.total == 4319
    assert report.reduced == reduced and set(reduced) == {"Practitioner", "Organization", "Location"}
    assert report.transactions == transactions
    assert "4319 resources" in report.summary() and "display text only" in report.summary()


@pytest.mark.server
def test_reloading_in_small_chunks_keeps_ids_and_references(loaded_server):
    url, _ = loaded_server
    path = sorted(synthea_dir().glob("*.json"))[-1]
    src = FileSource(path)
    pid = src.patients()[0][0]
    report = load_bundles([path], url, progress=False, chunk_size=100)
    assert report.transactions == math.ceil(report.total / 100)
    record = ServerSource(url).fetch(pid)
    assert set(record.by_ref) == set(src.fetch(pid).by_ref)
    for r in record.resources:
        assert all("?" not in x and not x.startswith("urn:") for x in references(r))


@pytest.mark.server
def test_ndjson_export_loads_as_one_record(tmp_path, fhir_server):
    patient = {"resourceType": "Patient", "id": "nd-1", "name": [{"given": ["Nd"], "family": "Json"}]}
    obs = [{"resourceType": "Observation", "id": f"nd-o{i}", "status": "final", "code": {"text": "weight"},
            "subject": {"reference": "Patient/nd-1"},
            "performer": [{"reference": "Practitioner?identifier=npi|1", "display": "Dr. A"}]} for i in range(3)]
    (tmp_path / "Observation.ndjson").write_text("\n".join(json.dumps(o) for o in obs) + "\n")
    (tmp_path / "Patient.ndjson").write_text(json.dumps(patient) + "\n")
    report = load_bundles(tmp_path, fhir_server, progress=False)
    assert report.written == Counter({"Observation": 3, "Patient": 1}) and report.transactions == 1
    assert report.reduced == Counter({"Practitioner": 3})
    record = ServerSource(fhir_server).fetch("nd-1")
    assert set(record.by_ref) == {"Patient/nd-1", "Observation/nd-o0", "Observation/nd-o1", "Observation/nd-o2"}
    assert record.by_ref["Observation/nd-o0"]["performer"] == [{"display": "Dr. A"}]
