"""Task-1 training pairs for the topic classifier: (question, topic text, label) from the question files.

The classifier decides what a question is about; windows, statuses and visits are applied afterwards
by `agent.select`. So a topic's label comes from the question's gold structure (types and codes),
not from whether its resources fall inside the window: "meds from 1968 to 1970" is about every
medication topic, and the window then keeps the right resources.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterable, Iterator

from ..fields import Resource, ref
from ..records import FileSource, Record
from ..topics import expand, group_topics, unique_texts

Key = tuple[str, str, str]


def topic_code(key: Key) -> str:
    """The code a question's gold structure names a topic by: the code, else the display."""
    return key[1].split("|", 1)[1] if key[1] else key[2]


def whole_visit(row: dict) -> bool:
    """'What happened at her last visit?': every topic of that visit counts, so it teaches no topic."""
    s = row.get("structure") or {}
    return bool(s.get("visit")) and len(set(s.get("types") or []) - {"Claim", "ExplanationOfBenefit"}) > 2


def topic_labels(row: dict, resources: list[Resource], groups: dict[Key, list[int]]) -> dict[Key, int]:
    """1 for each topic the question is about, 0 for the others."""
    s = row.get("structure") or {}
    types, codes = set(s.get("types") or []), {c.lower() for c in s.get("codes") or []}
    gold = set(row.get("relevant") or [])
    gold_keys = {k for k, idx in groups.items() if any(ref(resources[i]) in gold for i in idx)}
    if row.get("category") == "unanswerable":
        return {k: 0 for k in groups}
    return {k: int(k in gold_keys or (k[0] in types and (not codes or topic_code(k).lower() in codes)))
            for k in groups}


def records(rows: Iterable[dict], data: Path) -> Iterator[tuple[dict, Record]]:
    """Each row with its patient's record, reading each bundle once."""
    sources: dict[str, FileSource] = {}
    cache: dict[tuple[str, str], Record] = {}
    for row in rows:
        bundle = str((data / row["bundle"]) if not Path(row["bundle"]).is_absolute() else row["bundle"])
        if bundle not in sources:
            sources[bundle] = FileSource(Path(bundle))
        key = (bundle, row["patient"])
        if key not in cache:
            cache.clear()  # rows come grouped by patient: keep one record in memory
            cache[key] = sources[bundle].fetch(row["patient"])
        yield row, cache[key]


def question_pairs(row: dict, record: Record, rng: random.Random, similar: list[Key] | None = None,
                   max_pos: int = 8, per_type: int = 8, n_similar: int = 6, n_random: int = 6) -> list[dict]:
    """Positives (up to max_pos) and negatives: same-type topics, the most similar ones, and random."""
    groups = group_topics(record.resources)
    texts = unique_texts(record.resources, groups)
    labels = topic_labels(row, record.resources, groups)
    pos = [k for k, v in labels.items() if v]
    neg = [k for k, v in labels.items() if not v]
    types = {k[0] for k in pos} | set((row.get("structure") or {}).get("types") or [])
    chosen = rng.sample(pos, min(len(pos), max_pos))
    same = [k for k in neg if k[0] in types]
    chosen += rng.sample(same, min(len(same), per_type))
    chosen += [k for k in (similar or []) if k in labels and not labels[k] and k not in chosen][:n_similar]
    rest = [k for k in neg if k not in chosen]
    chosen += rng.sample(rest, min(len(rest), n_random))
    q = expand(row["question"])
    return [{"question": q, "text": texts[k], "label": labels[k], "id": row["id"]} for k in chosen]


def topic_texts(record: Record) -> dict[Key, str]:
    """Each topic of the record and the text the classifier reads for it."""
    return unique_texts(record.resources, group_topics(record.resources))
