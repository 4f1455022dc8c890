"""Counts of events by period x place x type x actor, in SQL (one GROUP BY over the events table's
columns, so 100k events take milliseconds, not a JSON parse per row).

    aggregate_sql(by, filters, dialect) -> (sql, params, columns)

Each row: the chosen dimensions, then
- `events`: how many events;
- `fatalities`: the sum of the reported tolls of those events whose toll is known;
- `fatalities_unknown`: how many events had no reported toll (ACLED would have counted them as 0;
  wirewatch leaves them out of the sum and counts them here, so nothing is silently zero);
- `contested`: how many events are contested (asserted by one party, denied by another).

By `actor`, an event counts once under each side (actor1 and, when different, actor2), so the rows
of one period add up to more events than there are; the other dimensions partition the events.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from .filters import EventFilters, FilterError

PERIODS = ("day", "week", "month", "year")
DIMENSIONS = PERIODS + ("country", "iso3", "admin1", "admin2", "event_type", "sub_event_type", "actor",
                        "status")
MEASURES = ("events", "fatalities", "fatalities_unknown", "contested")

# the week: the ISO week's Monday. SQLite groups by the week's number (Julian day number // 7,
# whose remainder 0 is a Monday), cheaper per row than date(..., 'weekday 0'), and `week_start`
# names the few distinct weeks afterwards; PostgreSQL truncates the date.
_WEEK = {
    "sqlite": "CASE WHEN length(event_date) = 10 THEN CAST((julianday(event_date) + 0.5) / 7 AS INTEGER) END",
    "postgresql": "CASE WHEN length(event_date) = 10 THEN to_char(date_trunc('week', event_date::date), 'YYYY-MM-DD') END",
}
_JDN_OF_ORDINAL_0 = 1721425  # date.fromordinal(1) is Julian day number 1721426


@lru_cache(maxsize=4096)
def week_start(number: int) -> str:
    return date.fromordinal(number * 7 - _JDN_OF_ORDINAL_0).isoformat()


def finish(rows: list[tuple[Any, ...]], columns: Sequence[str], dialect: str) -> list[dict[str, Any]]:
    """Rows of `aggregate_sql` as dicts, weeks named by their Monday."""
    out = [dict(zip(columns, row)) for row in rows]
    if "week" in columns and dialect == "sqlite":
        for r in out:
            if r["week"] is not None:
                r["week"] = week_start(r["week"])
    return out


_EXPR = {
    "day": "CASE WHEN length(event_date) = 10 THEN event_date END",
    "month": "CASE WHEN length(event_date) >= 7 THEN substr(event_date, 1, 7) END",
    "year": "substr(event_date, 1, 4)",
    "actor": "actor",
}
_INNER = ("event_date", "country", "iso3", "admin1", "admin2", "event_type", "sub_event_type", "status",
          "fatalities")


def parse_by(raw: str | Sequence[str] | None) -> tuple[str, ...]:
    """'week,admin1' -> ('week', 'admin1'); at most one period; each dimension once."""
    parts = [p.strip() for p in (raw.split(",") if isinstance(raw, str) else raw or []) if p.strip()]
    if not parts:
        raise FilterError("by", f"name one or more of {', '.join(DIMENSIONS)} (e.g. by=week,admin1)")
    bad = [p for p in parts if p not in DIMENSIONS]
    if bad:
        raise FilterError("by", f"cannot group by {', '.join(map(repr, bad))} (one of {', '.join(DIMENSIONS)})")
    if len(set(parts)) != len(parts):
        raise FilterError("by", f"a dimension named twice: {raw!r}")
    if sum(p in PERIODS for p in parts) > 1:
        raise FilterError("by", f"at most one of {', '.join(PERIODS)}")
    return tuple(parts)


def aggregate_sql(by: Sequence[str], filters: EventFilters, dialect: str = "sqlite") -> tuple[str, list[object], tuple[str, ...]]:
    """The statement (qmark style), its parameters and the names of its columns."""
    by = parse_by(by)
    where, params = filters.where()
    inner_cols = ", ".join(_INNER)
    if "actor" in by:
        inner = (f"SELECT {inner_cols}, actor1 AS actor FROM events WHERE {where} UNION ALL "
                 f"SELECT {inner_cols}, actor2 AS actor FROM events WHERE {where} "
                 "AND actor2 IS NOT NULL AND (actor1 IS NULL OR actor2 <> actor1)")
        params = params + params
    else:
        inner = f"SELECT {inner_cols} FROM events WHERE {where}"
    exprs = [_WEEK.get(dialect, _WEEK["sqlite"]) if d == "week" else _EXPR.get(d, d) for d in by]
    dims = ", ".join(f"{e} AS {d}" for e, d in zip(exprs, by))
    positions = ", ".join(str(i + 1) for i in range(len(by)))
    order = ", ".join(f"{i + 1} NULLS LAST" for i in range(len(by)))  # positions: PostgreSQL takes no alias in an expression
    sql = (f"SELECT {dims}, COUNT(*) AS events, SUM(fatalities) AS fatalities, "
           "SUM(CASE WHEN fatalities IS NULL THEN 1 ELSE 0 END) AS fatalities_unknown, "
           "SUM(CASE WHEN status = 'contested' THEN 1 ELSE 0 END) AS contested "
           f"FROM ({inner}) AS t GROUP BY {positions} ORDER BY {order}")
    return sql, params, tuple(by) + MEASURES


FORMATS = ("csv", "json", "parquet")


def write_aggregate(rows: list[dict[str, Any]], columns: Sequence[str], fmt: str, out: Any) -> int:
    """Write aggregate rows as CSV, JSON (`{"columns", "rows", "null_convention"}`) or Parquet
    (counts as integers, periods as text) to a path or a stream; returns the number of rows."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt}", f"unknown format (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq
        if isinstance(out, io.TextIOBase):
            raise InputError("parquet", "needs an output file (-o FILE)")
        schema = pa.schema([(c, pa.int64() if c in MEASURES else pa.string()) for c in columns])
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)
        return len(rows)
    owned = isinstance(out, (str, Path))
    stream = open(out, "w", encoding="utf-8", newline="") if owned else out
    try:
        if fmt == "json":
            # dumps, not dump: json.dump streams through the pure-Python encoder (8x slower here)
            stream.write(json.dumps({"columns": list(columns), "rows": rows, "null_convention": NULL_CONVENTION},
                                    ensure_ascii=False, separators=(",", ":")) + "\n")
        else:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([["" if r[c] is None else r[c] for c in columns] for r in rows])
    finally:
        if owned:
            stream.close()
    return len(rows)


NULL_CONVENTION = ("fatalities: sum of the known tolls; events without a reported toll are not counted as 0 "
                   "but in fatalities_unknown (ACLED codes them 0)")

__all__ = ["aggregate_sql", "parse_by", "write_aggregate", "FORMATS", "DIMENSIONS", "MEASURES", "PERIODS", "NULL_CONVENTION"]
