"""The event database. `open_store(path_or_url)` (also `wirewatch.open`) returns a Store:
SQLite for a path (default `./wirewatch.db` or $WIREWATCH_DB), PostgreSQL for a
`postgresql://` URL."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..settings import Settings
from .types import AddResult, EventFilters, FetchCache, Store

if TYPE_CHECKING:
    from .sqlite import SQLiteStore

__all__ = ["open_store", "AddResult", "EventFilters", "FetchCache", "Store"]


def open_store(path_or_url: str | Path | None = None, settings: Settings | None = None, **_: Any) -> SQLiteStore:
    """A Store (also a context manager) over a SQLite file or, for a `postgresql://` URL, PostgreSQL
    (PostgresStore subclasses SQLiteStore)."""
    settings = settings or Settings()
    target = str(path_or_url or settings.db)
    if target.startswith(("postgresql://", "postgres://")):
        try:
            from .postgres import PostgresStore
        except ImportError as e:
            raise StoreError(f"{target.split('@')[-1]}: PostgreSQL store is not available ({e})") from e
        return PostgresStore(target, settings)
    from .sqlite import SQLiteStore
    return SQLiteStore(target, settings)
