"""What both ingest engines share (the local loop in store/loader.py and wirewatch.engine.dask):
the run summary, reading the sources, and the one duplicate rule. Its own module so that neither
engine imports the other."""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..model import Article, Document
from ..settings import Settings
from .types import AddResult


@dataclass
class IngestSummary:
    fetched: int = 0          # documents read or fetched
    new: int = 0              # articles stored
    duplicates: int = 0       # articles stored before (or twice in this run)
    not_modified: int = 0     # URLs answered 304 Not Modified
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    mentions: int = 0
    events_new: int = 0
    events_updated: int = 0

    def add(self, result: AddResult) -> None:
        self.new += result.new
        self.duplicates += result.duplicates
        self.mentions += result.mentions
        self.events_new += result.events_new
        self.events_updated += result.events_updated

    def as_dict(self) -> dict[str, Any]:
        return {"fetched": self.fetched, "new": self.new, "duplicates": self.duplicates,
                "not_modified": self.not_modified, "rejected": len(self.rejected),
                "mentions": self.mentions, "events_new": self.events_new,
                "events_updated": self.events_updated}


Progress = Callable[[str, IngestSummary], None]


def read_sources(sources: Sequence[str], settings: Settings, overrides: dict[str, Any] | None,
                 fetch_cache: Any) -> Iterator[Document | InputError | Any]:
    """Documents, InputErrors and NotModified markers (so the summary can count 304s), in order."""
    from ..ingest import read_inputs
    return read_inputs(list(sources), settings, overrides=overrides, fetch_cache=fetch_cache,
                       yield_not_modified=True)


def is_new(article: Article, store: Any, seen: set[str]) -> bool:
    """Neither stored nor seen earlier in this run (by article_id or canonical URL); marks it
    seen. The one duplicate rule of both engines."""
    keys = {article.article_id, article.canonical_url or article.article_id}
    if keys & seen or store.has_article(article):
        return False
    seen |= keys
    return True
