"""Pytest plugin: a real sekmet-fhir server (empty, or loaded with the Synthea patients) and scripted stub servers.

Register it from tests/conftest.py with `pytest_plugins = ["tests.conftest_server"]`.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from fhirqa.loader import load_bundles

STARTUP_SECONDS = 30.0
# No simulator: it answers MedicationRequests and Claims with new resources, which would change the records.
SEKMET_SETTINGS = "simulator:\n  enabled: false\nlog_inbound: false\n"


def synthea_dir() -> Path:
    """The five Synthea test bundles (../shared/data/synthea), or $FHIRQA_SYNTHEA_DIR."""
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "synthea"
    return Path(os.environ.get("FHIRQA_SYNTHEA_DIR", default))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sekmet_executable() -> str:
    beside = Path(os.path.abspath(sys.executable)).with_name("sekmet")  # not resolve(): keep the venv's bin
    found = str(beside) if beside.exists() else shutil.which("sekmet")
    if not found:
        pytest.skip("sekmet-fhir is not installed (pip install -e '.[dev]')")
    return found


def wait_until_up(proc: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"sekmet exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/metadata", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"sekmet did not answer {url}/metadata within {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def fhir_server(tmp_path_factory):
    """The base URL (http://127.0.0.1:<port>/fhir) of an empty sekmet-fhir server, stopped after the session."""
    exe = sekmet_executable()
    home = tmp_path_factory.mktemp("sekmet")
    (home / "settings.yaml").write_text(SEKMET_SETTINGS)
    port = free_port()
    url = f"http://127.0.0.1:{port}/fhir"
    env = {**os.environ, "SEKMET_CONFIG": str(home / "settings.yaml"), "SEKMET_DB": str(home / "sekmet.db"),
           "SEKMET_BASE_URL": url}
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([exe, "serve", "--host", "127.0.0.1", "--port", str(port)], cwd=home, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(proc, url, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def loaded_server(fhir_server):
    """(base URL, LoadReport) once the Synthea bundles are on the server."""
    report = load_bundles(synthea_dir(), fhir_server, progress=False)
    yield fhir_server, report


class StubServer:
    """A scripted HTTP server on a loopback port: per path, a list of (status, body, headers) answers.

    Each request to a path takes the next answer; the last one repeats. Unknown paths answer 404 with an
    OperationOutcome. Every request is recorded as (method, path with query, headers).
    """

    def __init__(self, routes: dict[str, list[tuple]]) -> None:
        self.routes = {path: list(answers) for path, answers in routes.items()}
        self.requests: list[tuple[str, str, dict]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                stub.requests.append((self.command, self.path, dict(self.headers)))
                status, body, headers = stub.answer(self.path.split("?")[0])
                data = json.dumps(body).encode()
                self.send_response(status)
                for k, v in {"Content-Type": "application/fhir+json", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.do_GET()

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            request_queue_size = 64  # the default 5 drops concurrent connects, costing a 1 s SYN retry
            daemon_threads = True

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/fhir"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def answer(self, path: str) -> tuple[int, dict, dict]:
        answers = self.routes.get(path.removeprefix("/fhir").lstrip("/"))
        if not answers:
            return 404, outcome("no such path"), {}
        status, body, *headers = answers.pop(0) if len(answers) > 1 else answers[0]
        return status, body, (headers[0] if headers else {})

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.requests]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def outcome(text: str) -> dict:
    return {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "processing",
                                                            "diagnostics": text}]}


@pytest.fixture
def stub_server():
    """Start StubServer(routes) as often as a test needs; all are stopped after it."""
    started: list[StubServer] = []

    def start(routes: dict[str, list[tuple]]) -> StubServer:
        started.append(StubServer(routes))
        return started[-1]

    yield start
    for s in started:
        s.close()
