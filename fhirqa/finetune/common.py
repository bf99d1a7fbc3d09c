"""What every training run shares: seeds, the QLoRA quantisation config, and the model card it leaves behind."""

from __future__ import annotations

import json
import platform
import random
import shutil
import sys
import time
from pathlib import Path

CARD_JSON = "card.json"


def seed_everything(seed: int) -> None:
    """Python, NumPy and torch seeded alike, so a run repeats."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def nf4_config(skip: tuple[str, ...] = ()):
    """bitsandbytes 4-bit NormalFloat with fp32 compute on the CPU (bf16 on a GPU): the 'Q' of QLoRA.

    `skip` names modules kept in full precision (a new classification head must stay trainable)."""
    import torch
    from transformers import BitsAndBytesConfig

    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                              llm_int8_skip_modules=list(skip) or None,
                              bnb_4bit_compute_dtype=torch.bfloat16 if torch.cuda.is_available() else torch.float32)


def machine() -> str:
    """Where the run happened, for the card."""
    import torch

    dev = torch.cuda.get_device_name(0) if torch.cuda.is_available() else f"CPU, {torch.get_num_threads()} threads"
    return f"{platform.machine()} {dev}, torch {torch.__version__}"


def write_card(folder: Path, *, task: str, base: str, data: str, command: str, hyper: dict, metrics: dict,
               train_seconds: float, notes: str = "") -> None:
    """card.json (machine-readable) and README.md (the model card) beside the adapter weights."""
    card = {"task": task, "base": base, "data": data, "command": command, "hyper_parameters": hyper,
            "metrics": metrics, "train_seconds": round(train_seconds, 1), "machine": machine(),
            "date": time.strftime("%Y-%m-%d"), "python": sys.version.split()[0], "notes": notes}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CARD_JSON).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    rows = "\n".join(f"| {k} | {v} |" for k, v in hyper.items())
    mrows = "\n".join(f"| {k} | {v} |" for k, v in metrics.items()) or "| – | – |"
    (folder / "README.md").write_text(
        f"# fhirqa {task} adapter\n\nBase model: `{base}`  \nTraining data: {data}  \n"
        f"Trained on {card['machine']} in {card['train_seconds']} s ({card['date']}).\n\n"
        f"Reproduce:\n\n```\n{command}\n```\n\n## Hyper-parameters\n\n| name | value |\n|---|---|\n{rows}\n\n"
        f"## Metrics (held-out patients)\n\n| metric | value |\n|---|---|\n{mrows}\n\n{notes}\n", encoding="utf-8")


def read_card(folder: Path) -> dict | None:
    path = Path(folder) / CARD_JSON
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def checkpoints(out: Path, resume: bool) -> tuple[Path, str | None]:
    """out/checkpoints and the checkpoint to resume from; a fresh run first clears stale ones, so
    the Trainer neither rotates nor resumes checkpoints of an earlier run."""
    from transformers.trainer_utils import get_last_checkpoint

    ckpt = Path(out) / "checkpoints"
    last = get_last_checkpoint(str(ckpt)) if resume and ckpt.is_dir() else None
    if not resume:
        shutil.rmtree(ckpt, ignore_errors=True)
    return ckpt, last
