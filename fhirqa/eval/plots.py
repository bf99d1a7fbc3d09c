"""PNG plots of an evaluation report (matplotlib, Agg backend): per-category F1 and METEOR, latency histogram."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only: no display on servers and CI
    import matplotlib.pyplot as plt

    return plt


def _bars(plt, path: Path, title: str, series: dict[str, list[float]], labels: list[str]) -> Path:
    fig, ax = plt.subplots(figsize=(max(4.0, 1.1 * len(labels) + 2), 3.2))
    width = 0.8 / max(1, len(series))
    for i, (name, values) in enumerate(series.items()):
        xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
        ax.bar(xs, values, width, label=name)
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_ylim(0, 1.15)  # headroom for the legend above bars at 1.0
    ax.set_title(title)
    if len(series) > 1:
        ax.legend(fontsize="small", loc="upper right", ncol=len(series))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def plot_report(report: dict, rows: Sequence[dict], out_dir: Path) -> list[Path]:
    """The plots that apply to the report's mode, written into out_dir."""
    plt = _pyplot()
    cats = report["by_category"]
    labels = list(cats)
    written = []
    if "task1" in report and labels:
        written.append(_bars(plt, out_dir / "category_f1.png", "Relevance F1 by category", {
            "micro-F1": [cats[c]["task1"]["micro_f1"] for c in labels],
            "macro-F1": [cats[c]["task1"]["macro_f1"] for c in labels]}, labels))
    if "task2" in report and labels:
        written.append(_bars(plt, out_dir / "category_meteor.png", "METEOR by category", {
            "METEOR": [cats[c]["task2"]["meteor"] or 0.0 for c in labels]}, labels))
    latencies = [r["latency_s"] for r in rows if not r.get("error")]
    if latencies:
        fig, ax = plt.subplots(figsize=(5, 3.2))
        ax.hist(latencies, bins=min(30, max(5, len(latencies) // 3)))
        for q, style in (("p50_s", "--"), ("p95_s", ":")):
            v = report["latency"][q]
            if v is not None:
                ax.axvline(v, color="black", linestyle=style, label=f"{q[:3]} {v:.2f} s")
        ax.set_xlabel("seconds per question")
        ax.set_ylabel("questions")
        ax.set_title("Latency")
        ax.legend(fontsize="small")
        fig.tight_layout()
        fig.savefig(out_dir / "latency.png", dpi=100)
        plt.close(fig)
        written.append(out_dir / "latency.png")
    return written
