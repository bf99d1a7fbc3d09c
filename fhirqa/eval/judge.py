"""LLM-as-judge over two prediction files: pointwise 1-5 scores and pairwise preferences, blind and not.

The two protocols differ only in the author line shown next to each answer: "System 1"/"System 2"
(blind) or the real names (e.g. "fine-tuned fhirqa" vs "base model"). The difference between their
win rates measures how much the judge favours a name (the self-evaluation-bias experiment). Every pair
is judged in both orders, the first order drawn with a seeded RNG, so position bias cancels out.
Any LangChain chat model can judge; it is injected.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from tqdm import tqdm

from ..errors import InputError, ModelNotAvailable

PROTOCOLS = ("blind", "non_blind")
CRITERIA = {
    "correctness": "Is the answer factually correct compared with the reference answer "
                   "(same values, dates and conclusions)?",
    "groundedness": "Does the answer state only facts supported by the reference answer, "
                    "without invented values, dates or resources?",
}
SYSTEM_PROMPT = ("You are a careful clinical reviewer grading answers to questions about a patient's health "
                 "record. Follow the output format exactly.")


@dataclass
class Item:
    """One question both systems answered."""

    id: str
    question: str
    gold: str
    answers: dict[str, str]  # system name -> answer


def pair_items(rows_a: Sequence[dict], rows_b: Sequence[dict], names: tuple[str, str]) -> list[Item]:
    """Questions present in both prediction files, in the first file's order."""
    by_id = {r["id"]: r for r in rows_b}
    items = []
    for r in rows_a:
        other = by_id.get(r["id"])
        if other is None:
            continue
        items.append(Item(r["id"], r["question"], r["gold"]["answer"],
                          {names[0]: r["prediction"]["answer"], names[1]: other["prediction"]["answer"]}))
    if not items:
        raise InputError("the two prediction files share no question ids; judge predictions of the same questions")
    if not any(a for i in items for a in i.answers.values()):
        raise InputError("the predictions hold no answers (task1-only runs?); judge runs of mode full or task2")
    return items


# ---- prompts and parsing ----

def pointwise_prompt(item: Item, answer: str, criterion: str, author: str | None) -> str:
    by = f" (written by {author})" if author else ""
    return (f"Question: {item.question}\n\nReference answer: {item.gold}\n\nAnswer to grade{by}: {answer}\n\n"
            f"{CRITERIA[criterion]}\nRate {criterion} from 1 (worst) to 5 (best). Reply with one digit.")


def pairwise_prompt(item: Item, first: str, second: str, label_a: str, label_b: str) -> str:
    return (f"Question: {item.question}\n\nReference answer: {item.gold}\n\n"
            f"Answer A (written by {label_a}): {first}\n\nAnswer B (written by {label_b}): {second}\n\n"
            "Which answer is more correct and better grounded in the reference? "
            "Reply with one letter, A or B, or the word tie.")


def parse_score(text: str) -> int | None:
    """The first digit 1-5 of a judge's reply ('4', 'Score: 4/5', '**3**'), or None."""
    m = re.search(r"(?<!\d)([1-5])(?!\d)", text)
    return int(m.group(1)) if m else None


_END = r"\s*(?:$|[.):,;!\n])"
CHOICE_PATTERNS = (  # tried in order; the first that matches decides
    (re.compile(r"^\W*([AB])" + _END), None),
    (re.compile(r"^\W*(?i:tie)\b"), "tie"),
    (re.compile(r"^\W*([12])" + _END), None),
    (re.compile(r"(?i:prefer|choose|pick|winner is|better answer is|best answer is)\W*(?i:answer\s*)?([AB])\b"), None),
    (re.compile(r"\b([AB])\s+(?i:is)\s+(?i:better|best|more|the better)"), None),
    (re.compile(r"(?i:answer|option|choice)\s*:?\s*\**\s*([AB])\b"), None),
)


def parse_choice(text: str, labels: tuple[str, str] = ("System 1", "System 2")) -> str | None:
    """'A', 'B' or 'tie' from a judge's reply ('B', 'Answer: A', 'I prefer B', a shown label), or None."""
    t = text.strip()
    for pattern, fixed in CHOICE_PATTERNS:
        m = pattern.search(t)
        if m:
            return fixed or {"1": "A", "2": "B"}.get(m.group(1), m.group(1))
    hits = [pos for pos, label in zip("AB", labels) if label.lower() in t.lower()]
    if len(hits) == 1:
        return hits[0]
    if re.search(r"\b(tie|equal(ly)?|same|neither|both)\b", t, re.IGNORECASE):
        return "tie"
    m = re.search(r"\b([AB])\b", t)
    return m.group(1) if m else None


def _text(message) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return "".join(b if isinstance(b, str) else b.get("text", "") for b in content if isinstance(b, (str, dict)))


class Judge:
    """A chat model asked one prompt at a time; every exchange is kept for judge.json."""

    def __init__(self, model, progress: bool = False, total: int | None = None) -> None:
        self.model = model
        self.bar = tqdm(total=total, desc="judge", unit="call", disable=not progress)

    def __call__(self, prompt: str) -> str:
        from langchain_core.messages import HumanMessage, SystemMessage

        reply = _text(self.model.invoke([SystemMessage(SYSTEM_PROMPT), HumanMessage(prompt)]))
        self.bar.update(1)
        return reply


# ---- the two experiments ----

def pointwise(judge: Callable[[str], str], items: Sequence[Item], names: tuple[str, str],
              shown: dict[str, str]) -> dict:
    """Mean 1-5 score per system and criterion under both protocols."""
    out: dict = {}
    for protocol in PROTOCOLS:
        scores = {s: {c: [] for c in CRITERIA} for s in names}
        calls, unparsed = [], 0
        for item in items:
            for s in names:
                for c in CRITERIA:
                    author = shown[s] if protocol == "non_blind" else None
                    reply = judge(pointwise_prompt(item, item.answers[s], c, author))
                    v = parse_score(reply)
                    unparsed += v is None
                    if v is not None:
                        scores[s][c].append(v)
                    calls.append({"id": item.id, "system": s, "criterion": c, "reply": reply, "score": v})
        out[protocol] = {"mean": {s: {c: (sum(v) / len(v) if v else None) for c, v in per.items()}
                                  for s, per in scores.items()},
                         "unparsed": unparsed, "calls": calls}
    out["delta"] = {s: {c: _diff(out["non_blind"]["mean"][s][c], out["blind"]["mean"][s][c]) for c in CRITERIA}
                    for s in names}
    return out


def _diff(a, b):
    return None if a is None or b is None else a - b


def _orders(items: Sequence[Item], names: tuple[str, str], seed: int) -> list[tuple[str, str]]:
    """The first presentation order of each item, drawn with the seed; the second is its swap."""
    rng = random.Random(seed)
    return [names if rng.random() < 0.5 else (names[1], names[0]) for _ in items]


def pairwise(judge: Callable[[str], str], items: Sequence[Item], names: tuple[str, str], shown: dict[str, str],
             seed: int = 0) -> dict:
    """Win rates per system under both protocols, each pair judged in both orders."""
    orders = _orders(items, names, seed)
    out: dict = {"seed": seed}
    for protocol in PROTOCOLS:
        judgments = []
        for item, first in zip(items, orders):
            for order in (first, first[::-1]):
                labels = ("System 1", "System 2") if protocol == "blind" else (shown[order[0]], shown[order[1]])
                reply = judge(pairwise_prompt(item, item.answers[order[0]], item.answers[order[1]], *labels))
                choice = parse_choice(reply, labels)
                winner = {"A": order[0], "B": order[1], "tie": "tie"}.get(choice) if choice else None
                judgments.append({"id": item.id, "order": list(order), "labels": list(labels), "reply": reply,
                                  "choice": choice, "winner": winner})
        out[protocol] = _tally(judgments, names)
    out["delta"] = {s: _diff(out["non_blind"]["win_rate"][s], out["blind"]["win_rate"][s]) for s in names}
    return out


def _tally(judgments: list[dict], names: tuple[str, str]) -> dict:
    parsed = [j for j in judgments if j["winner"]]
    ties = sum(j["winner"] == "tie" for j in parsed)
    wins = {s: sum(j["winner"] == s for j in parsed) for s in names}
    by_item: dict[str, list] = {}
    for j in judgments:
        by_item.setdefault(j["id"], []).append(j["winner"])
    both = [w for w in by_item.values() if len(w) == 2 and all(w)]
    return {
        "judgments": len(judgments), "unparsed": len(judgments) - len(parsed), "ties": ties, "wins": wins,
        # A tie counts half a win for each side, so the two win rates add up to 1.
        "win_rate": {s: ((wins[s] + ties / 2) / len(parsed) if parsed else None) for s in names},
        "first_position_rate": (sum(j["choice"] == "A" for j in parsed) / len(parsed)) if parsed else None,
        "order_consistency": (sum(w[0] == w[1] for w in both) / len(both)) if both else None,
        "calls": judgments,
    }


def run_judge(model, rows_a: Sequence[dict], rows_b: Sequence[dict], names: tuple[str, str],
              shown: tuple[str, str] | None = None, *, seed: int = 0, do_pointwise: bool = True,
              do_pairwise: bool = True, progress: bool = False) -> dict:
    """judge.json: pointwise and pairwise results for two systems (`names`), shown non-blind as `shown`."""
    if names[0] == names[1]:
        names = (f"{names[0]} (1)", f"{names[1]} (2)")
    shown_map = dict(zip(names, shown or names))
    items = pair_items(rows_a, rows_b, names)
    calls = len(items) * 2 * ((2 * len(CRITERIA) if do_pointwise else 0) + (2 if do_pairwise else 0))
    judge = Judge(model, progress, calls)
    result = {"systems": list(names), "shown_as": shown_map, "n": len(items), "seed": seed}
    if do_pointwise:
        result["pointwise"] = pointwise(judge, items, names, shown_map)
    if do_pairwise:
        result["pairwise"] = pairwise(judge, items, names, shown_map, seed)
    judge.bar.close()
    return result


# ---- files ----

def _f(v, spec="{:.3f}") -> str:
    return "–" if v is None else spec.format(v)


def markdown(result: dict) -> str:
    """judge.md: win rates and mean scores per protocol, and their differences."""
    a, b = result["systems"]
    lines = [f"# LLM-as-judge: {a} vs {b}", "",
             f"{result['n']} questions, seed {result['seed']}; non-blind shows the names "
             f"{result['shown_as'][a]!r} and {result['shown_as'][b]!r}, blind shows 'System 1'/'System 2'.", ""]
    pw = result.get("pairwise")
    if pw:
        lines += ["## Pairwise (each pair judged in both orders)", "",
                  f"| protocol | win rate {a} | win rate {b} | ties | unparsed | picks first | order-consistent |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for p in PROTOCOLS:
            r = pw[p]
            lines.append(f"| {p.replace('_', '-')} | {_f(r['win_rate'][a])} | {_f(r['win_rate'][b])} | {r['ties']} | "
                         f"{r['unparsed']} | {_f(r['first_position_rate'])} | {_f(r['order_consistency'])} |")
        lines += [f"| non-blind − blind | {_f(pw['delta'][a], '{:+.3f}')} | {_f(pw['delta'][b], '{:+.3f}')} "
                  "| | | | |", ""]
    pt = result.get("pointwise")
    if pt:
        lines += ["## Pointwise (mean score 1-5)", "", "| system | criterion | blind | non-blind | Δ |",
                  "|---|---|---:|---:|---:|"]
        for s in (a, b):
            for c in CRITERIA:
                lines.append(f"| {s} | {c} | {_f(pt['blind']['mean'][s][c], '{:.2f}')} | "
                             f"{_f(pt['non_blind']['mean'][s][c], '{:.2f}')} | {_f(pt['delta'][s][c], '{:+.2f}')} |")
        lines += ["", f"Unparsed replies: blind {pt['blind']['unparsed']}, non-blind {pt['non_blind']['unparsed']}.",
                  ""]
    return "\n".join(lines)


def write(out_dir, result: dict) -> None:
    """judge.json (every prompt's reply included) and judge.md."""
    import json
    from pathlib import Path

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "judge.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (out_dir / "judge.md").write_text(markdown(result))


# ---- judge models by name ----

def load_judge(name: str, settings=None):
    """A LangChain chat model: 'local' (SmolLM2 via fhirqa.backends.chat) or 'module:attribute'."""
    if name == "local":
        try:
            from ..backends.chat import chat_model
        except ImportError as e:
            raise ModelNotAvailable("local", f"the local chat judge (fhirqa.backends.chat) cannot load: {e}") from None
        return chat_model(settings)
    if ":" in name:
        import importlib

        module, _, attr = name.partition(":")
        try:
            obj = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as e:
            raise ModelNotAvailable(name, f"cannot import {name}: {e}") from None
        return obj if hasattr(obj, "invoke") else obj(settings)
    raise ModelNotAvailable(name, "unknown judge; use 'local' or 'package.module:factory' returning a "
                                  "LangChain chat model")
