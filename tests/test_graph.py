"""The compiled graph and Pipeline with scripted (fake) models and a counting source."""

import pytest

from fhirqa.agent.pipeline import Pipeline
from fhirqa.backends.fake import EchoGenerator, FakeRelevance
from fhirqa.config import Settings
from fhirqa.errors import EmptyQuestion
from fhirqa.fields import day
from fhirqa.records import FileSource

from tests.conftest import ALLEN


class CountingSource:
    """A real FileSource that counts fetches."""

    def __init__(self, path):
        self.inner, self.fetches, self.name = FileSource(path), 0, str(path)

    def patients(self):
        return self.inner.patients()

    def fetch(self, patient):
        self.fetches += 1
        return self.inner.fetch(patient)


@pytest.fixture
def pipe(allen_bundle, home):
    return Pipeline(CountingSource(allen_bundle), FakeRelevance(), EchoGenerator(), Settings(home=home))


def test_vaccine_question_keeps_only_immunizations_and_cites_them(pipe):
    r = pipe.ask("Which influenza vaccine did he get in 2019?", ALLEN)
    rec = pipe.record(ALLEN)
    assert r.relevant and all(x.startswith("Immunization/") for x in r.relevant)
    assert all(day(rec.by_ref[x]).startswith("2019") for x in r.relevant)
    assert r.citations and set(r.citations) <= set(r.relevant)
    assert set(r.timings) == {"fetch_s", "relevance_s", "generate_s"}


def test_nothing_relevant_says_so_without_calling_the_generator(pipe):
    r = pipe.ask("What did the chemotherapy xyzzy show?", ALLEN)
    assert r.relevant == [] and r.citations == []
    assert r.answer.startswith("The record holds no information about")
    assert pipe.context.generator.calls == []


def test_empty_question_is_rejected(pipe):
    with pytest.raises(EmptyQuestion):
        pipe.ask("   ", ALLEN)


def test_session_persists_history_and_fetches_record_once(allen_bundle, home):
    src = CountingSource(allen_bundle)
    first = Pipeline(src, FakeRelevance(), EchoGenerator(), Settings(home=home))
    a = first.ask("glucose in 2015", ALLEN, session="s1")
    assert len(a.relevant) == 1
    # a new process: same FHIRQA_HOME, new pipeline objects
    gen = EchoGenerator()
    second = Pipeline(src, FakeRelevance(), gen, Settings(home=home))
    b = second.ask("and before that?", ALLEN, session="s1")
    assert src.fetches == 1
    rec = first.record(ALLEN)
    before = {day(rec.by_ref[x]) for x in b.relevant}
    assert b.relevant and max(before) < day(rec.by_ref[a.citations[0]])
    assert all(rec.by_ref[x]["code"]["coding"][0]["code"] == "2339-0" for x in b.relevant)
    assert gen.calls[-1][2] == 1  # the generator saw the earlier turn
    assert [t.question for t in second.history("s1")] == ["glucose in 2015", "and before that?"]
    assert second.session_patient("s1") == ALLEN


def test_task_modes(pipe):
    rec = pipe.record(ALLEN)
    refs = pipe.relevant("glucose in 2015", ALLEN)
    assert len(refs) == 1 and refs[0].startswith("Observation/")
    r = pipe.answer("glucose in 2015", rec, refs)
    assert r.citations == refs


def test_a_question_partly_in_spanish_reaches_the_answer_model_in_english(pipe):
    r = pipe.ask("cuándo fue la última vez que le checaron la presión a mi papá?", ALLEN)
    assert r.relevant
    asked = pipe.context.generator.calls[-1][0]
    assert asked == "when was the last time that checked the blood pressure my dad?"
