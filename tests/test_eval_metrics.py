"""Evaluation metrics against hand-computed values; METEOR against nltk's documented example with real WordNet."""

from __future__ import annotations

from pathlib import Path

import pytest

from fhirqa.errors import ModelNotAvailable
from fhirqa.eval import metrics, wordnet
from fhirqa.eval.metrics import Counts


# ---- task 1 ----

def test_counts_precision_recall_f1_by_hand():
    c = metrics.set_counts(["O/a", "O/b", "O/c"], ["O/a", "O/b", "O/d"], universe=["O/a", "O/b", "O/c", "O/d", "O/e"])
    assert (c.tp, c.fp, c.fn, c.tn) == (2, 1, 1, 1)
    assert metrics.precision(c) == pytest.approx(2 / 3)
    assert metrics.recall(c) == pytest.approx(2 / 3)
    assert metrics.f1(c) == pytest.approx(2 / 3)


def test_empty_gold_and_empty_prediction_is_perfect():
    c = metrics.set_counts([], [])
    assert (metrics.precision(c), metrics.recall(c), metrics.f1(c)) == (1.0, 1.0, 1.0)


def test_empty_prediction_with_gold_and_prediction_without_gold_score_zero():
    missed = metrics.set_counts([], ["O/a"])
    invented = metrics.set_counts(["O/a"], [])
    assert (metrics.precision(missed), metrics.recall(missed), metrics.f1(missed)) == (0.0, 0.0, 0.0)
    assert (metrics.precision(invented), metrics.recall(invented), metrics.f1(invented)) == (0.0, 0.0, 0.0)


def test_micro_sums_pairs_and_macro_averages_questions():
    per_question = [
        metrics.set_counts(["a", "b", "c"], ["a", "b", "d"]),  # tp 2 fp 1 fn 1, F1 2/3
        metrics.set_counts([], []),                          # F1 1.0
        metrics.set_counts(["x"], ["y", "z"]),               # tp 0 fp 1 fn 2, F1 0
    ]
    s = metrics.task1_summary(per_question)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 2, 3)
    assert s["precision"] == pytest.approx(2 / 4)
    assert s["recall"] == pytest.approx(2 / 5)
    assert s["micro_f1"] == pytest.approx(4 / 9)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 1 + 0) / 3)


def test_counts_add():
    assert Counts(1, 2, 3, 4) + Counts(1, 1, 1, 1) == Counts(2, 3, 4, 5)


# ---- ROUGE-L ----

def test_lcs_length_classic_example():
    assert metrics.lcs_length(list("ABCBDAB"), list("BDCABA")) == 4
    assert metrics.lcs_length([], ["a"]) == 0


def test_rouge_l_by_hand():
    # LCS "the cat on the mat" = 5 of 6 tokens on both sides.
    assert metrics.rouge_l("The cat sat on the mat", "the cat is on the mat") == pytest.approx(5 / 6)
    # LCS 3: P = 3/5, R = 3/3, F = 2·0.6·1 / 1.6 = 0.75.
    assert metrics.rouge_l("a b c d e", "a c e") == pytest.approx(0.75)
    assert metrics.rouge_l("nothing shared", "other words") == 0.0


def test_rouge_l_ignores_citations_case_and_punctuation():
    assert metrics.rouge_l("HbA1c was 5.8 % [Observation/o-1].", "hba1c was 5.8") == 1.0


def test_tokens_keep_numbers_and_dates_whole():
    assert metrics.tokens("On 2020-01-05, HbA1c was 5.8% (Observation/abc).") == ["on", "2020-01-05", "hba1c",
                                                                                  "was", "5.8"]


# ---- fact recall ----

@pytest.mark.parametrize("written", [
    "2020-01-05", "2020-01-05T08:30:00Z", "2020/01/05", "01/05/2020", "05.01.2020", "5 January 2020",
    "5th Jan 2020", "January 5, 2020", "Jan. 5 2020",
])
def test_dates_in_any_format_normalise_to_iso(written):
    assert metrics.facts(f"seen on {written}.") == {"2020-01-05"}


def test_day_first_when_month_would_be_impossible():
    assert metrics.facts("13/01/2020") == {"2020-01-13"}
    assert metrics.facts("31/02/2020") == {"31", "2", "2020"}  # not a date: three numbers


def test_numbers_normalised():
    assert metrics.facts("1,250.50 mg, 7.0 units, 0.50, 007, HbA1c") == {"1250.5", "7", "0.5"}
    assert metrics.facts("see [Observation/123] and MedicationRequest/9") == set()


def test_fact_recall_by_hand():
    gold = "HbA1c was 5.80 % on 2020-01-05; weight 1,250 g."
    assert metrics.fact_recall("It was 5.8% on January 5, 2020.", gold) == pytest.approx(2 / 3)
    assert metrics.fact_recall("5.8, 05/01/2020 hmm no: 01/05/2020, 1250", gold) == 1.0
    assert metrics.fact_recall("no numbers", "The record holds no information about this.") is None


# ---- aggregates ----

def test_percentile_interpolates_like_numpy():
    assert metrics.percentile([4.0, 1.0, 3.0, 2.0], 50) == pytest.approx(2.5)
    assert metrics.percentile([1.0, 2.0, 3.0, 4.0], 95) == pytest.approx(3.85)
    assert metrics.percentile([], 50) is None


def test_mean_skips_none():
    assert metrics.mean([1.0, None, 0.0]) == 0.5
    assert metrics.mean([None]) is None


# ---- WordNet and METEOR ----

def test_lexnames_has_45_numbered_lines_in_wordnet_order():
    lines = wordnet.lexnames_text().splitlines()
    assert len(lines) == 45
    assert lines[0] == "00\tadj.all\t3"
    assert lines[3] == "03\tnoun.Tops\t1"
    assert lines[29] == "29\tverb.body\t2"
    assert lines[44] == "44\tadj.ppl\t3"


def test_missing_wordnet_names_the_fix(tmp_path):
    with pytest.raises(ModelNotAvailable, match="setup_wordnet.sh"):
        wordnet.prepare(tmp_path / "nltk", source=tmp_path / "absent")


@pytest.fixture(scope="module")
def wn(tmp_path_factory):
    if not wordnet.DEBIAN_WORDNET.is_dir():
        pytest.fail("WordNet is not installed: run scripts/setup_wordnet.sh "
                    "(apt-get install -y wordnet-base wordnet-sense-index)")
    return wordnet.load(tmp_path_factory.mktemp("nltk"))


def test_prepare_copies_files_and_is_idempotent(wn, tmp_path):
    folder = wordnet.prepare(tmp_path)
    assert wordnet.is_ready(folder)
    assert not any(p.is_symlink() for p in folder.iterdir())
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert wordnet.prepare(tmp_path) == folder
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps


def test_meteor_on_nltks_documented_example(wn):
    from nltk.translate.meteor_score import single_meteor_score

    hypothesis = ['It', 'is', 'a', 'guide', 'to', 'action', 'which', 'ensures', 'that', 'the', 'military',
                  'always', 'obeys', 'the', 'commands', 'of', 'the', 'party']
    reference = ['It', 'is', 'a', 'guide', 'to', 'action', 'that', 'ensures', 'that', 'the', 'military', 'will',
                 'forever', 'heed', 'Party', 'commands']
    assert round(single_meteor_score(reference, hypothesis, wordnet=wn), 4) == 0.6944
    assert round(metrics.meteor(" ".join(hypothesis), " ".join(reference), wn), 4) == 0.6944


def test_meteor_uses_wordnet_synonyms(wn):
    # "auto" matches "car" only through WordNet: 4 matches in one chunk, penalty 0.5·(1/4)³.
    assert metrics.meteor("the auto is red", "the car is red", wn) == pytest.approx(1 - 0.5 * (1 / 4) ** 3)

    class NoSynonyms:
        def synsets(self, word):
            return []

    # Without synonyms: 3 matches in 2 chunks, F = 3/4, penalty 0.5·(2/3)³.
    assert metrics.meteor("the auto is red", "the car is red", NoSynonyms()) == pytest.approx(
        0.75 * (1 - 0.5 * (2 / 3) ** 3))


def test_setup_script_writes_the_same_lexnames(tmp_path):
    import subprocess

    script = Path(__file__).parents[1] / "scripts" / "setup_wordnet.sh"
    if not wordnet.DEBIAN_WORDNET.is_dir():
        pytest.fail("WordNet is not installed: run scripts/setup_wordnet.sh")
    subprocess.run(["bash", str(script)], env={"FHIRQA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
                   check=True, capture_output=True)
    folder = tmp_path / "nltk_data" / "corpora" / "wordnet"
    assert (folder / "lexnames").read_text() == wordnet.lexnames_text()
    assert wordnet.is_ready(folder)
