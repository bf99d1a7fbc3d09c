"""Held-out metrics of an LLM adapter against its zero-shot base: METEOR for answers, pair F1 for relevance.

Both load the fp32 base the way fhirqa does at inference, with the adapter attached, and measure the
same examples with the adapter on and off.
"""

from __future__ import annotations

from pathlib import Path

from tqdm import tqdm

from ..backends.llm_per_resource import LLMPerResource
from ..backends.local_llm import LocalLLMGenerator
from ..backends.smollm import load_causal_lm
from ..config import Settings
from ..eval import metrics
from .llm_examples import AnswerItem, answer_items, relevance_rows

SPLIT = "validation"


def _load(base: Path, adapter: Path, name: str):
    return load_causal_lm(base, {name: adapter}, shared=False)


def answer_meteor(base: Path, adapter: Path, data: Path | None, settings: Settings, limit: int | None = 40,
                  progress: bool = True, zero_shot: bool = True, split: str = SPLIT,
                  items: list[AnswerItem] | None = None) -> dict:
    """Mean METEOR of greedy answers with the adapter (and zero-shot), on the first `limit` questions of `split`
    (or on `items`, e.g. a hand-written set's from `question_items`)."""
    from ..eval import wordnet as wn

    wordnet = wn.load(wn.nltk_data_dir(settings))
    tok, model = _load(base, adapter, "answer")
    tuned = LocalLLMGenerator(tok, model, settings.max_new_tokens, adapter="answer")
    zero = LocalLLMGenerator(tok, model, settings.max_new_tokens, adapter=None)
    scores: dict[str, list[float]] = {"tuned": [], "zero": []}
    gens = (("tuned", tuned), ("zero", zero))[:2 if zero_shot else 1]
    items = items if items is not None else answer_items(data, split, limit)
    for item in tqdm(items, desc="METEOR", unit="question", disable=not progress):
        for key, gen in gens:
            text = gen.generate(item.question, item.resources).text
            scores[key].append(metrics.meteor(text, item.answer, wordnet))
    tuned_m = metrics.mean(scores["tuned"])
    out = {"meteor": _r(tuned_m), "meteor_questions": len(scores["tuned"]), "max_new_tokens": settings.max_new_tokens}
    if zero_shot:
        zero_m = metrics.mean(scores["zero"])
        out |= {"meteor_zero_shot": _r(zero_m),
                "meteor_ratio": _r(tuned_m / zero_m) if tuned_m is not None and zero_m else None}
    return out


def pair_f1(clf: LLMPerResource, rows: list[dict], progress: bool = True) -> dict:
    """Precision, recall and F1 over (question, resource) pairs, relevant when P("1") >= 0.5."""
    counts = metrics.Counts()
    by_question: dict[str, list[dict]] = {}
    for row in rows:
        by_question.setdefault(row["question"], []).append(row)
    for question, group in tqdm(by_question.items(), desc="pairs", unit="question", disable=not progress):
        probs = clf.score_texts(question, [r["text"] for r in group])
        for p, row in zip(probs, group):
            hit, gold = p >= 0.5, bool(row["label"])
            counts += metrics.Counts(hit and gold, hit and not gold, gold and not hit, not hit and not gold)
    return {"precision": _r(metrics.precision(counts)), "recall": _r(metrics.recall(counts)),
            "f1": _r(metrics.f1(counts)), "pairs": len(rows)}


def relevance_f1(base: Path, adapter: Path, data: Path, limit: int = 40, progress: bool = True,
                 zero_shot: bool = True) -> dict:
    """Pair P/R/F1 with the adapter (and zero-shot), on the pairs of the first `limit` validation questions."""
    tok, model = _load(base, adapter, "relevance-llm")
    rows = _first_questions(relevance_rows(data, SPLIT), limit)
    out = {f"pair_{k}": v for k, v in pair_f1(LLMPerResource(tok, model, "relevance-llm"), rows, progress).items()}
    if zero_shot:
        zero = pair_f1(LLMPerResource(tok, model, adapter=None), rows, progress)
        out |= {f"pair_{k}_zero_shot": v for k, v in zero.items() if k != "pairs"}
    return out


def evaluate_adapter(task: str, base: Path, adapter: Path, data: Path, settings: Settings, limit: int = 40,
                     progress: bool = True) -> dict:
    """The metrics of `task` for the adapter in `adapter` (see the two functions above)."""
    if task == "answer":
        return answer_meteor(base, adapter, data, settings, limit, progress)
    return relevance_f1(base, adapter, data, limit, progress)


def _first_questions(rows: list[dict], n: int) -> list[dict]:
    seen: list[str] = []
    out = []
    for row in rows:
        if row["id"] not in seen:
            if len(seen) == n:
                break
            seen.append(row["id"])
        out.append(row)
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
