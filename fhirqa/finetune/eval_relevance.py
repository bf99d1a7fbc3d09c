"""Relevance of a trained topic classifier on a split: topic-level and resource-level (end-to-end) F1."""

from __future__ import annotations

import random
from pathlib import Path

from tqdm import tqdm

from ..agent.nodes import find_relevant
from ..config import Settings
from ..eval.metrics import Counts, set_counts, task1_summary
from ..topics import spread
from .data import SPLITS, read_jsonl
from .topic_pairs import records, topic_labels, whole_visit


class _Scored:
    """Per-resource scores already computed, served as a relevance model to `find_relevant`."""

    def __init__(self, scores: list[float]) -> None:
        self.scores = scores

    def score(self, question, resources) -> list[float]:
        return self.scores


def relevance_f1(relevance, data: Path, split: str, threshold: float = 0.5, limit: int | None = None,
                 progress: bool = True) -> dict:
    """Micro P/R/F1 over every (question, resource) pair of each patient, as `fhirqa eval` counts them,
    and micro F1 over (question, topic) for the questions that name topics. `split` "all" reads every split."""
    rows = [r for name in (SPLITS if split == "all" else (split,)) for r in read_jsonl(data / f"{name}.jsonl")]
    if limit and limit < len(rows):
        rows = [rows[i] for i in sorted(random.Random(f"eval:{split}").sample(range(len(rows)), limit))]
    per_question, topics = [], Counts()
    for row, record in tqdm(records(rows, data), total=len(rows), desc=f"{split} relevance", disable=not progress):
        if not hasattr(relevance, "topic_scores"):
            pred = find_relevant(row["question"], record.resources, [], relevance, threshold)
            per_question.append(set_counts(pred, row["relevant"]))
            continue
        groups, scores = relevance.topic_scores(row["question"], record.resources)  # once, for both measures
        scored = _Scored(spread(scores, groups, len(record.resources)))
        per_question.append(set_counts(find_relevant(row["question"], record.resources, [], scored, threshold),
                                       row["relevant"]))
        if whole_visit(row):
            continue
        labels = topic_labels(row, record.resources, groups)
        topics += set_counts({k for k, s in scores.items() if s >= threshold}, {k for k, v in labels.items() if v})
    t1, tt = task1_summary(per_question), task1_summary([topics])
    return {f"{split}_precision": round(t1["precision"], 4), f"{split}_recall": round(t1["recall"], 4),
            f"{split}_micro_f1": round(t1["micro_f1"], 4), f"{split}_macro_f1": round(t1["macro_f1"], 4),
            f"{split}_topic_f1": round(tt["micro_f1"], 4), f"{split}_questions": len(rows)}


def evaluate_adapter(adapter: Path, data: Path, split: str, settings: Settings, encoder=None,
                     limit: int | None = None, progress: bool = True) -> dict:
    """`relevance_f1` of the adapter in `adapter`, loaded as inference loads it."""
    from ..backends.crossencoder import CrossEncoderRelevance, load_model
    from ..backends.encoder import Encoder

    rel = CrossEncoderRelevance(*load_model(Path(adapter)), encoder or Encoder())
    return relevance_f1(rel, data, split, settings.threshold, limit, progress)

