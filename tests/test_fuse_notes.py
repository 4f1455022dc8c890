"""Fused notes are written from the fused fields, and a region-level report keeps its region."""
from __future__ import annotations

from dataclasses import replace

import wirewatch
from wirewatch.fuse import Report, combine, fuse
from wirewatch.fuse_notes import disagreements, write_note
from wirewatch.model import Claim, Mention, Source

# a made-up strike in a made-up country, told by three reports that disagree on details
STRIKE = Mention(event_id="e1", event_date="2022-05-04", time_precision=1, event_type="Explosions/Remote violence",
                 sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Testland",
                 actor1_country="TST", actor2="Civilians (Otherland)", actor2_country="OTH",
                 country="Otherland", iso3="OTH", admin1="North", location="Riverton",
                 latitude=10.0, longitude=20.0, geo_precision=1, fatalities=12, injuries=40,
                 claims=[Claim("asserts", claimant="Otherland", claimant_country="OTH")],
                 notes="Testland forces shelled Riverton, killing 12.")


def _report(article, published, **change):
    return Report(replace(STRIKE, **change), Source(article_id=article, syndication_cluster=article), published)


def test_note_is_written_from_the_fused_fields_not_copied():
    reports = [_report("a", "2022-05-04T10:00"),
               _report("b", "2022-05-05T08:00", actor1="Unidentified Armed Group (Otherland)", fatalities=13,
                       injuries=50, notes="An unidentified group attacked Riverton; 13 dead.",
                       claims=[Claim("denies", claimant="Testland", claimant_country="TST")])]
    event = combine("x", reports)
    assert event.notes not in {r.mention.notes for r in reports}
    assert event.actor1 == "Military Forces of Testland"   # the report naming the most parties
    assert event.notes == ("On 4 May 2022, Military Forces of Testland carried out a shelling/artillery/missile "
                           "attack on Civilians (Otherland) in Riverton (North, Otherland). 13 killed (reports "
                           "range from 12 to 13) and 50 injured (reports range from 40 to 50). Claimed by "
                           "Otherland. Denied by Testland. The event is contested.")
    assert disagreements(event) == []


def test_note_keeps_the_precision_of_place_and_date():
    event = combine("x", [_report("a", "2022-05-04", geo_precision=3, location="North", time_precision=3,
                                  fatalities=None, injuries=None)])
    assert write_note(event).startswith("In May 2022, ")
    assert "in North (Otherland) (exact place unknown)" in event.notes
    assert "No casualty figures were reported." in event.notes and disagreements(event) == []


def test_disagreements_are_found():
    event = combine("x", [_report("a", "2022-05-04")])
    event.notes = "On 4 May 2022, rebels attacked Hillton, killing 3."
    assert {"actor1 Military Forces of Testland", "location Riverton", "fatalities 12"} <= set(disagreements(event))


def test_province_level_report_never_takes_the_city_point():
    """An unknown village coded to its province (precision 3, given the provincial capital's
    point by the geocoder) and a same-day protest in that city are two events, and the
    province-level one stays at its province."""
    city = Mention(event_id="p1", event_date="2022-03-01", event_type="Protests", sub_event_type="Peaceful protest",
                   actor1="Protesters (Otherland)", country="Otherland", iso3="OTH", admin1="Sea Province",
                   location="Port City", latitude=24.86, longitude=67.01, geo_precision=1)
    village = replace(city, event_id="p2", location="Sea Province", geo_precision=3)   # the capital's point
    events = fuse([Report(city, Source("a"), "2022-03-02"), Report(village, Source("b"), "2022-03-02")])
    assert len(events) == 2
    province = next(e for e in events if e.sources[0].article_id == "b")
    assert (province.location, province.geo_precision) == ("Sea Province", 3)
    assert "exact place unknown" in province.notes


def test_no_fused_event_is_more_precise_than_its_reports():
    # the same two named parties and toll, one report placing it only in its region: one event,
    # placed by the report that names the town
    dyad = replace(STRIKE, actor2="Rebels of Otherland", actor2_country="OTH", claims=[])
    region = replace(dyad, event_id="r", location="North", geo_precision=3, latitude=11.0, longitude=20.5)
    events = fuse([Report(region, Source("a"), "2022-05-04T08:00"), Report(dyad, Source("b"), "2022-05-04T09:00")])
    assert len(events) == 1
    assert events[0].geo_precision == 1 and events[0].location == "Riverton"
    alone = fuse([Report(region, Source("a"), "2022-05-04T08:00")])[0]
    assert (alone.geo_precision, alone.latitude) == (3, 11.0)


def test_every_fixture_feed_event_note_agrees(fixture_feed_url, tmp_path):
    """../shared/fixtures/feed ingested: every fused event's note agrees with its fields."""
    from wirewatch.settings import Settings
    from wirewatch.store.loader import ingest
    with wirewatch.open(tmp_path / "feed.db") as store:
        ingest([fixture_feed_url], store, Settings(allow_private=True))
        events = store.event_records()
        mentions = {f"{a}:{m.event_id}": m for a in {s.article_id for e in events for s in e.sources}
                    for m in store.article(a).events}
    assert events
    for event in events:
        assert disagreements(event) == [], (event.event_id, event.notes)
        assert event.fusion and event.fusion[0]["verdict"] == "new event"
        # one day per event (day-dated reports), and never placed finer than its reports
        reports = [mentions[k] for k in event.mention_ids]
        assert len({m.event_date for m in reports if (m.time_precision or 1) == 1}) <= 1
        assert event.geo_precision == min(m.geo_precision for m in reports)
