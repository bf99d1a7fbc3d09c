"""QLoRA fine-tuning of the LLM adapters: the answer writer (task 2) and, as the paper did, relevance (task 1).

    fhirqa finetune train --task answer --data data/qa --out runs/answer
    fhirqa finetune train --task relevance-llm --data data/qa --out runs/relevance-llm --max-steps 150

The base (SmolLM2-135M-Instruct by default, any local transformers folder with `--base`) is loaded in
4-bit nf4, LoRA goes on every linear projection, and only the adapter is saved to `out/` with its
model card; checkpoints go to `out/checkpoints/` (the last two kept) and `--resume` continues from them.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from ..backends.smollm import smollm_path
from ..config import Settings
from ..errors import InputError, ModelNotAvailable
from .common import checkpoints, nf4_config, seed_everything, write_card
from .llm_examples import IGNORE, Collator, examples

TASKS = ("answer", "relevance-llm")
PROJECTIONS = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def lora_config(rank: int = 16, alpha: int = 32, dropout: float = 0.05):
    """LoRA on all seven linear projections of a Llama-style decoder."""
    from peft import LoraConfig

    return LoraConfig(r=rank, lora_alpha=alpha, lora_dropout=dropout, target_modules=PROJECTIONS,
                      task_type="CAUSAL_LM", bias="none")


def load_for_training(base: Path, *, four_bit: bool = True, init_adapter: Path | None = None, rank: int = 16,
                      alpha: int = 32, dropout: float = 0.05):
    """(tokenizer, PeftModel) ready to train: nf4 base (frozen), and a new LoRA or `init_adapter` made trainable."""
    import torch
    from peft import PeftModel, get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not (Path(base) / "config.json").is_file():
        raise ModelNotAvailable(str(base), "not a transformers model folder (no config.json)")
    kwargs: dict = {"dtype": torch.float32}
    if four_bit:
        kwargs |= {"quantization_config": nf4_config(), "device_map": "auto" if torch.cuda.is_available() else "cpu"}
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    if four_bit:
        # Recomputing activations saves GPU memory for large bases; on the CPU it only costs time.
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=torch.cuda.is_available())
    if init_adapter:
        if not (Path(init_adapter) / "adapter_config.json").is_file():
            raise InputError(f"--init-adapter {init_adapter}: no adapter_config.json there")
        return tok, PeftModel.from_pretrained(model, str(init_adapter), is_trainable=True)
    return tok, get_peft_model(model, lora_config(rank, alpha, dropout))


def _trainer_class():
    from transformers import Trainer

    class TargetTrainer(Trainer):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            # The Trainer divides by the accumulation steps itself exactly when num_items_in_batch is None.
            return target_loss(model, inputs, num_items_in_batch)

    return TargetTrainer


def fit(model, tokenizer, train_set: list[dict], out: Path, *, epochs: float = 1.0, max_steps: int = -1,
        batch_size: int = 4, grad_accum: int = 2, lr: float = 2e-4, seed: int = 7, resume: bool = False,
        progress: bool = True, save_steps: int = 25) -> dict:
    """Train with transformers' Trainer; checkpoints in out/checkpoints. Steps, losses, seconds and resume point."""
    import torch
    from transformers import TrainingArguments

    ckpt, last = checkpoints(out, resume)
    args = TrainingArguments(
        output_dir=str(ckpt), num_train_epochs=epochs, max_steps=max_steps, per_device_train_batch_size=batch_size,
        gradient_accumulation_steps=grad_accum, learning_rate=lr, warmup_steps=0.05, lr_scheduler_type="linear",
        logging_steps=5, logging_first_step=True, save_strategy="steps", save_steps=save_steps,
        save_total_limit=2, seed=seed, data_seed=seed, report_to="none", disable_tqdm=not progress,
        remove_unused_columns=False, train_sampling_strategy="group_by_length", dataloader_num_workers=0,
        bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported())
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    trainer = _trainer_class()(model=model, args=args, train_dataset=train_set, data_collator=Collator(pad))
    start = time.perf_counter()
    trainer.train(resume_from_checkpoint=last)
    seconds = time.perf_counter() - start
    losses = [(h["step"], h["loss"]) for h in trainer.state.log_history if "loss" in h]
    return {"steps": trainer.state.global_step, "train_seconds": round(seconds, 1),
            "loss_first": losses[0][1] if losses else None, "loss_last": losses[-1][1] if losses else None,
            "losses": losses, "resumed_from": Path(last).name if last else None}


def save_adapter(model, out: Path, base: Path) -> None:
    """adapter_config.json and adapter_model.safetensors only (no base weights, no tokenizer)."""
    model.save_pretrained(str(out))
    path = Path(out) / "adapter_config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = Path(base).name  # not this machine's path
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def target_loss(model, batch: dict, num_items=None):
    """Cross-entropy on the labelled positions only: the LM head runs on those rows, not on the whole prompt.

    Summed over `num_items` (the labelled tokens of the whole accumulated batch) when the Trainer counts
    them, so gradient accumulation weighs every token alike; else the mean of this batch.
    """
    import torch.nn.functional as F

    base = model.get_base_model()
    hidden = base.get_decoder()(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
    labels = batch["labels"][:, 1:]
    keep = labels != IGNORE
    logits = base.get_output_embeddings()(hidden[:, :-1][keep])
    if num_items is None:
        return F.cross_entropy(logits.float(), labels[keep])
    return F.cross_entropy(logits.float(), labels[keep], reduction="sum") / num_items


def train(task: str, data: Path, out: Path, settings: Settings, *, base: Path | None = None,
          init_adapter: Path | None = None, epochs: float = 1.0, max_steps: int = -1, batch_size: int = 4,
          grad_accum: int = 2, lr: float = 2e-4, rank: int = 16, alpha: int = 32, dropout: float = 0.05,
          max_len: int = 768, four_bit: bool = True, seed: int = 7, limit: int | None = None,
          resume: bool = False, progress: bool = True, evaluate: bool = True, command: str = "",
          save_steps: int = 25, eval_limit: int = 40) -> dict:
    """Train one adapter of `task` on data/, save it with its model card in out/, and return its metrics."""
    if task not in TASKS:
        raise InputError(f"unknown task {task!r}; the LLM tasks are {', '.join(TASKS)}")
    base = Path(base) if base else smollm_path(settings)
    seed_everything(seed)
    tok, model = load_for_training(base, four_bit=four_bit, init_adapter=init_adapter, rank=rank, alpha=alpha,
                                   dropout=dropout)
    train_set = examples(task, tok, Path(data), "train", max_len, limit)
    run = fit(model, tok, train_set, Path(out), epochs=epochs, max_steps=max_steps, batch_size=batch_size,
              grad_accum=grad_accum, lr=lr, seed=seed, resume=resume, progress=progress, save_steps=save_steps)
    save_adapter(model, Path(out), base)
    del model
    metrics = {"train_examples": len(train_set), **{k: run[k] for k in ("steps", "loss_first", "loss_last")}}
    if evaluate:
        from .eval_llm import evaluate_adapter

        metrics |= evaluate_adapter(task, base, Path(out), Path(data), settings, eval_limit, progress)
    hyper = {"epochs": epochs, "max_steps": max_steps, "batch_size": batch_size, "grad_accum": grad_accum,
             "lr": lr, "rank": rank, "alpha": alpha, "dropout": dropout, "max_len": max_len, "four_bit": four_bit,
             "seed": seed, "limit": limit, "init_adapter": str(init_adapter) if init_adapter else None,
             "target_modules": ",".join(PROJECTIONS)}
    notes = (f"Resumed from {run['resumed_from']}; training seconds count this session only. "
             if run["resumed_from"] else "")
    write_card(Path(out), task=task, base=base.name, data=str(data), command=command or _command(task, data, out),
               hyper=hyper, metrics=metrics, train_seconds=run["train_seconds"], notes=notes + _eval_note(task))
    return {**metrics, "train_seconds": run["train_seconds"], "losses": run["losses"],
            "resumed_from": run["resumed_from"]}


def _command(task: str, data: Path, out: Path) -> str:
    return f"fhirqa finetune train --task {task} --data {data} --out {out}"


def _eval_note(task: str) -> str:
    if task == "answer":
        return ("METEOR: greedy answers from the gold relevant resources of validation questions, adapter on "
                "the fp32 base as fhirqa loads it, against the same base without the adapter (zero-shot).")
    return "Pair F1: P(\"1\") >= 0.5 on validation (question, resource) pairs, adapter against the zero-shot base."
