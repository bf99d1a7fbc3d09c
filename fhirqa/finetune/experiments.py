"""The paper's dataset-size experiment for the topic classifier: the same recipe on fewer or more examples.

    fhirqa finetune experiment size --data data/qa-big --eval-data data/qa-real --sizes 38,368 --out runs/size

Each size trains a fresh adapter (one epoch, same hyper-parameters) on that many training questions
and is measured on the held-out questions of `eval_data` with the full relevance step.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..config import Settings
from .eval_relevance import evaluate_adapter
from .train_relevance import train


def dataset_size(data: Path, eval_data: Path, eval_split: str, sizes: list[int], out: Path, settings: Settings, *,
                 four_bit: bool = True, eval_limit: int | None = None, seed: int = 7, progress: bool = True) -> list[dict]:
    """One row per size: training questions and pairs, steps, seconds and relevance on the held-out split."""
    rows = []
    for n in sizes:
        folder = out / f"size-{n}"
        m = train(data, folder, settings, epochs=1.0, limit=n, four_bit=four_bit, seed=seed, evaluate=False,
                  progress=progress, command=f"(experiment size {n})")
        card = json.loads((folder / "card.json").read_text())
        scores = evaluate_adapter(folder, eval_data, eval_split, settings, limit=eval_limit, progress=progress)
        rows.append({"questions": n, "pairs": m["train_pairs"], "steps": m["steps"],
                     "train_seconds": card["train_seconds"], **scores})
        write(out, rows, eval_data, eval_split)
    return rows


def write(out: Path, rows: list[dict], eval_data: Path, split: str) -> None:
    """size.json and size.md: the table the README quotes."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "size.json").write_text(json.dumps(rows, indent=2) + "\n")
    lines = [f"# Dataset size (relevance), measured on {eval_data} / {split}", "",
             "| training questions | pairs | steps | train s | micro-F1 | precision | recall | topic F1 |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['questions']} | {r['pairs']} | {r['steps']} | {r['train_seconds']:.0f} "
                     f"| {r[f'{split}_micro_f1']:.3f} | {r[f'{split}_precision']:.3f} | {r[f'{split}_recall']:.3f} "
                     f"| {r[f'{split}_topic_f1']:.3f} |")
    (out / "size.md").write_text("\n".join(lines) + "\n")
