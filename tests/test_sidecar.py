"""The sidecar beside a real sekmet-fhir server: $ask by POST and GET, errors as OperationOutcomes, saturation."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
import uvicorn
from fhirpy import SyncFHIRClient
from starlette.testclient import TestClient

from fhirqa.backends.fake import EchoGenerator, FakeRelevance
from fhirqa.config import Settings
from fhirqa.fhir import ServerSource
from fhirqa.server_plugins.app import create_app
from tests.conftest import ALLEN
from tests.conftest_server import free_port, outcome

pytestmark = pytest.mark.server
QUESTION = "Which immunization did he get?"


def params(question: str, session: str | None = None) -> dict:
    p = [{"name": "question", "valueString": question}]
    if session:
        p.append({"name": "session", "valueString": session})
    return {"resourceType": "Parameters", "parameter": p}


def values(body: dict, name: str) -> list:
    return [p.get("valueString") or p["valueReference"]["reference"] for p in body["parameter"] if p["name"] == name]


class GatedGenerator(EchoGenerator):
    """Blocks inside generate() until released, so a test can hold a question slot."""

    def __init__(self) -> None:
        super().__init__()
        self.entered, self.release = threading.Event(), threading.Event()

    def generate(self, question, resources, history=()):
        self.entered.set()
        assert self.release.wait(30)
        return super().generate(question, resources, history)


def make_app(upstream: str, generator=None, max_concurrent: int = 2, home=None):
    settings = Settings(home=home) if home else Settings()
    return create_app(upstream, FakeRelevance(), generator or EchoGenerator(), settings, max_concurrent)


class Uvicorn:
    """The app served by a real uvicorn on a free loopback port, in a thread."""

    def __init__(self, app) -> None:
        port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.base = f"http://127.0.0.1:{port}/fhir"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(5)


@pytest.fixture
def client(loaded_server, home):
    with TestClient(make_app(loaded_server[0], home=home)) as c:
        yield c


@pytest.fixture(scope="module")
def allen_refs(loaded_server) -> set[str]:
    return set(ServerSource(loaded_server[0]).fetch(ALLEN).by_ref)


def test_post_ask_answers_citing_only_that_patients_resources(client, allen_refs):
    r = client.post(f"/fhir/Patient/{ALLEN}/$ask", json=params(QUESTION))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    body = r.json()
    assert body["resourceType"] == "Parameters" and values(body, "answer")[0].startswith("Latest: ")
    cites, relevant = values(body, "citation"), values(body, "relevant")
    assert cites and all(c.startswith("Immunization/") for c in cites)
    assert set(cites) <= set(relevant) <= allen_refs


def test_session_follow_up_keeps_the_conversation(client):
    first = client.post(f"/fhir/Patient/{ALLEN}/$ask", json=params(QUESTION, "s1")).json()
    second = client.get(f"/fhir/Patient/{ALLEN}/$ask", params={"question": "and before that?", "session": "s1"})
    assert second.status_code == 200 and values(first, "session") == values(second.json(), "session") == ["s1"]
    assert client.app.state.asker.generator.calls[-1][2] == 1  # one earlier turn reached the generator


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_patient_is_404_outcome(client, method):
    path = "/fhir/Patient/no-such-patient/$ask"
    r = client.get(path, params={"question": QUESTION}) if method == "get" else client.post(path, json=params(QUESTION))
    assert r.status_code == 404 and r.json()["resourceType"] == "OperationOutcome"
    assert "no-such-patient" in r.json()["issue"][0]["diagnostics"]


@pytest.mark.parametrize("path,body", [
    (f"/fhir/Patient/{ALLEN}/$ask", params("   ")),
    (f"/fhir/Patient/{ALLEN}/$ask", {"resourceType": "Patient"}),
    (f"/fhir/Patient/{ALLEN}/$ask", {"resourceType": "Parameters", "parameter": [{"name": "question", "valueInteger": 3}]}),
    ("/fhir/Patient/bad_id!/$ask", params(QUESTION)),
])
def test_bad_requests_are_400_outcomes(client, path, body):
    r = client.post(path, json=body)
    assert r.status_code == 400 and r.json()["issue"][0]["code"] == "invalid"


def test_metadata_declares_the_operation(client):
    cap = client.get("/fhir/metadata").json()
    [patient] = cap["rest"][0]["resource"]
    [op] = patient["operation"]
    assert cap["resourceType"] == "CapabilityStatement" and op["name"] == "ask"
    assert op["definition"].endswith("/fhir/OperationDefinition/ask")
    opdef = client.get("/fhir/OperationDefinition/ask").json()
    assert opdef["url"] == op["definition"] and opdef["instance"] and opdef["resource"] == ["Patient"]
    assert {p["name"] for p in opdef["parameter"] if p["use"] == "in"} == {"question", "session"}
    assert client.get("/healthz").json()["status"] == "ok"


def test_real_uvicorn_with_fhirpy_and_httpx(loaded_server, home, allen_refs):
    served = Uvicorn(make_app(loaded_server[0], home=home))
    try:
        fhir = SyncFHIRClient(served.base)
        body = fhir.execute(f"Patient/{ALLEN}/$ask", method="post", data=params(QUESTION))
        assert body["resourceType"] == "Parameters" and set(values(body, "citation")) <= allen_refs
        r = httpx.get(f"{served.base}/Patient/{ALLEN}/$ask", params={"question": QUESTION})
        assert r.status_code == 200 and values(r.json(), "citation") == values(body, "citation")
    finally:
        served.stop()


def test_saturated_sidecar_answers_503_with_retry_after(loaded_server, home):
    gate = GatedGenerator()
    served = Uvicorn(make_app(loaded_server[0], gate, max_concurrent=1, home=home))
    url = f"{served.base}/Patient/{ALLEN}/$ask"
    try:
        with httpx.Client(timeout=30) as http:
            first: list[httpx.Response] = []
            t = threading.Thread(target=lambda: first.append(http.post(url, json=params(QUESTION))))
            t.start()
            assert gate.entered.wait(30)
            busy = http.post(url, json=params(QUESTION))
            gate.release.set()
            t.join(30)
        assert busy.status_code == 503 and busy.headers["retry-after"].isdigit()
        assert busy.json()["issue"][0]["code"] == "transient"
        assert first[0].status_code == 200
    finally:
        gate.release.set()
        served.stop()


@pytest.mark.parametrize("status", [401, 403])
def test_upstream_refusal_passes_through_with_the_callers_token(stub_server, home, status):
    stub = stub_server({"Patient/p1": [(status, outcome("token expired"))]})
    with TestClient(make_app(stub.url, home=home)) as c:
        r = c.post("/fhir/Patient/p1/$ask", json=params(QUESTION), headers={"Authorization": "Bearer abc"})
    assert r.status_code == status and "token expired" in r.json()["issue"][0]["diagnostics"]
    assert stub.requests[0][2].get("Authorization") == "Bearer abc"


@pytest.mark.parametrize("upstream_status,expected", [(500, 502), (504, 504)])
def test_upstream_failure_is_502_or_504(stub_server, home, upstream_status, expected):
    stub = stub_server({"Patient/p1": [(upstream_status, outcome("down"), {"Retry-After": "0"})]})
    with TestClient(make_app(stub.url, home=home)) as c:
        r = c.get("/fhir/Patient/p1/$ask", params={"question": QUESTION})
    assert r.status_code == expected and r.json()["resourceType"] == "OperationOutcome"


def test_serve_command_mounts_under_a_parent_cli():
    import typer
    from typer.testing import CliRunner

    from fhirqa.server_plugins.cli import app as serve_app

    parent = typer.Typer()
    parent.add_typer(serve_app, name="serve")
    helped = CliRunner().invoke(parent, ["serve", "--help"])
    assert helped.exit_code == 0 and all(o in helped.output for o in ("--upstream", "--max-concurrent", "--generator"))
    bad = CliRunner().invoke(parent, ["serve", "--upstream", "http://x/fhir", "--relevance", "nope"])
    assert bad.exit_code == 1 and "Error: model 'nope' is not available" in bad.output
