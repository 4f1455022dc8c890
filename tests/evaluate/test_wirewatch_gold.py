"""`--kind wirewatch`: gold events matched to the extracted events that find them best."""
from __future__ import annotations

import json

from wirewatch.evaluate import detect_kind, evaluate
from wirewatch.model import Claim, Mention

from .fakes import FakePipeline

# An invented example story and its gold, written for this test.
EXAMPLE_TEXT = ("Example wire story. Officials in Kharkiv said on Tuesday that three people were killed when "
                "shells hit a market. The other side denied firing. Last week a drone struck Odesa.")
EXAMPLE_GOLD = {
    "article": {"published": "2022-05-03", "text": EXAMPLE_TEXT},
    "events": [
        {"key": "E1", "mention": "new", "event_date": "2022-05-03", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "country": "Ukraine", "latitude": 49.98,
         "longitude": 36.25, "fatalities": 3, "status": "contested",
         "claims": [{"stance": "denies"}]},
        {"key": "E2", "mention": "prior", "event_date": "2022-04-26", "event_type": "Explosions/Remote violence",
         "latitude": 46.48, "longitude": 30.73, "fatalities": None},
    ],
    "background": [{"about": "the war began", "date": "2022-02-24"}],
    "aggregates": [{"about": "deaths since the start", "count": 250, "cumulative": True}],
}


def test_gold_events_scored_against_their_best_match(tmp_path):
    folder = tmp_path / "example"
    folder.mkdir()
    gold = folder / "gold.json"
    gold.write_text(json.dumps(EXAMPLE_GOLD))
    events = {"example": [
        Mention("m0", event_date="2022-05-03", event_type="Explosions/Remote violence", latitude=50.0,
                longitude=36.2, mention="new"),                    # finds E1, fewer fields right
        Mention("m1", event_date="2022-05-03", event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack", country="Ukraine", iso3="UKR",
                latitude=49.99, longitude=36.23, fatalities=3, status="contested", mention="new",
                claims=[Claim("denies")]),
        Mention("m2", event_date="2022-05-03", event_type="Battles", latitude=48.0, longitude=37.8,
                mention="new"),                                    # stray: finds nothing
    ]}
    assert detect_kind(gold) == "wirewatch" and detect_kind(tmp_path) == "wirewatch"
    report = evaluate(tmp_path, "wirewatch", pipeline=FakePipeline(events))
    f = report.fields
    assert report.rows == 1
    assert (f["event_found"].hits, f["event_found"].n) == (1, 2)          # E2 (Odesa) not extracted
    assert (f["sub_event_type"].hits, f["sub_event_type"].n) == (1, 1)    # m1 chosen over m0
    assert (f["fatalities"].hits, f["fatalities"].n) == (1, 2)            # E2 missed entirely
    assert (f["status"].hits, f["status"].n) == (1, 1)
    assert (f["claims"].hits, f["claims"].n) == (1, 1)
    assert (f["new_event_precision"].hits, f["new_event_precision"].n) == (2, 3)
    assert (f["background_not_new"].hits, f["background_not_new"].n) == (1, 1)
    assert (f["aggregate_not_attached"].hits, f["aggregate_not_attached"].n) == (1, 1)
    assert (f["no_stray_event"].hits, f["no_stray_event"].n) == (0, 1)     # m2, the Battles far from Kharkiv
    assert (f["new_events_within_cap"].hits, f["new_events_within_cap"].n) == (0, 1)   # 3 new > 1 gold new + 1


def test_background_dated_as_news_is_caught(tmp_path):
    (tmp_path / "example").mkdir()
    gold = tmp_path / "example" / "gold.json"
    gold.write_text(json.dumps(EXAMPLE_GOLD))
    events = {"example": [Mention("old", event_date="2022-02-24", event_type="Battles", mention="new")]}
    report = evaluate(gold, "wirewatch", pipeline=FakePipeline(events))
    assert report.fields["background_not_new"].hits == 0
