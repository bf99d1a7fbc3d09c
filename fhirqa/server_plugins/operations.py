"""FHIR resources of the sidecar: Parameters in and out, OperationOutcome, the $ask OperationDefinition."""

from __future__ import annotations

from datetime import date

from ..agent.result import AskResult
from ..errors import InputError

FHIR_JSON = "application/fhir+json"


def read_parameters(body: object) -> tuple[str, str | None]:
    """(question, session) from a `Parameters` body; InputError when it is not one."""
    if not isinstance(body, dict) or body.get("resourceType") != "Parameters":
        raise InputError("the body must be a FHIR Parameters resource with a 'question' valueString")
    found: dict[str, str] = {}
    for p in body.get("parameter") or []:
        if not isinstance(p, dict) or p.get("name") not in ("question", "session"):
            continue
        if not isinstance(p.get("valueString"), str):
            raise InputError(f"parameter {p['name']!r} must be a valueString")
        found[p["name"]] = p["valueString"]
    return found.get("question", ""), found.get("session")


def answer_parameters(result: AskResult, session: str | None = None) -> dict:
    """The `Parameters` $ask returns: answer, one citation per cited resource, the relevant ones."""
    params = [{"name": "answer", "valueString": result.answer}]
    params += [{"name": "citation", "valueReference": {"reference": r}} for r in result.citations]
    params += [{"name": "relevant", "valueReference": {"reference": r}} for r in result.relevant]
    if session:
        params.append({"name": "session", "valueString": session})
    return {"resourceType": "Parameters", "parameter": params}


def outcome(message: str, code: str = "processing", severity: str = "error") -> dict:
    """An OperationOutcome with one issue."""
    return {"resourceType": "OperationOutcome",
            "issue": [{"severity": severity, "code": code, "diagnostics": message}]}


def _param(name: str, use: str, min_: int, max_: str, type_: str, doc: str) -> dict:
    return {"name": name, "use": use, "min": min_, "max": max_, "type": type_, "documentation": doc}


def operation_definition(base: str) -> dict:
    """The OperationDefinition of Patient/[id]/$ask."""
    return {
        "resourceType": "OperationDefinition", "id": "ask", "url": f"{base}/OperationDefinition/ask",
        "name": "Ask", "title": "Answer a question about the patient's record, citing resources",
        "status": "active", "kind": "operation", "code": "ask", "resource": ["Patient"],
        "system": False, "type": False, "instance": True, "affectsState": False,
        "parameter": [
            _param("question", "in", 1, "1", "string", "The question, in words."),
            _param("session", "in", 0, "1", "string", "A conversation id; follow-ups see earlier turns."),
            _param("answer", "out", 1, "1", "string", "The answer."),
            _param("citation", "out", 0, "*", "Reference", "A resource the answer comes from."),
            _param("relevant", "out", 0, "*", "Reference", "A resource judged relevant to the question."),
            _param("session", "out", 0, "1", "string", "The conversation id, when one was given."),
        ],
    }


def capability_statement(base: str) -> dict:
    """What the sidecar serves: the $ask operation on Patient instances, nothing else."""
    return {
        "resourceType": "CapabilityStatement", "status": "active", "date": date.today().isoformat(),
        "kind": "instance", "fhirVersion": "4.0.1", "format": ["json"],
        "software": {"name": "fhirqa sidecar"},
        "implementation": {"description": "Question answering beside a FHIR server", "url": base},
        "rest": [{"mode": "server", "resource": [{
            "type": "Patient",
            "operation": [{"name": "ask", "definition": f"{base}/OperationDefinition/ask"}],
        }]}],
    }
