"""Exports of fused events, one column set in every format, and the readers that bring each back.

    write_events(events, fmt, out) -> ExportResult(written, skipped)
    read_rows(src, fmt) -> list[dict]         (the same typed values from every format)
    read_events(src, fmt) -> list[Event]
    write_claims(claim_rows, fmt, out)        (one row per claim: CSV or Parquet)

Columns (`COLUMNS`): ACLED's, in ACLED's order (`event_id_cnty` carries wirewatch's event_id;
`inter1`, `inter2`, `interaction` in ACLED's current words), then wirewatch's own: the numeric
codes (`inter1_code`, `inter2_code`, `interaction_code`) and every other field of the Event.
CSV writes nested values (claims, sources, history...) as JSON text; JSON, JSONL and GeoJSON as
JSON; Parquet as typed lists of structs, with `event_date` a date.

Nulls: `fatalities` is empty/null when no source gave a number (ACLED writes 0 there; wirewatch
keeps unknown apart from zero in every format, so a mean over the column is a mean over known
tolls). Every other unknown value is empty in CSV and null elsewhere.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterable, Mapping

from ..errors import InputError
from ..model import Event, to_dict
from .filters import inter_label, interaction_label
from .records import event_from_dict
from .regions import region_of

FORMATS = ("csv", "json", "jsonl", "geojson", "parquet")
CLAIM_FORMATS = ("csv", "parquet")
# every Event field but `article_id`, which a fused event inherits from Mention and never sets
# (its articles are its `sources`)
EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "article_id")
_TYPES = {f.name: str(f.type) for f in fields(Event)}


def event_record(event: Event) -> dict[str, Any]:
    """An event as a plain dict of its fields (the API's and `Store.events()`' shape)."""
    d = to_dict(event)
    return {name: d[name] for name in EVENT_FIELDS}


# ACLED's public column order (its data export)
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
CODE_COLUMNS = ("inter1_code", "inter2_code", "interaction_code")
# Event fields ACLED names the same (or under event_id_cnty / the *_code columns) are not repeated
_SHARED = (set(ACLED_COLUMNS) & set(EVENT_FIELDS)) | {"event_id"}
EXTRA_COLUMNS = CODE_COLUMNS + tuple(f for f in EVENT_FIELDS if f not in _SHARED)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
CSV_COLUMNS = COLUMNS  # the same in every format; kept under its old name

# the kind of each column's value, for typed formats and for reading CSV back
_NESTED = {f for f in EVENT_FIELDS if _TYPES[f].startswith("list") or _TYPES[f].startswith("dict")}
_KIND: dict[str, str] = {c: "str" for c in COLUMNS}
_KIND.update({c: "int" for c in ("year", "iso", "timestamp", *CODE_COLUMNS)})
for _name in EVENT_FIELDS:
    if _name in _NESTED:
        _KIND[_name] = "nested"
    elif _TYPES[_name].startswith("int"):
        _KIND[_name] = "int"
    elif _TYPES[_name].startswith("float"):
        _KIND[_name] = "float"
    elif _TYPES[_name].startswith("bool"):
        _KIND[_name] = "bool"
for _name in ("inter1", "inter2", "interaction", "event_id_cnty"):
    _KIND[_name] = "str"
_KIND["event_date"] = "date"

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


def _acled_source(event: Event) -> str | None:
    names: list[str] = []
    for s in event.sources:
        for name in (s.publisher, s.wire_agency):
            if name and name not in names:
                names.append(name)
    return "; ".join(names) or None


def _timestamp(event: Event) -> int | None:
    for rev in reversed(event.history):
        try:
            return int(datetime.fromisoformat(rev.at.replace("Z", "+00:00")).timestamp())
        except (ValueError, AttributeError):
            continue
    return None


def export_row(event: Event) -> dict[str, Any]:
    """One event as every format writes it: `COLUMNS` in order, typed Python values (nested
    values as lists of dicts)."""
    d = event_record(event)
    civil = any((a or "").startswith("Civilians") for a in (event.actor1, event.actor2))
    year = (event.event_date or "")[:4]
    row: dict[str, Any] = {c: d.get(c) for c in ACLED_COLUMNS}
    row.update(
        event_id_cnty=event.event_id, year=int(year) if year.isdigit() else None,
        disorder_type=_DISORDER.get(event.event_type or ""),
        inter1=inter_label(event.inter1), inter2=inter_label(event.inter2),
        interaction=interaction_label(event.interaction),
        civilian_targeting="Civilian targeting" if civil and event.event_type in _DISORDER else None,
        iso=_numeric_iso(event.iso3), region=region_of(event.iso3), admin3=None,
        source=_acled_source(event), source_scale=None, fatalities=event.fatalities, tags=None,
        timestamp=_timestamp(event),
        inter1_code=event.inter1, inter2_code=event.inter2, interaction_code=event.interaction,
    )
    for name in EXTRA_COLUMNS:
        if name not in CODE_COLUMNS:
            row[name] = d[name]
    return row


acled_row = export_row  # the old name


def event_from_row(row: Mapping[str, Any]) -> Event:
    """The Event back from an export row (the derived ACLED columns are not read)."""
    d: dict[str, Any] = {name: row[name] for name in EVENT_FIELDS if name in row}
    d["event_id"] = row["event_id_cnty"]
    d["inter1"], d["inter2"], d["interaction"] = (row.get(c) for c in CODE_COLUMNS)
    return event_from_dict(d)


def _csv_cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if _KIND.get(name) == "nested":
        return json.dumps(value, ensure_ascii=False)
    return value


def _typed(name: str, value: str) -> Any:
    """A CSV cell back to its value."""
    if value == "":
        return None
    kind = _KIND.get(name, "str")
    if kind == "nested":
        return json.loads(value)
    if kind == "bool":
        return value in ("True", "true", "1")
    if kind == "int":
        return int(float(value))
    if kind == "float":
        return float(value)
    return value


# ------------------------------------------------------------------------------- writers

def _open_text(out: str | Path | IO[str]) -> tuple[IO[str], bool]:
    if isinstance(out, (str, Path)):
        return open(out, "w", encoding="utf-8", newline=""), True
    return out, False


def _check_format(fmt: str, formats: tuple[str, ...] = FORMATS) -> None:
    if fmt not in formats:
        raise InputError(f"--format {fmt}", f"unknown format (one of {', '.join(formats)})")


def write_events(events: Iterable[Event], fmt: str, out: str | Path | IO[Any]) -> ExportResult:
    """Write fused events as `fmt` to a path or an open stream (parquet needs a path or a
    binary stream)."""
    _check_format(fmt)
    rows = [export_row(e) for e in events]
    if fmt == "parquet":
        return _write_parquet(rows, out)
    stream, owned = _open_text(out)
    try:
        return _WRITERS[fmt](rows, stream)
    finally:
        if owned:
            stream.close()


def _write_json(rows: list[dict[str, Any]], stream: IO[str]) -> ExportResult:
    json.dump({"events": rows}, stream, ensure_ascii=False, indent=1)
    stream.write("\n")
    return ExportResult(written=len(rows))


def _write_jsonl(rows: list[dict[str, Any]], stream: IO[str]) -> ExportResult:
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return ExportResult(written=len(rows))


def _write_csv(rows: list[dict[str, Any]], stream: IO[str]) -> ExportResult:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(csv_cells(row))
    return ExportResult(written=len(rows))


def _write_geojson(rows: list[dict[str, Any]], stream: IO[str]) -> ExportResult:
    features = []
    skipped = 0
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            skipped += 1
            continue
        features.append({"type": "Feature", "id": row["event_id_cnty"],
                         "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                         "properties": row})
    json.dump({"type": "FeatureCollection", "features": features,
               "skipped_without_coordinates": skipped}, stream, ensure_ascii=False)
    stream.write("\n")
    return ExportResult(written=len(features), skipped=skipped)


# ------------------------------------------------------------------------------- parquet

def _nested_type(name: str) -> Any:
    import pyarrow as pa
    s, i = pa.string(), pa.int64()
    structs = {
        "claims": [("stance", s), ("claimant", s), ("claimant_country", s), ("speaker", s),
                   ("speaker_role", s), ("quote", s), ("start", i), ("end", i)],
        "evidence": [("start", i), ("end", i)],
        "sources": [("article_id", s), ("url", s), ("publisher", s), ("wire_agency", s),
                    ("syndication_cluster", s)],
        "history": [("at", s), ("article_id", s), ("changes", s)],  # changes: JSON text (any values)
    }
    if name in structs:
        return pa.list_(pa.struct(structs[name]))
    if _TYPES[name].startswith("list[str"):
        return pa.list_(s)
    return s  # any other nested field: JSON text


def _arrow_schema() -> Any:
    import pyarrow as pa
    kinds = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string(), "date": pa.date32()}
    return pa.schema([(c, _nested_type(c) if _KIND[c] == "nested" else kinds[_KIND[c]]) for c in COLUMNS])


def _parquet_value(name: str, value: Any, arrow_type: Any) -> Any:
    import pyarrow as pa
    if value is None:
        return None
    if name == "event_date":
        # a month or a year (time_precision 3) becomes its first day
        text = str(value)
        return date.fromisoformat(text + "-01" * ((10 - len(text)) // 3))
    if name == "history":
        return [{**r, "changes": json.dumps(r.get("changes"), ensure_ascii=False)} for r in value]
    if _KIND[name] == "nested" and arrow_type == pa.string():
        return json.dumps(value, ensure_ascii=False)
    return value


def arrow_schema() -> Any:
    """The Parquet layout of an export (one schema for every writer, streamed or not)."""
    return _arrow_schema()


def arrow_table(rows: list[dict[str, Any]], schema: Any = None) -> Any:
    """Export rows (`export_row`) as a pyarrow Table of `arrow_schema()`."""
    import pyarrow as pa
    schema = schema or _arrow_schema()
    columns = {f.name: [_parquet_value(f.name, r[f.name], f.type) for r in rows] for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def csv_cells(row: dict[str, Any]) -> list[Any]:
    """One export row as CSV cells in `COLUMNS` order (nested values as JSON text, None empty)."""
    return [_csv_cell(c, row[c]) for c in COLUMNS]


def _write_parquet(rows: list[dict[str, Any]], out: Any) -> ExportResult:
    import pyarrow.parquet as pq
    if hasattr(out, "write") and isinstance(out, io.TextIOBase):
        raise InputError("parquet", "needs an output file (-o FILE)")
    pq.write_table(arrow_table(rows), out)
    return ExportResult(written=len(rows))


def _from_parquet(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    schema = {f.name: f.type for f in _arrow_schema()}
    import pyarrow as pa
    for r in rows:
        if isinstance(r.get("event_date"), date):
            r["event_date"] = r["event_date"].isoformat()
        if r.get("history") is not None:
            r["history"] = [{**h, "changes": json.loads(h["changes"]) if h["changes"] else {}} for h in r["history"]]
        for name, kind in _KIND.items():
            if kind == "nested" and name != "history" and schema.get(name) == pa.string() and r.get(name) is not None:
                r[name] = json.loads(r[name])
    return rows


_WRITERS = {"json": _write_json, "jsonl": _write_jsonl, "csv": _write_csv, "geojson": _write_geojson}


# ------------------------------------------------------------------------------- readers

def read_rows(src: str | Path | IO[Any], fmt: str) -> list[dict[str, Any]]:
    """The rows of an export written by `write_events`, as the same typed values whatever the
    format (what `export_row` gave, but for the event date of a Parquet row of month precision)."""
    _check_format(fmt)
    if fmt == "parquet":
        import pyarrow.parquet as pq
        return _from_parquet(pq.read_table(src).to_pylist())
    text = Path(src).read_text(encoding="utf-8") if isinstance(src, (str, Path)) else src.read()
    if fmt == "json":
        return list(json.loads(text)["events"])
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if fmt == "geojson":
        return [f["properties"] for f in json.loads(text)["features"]]
    return [{k: _typed(k, v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def read_events(src: str | Path | IO[Any], fmt: str) -> list[Event]:
    """Events back from an export written by `write_events`."""
    return [event_from_row(r) for r in read_rows(src, fmt)]


# ------------------------------------------------------------------------------- claims

CLAIM_COLUMNS = ("event_id_cnty", "event_date", "stance", "claimant", "claimant_country", "speaker",
                 "speaker_role", "quote", "source_article_id", "source_url", "source_publisher",
                 "start", "end")
_CLAIM_INTS = {"start", "end"}


def write_claims(rows: Iterable[Mapping[str, Any]], fmt: str, out: str | Path | IO[Any]) -> ExportResult:
    """One row per claim (`Store.claim_records`): which event, asserted or denied, by whom, the
    quote, the article it was read from and the quote's offsets in that article's text."""
    _check_format(fmt, CLAIM_FORMATS)
    table = [{c: r.get(c) for c in CLAIM_COLUMNS} for r in rows]
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        if hasattr(out, "write") and isinstance(out, io.TextIOBase):
            raise InputError("parquet", "needs an output file (-o FILE)")
        schema = pa.schema([(c, pa.int64() if c in _CLAIM_INTS else pa.date32() if c == "event_date" else pa.string())
                            for c in CLAIM_COLUMNS])
        for r in table:
            if r["event_date"]:
                text = str(r["event_date"])
                r["event_date"] = date.fromisoformat(text + "-01" * ((10 - len(text)) // 3))
        pq.write_table(pa.Table.from_pylist(table, schema=schema), out)
        return ExportResult(written=len(table))
    stream, owned = _open_text(out)
    try:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(CLAIM_COLUMNS)
        for r in table:
            writer.writerow(["" if r[c] is None else r[c] for c in CLAIM_COLUMNS])
    finally:
        if owned:
            stream.close()
    return ExportResult(written=len(table))
