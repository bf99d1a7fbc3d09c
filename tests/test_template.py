from fhirqa.agent.pipeline import Pipeline
from fhirqa.backends.fake import FakeRelevance
from fhirqa.backends.template import TemplateGenerator
from fhirqa.config import Settings
from fhirqa.fields import day
from fhirqa.records import FileSource

from tests.conftest import ALLEN


def test_template_states_latest_value_and_cites_it(allen_bundle, home):
    p = Pipeline(FileSource(allen_bundle), FakeRelevance(), TemplateGenerator(), Settings(home=home))
    r = p.ask("What was his most recent glucose?", ALLEN)
    rec = p.record(ALLEN)
    latest = max((rec.by_ref[x] for x in r.relevant), key=day)
    assert r.citations == [f"Observation/{latest['id']}"]
    assert day(latest) in r.answer and str(latest["valueQuantity"]["value"])[:4] in r.answer


def test_template_counts(allen_bundle, home):
    p = Pipeline(FileSource(allen_bundle), FakeRelevance(), TemplateGenerator(), Settings(home=home))
    r = p.ask("How many glucose tests did he have?", ALLEN)
    assert r.answer.startswith(f"{len(r.relevant)} in all from ")
