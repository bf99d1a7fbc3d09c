"""The `fhirqa` command line: ask, chat, patients, load (and the eval, bench and finetune groups)."""

from __future__ import annotations

import json
import os
import sys
import time
from functools import wraps
from typing import Optional

import typer

from .config import Settings
from .errors import FhirqaError, SessionNotFound

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

app = typer.Typer(help="Answer questions about a patient's FHIR record, privately, with small local models.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

FHIR = typer.Option(None, "--fhir", help="FHIR server base URL, Bundle file, folder of Bundles or NDJSON export. "
                                         "Default: the generated sample patient.")
PATIENT = typer.Option(None, "--patient", "-p", help="Patient id (optional when the source holds one patient).")
TOKEN = typer.Option(None, "--token", envvar="FHIRQA_TOKEN", help="Bearer token for the FHIR server.")
RELEVANCE = typer.Option(None, "--relevance", help="Relevance backend (default, embedding, keyword, ...).")
GENERATOR = typer.Option(None, "--generator", help="Answer generator (default, base, finetuned, template, ...).")


def friendly(fn):
    """Bad input ends in one `Error: ...` line and exit code 1, never a traceback."""
    @wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FhirqaError as e:
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(1)
        except KeyboardInterrupt:
            raise typer.Exit(130)
    return run


def _settings(token, relevance=None, generator=None) -> Settings:
    s = Settings()
    if token:
        s.token = token
    s.relevance = relevance or s.relevance
    s.generator = generator or s.generator
    return s


def _patient_of(source, patient: str | None) -> str:
    if patient:
        return patient
    found = source.patients()
    if len(found) == 1:
        return found[0][0]
    from .errors import InputError
    raise InputError(f"{source.name} holds {len(found)} patients; choose one with --patient "
                     f"(list them with `fhirqa patients --fhir {source.name}`)")


def _pipeline(settings: Settings, source):
    from .agent.pipeline import Pipeline
    from .models import load_generator, load_relevance

    return Pipeline(source, load_relevance(settings.relevance, settings), load_generator(settings.generator, settings),
                    settings)


def _print_answer(result) -> None:
    typer.echo(result.answer)
    if result.citations:
        typer.echo("Sources: " + ", ".join(result.citations))


@app.command()
@friendly
def ask(question: str = typer.Argument(..., help="The question, in words."), patient: Optional[str] = PATIENT,
        fhir: Optional[str] = FHIR, json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
        token: Optional[str] = TOKEN, relevance: Optional[str] = RELEVANCE, generator: Optional[str] = GENERATOR):
    """Answer one question about a patient, citing the resources used."""
    from .agent.pipeline import Pipeline

    from .records import check_patient_id, open_source

    Pipeline._check(question)
    settings = _settings(token, relevance, generator)
    source = open_source(fhir, settings)
    patient = check_patient_id(_patient_of(source, patient))
    started = time.perf_counter()
    record = source.fetch(patient)  # unknown patient or unreadable source: fail before loading models
    fetch_s = time.perf_counter() - started
    pipe = _pipeline(settings, source)
    pipe.adopt(record)
    result = pipe.ask(question, patient)
    result.timings["fetch_s"] = round(fetch_s, 4)
    if json_out:
        typer.echo(json.dumps(result.to_json()))
    else:
        _print_answer(result)


@app.command()
@friendly
def chat(patient: Optional[str] = PATIENT, fhir: Optional[str] = FHIR, token: Optional[str] = TOKEN,
         session: Optional[str] = typer.Option(None, "--session", help="Resume this session id."),
         resume: bool = typer.Option(False, "--continue", "-c", help="Resume the most recent session."),
         relevance: Optional[str] = RELEVANCE, generator: Optional[str] = GENERATOR):
    """Talk about one patient; follow-up questions use the conversation. Empty line or 'exit' ends."""
    settings = _settings(token, relevance, generator)
    last = settings.path("last_session")
    if resume:
        if not last.exists():
            raise SessionNotFound("(most recent)")
        session = last.read_text().strip()
    from .records import open_source

    pipe = _pipeline(settings, open_source(fhir, settings))
    if session:
        patient = pipe.session_patient(session)
        for turn in pipe.history(session):
            typer.echo(f"> {turn.question}\n{turn.answer}")
    else:
        patient = _patient_of(pipe.context.source, patient)
        session = pipe.new_session()
    last.write_text(session)
    typer.echo(f"Session {session} about patient {patient}. Empty line or 'exit' ends.", err=True)
    for line in sys.stdin if not sys.stdin.isatty() else iter(lambda: input("> "), None):
        question = line.strip()
        if not question or question.lower() in ("exit", "quit"):
            break
        try:
            _print_answer(pipe.ask(question, patient, session=session))
        except FhirqaError as e:
            typer.echo(f"Error: {e}", err=True)


@app.command()
@friendly
def patients(fhir: Optional[str] = FHIR, token: Optional[str] = TOKEN):
    """List the patients in a source: id and name."""
    from .records import open_source

    for pid, name in open_source(fhir, _settings(token)).patients():
        typer.echo(f"{pid}\t{name}")


@app.command()
@friendly
def load(paths: list[str] = typer.Argument(..., help="Bundle files or folders."),
         fhir: str = typer.Option(..., "--fhir", help="FHIR server base URL to upload to."),
         token: Optional[str] = TOKEN, progress: bool = typer.Option(True, help="Show a progress bar.")):
    """Upload Bundles to a FHIR server, keeping resource ids (PUT Type/id)."""
    from .loader import load_bundles

    report = load_bundles(paths, fhir, token=token, progress=progress)
    typer.echo(str(report))


def _mount() -> None:
    """Sub-command groups living in their subpackages."""
    for module, name, attr in (("fhirqa.eval.cli", "eval", "app"), ("fhirqa.eval.cli", "bench", "bench_app"),
                               ("fhirqa.finetune.cli", "finetune", "app"),
                               ("fhirqa.server_plugins.cli", "serve", "app"), ("fhirqa.tools.cli", "mcp", "app")):
        try:
            mod = __import__(module, fromlist=[attr])
        except ImportError:
            continue
        if hasattr(mod, attr):
            app.add_typer(getattr(mod, attr), name=name)


_mount()
