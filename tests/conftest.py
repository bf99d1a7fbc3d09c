"""Shared fixtures: the real Synthea bundles beside the checkout, a private FHIRQA_HOME, fake models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest_plugins = ["tests.conftest_server"] if (Path(__file__).with_name("conftest_server.py")).exists() else []

SYNTHEA = Path(os.environ.get("FHIRQA_SYNTHEA_DIR", Path(__file__).resolve().parents[1].parent / "shared" / "data" / "synthea"))
ALLEN = "ad134528-56a5-35fd-c37f-466ff119c625"


@pytest.fixture(scope="session")
def synthea_dir() -> Path:
    assert SYNTHEA.is_dir(), f"the Synthea test bundles are expected in {SYNTHEA} (set FHIRQA_SYNTHEA_DIR)"
    return SYNTHEA


@pytest.fixture(scope="session")
def allen_bundle(synthea_dir) -> Path:
    return next(synthea_dir.glob(f"*{ALLEN}.json"))


@pytest.fixture(scope="session")
def tiny_qa(tmp_path_factory, allen_bundle) -> Path:
    """A small question set over Allen (`fhirqa finetune data` output) for the training tests."""
    from fhirqa.finetune import data as qa

    out = tmp_path_factory.mktemp("qa")
    qa.build([allen_bundle], out, seed=3, per_patient=12, progress=False)
    return out


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("FHIRQA_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="session")
def model_home(tmp_path_factory) -> Path:
    """One FHIRQA_HOME for tests that load the real models, so the SmolLM2 conversion runs once."""
    return Path(os.environ.get("FHIRQA_TEST_MODEL_HOME", tmp_path_factory.mktemp("models")))
