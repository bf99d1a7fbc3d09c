"""`fhirqa serve`: run the sidecar beside a FHIR server with uvicorn."""

from __future__ import annotations

import typer

app = typer.Typer(help="Serve Patient/{id}/$ask beside a FHIR server.", add_completion=False)


@app.callback(invoke_without_command=True)
def serve(upstream: str = typer.Option(..., "--upstream", envvar="FHIRQA_UPSTREAM",
                                       help="Base URL of the FHIR server records are read from."),
          host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          relevance: str = typer.Option(None, "--relevance", help="Relevance backend (default: FHIRQA_RELEVANCE)."),
          generator: str = typer.Option(None, "--generator", help="Answer generator (default: FHIRQA_GENERATOR)."),
          max_concurrent: int = typer.Option(2, "--max-concurrent", min=1,
                                             help="Questions answered at once; more get 503 + Retry-After.")):
    """Load the models once, then answer $ask requests until stopped."""
    import uvicorn

    from ..config import Settings
    from ..errors import FhirqaError
    from ..models import load_generator, load_relevance
    from .app import create_app

    settings = Settings()
    settings.relevance = relevance or settings.relevance
    settings.generator = generator or settings.generator
    try:
        rel, gen = load_relevance(settings.relevance, settings), load_generator(settings.generator, settings)
    except FhirqaError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1)
    typer.echo(f"fhirqa sidecar: http://{host}:{port}/fhir/Patient/{{id}}/$ask -> {upstream}", err=True)
    uvicorn.run(create_app(upstream, rel, gen, settings, max_concurrent), host=host, port=port)
