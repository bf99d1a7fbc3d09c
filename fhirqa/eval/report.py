"""Reports from prediction rows: report.json, report.md, and the side-by-side table of several systems."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from . import metrics

# (report path, column title, format) of the headline metrics shown in every table.
HEADLINE = (
    ("task1.precision", "P", "{:.3f}"), ("task1.recall", "R", "{:.3f}"), ("task1.micro_f1", "micro-F1", "{:.3f}"),
    ("task1.macro_f1", "macro-F1", "{:.3f}"), ("task2.meteor", "METEOR", "{:.3f}"),
    ("task2.rouge_l", "ROUGE-L", "{:.3f}"), ("task2.fact_recall", "facts", "{:.3f}"),
    ("latency.p50_s", "p50 s", "{:.2f}"), ("latency.p95_s", "p95 s", "{:.2f}"),
    ("memory.peak_rss_mb", "RSS MB", "{:.0f}"),
)


def _block(rows: Sequence[dict], mode: str) -> dict:
    """task1 / task2 / latency metrics of a set of rows."""
    out: dict = {"n": len(rows)}
    scores = [r["scores"] for r in rows]
    if mode in ("full", "task1"):
        counts = [metrics.Counts(s["tp"], s["fp"], s["fn"], s.get("tn", 0)) for s in scores]
        out["task1"] = metrics.task1_summary(counts)
    if mode in ("full", "task2"):
        facts = [s["fact_recall"] for s in scores if s.get("fact_recall") is not None]
        out["task2"] = {
            "meteor": metrics.mean(s["meteor"] for s in scores),
            "rouge_l": metrics.mean(s["rouge_l"] for s in scores),
            "fact_recall": metrics.mean(facts),
            "fact_questions": len(facts),
        }
    latencies = [r["latency_s"] for r in rows if not r.get("error")]
    out["latency"] = {"p50_s": metrics.percentile(latencies, 50), "p95_s": metrics.percentile(latencies, 95),
                      "mean_s": metrics.mean(latencies)}
    return out


def summarise(rows: Sequence[dict], mode: str, system: str = "") -> dict:
    """The report.json object of one system."""
    categories = sorted({r["category"] for r in rows})
    errors = [r["id"] for r in rows if r.get("error")]
    return {
        "system": system, "mode": mode, **_block(rows, mode),
        "memory": {"peak_rss_mb": max((r.get("peak_rss_mb") or 0.0 for r in rows), default=0.0)},
        "errors": len(errors), "error_ids": errors,
        "by_category": {c: _block([r for r in rows if r["category"] == c], mode) for c in categories},
    }


def get(report: dict, path: str):
    """A value by dotted path, e.g. 'task1.micro_f1'; None when absent."""
    v = report
    for part in path.split("."):
        if not isinstance(v, dict) or part not in v:
            return None
        v = v[part]
    return v


def _fmt(v, spec: str) -> str:
    return "–" if v is None else spec.format(v)


def table(reports: dict[str, dict], columns=HEADLINE) -> str:
    """A Markdown table, one row per system, of the headline metrics any of them has."""
    cols = [c for c in columns if any(get(r, c[0]) is not None for r in reports.values())]
    lines = ["| system | n | " + " | ".join(c[1] for c in cols) + " |",
             "|---|---:|" + "---:|" * len(cols)]
    for name, r in reports.items():
        lines.append(f"| {name} | {r.get('n', 0)} | " + " | ".join(_fmt(get(r, p), f) for p, _, f in cols) + " |")
    return "\n".join(lines)


def markdown(report: dict, plots: Sequence[str] = ()) -> str:
    """report.md: headline table, per-category table, errors, plots."""
    parts = [f"# Evaluation: {report.get('system') or 'system'} (mode {report['mode']})", "",
             table({report.get("system") or "system": report}), "",
             "## By category", "", table(report["by_category"], HEADLINE[:-1]), ""]
    if report.get("errors"):
        parts += [f"## Errors ({report['errors']})", "",
                  "Questions the pipeline rejected (scored as empty predictions): "
                  + ", ".join(report["error_ids"]), ""]
    notes = ["micro scores sum TP/FP/FN over all questions; macro-F1 is the mean per-question F1 "
             "(empty gold and empty prediction count 1.0)"]
    if "task2" in report:
        notes.append(f"fact recall averages the {report['task2']['fact_questions']} questions whose gold answer "
                     "states a number or date")
    notes.append("peak RSS is the process's peak so far (ru_maxrss), so it includes systems evaluated earlier "
                 "in the same run")
    parts += ["## Notes", "", *(f"- {n}" for n in notes), ""]
    if plots:
        parts += ["## Plots", "", *(f"![{Path(p).stem}]({Path(p).name})" for p in plots), ""]
    return "\n".join(parts)


def write(out_dir: Path, report: dict, rows: Sequence[dict]) -> list[Path]:
    """report.json, plots and report.md in out_dir; the files written."""
    from .plots import plot_report

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    plots = plot_report(report, rows, out_dir)
    (out_dir / "report.md").write_text(markdown(report, [p.name for p in plots]))
    return [out_dir / "report.json", out_dir / "report.md", *plots]


def write_comparison(out: Path, reports: dict[str, dict]) -> None:
    """comparison.json and comparison.md: the headline metrics of every system side by side."""
    headline = {name: {p: get(r, p) for p, _, _ in HEADLINE} for name, r in reports.items()}
    (out / "comparison.json").write_text(json.dumps(headline, indent=2) + "\n")
    (out / "comparison.md").write_text("# Comparison\n\n" + table(reports) + "\n")


def load_reports(dirs: Sequence[Path]) -> dict[str, dict]:
    """Reports found in each directory: its report.json, else every <dir>/*/report.json."""
    found: dict[str, dict] = {}
    for d in map(Path, dirs):
        paths = [d / "report.json"] if (d / "report.json").is_file() else sorted(d.glob("*/report.json"))
        if d.is_file() and d.name.endswith(".json"):
            paths = [d]
        for p in paths:
            r = json.loads(p.read_text())
            name = r.get("system") or p.parent.name
            key = name if name not in found else f"{name} ({p.parent})"
            found[key] = r
    return found
