"""Every export format reads back to the same events."""
from __future__ import annotations

import csv
import io
import json

import pytest

import wirewatch
from wirewatch.model import to_dict
from wirewatch.store.export import ACLED_COLUMNS, CSV_COLUMNS, FORMATS, read_events, write_events
from wirewatch.store.synthetic import synthetic_articles


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    with wirewatch.open(tmp_path_factory.mktemp("export") / "e.db") as store:
        store.add_articles(synthetic_articles(60, seed=7))
        records = store.event_records()
    records[0].latitude = records[0].longitude = None     # one without coordinates
    records[1].fatalities = records[1].fatalities_low = records[1].fatalities_high = None  # no number
    records[2].parties, records[2].mediators = ["XXA", "XXB"], ["XXC"]
    return records


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip(events, fmt, tmp_path):
    path = tmp_path / f"events.{fmt}"
    result = write_events(events, fmt, path)
    back = read_events(path, fmt)
    expected = events[1:] if fmt == "geojson" else events
    assert [to_dict(e) for e in back] == [to_dict(e) for e in expected]
    assert result.written == len(expected)
    assert result.skipped == (1 if fmt == "geojson" else 0)


def test_csv_has_acled_columns_first(events):
    out = io.StringIO()
    write_events(events, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(next(csv.reader(io.StringIO(out.getvalue())))) == CSV_COLUMNS
    assert CSV_COLUMNS[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert rows[1]["fatalities"] == "0"  # ACLED codes 0 when no number was reported
    row = rows[3]
    assert row["event_id_cnty"] == events[3].event_id and row["year"] == events[3].event_date[:4]
    assert row["disorder_type"] in ("Political violence", "Demonstrations")
    assert row["source"].startswith("Outlet 0")


def test_geojson_points_are_lon_lat(events):
    out = io.StringIO()
    write_events(events, "geojson", out)
    doc = json.loads(out.getvalue())
    assert doc["type"] == "FeatureCollection"
    feature = doc["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [events[1].longitude, events[1].latitude]}
    assert doc["skipped_without_coordinates"] == 1


def test_json_shape(events):
    out = io.StringIO()
    write_events(events[:2], "json", out)
    doc = json.loads(out.getvalue())
    assert set(doc) == {"events"} and len(doc["events"]) == 2
    assert {"sources", "independent_sources", "history", "claims", "status"} <= set(doc["events"][0])


def test_acled_region_and_numeric_iso():
    from wirewatch.store.export import _numeric_iso
    from wirewatch.store.regions import region_of
    assert region_of("AZE") == "Caucasus and Central Asia" and region_of("BRA") == "South America"
    assert _numeric_iso("AZE") == 31 and _numeric_iso(None) is None
