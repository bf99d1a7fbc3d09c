"""The compiled LangGraph pipeline: fetch_record → classify_relevance → generate_answer | no_information."""

from __future__ import annotations

from langgraph.graph import END, START, StateGraph

from .nodes import classify_relevance, fetch_record, generate_answer, no_information, route_after_relevance
from .state import Context, QAState


def build_graph(checkpointer=None):
    """The compiled graph; pass a checkpointer for conversations that persist."""
    g = StateGraph(QAState, context_schema=Context)
    g.add_node("fetch_record", fetch_record)
    g.add_node("classify_relevance", classify_relevance)
    g.add_node("generate_answer", generate_answer)
    g.add_node("no_information", no_information)
    g.add_edge(START, "fetch_record")
    g.add_edge("fetch_record", "classify_relevance")
    g.add_conditional_edges("classify_relevance", route_after_relevance, ["generate_answer", "no_information"])
    g.add_edge("generate_answer", END)
    g.add_edge("no_information", END)
    return g.compile(checkpointer=checkpointer)
