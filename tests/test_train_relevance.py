"""Fine-tuning the topic classifier: labels, pairs, a tiny real QLoRA run, resume, the card and the backend."""

from __future__ import annotations

import json
import random

import pytest
import torch
from typer.testing import CliRunner

from fhirqa.backends.crossencoder import CrossEncoderRelevance, load_model
from fhirqa.backends.encoder import Encoder, minilm_path
from fhirqa.config import Settings
from fhirqa.finetune import data as qa
from fhirqa.finetune.cli import app
from fhirqa.finetune.topic_pairs import question_pairs, records, topic_labels, whole_visit
from fhirqa.finetune.train_relevance import build_pairs, fit, load_for_training, train
from fhirqa.records import FileSource
from fhirqa.topics import group_topics, unique_texts

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def allen(allen_bundle):
    source = FileSource(allen_bundle)
    return source.fetch(source.patients()[0][0])


def test_labels_follow_the_gold_structure_not_the_window(allen):
    groups = group_topics(allen.resources)
    row = {"question": "meds in 1950?", "relevant": [], "category": "window",
           "structure": {"types": ["MedicationRequest"], "codes": [], "window": ["1950-01-01", "1950-12-31"]}}
    labels = topic_labels(row, allen.resources, groups)
    assert {k for k, v in labels.items() if v} == {k for k in groups if k[0] == "MedicationRequest"}
    assert not any(topic_labels({**row, "category": "unanswerable"}, allen.resources, groups).values())


def test_pairs_hold_every_kind_and_whole_visit_questions_are_left_out(allen):
    row = {"id": "q1", "question": "last a1c?", "relevant": [], "category": "labs",
           "structure": {"types": ["Observation"], "codes": ["4548-4"]}}
    pairs = question_pairs(row, allen, random.Random(1))
    assert any(p["label"] == 1 and "A1c" in p["text"] for p in pairs)
    assert sum(p["label"] == 0 for p in pairs) >= 6
    assert "hemoglobin a1c" in pairs[0]["question"]  # the lay expansion the classifier reads at inference
    assert whole_visit({"structure": {"visit": "Encounter/1", "types": ["Encounter", "Procedure", "Observation"]}})
    assert not whole_visit({"structure": {"visit": "Encounter/1", "types": ["Encounter", "Observation"]}})


def _lora(model):
    return {n: p.detach().clone() for n, p in model.named_parameters() if "lora_" in n or "classifier" in n}


def _base(model):
    return {n: p.detach().clone() for n, p in model.named_parameters() if "lora_" not in n and "classifier" not in n}


def test_a_tiny_qlora_run_changes_the_adapter_and_not_the_4bit_base(tiny_qa, tmp_path):
    pairs = build_pairs(tiny_qa, "train", seed=3, limit=6, encoder=Encoder(), progress=False)
    tok, model = load_for_training(minilm_path(), rank=4, alpha=8, dropout=0.0, four_bit=True, init_adapter=None)
    assert any(type(m).__name__ == "Linear4bit" for m in model.modules())
    lora, base = _lora(model), _base(model)
    fit(model, tok, pairs, tmp_path, max_steps=3, batch_size=8, lr=1e-2, progress=False, save_steps=2)
    after_lora, after_base = _lora(model), _base(model)
    assert any(not torch.equal(lora[n], after_lora[n]) for n in lora)
    assert all(torch.equal(base[n], after_base[n]) for n in base)
    assert (tmp_path / "checkpoints" / "checkpoint-2").is_dir()


def test_train_writes_adapter_and_card_and_resume_continues(tiny_qa, tmp_path, home):
    out = tmp_path / "rel"
    m = train(tiny_qa, out, Settings(), max_steps=2, batch_size=8, rank=4, four_bit=False, limit=4,
              evaluate=False, progress=False, command="fhirqa finetune train --task relevance")
    assert m["steps"] == 2 and (out / "adapter_config.json").is_file()
    card = json.loads((out / "card.json").read_text())
    assert card["task"] == "relevance" and card["hyper_parameters"]["lora_rank"] == 4 and card["train_seconds"] > 0
    assert "fhirqa finetune train" in (out / "README.md").read_text()
    again = train(tiny_qa, out, Settings(), max_steps=3, batch_size=8, rank=4, four_bit=False, limit=4,
                  evaluate=False, progress=False, resume=True)
    assert again["steps"] == 3
    first_logged = json.loads((out / "train_log.json").read_text())
    assert first_logged  # the log of the resumed run


def test_trained_adapter_serves_as_the_relevance_backend(tiny_qa, tmp_path, allen):
    out = tmp_path / "rel"
    train(tiny_qa, out, Settings(), max_steps=1, batch_size=8, rank=4, four_bit=False, limit=2,
          evaluate=False, progress=False)
    rel = CrossEncoderRelevance(*load_model(out), Encoder(), k=8)
    scores = rel.score("What was his last HbA1c?", allen.resources)
    assert len(scores) == len(allen.resources) and all(0.0 <= s <= 1.0 for s in scores)
    texts = unique_texts(allen.resources, group_topics(allen.resources))
    chosen, _ = rel.candidates("which conditions has he had?", list(texts), texts)
    named = [k for k in texts if k[0] == "Condition"]
    assert 8 < len(named) < 64 and set(chosen) == set(named)  # a named family is read whole, and alone
    chosen, _ = rel.candidates("has he ever smoked?", list(texts), texts)
    assert len(chosen) == 9 and any(k[0] == "Patient" for k in chosen)  # best k=8 and the demographics


def test_cli_rejects_bad_input(tmp_path):
    r = CliRunner().invoke(app, ["train", "--task", "nope", "--data", str(tmp_path), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1
    r = CliRunner().invoke(app, ["train", "--task", "relevance", "--data", str(tmp_path), "--out", str(tmp_path / "o")])
    assert r.exit_code == 1 and "train.jsonl is missing" in r.output


def test_records_reads_each_bundle_once(tiny_qa):
    rows = qa.read_jsonl(tiny_qa / "train.jsonl")
    seen = [rec for _, rec in records(rows, tiny_qa)]
    assert len(seen) == len(rows) and len({id(r) for r in seen}) == 1


def test_a_fresh_run_clears_stale_checkpoints_and_resume_picks_the_last(tmp_path):
    from fhirqa.finetune.common import checkpoints

    for n in (3, 7):
        (tmp_path / "checkpoints" / f"checkpoint-{n}").mkdir(parents=True)
    ckpt, last = checkpoints(tmp_path, resume=True)
    assert ckpt == tmp_path / "checkpoints" and last.endswith("checkpoint-7")
    assert checkpoints(tmp_path, resume=False) == (ckpt, None)
    assert not ckpt.exists()
