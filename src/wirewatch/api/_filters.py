"""Query parameters of `/api/events` -> the store's filter keywords, validated with one-line errors."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

STATUSES = ("reported", "alleged", "contested", "confirmed")
MAX_LIMIT = 10_000
DEFAULT_LIMIT = 100


class FilterError(ValueError):
    """A query parameter that cannot be used; `str()` names the parameter and the reason."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class EventFilters:
    country: str | None = None
    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    event_type: str | None = None
    status: str | None = None
    min_fatalities: int | None = None
    q: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        """Only the filters that are set, named as the store names them."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


def parse_bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if raw is None or not raw.strip():
        return None
    parts = raw.split(",")
    if len(parts) != 4:
        raise FilterError("bbox", f"expected W,S,E,N (four numbers), got {raw!r}")
    try:
        w, s, e, n = (float(p) for p in parts)
    except ValueError:
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


def parse_date(name: str, raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    try:
        if len(text) == 4 and text.isdigit():
            return text                                    # a year: the store compares by prefix
        if len(text) == 7 and text[4] == "-":
            date.fromisoformat(text + "-01")
            return text                                    # a month, likewise
        # Full timestamps are accepted too; only the day counts, events are dated by day.
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise FilterError(name, f"expected an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got {raw!r}") from None


def _clean(raw: str | None) -> str | None:
    if raw is None:
        return None
    raw = raw.strip()
    return raw or None


def parse_filters(
    *,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    bbox: str | None = None,
    event_type: str | None = None,
    status: str | None = None,
    min_fatalities: int | None = None,
    q: str | None = None,
) -> EventFilters:
    status = _clean(status)
    if status is not None and status not in STATUSES:
        raise FilterError("status", f"expected one of {', '.join(STATUSES)}, got {status!r}")
    if min_fatalities is not None and min_fatalities < 0:
        raise FilterError("min_fatalities", f"must be 0 or more, got {min_fatalities}")
    since_d, until_d = parse_date("since", since), parse_date("until", until)
    if since_d and until_d and since_d > until_d and not until_d.startswith(since_d[: len(until_d)]):
        raise FilterError("since", f"{since_d} is after until={until_d}")
    return EventFilters(
        country=_clean(country),
        since=since_d,
        until=until_d,
        bbox=parse_bbox(bbox),
        event_type=_clean(event_type),
        status=status,
        min_fatalities=min_fatalities,
        q=_clean(q),
    )


def parse_paging(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = DEFAULT_LIMIT if limit is None else limit
    offset = 0 if offset is None else offset
    if not 1 <= limit <= MAX_LIMIT:
        raise FilterError("limit", f"must lie in [1, {MAX_LIMIT}], got {limit}")
    if offset < 0:
        raise FilterError("offset", f"must be 0 or more, got {offset}")
    return limit, offset
