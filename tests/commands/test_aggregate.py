"""`wirewatch aggregate`: the same rows as the store, CSV and Parquet, usage errors."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

import wirewatch
from wirewatch.cli import main
from wirewatch.store.synthetic import synthetic_articles


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("aggregate") / "a.db"
    with wirewatch.open(path) as store:
        store.add_articles(synthetic_articles(60, seed=5))
    return str(path)


def run(*args):
    return CliRunner().invoke(main, ["aggregate", *args])


def test_csv_and_parquet_agree_with_the_store(db, tmp_path):
    result = run("--db", db, "--by", "month,sub_event_type", "--status", "reported")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    with wirewatch.open(db) as store:
        stored = store.aggregate("month,sub_event_type", status="reported")
    assert [(r["month"], r["sub_event_type"], int(r["events"])) for r in rows] == \
        [(r["month"], r["sub_event_type"], r["events"]) for r in stored]
    out = tmp_path / "a.parquet"
    assert run("--db", db, "--by", "month,sub_event_type", "--status", "reported", "--format", "parquet",
               "-o", str(out)).exit_code == 0
    import pyarrow.parquet as pq
    assert pq.read_table(out).to_pylist() == stored


@pytest.mark.parametrize("args, message", [(["--by", "colour"], "--by: cannot group by"),
                                           (["--by", "week", "--admin1"], "requires an argument"),
                                           (["--by", "week", "--format", "parquet"], "needs -o FILE"),
                                           (["--by", "week", "--since", "2021-02-30"], "--since: not a date")])
def test_usage_errors(db, args, message):
    result = run("--db", db, *args)
    assert result.exit_code == 2 and message in result.output, result.output
