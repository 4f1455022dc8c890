"""/api/map answers kept per filter state (api/_answers.py): served again while the database is
unchanged, made anew after any commit (a new article from another connection, an event edited in
place without changing any count)."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from wirewatch.api._answers import AnswerCache, file_stamp
from wirewatch.model import Article, Mention


def hit(response: Any) -> bool:
    return "cache;desc=hit" in response.headers.get("server-timing", "")


def test_the_same_filters_get_the_kept_answer(client: Any) -> None:
    first = client.get("/api/map")
    again = client.get("/api/map")
    assert not hit(first) and hit(again) and again.content == first.content
    battles = client.get("/api/map", params={"event_type": "Battles"})
    assert not hit(battles) and battles.json()["total"] < first.json()["total"]


def test_a_new_article_from_another_connection_is_seen(client: Any, example_db: Path) -> None:
    import wirewatch

    before = client.get("/api/map").json()["total"]
    client.get("/api/map")
    mention = Mention(event_id="e1", event_date="2021-06-01", event_type="Protests", sub_event_type="Peaceful protest",
                      country="Arland", iso3="XAA", location="Newtown", latitude=10.0, longitude=10.0, status="reported")
    store = wirewatch.open(str(example_db))
    try:
        store.add_articles([Article(article_id="cache-new", text="Made-up: a march in Newtown.", relevant=True,
                                    published="2021-06-01T10:00:00Z", events=[mention])])
    finally:
        store.close()
    after = client.get("/api/map")
    assert not hit(after) and after.json()["total"] == before + 1


def test_an_event_edited_in_place_is_seen(client: Any, example_db: Path) -> None:
    body = client.get("/api/map").json()
    client.get("/api/map")
    first_id = body["columns"]["event_id"][0]
    with sqlite3.connect(example_db) as conn:          # the count of everything stays the same
        conn.execute("UPDATE events SET location = 'Renamed' WHERE event_id = ?", (first_id,))
    after = client.get("/api/map")
    assert not hit(after)
    locations = after.json()["columns"]["location"]
    names = locations if isinstance(locations, list) else [locations["values"][c] for c in locations["codes"]]
    assert names[0] == "Renamed"


def test_stamps_follow_the_files(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert file_stamp(None) is None and file_stamp("postgresql://host/db") is None
    assert file_stamp(":memory:") is None and file_stamp(str(db)) is None   # no file (yet): never kept
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (a)")
        s1 = file_stamp(str(db))
        conn.execute("INSERT INTO t VALUES (1)")
        conn.commit()
        assert file_stamp(str(db)) != s1


def test_the_cache_keeps_the_recent_answers_within_its_size() -> None:
    cache = AnswerCache(max_bytes=10)
    cache.put("a", (1,), b"aaaa")
    cache.put("b", (1,), b"bbbb")
    assert cache.get("a", (1,)) == b"aaaa"          # a is now the most recent
    cache.put("c", (1,), b"cccc")                   # 12 bytes: the least recent (b) goes
    assert cache.get("b", (1,)) is None and cache.get("a", (1,)) == b"aaaa" and cache.get("c", (1,)) == b"cccc"
    assert cache.get("a", (2,)) is None and cache.get("a", (1,)) is None   # another stamp: dropped
    cache.put("big", (1,), b"x" * 11)               # larger than the whole cache: not kept
    assert cache.get("big", (1,)) is None
    assert cache.get("c", None) is None             # no stamp (no file): never served
