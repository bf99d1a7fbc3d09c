"""Optional teacher: any LangChain chat model paraphrases generated questions and, if asked, rewrites answers.

Off by default. A rewritten answer is kept only if it still states every date and number of the gold answer.
    fhirqa finetune data --bundles DIR --out data/qa --teacher mypkg.models:make_chat_model
"""

from __future__ import annotations

import importlib
import random
import re
from typing import Any, Callable

from ..errors import ModelNotAvailable

QUESTION_PROMPT = (
    "Rewrite this question about a patient's medical record the way a different person might ask it "
    "(patient, relative or clinician; lay words welcome). Keep its exact meaning, dates and pronouns. "
    "Reply with the question only.\n\nQuestion: {question}"
)
ANSWER_PROMPT = (
    "Rewrite this answer to the question in 1-2 plain sentences. Keep every date, number, unit and name "
    "exactly as written. Reply with the answer only.\n\nQuestion: {question}\nAnswer: {answer}"
)
FACT_RE = re.compile(r"\d{4}-\d{2}-\d{2}|\d+(?:\.\d+)?")


def _ask(model: Any, prompt: str) -> str:
    reply = model.invoke(prompt)
    text = getattr(reply, "content", reply)
    return str(text).strip().strip('"').splitlines()[0].strip() if str(text).strip() else ""


def keeps_facts(old: str, new: str) -> bool:
    """True when every date and number of `old` appears in `new`."""
    return all(fact in new for fact in FACT_RE.findall(old))


def teach(rows: list[dict], model: Any, rng: random.Random, share: float = 0.5, answers: bool = False) -> list[dict]:
    """A copy of rows where about `share` of them got a teacher-paraphrased question (and answer)."""
    out = []
    for row in rows:
        if rng.random() >= share:
            out.append(row)
            continue
        new = dict(row)
        question = _ask(model, QUESTION_PROMPT.format(question=row["question"]))
        if question and len(question) < 300:
            new["question"] = question
        if answers:
            answer = _ask(model, ANSWER_PROMPT.format(question=new["question"], answer=row["answer"]))
            if answer and keeps_facts(row["answer"], answer):
                new["answer"] = answer
        out.append(new)
    return out


def load_teacher(spec: str, seed: int = 0, share: float = 0.5,
                 answers: bool = False) -> Callable[[list[dict]], list[dict]]:
    """`module:factory` -> a rows->rows function using the chat model the factory returns."""
    module, _, name = spec.partition(":")
    try:
        model = getattr(importlib.import_module(module), name)()
    except (ImportError, AttributeError, ValueError) as e:
        raise ModelNotAvailable(spec, f"cannot build the teacher chat model ({e}); pass module:factory") from None
    rng = random.Random(f"teacher:{seed}")
    return lambda rows: teach(rows, model, rng, share, answers)
