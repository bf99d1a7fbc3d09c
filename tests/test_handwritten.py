"""The hand-written evaluation sets: well formed, and every gold reference exists in its patient's record."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fhirqa.eval.questions import load_questions
from fhirqa.records import FileSource

HERE = Path(__file__).resolve().parents[1] / "questions"
# (file, id prefix, question count range, minimum per patient, minimum unanswerable)
SETS = {"handwritten": ("handwritten.jsonl", "hw-", (90, 120), 15, 10),
        "handwritten2": ("handwritten2.jsonl", "hw2-", (50, 80), 10, 5),
        "handwritten3": ("handwritten3.jsonl", "hw3-", (50, 80), 10, 5),
        "handwritten4": ("handwritten4.jsonl", "hw4-", (60, 80), 12, 6),
        "handwritten6": ("handwritten6.jsonl", "hw6-", (60, 80), 12, 6),
        "handwritten7": ("handwritten7.jsonl", "hw7-", (60, 80), 12, 6),
        "handwritten9": ("handwritten9.jsonl", "hw9-", (60, 80), 12, 6),
        "handwritten11": ("handwritten11.jsonl", "hw11-", (60, 80), 12, 6),
        "handwritten12": ("handwritten12.jsonl", "hw12-", (60, 80), 12, 6),
        "handwritten14": ("handwritten14.jsonl", "hw14-", (60, 80), 12, 6),
        "handwritten16": ("handwritten16.jsonl", "hw16-", (60, 80), 12, 6),
        "handwritten18": ("handwritten18.jsonl", "hw18-", (60, 80), 12, 6),
        "handwritten20": ("handwritten20.jsonl", "hw20-", (60, 80), 12, 6),
        "handwritten22": ("handwritten22.jsonl", "hw22-", (60, 80), 12, 6),
        "handwritten26": ("handwritten26.jsonl", "hw26-", (60, 80), 12, 6)}
CATEGORIES = {
    "demographics", "conditions", "medications", "allergies", "immunizations", "labs", "vitals",
    "procedures", "imaging", "encounters", "careplans", "devices", "counts", "yesno", "window",
    "visit", "unanswerable",
}


@pytest.fixture(scope="module", params=sorted(SETS))
def spec(request):
    return SETS[request.param]


@pytest.fixture(scope="module")
def questions(spec):
    return load_questions(HERE / spec[0])


@pytest.fixture(scope="module")
def records(questions, synthea_dir):
    source = FileSource(synthea_dir)
    return {p: source.fetch(p) for p in {q.patient for q in questions}}


def test_size_ids_and_categories(questions, spec):
    low, high = spec[2]
    assert low <= len(questions) <= high
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert all(q.id.startswith(spec[1]) for q in questions)
    bad = {q.id: q.category for q in questions if q.category not in CATEGORIES}
    assert not bad, f"unknown categories: {bad}"
    assert all(q.bundle is None for q in questions), "the set is run with --fhir <dir>; no 'bundle' keys"
    assert all(q.answer.strip() for q in questions)


def test_every_patient_exists_and_is_covered(questions, spec, synthea_dir):
    known = {pid for pid, _ in FileSource(synthea_dir).patients()}
    per_patient = Counter(q.patient for q in questions)
    assert set(per_patient) <= known, set(per_patient) - known
    assert set(per_patient) == known, "every Synthea patient should have questions"
    assert min(per_patient.values()) >= spec[3]


def test_every_relevant_ref_exists_in_its_record(questions, records):
    missing = [(q.id, r) for q in questions for r in q.relevant if r not in records[q.patient].by_ref]
    assert not missing, missing[:10]


def test_unanswerable_questions_have_no_gold_resources(questions, spec):
    assert sum(q.category == "unanswerable" for q in questions) >= spec[4]
    assert all(not q.relevant for q in questions if q.category == "unanswerable")
