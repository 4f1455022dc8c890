"""wirewatch: conflict news in, source-attributed ACLED-style event database out.

Public API (everything else is internal):
    extract(...)   run the pipeline on files, URLs or text, without a database
    open(path)     a Store over a SQLite or PostgreSQL database
    geocode(...)   ranked GeoNames candidates for a place name
    evaluate(...)  per-field accuracy against ACLED, GTD or wirewatch gold
"""
from __future__ import annotations

from typing import Any

from .errors import FetchError, InputError, SetupError, StoreError, WirewatchError
from .model import Article, Claim, Document, Event, Mention, Place, Source, Span
from .settings import Settings

__all__ = [
    "extract", "extract_text", "open", "geocode", "evaluate",
    "Article", "Claim", "Document", "Event", "Mention", "Place", "Source", "Span", "Settings",
    "WirewatchError", "InputError", "FetchError", "StoreError", "SetupError",
]


def extract(*args: Any, **kwargs: Any) -> Any:
    from .pipeline import extract as _extract
    return _extract(*args, **kwargs)


def extract_text(*args: Any, **kwargs: Any) -> Any:
    from .pipeline import extract_text as _extract_text
    return _extract_text(*args, **kwargs)


def open(path: str | None = None, **kwargs: Any) -> Any:  # noqa: A001 - mirrors sqlite_utils.Database
    from .store import open_store
    return open_store(path, **kwargs)


def evaluate(*args: Any, **kwargs: Any) -> Any:
    from .evaluate import evaluate as _evaluate
    return _evaluate(*args, **kwargs)


def geocode(name: str, context: list[str] | None = None, **kwargs: Any) -> Any:
    from .geo import geocode as _geocode
    return _geocode(name, context=context, **kwargs)
