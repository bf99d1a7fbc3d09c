"""LangChain tools over the pipeline, driven by a scripted tool-calling agent; the graph as a subgraph."""

from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode, tools_condition

from fhirqa.agent.pipeline import Pipeline
from fhirqa.agent.state import Context, QAState
from fhirqa.backends.fake import EchoGenerator, FakeRelevance
from fhirqa.config import Settings
from fhirqa.records import FileSource
from fhirqa.tools.langchain_tools import as_subgraph, make_tools
from tests.conftest import ALLEN

QUESTION = "Which immunization did he get?"


class ScriptedToolModel(GenericFakeChatModel):
    """GenericFakeChatModel that accepts bind_tools: its scripted messages already carry the tool calls."""

    def bind_tools(self, tools, **kwargs):
        return self


@pytest.fixture
def pipeline(allen_bundle, home):
    return Pipeline(FileSource(allen_bundle), FakeRelevance(), EchoGenerator(), Settings())


@pytest.fixture
def tools(pipeline):
    return {t.name: t for t in make_tools(pipeline)}


def agent(model, tools):
    """The usual tool-calling loop: model → tools → model until it stops calling tools."""
    g = StateGraph(MessagesState)
    g.add_node("model", lambda s: {"messages": [model.bind_tools(tools).invoke(s["messages"])]})
    g.add_node("tools", ToolNode(tools))
    g.add_edge(START, "model")
    g.add_conditional_edges("model", tools_condition, ["tools", END])
    g.add_edge("tools", "model")
    return g.compile()


def test_agent_calls_ask_patient_record_and_gets_a_cited_answer(tools):
    call = {"name": "ask_patient_record", "args": {"patient_id": ALLEN, "question": QUESTION}, "id": "c1"}
    model = ScriptedToolModel(messages=iter([AIMessage("", tool_calls=[call]), AIMessage("He had a COVID-19 shot.")]))
    out = agent(model, list(tools.values())).invoke({"messages": [HumanMessage("What vaccines did Allen get?")]})
    [reply] = [m for m in out["messages"] if isinstance(m, ToolMessage)]
    assert reply.name == "ask_patient_record" and reply.status == "success"
    assert "Sources: Immunization/" in reply.content and reply.content.startswith("Latest: Immunization")
    assert reply.artifact["citations"] and set(reply.artifact["citations"]) <= set(reply.artifact["relevant"])
    assert out["messages"][-1].content == "He had a COVID-19 shot."


def test_find_relevant_then_get_resource(tools, pipeline):
    rows = tools["find_relevant_resources"].invoke({"patient_id": ALLEN, "question": QUESTION})
    first = rows.splitlines()[0].split(": ", 1)[0]
    assert first in pipeline.record(ALLEN).by_ref and "Immunization/" in rows
    msg = tools["get_resource"].invoke({"type": "tool_call", "id": "g1", "name": "get_resource",
                                        "args": {"patient_id": ALLEN, "reference": first}})
    line, raw = msg.content.split("\n", 1)
    assert json.loads(raw)["id"] == first.split("/")[1] and line == msg.artifact["line"]


def test_tool_errors_reach_the_model_as_text(tools):
    out = tools["get_resource"].invoke({"patient_id": ALLEN, "reference": "Immunization/nope"})
    assert out.startswith("Error: ") and "Immunization/nope" in out
    assert tools["ask_patient_record"].invoke({"patient_id": "bad id", "question": "x"}).startswith("Error: malformed")


def test_factory_is_built_once_on_first_use(pipeline):
    built = []
    tools = make_tools(lambda: built.append(1) or pipeline)
    assert built == []
    tools[0].invoke({"patient_id": ALLEN, "question": QUESTION})
    tools[1].invoke({"patient_id": ALLEN, "question": QUESTION})
    assert built == [1]


def test_graph_composes_as_a_subgraph_node(allen_bundle, home):
    parent = StateGraph(QAState, context_schema=Context)
    parent.add_node("normalize", lambda s: {"question": s["question"].strip().rstrip("!") + "?"})
    parent.add_node("qa", as_subgraph())
    parent.add_node("sign", lambda s: {"answer": s["answer"] + " (from the patient record)"})
    parent.add_edge(START, "normalize")
    parent.add_edge("normalize", "qa")
    parent.add_edge("qa", "sign")
    parent.add_edge("sign", END)
    ctx = Context(FileSource(allen_bundle), FakeRelevance(), EchoGenerator(), Settings())
    out = parent.compile().invoke({"question": f"  {QUESTION[:-1]}!", "patient": ALLEN, "history": []}, context=ctx)
    assert out["answer"].endswith("(from the patient record)") and out["citations"][0].startswith("Immunization/")
    assert ctx.generator.calls[0][0] == QUESTION
