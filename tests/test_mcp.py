"""`fhirqa mcp` over stdio, driven by the MCP SDK's own client."""

from __future__ import annotations

import json
import sys

import anyio
import pytest
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from tests.conftest import ALLEN


async def session_calls(bundle, home, calls):
    """Start the server, list its tools, make the calls; (tool names, results)."""
    params = StdioServerParameters(command=sys.executable, env={"FHIRQA_HOME": str(home)}, args=[
        "-m", "fhirqa.tools.mcp_server", "--fhir", str(bundle), "--relevance", "fake", "--generator", "fake"])
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        names = [t.name for t in (await session.list_tools()).tools]
        return names, [await session.call_tool(name, args) for name, args in calls]


@pytest.fixture
def run(allen_bundle, home):
    return lambda calls: anyio.run(session_calls, allen_bundle, home, calls)


def test_lists_tools_and_answers_with_citations(run):
    names, [ask, missing, bad] = run([
        ("ask_patient_record", {"patient_id": ALLEN, "question": "Which immunization did he get?"}),
        ("get_resource", {"patient_id": ALLEN, "reference": "Immunization/nope"}),
        ("ask_patient_record", {"patient_id": "no-such-patient", "question": "Which immunization?"}),
    ])
    assert sorted(names) == ["ask_patient_record", "find_relevant_resources", "get_resource"]
    out = ask.structured_content
    assert not ask.is_error and out["answer"].startswith("Latest: Immunization")
    assert out["citations"][0].startswith("Immunization/") and set(out["citations"]) <= set(out["relevant"])
    assert json.loads(ask.content[0].text) == out
    assert missing.is_error and "Immunization/nope" in missing.content[0].text
    assert bad.is_error and "not found" in bad.content[0].text


def test_relevant_then_resource(run):
    _, [rel, res] = run([
        ("find_relevant_resources", {"patient_id": ALLEN, "question": "Which immunization did he get?"}),
        ("get_resource", {"patient_id": ALLEN, "reference": "Patient/" + ALLEN}),
    ])
    rows = rel.structured_content["resources"]
    assert rows and all(r["reference"].startswith("Immunization/") or r["reference"].startswith("Condition/") for r in rows)
    assert res.structured_content["resource"]["id"] == ALLEN and res.structured_content["line"].startswith("Patient")
