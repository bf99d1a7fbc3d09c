"""The hand-written evaluation set: well formed, and every gold reference exists in its patient's record."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from fhirqa.eval.questions import load_questions
from fhirqa.records import FileSource

QUESTIONS = Path(__file__).resolve().parents[1] / "questions" / "handwritten.jsonl"
CATEGORIES = {
    "demographics", "conditions", "medications", "allergies", "immunizations", "labs", "vitals",
    "procedures", "imaging", "encounters", "careplans", "devices", "counts", "yesno", "window",
    "visit", "unanswerable",
}


@pytest.fixture(scope="module")
def questions():
    return load_questions(QUESTIONS)


@pytest.fixture(scope="module")
def records(questions, synthea_dir):
    source = FileSource(synthea_dir)
    return {p: source.fetch(p) for p in {q.patient for q in questions}}


def test_size_ids_and_categories(questions):
    assert 90 <= len(questions) <= 120
    ids = [q.id for q in questions]
    assert len(ids) == len(set(ids))
    assert all(q.id.startswith("hw-") for q in questions)
    bad = {q.id: q.category for q in questions if q.category not in CATEGORIES}
    assert not bad, f"unknown categories: {bad}"
    assert all(q.bundle is None for q in questions), "the set is run with --fhir <dir>; no 'bundle' keys"
    assert all(q.answer.strip() for q in questions)


def test_every_patient_exists_and_is_covered(questions, synthea_dir):
    known = {pid for pid, _ in FileSource(synthea_dir).patients()}
    per_patient = Counter(q.patient for q in questions)
    assert set(per_patient) <= known, set(per_patient) - known
    assert set(per_patient) == known, "every Synthea patient should have questions"
    assert min(per_patient.values()) >= 15


def test_every_relevant_ref_exists_in_its_record(questions, records):
    missing = [(q.id, r) for q in questions for r in q.relevant if r not in records[q.patient].by_ref]
    assert not missing, missing[:10]


def test_unanswerable_questions_have_no_gold_resources(questions):
    assert sum(q.category == "unanswerable" for q in questions) >= 10
    assert all(not q.relevant for q in questions if q.category == "unanswerable")
