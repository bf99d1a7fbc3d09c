"""The sidecar: an ASGI app serving `Patient/{id}/$ask` beside any FHIR server, reading records from it.

Each request reads the patient's record from the upstream server with the caller's bearer token, so
the upstream's access control decides who may ask about whom; the models are loaded once per process.
"""

from __future__ import annotations

import json
import logging
import threading

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..agent.pipeline import Pipeline
from ..config import Settings
from ..errors import (EmptyQuestion, FhirAccessDenied, FhirqaError, FhirServerError, FhirServerUnavailable, InputError,
                      PatientNotFound, SessionNotFound)
from ..fhir import ServerSource
from ..models import AnswerGenerator, RelevanceClassifier
from ..records import check_patient_id
from .operations import (FHIR_JSON, answer_parameters, capability_statement, operation_definition, outcome,
                         read_parameters)

log = logging.getLogger(__name__)
RETRY_AFTER_S = 5


class Saturated(Exception):
    """Every question slot is taken."""


def status_for(e: FhirqaError) -> int:
    """The HTTP status the sidecar answers for a fhirqa error: the one place this mapping lives."""
    if isinstance(e, (PatientNotFound, SessionNotFound)):
        return 404
    if isinstance(e, InputError):
        return 400
    if isinstance(e, FhirAccessDenied):
        return e.status
    if isinstance(e, FhirServerUnavailable) and (e.status == 504 or "Timeout" in e.detail):
        return 504
    if isinstance(e, FhirServerError):
        return 502
    return 500


def fhir_response(body: dict, status: int = 200, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=headers, media_type=FHIR_JSON)


def bearer_token(request: Request) -> str | None:
    """The caller's bearer token, forwarded to the upstream server."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class _SessionPipeline(Pipeline):
    """A per-request Pipeline whose conversations live in the process-wide session graph."""

    def __init__(self, *args, sessions, **kw) -> None:
        super().__init__(*args, **kw)
        self._shared = sessions

    def sessions(self):
        return self._shared()


class Asker:
    """Answers one question per call with the shared models and a per-request upstream source."""

    def __init__(self, upstream: str, relevance: RelevanceClassifier, generator: AnswerGenerator,
                 settings: Settings, max_concurrent: int) -> None:
        self.upstream, self.relevance, self.generator, self.settings = upstream, relevance, generator, settings
        self.slots = threading.BoundedSemaphore(max_concurrent)
        self._sessions, self._lock = None, threading.Lock()

    def sessions(self):
        with self._lock:
            if self._sessions is None:
                self._sessions = Pipeline(None, self.relevance, self.generator, self.settings).sessions()
            return self._sessions

    def ask(self, question: str, patient: str, session: str | None, token: str | None):
        if not question or not question.strip():
            raise EmptyQuestion()
        patient = check_patient_id(patient)
        with ServerSource(self.upstream, token=token, timeout=self.settings.timeout) as source:
            pipe = _SessionPipeline(source, self.relevance, self.generator, self.settings, sessions=self.sessions)
            if session is None:
                return pipe.ask(question, patient)
            # A session keeps the record it fetched: check that this caller may still read the patient.
            source.http.get(f"Patient/{patient}", patient=patient)
            return pipe.ask(question, patient, session=f"{patient}.{session}")

    async def __call__(self, question: str, patient: str, session: str | None, token: str | None):
        if not self.slots.acquire(blocking=False):
            raise Saturated()
        try:
            return await run_in_threadpool(self.ask, question, patient, session, token)
        finally:
            self.slots.release()


def create_app(upstream: str, relevance: RelevanceClassifier, generator: AnswerGenerator,
               settings: Settings | None = None, max_concurrent: int = 2) -> FastAPI:
    """The sidecar app, FHIR base `/fhir`, reading records from the `upstream` FHIR server."""
    asker = Asker(upstream.rstrip("/"), relevance, generator, settings or Settings(), max_concurrent)
    app = FastAPI(title="fhirqa sidecar", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.asker = asker

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/") + "/fhir"

    @app.exception_handler(FhirqaError)
    async def fhirqa_error(request: Request, e: FhirqaError):
        status = status_for(e)
        code = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found"}.get(status, "exception")
        if status >= 500:
            log.warning("$ask failed: %s", e)
        return fhir_response(outcome(str(e), code), status)

    @app.exception_handler(Saturated)
    async def saturated(request: Request, e: Saturated):
        return fhir_response(outcome("the sidecar is answering as many questions as it can; retry shortly",
                                     "transient"), 503, {"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, e: Exception):
        log.exception("$ask failed unexpectedly")
        return fhir_response(outcome(f"internal error: {type(e).__name__}", "exception"), 500)

    @app.get("/healthz")
    async def healthz():
        return {"status": "ok", "upstream": asker.upstream}

    @app.get("/fhir/metadata")
    async def metadata(request: Request):
        return fhir_response(capability_statement(base(request)))

    @app.get("/fhir/OperationDefinition/ask")
    async def definition(request: Request):
        return fhir_response(operation_definition(base(request)))

    @app.get("/fhir/Patient/{pid}/$ask")
    async def ask_get(pid: str, request: Request, question: str = "", session: str | None = None):
        result = await asker(question, pid, session, bearer_token(request))
        return fhir_response(answer_parameters(result, session))

    @app.post("/fhir/Patient/{pid}/$ask")
    async def ask_post(pid: str, request: Request):
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise InputError("the body is not JSON; send a FHIR Parameters resource") from None
        question, session = read_parameters(body)
        result = await asker(question, pid, session, bearer_token(request))
        return fhir_response(answer_parameters(result, session))

    return app
