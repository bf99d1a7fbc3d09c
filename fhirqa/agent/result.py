"""What one question returns: the answer, its citations, the relevant resources and timings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class AskResult:
    answer: str
    citations: list[str] = field(default_factory=list)
    relevant: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=lambda: {"fetch_s": 0.0, "relevance_s": 0.0, "generate_s": 0.0})
    session: str | None = None

    def to_json(self) -> dict:
        """The `--json` object: answer, citations, relevant, timings."""
        d = asdict(self)
        d.pop("session")
        return d
