"""Runtime settings: one object, each field documented, each with a FHIRQA_* environment fallback."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(f"FHIRQA_{name}", default)


def default_home() -> Path:
    return Path(_env("HOME", str(Path.home() / ".cache" / "fhirqa"))).expanduser()


@dataclass
class Settings:
    """What a run of fhirqa needs to know; every field can be set as FHIRQA_<NAME>."""

    home: Path = field(default_factory=default_home, metadata={"help": "caches, converted models, sessions"})
    relevance: str = field(default_factory=lambda: _env("RELEVANCE", "default"),
                           metadata={"help": "relevance backend name (see fhirqa.models.registry)"})
    generator: str = field(default_factory=lambda: _env("GENERATOR", "default"),
                           metadata={"help": "answer generator backend name"})
    threshold: float = field(default_factory=lambda: float(_env("THRESHOLD", "0.5")),
                             metadata={"help": "relevance probability above which a topic is kept"})
    token: str | None = field(default_factory=lambda: os.environ.get("FHIRQA_TOKEN"),
                              metadata={"help": "bearer token passed to the FHIR server"})
    timeout: float = field(default_factory=lambda: float(_env("TIMEOUT", "30")),
                           metadata={"help": "seconds per FHIR request"})
    max_new_tokens: int = field(default_factory=lambda: int(_env("MAX_NEW_TOKENS", "48")),
                                metadata={"help": "answer length bound for local generators"})
    llm_dtype: str = field(default_factory=lambda: _env("LLM_DTYPE", "auto"),
                           metadata={"help": "answer model's number type on a CPU: auto (bfloat16 where the CPU "
                                             "computes it natively, else float32), float32 or bfloat16"})
    answer_lines: int = field(default_factory=lambda: int(_env("ANSWER_LINES", "6")),
                              metadata={"help": "record lines the local answer model reads (the latest, or the "
                                                "first for 'first' questions; trained on 12); the facts line covers "
                                                "them all"})

    def path(self, *parts: str) -> Path:
        """A path under FHIRQA_HOME, its parent created."""
        p = self.home.joinpath(*parts)
        p.parent.mkdir(parents=True, exist_ok=True)
        return p

    @classmethod
    def describe(cls) -> dict[str, str]:
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}
