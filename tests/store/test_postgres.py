"""The PostgreSQL + PostGIS store: the same behaviour and exports as the SQLite store.

Runs against a throw-away server (the `pg_server` fixture in tests/conftest.py); skipped when
PostgreSQL or PostGIS is not installed (`make setup-postgres`)."""
from __future__ import annotations

import io
import json
from copy import deepcopy

import pytest
from click.testing import CliRunner

import wirewatch
from wirewatch.cli import main
from wirewatch.errors import StoreError
from wirewatch.store import open_store
from wirewatch.store import queries as Q
from wirewatch.store.export import write_events
from wirewatch.store.postgres import redact, translate
from wirewatch.store.synthetic import synthetic_articles

# --- statement translation (no server needed) -----------------------------------------------


def test_translate_placeholders_and_sqlite_only_syntax() -> None:
    assert translate(Q.FETCH_CACHE_GET) == "SELECT etag, last_modified FROM fetch_cache WHERE url = %s"
    assert translate("BEGIN IMMEDIATE") == "BEGIN"
    assert translate(Q.INSERT_RTREE) is None and translate(Q.DELETE_RTREE) is None   # geom is generated
    assert "ON CONFLICT DO NOTHING" in translate(Q.INSERT_LSH_KEY)
    assert "?" not in translate(Q.EVENTS_NEAR_DATE) and "%s::text IS NULL" in translate(Q.EVENTS_NEAR_DATE)


def test_translate_filters() -> None:
    select = translate(Q.SELECT_EVENTS.format(where=f"{Q.F_BBOX} AND {Q.F_TEXT}", order=Q.DEFAULT_ORDER))
    assert "ST_MakeEnvelope" in select and "events_rtree" not in select
    assert "plainto_tsquery" in select and "MATCH" not in select
    assert "NULLIF(%s::bigint, -1)" in select          # SQLite's LIMIT -1
    assert "ORDER BY event_date NULLS FIRST, id NULLS FIRST" in select


def test_translation_rules_are_general_and_leave_literals_alone() -> None:
    """The dialect rules apply to any statement, not to known texts: NULLs sort as in SQLite
    in every ORDER BY item, INSERT OR IGNORE anywhere, placeholders and `%` outside and inside
    string literals as psycopg wants them, nested ORDER BYs and LIMITs too."""
    sql = ("SELECT a FROM t WHERE b LIKE '%?%' AND c = ? AND (SELECT x FROM u ORDER BY y DESC LIMIT 1) "
           "ORDER BY (a IS NULL), lower(b) DESC, c ASC, d NULLS LAST LIMIT ? OFFSET ?")
    assert translate(sql) == (
        "SELECT a FROM t WHERE b LIKE '%%?%%' AND c = %s AND (SELECT x FROM u ORDER BY y DESC NULLS LAST LIMIT 1) "
        "ORDER BY (a IS NULL) NULLS FIRST, lower(b) DESC NULLS LAST, c ASC NULLS FIRST, d NULLS LAST "
        "LIMIT NULLIF(%s::bigint, -1) OFFSET %s")
    assert translate("INSERT OR IGNORE INTO t (a, b) VALUES (?, ?)") == \
        "INSERT INTO t (a, b) VALUES (%s, %s) ON CONFLICT DO NOTHING"
    assert translate("begin  immediate") == "BEGIN"
    assert translate("SELECT 1 WHERE ? IS NOT NULL") == "SELECT 1 WHERE %s::text IS NOT NULL"


def _statements() -> list[str]:
    """Every statement the SQLite store sends: queries.py's constants (templates filled with every
    filter and an IN list) and the literal ones in store/sqlite.py."""
    import re
    from pathlib import Path

    filters = " AND ".join(v for k, v in vars(Q).items() if k.startswith("F_") and isinstance(v, str))
    out = []
    for name, value in vars(Q).items():
        values = value.values() if isinstance(value, dict) else [value]
        for v in values:
            if isinstance(v, str) and name.isupper() and not name.startswith("F_") and " " in v:
                out.append(v.replace("{where}", filters).replace("{marks}", "?, ?").replace("{order}", Q.DEFAULT_ORDER))
    sqlite_py = Path(Q.__file__).with_name("sqlite.py").read_text()
    out += [m for m in re.findall(r'execute\("([^"]+)"', sqlite_py) if not m.startswith("PRAGMA")]
    return out


def test_every_statement_translates_without_sqlite_only_syntax() -> None:
    for sql in _statements():
        pg = translate(sql)
        if pg is None:
            assert "events_rtree" in sql   # only the R*Tree bookkeeping is dropped
            continue
        for sqlite_only in ("?", "INSERT OR", "events_rtree", "articles_fts", "MATCH", "IMMEDIATE"):
            assert sqlite_only not in pg, (sqlite_only, pg)


def test_every_extension_mapping_is_used() -> None:
    """An extension fragment whose text changed in queries.py would otherwise stop applying silently."""
    from wirewatch.store.postgres import _DROPPED, _EXTENSIONS
    statements = _statements()
    assert all(sql in statements for sql in _DROPPED)
    assert [old for old in _EXTENSIONS if not any(old in s for s in statements)] == []


def test_redact_hides_the_password() -> None:
    assert redact("postgresql://me:secret@db:5432/ww") == "postgresql://me:***@db:5432/ww"
    assert redact("postgresql://me@db/ww") == "postgresql://me@db/ww"


def test_unreachable_server_is_a_clear_store_error() -> None:
    with pytest.raises(StoreError) as err:
        open_store("postgresql://me:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(err.value) and "cannot connect" in str(err.value)


# --- against a server ---------------------------------------------------------------------------

pg = pytest.mark.postgres


def _export(store, fmt: str = "jsonl", **filters) -> str:
    out = io.StringIO()
    write_events(store.event_records(**filters), fmt, out)
    return out.getvalue()


@pg
def test_schema_is_migrated_once(pg_url) -> None:
    from wirewatch.store.schema import migrations
    newest = migrations()[-1][0]
    with wirewatch.open(pg_url) as store:
        assert store.dialect == "postgresql" and store.schema_version == newest
        assert set(store.stats().values()) == {0}
    with wirewatch.open(pg_url) as store:     # reopening migrates nothing
        assert store.schema_version == newest


@pg
def test_synthetic_articles_same_as_sqlite(pg_url, tmp_path) -> None:
    articles = synthetic_articles(240, seed=7)
    with wirewatch.open(str(tmp_path / "s.db")) as lite, wirewatch.open(pg_url) as post:
        r1 = lite.add_articles(deepcopy(articles))
        r2 = post.add_articles(deepcopy(articles))
        assert (r2.new, r2.duplicates, r2.events_new, r2.events_updated, r2.mentions) == (
            r1.new, r1.duplicates, r1.events_new, r1.events_updated, r1.mentions)
        assert post.add_articles(deepcopy(articles[:10])).duplicates == 10   # idempotent
        lite.add_articles(deepcopy(articles[:10]))
        assert post.stats() == lite.stats()
        for fmt in ("jsonl", "csv", "geojson"):
            assert _export(post, fmt) == _export(lite, fmt)
        some = lite.event_records(limit=5)
        for filters in ({"country": "XXB"}, {"country": "Testland"}, {"since": "2021-06-01", "until": "2021-08"},
                        {"bbox": "-20,0,40,30"}, {"bbox": (100.0, -40.0, 140.0, 0.0)}, {"min_fatalities": 20},
                        {"event_type": "Battles"}, {"status": "reported"}, {"limit": 7, "offset": 3},
                        {"q": some[0].location}, {"event_type": "battles"}, {"sub_event_type": "ARMED CLASH"},
                        {"actor": "group 1"}, {"actor": "xxa"}, {"source": "outlet 1"}, {"source": "example.org/3/"},
                        {"geo_precision": 1}, {"time_precision": "1"}, {"sort": "-fatalities,location"},
                        {"sort": "claims", "limit": 9}):
            assert _export(post, **filters) == _export(lite, **filters), filters
            assert post.count_events(**{k: v for k, v in filters.items() if k not in ("limit", "offset", "sort")}) == \
                lite.count_events(**{k: v for k, v in filters.items() if k not in ("limit", "offset", "sort")})
        assert post.count_events(bbox="-20,0,40,30") > 0
        for by, filters in (("week,admin1", {}), ("month,event_type,actor", {"status": "reported"}),
                            ("day,country", {"since": "2021-06"}), ("year,sub_event_type", {})):
            assert post.aggregate(by, **filters) == lite.aggregate(by, **filters), by
        event_id = some[0].event_id
        assert post.event(event_id) == lite.event(event_id)
        assert post.event("nope") is None
        assert post.article(articles[0].article_id) == lite.article(articles[0].article_id)
        assert post.article_event_ids(articles[0].article_id) == lite.article_event_ids(articles[0].article_id)
        for filters in ({}, {"event_type": "battles", "since": "2021-06"}, {"bbox": "-20,0,40,30"}):
            assert post.event_points(**filters) == lite.event_points(**filters), filters     # the page's map
        assert post.events().equals(lite.events())


@pg
@pytest.mark.slow
def test_fixture_feed_exports_identical_events(fixture_feed_url, pg_url, tmp_path) -> None:
    runner = CliRunner()
    lite = str(tmp_path / "feed.db")
    for db in (lite, pg_url):
        result = runner.invoke(main, ["ingest", fixture_feed_url, "--allow-private", "--db", db])
        assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["ingest", fixture_feed_url, "--allow-private", "--db", pg_url])
    assert again.exit_code == 0 and "new 0" in again.output
    outputs = {}
    for db in (lite, pg_url):
        outputs[db] = [runner.invoke(main, ["events", "--db", db, "--format", fmt]).output for fmt in ("json", "csv")]
    assert outputs[pg_url] == outputs[lite]
    events = json.loads(outputs[pg_url][0])["events"]
    assert events, "the fixture feed has events"
    with wirewatch.open(pg_url) as store, wirewatch.open(lite) as other:
        assert store.stats() == other.stats()
        e = next(e for e in events if e.get("latitude") is not None)
        box = f"{e['longitude'] - 0.1},{e['latitude'] - 0.1},{e['longitude'] + 0.1},{e['latitude'] + 0.1}"
        assert store.count_events(bbox=box) == other.count_events(bbox=box) >= 1
