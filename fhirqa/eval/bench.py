"""Speed and memory on the same patients: fhirqa's relevance backend against one LLM call per resource.

Each backend is measured in its own fresh interpreter, so its peak RSS is its own and the models
of one do not warm the caches of the other. Questions come from a question file or a fixed set.
"""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from ..config import Settings
from ..errors import FhirqaError, InputError
from ..models import load_generator, load_relevance
from ..records import open_source
from . import metrics
from .questions import load_questions
from . import runner
from .runner import PipelineFactory, Unused, peak_rss_mb

TARGETS = {"p50_s": 2.0, "p95_s": 5.0, "peak_rss_mb": 1536.0}
DEFAULT_QUESTIONS = (
    "What was the patient's most recent HbA1c?",
    "Which medications is the patient currently taking?",
    "Does the patient have any allergies?",
    "When was the patient's last immunization?",
    "What chronic conditions have been diagnosed?",
)

Case = tuple[str, str, str]  # (question, patient, source spec)


class BenchFailed(FhirqaError):
    """A measurement in a child process failed; the message is the child's error."""


def bench_cases(fhir: str | None, patients: int, questions: Path | None = None,
                settings: Settings | None = None) -> list[Case]:
    """The questions to time: the file's, for its first `patients` patients, else a fixed set per patient."""
    if questions is not None:
        qs = load_questions(questions)
        if fhir is None and any(q.bundle is None for q in qs):
            raise InputError("some questions have no 'bundle': pass --fhir")
        chosen = list(dict.fromkeys(q.patient for q in qs))[:patients]
        return [(q.question, q.patient, str(q.bundle) if q.bundle else fhir) for q in qs if q.patient in chosen]
    source = open_source(fhir, settings)
    ids = [pid for pid, _ in source.patients()][:patients]
    if not ids:
        raise InputError(f"{source.name} holds no patients")
    return [(q, pid, source.name if fhir is None else fhir) for pid in ids for q in DEFAULT_QUESTIONS]


def measure(cases: Sequence[Case], relevance: str, generator: str | None, settings: Settings,
            factory: PipelineFactory | None = None) -> dict:
    """Throughput of relevance classification, latency per question and peak RSS of one backend."""
    factory = factory or runner.default_pipeline_factory
    t = time.perf_counter()
    rel = load_relevance(relevance, settings)
    gen = load_generator(generator, settings) if generator else Unused("bench (relevance only)")
    load_s = time.perf_counter() - t
    pipelines, fetch_s = {}, 0.0
    for _, patient, spec in cases:  # fetch first: the timings below are of the models alone
        if spec not in pipelines:
            pipelines[spec] = factory(open_source(spec, settings), rel, gen, settings)
        t = time.perf_counter()
        pipelines[spec].record(patient)
        fetch_s += time.perf_counter() - t
    latencies, relevance_s, n_resources = [], 0.0, 0
    for question, patient, spec in cases:
        p = pipelines[spec]
        t = time.perf_counter()
        if generator:
            result = p.ask(question, patient)
            latencies.append(time.perf_counter() - t)
            relevance_s += result.timings.get("relevance_s", 0.0)
        else:
            p.relevant(question, patient)
            latencies.append(time.perf_counter() - t)
            relevance_s += latencies[-1]
        n_resources += len(p.record(patient).resources)
    return {
        "relevance": relevance, "generator": generator, "questions": len(cases), "resources": n_resources,
        "relevance_s": relevance_s, "resources_per_s": n_resources / relevance_s if relevance_s else None,
        "latency": {"p50_s": metrics.percentile(latencies, 50), "p95_s": metrics.percentile(latencies, 95),
                    "mean_s": metrics.mean(latencies)},
        "load_s": load_s, "fetch_s": fetch_s, "peak_rss_mb": peak_rss_mb(),
    }


def measure_isolated(cases: Sequence[Case], relevance: str, generator: str | None, settings: Settings) -> dict:
    """`measure` in a fresh interpreter (`python -m fhirqa.eval.bench`), so peak RSS is this backend's alone."""
    import pickle
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="fhirqa-bench-") as tmp:
        args, out = Path(tmp) / "args.pickle", Path(tmp) / "result.json"
        args.write_bytes(pickle.dumps((list(cases), relevance, generator, settings)))
        proc = subprocess.run([sys.executable, "-m", "fhirqa.eval.bench", str(args), str(out)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if out.is_file():
            result = json.loads(out.read_text())
            if "error" not in result:
                return result
            raise BenchFailed(f"benchmark of {relevance!r} failed: {result['error']}")
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit code {proc.returncode}"]
        raise BenchFailed(f"benchmark of {relevance!r} crashed: {tail[0]}")


def _child_main(args_path: str, out_path: str) -> None:
    import pickle

    cases, relevance, generator, settings = pickle.loads(Path(args_path).read_bytes())
    try:
        result = measure(cases, relevance, generator, settings)
    except FhirqaError as e:
        result = {"error": str(e)}
    Path(out_path).write_text(json.dumps(result))


def _ratio(a, b):
    return a / b if a is not None and b else None


def compare(system: dict, baseline: dict | None) -> dict | None:
    """How many times better the system is than the baseline (>1 = better)."""
    if baseline is None:
        return None
    return {
        "throughput_x": _ratio(system["resources_per_s"], baseline["resources_per_s"]),
        "p50_speedup_x": _ratio(baseline["latency"]["p50_s"], system["latency"]["p50_s"]),
        "p95_speedup_x": _ratio(baseline["latency"]["p95_s"], system["latency"]["p95_s"]),
        "memory_saving_x": _ratio(baseline["peak_rss_mb"], system["peak_rss_mb"]),
    }


def check_targets(m: dict) -> dict[str, bool | None]:
    """Whether a measurement meets p50 ≤ 2 s, p95 ≤ 5 s and peak RSS ≤ 1.5 GB."""
    values = {"p50_s": m["latency"]["p50_s"], "p95_s": m["latency"]["p95_s"], "peak_rss_mb": m["peak_rss_mb"]}
    return {k: (None if v is None else v <= TARGETS[k]) for k, v in values.items()}


def run_bench(cases: Sequence[Case], relevance: str = "default", baseline: str | None = "llm-per-resource",
              generator: str | None = "default", settings: Settings | None = None, *, isolate: bool = True,
              factory: PipelineFactory | None = None) -> dict:
    """bench.json: the system and the baseline measured on the same cases, their ratios and the targets."""
    settings = settings or Settings()
    if not cases:
        raise InputError("no questions to benchmark")

    def one(name: str) -> dict:
        s = replace(settings, relevance=name, generator=generator or settings.generator)
        if isolate:
            return measure_isolated(cases, name, generator, s)
        return measure(cases, name, generator, s, factory)

    system = one(relevance)
    base = one(baseline) if baseline else None
    return {
        "patients": len({c[1] for c in cases}), "questions": len(cases), "isolated": isolate,
        "targets": TARGETS, "system": system, "baseline": base, "ratios": compare(system, base),
        "meets_targets": {"system": check_targets(system), "baseline": check_targets(base) if base else None},
    }


def _f(v, spec: str) -> str:
    return "–" if v is None else spec.format(v)


def markdown(result: dict) -> str:
    """bench.md: one row per backend, the ratios and the targets."""
    rows = [("system", result["system"]), ("baseline", result["baseline"])]
    lines = [f"# Benchmark: {result['patients']} patient(s), {result['questions']} questions", "",
             "| role | relevance | generator | resources/s | p50 s | p95 s | peak RSS MB | load s |",
             "|---|---|---|---:|---:|---:|---:|---:|"]
    for role, m in rows:
        if m:
            lines.append(f"| {role} | {m['relevance']} | {m['generator'] or '–'} | {_f(m['resources_per_s'], '{:.1f}')} "
                         f"| {_f(m['latency']['p50_s'], '{:.2f}')} | {_f(m['latency']['p95_s'], '{:.2f}')} "
                         f"| {m['peak_rss_mb']:.0f} | {m['load_s']:.1f} |")
    t = result["targets"]
    lines += ["", f"Targets: p50 ≤ {t['p50_s']:g} s, p95 ≤ {t['p95_s']:g} s, peak RSS ≤ {t['peak_rss_mb']:g} MB."]
    for role, ok in result["meets_targets"].items():
        if ok:
            lines.append(f"- {role}: " + ", ".join(f"{k} {'met' if v else 'MISSED' if v is not None else '–'}"
                                                   for k, v in ok.items()))
    r = result["ratios"]
    if r:
        lines += ["", "System vs baseline (×, higher is better): "
                  + ", ".join(f"{k.removesuffix('_x')} {_f(v, '{:.1f}')}×" for k, v in r.items())]
    if not result["isolated"]:
        lines += ["", "Measured in one process: the baseline's peak RSS includes the system's."]
    return "\n".join(lines) + "\n"


def write(out_dir: Path, result: dict) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
    (out_dir / "bench.md").write_text(markdown(result))


if __name__ == "__main__":  # the child of measure_isolated
    import sys

    _child_main(sys.argv[1], sys.argv[2])
