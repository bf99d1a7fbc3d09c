"""QLoRA training of the LLM adapters on a tiny real run: what is trained, what is masked, resume, card, adapters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fhirqa.backends.llm_per_resource import LLMPerResource
from fhirqa.backends.local_llm import answer_adapter, chat_messages
from fhirqa.backends.smollm import clear_shared, load_causal_lm, smollm_path, using
from fhirqa.config import Settings
from fhirqa.errors import ModelNotAvailable
from fhirqa.finetune.common import read_card
from fhirqa.finetune.llm_examples import IGNORE, answer_items, examples
from fhirqa.finetune.train_llm import fit, load_for_training, train

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def settings(model_home):
    return Settings(home=model_home)


@pytest.fixture(scope="module")
def base(settings):
    return smollm_path(settings)


@pytest.fixture(scope="module")
def tokenizer(base):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base)


def test_labels_cover_only_the_answer_and_its_end_of_turn(tokenizer, tiny_qa):
    items = answer_items(tiny_qa, "train")
    for item, ex in zip(items, examples("answer", tokenizer, tiny_qa, "train", max_len=4096)):
        n = ex["labels"].count(IGNORE)
        assert all(x == IGNORE for x in ex["labels"][:n]) and IGNORE not in ex["labels"][n:]
        assert ex["labels"][n:] == ex["input_ids"][n:]
        assert tokenizer.decode(ex["labels"][n:]) == item.answer + "<|im_end|>"
        prompt = tokenizer.apply_chat_template(chat_messages(item.question, item.resources), tokenize=False,
                                               add_generation_prompt=True)
        assert tokenizer.decode(ex["input_ids"][:n]) == prompt  # exactly what the generator is given


def test_long_prompts_lose_old_records_but_keep_system_and_answer(tokenizer, tiny_qa):
    for ex in examples("answer", tokenizer, tiny_qa, "train", max_len=96):
        assert len(ex["input_ids"]) <= 96
        text = tokenizer.decode(ex["input_ids"])
        assert text.startswith("<|im_start|>system\nYou answer questions") and text.endswith("<|im_end|>")


def test_relevance_examples_learn_one_token(tokenizer, tiny_qa):
    rows = [json.loads(x) for x in (tiny_qa / "task1_train.jsonl").read_text().splitlines()][:20]
    for row, ex in zip(rows, examples("relevance-llm", tokenizer, tiny_qa, "train", max_len=256, limit=20)):
        target = [x for x in ex["labels"] if x != IGNORE]
        assert tokenizer.decode(target) == str(row["label"])


def _lora_and_base(model) -> tuple[dict, dict]:
    lora = {k: v.detach().clone() for k, v in model.named_parameters() if "lora_" in k}
    q = model.get_base_model().model.layers[0].self_attn.q_proj.base_layer.weight
    frozen = {"q_proj_4bit": q.data.clone(),
              "embed": model.get_base_model().model.embed_tokens.weight.detach().clone()}
    return lora, frozen


def test_training_changes_lora_weights_not_base_weights(base, tokenizer, tiny_qa, tmp_path):
    import torch

    tok, model = load_for_training(base, four_bit=True)
    q = model.get_base_model().model.layers[0].self_attn.q_proj.base_layer.weight
    assert q.dtype == torch.uint8  # nf4-packed
    lora0, base0 = _lora_and_base(model)
    train_set = examples("answer", tok, tiny_qa, "train", max_len=128, limit=4)
    run = fit(model, tok, train_set, tmp_path, max_steps=2, batch_size=2, grad_accum=1, lr=1e-3, progress=False)
    lora1, base1 = _lora_and_base(model)
    assert run["steps"] == 2
    assert any(not torch.equal(lora0[k], lora1[k]) for k in lora0 if "lora_B" in k)
    assert all(torch.equal(base0[k], base1[k]) for k in base0)


def test_train_writes_adapter_and_card_and_resumes(settings, base, tiny_qa, tmp_path):
    out = tmp_path / "answer"  # fp32 base here: resume and card do not depend on 4-bit, which loads slower
    first = train("answer", tiny_qa, out, settings, max_steps=2, batch_size=2, grad_accum=1, max_len=128, limit=4,
                  save_steps=1, progress=False, evaluate=False, four_bit=False, rank=4,
                  command="fhirqa finetune train --task answer")
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == [
        "README.md", "adapter_config.json", "adapter_model.safetensors", "card.json"]
    assert not list(out.glob("*.bin")) and not (out / "tokenizer.json").exists()
    card = read_card(out)
    assert card["task"] == "answer" and card["command"] == "fhirqa finetune train --task answer"
    assert card["metrics"]["steps"] == 2 and card["hyper_parameters"]["rank"] == 4
    assert json.loads((out / "adapter_config.json").read_text())["r"] == 4
    assert first["resumed_from"] is None
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == ["checkpoint-1", "checkpoint-2"]

    again = train("answer", tiny_qa, out, settings, max_steps=3, batch_size=2, grad_accum=1, max_len=128, limit=4,
                  save_steps=1, progress=False, evaluate=False, four_bit=False, rank=4, resume=True)
    assert again["resumed_from"] == "checkpoint-2" and again["steps"] == 3
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == ["checkpoint-2", "checkpoint-3"]


def _random_adapter(base, folder, seed):
    """A LoRA adapter with random (non-identity) weights, so switching adapters visibly changes the output."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_pretrained(base)
    cfg = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False, task_type="CAUSAL_LM")
    get_peft_model(model, cfg).save_pretrained(str(folder))
    return folder


def test_two_adapters_share_one_base_and_switch(base, tmp_path, allen_bundle):
    import torch

    from fhirqa.records import FileSource

    clear_shared()
    one, two = _random_adapter(base, tmp_path / "one", 1), _random_adapter(base, tmp_path / "two", 2)
    tok, gen_model = load_causal_lm(base, {"answer": one})
    tok2, clf_model = load_causal_lm(base, {"relevance-llm": two})
    assert clf_model is gen_model and sorted(gen_model.peft_config) == ["answer", "relevance-llm"]
    ids = tok("Which vaccines has he received?", return_tensors="pt")
    logits = {}
    for name in ("answer", "relevance-llm", None):
        with using(gen_model, name), torch.inference_mode():
            logits[name] = gen_model(**ids).logits[0, -1]
    assert not torch.allclose(logits["answer"], logits["relevance-llm"])
    assert not torch.allclose(logits["answer"], logits[None])
    record = FileSource(allen_bundle).fetch("ad134528-56a5-35fd-c37f-466ff119c625")
    clf = LLMPerResource(tok2, clf_model, adapter="relevance-llm")
    batched = clf.score("Which vaccines has he received?", record.resources[:3])
    single = [clf.score("Which vaccines has he received?", [r])[0] for r in record.resources[:3]]
    assert batched == pytest.approx(single, abs=1e-4)
    clear_shared()


def test_a_merged_adapter_gives_the_attached_adapters_outputs(base, tmp_path):
    import torch

    clear_shared()
    one = _random_adapter(base, tmp_path / "one", 1)
    tok, attached = load_causal_lm(base, {"answer": one}, shared=False)
    _, merged = load_causal_lm(base, {"answer": one}, merge=True)
    assert not hasattr(merged, "peft_config")
    ids = tok("Which vaccines has he received?", return_tensors="pt")
    with using(attached, "answer"), torch.inference_mode():
        want = attached(**ids).logits[0, -1]
    with torch.inference_mode():
        got = merged(**ids).logits[0, -1]
    assert torch.allclose(want, got, atol=1e-4)
    with using(attached, None), torch.inference_mode():
        assert not torch.allclose(attached(**ids).logits[0, -1], got, atol=1e-4)  # the adapter did change it


def test_adapter_override_from_the_environment(tmp_path, monkeypatch):
    (tmp_path / "adapter_config.json").write_text("{}")
    monkeypatch.setenv("FHIRQA_ANSWER_ADAPTER", str(tmp_path))
    assert answer_adapter() == tmp_path
    monkeypatch.setenv("FHIRQA_ANSWER_ADAPTER", str(tmp_path / "missing"))
    with pytest.raises(ModelNotAvailable, match="FHIRQA_ANSWER_ADAPTER"):
        answer_adapter()


def test_a_hand_written_set_gives_answer_items_from_its_gold_resources(synthea_dir):
    from fhirqa.finetune.llm_examples import question_items
    from fhirqa.eval.questions import load_questions

    path = Path(__file__).resolve().parents[1] / "questions" / "handwritten9.jsonl"
    items = question_items(path, synthea_dir)
    rows = {q.id: q for q in load_questions(path)}
    assert items and len(items) == sum(1 for q in rows.values() if q.relevant)
    for item in items:
        assert [f"{r['resourceType']}/{r['id']}" for r in item.resources] == rows[item.id].relevant
        assert item.answer == rows[item.id].answer
