"""The one error tree of fhirqa: every failure a user can fix is one of these.

    FhirqaError                      base; the CLI prints "Error: <message>" and exits 1
    ├── InputError                   the request itself is wrong
    │   ├── EmptyQuestion
    │   ├── InvalidPatientId
    │   └── PatientNotFound
    ├── SourceError                  the record cannot be read
    │   ├── InvalidBundle            a file is not a readable FHIR Bundle / NDJSON (file, line)
    │   ├── SourceNotFound           a path that does not exist
    │   └── FhirServerError          a server answered with an error (url, status)
    │       ├── FhirServerUnavailable   unreachable, timed out, or 5xx after retries
    │       └── FhirAccessDenied        401/403 from the server
    ├── ModelNotAvailable            a model/backend/adapter cannot be loaded
    └── SessionNotFound              a chat session id that does not exist
"""

from __future__ import annotations


class FhirqaError(Exception):
    """Base of every error fhirqa raises on purpose."""


class InputError(FhirqaError):
    """The question, patient id or another argument is wrong."""


class EmptyQuestion(InputError):
    def __init__(self) -> None:
        super().__init__("the question is empty; pass a question in words, e.g. \"What was her last HbA1c?\"")


class InvalidPatientId(InputError):
    def __init__(self, patient: str) -> None:
        self.patient = patient
        super().__init__(
            f"malformed patient id {patient!r}: FHIR ids are 1-64 letters, digits, '-' or '.'"
        )


class PatientNotFound(InputError):
    def __init__(self, patient: str, source: str) -> None:
        self.patient, self.source = patient, source
        super().__init__(f"patient {patient!r} not found in {source}; run `fhirqa patients --fhir {source}` to list them")


class SourceError(FhirqaError):
    """The patient's record cannot be read from the given source."""


class SourceNotFound(SourceError):
    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: no such file or directory (--fhir takes a server URL, a Bundle file, a directory of Bundles or an NDJSON folder)")


class InvalidBundle(SourceError):
    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path, self.reason, self.line = path, reason, line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: not a valid FHIR Bundle/NDJSON: {reason}")


class FhirServerError(SourceError):
    def __init__(self, url: str, status: int | None, detail: str = "") -> None:
        self.url, self.status, self.detail = url, status, detail
        code = f"HTTP {status}" if status else "no response"
        super().__init__(f"FHIR server {url} answered {code}{': ' + detail if detail else ''}")


class FhirServerUnavailable(FhirServerError):
    def __init__(self, url: str, status: int | None = None, detail: str = "") -> None:
        super().__init__(url, status, detail or "server unreachable or failing; check --fhir and that the server is up")


class FhirAccessDenied(FhirServerError):
    def __init__(self, url: str, status: int, detail: str = "") -> None:
        super().__init__(url, status, detail or "access denied; pass a valid bearer token with --token or FHIRQA_TOKEN")


class ModelNotAvailable(FhirqaError):
    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"model {name!r} is not available: {reason}")


class SessionNotFound(FhirqaError):
    def __init__(self, session: str) -> None:
        self.session = session
        super().__init__(f"no chat session {session!r}; start one with `fhirqa chat --patient ID`")
