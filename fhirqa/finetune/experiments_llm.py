"""Two experiments with the LLM adapters: sequential fine-tuning, and one shared base against two model loads.

    python -c "from pathlib import Path; from fhirqa.config import Settings; \
from fhirqa.finetune.experiments_llm import sequential; sequential(Path('data/qa'), Path('runs/sequential'), Settings())"

`sequential` trains (a) a relevance-llm adapter, (b) continues that same adapter on answers, and
(c) a separate answer adapter with the same budget; it reports task-1 pair F1 after (a) and (b) and
task-2 METEOR of (b) and (c). `shared_base_memory` measures peak RSS in fresh processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ..backends.smollm import smollm_path
from ..config import Settings
from ..errors import ModelNotAvailable
from .eval_llm import answer_meteor, relevance_f1
from .train_llm import train


def sequential(data: Path, out: Path, settings: Settings, *, relevance_steps: int = 150, answer_steps: int = 150,
               batch_size: int = 4, grad_accum: int = 1, max_len: int = 512, eval_limit: int = 20,
               seed: int = 7, progress: bool = True) -> dict:
    """Relevance, then answers on the same adapter, against a separate answer adapter; out/sequential.{json,md}."""
    base = smollm_path(settings)
    common = dict(batch_size=batch_size, grad_accum=grad_accum, max_len=max_len, seed=seed, progress=progress,
                  evaluate=False, save_steps=max(relevance_steps, answer_steps))
    a, b, c = out / "a-relevance", out / "b-relevance-then-answer", out / "c-answer"
    runs = {"a": train("relevance-llm", data, a, settings, max_steps=relevance_steps, **common),
            "b": train("answer", data, b, settings, init_adapter=a, max_steps=answer_steps, **common),
            "c": train("answer", data, c, settings, max_steps=answer_steps, **common)}
    result = {
        "a_relevance": relevance_f1(base, a, data, eval_limit, progress),
        "b_relevance": relevance_f1(base, b, data, eval_limit, progress, zero_shot=False),
        "b_answer": answer_meteor(base, b, data, settings, eval_limit, progress),
        "c_answer": answer_meteor(base, c, data, settings, eval_limit, progress, zero_shot=False),
        "train": {k: {x: r[x] for x in ("steps", "train_seconds", "loss_first", "loss_last")} for k, r in runs.items()},
        "settings": {"relevance_steps": relevance_steps, "answer_steps": answer_steps, "batch_size": batch_size,
                     "grad_accum": grad_accum, "max_len": max_len, "eval_limit": eval_limit, "seed": seed},
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "sequential.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "sequential.md").write_text(sequential_table(result), encoding="utf-8")
    return result


def sequential_table(r: dict) -> str:
    """The sequential experiment as a Markdown table."""
    a, b = r["a_relevance"], r["b_relevance"]
    ans_b, ans_c = r["b_answer"], r["c_answer"]
    s = r["settings"]
    rows = [("zero-shot base", a["pair_f1_zero_shot"], ans_b.get("meteor_zero_shot")),
            ("(a) relevance adapter", a["pair_f1"], None),
            ("(b) (a) continued on answers", b["pair_f1"], ans_b["meteor"]),
            ("(c) separate answer adapter", None, ans_c["meteor"])]
    body = "\n".join(f"| {name} | {_fmt(f1)} | {_fmt(m)} |" for name, f1, m in rows)
    return (f"# Sequential fine-tuning (SmolLM2-135M, QLoRA)\n\n"
            f"{s['relevance_steps']} relevance steps, {s['answer_steps']} answer steps, batch {s['batch_size']}"
            f"x{s['grad_accum']}, max_len {s['max_len']}; task-1 pair F1 on the pairs of the first {s['eval_limit']} "
            f"validation questions ({a['pair_pairs']} pairs), METEOR on the first {s['eval_limit']} answerable ones.\n\n"
            f"| model | task-1 pair F1 | task-2 METEOR |\n|---|---|---|\n{body}\n")


def _fmt(x) -> str:
    return "–" if x is None else f"{x:.3f}"


PROBE = ("from pathlib import Path; from fhirqa.finetune.experiments_llm import probe; "
         "probe({mode!r}, Path({base!r}), Path({answer!r}), Path({relevance!r}), Path({data!r}))")


def probe(mode: str, base: Path, answer: Path, relevance: Path, data: Path) -> None:
    """In a fresh process: load the adapters ("shared" base, or "separate" models), use each once, print memory.

    Peak RSS includes the transient of loading; RSS and USS (pages only this process holds) are measured
    after both adapters have been used, when both models (or the one shared base) are resident.
    """
    import resource

    import psutil

    from ..backends.llm_per_resource import LLMPerResource
    from ..backends.local_llm import LocalLLMGenerator
    from ..backends.smollm import load_causal_lm
    from .llm_examples import answer_items

    item = answer_items(data, "validation", 1)[0]
    shared = mode == "shared"
    tok, gen_model = load_causal_lm(base, {"answer": answer}, shared=shared)
    tok2, clf_model = load_causal_lm(base, {"relevance-llm": relevance}, shared=shared)
    gen = LocalLLMGenerator(tok, gen_model, 16, adapter="answer")
    clf = LLMPerResource(tok2, clf_model, adapter="relevance-llm")
    scores = clf.score(item.question, item.resources)
    text = gen.generate(item.question, item.resources).text
    mem = psutil.Process().memory_full_info()
    print(json.dumps({"mode": mode, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "rss_mb": round(mem.rss / 2**20, 1), "uss_mb": round(mem.uss / 2**20, 1),
                      "one_base": gen_model is clf_model, "adapters": sorted(gen_model.peft_config),
                      "answer": text, "scores": [round(x, 3) for x in scores[:3]]}))


def shared_base_memory(settings: Settings, answer: Path, relevance: Path, data: Path, out: Path | None = None) -> dict:
    """Peak RSS of one base with both adapters against two separate model loads, each in a fresh process."""
    base = smollm_path(settings)
    env = {**os.environ, "FHIRQA_HOME": str(settings.home)}
    result = {}
    for mode in ("shared", "separate"):
        code = PROBE.format(mode=mode, base=str(base), answer=str(answer), relevance=str(relevance), data=str(data))
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise ModelNotAvailable(mode, f"the memory probe failed: {done.stderr.strip()[-800:]}")
        result[mode] = json.loads(done.stdout.strip().splitlines()[-1])
    result["saved_mb"] = {k: round(result["separate"][k] - result["shared"][k], 1)
                          for k in ("peak_rss_mb", "rss_mb", "uss_mb")}
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "shared_base_memory.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        (out / "shared_base_memory.md").write_text(memory_table(result), encoding="utf-8")
    return result


def memory_table(r: dict) -> str:
    """The memory comparison as a Markdown table."""
    cells = [("shared", "one base, two adapters"), ("separate", "two model loads")]
    rows = "\n".join(f"| {label} | {r[m]['peak_rss_mb']:.0f} | {r[m]['rss_mb']:.0f} | {r[m]['uss_mb']:.0f} |"
                     for m, label in cells)
    saved = r["saved_mb"]
    return ("# One base with two adapters against two model loads\n\nAnswer adapter and relevance-llm adapter on "
            "SmolLM2-135M-Instruct (fp32, as fhirqa loads it); each process answers one question and scores its "
            "resources. Peak RSS includes the transient of loading; RSS and USS (memory no other process "
            "shares) are taken after both adapters were used.\n\n"
            f"| loading | peak RSS (MB) | RSS after use (MB) | USS after use (MB) |\n|---|---|---|---|\n{rows}\n"
            f"| saved by sharing | {saved['peak_rss_mb']:.0f} | {saved['rss_mb']:.0f} | {saved['uss_mb']:.0f} |\n")
