"""QLoRA fine-tuning of the topic classifier: MiniLM as a cross-encoder over (question, topic text) pairs.

    fhirqa finetune train --task relevance --data data/qa --out runs/relevance

The base encoder is loaded in 4-bit nf4 (bitsandbytes) and frozen; LoRA adapters on every linear
layer and the new classification head are trained. The saved adapter (a few MB) is applied to the
full-precision base at inference, where 4-bit would only slow the CPU down.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from tqdm import tqdm

from ..config import Settings
from ..errors import InputError
from . import common
from .data import read_jsonl
from ..topics import expand
from .topic_pairs import question_pairs, records, topic_texts, whole_visit

TARGETS = ["query", "key", "value", "dense"]  # every linear layer of a BERT block (and the pooler)


def _rows(data: Path, split: str, limit: int | None = None, seed: int = 7) -> list[dict]:
    """The split's questions (whole-visit ones aside); `limit` samples that many across all patients."""
    path = data / f"{split}.jsonl"
    if not path.is_file():
        raise InputError(f"{path} is missing: make the data with `fhirqa finetune data --out {data}`")
    rows = [r for r in read_jsonl(path) if not whole_visit(r)]
    if limit and limit < len(rows):
        keep = sorted(random.Random(f"limit:{seed}").sample(range(len(rows)), limit))
        rows = [rows[i] for i in keep]  # record order kept: each bundle is read once
    return rows


def build_pairs(data: Path, split: str, seed: int, limit: int | None = None, encoder=None,
                progress: bool = True) -> list[dict]:
    """The (question, topic, label) pairs of a split; hard negatives from the bi-encoder when given one."""
    rng = random.Random(f"pairs:{seed}:{split}")
    rows = _rows(data, split, limit, seed)
    out = []
    for row, record in tqdm(records(rows, data), total=len(rows), desc=f"{split} pairs", disable=not progress):
        similar = None
        if encoder is not None:
            texts = topic_texts(record)
            keys = list(texts)
            sims = (encoder.embed([texts[k] for k in keys]) @ encoder.embed([expand(row["question"])])[0]).tolist()
            similar = [k for _, k in sorted(zip(sims, keys), key=lambda x: -x[0])[:12]]
        out += question_pairs(row, record, rng, similar, max_pos=6, per_type=6, n_similar=6, n_random=3)
    return out


class PairData:
    """A torch-style dataset of tokenised pairs."""

    def __init__(self, pairs: list[dict], tokenizer, max_len: int) -> None:
        enc = tokenizer([p["question"] for p in pairs], [p["text"] for p in pairs], truncation=True,
                        max_length=max_len)
        self.items = [{"input_ids": enc["input_ids"][i], "attention_mask": enc["attention_mask"][i],
                       **({"token_type_ids": enc["token_type_ids"][i]} if "token_type_ids" in enc else {}),
                       "labels": pairs[i]["label"]} for i in range(len(pairs))]

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> dict:
        return self.items[i]


def load_for_training(base: Path, rank: int, alpha: int, dropout: float, four_bit: bool, init_adapter: Path | None):
    """(tokenizer, peft model) with a frozen (4-bit) base and trainable LoRA + head."""
    import torch
    from peft import LoraConfig, PeftModel, get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    kwargs = {"num_labels": 2, "dtype": torch.float32}
    if four_bit:
        kwargs |= {"quantization_config": common.nf4_config(skip=("classifier",)), "device_map": "cpu" if not torch.cuda.is_available() else "auto"}
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, **kwargs)
    if four_bit:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=False)
    if init_adapter:
        return tok, PeftModel.from_pretrained(model, str(init_adapter), is_trainable=True)
    config = LoraConfig(task_type="SEQ_CLS", r=rank, lora_alpha=alpha, lora_dropout=dropout, target_modules=TARGETS)
    return tok, get_peft_model(model, config)


def fit(model, tok, pairs: list[dict], out: Path, *, epochs: float = 1.0, max_steps: int = -1, batch_size: int = 32,
        grad_accum: int = 1, lr: float = 5e-4, max_len: int = 64, seed: int = 7, resume: bool = False,
        progress: bool = True, save_steps: int = 100):
    """Train `model` on the pairs with checkpoints in out/checkpoints; (trainer, TrainOutput)."""
    import torch
    from transformers import DataCollatorWithPadding, Trainer, TrainingArguments

    ckpt, last = common.checkpoints(out, resume)
    args = TrainingArguments(
        output_dir=str(ckpt), num_train_epochs=epochs, max_steps=max_steps,
        per_device_train_batch_size=batch_size, gradient_accumulation_steps=grad_accum, learning_rate=lr,
        lr_scheduler_type="linear", warmup_steps=0.05, weight_decay=0.01, logging_steps=10,
        save_steps=save_steps, save_total_limit=2, seed=seed, data_seed=seed, report_to=[], use_cpu=not torch.cuda.is_available(),
        disable_tqdm=not progress, dataloader_num_workers=0, remove_unused_columns=False)
    trainer = Trainer(model=model, args=args, train_dataset=PairData(pairs, tok, max_len),
                      data_collator=DataCollatorWithPadding(tok))
    return trainer, trainer.train(resume_from_checkpoint=last)


def train(data: Path, out: Path, settings: Settings, *, base: Path | None = None, init_adapter: Path | None = None,
          epochs: float = 2.0, max_steps: int = -1, batch_size: int = 32, grad_accum: int = 1, lr: float = 5e-4,
          rank: int = 16, alpha: int = 32, dropout: float = 0.1, max_len: int = 64, four_bit: bool = True,
          seed: int = 7, limit: int | None = None, resume: bool = False, progress: bool = True,
          evaluate: bool = True, eval_limit: int | None = 120, save_steps: int = 100, command: str = "") -> dict:
    """Train the relevance adapter into `out` (adapter + card.json + README.md); returns its metrics."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ..backends.encoder import Encoder, minilm_path

    base = Path(base or minilm_path())
    common.seed_everything(seed)
    started = time.perf_counter()
    encoder = Encoder()
    pairs = build_pairs(data, "train", seed, limit, encoder, progress)
    if not pairs:
        raise InputError(f"no training pairs in {data}/train.jsonl")
    tok, model = load_for_training(base, rank, alpha, dropout, four_bit, init_adapter)
    trainer, result = fit(model, tok, pairs, out, epochs=epochs, max_steps=max_steps, batch_size=batch_size,
                          grad_accum=grad_accum, lr=lr, max_len=max_len, seed=seed, resume=resume, progress=progress,
                          save_steps=save_steps)
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    seconds = time.perf_counter() - started
    metrics = {"train_pairs": len(pairs), "train_questions": len({p["id"] for p in pairs}),
               "steps": result.global_step, "train_loss": round(result.training_loss, 4)}
    if evaluate:
        from .eval_relevance import evaluate_adapter

        metrics |= evaluate_adapter(out, data, "validation", settings, encoder=encoder, limit=eval_limit, progress=progress)
    hyper = {"epochs": epochs, "max_steps": max_steps, "batch_size": batch_size, "grad_accum": grad_accum,
             "learning_rate": lr, "lora_rank": rank, "lora_alpha": alpha, "lora_dropout": dropout,
             "target_modules": ",".join(TARGETS), "max_len": max_len, "four_bit_nf4": four_bit, "seed": seed,
             "limit": limit, "eval_limit": eval_limit, "init_adapter": str(init_adapter) if init_adapter else None}
    common.write_card(out, task="relevance", base=str(base), data=str(data), command=command, hyper=hyper,
                      metrics=metrics, train_seconds=seconds,
                      notes="Scores (question, topic) pairs; `agent.select` applies windows, statuses and visits.")
    (out / "train_log.json").write_text(json.dumps(trainer.state.log_history, indent=1) + "\n")
    return metrics
