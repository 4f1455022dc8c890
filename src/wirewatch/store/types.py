"""What the store takes and returns, shared by every implementation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence

from .filters import EventFilters, FilterError


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


__all__ = ["AddResult", "EventFilters", "FilterError", "FetchCache", "Store"]  # the filters live in filters.py


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
    def event_points(self, **filters: Any) -> list[tuple[Any, ...]]: ...
    def event(self, event_id: str) -> Any: ...
    def article(self, article_id: str) -> Any: ...
    def article_event_ids(self, article_id: str) -> dict[str, str | None]: ...
    def stats(self) -> dict[str, int]: ...
    def fetch_cache(self) -> Any: ...
    def close(self) -> None: ...
