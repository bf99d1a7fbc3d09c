"""LLM-as-judge with scripted chat models: win rates per protocol, their difference, order swapping, parsing."""

from __future__ import annotations

import json
import re

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field
from typer.testing import CliRunner

from fhirqa.errors import ModelNotAvailable
from fhirqa.eval import judge as j
from fhirqa.eval.cli import app
from fhirqa.eval.metrics import tokens

FT, BASE = "finetuned", "base"
SHOWN = ("fine-tuned fhirqa", "base model")
# (id, gold, fine-tuned answer, base answer): FT is right on q1 and q2, base on q3, q4 is a tie.
DATA = [
    ("q1", "HbA1c 5.8 % on 2020-01-05.", "It was 5.8 %.", "It was 7.2 %."),
    ("q2", "Metformin 500 mg.", "Metformin 500 mg.", "Insulin."),
    ("q3", "Aspirin 81 mg.", "Ibuprofen.", "Aspirin 81 mg."),
    ("q4", "No allergies.", "None recorded.", "None recorded."),
]


def rows(system: str, col: int) -> list[dict]:
    return [{"id": d[0], "question": f"question {d[0]}", "system": system, "gold": {"answer": d[1]},
             "prediction": {"answer": d[col]}} for d in DATA]


def overlap(answer: str, gold: str) -> int:
    return len(set(tokens(answer)) & set(tokens(gold)))


class ScriptedJudge(BaseChatModel):
    """Prefers the answer sharing words with the reference, except that it always favours
    'fine-tuned fhirqa' when it can see that name (a self-preferring judge)."""

    prompts: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted-judge"

    def _reply(self, prompt: str) -> str:
        gold = re.search(r"Reference answer: (.*)", prompt).group(1)
        if "Answer A" in prompt:
            (la, a), (lb, b) = re.findall(r"Answer [AB] \(written by (.*?)\): (.*)", prompt)
            if a == b:
                return "tie"
            if SHOWN[0] in (la, lb):
                return "A" if la == SHOWN[0] else "Answer B is better."
            return "A" if overlap(a, gold) > overlap(b, gold) else "Answer B is better."
        answer = re.search(r"Answer to grade.*?: (.*)", prompt).group(1)
        if f"written by {SHOWN[0]}" in prompt:
            return "Score: 5/5"
        return "Score: 5/5" if overlap(answer, gold) else "1"

    def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
        prompt = messages[-1].content
        self.prompts.append(prompt)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._reply(prompt)))])


def scripted(settings=None) -> ScriptedJudge:
    """The judge factory the CLI test names as `test_judge:scripted`."""
    return ScriptedJudge()


@pytest.fixture
def result():
    model = ScriptedJudge()
    out = j.run_judge(model, rows(FT, 2), rows(BASE, 3), (FT, BASE), SHOWN, seed=7)
    out["_prompts"] = model.prompts
    return out


def test_pairwise_win_rates_blind_and_non_blind(result):
    pw = result["pairwise"]
    blind, named = pw["blind"], pw["non_blind"]
    assert blind["judgments"] == named["judgments"] == 8
    # Blind: FT wins q1, q2 in both orders, base q3, q4 tied twice (a tie is half a win each).
    assert blind["wins"] == {FT: 4, BASE: 2} and blind["ties"] == 2
    assert blind["win_rate"] == {FT: pytest.approx(5 / 8), BASE: pytest.approx(3 / 8)}
    # Non-blind: the judge sees "fine-tuned fhirqa" and also hands it q3.
    assert named["wins"] == {FT: 6, BASE: 0}
    assert named["win_rate"] == {FT: pytest.approx(7 / 8), BASE: pytest.approx(1 / 8)}
    assert pw["delta"] == {FT: pytest.approx(0.25), BASE: pytest.approx(-0.25)}
    assert blind["order_consistency"] == named["order_consistency"] == 1.0
    assert blind["first_position_rate"] == pytest.approx(3 / 8)
    assert blind["unparsed"] == 0


def test_each_pair_is_judged_in_both_orders_with_anonymous_or_real_labels(result):
    for protocol in j.PROTOCOLS:
        calls = result["pairwise"][protocol]["calls"]
        for qid in ("q1", "q2", "q3", "q4"):
            first, second = [c["order"] for c in calls if c["id"] == qid]
            assert second == first[::-1] and set(first) == {FT, BASE}
    blind_labels = {tuple(c["labels"]) for c in result["pairwise"]["blind"]["calls"]}
    assert blind_labels == {("System 1", "System 2")}
    pair_prompts = [p for p in result["_prompts"] if "Answer A" in p]
    assert sum("fine-tuned fhirqa" in p for p in pair_prompts) == 8  # the non-blind half only
    assert sum("(written by System 1)" in p for p in pair_prompts) == 8


def test_first_order_is_seeded_and_random():
    items = [j.Item(str(i), "q", "g", {FT: "a", BASE: "b"}) for i in range(20)]
    first = j._orders(items, (FT, BASE), seed=1)
    assert first == j._orders(items, (FT, BASE), seed=1)
    assert first != j._orders(items, (FT, BASE), seed=2)
    assert {o[0] for o in first} == {FT, BASE}


def test_pointwise_means_and_their_difference(result):
    pt = result["pointwise"]
    assert pt["blind"]["mean"][FT] == {"correctness": 3.0, "groundedness": 3.0}  # 5, 5, 1, 1
    assert pt["blind"]["mean"][BASE] == {"correctness": 2.0, "groundedness": 2.0}  # 1, 1, 5, 1
    assert pt["non_blind"]["mean"][FT]["correctness"] == 5.0
    assert pt["delta"][FT]["correctness"] == pytest.approx(2.0)
    assert pt["delta"][BASE]["groundedness"] == pytest.approx(0.0)
    blind_prompts = [c for c in pt["blind"]["calls"]]
    assert len(blind_prompts) == 4 * 2 * 2  # items × systems × criteria


def test_position_biased_judge_cancels_out_over_both_orders():
    always_a = FakeListChatModel(responses=["A"])
    out = j.run_judge(always_a, rows(FT, 2), rows(BASE, 3), (FT, BASE), SHOWN, do_pointwise=False)
    for protocol in j.PROTOCOLS:
        r = out["pairwise"][protocol]
        assert r["win_rate"] == {FT: 0.5, BASE: 0.5}
        assert r["first_position_rate"] == 1.0
        assert r["order_consistency"] == 0.0
    assert out["pairwise"]["delta"] == {FT: 0.0, BASE: 0.0}


def test_varied_replies_are_parsed_and_unparsable_ones_counted():
    replies = iter(AIMessage(t) for t in ["**A**", "B.", "I prefer answer B", "No idea, sorry."])
    out = j.run_judge(GenericFakeChatModel(messages=replies), rows(FT, 2)[:1], rows(BASE, 3)[:1], (FT, BASE),
                      SHOWN, seed=3, do_pointwise=False)
    blind, named = out["pairwise"]["blind"]["calls"], out["pairwise"]["non_blind"]["calls"]
    first = blind[0]["order"]
    assert [c["choice"] for c in blind + named] == ["A", "B", "B", None]
    assert blind[0]["winner"] == blind[1]["winner"] == first[0]
    assert named[0]["winner"] == first[1]
    assert out["pairwise"]["non_blind"]["unparsed"] == 1


@pytest.mark.parametrize("reply,choice", [
    ("A", "A"), ("B.", "B"), ("**B**", "B"), ("Tie", "tie"), ("2", "B"), ("Answer: A", "A"),
    ("I prefer B", "B"), ("B is better than A", "B"), ("A better answer is B", "B"),
    ("System 2 is better", "B"), ("Both are equally good", "tie"), ("unclear", None),
])
def test_parse_choice(reply, choice):
    assert j.parse_choice(reply) == choice


@pytest.mark.parametrize("reply,score", [("4", 4), ("Score: 3/5", 3), ("**5**", 5), ("10/10", None), ("n/a", None)])
def test_parse_score(reply, score):
    assert j.parse_score(reply) == score


def test_pair_items_needs_shared_answered_questions():
    with pytest.raises(j.InputError, match="share no question ids"):
        j.pair_items(rows(FT, 2)[:1], rows(BASE, 3)[1:], (FT, BASE))


def test_unknown_judge_names_the_options():
    with pytest.raises(ModelNotAvailable, match="module:factory"):
        j.load_judge("gpt-x")


def test_cli_judge_writes_json_and_markdown(tmp_path):
    paths = []
    for name, col in ((FT, 2), (BASE, 3)):
        (tmp_path / name).mkdir()
        p = tmp_path / name / "predictions.jsonl"
        p.write_text("".join(json.dumps(r) + "\n" for r in rows(name, col)))
        paths.append(str(p))
    result = CliRunner().invoke(app, ["judge", "--predictions", *paths, "--judge", "test_judge:scripted",
                                      "--names", ",".join(SHOWN), "--seed", "7", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "| non-blind − blind | +0.250 | -0.250 |" in result.output
    saved = json.loads((tmp_path / "judge" / "judge.json").read_text())
    assert saved["pairwise"]["non_blind"]["win_rate"][FT] == pytest.approx(7 / 8)
    assert saved["shown_as"] == {FT: SHOWN[0], BASE: SHOWN[1]}
    assert (tmp_path / "judge" / "judge.md").read_text().startswith(f"# LLM-as-judge: {FT} vs {BASE}")
