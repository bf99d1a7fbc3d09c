"""Run the pipeline over a question file, one system at a time, resumably: predictions.jsonl + report.

Each answered question is appended to `predictions.jsonl` and flushed at once, so an interrupted run
loses at most the question in flight; a rerun skips the ids already there (`fresh=True` starts over).
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Protocol, Sequence

from tqdm import tqdm

from ..agent.result import AskResult
from ..config import Settings
from ..errors import InputError
from ..models import AnswerGenerator, RelevanceClassifier, load_generator, load_relevance
from ..records import Record, RecordSource, open_source
from . import metrics, report
from .questions import InvalidQuestionFile, Question, load_questions

MODES = ("full", "task1", "task2")
PREDICTIONS = "predictions.jsonl"
RUN_META = "run.json"


class ResumeConflict(InputError):
    def __init__(self, path: Path, was: dict, now: dict) -> None:
        self.path = path
        diff = ", ".join(f"{k} was {was.get(k)!r}, now {now.get(k)!r}" for k in now if was.get(k) != now.get(k))
        super().__init__(f"{path} holds predictions of another run ({diff}); pass --fresh to start over "
                         "or choose another --out")


class CorruptPredictions(InputError):
    def __init__(self, path: Path, line: int) -> None:
        self.path, self.line = path, line
        super().__init__(f"{path}:{line}: not a prediction row; pass --fresh to start over")


class PipelineLike(Protocol):
    """What the runner needs of `fhirqa.agent.pipeline.Pipeline`."""

    def ask(self, question: str, patient: str) -> AskResult: ...
    def relevant(self, question: str, patient: str) -> list[str]: ...
    def answer(self, question: str, record: Record, relevant: list[str]) -> AskResult: ...
    def record(self, patient: str) -> Record: ...


PipelineFactory = Callable[[RecordSource, RelevanceClassifier, AnswerGenerator, Settings], PipelineLike]


def default_pipeline_factory(source, relevance, generator, settings) -> PipelineLike:
    from ..agent.pipeline import Pipeline

    return Pipeline(source, relevance, generator, settings)


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


@dataclass(frozen=True)
class System:
    """One configuration under evaluation: a relevance backend, a generator, or both."""

    name: str
    relevance: str | None
    generator: str | None

    @property
    def slug(self) -> str:
        return re.sub(r"[^\w.+-]", "_", self.name)


def systems_for(mode: str, relevances: Sequence[str], generators: Sequence[str]) -> list[System]:
    """Every combination the mode exercises: task1 ignores generators, task2 ignores relevance backends."""
    if mode not in MODES:
        raise InputError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    if mode == "task1":
        return [System(r, r, None) for r in dict.fromkeys(relevances)]
    if mode == "task2":
        return [System(g, None, g) for g in dict.fromkeys(generators)]
    return [System(f"{r}+{g}", r, g) for r in dict.fromkeys(relevances) for g in dict.fromkeys(generators)]


class Unused:
    """Stands in for the model seam a mode does not exercise: loading it would only skew time and memory."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    def score(self, question, resources):
        raise RuntimeError(f"the relevance classifier is not used in mode {self.mode}")

    def generate(self, question, resources, history=()):
        raise RuntimeError(f"the answer generator is not used in mode {self.mode}")


# ---- predictions file ----

def read_predictions(path: Path, repair: bool = False) -> list[dict]:
    """The rows of a predictions.jsonl; a torn last line (interrupted write) is dropped, and cut off if `repair`."""
    path = Path(path)
    if not path.exists():
        return []
    data = path.read_bytes()
    complete, sep, torn = data.rpartition(b"\n")
    if torn.strip() and repair:
        with path.open("r+b") as f:
            f.truncate(len(complete) + len(sep))
    rows = []
    for n, raw in enumerate(complete.split(b"\n") if sep else [], 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except ValueError:
            row = None
        if not isinstance(row, dict) or "id" not in row:
            raise CorruptPredictions(path, n)
        rows.append(row)
    return rows


def append_row(f, row: dict) -> None:
    f.write(json.dumps(row, ensure_ascii=False) + "\n")
    f.flush()


# ---- one question ----

def score(q: Question, answer: str, relevant: Iterable[str], universe: Iterable[str], mode: str,
          wordnet) -> dict:
    """Per-question scores of a prediction against the question's gold."""
    out: dict = {}
    if mode in ("full", "task1"):
        c = metrics.set_counts(relevant, q.relevant, universe)
        out |= {"tp": c.tp, "fp": c.fp, "fn": c.fn, "tn": c.tn, "precision": metrics.precision(c),
                "recall": metrics.recall(c), "f1": metrics.f1(c)}
    if mode in ("full", "task2"):
        out |= {"meteor": metrics.meteor(answer, q.answer, wordnet), "rouge_l": metrics.rouge_l(answer, q.answer),
                "fact_recall": metrics.fact_recall(answer, q.answer)}
    return out


def predict(q: Question, pipeline: PipelineLike, mode: str) -> tuple[AskResult, Record | None, float]:
    """The pipeline's prediction, the record it read, and the wall time of the pipeline call."""
    if mode == "task2":
        record = pipeline.record(q.patient)
        t = time.perf_counter()
        result = pipeline.answer(q.question, record, list(q.relevant))
        return result, record, time.perf_counter() - t
    t = time.perf_counter()
    if mode == "task1":
        result = AskResult(answer="", relevant=list(pipeline.relevant(q.question, q.patient)))
    else:
        result = pipeline.ask(q.question, q.patient)
    elapsed = time.perf_counter() - t
    return result, pipeline.record(q.patient), elapsed  # cached by now: no second fetch


def evaluate_one(q: Question, pipeline: PipelineLike, mode: str, system: System, wordnet) -> dict:
    """One predictions.jsonl row. Bad input (unknown patient...) is recorded as an empty prediction."""
    error = None
    try:
        result, record, elapsed = predict(q, pipeline, mode)
    except InputError as e:
        result, record, elapsed, error = AskResult(answer=""), None, 0.0, str(e)
    universe = list(record.by_ref) if record else []
    relevant = q.relevant if mode == "task2" else result.relevant
    return {
        "id": q.id, "patient": q.patient, "category": q.category, "question": q.question,
        "system": system.name, "mode": mode,
        "prediction": {"answer": result.answer, "citations": list(result.citations), "relevant": list(relevant)},
        "gold": {"answer": q.answer, "relevant": list(q.relevant)},
        "scores": score(q, result.answer, relevant, universe, mode, wordnet),
        "latency_s": elapsed, "timings": dict(result.timings), "n_resources": len(universe),
        "peak_rss_mb": peak_rss_mb(), "error": error,
    }


# ---- one system ----

def run_system(questions: list[Question], pipeline_for: Callable[[Question], PipelineLike], out_dir: Path,
               mode: str, system: System, wordnet=None, *, meta: dict | None = None, fresh: bool = False,
               progress: bool = True) -> dict:
    """Evaluate one system over the questions (resuming from out_dir), write its report, return it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pred_path, meta_path = out_dir / PREDICTIONS, out_dir / RUN_META
    meta = {"system": system.name, "mode": mode, "relevance": system.relevance, "generator": system.generator,
            **(meta or {})}
    if fresh:
        pred_path.unlink(missing_ok=True)
    elif meta_path.exists() and pred_path.exists():
        was = json.loads(meta_path.read_text())
        if any(was.get(k) != v for k, v in meta.items()):
            raise ResumeConflict(pred_path, was, meta)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    wanted = {q.id for q in questions}
    done = {r["id"]: r for r in read_predictions(pred_path, repair=True) if r["id"] in wanted}
    todo = [q for q in questions if q.id not in done]
    rows = dict(done)
    with pred_path.open("a", encoding="utf-8") as f, tqdm(
            total=len(questions), initial=len(done), desc=system.name, unit="q", disable=not progress) as bar:
        for q in todo:
            row = evaluate_one(q, pipeline_for(q), mode, system, wordnet)
            append_row(f, row)
            rows[q.id] = row
            bar.update(1)
    ordered = [rows[q.id] for q in questions]
    summary = report.summarise(ordered, mode, system.name)
    report.write(out_dir, summary, ordered)
    return summary


# ---- the whole run ----

class _Models:
    """Backends loaded once per run and shared by the systems that name them."""

    def __init__(self, settings: Settings) -> None:
        self.settings, self.relevance, self.generators = settings, {}, {}

    def get_relevance(self, name: str | None, mode: str):
        if name is None:
            return Unused(mode)
        if name not in self.relevance:
            self.relevance[name] = load_relevance(name, self.settings)
        return self.relevance[name]

    def get_generator(self, name: str | None, mode: str):
        if name is None:
            return Unused(mode)
        if name not in self.generators:
            self.generators[name] = load_generator(name, self.settings)
        return self.generators[name]


def check_sources(questions: list[Question], fhir: str | None) -> None:
    """Every question needs a record: its own `bundle` or the run's --fhir."""
    if fhir is None:
        missing = [(q.line, f"question {q.id!r} has no 'bundle' and no --fhir was given") for q in questions
                   if q.bundle is None]
        if missing:
            raise InvalidQuestionFile("questions", missing)


def run_eval(questions_path: Path, out: Path, *, fhir: str | None = None, mode: str = "full",
             relevances: Sequence[str] = ("default",), generators: Sequence[str] = ("default",),
             settings: Settings | None = None, fresh: bool = False,
             factory: PipelineFactory | None = None, wordnet=None, limit: int | None = None,
             progress: bool = True) -> dict[str, dict]:
    """Evaluate every system; one system writes into `out`, several into `out/<system>/` plus a comparison."""
    settings, factory = settings or Settings(), factory or default_pipeline_factory
    systems = systems_for(mode, relevances, generators)
    questions = load_questions(questions_path)[:limit]
    check_sources(questions, fhir)
    if wordnet is None and mode != "task1":
        from . import wordnet as wn

        wordnet = wn.load(wn.nltk_data_dir(settings))
    models, sources = _Models(settings), {}

    def source_of(spec: str) -> RecordSource:
        if spec not in sources:
            sources[spec] = open_source(spec, settings)
        return sources[spec]

    reports = {}
    for system in systems:
        sys_settings = replace(settings, relevance=system.relevance or settings.relevance,
                               generator=system.generator or settings.generator)
        rel, gen = models.get_relevance(system.relevance, mode), models.get_generator(system.generator, mode)
        pipelines: dict[str, PipelineLike] = {}

        def pipeline_for(q: Question) -> PipelineLike:
            spec = str(q.bundle) if q.bundle else fhir
            if spec not in pipelines:
                pipelines[spec] = factory(source_of(spec), rel, gen, sys_settings)
            return pipelines[spec]

        target = out if len(systems) == 1 else out / system.slug
        meta = {"questions": str(Path(questions_path).resolve()), "fhir": fhir}
        reports[system.name] = run_system(questions, pipeline_for, target, mode, system, wordnet, meta=meta,
                                          fresh=fresh, progress=progress)
    if len(systems) > 1:
        report.write_comparison(out, reports)
    return reports
