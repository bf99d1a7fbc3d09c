"""Evaluation: metrics, the resumable runner over a question file, reports, LLM-as-judge and the benchmark."""

from .judge import run_judge
from .metrics import f1, fact_recall, meteor, rouge_l
from .questions import Question, load_questions
from .runner import run_eval

__all__ = ["Question", "f1", "fact_recall", "load_questions", "meteor", "rouge_l", "run_eval", "run_judge"]
