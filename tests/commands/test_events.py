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
    assert [e["event_id_cnty"] for e in doc["events"]] == [some.event_id]
    assert json.loads(run("--db", db, "--format", "json", "--country", "ZZZ").output) == {"events": []}


def test_parquet_needs_output_and_round_trips(db, tmp_path):
    assert run("--db", db, "--format", "parquet").exit_code == 2
    out = tmp_path / "e.parquet"
    assert run("--db", db, "--format", "parquet", "-o", str(out)).exit_code == 0
    with wirewatch.open(db) as store:
        assert [e.event_id for e in read_events(out, "parquet")] == [e.event_id for e in store.event_records()]


@pytest.mark.parametrize("args, message", [
    (["--bbox", "1,2"], "--bbox: expected W,S,E,N"), (["--since", "yesterday"], "--since: not a date"),
    (["--db", "/nonexistent/x.db"], "no such database"), (["--interaction", "Aliens only"], "--interaction: expected"),
    (["--geo-precision", "4"], "--geo-precision: must be in [1, 3]"), (["--sort", "colour"], "--sort: cannot sort by"),
    (["--claims", "--format", "json"], "csv or parquet"),
])
def test_usage_errors(db, args, message):
    result = run(*(["--db", db] if "--db" not in args else []), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def ids(db, *args):
    result = run("--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line)["event_id_cnty"] for line in result.output.splitlines()]


def test_the_api_filters_on_the_command_line(db):
    with wirewatch.open(db) as store:
        events = store.event_records()
        # the same filters through the store (the API's path) and the command line agree
        for args, kwargs in [(["--event-type", "battles"], {"event_type": "Battles"}),
                             (["--sub-event-type", "armed clash"], {"sub_event_type": "Armed clash"}),
                             (["--actor", "group 1"], {"actor": "Group 1"}), (["--actor", "xxa"], {"actor": "XXA"}),
                             (["--source", "outlet 1"], {"source": "Outlet 1"}),
                             (["--geo-precision", "1"], {"geo_precision": 1}), (["--status", "Reported"], {"status": "reported"})]:
            assert ids(db, *args) == [e.event_id for e in store.event_records(**kwargs)], args
    battles = [e.event_id for e in events if e.event_type == "Battles"]
    assert battles and ids(db, "--event-type", "BATTLES") == battles
    group1 = [e.event_id for e in events if "group 1" in (e.actor1 or "").lower()]
    assert group1 and ids(db, "--actor", "Group 1") == group1
    assert len(ids(db, "--actor", "XXA")) == len(events)                       # every actor1 is from XXA
    by_toll = ids(db, "--sort", "-fatalities")
    tolls = {e.event_id: e.fatalities for e in events}
    assert [tolls[i] for i in by_toll] == sorted(tolls.values(), key=lambda v: (v is not None, v), reverse=True)


def test_claims_export_on_the_command_line(db, tmp_path):
    result = run("--db", db, "--claims", "--status", "contested")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    with wirewatch.open(db) as store:
        contested = store.event_records(status="contested")
    assert len(rows) == sum(len(e.claims) for e in contested) > 0
    assert {r["stance"] for r in rows} == {"asserts", "denies"}
