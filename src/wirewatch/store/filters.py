"""The event filters, parsed and validated once for the store, the CLI and the HTTP API.

    parse_filters(**raw) -> EventFilters      (raises FilterError naming the filter)
    EventFilters.where() -> (SQL, params)     (the store's WHERE clause)
    parse_sort(raw) -> [(column, descending)]

Every caller gets the same error type: `FilterError(name, reason)`, an `InputError` whose `name`
is the filter's name as the API spells it (the CLI prints it as `--name`, the API answers 422).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from ..errors import InputError
from . import queries as Q

STATUSES = ("reported", "alleged", "contested", "confirmed")
MAX_LIMIT = 10_000
DEFAULT_LIMIT = 100

# ACLED's actor types ("inter" codes 1-8) as ACLED's current exports word them; an interaction is
# the two types joined by '-' (lower code first), or "<type> only" for a one-sided event.
ACTOR_TYPES = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
               5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}


def inter_label(code: int | None) -> str | None:
    return ACTOR_TYPES.get(code) if code is not None else None


def interaction_label(code: int | None) -> str | None:
    """ACLED's word label of a numeric interaction code: 17 -> 'State forces-Civilians', 60 ->
    'Protesters only'."""
    if code is None or not 10 <= code <= 88:
        return None
    first, second = divmod(code, 10)
    if first not in ACTOR_TYPES or (second and second not in ACTOR_TYPES):
        return None
    return f"{ACTOR_TYPES[first]} only" if second == 0 else f"{ACTOR_TYPES[first]}-{ACTOR_TYPES[second]}"


_INTERACTION_CODES = {interaction_label(c).lower(): c  # type: ignore[union-attr]
                      for c in range(10, 89) if interaction_label(c)}


class FilterError(InputError):
    """A filter (or paging/sort parameter) that cannot be used; `str()` is `name: reason`."""

    def __init__(self, name: str, reason: str):
        self.name = name
        super().__init__(name, reason)

    @property
    def option(self) -> str:
        """The CLI spelling: `--event-type: ...`."""
        return f"--{self.name.replace('_', '-')}: {self.reason}"


# name -> one line of help (API docs and CLI help use the same words)
FILTER_HELP: dict[str, str] = {
    "country": "ISO3 code or English country name",
    "since": "first event day, inclusive (YYYY-MM-DD; a year or a month covers all of it)",
    "until": "last event day, inclusive (YYYY-MM-DD, YYYY-MM or YYYY)",
    "bbox": "W,S,E,N in degrees",
    "event_type": "ACLED event type, e.g. Battles (any case)",
    "sub_event_type": "ACLED sub-event type, e.g. 'Armed clash' (any case)",
    "actor": "an actor of either side (actor1/2, associated actors): part of the name, or the ISO3 of its country",
    "admin1": "first-level region (province), any case",
    "admin2": "second-level region (district), any case",
    "interaction": "ACLED interaction: its words ('State forces-Civilians', 'Protesters only') or its code (17, 60)",
    "source": "a publisher or wire agency of one of the event's sources (any case), or part of a source URL",
    "geo_precision": "ACLED geo precision: 1 (town), 2 (near town / part of region), 3 (region)",
    "time_precision": "ACLED time precision: 1 (day), 2 (week), 3 (month)",
    "status": "reported | alleged | contested | confirmed",
    "min_fatalities": "at least this many reported deaths",
    "q": "full-text search over the source articles (each word must occur)",
}
FILTER_NAMES = tuple(FILTER_HELP)

# columns the events can be sorted by (all columns of the events table, plus the claims count)
SORTABLE = {
    "event_id": "event_id", "event_date": "event_date", "event_type": "event_type",
    "sub_event_type": "sub_event_type", "country": "country", "iso3": "iso3", "admin1": "admin1",
    "admin2": "admin2", "location": "location", "actor1": "actor1", "actor2": "actor2",
    "interaction": "interaction", "latitude": "latitude", "longitude": "longitude",
    "geo_precision": "geo_precision", "time_precision": "time_precision", "fatalities": "fatalities",
    "status": "status", "independent_sources": "independent_sources", "claims": Q.CLAIMS_COUNT,
}


@dataclass
class EventFilters:
    country: str | None = None
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    interaction: int | None = None
    source: str | None = None
    geo_precision: int | None = None
    time_precision: int | None = None
    status: str | None = None
    min_fatalities: int | None = None
    q: str | None = None
    limit: int | None = None
    offset: int | None = None
    sort: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def parse(cls, **raw: Any) -> "EventFilters":
        return parse_filters(**raw)

    def store_kwargs(self) -> dict[str, Any]:
        """The filters that are set (not paging or sort), as keywords `parse` takes back."""
        return {k: getattr(self, k) for k in FILTER_NAMES if getattr(self, k) is not None}

    def fts_query(self) -> str:
        """Each word quoted: user text never breaks the FTS5 query syntax."""
        words = re.findall(r"\w+", self.q or "")
        return " ".join(f'"{w}"' for w in words) or '""'

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition (qmark style; `store/postgres.py` translates it) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.country:
            if len(self.country) == 3 and self.country.isalpha():
                clauses.append(Q.F_ISO3)
                params += [self.country.upper(), self.country]
            else:
                clauses.append(Q.F_COUNTRY)
                params.append(self.country)
        # a year or a month as `until` includes all of it
        until = self.until + "-99" if self.until and len(self.until) < 10 else self.until
        for clause, value in ((Q.F_SINCE, self.since), (Q.F_UNTIL, until),
                              (Q.F_EVENT_TYPE, self.event_type), (Q.F_SUB_EVENT_TYPE, self.sub_event_type),
                              (Q.F_ADMIN1, self.admin1), (Q.F_ADMIN2, self.admin2),
                              (Q.F_INTERACTION, self.interaction), (Q.F_GEO_PRECISION, self.geo_precision),
                              (Q.F_TIME_PRECISION, self.time_precision), (Q.F_STATUS, self.status),
                              (Q.F_MIN_FATALITIES, self.min_fatalities)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if self.actor:
            pattern = "%" + _like_escape(self.actor.lower()) + "%"
            iso3 = self.actor.upper() if re.fullmatch(r"[A-Za-z]{3}", self.actor) else None
            clauses.append(Q.F_ACTOR)
            params += [pattern] * 4 + [iso3, iso3]
        if self.source:
            clauses.append(Q.F_SOURCE)
            params += [self.source, self.source, "%" + _like_escape(self.source.lower()) + "%"]
        if self.bbox:
            west, south, east, north = self.bbox
            clauses.append(Q.F_BBOX)
            params += [west, east, south, north]
        if self.q:
            clauses.append(Q.F_TEXT)
            params.append(self.fts_query())
        return (" AND ".join(clauses) or "1 = 1"), params

    def order_by(self) -> str:
        """ORDER BY for the sort keys, unknown values last in either direction (the same in SQLite
        and PostgreSQL), ties broken by insertion order; oldest first by default."""
        if not self.sort:
            return Q.DEFAULT_ORDER
        keys = []
        for name, desc in self.sort:
            column = SORTABLE[name]
            keys.append(f"{column} IS NULL, {column} {'DESC' if desc else 'ASC'}")
        return ", ".join(keys) + ", id"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ------------------------------------------------------------------------------ parsers

def parse_bbox(raw: Any) -> tuple[float, float, float, float] | None:
    """W,S,E,N as a string or a sequence of four numbers."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    try:
        if len(parts) != 4:
            raise ValueError
        w, s, e, n = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise FilterError("bbox", f"expected W,S,E,N (four numbers), got {raw!r}") from None
    if not all(math.isfinite(v) for v in (w, s, e, n)):
        raise FilterError("bbox", f"numbers must be finite, got {raw!r}")
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= 90 and -90 <= n <= 90):
        raise FilterError("bbox", f"longitudes must lie in [-180, 180] and latitudes in [-90, 90], got {raw!r}")
    if s > n:
        raise FilterError("bbox", f"south ({s}) is north of north ({n})")
    if w > e:
        raise FilterError("bbox", f"west ({w}) is east of east ({e}); boxes across the antimeridian are not supported")
    return (w, s, e, n)


def parse_date(name: str, raw: Any) -> str | None:
    """An ISO day, or a year/month kept as a prefix (the store compares dates as text)."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = str(raw).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            return text
        if re.fullmatch(r"\d{4}-\d{2}", text):
            date.fromisoformat(text + "-01")
            return text
        # full timestamps are accepted too; only the day counts, events are dated by day
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise FilterError(name, f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {raw!r}") from None


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None


def _int(name: str, raw: Any, low: int | None = None, high: int | None = None) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = int(str(raw).strip()) if not isinstance(raw, int) else raw
    except ValueError:
        raise FilterError(name, f"expected a whole number, got {raw!r}") from None
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"[{low}, {high}]" if high is not None else f"{low} or more"
        raise FilterError(name, f"must be {'in ' if high is not None else ''}{span}, got {value}")
    return value


def parse_interaction(raw: Any) -> int | None:
    text = _text(raw)
    if text is None:
        return None
    if text.isdigit():
        code = int(text)
        if interaction_label(code) is None:
            raise FilterError("interaction", f"no ACLED interaction has the code {code}")
        return code
    named = _INTERACTION_CODES.get(re.sub(r"\s*-\s*", "-", text.lower()))
    if named is None:
        raise FilterError("interaction", f"expected ACLED's words (e.g. 'State forces-Civilians', "
                                         f"'Protesters only') or a code (e.g. 17), got {raw!r}")
    return named


def parse_sort(raw: Any) -> tuple[tuple[str, bool], ...]:
    """'fatalities' or '-event_date,admin1' ('-': descending) -> ((column, descending), ...)."""
    text = _text(raw)
    if text is None:
        return ()
    keys = []
    for part in text.split(","):
        part = part.strip()
        desc = part.startswith("-")
        name = part.lstrip("+-").strip()
        if name not in SORTABLE:
            raise FilterError("sort", f"cannot sort by {name!r} (one of {', '.join(SORTABLE)}; '-' in front: descending)")
        keys.append((name, desc))
    return tuple(keys)


def parse_paging(limit: Any, offset: Any, *, default: int | None = DEFAULT_LIMIT,
                 maximum: int | None = MAX_LIMIT) -> tuple[int | None, int]:
    lim = _int("limit", limit)
    lim = default if lim is None else lim
    if lim is not None and (lim < 1 or (maximum is not None and lim > maximum)):
        raise FilterError("limit", f"must lie in [1, {maximum}], got {lim}" if maximum else f"must be 1 or more, got {lim}")
    return lim, _int("offset", offset, 0) or 0


def parse_filters(**raw: Any) -> EventFilters:
    """Validate raw filter values (strings from a URL or the command line, or Python values)."""
    known = {f.name for f in fields(EventFilters)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise FilterError(unknown[0], f"unknown filter (known: {', '.join(FILTER_NAMES)})")
    status = _text(raw.get("status"))
    if status is not None:
        status = status.lower()
        if status not in STATUSES:
            raise FilterError("status", f"expected one of {', '.join(STATUSES)}, got {raw.get('status')!r}")
    since, until = parse_date("since", raw.get("since")), parse_date("until", raw.get("until"))
    if since and until and since[:len(until)] > until:
        raise FilterError("since", f"{since} is after until={until}")
    limit = _int("limit", raw.get("limit"), 1)
    sort = raw.get("sort")
    return EventFilters(
        country=_text(raw.get("country")),
        since=since,
        until=until,
        bbox=parse_bbox(raw.get("bbox")),
        event_type=_text(raw.get("event_type")),
        sub_event_type=_text(raw.get("sub_event_type")),
        actor=_text(raw.get("actor")),
        admin1=_text(raw.get("admin1")),
        admin2=_text(raw.get("admin2")),
        interaction=parse_interaction(raw.get("interaction")),
        source=_text(raw.get("source")),
        geo_precision=_int("geo_precision", raw.get("geo_precision"), 1, 3),
        time_precision=_int("time_precision", raw.get("time_precision"), 1, 3),
        status=status,
        min_fatalities=_int("min_fatalities", raw.get("min_fatalities"), 0),
        q=_text(raw.get("q")),
        limit=limit,
        offset=_int("offset", raw.get("offset"), 0),
        sort=sort if isinstance(sort, tuple) else parse_sort(sort),
    )


__all__ = ["EventFilters", "FilterError", "parse_filters", "parse_bbox", "parse_date", "parse_sort",
           "parse_paging", "parse_interaction", "interaction_label", "inter_label", "FILTER_HELP",
           "FILTER_NAMES", "SORTABLE", "STATUSES", "MAX_LIMIT", "DEFAULT_LIMIT", "ACTOR_TYPES"]
