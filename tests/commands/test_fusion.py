"""`wirewatch fusion split|merge` on the fixture feed: recorded in the history and the fusion
record, kept across re-ingest and new articles."""
from __future__ import annotations

import json
from copy import deepcopy

import pytest
from click.testing import CliRunner

import wirewatch
from wirewatch.cli import main
from wirewatch.model import Article, Mention


@pytest.fixture
def feed_db(fixture_feed_url, tmp_path):
    db = str(tmp_path / "feed.db")
    result = CliRunner().invoke(main, ["ingest", fixture_feed_url, "--allow-private", "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _strike(store):
    """The fused event with three reports (the feed's strike on Ganja)."""
    [event] = [e for e in store.event_records() if len(e.sources) == 3]
    return event


def test_split_and_merge_back(feed_db, fixture_feed_url):
    runner = CliRunner()
    with wirewatch.open(feed_db) as store:
        strike = _strike(store)
        toll = strike.mention_ids[-1]                       # the independent follow-up's report
        before = store.count_events()
    out = runner.invoke(main, ["fusion", "split", strike.event_id, "--mention", toll, "--db", feed_db])
    assert out.exit_code == 0, out.output
    ids = json.loads(out.output)["events"]
    assert ids[0] == strike.event_id and len(ids) == 2
    with wirewatch.open(feed_db) as store:
        kept, moved = store.event(ids[0]), store.event(ids[1])
        assert store.count_events() == before + 1
        assert len(kept.sources) == 2 and moved.mention_ids == [toll]
        assert kept.independent_sources == 1 and kept.fatalities == 12   # the copies' own figure
        assert kept.history[-1].changes["override"] == [None, "split"]
        assert kept.history[-1].changes["fatalities"] == [13, 12]
        assert moved.fusion[-1]["verdict"] == "split"
    # re-ingesting the feed adds nothing and undoes nothing
    again = runner.invoke(main, ["ingest", fixture_feed_url, "--allow-private", "--db", feed_db])
    assert again.exit_code == 0
    with wirewatch.open(feed_db) as store:
        assert store.count_events() == before + 1 and len(store.event(ids[0]).sources) == 2
        # a new report of the strike joins one piece; the pieces stay apart
        note = store.article(moved.sources[0].article_id)
        late = Article(article_id="late", text="A made-up later report of the strike, for this test only.",
                       url="https://other.example/late", publisher="Other Example",
                       published="2020-10-19T08:00:00+00:00", events=[deepcopy(note.events[0])])
        late.events[0].event_id = "late-1"
        store.add_articles([late])
        assert store.count_events() == before + 1
        assert store.event(ids[0]).mention_ids != store.event(ids[1]).mention_ids
    out = runner.invoke(main, ["fusion", "merge", ids[0], ids[1], "--db", feed_db])
    assert out.exit_code == 0, out.output
    with wirewatch.open(feed_db) as store:
        merged = store.event(ids[0])
        assert store.event(ids[1]) is None and store.count_events() == before
        assert len(merged.sources) == 4 and merged.fatalities == 13
        assert merged.history[-1].changes["override"] == [None, "merged"]
        assert any(r.changes.get("override") == [None, "split"] for r in merged.history)
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def _grouping(store):
    """The events as sets of their reports."""
    return sorted(sorted(e.mention_ids) for e in store.event_records())


def test_corrections_export_and_import_into_a_rebuilt_database(feed_db, fixture_feed_url, tmp_path):
    """An analyst's corrections carried to a database built again from the same feed: the strike
    split into its three reports, two put back together, the third merged with an event from
    another article. After the import the rebuilt database groups the reports the same way."""
    runner = CliRunner()
    with wirewatch.open(feed_db) as store:
        strike = _strike(store)
    out = runner.invoke(main, ["fusion", "split", strike.event_id, "--db", feed_db])     # every report alone
    assert out.exit_code == 0, out.output
    pieces = json.loads(out.output)["events"]
    assert len(pieces) == 3
    assert runner.invoke(main, ["fusion", "merge", pieces[1], pieces[2], "--db", feed_db]).exit_code == 0
    with wirewatch.open(feed_db) as store:
        first = store.event(pieces[0]).sources[0].article_id
        other = next(e.event_id for e in store.event_records()
                     if e.event_id not in pieces and first not in {s.article_id for s in e.sources})
    out = runner.invoke(main, ["fusion", "merge", pieces[0], other, "--db", feed_db])
    assert out.exit_code == 0, out.output
    exported = tmp_path / "corrections.jsonl"
    out = runner.invoke(main, ["fusion", "export", "-o", str(exported), "--db", feed_db])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in rows} == {"apart", "together"}
    assert sum(r["kind"] == "apart" for r in rows) == 2            # the third report apart from the other two
    rebuilt = str(tmp_path / "rebuilt.db")
    assert runner.invoke(main, ["ingest", fixture_feed_url, "--allow-private", "--db", rebuilt]).exit_code == 0
    with wirewatch.open(rebuilt) as store, wirewatch.open(feed_db) as corrected:
        assert _grouping(store) != _grouping(corrected)
    out = runner.invoke(main, ["fusion", "import", str(exported), "--db", rebuilt])
    assert out.exit_code == 0, out.output
    done = json.loads(out.output)
    assert (done["recorded"], done["missing"], done["refused"]) == (len(rows), 0, [])
    assert done["merged"] >= 1 and done["split"] >= 1
    with wirewatch.open(rebuilt) as store, wirewatch.open(feed_db) as corrected:
        assert _grouping(store) == _grouping(corrected)
        grouping = _grouping(store)
    again = runner.invoke(main, ["fusion", "import", str(exported), "--db", rebuilt])
    assert json.loads(again.output)["merged"] == json.loads(again.output)["split"] == 0      # nothing left to do
    with wirewatch.open(rebuilt) as store:
        assert _grouping(store) == grouping


def test_importing_bad_corrections_is_a_one_line_error(feed_db, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "apart", "mention_a": "x:e1", "mention_b": "y:e1"}\n{"kind": "sideways"}\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["fusion", "import", str(bad), "--db", feed_db])
    assert out.exit_code == 1 and "override 2: expected kind apart|together" in out.output
    bad.write_text("not json\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["fusion", "import", str(bad), "--db", feed_db])
    assert out.exit_code == 1 and "bad.jsonl:1: not JSON" in out.output
    unknown = tmp_path / "unknown.jsonl"
    unknown.write_text('{"kind": "apart", "mention_a": "x:e1", "mention_b": "y:e1", "at": "2024-01-01"}\n', encoding="utf-8")
    out = CliRunner().invoke(main, ["fusion", "import", str(unknown), "--db", feed_db])
    assert out.exit_code == 0 and json.loads(out.output)["missing"] == 1     # reports this database lacks


def test_bad_corrections_are_one_line_errors(feed_db):
    runner = CliRunner()
    out = runner.invoke(main, ["fusion", "split", "NOPE-123", "--db", feed_db])
    assert out.exit_code == 1 and "NOPE-123: no such event" in out.output
    with wirewatch.open(feed_db) as store:
        strike = _strike(store)
        single = next(e for e in store.event_records() if len(e.sources) == 1)
    out = runner.invoke(main, ["fusion", "split", single.event_id, "--db", feed_db])
    assert out.exit_code == 1 and "nothing to split" in out.output
    out = runner.invoke(main, ["fusion", "split", strike.event_id, "--mention", "x:y", "--db", feed_db])
    assert out.exit_code == 1 and "has no report x:y" in out.output
    out = runner.invoke(main, ["fusion", "merge", strike.event_id, strike.event_id, "--db", feed_db])
    assert out.exit_code == 1 and "itself" in out.output


def test_split_every_report_and_batch_fusion_honours_it():
    from wirewatch.fuse import Report, fuse
    from wirewatch.model import Source
    m = Mention(event_id="e", event_date="2022-01-01", event_type="Battles", sub_event_type="Armed clash",
                actor1="Rebels of Otherland", actor2="Military Forces of Otherland", iso3="OTH",
                location="Riverton", latitude=1.0, longitude=2.0, geo_precision=1)
    reports = [Report(m, Source("a"), "2022-01-01"), Report(deepcopy(m), Source("b"), "2022-01-02")]
    assert len(fuse(reports)) == 1
    assert len(fuse(reports, apart=frozenset({frozenset(("a:e", "b:e"))}))) == 2


@pytest.mark.postgres
def test_split_and_merge_on_postgresql(pg_url):
    """The same corrections on the PostgreSQL store (skipped without a PostgreSQL server)."""
    from wirewatch.store.synthetic import synthetic_articles
    articles = synthetic_articles(12, seed=3)
    with wirewatch.open(pg_url) as store:
        store.add_articles(articles)
        event = next(e for e in store.event_records() if len(e.sources) >= 2)
        before = store.count_events()
        ids = store.split_event(event.event_id)
        assert len(ids) == len(event.sources) and store.count_events() == before + len(ids) - 1
        for other in ids[1:]:
            store.merge_events(ids[0], other)
        merged = store.event(ids[0])
        assert store.count_events() == before and sorted(merged.mention_ids) == sorted(event.mention_ids)
        assert [r.changes["override"] for r in merged.history if "override" in r.changes][-1] == [None, "merged"]
