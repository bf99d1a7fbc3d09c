"""`fhirqa mcp`: an MCP server (stdio) exposing ask_patient_record, find_relevant_resources and get_resource.

    python -m fhirqa.tools.mcp_server --fhir bundle.json --relevance fake --generator fake
"""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field

from ..errors import FhirqaError
from .langchain_tools import PipelineOrFactory, RecordTools

PatientId = Annotated[str, Field(description="FHIR Patient id whose record to read")]
Question = Annotated[str, Field(description="The question about the patient, in words")]
Reference = Annotated[str, Field(description="The resource as Type/id, e.g. 'Immunization/9ee524ed-...'")]


class AskOut(BaseModel):
    answer: str = Field(description="The answer")
    citations: list[str] = Field(description="Type/id of every resource the answer comes from")
    relevant: list[str] = Field(description="Type/id of every resource judged relevant")


class RelevantOut(BaseModel):
    resources: list[dict[str, str]] = Field(description="{reference, line} per relevant resource")


class ResourceOut(BaseModel):
    reference: str
    line: str = Field(description="The one-line rendering every fhirqa model sees")
    resource: dict[str, Any] = Field(description="The FHIR resource as stored")


async def _call(fn, *args):
    """Run a blocking pipeline call off the event loop; fhirqa errors become tool errors the model reads."""
    try:
        return await anyio.to_thread.run_sync(fn, *args)
    except FhirqaError as e:
        raise ToolError(f"Error: {e}") from None


def build_server(pipeline: PipelineOrFactory) -> MCPServer:
    """The MCP server over one pipeline (or a factory building it on the first call)."""
    ops = RecordTools(pipeline)
    server = MCPServer("fhirqa", instructions="Answers questions about a patient's FHIR R4 record, citing resources.")

    @server.tool(description="Answer a question about one patient's FHIR record, citing the resources (Type/id).")
    async def ask_patient_record(patient_id: PatientId, question: Question) -> AskOut:
        return AskOut(**await _call(ops.ask, patient_id, question))

    @server.tool(description="List the resources of the patient's record relevant to a question, one line each.")
    async def find_relevant_resources(patient_id: PatientId, question: Question) -> RelevantOut:
        return RelevantOut(resources=await _call(ops.relevant, patient_id, question))

    @server.tool(description="Read one resource (Type/id) of the patient's record: its summary line and FHIR JSON.")
    async def get_resource(patient_id: PatientId, reference: Reference) -> ResourceOut:
        return ResourceOut(**await _call(ops.resource, patient_id, reference))

    return server


if __name__ == "__main__":
    from .cli import app

    app()
