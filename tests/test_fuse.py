"""Fusion rules: which mentions are one event, and what the fused event says."""
from __future__ import annotations

from dataclasses import replace

import pytest

from wirewatch.fuse import Report, combine, fuse, same_event
from wirewatch.model import Claim, Mention, Source

# a made-up strike in a made-up country
BASE = Mention(event_id="e1", event_date="2022-05-04", event_type="Explosions/Remote violence",
               sub_event_type="Air/drone strike", actor1="Military Forces of Testland",
               actor1_country="TST", actor2="Civilians (Otherland)", actor2_country="OTH",
               country="Otherland", iso3="OTH", admin1="North", admin2="Riverside",
               location="Riverton", latitude=10.0, longitude=20.0, geo_precision=1)


@pytest.mark.parametrize("change, same", [
    ({}, True),
    ({"event_date": "2022-05-05"}, True),                        # a day apart
    ({"event_date": "2022-05-06"}, False),                       # two days apart
    ({"event_date": None}, False),
    ({"latitude": 10.2, "longitude": 20.0}, True),               # ~22 km
    ({"latitude": 10.3, "longitude": 20.0}, False),              # ~33 km
    ({"latitude": 10.3, "longitude": 20.0, "geo_precision": 2}, True),  # only near: same admin2
    ({"latitude": None, "longitude": None}, True),               # same admin2 / name
    ({"latitude": None, "longitude": None, "admin2": "Hills", "location": "Hilltown"}, False),
    ({"event_type": "Violence against civilians", "sub_event_type": "Attack"}, True),  # same family
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
    ({"actor1": "Rebels of Otherland", "actor1_country": "OTH"}, True),   # shares the victims' side
    ({"actor1": "Rebels of Farland", "actor1_country": "FAR", "actor2": "Militia of Farland",
      "actor2_country": "FAR"}, False),
    ({"actor1": None, "actor1_country": None, "actor2": None, "actor2_country": None}, True),
    ({"iso3": "FAR"}, False),
])
def test_same_event(change, same):
    assert same_event(BASE, replace(BASE, **change)) is same


@pytest.mark.parametrize("change, same", [
    # a report a day off, in the same town, by the same parties: one event
    ({"event_date": "2022-05-05"}, True),
    # the next day, same town, but another kind of attack and only one shared party: two events
    ({"event_date": "2022-05-05", "sub_event_type": "Shelling/artillery/missile attack",
      "actor2": "Civilians (Farland)"}, False),
    # same day, another town 15 km away, placed precisely, same generic victims only: two events
    ({"location": "Hillton", "latitude": 10.135, "longitude": 20.0, "actor1": "Rebels",
      "actor1_country": "OTH"}, False),
    # same day, the same town's area only ("near Riverton"): one event
    ({"location": "Riverside district", "latitude": 10.1, "longitude": 20.05, "geo_precision": 2}, True),
])
def test_same_event_needs_enough_agreement(change, same):
    assert same_event(BASE, replace(BASE, **change)) is same


def report(article_id, published, cluster=None, **change):
    return Report(replace(BASE, **change), Source(article_id=article_id, syndication_cluster=cluster or article_id),
                  published)


def test_ranges_best_is_latest_and_status_contested():
    reports = [
        report("a", "2022-05-04T08:00", fatalities=12, injuries=40, status="alleged",
               claims=[Claim(stance="asserts", claimant_country="OTH", speaker="Minister")]),
        report("b", "2022-05-04T09:00", cluster="a", fatalities=12, injuries=40,
               claims=[Claim(stance="asserts", claimant_country="OTH", speaker="Minister")]),
        report("c", "2022-05-05T10:00", fatalities=13, injuries=50,
               claims=[Claim(stance="denies", claimant_country="TST", speaker="Spokesman")]),
    ]
    event = combine("x", list(reversed(reports)))  # order of arrival does not matter
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (13, 12, 13)
    assert (event.injuries, event.injuries_low, event.injuries_high) == (50, 40, 50)
    assert event.status == "contested"
    assert event.independent_sources == 2          # a and b are copies of one wire story
    assert [s.article_id for s in event.sources] == ["a", "b", "c"]
    assert len(event.claims) == 2                   # the copy's identical claim is merged


def test_rewrites_crediting_one_agency_are_one_reporter():
    a, b, c = (report(x, f"2022-05-04T0{i}:00") for i, x in enumerate("abc"))
    a.source.wire_agency = b.source.wire_agency = "EXW"  # two outlets' rewrites of one agency story
    assert combine("x", [a, b, c]).independent_sources == 2


def test_later_look_back_does_not_replace_the_news_figure():
    event = combine("x", [report("a", "2022-05-04T08:00", fatalities=12),
                          report("b", "2022-05-05T08:00", fatalities=13),
                          report("c", "2022-06-20T08:00", fatalities=12, mention="prior")])
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (13, 12, 13)


def test_notes_follow_the_figure():
    event = combine("x", [report("a", "2022-05-04T08:00", fatalities=12, notes="12 killed."),
                          report("b", "2022-05-05T08:00", fatalities=13, notes="13 killed."),
                          report("c", "2022-05-05T09:00", fatalities=None, notes="No toll.")])
    assert event.notes == "13 killed."


def test_later_report_without_figure_keeps_best():
    event = combine("x", [report("a", "2022-05-04T08:00", fatalities=7),
                          report("b", "2022-05-05T08:00", fatalities=None)])
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (7, 7, 7)


@pytest.mark.parametrize("statuses, clusters, claims, expected", [
    (["reported", "reported"], ["a", "b"], [], "confirmed"),        # two independent reporters
    (["reported", "reported"], ["a", "a"], [], "reported"),         # copies are one reporter
    (["alleged", "alleged"], ["a", "b"], [("asserts", "OTH")], "alleged"),  # one party's word, twice
    (["alleged", "alleged"], ["a", "b"], [("asserts", "OTH"), ("asserts", "UNO")], "confirmed"),
    (["alleged", "reported"], ["a", "b"], [("asserts", "OTH"), ("denies", "TST")], "contested"),
])
def test_status(statuses, clusters, claims, expected):
    reports = [report(f"r{i}", f"2022-05-04T0{i}:00", cluster=c, status=s)
               for i, (s, c) in enumerate(zip(statuses, clusters))]
    reports[0].mention.claims = [Claim(stance=st, claimant_country=cc) for st, cc in claims]
    assert combine("x", reports).status == expected


def test_fuse_batch_history_and_background():
    mentions = [
        report("a", "2022-05-04T08:00", fatalities=12),
        report("b", "2022-05-05T09:00", fatalities=13),
        report("c", "2022-05-05T09:00", event_id="e2", mention="background", event_date="2020-01-01"),
        report("d", "2022-05-04T10:00", event_id="e3", location="Farville", latitude=-30.0, longitude=100.0,
               admin2="Far"),
    ]
    events = fuse(mentions)
    assert len(events) == 2
    strike = next(e for e in events if e.location == "Riverton")
    assert [r.article_id for r in strike.history] == ["a", "b"]
    assert strike.history[1].changes["fatalities"] == [12, 13]
    assert strike.event_id == fuse(mentions)[0].event_id  # stable ids


def test_one_mention_per_article_per_event():
    events = fuse([report("a", "2022-05-04T08:00"), report("a", "2022-05-04T08:00", event_id="e2")])
    assert len(events) == 2
