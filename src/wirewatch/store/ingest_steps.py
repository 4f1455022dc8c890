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
    undated: list[tuple[str, str]] = field(default_factory=list)   # (input, why): stored, dates guessed
    mentions: int = 0
    events_new: int = 0
    events_updated: int = 0

    def add(self, result: AddResult) -> None:
        self.new += result.new
        self.duplicates += result.duplicates
        self.mentions += result.mentions
        self.events_new += result.events_new
        self.events_updated += result.events_updated

    def note_new(self, article: Article) -> None:
        """Remember a new article whose dates rest on a guess (see `undated`)."""
        why = undated(article)
        if why:
            self.undated.append((article.source or article.url or article.article_id, why))

    def as_dict(self) -> dict[str, Any]:
        return {"fetched": self.fetched, "new": self.new, "duplicates": self.duplicates,
                "not_modified": self.not_modified, "rejected": len(self.rejected), "undated": len(self.undated),
                "mentions": self.mentions, "events_new": self.events_new,
                "events_updated": self.events_updated}


Progress = Callable[[str, IngestSummary], None]


def undated(article: Article) -> str | None:
    """Why an article's dates are guesses, or None: no publication date at all (a date without a
    year in the text takes today's year, "on Friday" has nothing to count from), or only a
    dateline's day and month (its year is the ingest day's)."""
    if not article.published:
        return "undated: no publication date (a day and month in the text get this year; give --published)"
    if (article.provenance or {}).get("published_year") == "guessed":
        return f"undated: the year of its dateline date {article.published[:10]} was guessed from today (give --published)"
    return None


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
