"""scripts/eval_all.py (make eval): a step that fails stops the table, but `wirewatch extract`
refusing some benchmark inputs (exit 1, the rest printed) is scored, not fatal. No ../shared needed."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _eval_all():
    spec = importlib.util.spec_from_file_location("eval_all", ROOT / "scripts" / "eval_all.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


REFUSES_ONE = [sys.executable, "-c",
               "import sys; print('{\"articles\": []}'); print('x.txt: text too short', file=sys.stderr); sys.exit(1)"]


def test_refused_inputs_are_scored_not_fatal(capsys):
    assert _eval_all()._run(REFUSES_ONE, refusals_ok=True).strip() == '{"articles": []}'
    assert "1 inputs refused" in capsys.readouterr().err


def test_a_failing_step_stops_the_table():
    with pytest.raises(SystemExit, match="eval: failed"):
        _eval_all()._run(REFUSES_ONE)
    crash = [sys.executable, "-c", "import sys; sys.exit(1)"]   # exit 1 with no output is a failure
    with pytest.raises(SystemExit, match="eval: failed"):
        _eval_all()._run(crash, refusals_ok=True)
