"""The SQLite store through its public API: idempotence, syndication, incremental fusion,
filters, transactions."""
from __future__ import annotations

import sqlite3
from copy import deepcopy

import pytest

import wirewatch
from wirewatch.errors import InputError
from wirewatch.store.filters import FilterError
from wirewatch.model import Article, Claim, Mention
from wirewatch.store.synthetic import synthetic_articles

WIRE = ("Officials in the provincial capital said on Tuesday that three people were killed when "
        "artillery shells hit a market near the river crossing, and that rescue teams were still "
        "searching the rubble for survivors. The defence ministry blamed rebel units positioned in "
        "the hills, while the rebels said government troops had fired first.")
FOLLOW = ("Rescuers pulled two more bodies from the ruined market on Wednesday, raising the toll to "
          "five, a hospital director said. The rebels again rejected the accusation and said they "
          "had no artillery in the area.")

STRIKE = Mention(event_id="e1", event_date="2022-05-03", time_precision=1,
                 event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                 actor1="Rebels (Otherland)", actor1_country="OTH", actor2="Civilians (Otherland)",
                 actor2_country="OTH", country="Otherland", iso3="OTH", admin1="North", location="Riverton",
                 latitude=10.0, longitude=20.0, geo_precision=1, fatalities=3, status="alleged",
                 claims=[Claim(stance="asserts", claimant="Government of Otherland", claimant_country="OTH")])


def article(article_id, text, published, publisher, mention_changes=None, **kw):
    m = deepcopy(STRIKE)
    for k, v in (mention_changes or {}).items():
        setattr(m, k, v)
    return Article(article_id=article_id, text=text, published=published, publisher=publisher,
                   url=f"https://example.org/{article_id}", canonical_url=f"https://example.org/{article_id}",
                   relevant=True, events=[m], **kw)


def story():
    """A wire story, a copy of it from another outlet, and an independent follow-up."""
    return [
        article("w1", WIRE, "2022-05-03T08:00:00+00:00", "Example Daily", wire_agency="EXW"),
        article("w2", "Example Times | World. " + WIRE + " Follow us for more news.",
                "2022-05-03T09:00:00+00:00", "Example Times"),
        article("f1", FOLLOW, "2022-05-04T10:00:00+00:00", "Example Post",
                {"fatalities": 5, "claims": [Claim(stance="denies", claimant="Rebels", claimant_country="OTH")]}),
    ]


@pytest.fixture
def store(tmp_db):
    s = wirewatch.open(tmp_db)
    yield s
    s.close()


def test_schema_is_versioned_and_pragmas_set(store):
    from wirewatch.store.sqlite import migrations
    assert store.schema_version == migrations()[-1][0]  # the newest migration file's number
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.integrity_check() == "ok"


def test_reopen_keeps_data_and_does_not_migrate_again(tmp_db, monkeypatch):
    from wirewatch.store import sqlite as impl
    with wirewatch.open(tmp_db) as s:
        s.add_articles(story())
        version = s.schema_version
    # every migration replaced by SQL that fails: reopening must apply none of them
    broken = [(v, name, "SELECT no_such_function();") for v, name, _ in impl.migrations()]
    monkeypatch.setattr(impl, "migrations", lambda: broken)
    with wirewatch.open(tmp_db) as s:
        assert s.schema_version == version
        assert s.stats()["articles"] == 3 and s.count_events() == 1


def test_story_fuses_into_one_event_with_all_sources(store):
    result = store.add_articles(story())
    assert (result.new, result.events_new, result.events_updated) == (3, 1, 2)
    [event] = store.event_records()
    assert [s.article_id for s in event.sources] == ["w1", "w2", "f1"]
    assert event.independent_sources == 2
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (5, 3, 5)
    assert event.status == "contested"
    assert [r.article_id for r in event.history] == ["w1", "w2", "f1"]
    assert event.history[-1].changes["fatalities"] == [3, 5]
    assert len(event.claims) == 2


def test_copies_share_a_cluster_and_the_wire_agency(store):
    store.add_articles(story())
    w1, w2, f1 = (store.article(i) for i in ("w1", "w2", "f1"))
    assert w1.syndication_cluster == w2.syndication_cluster == "w1"
    assert f1.syndication_cluster == "f1"
    assert w2.wire_agency == "EXW" and f1.wire_agency is None


def test_agency_found_on_a_later_copy_spreads_to_earlier_ones(store):
    first, copy, _ = story()
    first.wire_agency, copy.wire_agency = None, "EXW"
    store.add_articles([first, copy])
    assert store.article("w1").wire_agency == "EXW"
    assert store.event_records()[0].sources[0].wire_agency == "EXW"


def test_second_ingest_adds_nothing(store):
    store.add_articles(story())
    before = store.stats()
    again = store.add_articles(story())
    assert (again.new, again.duplicates) == (0, 3)
    assert store.stats() == before


def test_same_canonical_url_under_another_id_is_a_duplicate(store):
    store.add_articles(story())
    moved = story()[0]
    moved.article_id = "other-id"
    assert store.add_articles([moved]).duplicates == 1


def test_incremental_update_across_calls(store):
    a, b, c = story()
    store.add_articles([a])
    store.add_articles([b, c])
    [event] = store.event_records()
    assert event.fatalities == 5 and event.independent_sources == 2


def test_background_mentions_are_stored_but_not_events(store):
    a = story()[0]
    a.events.append(Mention(event_id="bg", event_type="Battles", event_date="1994-05-12", mention="background"))
    store.add_articles([a])
    assert store.stats()["mentions"] == 2 and store.count_events() == 1
    assert [m.event_id for m in store.article("w1").events] == ["e1", "bg"]


def test_repeated_mention_ids_do_not_sink_the_article(store):
    a = story()[0]
    a.events.append(deepcopy(a.events[0]))                       # same event_id twice
    a.events[1].event_date, a.events[1].location, a.events[1].latitude = "2022-04-01", "Elsewhere", -20.0
    assert store.add_articles([a]).new == 1
    assert store.stats()["mentions"] == 2 and store.count_events() == 2


def test_filters(store):
    store.add_articles(story() + [article("p1", "Hundreds marched peacefully through the capital on Saturday "
                                                "demanding higher wages for teachers and nurses, organisers said.",
                                          "2022-06-11T12:00:00+00:00", "Example Daily",
                                          {"event_date": "2022-06-11", "event_type": "Protests",
                                           "sub_event_type": "Peaceful protest", "location": "Capital City",
                                           "latitude": -5.0, "longitude": 30.0, "fatalities": None,
                                           "country": "Farland", "iso3": "FAR", "claims": []})])
    count = store.count_events
    assert count() == 2
    assert count(country="OTH") == 1 and count(country="otherland") == 1 and count(country="Farland") == 1
    assert count(since="2022-06-01") == 1 and count(until="2022-05-31") == 1 and count(since="2022") == 2
    assert count(bbox="19,9,21,11") == 1 and count(bbox=(-180, -90, 180, 90)) == 2
    assert count(event_type="Protests") == 1 and count(status="contested") == 1
    assert count(min_fatalities=1) == 1
    assert count(q="rubble") == 1 and count(q="teachers nurses") == 1 and count(q="zzz") == 0
    assert count(q='xyzzy OR "(') == 0 and count(q='rubble -') == 1  # user text never breaks FTS syntax
    assert [e.location for e in store.event_records(limit=1, offset=1)] == ["Capital City"]
    df = store.events(country="OTH")
    assert list(df["event_id"]) == [store.event_records(country="OTH")[0].event_id]
    assert {"sources", "independent_sources", "history"} <= set(df.columns)
    with pytest.raises(InputError):
        store.count_events(bbox="1,2,3")
    with pytest.raises(FilterError, match="colour: unknown filter"):
        store.count_events(colour="red")


def test_event_and_article_lookups(store):
    store.add_articles(story())
    event = store.event_records()[0]
    assert store.event(event.event_id).sources == event.sources
    assert store.event("nope") is None and store.article("nope") is None
    assert store.article("f1").text == FOLLOW


def test_fusion_is_transactional(store, monkeypatch):
    """A failure in the middle of an article's fusion leaves nothing of that article behind."""
    a, b, c = story()
    store.add_articles([a])
    before = store.stats()
    from wirewatch.store import sqlite as impl
    real = impl.SQLiteStore._write_event

    def failing(self, *args, **kwargs):
        real(self, *args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(impl.SQLiteStore, "_write_event", failing)
    with pytest.raises(RuntimeError):
        store.add_articles([c])
    assert store.stats() == before
    monkeypatch.undo()
    store.add_articles([c])
    assert store.event_records()[0].fatalities == 5


def test_fetch_cache_saves_validators_only_on_flush(tmp_db):
    with wirewatch.open(tmp_db) as s:
        cache = s.fetch_cache()
        cache.set("https://example.org/feed", '"abc"', None)
        assert cache.get("https://example.org/feed")["etag"] == '"abc"'
    with wirewatch.open(tmp_db) as s:
        cache = s.fetch_cache()
        assert cache.get("https://example.org/feed") is None  # never flushed: a crash loses nothing
        cache.set("https://example.org/feed", '"abc"', "Tue, 03 May 2022 08:00:00 GMT")
        cache.flush()
    with wirewatch.open(tmp_db) as s:
        assert s.fetch_cache().get("https://example.org/feed") == {
            "etag": '"abc"', "last_modified": "Tue, 03 May 2022 08:00:00 GMT"}


def test_synthetic_feed_fuses_stories(store):
    articles = synthetic_articles(300, seed=4)
    stories = {a.article_id.split("-")[0] for a in articles}
    store.add_articles(articles)
    assert store.count_events() == len(stories)
    assert store.integrity_check() == "ok"
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
