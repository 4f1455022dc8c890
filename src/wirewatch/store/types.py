"""What the store takes and returns, shared by every implementation."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, Sequence

from ..errors import InputError


@dataclass
class AddResult:
    """What one `add_articles` call did."""

    new: int = 0
    duplicates: int = 0
    mentions: int = 0
    events_new: int = 0
    events_updated: int = 0
    article_ids: list[str] = field(default_factory=list)

    def __iadd__(self, other: "AddResult") -> "AddResult":
        self.new += other.new
        self.duplicates += other.duplicates
        self.mentions += other.mentions
        self.events_new += other.events_new
        self.events_updated += other.events_updated
        self.article_ids += other.article_ids
        return self


def _iso_date(name: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        try:  # a real calendar date (2020-13-01 is not), then compared as text
            date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
        except ValueError:
            raise InputError(f"--{name}", f"not a date (YYYY-MM-DD): {value!r}") from None
        return text  # a year or month compares correctly as a prefix
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise InputError(f"--{name}", f"not a date (YYYY-MM-DD): {value!r}") from None


def parse_bbox(value: Any) -> tuple[float, float, float, float] | None:
    """W,S,E,N as a string or a sequence of four numbers."""
    if value is None or value == "":
        return None
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        west, south, east, north = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise InputError("--bbox", f"expected W,S,E,N (four numbers), got {value!r}") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise InputError("--bbox", f"expected W<=E in [-180,180] and S<=N in [-90,90], got {value!r}")
    return west, south, east, north


@dataclass
class EventFilters:
    country: str | None = None       # ISO3 or English name
    since: str | None = None         # ISO date, inclusive
    until: str | None = None         # ISO date, inclusive
    bbox: tuple[float, float, float, float] | None = None  # W, S, E, N
    event_type: str | None = None
    status: str | None = None
    min_fatalities: int | None = None
    q: str | None = None             # full-text search over the source articles
    limit: int | None = None
    offset: int | None = None

    @classmethod
    def parse(cls, **filters: Any) -> "EventFilters":
        unknown = set(filters) - set(cls.__dataclass_fields__)
        if unknown:
            raise TypeError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
        f = cls(**filters)
        f.since, f.until = _iso_date("since", f.since), _iso_date("until", f.until)
        if f.until and len(f.until) < 10:
            f.until += "-99"  # a year or month as --until includes all of it
        f.bbox = parse_bbox(f.bbox)
        f.country = f.country.strip() if f.country else None
        return f

    def fts_query(self) -> str:
        """Each word quoted: user text never breaks the FTS5 query syntax."""
        words = re.findall(r"\w+", self.q or "")
        return " ".join(f'"{w}"' for w in words) or '""'


class FetchCache(Protocol):
    def get(self, url: str) -> dict[str, Any] | None: ...
    def set(self, url: str, etag: str | None = None, last_modified: str | None = None) -> None: ...


class Store(Protocol):
    """What every store (SQLite, PostgreSQL) offers."""

    def add_articles(self, articles: Sequence[Any]) -> AddResult: ...
    def has_article(self, article: Any) -> bool: ...
    def events(self, **filters: Any) -> Any: ...
    def event_records(self, **filters: Any) -> list[Any]: ...
    def count_events(self, **filters: Any) -> int: ...
    def event(self, event_id: str) -> Any: ...
    def article(self, article_id: str) -> Any: ...
    def stats(self) -> dict[str, int]: ...
    def fetch_cache(self) -> Any: ...
    def close(self) -> None: ...
