"""The synthetic QA data: question bank, gold relevance and answers, splits, task files and the CLI."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from fhirqa.fields import day, ref
from fhirqa.finetune import data as qa
from fhirqa.finetune.cli import app
from fhirqa.finetune.gold import load_rules
from fhirqa.finetune.intents import CATEGORIES, SLOT_RE, bank, fill, pronouns
from fhirqa.finetune.teacher import keeps_facts, teach
from fhirqa.finetune.windows import Window, ordinal, pick_window
from fhirqa.records import FileSource
from fhirqa.render import render

SYNTHEA_DIR = Path(os.environ.get("FHIRQA_SYNTHEA_DIR")
                   or Path(__file__).resolve().parents[1].parent / "shared" / "data" / "synthea")
SLOTS = {"x", "date", "window", "name", "he", "his", "him", "He", "His", "is", "was", "has", "does"}
NON_CLINICAL = ("Claim/", "ExplanationOfBenefit/", "Provenance/")

pytestmark = pytest.mark.skipif(not SYNTHEA_DIR.is_dir(), reason=f"no Synthea bundles at {SYNTHEA_DIR}")


@pytest.fixture(scope="module")
def records():
    out = []
    for path in qa.bundle_files([SYNTHEA_DIR]):
        source = FileSource(path)
        out += [source.fetch(pid) for pid, _ in source.patients()]
    return out


@pytest.fixture(scope="module")
def generated(records):
    """(record, rows) for every shared patient, 80 questions each."""
    return [(r, qa.generate_questions(r, random.Random(f"t:{r.patient}"), 80)) for r in records]


def all_rows(generated):
    return [(rec, row) for rec, rows in generated for row in rows]


def test_bank_has_at_least_40_intents_with_5_phrasings_each():
    intents = bank()
    rules = load_rules()
    assert len(intents) >= 40
    assert len({i.name for i in intents}) == len(intents)
    for it in intents:
        assert len(set(it.phrasings)) >= 5, it.name
        assert it.category in CATEGORIES and it.gold in rules, it.name
        for p in it.phrasings:
            assert set(SLOT_RE.findall(p)) <= SLOTS, (it.name, p)


def test_fill_follows_gender_and_keeps_terse_forms_lowercase():
    assert fill("How old {is} {he}?", pronouns("female")) == "How old is she?"
    assert fill("{does} {he} smoke?", pronouns("other")) == "Do they smoke?"
    assert fill("{x}?", {"x": "a1c"}) == "a1c?"


def test_gold_refs_exist_in_the_patients_record(generated):
    for rec, row in all_rows(generated):
        assert all(x in rec.by_ref for x in row["relevant"]), row["question"]
        assert len(set(row["relevant"])) == len(row["relevant"])
        assert set(row["structure"]) == {"types", "codes", "window", "order", "status", "visit"}


def test_rows_cover_the_families_and_many_intents(generated):
    rows = [row for _, row in all_rows(generated)]
    assert {r["category"] for r in rows} >= set(CATEGORIES) - {"devices"}
    assert len({r["intent"] for r in rows}) >= 50
    assert all(r["question"] and r["answer"] for r in rows)


def test_clinical_questions_never_cite_billing_or_provenance(generated):
    for _, row in all_rows(generated):
        if row["category"] != "billing":
            assert not any(x.startswith(NON_CLINICAL) for x in row["relevant"]), row["question"]


def test_window_gold_falls_inside_the_window_and_misses_nothing(generated):
    checked = 0
    for rec, row in all_rows(generated):
        window = row["structure"]["window"]
        if not window:
            continue
        w = Window(window[0], window[1], "")
        dated = [rec.by_ref[x] for x in row["relevant"] if day(rec.by_ref[x])]
        assert all(w.holds(day(r)) for r in dated), row["question"]
        if row["intent"] == "window_labs":
            codes = set(row["structure"]["codes"])
            expected = {ref(r) for r in rec.resources if r["resourceType"] == "Observation"
                        and (r.get("code", {}).get("coding") or [{}])[0].get("code") in codes and w.holds(day(r))}
            assert expected == set(row["relevant"]), row["question"]
        checked += row["category"] == "window"
    assert checked >= 5


def test_latest_answers_state_the_date_of_the_latest_resource(generated):
    checked = 0
    for rec, row in all_rows(generated):
        st = row["structure"]
        if st["order"] != "latest" or not st["codes"] or not row["relevant"]:
            continue
        days = [day(rec.by_ref[x]) for x in row["relevant"] if day(rec.by_ref[x])]
        assert max(days) in row["answer"], (row["question"], row["answer"])
        checked += 1
    assert checked >= 10


def test_unanswerable_questions_have_no_relevant_resources(generated):
    rows = [row for _, row in all_rows(generated) if row["category"] == "unanswerable"]
    assert len(rows) >= 5
    for row in rows:
        assert row["relevant"] == []
        assert "no" in row["answer"].lower()


def test_pronouns_follow_patient_gender(generated):
    for rec, rows in generated:
        other = {"male": r"\b(she|her)\b", "female": r"\b(he|his|him)\b"}[rec.patient_resource["gender"]]
        for row in rows:
            assert not re.search(other, row["question"], re.I), row["question"]


def test_window_picker_bounds():
    p = {"last_day": "2020-06-30", "birth": "1990-05-10", "he": "she", "his": "her"}
    days = ["2001-03-04", "2015-07-01", "2019-12-31"]
    rng = random.Random(3)
    for _ in range(50):
        w = pick_window(days, rng, p)
        assert w and any(w.holds(d) for d in days) and w.phrase
    assert ordinal(30) == "30th" and ordinal(21) == "21st" and ordinal(12) == "12th"
    assert Window(None, "2009-12-31", "before 2010").holds("2009-12-31")
    assert not Window("2015-01-01", None, "since 2015").holds("2014-12-31")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    for out in (a, b):
        qa.build([SYNTHEA_DIR], out, seed=3, per_patient=12, negatives=9, progress=False)
    return a, b


def test_build_is_deterministic(built):
    a, b = built
    names = sorted(p.name for p in a.glob("*.jsonl"))
    assert len(names) == 9
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_splits_share_no_patient(built):
    a, _ = built
    patients = {s: {r["patient"] for r in qa.read_jsonl(a / f"{s}.jsonl")} for s in qa.SPLITS}
    assert all(patients.values())
    assert not (patients["train"] & patients["validation"] or patients["train"] & patients["test"]
                or patients["validation"] & patients["test"])
    assert sum(map(len, patients.values())) == 5


def test_task_files_hold_both_labels_and_exact_renders(built, records):
    a, _ = built
    by_ref = {k: v for rec in records for k, v in rec.by_ref.items()}
    pairs = qa.read_jsonl(a / "task1_train.jsonl")
    assert {p["label"] for p in pairs} == {0, 1}
    assert {p["kind"] for p in pairs} >= {"positive", "hard_type", "hard_topic", "random"}
    for p in pairs[:300]:
        assert p["text"] == render(by_ref[p["ref"]])
    negs: dict[str, int] = {}
    for p in pairs:
        negs[p["id"]] = negs.get(p["id"], 0) + (p["label"] == 0)
    assert max(negs.values()) <= 9
    examples = qa.read_jsonl(a / "task2_train.jsonl")
    assert examples
    for ex in examples:
        assert ex["context"] == [render(by_ref[x]) for x in ex["refs"]]
        days = [day(by_ref[x]) for x in ex["refs"]]
        assert days == sorted(days)


def test_topic_level_pairs(records):
    facts = qa.Facts(records[0])
    case = load_rules()["obs_latest"](facts, random.Random(1), kind="vital")
    row = {"id": "q", "question": "latest bp", "relevant": case.relevant, "structure": case.structure}
    assert len(case.relevant) > 1
    pairs = qa.task1_pairs(facts, row, random.Random(0), 12, level="topic")
    assert sum(p["label"] for p in pairs) == 1  # one topic, however many measurements
    assert len({p["ref"] for p in pairs}) == len(pairs)


def test_ndjson_export_folders_are_read_whole(tmp_path, records):
    rec = records[2]
    by_type: dict[str, list[str]] = {}
    for r in rec.resources:
        by_type.setdefault(r["resourceType"], []).append(json.dumps(r))
    for rtype, lines in by_type.items():
        (tmp_path / f"{rtype}.ndjson").write_text("\n".join(lines) + "\n")
    assert qa.bundle_files([tmp_path]) == [tmp_path]
    built = qa.build([tmp_path], tmp_path / "out", seed=1, per_patient=5, progress=False)
    assert sum(built.patients.values()) == 1 and built.counts["train"] == 5


def test_synthea_patients_are_generated_and_reused(tmp_path):
    fhir = qa.run_synthea(1, 5, tmp_path)
    files = sorted(fhir.glob("*.json"))
    assert len(files) == 1
    assert qa.run_synthea(1, 5, tmp_path) == fhir  # same n and seed: no second run
    source = FileSource(files[0])
    rows = qa.generate_questions(source.fetch(source.patients()[0][0]), random.Random(0), 15)
    assert len(rows) == 15 and all(r["bundle"] == str(files[0]) for r in rows)


def test_cli_writes_splits_and_reports_counts(tmp_path):
    result = CliRunner().invoke(app, ["data", "--bundles", str(SYNTHEA_DIR), "--out", str(tmp_path),
                                      "--per-patient", "3", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "train: 3 patients, 9 questions" in result.output
    assert (tmp_path / "meta.json").exists() and (tmp_path / "task2_test.jsonl").exists()


def test_cli_without_input_is_an_error(tmp_path):
    result = CliRunner().invoke(app, ["data", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: nothing to read" in result.output


def test_teacher_paraphrases_and_keeps_only_faithful_answers():
    rows = [{"question": "a1c?", "answer": "Her most recent HbA1c was 5.8 % on 2019-03-02."}]
    model = FakeListChatModel(responses=["What was her latest A1c?", "Her A1c was 5.8 % (2019-03-02)."])
    out = teach(rows, model, random.Random(0), share=1.0, answers=True)
    assert out[0]["question"] == "What was her latest A1c?"
    assert out[0]["answer"] == "Her A1c was 5.8 % (2019-03-02)."
    assert not keeps_facts(rows[0]["answer"], "Her A1c was fine.")
    assert rows[0]["question"] == "a1c?"  # the input rows are not modified
