"""LangChain tools over one `Pipeline`: ask a patient's record, find relevant resources, read one resource.

`RecordTools` holds the three operations as plain functions (the MCP server exposes the same ones);
`make_tools` wraps them as LangChain `StructuredTool`s whose content is text for the model and whose
artifact is the structured result. `as_subgraph` is the compiled pipeline graph, ready to be a node.
"""

from __future__ import annotations

import json
import threading
from typing import Callable, Union

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import BaseModel, Field

from ..agent.graph import build_graph
from ..agent.pipeline import Pipeline
from ..errors import FhirqaError
from ..render import render

PipelineOrFactory = Union[Pipeline, Callable[[], Pipeline]]


class AskArgs(BaseModel):
    patient_id: str = Field(description="FHIR Patient id whose record to read, e.g. 'ad134528-56a5-35fd-c37f-466ff119c625'")
    question: str = Field(description="The question about the patient, in words, e.g. 'What was her last HbA1c?'")


class ResourceArgs(BaseModel):
    patient_id: str = Field(description="FHIR Patient id whose record holds the resource")
    reference: str = Field(description="The resource as Type/id, e.g. 'Immunization/9ee524ed-...'")


class RecordTools:
    """The three record operations as plain functions returning JSON-ready dicts."""

    def __init__(self, pipeline: PipelineOrFactory) -> None:
        self._pipeline, self._lock = pipeline, threading.Lock()

    @property
    def pipeline(self) -> Pipeline:
        """The pipeline, built on first use when a factory was given (models load once)."""
        with self._lock:
            if not isinstance(self._pipeline, Pipeline):
                self._pipeline = self._pipeline()
            return self._pipeline

    def ask(self, patient_id: str, question: str) -> dict:
        """{"answer", "citations", "relevant"} for one question."""
        result = self.pipeline.ask(question, patient_id)
        return {"answer": result.answer, "citations": result.citations, "relevant": result.relevant}

    def relevant(self, patient_id: str, question: str) -> list[dict]:
        """[{"reference", "line"}] of the resources relevant to the question."""
        record = self.pipeline.record(patient_id)
        return [{"reference": r, "line": render(record.by_ref[r])}
                for r in self.pipeline.relevant(question, patient_id)]

    def resource(self, patient_id: str, reference: str) -> dict:
        """{"reference", "line", "resource"} of one resource of the patient's record."""
        record = self.pipeline.record(patient_id)
        found = record.by_ref.get(reference.strip())
        if found is None:
            raise FhirqaError(f"{reference!r} is not in patient {record.patient}'s record")
        return {"reference": reference.strip(), "line": render(found), "resource": found}


def answer_text(out: dict) -> str:
    """The answer followed by its sources, as the calling model reads it."""
    return out["answer"] + ("\nSources: " + ", ".join(out["citations"]) if out["citations"] else "")


def _tool(fn: Callable, name: str, description: str, args: type[BaseModel], text: Callable) -> StructuredTool:
    def run(**kwargs):
        try:
            out = fn(**kwargs)
        except FhirqaError as e:
            raise ToolException(f"Error: {e}") from None
        return text(out), out

    return StructuredTool.from_function(run, name=name, description=description, args_schema=args,
                                        response_format="content_and_artifact", handle_tool_error=True)


def make_tools(pipeline: PipelineOrFactory) -> list[BaseTool]:
    """[ask_patient_record, find_relevant_resources, get_resource] over one pipeline (or a factory of one)."""
    ops = RecordTools(pipeline)
    return [
        _tool(ops.ask, "ask_patient_record",
              "Answer a question about one patient's FHIR record; the answer cites the resources (Type/id) it "
              "comes from. Use for any clinical question about the patient.", AskArgs, answer_text),
        _tool(ops.relevant, "find_relevant_resources",
              "List the resources of the patient's record relevant to a question, one rendered line each.",
              AskArgs, lambda rows: "\n".join(f"{r['reference']}: {r['line']}" for r in rows) or "none"),
        _tool(ops.resource, "get_resource",
              "Read one resource (Type/id) of the patient's record: its one-line summary and its FHIR JSON.",
              ResourceArgs, lambda r: r["line"] + "\n" + json.dumps(r["resource"], sort_keys=True)),
    ]


def as_subgraph(checkpointer=None):
    """The compiled pipeline graph, usable as a node of a parent StateGraph over `QAState` keys.

    The parent must share the state keys it passes (`question`, `patient`, ...) and be invoked with
    `context=fhirqa.agent.state.Context(source, relevance, generator, settings)`.
    """
    return build_graph(checkpointer=checkpointer)
