from langchain_core.language_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from fhirqa.agent.pipeline import Pipeline
from fhirqa.backends.chat import ChatGenerator
from fhirqa.backends.fake import FakeRelevance
from fhirqa.config import Settings
from fhirqa.records import FileSource

from tests.conftest import ALLEN


def test_any_chat_model_answers_and_cites_the_numbered_lines(allen_bundle, home):
    model = GenericFakeChatModel(messages=iter([AIMessage("His 2015 glucose was on record [1].")]))
    p = Pipeline(FileSource(allen_bundle), FakeRelevance(), ChatGenerator(model), Settings(home=home))
    r = p.ask("glucose in 2015", ALLEN)
    assert len(r.relevant) == 1 and r.citations == r.relevant
    assert r.answer == "His 2015 glucose was on record [1]."


def test_chat_model_factory_from_environment(home, monkeypatch):
    from fhirqa.backends.chat import chat_model
    from fhirqa.errors import ModelNotAvailable
    import pytest

    monkeypatch.setenv("FHIRQA_CHAT_MODEL", "no_such_module:factory")
    with pytest.raises(ModelNotAvailable):
        chat_model(Settings(home=home))
