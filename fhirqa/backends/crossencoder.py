"""The fine-tuned relevance classifier: MiniLM + LoRA adapter scoring (question, topic) pairs."""

from __future__ import annotations

from pathlib import Path

from ..config import Settings
from ..errors import ModelNotAvailable

ADAPTER = Path(__file__).resolve().parents[1] / "adapters" / "relevance"


def relevance_adapter() -> Path | None:
    """The shipped relevance adapter folder, if fine-tuning has produced one."""
    return ADAPTER if (ADAPTER / "adapter_config.json").exists() else None


def load(settings: Settings):
    raise ModelNotAvailable("finetuned", f"no relevance adapter in {ADAPTER}; run `fhirqa finetune train --task relevance`")
