"""Metrics: Wilson intervals against published values, distances, comparators."""
from __future__ import annotations

import pytest

from wirewatch.evaluate.metrics import (
    FieldScore, fatalities_hit, fold, haversine_km, iso_date, same_label, same_place_name, wilson, within_km,
)


@pytest.mark.parametrize("hits,n,lo,hi", [
    (5, 10, 0.2366, 0.7634),     # textbook value for 5/10
    (0, 10, 0.0, 0.2775),        # the "rule of three"-like upper bound at 0 successes
    (10, 10, 0.7225, 1.0),
    (81, 263, 0.2553, 0.3662),   # Wikipedia's worked example, 81 of 263
    (0, 0, 0.0, 1.0),            # nothing scored: no information
])
def test_wilson_known_values(hits, n, lo, hi):
    got = wilson(hits, n)
    assert got == pytest.approx((lo, hi), abs=5e-4)


def test_wilson_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson(11, 10)


def test_haversine_paris_london():
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.0)


@pytest.mark.parametrize("pred,gold,ok", [
    ((11.85, 13.16), (11.8464, 13.1603), True),
    ((11.85, 13.50), (11.8464, 13.1603), False),   # ~37 km east
    ((None, None), (11.8464, 13.1603), False),
])
def test_within_25km(pred, gold, ok):
    assert within_km(pred, gold) is ok


@pytest.mark.parametrize("pred,gold,kw,ok", [
    (None, 0, {}, True),                            # ACLED's convention: no number = 0
    (None, 0, {"null_is_zero": False}, False),      # wirewatch's: no number is not zero
    (0, 0, {"null_is_zero": False}, True),
    (11, 10, {}, False),
    (11, 10, {"tolerance": 0.1}, True),
    (12, 10, {"tolerance": 0.1}, False),
    (1, 0, {"tolerance": 0.1}, False),              # a gold 0 still needs an exact 0
])
def test_fatalities_hit(pred, gold, kw, ok):
    assert fatalities_hit(pred, gold, **kw) is ok


@pytest.mark.parametrize("pred,gold,ok", [
    ("Borno State", "Borno", True),
    ("São Paulo", "Sao Paulo", True),
    ("Idlib Governorate", "Idleb", True),
    ("North Kivu", "Nord-Kivu", True),
    ("Nairobi Area", "Nairobi", True),
    ("Kano", "Borno", False),
    ("Veracruz de Ignacio de la Llave", "Veracruz", True),
    ("Raqqa", "Ar-Raqqa", True),
    ("Sar-e Pol", "Sari Pul", True),
    ("Duhok", "Dahuk", True),
    ("Kin", "Kano", False),
    ("Al Hasakah", "Al-Hasakeh", True),
    ("Baja California Sur", "Baja California", False),
    ("Mexico City", "Mexico", False),
    ("Kashmir", "Jammu and Kashmir", False),
    ("East Darfur", "West Darfur", False),
    (None, "Borno", False),
])
def test_same_place_name(pred, gold, ok):
    assert same_place_name(pred, gold) is ok


def test_labels_and_dates():
    assert same_label("battles", "Battles")
    assert same_label("Riots", frozenset({"Protests", "Riots"}))
    assert not same_label(None, "Battles")
    assert fold("Côte d'Ivoire") == "cote d ivoire"
    assert iso_date("2020-10-17T14:20:00+05:30") == "2020-10-17"
    assert iso_date("yesterday") is None


def test_field_score_json():
    s = FieldScore()
    for hit in (True, True, False, True):
        s.add(hit)
    s.excluded += 2
    j = s.to_json()
    assert j["accuracy"] == 0.75 and j["n"] == 4 and j["excluded"] == 2
    assert j["ci95"][0] < 0.75 < j["ci95"][1]


@pytest.mark.parametrize("name,gold,pred,kw,want", [
    ("event_date", "2020-05-03", None, {}, "null"),
    ("event_date", "2020-05-03", "2020-12-31", {"published": "2020-12-31"}, "the publication date"),
    ("event_date", "2020-05-03", "2020-05-04", {}, "off by 1 day"),
    ("event_date", "2020-05-03", "2020-05-09", {}, "off by 2-7 days"),
    ("event_date", "2020-05-03", "2020-05-30", {}, "same month, over a week off"),
    ("event_date", "2020-05-03", "2020-03-05", {}, "another month"),
    ("event_date", "2020-05-03", "2019-05-03", {}, "another year"),
    ("event_date", "2020-05-03", None, {"no_event": True}, "no event"),
    ("fatalities", 3, None, {}, "null, gold > 0"),
    ("fatalities", 0, 2, {}, "gold 0, predicted > 0"),
    ("nkill", 3, 5, {}, "too high"),
    ("nkill", 3, 1, {}, "too low"),
    ("location_25km", {"point": [40.68, 46.36]}, {"point": [None, None]}, {}, "no coordinates"),
    ("location_25km", {"point": [40.68, 46.36]}, {"point": [40.68, 46.96]}, {}, "25-100 km"),
    ("location_25km", {"point": [40.68, 46.36]}, {"point": [28.61, 77.21]}, {}, "over 500 km"),
    ("event_type", "Battles", "Protests", {}, None),
])
def test_miss_kinds(name, gold, pred, kw, want):
    from wirewatch.evaluate.diagnose import miss_kind
    assert miss_kind(name, gold, pred, **kw) == want
