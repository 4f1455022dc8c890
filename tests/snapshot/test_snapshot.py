"""The behaviour snapshot (docs/snapshot.md): the project's own inputs through the real pipeline,
compared field by field with tests/snapshot/own.jsonl. A failure lists each moved input as
`event N field: old -> new`; if the change is intended, `make extract-diff UPDATE=1` and commit
the snapshot with it."""
from pathlib import Path

import pytest

from wirewatch.evaluate import snapshot as snap
from wirewatch.model import Mention

ROOT = Path(__file__).resolve().parents[2]
SNAP = ROOT / "tests" / "snapshot"


@pytest.fixture(scope="module")
def snapshot_pipeline():
    from wirewatch.pipeline import get_pipeline
    return get_pipeline(snap.snapshot_settings())


def test_own_inputs_match_the_snapshot(snapshot_pipeline):
    cases = snap.own_cases(ROOT, SNAP / "sentences.jsonl", snap.snapshot_settings())
    assert len(cases) >= 150  # the gathered sentences and the examples are all there
    changes = snap.diff(snap.read_snapshot(SNAP / "own.jsonl"), snap.run_cases(cases, snapshot_pipeline))
    assert not changes, ("extraction output differs from tests/snapshot/own.jsonl; if intended, run "
                         "`make extract-diff UPDATE=1` and commit the snapshot with the change:\n"
                         + snap.format_changes(changes, {c.case_id: c.article.text for c in cases}))


def _ev(**kw):
    base = dict(event_type="Battles", sub_event_type="Armed clash", event_date="2021-03-05", location="Goma",
                iso3="COD", fatalities=3, mention="new", status="reported")
    base.update(kw)
    return base


def test_diff_names_the_input_the_event_and_the_field():
    old = {"a": [_ev()], "b": [_ev()], "gone": []}
    new = {"a": [_ev(fatalities=4)], "b": [_ev(), _ev(location="Beni")], "fresh": []}
    changes = snap.diff(old, new)
    got = [(c.case_id, c.event, c.field, c.old, c.new) for c in changes]
    assert got == [
        ("a", 1, "fatalities", 3, 4),
        ("b", 2, "event", None, "Battles | Armed clash | 2021-03-05 | Beni | COD | toll 3 | new | reported"),
        ("fresh", None, "input", "not in snapshot", "no events"),
        ("gone", None, "input", "in snapshot", "not run"),
    ]
    text = snap.format_changes(changes, {"a": "Rebels attacked a convoy in Goma on Friday, killing three soldiers."})
    assert text.splitlines()[:2] == ["a  Rebels attacked a convoy in Goma on Friday, killing three soldiers.",
                                     "    event 1 fatalities: 3 -> 4"]
    assert text.splitlines()[-1] == "4 changes in 4 inputs"


def test_same_output_is_no_change():
    assert snap.diff({"a": [_ev()]}, {"a": [_ev()]}) == []
    assert snap.format_changes([]) == ""


def test_summary_keeps_the_key_fields_and_the_deciding_rule_when_there_is_one():
    row = snap.summarise([Mention(event_id="x", event_type="Riots", fatalities=2, location="Lagos")])[0]
    assert row["event_type"] == "Riots" and row["fatalities"] == 2 and row["location"] == "Lagos"
    assert set(snap.KEY_FIELDS) <= set(row)
    assert "actor1" not in row
    deciders = [f for f in snap.DECIDER_FIELDS if f in Mention.__dataclass_fields__]
    assert all(f in row for f in deciders)


def test_gather_takes_sentences_and_leaves_docstrings(tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text(
        '"""A module docstring that is long enough to count."""\n'
        'CASES = ["Gunmen killed two herders near Rumbek on Friday.", "too short", "Gunmen killed two herders near Rumbek on Friday."]\n'
        'def test_y():\n    """A test docstring that is long enough to count."""\n'
        '    assert f("Police arrested twelve activists in Kampala on Thursday.")\n')
    assert snap.gather_sentences(tmp_path, ("tests/*.py",)) == [
        "Gunmen killed two herders near Rumbek on Friday.", "Police arrested twelve activists in Kampala on Thursday."]


def test_sentences_round_trip_with_stable_ids(tmp_path):
    path = tmp_path / "s.jsonl"
    snap.write_sentences(path, ["First sentence here.", "Second one."])
    cases = snap.sentence_cases(path)
    assert [c.case_id for c in cases] == [snap.sentence_id("First sentence here."), snap.sentence_id("Second one.")]
    assert cases[0].article.text == "First sentence here." and cases[0].article.published == snap.SENTENCE_PUBLISHED


def test_snapshot_file_round_trip(tmp_path):
    data = {"b": [_ev()], "a": []}
    snap.write_snapshot(tmp_path / "s.jsonl", data)
    assert snap.read_snapshot(tmp_path / "s.jsonl") == data
    assert (tmp_path / "s.jsonl").read_text().splitlines()[0].startswith('{"id": "a"')
    assert snap.read_snapshot(tmp_path / "missing.jsonl") == {}


def test_train_sample_is_fixed_and_keyed_by_line(tmp_path):
    path = tmp_path / "rows.csv"
    lines = ["event_id_cnty,event_date,event_type,sub_event_type,notes"]
    lines += [f"X{i},2020-01-0{1 + i % 9},Protests,Peaceful protest,On 1 January 2020 people protested in town {i}."
              for i in range(30)]
    path.write_text("\n".join(lines) + "\n")
    first = [c.case_id for c in snap.train_cases(path, n=5, seed=3)]
    assert first == [c.case_id for c in snap.train_cases(path, n=5, seed=3)]
    assert len(set(first)) == 5 and all(c.startswith("rows.csv:") for c in first)
    assert [c.case_id for c in snap.train_cases(path, n=50)] == [f"rows.csv:{i}" for i in range(2, 32)]
