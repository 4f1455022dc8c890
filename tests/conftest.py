"""Shared fixtures: the read-only gold data in ../shared, a loaded pipeline, a fresh database."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    path = SHARED / "fixtures"
    if not path.is_dir():
        pytest.skip("../shared/fixtures is not present")
    return path


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present")
    return path


@pytest.fixture(scope="session")
def settings():
    from wirewatch.settings import Settings
    return Settings()


@pytest.fixture(scope="session")
def gazetteer(settings):
    from wirewatch.geo import get_gazetteer
    return get_gazetteer(settings)


@pytest.fixture(scope="session")
def nlp(settings):
    from wirewatch.nlp import load_pipeline
    return load_pipeline(settings)


@pytest.fixture(scope="session")
def pipeline(settings):
    from wirewatch.pipeline import Pipeline
    return Pipeline(settings)


@pytest.fixture
def tmp_db(tmp_path) -> Path:
    return tmp_path / "test.db"
