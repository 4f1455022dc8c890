"""Exports through the API come back as the same events (the round trip, API side)."""
from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from wirewatch.model import to_dict

KEY_FIELDS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "iso3",
              "location", "latitude", "longitude", "fatalities", "status")


def exported(client: Any, fmt: str, **params: Any) -> list[Any]:
    from wirewatch.store.export import read_events

    r = client.get("/api/export", params={"format": fmt, **params})
    assert r.status_code == 200, r.text
    assert f"wirewatch-events.{fmt}" in r.headers["content-disposition"]
    stream: Any = io.BytesIO(r.content) if fmt == "parquet" else io.StringIO(r.content.decode("utf-8"))
    return list(read_events(stream, fmt))


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "geojson", "parquet"])
def test_export_round_trips(client: Any, example_store: Any, fmt: str) -> None:
    stored = {e.event_id: e for e in example_store.event_records()}
    back = {e.event_id: e for e in exported(client, fmt)}
    assert set(back) == set(stored)
    for event_id, event in stored.items():
        for name in KEY_FIELDS:
            assert getattr(back[event_id], name) == getattr(event, name), (fmt, event_id, name)
    if fmt != "csv":  # CSV is flat: ACLED's columns, not the nested claims and sources
        for event_id, event in stored.items():
            assert to_dict(back[event_id].claims) == to_dict(event.claims)
            assert to_dict(back[event_id].sources) == to_dict(event.sources)


def test_export_applies_the_filters(client: Any) -> None:
    assert [e.location.split(" ")[0] for e in exported(client, "jsonl", country="XBB")] == ["Marro"]
    assert {e.location for e in exported(client, "geojson", bbox="44.5,40.9,45.5,41.5")} == {"Valdora"}


def test_csv_has_acled_columns_first_in_order(client: Any) -> None:
    from wirewatch.store.export import ACLED_COLUMNS

    text = client.get("/api/export", params={"format": "csv"}).text
    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS


def test_geojson_export_matches_the_paged_api(client: Any) -> None:
    api = client.get("/api/events", params={"format": "geojson"}).json()
    export = client.get("/api/export", params={"format": "geojson"}).json()
    assert {f["id"] for f in api["features"]} == {f["id"] for f in export["features"]}
    assert {f["id"]: f["geometry"] for f in api["features"]} == {f["id"]: f["geometry"] for f in export["features"]}


def test_unknown_export_format_is_422(client: Any) -> None:
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_claims_export(client: Any, example_store: Any) -> None:
    r = client.get("/api/export/claims", params={"format": "csv", "status": "contested"})
    assert r.status_code == 200 and "wirewatch-claims.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    [event] = example_store.event_records(status="contested")
    assert [(x["stance"], x["quote"]) for x in rows] == [(c.stance, c.quote) for c in event.claims]
    assert {x["source_article_id"] for x in rows} <= {s.article_id for s in event.sources}
    assert all(x["source_url"] for x in rows)
