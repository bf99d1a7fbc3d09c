"""Training examples for the LLM adapters: the inference chat, tokenized, with loss on the target tokens only.

Task "answer" uses `local_llm.chat_messages` (the answer model's exact prompt) plus the gold answer and
its end-of-turn token; task "relevance-llm" uses `llm_per_resource.chat` plus the single token "1"/"0".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..backends.llm_per_resource import chat as relevance_chat
from ..backends.local_llm import chat_messages
from ..errors import InputError, ModelNotAvailable
from ..fields import Resource
from ..records import FileSource, Record
from .data import read_jsonl

IGNORE = -100  # label of a position the loss skips


@dataclass
class AnswerItem:
    """One task-2 question with its gold relevant resources and gold answer."""

    id: str
    question: str
    resources: list[Resource]
    answer: str


def _split_file(data: Path, name: str) -> Path:
    path = Path(data) / name
    if not path.is_file():
        raise InputError(f"{path} is missing; build the data with `fhirqa finetune data --out {data}`")
    return path


def _items(rows: list[dict], records, limit: int | None = None) -> list[AnswerItem]:
    """The rows that have relevant resources, resolved through `records(row)` (the row's record, by reference)."""
    out: list[AnswerItem] = []
    for row in rows:
        if not row["relevant"]:
            continue  # the pipeline answers an empty relevant set without a model
        by_ref = records(row)
        resources = [by_ref[x] for x in row["relevant"] if x in by_ref]
        if resources:
            out.append(AnswerItem(row["id"], row["question"], resources, row["answer"]))
        if limit is not None and len(out) >= limit:
            break
    return out


def answer_items(data: Path, split: str, limit: int | None = None) -> list[AnswerItem]:
    """The rows of {split}.jsonl that have relevant resources, resolved from their Bundles (read once each)."""
    records: dict[tuple[str, str], Record] = {}
    sources: dict[str, FileSource] = {}

    def record(row: dict) -> dict[str, Resource]:
        key = (row["bundle"], row["patient"])
        if key not in records:
            path = str(Path(data) / row["bundle"])  # an absolute bundle path stays as it is
            source = sources.setdefault(path, FileSource(Path(path)))
            records[key] = source.fetch(row["patient"])
        return records[key].by_ref

    return _items(read_jsonl(_split_file(data, f"{split}.jsonl")), record, limit)


def question_items(questions: Path, fhir: Path) -> list[AnswerItem]:
    """The questions of a hand-written set (`questions/*.jsonl`) that have gold resources, resolved from the
    records in `fhir` (one FHIR Bundle per patient, read once each)."""
    source, records = FileSource(Path(fhir)), {}

    def record(row: dict) -> dict[str, Resource]:
        if row["patient"] not in records:
            records[row["patient"]] = source.fetch(row["patient"]).by_ref
        return records[row["patient"]]

    return _items(read_jsonl(Path(questions)), record)


def relevance_rows(data: Path, split: str, limit: int | None = None) -> list[dict]:
    """task1_{split}.jsonl rows (question, rendered resource text, 0/1 label), the first `limit` if given."""
    rows = read_jsonl(_split_file(data, f"task1_{split}.jsonl"))
    return rows[:limit] if limit is not None else rows


def end_of_turn(tokenizer, completion: list[int]) -> list[int]:
    """The assistant tokens up to and including the template's last special token (its end of turn).

    Templates add a newline after the end-of-turn token; the model need not learn it. A template
    without one gets the tokenizer's EOS, so the model still learns to stop.
    """
    special = set(tokenizer.all_special_ids)
    ends = [i for i, t in enumerate(completion) if t in special]
    if not ends:
        return completion + [tokenizer.eos_token_id]
    return completion[:ends[-1] + 1]


def encode(prompt: list[int], target: list[int], max_len: int, keep: int = 0) -> dict | None:
    """input_ids and labels (IGNORE on the prompt), at most max_len long.

    Too long, the prompt loses tokens from the left of what follows its first `keep` tokens (the system
    turn), so the oldest records go first; the target is never cut (None if it cannot fit).
    """
    room = max_len - len(target) - keep
    if room <= 0:
        return None
    prompt = prompt[:keep] + prompt[keep:][-room:]
    return {"input_ids": prompt + target, "labels": [IGNORE] * len(prompt) + target}


def prompt_ids(tokenizer, messages: list[dict]) -> list[int]:
    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return tokenizer.encode(text, add_special_tokens=False)  # the template already wrote BOS if it has one


def answer_example(tokenizer, item: AnswerItem, max_len: int) -> dict | None:
    """The answer model's chat with the gold answer as assistant turn; loss on the answer and end of turn."""
    messages = chat_messages(item.question, item.resources)
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    full = tokenizer.apply_chat_template(messages + [{"role": "assistant", "content": item.answer}], tokenize=False)
    if not full.startswith(prompt):
        raise ModelNotAvailable(getattr(tokenizer, "name_or_path", "base"),
                                "its chat template does not extend the prompt with the assistant turn")
    target = end_of_turn(tokenizer, tokenizer.encode(full[len(prompt):], add_special_tokens=False))
    system = tokenizer.apply_chat_template(messages[:1], tokenize=False)
    keep = len(tokenizer.encode(system, add_special_tokens=False)) if prompt.startswith(system) else 0
    return encode(tokenizer.encode(prompt, add_special_tokens=False), target, max_len, keep)


def relevance_example(tokenizer, row: dict, max_len: int) -> dict | None:
    """The per-resource relevance chat; loss on the one token "1" or "0" the scorer reads."""
    token = tokenizer.encode("1" if row["label"] else "0", add_special_tokens=False)[0]
    return encode(prompt_ids(tokenizer, relevance_chat(row["question"], row["text"])), [token], max_len)


def examples(task: str, tokenizer, data: Path, split: str, max_len: int, limit: int | None = None) -> list[dict]:
    """Tokenized training examples of `task` from the data folder; ones whose target alone exceeds max_len are dropped."""
    if task == "answer":
        built: Iterator = (answer_example(tokenizer, it, max_len) for it in answer_items(data, split, limit))
    elif task == "relevance-llm":
        built = (relevance_example(tokenizer, row, max_len) for row in relevance_rows(data, split, limit))
    else:
        raise InputError(f"unknown LLM task {task!r}; choose 'answer' or 'relevance-llm'")
    out = [x for x in built if x is not None]
    if not out:
        raise InputError(f"no {task} training examples in {data}/{split} (max_len {max_len})")
    return out


class Collator:
    """Right-pads a batch: pad id in input_ids, 0 in attention_mask, IGNORE in labels."""

    def __init__(self, pad_id: int) -> None:
        self.pad_id = pad_id

    def __call__(self, batch: list[dict]) -> dict:
        import torch

        n = max(len(x["input_ids"]) for x in batch)
        pad = [n - len(x["input_ids"]) for x in batch]
        return {
            "input_ids": torch.tensor([x["input_ids"] + [self.pad_id] * p for x, p in zip(batch, pad)]),
            "attention_mask": torch.tensor([[1] * len(x["input_ids"]) + [0] * p for x, p in zip(batch, pad)]),
            "labels": torch.tensor([x["labels"] + [IGNORE] * p for x, p in zip(batch, pad)]),
        }
