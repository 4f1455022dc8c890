"""extract/quantities.py and tolls.py, the layers under casualties.py, and the one-way imports between them."""
import ast
import re
from pathlib import Path

import pytest

from wirewatch.extract import quantities as q
from wirewatch.extract.tolls import coded, shared, total

EXTRACT = Path(__file__).resolve().parents[2] / "src" / "wirewatch" / "extract"


def _fig(text: str) -> tuple[int | None, int | None, int | None] | None:
    m = re.search(q.NUM, text, re.I)
    assert m is not None
    f = q.figure(m)
    return None if f is None else (f.low, f.best, f.high)


@pytest.mark.parametrize("text,want", [
    ("at least 12", (12, 12, None)),
    ("up to 7", (1, 7, 7)),
    ("between five and 7", (5, 7, 7)),
    ("dozens of", (24, 12, 99)),
    ("twenty-one", (21, 21, 21)),
    ("about 10", (9, 10, 11)),
    ("1,200", (1200, 1200, 1200)),
])
def test_numbers_in_words_digits_and_qualifiers(text, want):
    assert _fig(text) == want


@pytest.mark.parametrize("text", ["the 2017 attack killed", "Unit 204 officers were killed", "5 km away killed"])
def test_numbers_that_are_not_head_counts(text):
    m = re.search(q.NUM, text)
    assert m is not None and q.bad_context(text, m)


def test_sums_and_shares_keep_open_bounds():
    a, b = q.Figure(2, 2, None, 0, 5, "2+"), q.Figure(3, 3, 3, 10, 15, "3")
    s = q.added(a, b)
    assert (s.low, s.best, s.high) == (5, 5, None)
    d = q.divided(q.Figure(12, 12, 12, 0, 2, "12"), 3)
    assert (d.low, d.best, d.high) == (4, 4, 4)


def test_firmer_prefers_a_number_over_a_word():
    vague = q.Figure(3, 3, 9, 0, 7, "several")
    six = q.Figure(6, 6, 6, 0, 3, "six fighters")
    assert q.firmer(vague, six) is six and q.firmer(six, vague) is six


def test_a_stated_toll_and_a_divided_one():
    fig, parts = coded("Fatalities coded as 4.")
    assert fig is not None and fig.best == 4 and parts is None
    assert coded("Total fatalities divided equally across three events.") == (None, 3)
    fig, _ = coded("100 fatalities split across 6 events and coded as 16 for this event.")
    assert fig is not None and fig.best == 16
    fig = total("The leader was beaten to death along with 5 of his relatives. Total 9 fatalities.")
    assert fig is not None and fig.best == 9
    killed = q.Figure(12, 12, 12, 0, 2, "12")
    assert shared(killed, "12 people were killed across the three attacks.", "").best == 4
    assert shared(killed, "12 people were killed.", "") is killed


def test_imports_flow_one_way():
    """quantities imports none of the casualty modules; victims and tolls only quantities; a circle
    between them was tried once and reverted."""
    below = {"quantities": set(), "victims": {"quantities"}, "tolls": {"quantities"},
             "casualties": {"quantities", "victims", "tolls"}}
    for name, allowed in below.items():
        tree = ast.parse((EXTRACT / f"{name}.py").read_text())
        used = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module}
        assert used & set(below) <= allowed, name
