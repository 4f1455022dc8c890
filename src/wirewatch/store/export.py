"""Exports of fused events: ACLED-column CSV, GeoJSON, Parquet, JSONL, JSON; and the readers that
bring each back (the round trip the tests check).

    write_events(events, fmt, out) -> ExportResult(written, skipped)
    read_events(path_or_stream, fmt) -> list[Event]
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Iterable

from ..errors import InputError
from ..model import Event, to_dict
from .records import event_from_dict
from .regions import region_of

FORMATS = ("csv", "json", "jsonl", "geojson", "parquet")
# every Event field but `article_id`, which a fused event inherits from Mention and never sets
# (its articles are its `sources`)
EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "article_id")


def event_record(event: Event) -> dict[str, Any]:
    """An event as the plain dict every export writes."""
    d = to_dict(event)
    return {name: d[name] for name in EVENT_FIELDS}
_LISTS = {f.name for f in fields(Event) if "list" in str(f.type)}
_INTS = {f.name for f in fields(Event) if str(f.type).startswith("int")}
_FLOATS = {f.name for f in fields(Event) if str(f.type).startswith("float")}
_BOOLS = {f.name for f in fields(Event) if str(f.type).startswith("bool")}

# ACLED's public column order (its data export), then wirewatch's own columns
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# Event fields ACLED names the same (or under event_id_cnty) are not repeated as extras
_ACLED_SHARED = (set(ACLED_COLUMNS) & set(EVENT_FIELDS)) | {"event_id"}
EXTRA_COLUMNS = tuple(f for f in EVENT_FIELDS if f not in _ACLED_SHARED)
CSV_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}


@dataclass
class ExportResult:
    written: int = 0
    skipped: int = 0        # GeoJSON: events without coordinates, left out


# ------------------------------------------------------------------------------- rows

def _numeric_iso(iso3: str | None) -> int | None:
    if not iso3:
        return None
    import pycountry
    country = pycountry.countries.get(alpha_3=iso3)
    return int(country.numeric) if country else None


def _acled_source(event: Event) -> str:
    names: list[str] = []
    for s in event.sources:
        for name in (s.publisher, s.wire_agency):
            if name and name not in names:
                names.append(name)
    return "; ".join(names)


def _timestamp(event: Event) -> int | None:
    for rev in reversed(event.history):
        try:
            return int(datetime.fromisoformat(rev.at.replace("Z", "+00:00")).timestamp())
        except (ValueError, AttributeError):
            continue
    return None


def acled_row(event: Event) -> dict[str, Any]:
    """One CSV row: ACLED's columns (ACLED codes 0 fatalities when no number was reported; the
    extra `fatalities_low` stays empty then, which is how the reader tells 0 from unknown),
    then every other Event field, lists as JSON."""
    d = event_record(event)
    civil = any((a or "").startswith("Civilians") for a in (event.actor1, event.actor2))
    row: dict[str, Any] = {c: d.get(c) for c in ACLED_COLUMNS}
    row.update(
        event_id_cnty=event.event_id, year=(event.event_date or "")[:4] or None,
        disorder_type=_DISORDER.get(event.event_type or ""),
        civilian_targeting="Civilian targeting" if civil and event.event_type in _DISORDER else None,
        iso=_numeric_iso(event.iso3), region=region_of(event.iso3), admin3=None,
        source=_acled_source(event), source_scale=None, fatalities=event.fatalities or 0, tags=None,
        timestamp=_timestamp(event),
    )
    for name in EXTRA_COLUMNS:
        row[name] = json.dumps(d[name], ensure_ascii=False) if name in _LISTS else d[name]
    return row


def _typed(name: str, value: str) -> Any:
    if value == "":
        return None
    if name in _LISTS:
        return json.loads(value)
    if name in _BOOLS:
        return value in ("True", "true", "1")
    if name in _INTS:
        return int(float(value))
    if name in _FLOATS:
        return float(value)
    return value


def from_acled_row(row: dict[str, str]) -> Event:
    d: dict[str, Any] = {name: _typed(name, row.get(name, "")) for name in EVENT_FIELDS if name in row}
    d["event_id"] = row["event_id_cnty"]
    if d.get("fatalities_low") is None:
        d["fatalities"] = None
    return event_from_dict(d)


# ------------------------------------------------------------------------------- writers

def _open_text(out: str | Path | IO[str]) -> tuple[IO[str], bool]:
    if isinstance(out, (str, Path)):
        return open(out, "w", encoding="utf-8", newline=""), True
    return out, False


def write_events(events: Iterable[Event], fmt: str, out: str | Path | IO[Any]) -> ExportResult:
    """Write fused events as `fmt` to a path or an open stream (parquet needs a path or a
    binary stream)."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt}", f"unknown format (one of {', '.join(FORMATS)})")
    events = list(events)
    if fmt == "parquet":
        return _write_parquet(events, out)
    stream, owned = _open_text(out)
    try:
        return _WRITERS[fmt](events, stream)
    finally:
        if owned:
            stream.close()


def _write_json(events: list[Event], stream: IO[str]) -> ExportResult:
    json.dump({"events": [event_record(e) for e in events]}, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return ExportResult(written=len(events))


def _write_jsonl(events: list[Event], stream: IO[str]) -> ExportResult:
    for e in events:
        stream.write(json.dumps(event_record(e), ensure_ascii=False) + "\n")
    return ExportResult(written=len(events))


def _write_csv(events: list[Event], stream: IO[str]) -> ExportResult:
    writer = csv.DictWriter(stream, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow(acled_row(e))
    return ExportResult(written=len(events))


def _write_geojson(events: list[Event], stream: IO[str]) -> ExportResult:
    features = []
    skipped = 0
    for e in events:
        if e.latitude is None or e.longitude is None:
            skipped += 1
            continue
        features.append({"type": "Feature", "id": e.event_id,
                         "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
                         "properties": event_record(e)})
    json.dump({"type": "FeatureCollection", "features": features,
               "skipped_without_coordinates": skipped}, stream, ensure_ascii=False)
    stream.write("\n")
    return ExportResult(written=len(features), skipped=skipped)


def _arrow_schema() -> Any:
    import pyarrow as pa
    def kind(name: str) -> Any:
        if name in _LISTS:
            return pa.string()  # JSON text: nested records read back exactly
        if name in _BOOLS:
            return pa.bool_()
        if name in _INTS:
            return pa.int64()
        if name in _FLOATS:
            return pa.float64()
        return pa.string()
    return pa.schema([(name, kind(name)) for name in EVENT_FIELDS])


def _write_parquet(events: list[Event], out: Any) -> ExportResult:
    import pyarrow as pa
    import pyarrow.parquet as pq
    if hasattr(out, "write") and isinstance(out, io.TextIOBase):
        raise InputError("parquet", "needs an output file (-o FILE)")
    rows = []
    for e in events:
        d = event_record(e)
        rows.append({k: (json.dumps(v, ensure_ascii=False) if k in _LISTS else v) for k, v in d.items()})
    pq.write_table(pa.Table.from_pylist(rows, schema=_arrow_schema()), out)
    return ExportResult(written=len(events))


_WRITERS = {"json": _write_json, "jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson}


# ------------------------------------------------------------------------------- readers

def read_events(src: str | Path | IO[Any], fmt: str) -> list[Event]:
    """Events back from an export written by `write_events`."""
    if fmt == "parquet":
        import pyarrow.parquet as pq
        rows = pq.read_table(src).to_pylist()
        return [event_from_dict({k: (json.loads(v) if k in _LISTS and v is not None else v)
                                 for k, v in r.items()}) for r in rows]
    text = Path(src).read_text(encoding="utf-8") if isinstance(src, (str, Path)) else src.read()
    if fmt == "json":
        return [event_from_dict(d) for d in json.loads(text)["events"]]
    if fmt == "jsonl":
        return [event_from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]
    if fmt == "geojson":
        return [event_from_dict(f["properties"]) for f in json.loads(text)["features"]]
    if fmt == "csv":
        return [from_acled_row(row) for row in csv.DictReader(io.StringIO(text))]
    raise InputError(f"--format {fmt}", f"unknown format (one of {', '.join(FORMATS)})")
