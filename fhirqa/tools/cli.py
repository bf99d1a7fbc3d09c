"""`fhirqa mcp`: serve the record tools to MCP clients over stdio."""

from __future__ import annotations

from typing import Optional

import typer

app = typer.Typer(help="Serve the fhirqa tools over MCP (stdio).", add_completion=False)


@app.callback(invoke_without_command=True)
def mcp(fhir: Optional[str] = typer.Option(None, "--fhir", help="FHIR server base URL, Bundle file, folder of "
                                            "Bundles or NDJSON export; without it the sample patient."),
        token: Optional[str] = typer.Option(None, "--token", envvar="FHIRQA_TOKEN", help="Bearer token for the server."),
        relevance: Optional[str] = typer.Option(None, "--relevance", help="Relevance backend."),
        generator: Optional[str] = typer.Option(None, "--generator", help="Answer generator.")):
    """Answer tool calls until the client closes stdin; models load on the first call."""
    from ..agent.pipeline import Pipeline
    from ..config import Settings
    from ..models import load_generator, load_relevance
    from ..records import open_source
    from .mcp_server import build_server

    settings = Settings()
    settings.token = token or settings.token
    settings.relevance = relevance or settings.relevance
    settings.generator = generator or settings.generator

    def pipeline() -> Pipeline:
        return Pipeline(open_source(fhir, settings), load_relevance(settings.relevance, settings),
                        load_generator(settings.generator, settings), settings)

    build_server(pipeline).run("stdio")


if __name__ == "__main__":
    app()
