"""Fusion rules: which mentions are one event, and what the fused event says."""
from __future__ import annotations

from dataclasses import replace

import pytest

from wirewatch.fuse import Report, combine, fuse, same_event
from wirewatch.fuse_rules import compare
from wirewatch.model import Claim, Mention, Source

# a made-up strike in a made-up country
BASE = Mention(event_id="e1", event_date="2022-05-04", event_type="Explosions/Remote violence",
               sub_event_type="Air/drone strike", actor1="Military Forces of Testland",
               actor1_country="TST", actor2="Civilians (Otherland)", actor2_country="OTH",
               country="Otherland", iso3="OTH", admin1="North", admin2="Riverside",
               location="Riverton", latitude=10.0, longitude=20.0, geo_precision=1)


@pytest.mark.parametrize("change, compatible", [
    ({}, True),
    ({"event_date": "2022-05-05"}, False),                       # ACLED: one event is one day
    ({"event_date": "2022-05-05", "time_precision": 2}, True),   # dated only to a week
    ({"event_date": "2022-05-20", "time_precision": 2}, False),
    ({"event_date": None}, False),
    ({"latitude": 10.03, "longitude": 20.0}, True),              # ~3 km: one town geocoded twice
    ({"latitude": 10.1, "longitude": 20.0, "location": "Hillton"}, False),  # ~11 km: another town
    ({"latitude": 10.2, "longitude": 20.0, "geo_precision": 2}, True),      # only near: 22 km
    ({"latitude": 11.0, "longitude": 20.0, "geo_precision": 3, "admin2": None}, True),  # region only
    ({"latitude": 11.0, "longitude": 20.0, "geo_precision": 3, "admin1": "South"}, False),
    ({"latitude": None, "longitude": None}, True),               # no point: its region
    ({"event_type": "Violence against civilians", "sub_event_type": "Attack"}, True),  # same family
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
    ({"actor1": "Rebels of Otherland", "actor1_country": "OTH"}, True),   # shares the victims' side
    ({"actor1": "Rebels of Farland", "actor1_country": "FAR", "actor2": "Militia of Farland",
      "actor2_country": "FAR"}, False),
    ({"actor1": None, "actor1_country": None, "actor2": None, "actor2_country": None}, True),
    ({"iso3": "FAR"}, False),
])
def test_rules_that_rule_a_pair_out(change, compatible):
    assert compare(BASE, replace(BASE, **change)).compatible is compatible


DYAD = replace(BASE, actor2="Rebels of Otherland", actor2_country="OTH")


@pytest.mark.parametrize("a, b, same", [
    # same day, same town, the same two named parties: ACLED's one event
    (DYAD, DYAD, True),
    # one named party and a category: a busy town sees many such strikes a day
    (BASE, BASE, False),
    # ... unless a detail ties the two reports: a distinctive toll, the same party's claim
    (replace(BASE, fatalities=12), replace(BASE, fatalities=13), True),
    (replace(BASE, fatalities=1), replace(BASE, fatalities=1), False),  # one killed tells nothing
    (replace(BASE, claims=[Claim("asserts", claimant_country="OTH")]),
     replace(BASE, claims=[Claim("asserts", claimant_country="OTH")]), True),
    # two protests in one city on one day, nobody named: two events
    (replace(BASE, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Otherland)",
             actor2=None), replace(BASE, event_type="Protests", sub_event_type="Peaceful protest",
                                   actor1="Protesters (Otherland)", actor2=None), False),
    # only the region known on one side: the same two parties, kind and a detail are needed
    (replace(DYAD, geo_precision=3, latitude=11.0, fatalities=8), replace(DYAD, fatalities=8), True),
    (replace(DYAD, geo_precision=3, latitude=11.0), DYAD, False),
])
def test_what_makes_one_event(a, b, same):
    assert same_event(a, b) is same


def test_counter_accusations_are_two_events_unless_a_report_ties_them():
    # Testland says Otherland shelled it; Otherland says Testland shelled it
    a = replace(DYAD, actor1="Military Forces of Testland", actor1_country="TST",
                actor2="Military Forces of Otherland", actor2_country="OTH",
                claims=[Claim("asserts", claimant_country="OTH")])
    b = replace(DYAD, actor1="Military Forces of Otherland", actor1_country="OTH",
                actor2="Military Forces of Testland", actor2_country="TST",
                claims=[Claim("asserts", claimant_country="TST")])
    assert compare(a, b).evidence["claimants"]["ok"] is False
    tied = replace(a, claims=a.claims + [Claim("denies", claimant_country="TST")])
    assert compare(tied, b).evidence["claimants"]["ok"] is True


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


def test_a_copy_ties_reports_only_across_outlets():
    """A wire story's copies are carried by different outlets; one outlet's look-alike texts
    (a template's daily briefs) clustered together are two stories."""
    from wirewatch.fuse import syndicated
    a = Source("a", url="https://one.example/1", syndication_cluster="a")
    assert syndicated(a, Source("b", url="https://two.example/9", syndication_cluster="a"))
    assert not syndicated(a, Source("b", url="https://one.example/2", syndication_cluster="a"))
    assert not syndicated(a, Source("b", url="https://two.example/9", syndication_cluster="b"))
    same_outlet = Source("b", url="https://one.example/2", syndication_cluster="a")
    events = fuse([Report(BASE, a, "2022-05-04T08:00"), Report(replace(BASE, event_id="e2"), same_outlet,
                                                                  "2022-05-04T09:00")])
    assert len(events) == 2
    events = fuse([Report(BASE, a, "2022-05-04T08:00"),
                   Report(replace(BASE, event_id="e2"), Source("c", url="https://two.example/9",
                                                                syndication_cluster="a"), "2022-05-04T09:00")])
    assert len(events) == 1 and "copies of one story" in events[0].fusion[-1]["reason"]
