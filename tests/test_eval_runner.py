"""The evaluation runner end to end with scripted backends on a tiny Bundle: report values, resume, bad lines, CLI."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Sequence

import pytest
from typer.testing import CliRunner

from fhirqa import models
from fhirqa.agent.result import AskResult
from fhirqa.eval import runner
from fhirqa.eval.cli import app
from fhirqa.eval.questions import InvalidQuestionFile, load_questions
from fhirqa.fields import code, ref
from fhirqa.models import Answer
from fhirqa.records import Record

NO_INFO = "The record holds no information about this."
FIXED = "Her last HbA1c was 5.8 % on 2020-01-05."
# Identical 7-token answers: METEOR = 1 - 0.5·(1 chunk / 7 matches)³.
EXACT_METEOR = 1 - 0.5 / 7 ** 3


# ---- fakes ----

class RuleRelevance:
    """Scores 1.0 when a question word of 5+ letters occurs in the resource's code display."""

    def score(self, question: str, resources) -> list[float]:
        words = {w.strip("?.,").lower() for w in question.split() if len(w.strip("?.,")) >= 5}
        return [1.0 if any(w in code(r)[2].lower() for w in words) else 0.0 for r in resources]


class FixedGenerator:
    """Always the same answer, citing the first resource it was given."""

    def __init__(self) -> None:
        self.calls = 0

    def generate(self, question, resources, history=()) -> Answer:
        self.calls += 1
        return Answer(FIXED, [ref(resources[0])])


class FakePipeline:
    """The Pipeline API over a record source, scripted: relevance above 0.5, fixed text when nothing is relevant."""

    def __init__(self, source, relevance, generator, settings=None, interrupt_after: int | None = None) -> None:
        self.source, self.relevance, self.generator = source, relevance, generator
        self.records: dict[str, Record] = {}
        self.asked: list[str] = []
        self.interrupt_after = interrupt_after

    def record(self, patient: str) -> Record:
        if patient not in self.records:
            self.records[patient] = self.source.fetch(patient)
        return self.records[patient]

    def relevant(self, question: str, patient: str) -> list[str]:
        if self.interrupt_after is not None and len(self.asked) >= self.interrupt_after:
            raise KeyboardInterrupt
        self.asked.append(question)
        rec = self.record(patient)
        return [ref(r) for r, s in zip(rec.resources, self.relevance.score(question, rec.resources)) if s > 0.5]

    def answer(self, question: str, record: Record, relevant: Sequence[str]) -> AskResult:
        chosen = [record.by_ref[r] for r in relevant if r in record.by_ref]
        if not chosen:
            return AskResult(NO_INFO, [], list(relevant))
        a = self.generator.generate(question, chosen)
        return AskResult(a.text, a.citations, list(relevant), {"fetch_s": 0.0, "relevance_s": 0.0, "generate_s": 0.0})

    def ask(self, question: str, patient: str) -> AskResult:
        t = time.perf_counter()
        relevant = self.relevant(question, patient)
        result = self.answer(question, self.record(patient), relevant)
        result.timings["relevance_s"] = time.perf_counter() - t
        return result


class NoSynonyms:
    """A WordNet with no synonyms: METEOR then matches exact words and stems only."""

    def synsets(self, word):
        return []


class Factory:
    """Builds FakePipelines and keeps them, so a test can count what was asked."""

    def __init__(self, **kw) -> None:
        self.kw, self.built = kw, []

    def __call__(self, source, relevance, generator, settings):
        p = FakePipeline(source, relevance, generator, settings, **self.kw)
        self.built.append(p)
        return p

    @property
    def asked(self) -> list[str]:
        return [q for p in self.built for q in p.asked]


# ---- data ----

def _coded(rtype: str, rid: str, display: str, **extra) -> dict:
    field = {"MedicationRequest": "medicationCodeableConcept"}.get(rtype, "code")
    return {"resourceType": rtype, "id": rid, field: {"coding": [{"display": display}]},
            "subject": {"reference": "Patient/p1"}, **extra}


def bundle() -> dict:
    resources = [
        {"resourceType": "Patient", "id": "p1", "name": [{"given": ["Ann"], "family": "Lee"}]},
        _coded("Observation", "o1", "HbA1c", effectiveDateTime="2020-01-05",
               valueQuantity={"value": 5.8, "unit": "%"}),
        _coded("Observation", "o2", "Glucose", effectiveDateTime="2020-01-05"),
        _coded("Condition", "c1", "Diabetes mellitus type 2"),
        _coded("MedicationRequest", "m1", "Metformin 500 MG"),
    ]
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


QUESTIONS = [
    # relevance predicts {o1}: tp 1 fp 0 fn 0; the answer equals the gold answer.
    {"id": "q1", "patient": "p1", "question": "What was her last HbA1c?", "relevant": ["Observation/o1"],
     "answer": FIXED, "category": "labs", "bundle": "bundles/p1.json"},
    # relevance predicts {c1}: tp 1 fp 0 fn 1; the fixed answer shares nothing with the gold answer.
    {"id": "q2", "patient": "p1", "question": "Which medication for diabetes?", "category": "meds",
     "relevant": ["MedicationRequest/m1", "Condition/c1"], "answer": "Metformin 500 mg since 2019-03-01.",
     "bundle": "bundles/p1.json"},
    # nothing relevant, nothing predicted (F1 1.0); the no-information answer equals the gold answer.
    {"id": "q3", "patient": "p1", "question": "Is she a smoker?", "relevant": [], "answer": NO_INFO,
     "bundle": "bundles/p1.json"},
]


def write_questions(folder: Path, questions=QUESTIONS, extra_lines: Sequence[str] = ()) -> Path:
    (folder / "bundles").mkdir(exist_ok=True)
    (folder / "bundles" / "p1.json").write_text(json.dumps(bundle()))
    path = folder / "qa.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in questions) + "".join(extra_lines))
    return path


@pytest.fixture
def backends(monkeypatch, tmp_path):
    """The scripted backends registered by name, the way real ones are, and FHIRQA_HOME in tmp."""
    monkeypatch.setenv("FHIRQA_HOME", str(tmp_path / "home"))
    monkeypatch.setitem(models.RELEVANCE, "rule", lambda settings: RuleRelevance())
    monkeypatch.setitem(models.RELEVANCE, "nothing", lambda settings: type("N", (), {
        "score": lambda self, q, rs: [0.0] * len(rs)})())
    monkeypatch.setitem(models.GENERATORS, "fixed", lambda settings: FixedGenerator())


def run(tmp_path, mode="full", factory=None, **kw):
    return runner.run_eval(write_questions(tmp_path), tmp_path / "out", mode=mode, relevances=["rule"],
                           generators=["fixed"], factory=factory or Factory(), wordnet=NoSynonyms(),
                           progress=False, **kw)


# ---- tests ----

def test_full_run_report_matches_hand_computed_values(tmp_path, backends):
    report = run(tmp_path)["rule+fixed"]
    saved = json.loads((tmp_path / "out" / "report.json").read_text())
    assert saved == json.loads(json.dumps(report))
    assert report["n"] == 3
    t1 = report["task1"]
    assert (t1["tp"], t1["fp"], t1["fn"]) == (2, 0, 1)
    assert t1["tn"] == 4 + 3 + 5  # the record holds 5 resources
    assert t1["precision"] == 1.0
    assert t1["recall"] == pytest.approx(2 / 3)
    assert t1["micro_f1"] == pytest.approx(0.8)
    assert t1["macro_f1"] == pytest.approx((1 + 2 / 3 + 1) / 3)
    t2 = report["task2"]
    assert t2["meteor"] == pytest.approx(2 * EXACT_METEOR / 3)
    assert t2["rouge_l"] == pytest.approx(2 / 3)
    assert t2["fact_recall"] == pytest.approx(0.5)  # q1 2/2 facts, q2 0/2, q3 states none
    assert t2["fact_questions"] == 2
    assert report["latency"]["p50_s"] <= report["latency"]["p95_s"]
    assert report["memory"]["peak_rss_mb"] > 0
    assert set(report["by_category"]) == {"labs", "meds", "uncategorised"}
    meds = report["by_category"]["meds"]
    assert meds["task1"]["micro_f1"] == pytest.approx(2 / 3)
    assert meds["task2"]["meteor"] == 0.0
    assert report["errors"] == 0


def test_run_writes_predictions_markdown_and_plots(tmp_path, backends):
    run(tmp_path)
    out = tmp_path / "out"
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["q1", "q2", "q3"]
    assert rows[1]["prediction"]["relevant"] == ["Condition/c1"]
    assert rows[1]["gold"]["relevant"] == ["MedicationRequest/m1", "Condition/c1"]
    assert rows[1]["scores"]["f1"] == pytest.approx(2 / 3)
    assert rows[0]["prediction"]["citations"] == ["Observation/o1"]
    assert "| rule+fixed | 3 |" in (out / "report.md").read_text()
    for png in ("category_f1.png", "category_meteor.png", "latency.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_task1_does_not_score_answers_or_load_a_generator(tmp_path, backends, monkeypatch):
    monkeypatch.delitem(models.GENERATORS, "fixed")  # would fail if the runner tried to load it
    report = run(tmp_path, mode="task1")["rule"]
    assert "task2" not in report
    assert report["task1"]["micro_f1"] == pytest.approx(0.8)
    assert not (tmp_path / "out" / "category_meteor.png").exists()


def test_task2_answers_from_gold_resources(tmp_path, backends):
    factory = Factory()
    report = run(tmp_path, mode="task2", factory=factory)["fixed"]
    assert "task1" not in report
    # q1 and q2 have gold resources, so both get the fixed answer; q3 gets the no-information text.
    assert report["task2"]["rouge_l"] == pytest.approx(2 / 3)
    assert factory.asked == []  # the relevance step never ran


def test_resume_skips_questions_already_answered(tmp_path, backends):
    first = Factory(interrupt_after=1)
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, factory=first)
    pred = tmp_path / "out" / "predictions.jsonl"
    assert [json.loads(x)["id"] for x in pred.read_text().splitlines()] == ["q1"]
    with pred.open("a") as f:
        f.write('{"id": "q2", "pred')  # a write torn by the interruption
    second = Factory()
    report = run(tmp_path, factory=second)["rule+fixed"]
    assert second.asked == ["Which medication for diabetes?", "Is she a smoker?"]
    assert [json.loads(x)["id"] for x in pred.read_text().splitlines()] == ["q1", "q2", "q3"]
    assert report["task1"]["micro_f1"] == pytest.approx(0.8)
    third = Factory()
    run(tmp_path, factory=third)
    assert third.asked == []
    fourth = Factory()
    run(tmp_path, factory=fourth, fresh=True)
    assert len(fourth.asked) == 3


def test_resume_refuses_predictions_of_another_mode(tmp_path, backends):
    run(tmp_path, mode="task1")
    with pytest.raises(runner.ResumeConflict, match="--fresh"):
        run(tmp_path)


def test_unknown_patient_is_recorded_as_an_error_row(tmp_path, backends):
    questions = QUESTIONS[:1] + [{**QUESTIONS[0], "id": "q9", "patient": "p2"}]
    report = runner.run_eval(write_questions(tmp_path, questions), tmp_path / "out", relevances=["rule"],
                             generators=["fixed"], factory=Factory(), wordnet=NoSynonyms(),
                             progress=False)["rule+fixed"]
    assert report["errors"] == 1 and report["error_ids"] == ["q9"]
    assert report["task1"]["fn"] == 1 and report["task1"]["macro_f1"] == pytest.approx(0.5)


def test_bad_lines_are_reported_with_their_numbers(tmp_path):
    path = write_questions(tmp_path, QUESTIONS[:1], [
        "{not json\n", "\n", json.dumps({**QUESTIONS[0], "id": "q5", "answer": None}) + "\n",
        json.dumps({**QUESTIONS[0], "relevant": ["o1"]}) + "\n",
        json.dumps({**QUESTIONS[0], "id": "q6", "patient": "p 1"}) + "\n",
    ])
    with pytest.raises(InvalidQuestionFile) as err:
        load_questions(path)
    assert [n for n, _ in err.value.problems] == [2, 4, 5, 6]
    assert "malformed patient id 'p 1'" in str(err.value)
    assert f"{path}:2: not JSON" in str(err.value)
    assert "'answer' must be a string" in str(err.value)
    assert "malformed references ['o1']" in str(err.value)


def test_question_without_bundle_needs_fhir(tmp_path, backends):
    path = write_questions(tmp_path, [{k: v for k, v in QUESTIONS[0].items() if k != "bundle"}])
    with pytest.raises(InvalidQuestionFile, match="no --fhir"):
        runner.run_eval(path, tmp_path / "out", factory=Factory(), wordnet=NoSynonyms(), progress=False)


def test_several_systems_get_their_own_folders_and_a_comparison(tmp_path, backends):
    reports = runner.run_eval(write_questions(tmp_path), tmp_path / "out", mode="task1",
                              relevances=["rule", "nothing"], factory=Factory(), progress=False)
    assert list(reports) == ["rule", "nothing"]
    assert reports["nothing"]["task1"]["recall"] == 0.0
    assert (tmp_path / "out" / "rule" / "report.json").is_file()
    assert (tmp_path / "out" / "nothing" / "predictions.jsonl").is_file()
    table = (tmp_path / "out" / "comparison.md").read_text()
    assert "| rule | 3 | 1.000 | 0.667 | 0.800 | 0.889 |" in table
    assert "| nothing | 3 | 0.000 | 0.000 | 0.000 | 0.333 |" in table


# ---- CLI ----

def test_cli_run_and_compare(tmp_path, backends, monkeypatch):
    monkeypatch.setattr(runner, "default_pipeline_factory", Factory())
    cli = CliRunner()
    questions = write_questions(tmp_path)
    result = cli.invoke(app, ["--questions", str(questions), "--out", str(tmp_path / "out"), "--mode", "task1",
                              "--relevance", "rule,nothing", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "| rule | 3 | 1.000 | 0.667 | 0.800 | 0.889 |" in result.output
    assert f"Wrote {tmp_path / 'out' / 'comparison.md'}" in result.output
    result = cli.invoke(app, ["compare", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("| system | n | P | R | micro-F1 | macro-F1 |")
    assert "| nothing | 3 | 0.000 |" in result.output


def test_cli_reports_a_bad_line_without_traceback(tmp_path, backends):
    path = write_questions(tmp_path, QUESTIONS[:2], ["oops\n"])
    result = CliRunner().invoke(app, ["--questions", str(path), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    assert f"Error: bad question file: {path}:3: not JSON" in result.output
    assert "Traceback" not in result.output


def test_cli_needs_questions_and_out(tmp_path):
    result = CliRunner().invoke(app, ["--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--questions and --out are required" in result.output


def test_bench_same_process_reports_ratios(tmp_path, backends):
    from fhirqa.eval import bench

    class SlowRelevance(RuleRelevance):
        def score(self, question, resources):
            time.sleep(0.002 * len(resources))  # a stand-in for one LLM call per resource
            return super().score(question, resources)

    models.RELEVANCE["slow-test"] = lambda settings: SlowRelevance()
    try:
        cases = bench.bench_cases(None, 1, write_questions(tmp_path))
        assert [c[0] for c in cases] == [q["question"] for q in QUESTIONS]
        result = bench.run_bench(cases, "rule", "slow-test", "fixed", isolate=False, factory=Factory())
    finally:
        del models.RELEVANCE["slow-test"]
    assert result["system"]["resources"] == result["baseline"]["resources"] == 15
    assert set(result["ratios"]) == {"throughput_x", "p50_speedup_x", "p95_speedup_x", "memory_saving_x"}
    assert result["meets_targets"]["system"]["peak_rss_mb"] in (True, False)
    bench.write(tmp_path / "bench", result)
    md = (tmp_path / "bench" / "bench.md").read_text()
    assert "| system | rule | fixed |" in md and "| baseline | slow-test | fixed |" in md
    assert "p50 ≤ 2 s, p95 ≤ 5 s, peak RSS ≤ 1536 MB" in md


def test_bench_child_process_reports_the_backends_error(tmp_path):
    from fhirqa.config import Settings
    from fhirqa.eval import bench

    cases = [("What was her last HbA1c?", "p1", str(write_questions(tmp_path).parent / "bundles" / "p1.json"))]
    with pytest.raises(bench.BenchFailed, match="unknown relevance backend"):
        bench.measure_isolated(cases, "no-such-backend", None, Settings(home=tmp_path / "home"))
