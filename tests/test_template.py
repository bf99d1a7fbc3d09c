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


def test_a_request_for_any_items_is_a_list_not_a_yes():
    plan = {"resourceType": "CarePlan", "id": "c1", "status": "completed", "period": {"start": "2013-02-06"},
            "category": [{"text": "Respiratory therapy"}]}
    t = TemplateGenerator()
    assert not t.generate("Please identify any care plans initiated for the claimant.", [plan]).text.startswith("Yes.")
    assert t.generate("any care plans?", [plan]).text.startswith("Yes.")
