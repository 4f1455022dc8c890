"""`wirewatch ingest` end to end: the shared fixture feed over HTTP, re-ingest, rejections."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import wirewatch
from wirewatch.cli import main


@pytest.fixture(scope="module")
def feed_url(fixture_feed_url):
    """The fixture feed on loopback (tests/conftest.py, wirewatch.testing.serve_folder)."""
    return fixture_feed_url


@pytest.fixture(scope="module")
def fed(feed_url, shared_fixtures, tmp_path_factory):
    """The fixture feed ingested once; the database, the expectations and both runs' output."""
    db = str(tmp_path_factory.mktemp("feed") / "feed.db")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", feed_url, "--allow-private", "--db", db])
    with wirewatch.open(db) as store:
        before = store.stats()
    second = runner.invoke(main, ["ingest", feed_url, "--allow-private", "--db", db])
    out = runner.invoke(main, ["events", "--db", db, "--format", "json"])
    expected = json.loads((shared_fixtures / "feed" / "expected.json").read_text())
    return db, expected, first, second, before, json.loads(out.output)


def _path(url: str) -> str:
    return url.split("/", 3)[-1]  # http://host:port/articles/x.html -> articles/x.html


def _ganja(fed):
    db, expected, *_ , out = fed
    want = expected["fused"]["ganja_strike_2020_10_17"]
    matches = [e for e in out["events"] if e["location"] == want["location"] and e["event_date"] == want["event_date"]]
    assert len(matches) == 1, "the strike must be one fused event"
    return want, matches[0]


def test_feed_articles_and_syndication(fed):
    db, expected, first, *_ = fed
    assert first.exit_code == 0, first.output
    with wirewatch.open(db) as store:
        assert store.stats()["articles"] == expected["articles"]
        rows = store.conn.execute("SELECT url, syndication_cluster, wire_agency, article_id FROM articles").fetchall()
        by_path = {_path(url): (cluster, agency, aid) for url, cluster, agency, aid in rows}
        for group in expected["syndication_clusters"]:
            assert len({by_path[p][0] for p in group}) == 1
        others = set(by_path) - {p for g in expected["syndication_clusters"] for p in g}
        assert len({by_path[p][0] for p in others}) == len(others)
        for path, agency in expected["wire_agency"].items():
            assert by_path[path][1] == agency
        for path in expected["articles_without_events"]:
            assert store.article(by_path[path][2]).events == []


def test_feed_fused_event(fed):
    want, event = _ganja(fed)
    assert sorted(_path(s["url"]) for s in event["sources"]) == sorted(want["source_articles"])
    assert event["independent_sources"] == want["independent_sources"]
    assert event["status"] == want["status"]
    assert event["injuries_low"] == want["injuries"]["low"] and event["injuries"] == want["injuries"]["best"]
    assert len(event["history"]) == 3
    assert (event["fatalities_low"], event["fatalities_high"], event["fatalities"]) == \
        (want["fatalities"]["low"], want["fatalities"]["high"], want["fatalities"]["best"])


def test_second_ingest_adds_nothing(fed):
    db, _, _, second, before, _ = fed
    assert second.exit_code == 0, second.output
    with wirewatch.open(db) as store:
        assert store.stats() == before


def test_no_extract_folder_and_rejections(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    # made-up example articles, written for this test
    (folder / "a.txt").write_text("Example only. " + "Farmers in the valley said the spring rains came early this year "
                                  "and the harvest looks promising, according to the local cooperative. " * 3)
    (folder / "b.txt").write_text("Example only. " + "A new bridge over the northern river opened on Monday, cutting the "
                                  "journey between the two market towns by an hour, officials said. " * 3)
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--no-extract", "--db", db])
    assert result.exit_code == 1
    assert "missing.txt" in result.output and "new 2" in result.output
    again = runner.invoke(main, ["ingest", str(folder), "--no-extract", "--db", db])
    assert again.exit_code == 0 and "new 0, duplicates 2" in again.output
    with wirewatch.open(db) as store:
        assert store.stats()["articles"] == 2


def test_undated_articles_are_named_in_the_output(tmp_path):
    """An article with no publication date, or with only a dateline's day and month, is stored but
    named: its event dates rest on a year guessed from today. A dated one is not named."""
    folder = tmp_path / "in"
    folder.mkdir()
    body = ("Gunmen attacked a checkpoint on the coastal road, killing two guards, the interior ministry "
            "said in a statement. The ministry gave no further details about the attack. ")   # made up
    (folder / "bare.txt").write_text("Example only. " + body * 2)
    (folder / "dateline.txt").write_text("PORT EXAMPLE, Mar 9 (AFP) - " + body * 2)
    (folder / "dated.jsonl").write_text(json.dumps({"text": "Example only. " + body * 2 + "Dated.",
                                                    "published": "2023-03-09", "url": "https://example.org/d"}) + "\n")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--no-extract", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "undated:" in line]
    assert len(lines) == 2
    assert any(line.startswith(str(folder / "bare.txt")) and "no publication date" in line for line in lines)
    assert any(line.startswith(str(folder / "dateline.txt")) and "-03-09 was guessed from today" in line
               for line in lines)
    assert "new 3 (2 undated)" in result.output
    dated = CliRunner().invoke(main, ["ingest", str(folder / "bare.txt"), "--no-extract", "--published", "2023-03-10",
                                      "--db", str(tmp_path / "y.db")])
    assert "undated" not in dated.output and "new 1," in dated.output


def test_unknown_engine_is_refused_clearly(tmp_path):
    # --engine dask works now (tests/engine/test_dask.py); an engine that does not exist is a usage error
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--engine", "spark", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "spark" in result.output


def test_watch_once_polls_with_conditional_get(feed_url, tmp_path):
    db = str(tmp_path / "w.db")
    runner = CliRunner()
    first = runner.invoke(main, ["watch", feed_url, "--once", "--allow-private", "--no-extract", "--db", db])
    assert first.exit_code == 0 and "new 4" in first.output
    second = runner.invoke(main, ["watch", feed_url, "--once", "--allow-private", "--no-extract", "--db", db])
    assert second.exit_code == 0 and "new 0" in second.output and "not modified 1" in second.output
