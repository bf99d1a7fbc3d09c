"""A request written as fields, read as words: agents send "metric=heart_rate; window=2025-01-01..2025-12-31;
return=latest", "check: active_meds where drug_class == beta_blocker; purpose: hr_zone_calibration" or a JSON object
{"query": "count_encounters", "encounter_type": "well-child", "window": {"start": "2022-01-01", "end": "2022-12-31"}}.

Each field becomes words: a value's underscores are spaces, a window is "from A to B", what to return says only
latest, first, count or all (its fields, "date,type", name no topic), and fields that say how or why (units, source,
purpose, format) are dropped. Anything else is left as it was.
"""

from __future__ import annotations

import json
import re

# Fields that say how to answer or why, not what: dropped with their values.
HOW = {"source", "unit", "units", "purpose", "format", "fmt", "output", "fields", "columns", "reason", "context", "ctx",
       "patient", "pt", "mrn", "id", "member", "subject", "limit", "_count", "task", "requester", "caller"}
# Field names that qualify what is asked and are said with their value ("encounter_type", "drug_class", "body_site");
# any other field's name says nothing ("metric=heart_rate", "pre_activity_screen: imaging_studies").
QUALIFIER = r"(?:[a-z]+_)?(?:type|class|site|status|category|kind)"
WINDOW = {"window", "period", "range", "date", "dates", "date_range", "daterange", "timeframe", "between"}
# What to return, in the words the window and order rules read.
RETURNS = {"return", "returns", "aggregate", "agg", "mode", "want", "output_type"}
ORDER_WORDS = {"latest": "latest", "last": "latest", "most_recent": "latest", "newest": "latest", "first": "first",
               "earliest": "first", "oldest": "first", "count": "how many", "number": "how many", "all": "all",
               "list": "all", "list_all": "all", "all_readings": "all", "trend": "trend", "max": "highest",
               "highest": "highest", "min": "lowest", "lowest": "lowest", "bool": "any", "exists": "any", "recent": "latest"}
PAIR = r"[A-Za-z_][\w.-]*\s*(?:==|=|:)\s*"
SEP = r"\s*(?:;|\||&|\n|,(?=\s*[A-Za-z_][\w.-]*\s*(?:==|=)))\s*"


def spelled_out(question: str) -> str:
    """The request in words if it is written as fields (two or more, or a JSON object), else unchanged."""
    text = question.strip()
    if text.startswith("{") and text.endswith("}"):
        try:
            data = json.loads(text)
        except ValueError:
            return question
        return _words(list(_flat(data))) if isinstance(data, dict) else question
    parts = [p for p in re.split(SEP, text) if p]
    pairs = [re.match(rf"^({PAIR})(.*)$", p) for p in parts]
    if sum(1 for m in pairs if m and re.search(r"\w", m.group(2))) < 2 or not re.search(r"[A-Za-z_]\s*==?\s*[\w'\"-]", text):
        return question
    fields = []
    for p, m in zip(parts, pairs):
        if not m:
            fields.append(("", p))
            continue
        key = re.sub(r"\s*(?:==|=|:)\s*$", "", m.group(1)).lower()
        fields.append((key, m.group(2)))
    return _words(fields)


def _flat(data: dict):
    """(key, text) of a JSON object's fields; a nested window's start and end stay a window."""
    for key, value in data.items():
        key = str(key).lower()
        if isinstance(value, dict) and ({"start", "end", "from", "to"} & {str(k).lower() for k in value}):
            low = {str(k).lower(): v for k, v in value.items()}
            yield key, f"{low.get('start') or low.get('from') or ''}..{low.get('end') or low.get('to') or ''}"
        elif isinstance(value, dict):
            yield from _flat(value)
        elif isinstance(value, list):
            yield key, ",".join(str(v) for v in value)
        else:
            yield key, str(value)


def _words(fields: list[tuple[str, str]]) -> str:
    """The fields said as a request."""
    said: list[str] = []
    for key, value in fields:
        value = value.strip().strip("'\"")
        if key in HOW:
            continue
        if key in WINDOW or re.fullmatch(r"\d{4}(?:-\d\d){0,2}\s*\.\.\s*\d{4}(?:-\d\d){0,2}", value):
            start, _, end = value.partition("..")
            said.append(f"from {start.strip()} to {end.strip()}" if end else value)
        elif key in RETURNS:
            said += [ORDER_WORDS[v] for v in re.findall(r"[a-z]+", value.lower()) if v in ORDER_WORDS][:1]
        elif key in ("sort", "_sort", "order", "orderby", "order_by"):
            said.append("latest" if value.startswith("-") or re.search(r"\bdesc", value, re.IGNORECASE) else "")
        elif key in ("start", "from", "since", "after"):
            said.append(f"since {value}")
        elif key in ("end", "to", "until", "before"):
            said.append(f"until {value}")
        else:
            words = re.sub(r"(?<=[a-z])_(?=\w)|\bwhere\b", " ", value).replace("_", " ")
            words = re.sub(r"\s*==\s*|\s*=\s*", " ", words)
            name = key.replace("_", " ") if re.fullmatch(QUALIFIER, key) else ""
            if re.fullmatch(r"(?:last|latest|most recent|first)\s+(?:encounter|visit|appointment|appt)", words.lower()):
                words = f"when was the {words}"  # "query=last_encounter": that one visit, not all it recorded
            said.append(f"{name} {words}".strip())
    return " ".join(" ".join(said).split()) or " "
