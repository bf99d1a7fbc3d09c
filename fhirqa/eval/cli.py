"""`fhirqa eval` (run, compare, judge) and `fhirqa bench`: typer apps mounted by fhirqa.cli.

    fhirqa eval --questions qa.jsonl --fhir data/ --out runs/x --relevance keyword,finetuned
    fhirqa eval compare runs/x runs/y
    fhirqa eval judge --predictions runs/x/a/predictions.jsonl runs/x/b/predictions.jsonl --judge local
    fhirqa bench --fhir data/ --patients 5
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ..config import Settings
from ..errors import FhirqaError, InputError

app = typer.Typer(invoke_without_command=True, add_completion=False,
                  help="Evaluate the pipeline on a question file (default), compare runs, or judge answers.")
bench_app = typer.Typer(invoke_without_command=True, add_completion=False,
                        help="Time relevance classification and answering against one LLM call per resource.")


class Mode(str, Enum):
    full = "full"
    task1 = "task1"
    task2 = "task2"


@contextmanager
def _boundary(resume_hint: bool = False):
    """Errors a user can fix become `Error: ...` and exit 1; Ctrl-C says how to resume."""
    try:
        yield
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted." + (" Run the same command again to resume." if resume_hint else ""), err=True)
        raise typer.Exit(130) from None


def _names(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    if not names:
        raise typer.BadParameter("give at least one backend name")
    return names


def _settings(token: str | None) -> Settings:
    s = Settings()
    return replace(s, token=token) if token else s


@app.callback()
def run(
    ctx: typer.Context,
    questions: Optional[Path] = typer.Option(None, "--questions", "-q", help="question file (JSONL)"),
    fhir: Optional[str] = typer.Option(None, "--fhir", help="FHIR server URL, Bundle file or folder "
                                       "(optional when every question names its 'bundle')"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="output folder"),
    mode: Mode = typer.Option(Mode.full, "--mode", help="full pipeline, task1 (relevance) or task2 "
                              "(answers from the gold relevant resources)"),
    relevance: str = typer.Option("default", "--relevance", help="relevance backend name(s), comma-separated"),
    generator: str = typer.Option("default", "--generator", help="generator name(s), comma-separated"),
    fresh: bool = typer.Option(False, "--fresh", help="discard earlier predictions instead of resuming"),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="only the first N questions"),
    token: Optional[str] = typer.Option(None, "--token", help="bearer token for the FHIR server"),
    quiet: bool = typer.Option(False, "--quiet", help="no progress bar"),
) -> None:
    """Run the pipeline over every question and write report.json, predictions.jsonl, report.md and plots."""
    if ctx.invoked_subcommand is not None:
        return
    if questions is None or out is None:
        raise typer.BadParameter("--questions and --out are required", param_hint="--questions/--out")
    from . import report
    from .runner import run_eval

    with _boundary(resume_hint=True):
        reports = run_eval(questions, out, fhir=fhir, mode=mode.value, relevances=_names(relevance),
                           generators=_names(generator), settings=_settings(token), fresh=fresh, limit=limit,
                           progress=not quiet)
    typer.echo(report.table(reports))
    where = out / ("comparison.md" if len(reports) > 1 else "report.md")
    typer.echo(f"Wrote {where}")


@app.command()
def compare(dirs: list[Path] = typer.Argument(..., help="run folders (or report.json files)")) -> None:
    """Print one table of the headline metrics of earlier runs."""
    from . import report

    with _boundary():
        missing = [d for d in dirs if not d.exists()]
        if missing:
            raise InputError(f"no such run folder: {', '.join(map(str, missing))}")
        reports = report.load_reports(dirs)
        if not reports:
            raise InputError(f"no report.json in {', '.join(map(str, dirs))}; run `fhirqa eval` first")
    typer.echo(report.table(reports))


def _system_name(path: Path, rows: list[dict]) -> str:
    return (rows[0].get("system") if rows else None) or path.parent.name


@app.command()
def judge(
    predictions: tuple[Path, Path] = typer.Option(..., "--predictions", help="two predictions.jsonl files"),
    judge_name: str = typer.Option(..., "--judge", help="'local' (SmolLM2) or 'package.module:factory'"),
    names: Optional[str] = typer.Option(None, "--names", help="names shown in the non-blind protocol, "
                                        "e.g. 'fine-tuned fhirqa,base model' (default: system names)"),
    seed: int = typer.Option(0, "--seed", help="seed of the presentation order"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="output folder (default: <common parent>/judge)"),
    pointwise: bool = typer.Option(True, "--pointwise/--no-pointwise", help="1-5 scores per answer"),
    pairwise: bool = typer.Option(True, "--pairwise/--no-pairwise", help="A/B preferences"),
    quiet: bool = typer.Option(False, "--quiet", help="no progress bar"),
) -> None:
    """Judge two systems' answers with a chat model, blind and non-blind; write judge.json and judge.md."""
    from . import judge as j
    from .runner import read_predictions

    with _boundary():
        for p in predictions:
            if not p.is_file():
                raise InputError(f"{p}: no such predictions file")
        rows = [read_predictions(p) for p in predictions]
        systems = (_system_name(predictions[0], rows[0]), _system_name(predictions[1], rows[1]))
        shown = tuple(_names(names)) if names else None
        if shown is not None and len(shown) != 2:
            raise InputError("--names takes two comma-separated names")
        model = j.load_judge(judge_name, Settings())
        result = j.run_judge(model, rows[0], rows[1], systems, shown, seed=seed, do_pointwise=pointwise,
                             do_pairwise=pairwise, progress=not quiet)
        result["judge"] = judge_name
        target = out or Path(os.path.commonpath([p.resolve().parent for p in predictions])) / "judge"
        j.write(target, result)
    typer.echo(j.markdown(result))
    typer.echo(f"Wrote {target / 'judge.json'}")


@bench_app.callback()
def bench(
    fhir: Optional[str] = typer.Option(None, "--fhir", help="FHIR server URL, Bundle file or folder"),
    patients: int = typer.Option(5, "--patients", "-n", min=1, help="number of patients"),
    questions: Optional[Path] = typer.Option(None, "--questions", "-q", help="question file (default: 5 fixed "
                                             "questions per patient)"),
    relevance: str = typer.Option("default", "--relevance", help="relevance backend under test"),
    baseline: str = typer.Option("llm-per-resource", "--baseline", help="baseline backend ('none' to skip)"),
    generator: str = typer.Option("default", "--generator", help="generator ('none': time relevance only)"),
    max_questions: Optional[int] = typer.Option(None, "--max-questions", min=1, help="cap the questions"),
    out: Path = typer.Option(Path("bench"), "--out", "-o", help="output folder"),
    isolate: bool = typer.Option(True, "--isolate/--same-process", help="one fresh process per backend"),
    token: Optional[str] = typer.Option(None, "--token", help="bearer token for the FHIR server"),
) -> None:
    """Throughput (resources/s), latency p50/p95 and peak RSS of a backend and the baseline, with ratios."""
    from . import bench as b

    with _boundary():
        settings = _settings(token)
        cases = b.bench_cases(fhir, patients, questions, settings)[:max_questions]
        result = b.run_bench(cases, relevance, None if baseline.lower() in ("", "none") else baseline,
                             None if generator.lower() in ("", "none") else generator, settings, isolate=isolate)
        b.write(out, result)
    typer.echo(b.markdown(result))
    typer.echo(f"Wrote {out / 'bench.json'}")
