"""The evaluation question file: one JSON object per line, checked line by line.

    {"id": "q1", "patient": "p1", "question": "...", "relevant": ["Observation/o1"], "answer": "...",
     "category": "labs", "bundle": "bundles/p1.json"}

`category` and `bundle` are optional; `bundle` is relative to the question file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..records import ID_RE

REF_RE = re.compile(r"^[A-Z][A-Za-z]+/[A-Za-z0-9\-.]{1,64}$")
NO_CATEGORY = "uncategorised"
MAX_SHOWN = 10


class InvalidQuestionFile(InputError):
    """Lines of a question file that cannot be used, each with its line number."""

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.path, self.problems = path, problems
        shown = "; ".join(f"{path}:{n}: {why}" for n, why in problems[:MAX_SHOWN])
        more = f" (and {len(problems) - MAX_SHOWN} more)" if len(problems) > MAX_SHOWN else ""
        super().__init__(f"bad question file: {shown}{more}")


@dataclass
class Question:
    """One evaluation item: a question about a patient with its gold relevant resources and answer."""

    id: str
    patient: str
    question: str
    relevant: list[str]
    answer: str
    category: str = NO_CATEGORY
    bundle: Path | None = None
    line: int = 0
    extra: dict = field(default_factory=dict, repr=False)


def _text(obj: dict, key: str, required: bool = True) -> str | None:
    v = obj.get(key)
    if v is None and not required:
        return None
    if isinstance(v, int) and not isinstance(v, bool) and key == "id":
        v = str(v)
    if not isinstance(v, str) or (required and not v.strip()):
        raise ValueError(f"{key!r} must be a non-empty string")
    return v


def parse_question(obj: object, base: Path, line: int) -> Question:
    """A Question from one decoded line, or ValueError saying what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    relevant = obj.get("relevant")
    if not isinstance(relevant, list) or not all(isinstance(r, str) for r in relevant):
        raise ValueError("'relevant' must be a list of 'Type/id' strings")
    bad = [r for r in relevant if not REF_RE.match(r)]
    if bad:
        raise ValueError(f"'relevant' holds malformed references {bad[:3]} (expected 'Type/id')")
    answer = obj.get("answer")
    if not isinstance(answer, str):
        raise ValueError("'answer' must be a string")
    bundle = _text(obj, "bundle", required=False)
    bundle_path = (base / bundle) if bundle else None
    if bundle_path and not bundle_path.exists():
        raise ValueError(f"bundle {bundle_path} does not exist")
    patient = _text(obj, "patient").removeprefix("Patient/")
    if not ID_RE.match(patient):
        raise ValueError(f"malformed patient id {patient!r}")
    known = {"id", "patient", "question", "relevant", "answer", "category", "bundle"}
    return Question(
        id=_text(obj, "id"), patient=patient,
        question=_text(obj, "question"), relevant=list(dict.fromkeys(relevant)), answer=answer,
        category=_text(obj, "category", required=False) or NO_CATEGORY, bundle=bundle_path, line=line,
        extra={k: v for k, v in obj.items() if k not in known},
    )


def load_questions(path: Path) -> list[Question]:
    """Every question of a JSONL file; InvalidQuestionFile naming each bad line. Blank lines are allowed."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InvalidQuestionFile(str(path), [(0, f"cannot read: {e}")]) from None
    questions, problems, seen = [], [], {}
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            q = parse_question(json.loads(raw), path.parent, n)
        except json.JSONDecodeError as e:
            problems.append((n, f"not JSON ({e.msg} at column {e.colno})"))
            continue
        except ValueError as e:
            problems.append((n, str(e)))
            continue
        if q.id in seen:
            problems.append((n, f"duplicate id {q.id!r} (first on line {seen[q.id]})"))
            continue
        seen[q.id] = n
        questions.append(q)
    if problems:
        raise InvalidQuestionFile(str(path), problems)
    if not questions:
        raise InvalidQuestionFile(str(path), [(0, "no questions")])
    return questions
