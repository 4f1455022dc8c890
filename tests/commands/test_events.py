"""`wirewatch events`: formats, filters, usage errors."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

import wirewatch
from wirewatch.cli import main
from wirewatch.store.export import CSV_COLUMNS, read_events
from wirewatch.store.synthetic import synthetic_articles


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("events") / "e.db"
    with wirewatch.open(path) as store:
        store.add_articles(synthetic_articles(80, seed=2))
    return str(path)


def run(*args):
    return CliRunner().invoke(main, ["events", *args])


def test_csv_default(db):
    result = run("--db", db)
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == CSV_COLUMNS
    with wirewatch.open(db) as store:
        assert len(rows) - 1 == store.count_events()


def test_json_filters(db):
    with wirewatch.open(db) as store:
        some = store.event_records(limit=1)[0]
        west, south = some.longitude - 0.1, some.latitude - 0.1
        bbox = f"{west},{south},{west + 0.2},{south + 0.2}"
    doc = json.loads(run("--db", db, "--format", "json", "--bbox", bbox, "--since", some.event_date,
                         "--until", some.event_date, "--country", "XXB").output)
    assert [e["event_id"] for e in doc["events"]] == [some.event_id]
    assert json.loads(run("--db", db, "--format", "json", "--country", "ZZZ").output) == {"events": []}


def test_parquet_needs_output_and_round_trips(db, tmp_path):
    assert run("--db", db, "--format", "parquet").exit_code == 2
    out = tmp_path / "e.parquet"
    assert run("--db", db, "--format", "parquet", "-o", str(out)).exit_code == 0
    with wirewatch.open(db) as store:
        assert [e.event_id for e in read_events(out, "parquet")] == [e.event_id for e in store.event_records()]


@pytest.mark.parametrize("args", [["--bbox", "1,2"], ["--since", "yesterday"], ["--db", "/nonexistent/x.db"]])
def test_usage_errors(db, args):
    result = run(*(["--db", db] if "--db" not in args else []), *args)
    assert result.exit_code == 2, result.output
