"""Geocoding alone on the development gold in ../shared/eval (skipped when absent): a floor
under today's numbers, so a change that loses places shows. See docs/geo.md for the numbers
and scripts/eval_geo.py for the measurement itself."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def eval_geo():
    spec = importlib.util.spec_from_file_location("eval_geo", ROOT / "scripts" / "eval_geo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_acled_dev(eval_geo, shared_eval, gazetteer) -> None:
    result = eval_geo.acled(shared_eval / "acled_dev.csv", use_context=True, show=0)
    assert result["location_25km_prec1"] >= 0.70
    assert result["location_25km"] >= 0.66
    assert result["admin1"] >= 0.63


def test_gtd_dev(eval_geo, shared_eval, gazetteer) -> None:
    result = eval_geo.gtd(shared_eval / "gtd_dev.csv", use_context=True, show=0)
    assert result["country"] >= 0.97
    assert result["admin1"] >= 0.93
