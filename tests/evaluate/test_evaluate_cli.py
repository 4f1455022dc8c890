"""The `wirewatch evaluate` command: with a stand-in pipeline module, and on the real pipeline."""
from __future__ import annotations

import json
import sys
import types

import pytest
from click.testing import CliRunner

from wirewatch.cli import main

from .fakes import FakePipeline, acled_events, write_acled


@pytest.fixture
def fake_pipeline_module(monkeypatch):
    module = types.ModuleType("wirewatch.pipeline")
    module.Pipeline = lambda settings: FakePipeline(acled_events())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wirewatch.pipeline", module)


def test_json_output_follows_the_contract(tmp_path, fake_pipeline_module):
    path = write_acled(tmp_path / "acled_example.csv")
    errors = tmp_path / "misses.jsonl"
    result = CliRunner().invoke(main, ["evaluate", str(path), "--kind", "acled", "--format", "json",
                                       "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["rows"] == 5
    # fakes.acled_events: EX4 has no event; EX3 has the wrong sub-type and toll; EX5 is a day off and
    # its gold has no sub-type; EX2 and EX5 give no toll where the gold is 0 (a hit under ACLED's rule)
    got = {name: (out["fields"][name]["hits"], out["fields"][name]["n"]) for name in (
        "event_type", "sub_event_type", "event_date", "location_25km", "admin1", "country",
        "fatalities", "fatalities_10pct", "actor1_country", "actor2_country")}
    assert got == {"event_type": (4, 5), "sub_event_type": (2, 4), "event_date": (3, 5),
                   "location_25km": (4, 5), "admin1": (4, 5), "country": (4, 5), "fatalities": (3, 5),
                   "fatalities_10pct": (3, 5), "actor1_country": (4, 5), "actor2_country": (1, 2)}
    assert out["fields"]["event_type"]["accuracy"] == 0.8
    assert out["fields"]["event_type"]["ci95"] == [0.3755, 0.9638]  # Wilson 95% for 4 of 5
    misses = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {(m["row"], m["field"]) for m in misses if m["field"] in got} == {
        ("EX3", "sub_event_type"), ("EX3", "fatalities"), ("EX3", "fatalities_10pct"),
        ("EX5", "event_date"), ("EX4", "event_type"), ("EX4", "sub_event_type"), ("EX4", "event_date"),
        ("EX4", "location_25km"), ("EX4", "admin1"), ("EX4", "country"), ("EX4", "fatalities"),
        ("EX4", "fatalities_10pct"), ("EX4", "actor1_country"), ("EX4", "actor2_country")}


def test_table_output_and_auto_kind(tmp_path, fake_pipeline_module):
    path = write_acled(tmp_path / "acled_example.csv")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "95% CI" in result.stdout and "3 rows" in result.stdout
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 3}
    # the first three rows: EX1 and EX2 right, EX3 wrong sub-type and toll
    assert "100.0%" in rows["event_type"] and "66.7%" in rows["sub_event_type"] and "66.7%" in rows["fatalities"]


def test_bad_gold_file_is_one_line_and_exit_1(tmp_path, fake_pipeline_module):
    path = tmp_path / "not_acled.csv"
    path.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--kind", "acled"])
    assert result.exit_code == 1
    assert "not_acled.csv" in result.stderr and "missing column" in result.stderr


def test_missing_file_is_a_usage_error():
    result = CliRunner().invoke(main, ["evaluate", "/nonexistent/gold.csv"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_real_pipeline_on_twenty_acled_rows(shared_eval):
    result = CliRunner().invoke(main, ["evaluate", str(shared_eval / "acled_dev.csv"), "--kind", "acled",
                                       "--limit", "20", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["rows"] == 20
    assert out["fields"]["event_type"]["n"] == 20
    assert out["fields"]["event_found"]["hits"] > 0   # the pipeline finds events in ACLED notes at all


def test_pipeline_chatter_stays_off_stdout(tmp_path, monkeypatch):
    class Chatty(FakePipeline):
        def process(self, articles):
            print("loading something...")
            return super().process(articles)

    module = types.ModuleType("wirewatch.pipeline")
    module.Pipeline = lambda settings: Chatty(acled_events())  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wirewatch.pipeline", module)
    path = write_acled(tmp_path / "acled_example.csv")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rows"] == 5


def test_header_only_file_reports_nothing_scored(tmp_path):
    from .fakes import write_acled
    path = write_acled(tmp_path / "empty.csv", rows=[])
    result = CliRunner().invoke(main, ["evaluate", str(path), "--format", "json"])   # no pipeline needed
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["rows"] == 0 and out["fields"]["event_type"] == {
        "accuracy": None, "n": 0, "ci95": [0.0, 1.0], "hits": 0, "excluded": 0}


def test_split_option_restricts_rows(tmp_path, fake_pipeline_module):
    path = write_acled(tmp_path / "acled_example.csv")
    counts = {}
    for split in ("dev", "heldout", "all"):
        result = CliRunner().invoke(main, ["evaluate", str(path), "--split", split, "--format", "json"])
        assert result.exit_code == 0, result.output
        counts[split] = json.loads(result.stdout)["rows"]
    assert counts["dev"] + counts["heldout"] == counts["all"] == 5


def test_country_option_keeps_rows_of_those_countries(tmp_path, fake_pipeline_module):
    path = write_acled(tmp_path / "acled_example.csv")
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    for name in ("NG.txt.gz", "KE.zip", "admin1CodesASCII.txt"):
        (dumps / name).write_bytes(b"")
    for spec, rows in (("NG,KEN", 2), ("Iraq", 1), ("Mexico,Somalia,IQ", 3), (str(dumps), 2)):
        result = CliRunner().invoke(main, ["evaluate", str(path), "--country", spec, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["rows"] == rows, spec
    bad = CliRunner().invoke(main, ["evaluate", str(path), "--country", "Atlantis"])
    assert bad.exit_code == 1 and "Atlantis: not a country code or name" in bad.output
