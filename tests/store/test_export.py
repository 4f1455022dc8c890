"""Every export format reads back to the same events."""
from __future__ import annotations

import csv
import io
import json

import pytest

import wirewatch
from wirewatch.model import to_dict
from wirewatch.store.export import (ACLED_COLUMNS, CLAIM_COLUMNS, COLUMNS, CSV_COLUMNS, FORMATS, read_events,
                                    read_rows, write_claims, write_events)
from wirewatch.store.synthetic import synthetic_articles


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    with wirewatch.open(tmp_path_factory.mktemp("export") / "e.db") as store:
        store.add_articles(synthetic_articles(60, seed=7))
        records = store.event_records()
    records[0].latitude = records[0].longitude = None     # one without coordinates
    records[1].fatalities = records[1].fatalities_low = records[1].fatalities_high = None  # no number
    records[2].parties, records[2].mediators = ["XXA", "XXB"], ["XXC"]
    records[3].inter1, records[3].inter2, records[3].interaction = 1, 7, 17
    records[4].inter1, records[4].interaction = 6, 60
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
    assert rows[1]["fatalities"] == ""  # unknown stays unknown (ACLED would write 0), in every format
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
    assert {"event_id_cnty", "sources", "independent_sources", "history", "claims", "status"} <= set(doc["events"][0])


def test_acled_region_and_numeric_iso():
    from wirewatch.store.export import _numeric_iso
    from wirewatch.store.regions import region_of
    assert region_of("AZE") == "Caucasus and Central Asia" and region_of("BRA") == "South America"
    assert _numeric_iso("AZE") == 31 and _numeric_iso(None) is None


def test_every_format_has_the_same_columns_and_values(events, tmp_path):
    """The same database exported in every format reads back to the same table, column by column
    (GeoJSON leaves out the event without coordinates)."""
    tables = {}
    for fmt in FORMATS:
        path = tmp_path / f"events.{fmt}"
        write_events(events, fmt, path)
        tables[fmt] = read_rows(path, fmt)
    for fmt, rows in tables.items():
        expected = tables["csv"][1:] if fmt == "geojson" else tables["csv"]
        assert [list(r) for r in rows] == [list(COLUMNS)] * len(expected), fmt   # one column set, one order
        for column in COLUMNS:
            assert [r[column] for r in rows] == [r[column] for r in expected], (fmt, column)
    csv_rows = tables["csv"]
    assert csv_rows[1]["fatalities"] is None and csv_rows[0]["fatalities"] == events[0].fatalities
    assert csv_rows[3]["event_id_cnty"] == events[3].event_id and csv_rows[3]["year"] == int(events[3].event_date[:4])
    # ACLED's current words, the numeric codes kept as wirewatch's own columns
    assert (csv_rows[3]["inter1"], csv_rows[3]["inter2"], csv_rows[3]["interaction"]) == (
        "State forces", "Civilians", "State forces-Civilians")
    assert (csv_rows[4]["interaction"], csv_rows[4]["interaction_code"]) == ("Protesters only", 60)
    assert csv_rows[3]["inter1_code"] == 1 and csv_rows[3]["interaction_code"] == 17


def test_parquet_is_typed(events, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq
    write_events(events, "parquet", tmp_path / "e.parquet")
    schema = pq.read_schema(tmp_path / "e.parquet")
    assert schema.names == list(COLUMNS)
    assert schema.field("event_date").type == pa.date32() and schema.field("year").type == pa.int64()
    assert schema.field("fatalities").type == pa.int64() and schema.field("latitude").type == pa.float64()
    claims = schema.field("claims").type
    assert pa.types.is_list(claims) and pa.types.is_struct(claims.value_type)
    frame = pq.read_table(tmp_path / "e.parquet").to_pandas()
    assert frame["fatalities"].isna().sum() == 1           # the unknown toll is null, not 0


def test_claims_export(tmp_path):
    with wirewatch.open(tmp_path / "c.db") as store:
        store.add_articles(synthetic_articles(30, seed=3))
        rows = store.claim_records()
        events = store.event_records()
    assert len(rows) == sum(len(e.claims) for e in events) > 0
    by_event = {e.event_id: e for e in events}
    for row in rows:
        event = by_event[row["event_id_cnty"]]
        assert row["event_date"] == event.event_date
        assert row["source_article_id"] in {s.article_id for s in event.sources}
        assert row["source_url"] == f"https://example.org/{row['source_article_id'][1:7].lstrip('0')}/" \
                                    f"{row['source_article_id'].split('-')[1]}"
    out = io.StringIO()
    assert write_claims(rows, "csv", out).written == len(rows)
    header, *body = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == CLAIM_COLUMNS and len(body) == len(rows)
    assert {r[header.index("stance")] for r in body} <= {"asserts", "denies"}
    write_claims(rows, "parquet", tmp_path / "claims.parquet")
    import pyarrow.parquet as pq
    back = pq.read_table(tmp_path / "claims.parquet").to_pylist()
    assert [r["speaker"] for r in back] == [r["speaker"] for r in rows]
    with pytest.raises(wirewatch.errors.InputError):
        write_claims(rows, "geojson", out)
