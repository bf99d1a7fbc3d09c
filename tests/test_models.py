"""The default models load offline from their wheels and answer on a real Synthea record."""

import pytest

from fhirqa.agent.pipeline import Pipeline
from fhirqa.config import Settings
from fhirqa.models import load_generator, load_relevance
from fhirqa.records import FileSource

from tests.conftest import ALLEN

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def pipe(allen_bundle, model_home):
    settings = Settings(home=model_home)
    return Pipeline(FileSource(allen_bundle), load_relevance("default", settings),
                    load_generator("default", settings), settings)


def test_smollm_converted_once_to_safetensors(pipe, model_home):
    assert (model_home / "models" / "SmolLM2-135M-Instruct" / "model.safetensors").exists()


def test_vaccine_question_cites_only_immunizations(pipe):
    r = pipe.ask("Which vaccines has he received?", ALLEN)
    rec = pipe.record(ALLEN)
    immunizations = {x for x in rec.by_ref if x.startswith("Immunization/")}
    assert set(r.relevant) == immunizations
    assert r.citations and set(r.citations) <= immunizations
    assert r.answer.strip()


def test_lab_question_keeps_that_lab_only(pipe):
    refs = pipe.relevant("What was his last HbA1c?", ALLEN)
    rec = pipe.record(ALLEN)
    codes = {rec.by_ref[x]["code"]["coding"][0]["code"] for x in refs}
    assert codes == {"4548-4"}


def test_embedding_scores_are_probabilities(pipe):
    rec = pipe.record(ALLEN)
    scores = pipe.context.relevance.score("latest blood pressure", rec.resources)
    assert len(scores) == len(rec.resources) and all(0.0 <= s <= 1.0 for s in scores)
    assert max(scores) >= 0.5 > min(scores)


def test_llm_per_resource_baseline_scores_probabilities(pipe, model_home):
    from fhirqa.backends.llm_per_resource import LLMPerResource

    gen = pipe.context.generator.sentence  # the default answer's model (its facts line follows it)
    clf = LLMPerResource(gen.tokenizer, gen.model)
    rec = pipe.record(ALLEN)
    some = [r for r in rec.resources if r["resourceType"] == "Immunization"][:2] + rec.resources[1:3]
    scores = clf.score("Which vaccines has he received?", some)
    assert len(scores) == 4 and all(0.0 < s < 1.0 for s in scores)
