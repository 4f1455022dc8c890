"""The thin adapter between the API and the store.

The API only needs the read side of `wirewatch.open(path)` (and `add_articles` for the
token-protected submit endpoint), always called through `StoreProvider.run`.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar, runtime_checkable

import pandas as pd

from ..model import Article, Event

T = TypeVar("T")


@runtime_checkable
class StoreLike(Protocol):
    """What the API calls on a store (the interface in docs/TEAM.md)."""

    def event_records(self, **filters: Any) -> list[Event]: ...
    def count_events(self, **filters: Any) -> int: ...
    def event(self, event_id: str) -> Event | None: ...
    def article(self, article_id: str) -> Article | None: ...
    def stats(self) -> dict[str, Any]: ...
    def events(self, **filters: Any) -> pd.DataFrame: ...
    def add_articles(self, articles: list[Article]) -> Any: ...


class StoreUnavailable(RuntimeError):
    """The database could not be opened (the API answers 503)."""


class StoreProvider:
    """Runs every database call on one dedicated thread holding one store.

    SQLite connections may not cross threads, and each connection has its own page cache: with
    a connection per pool thread (anyio has 40) most requests met a cold cache and ran 10x
    slower. One thread keeps one warm connection; calls are serialized, which costs nothing on
    one core (run several server processes to use more).
    """

    def __init__(self, source: str | StoreLike, opener: Callable[[str], StoreLike] | None = None):
        self._shared = None if isinstance(source, str) else source
        self._path = source if isinstance(source, str) else None
        self._opener = opener or _default_opener
        self._store: StoreLike | None = self._shared
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirewatch-store")

    @property
    def path(self) -> str | None:
        return self._path

    def get(self) -> StoreLike:
        """The store; only call this on the store thread (inside `run`)."""
        if self._store is None:
            assert self._path is not None
            try:
                self._store = self._opener(self._path)
            except Exception as e:
                raise StoreUnavailable(f"{self._path}: {e}") from e
        return self._store

    async def run(self, work: Callable[[StoreLike], T]) -> T:
        """`work(store)` on the store thread, awaited from the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: work(self.get()))

    def close(self) -> None:
        def _close() -> None:
            store, self._store = self._store, None
            close = getattr(store, "close", None)
            if store is not None and store is not self._shared and callable(close):
                close()

        try:
            self._executor.submit(_close).result(timeout=30)
        finally:
            self._executor.shutdown(wait=False)
            # ready again should the app be started once more (a second TestClient, a reload)
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirewatch-store")


def _default_opener(path: str) -> StoreLike:
    import wirewatch

    store: StoreLike = wirewatch.open(path)
    return store


# ---- adapters over what the store returns ----------------------------------------------------

_breakdown_cache: dict[tuple[int, str], tuple[tuple[Any, ...], dict[str, Any]]] = {}


def stats_with_breakdown(store: StoreLike) -> dict[str, Any]:
    """`store.stats()` plus counts per day, country and event type.

    The store's stats are totals only; the breakdowns are computed here from the events and
    cached until the store's totals change (a new article, event or revision)."""
    base = dict(store.stats())
    if all(k in base for k in ("per_day", "per_country", "per_type")):
        return base
    key = (id(store), str(getattr(store, "path", "")))
    stamp = tuple(sorted(base.items()))
    cached = _breakdown_cache.get(key)
    if cached is None or cached[0] != stamp:
        frame = store.events()
        breakdown = {
            "per_day": _counts(frame, "event_date"),
            "per_country": _counts(frame, "iso3", fallback="country"),
            "per_type": _counts(frame, "event_type"),
            "per_status": _counts(frame, "status"),
        }
        _breakdown_cache[key] = cached = (stamp, breakdown)
    return {**base, **cached[1]}


def _counts(frame: pd.DataFrame, column: str, fallback: str | None = None) -> dict[str, int]:
    if frame.empty or column not in frame:
        return {}
    values = frame[column]
    if fallback and fallback in frame:
        values = values.fillna(frame[fallback])
    counts = values.dropna().astype(str).value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items())}


def attribute_claims(event: Event, store: StoreLike) -> list[str | None]:
    """For each claim of `event`, the source article it was read from (None when unknown).

    Claims carry offsets into their article's text; the article is the source whose text holds
    the quote inside those offsets."""
    texts: dict[str, str] = {}
    for source in event.sources:
        article = store.article(source.article_id)
        if article is not None:
            texts[source.article_id] = article.text or ""
    owners: list[str | None] = []
    for claim in event.claims:
        owner = None
        for article_id, text in texts.items():
            window = text[claim.start:claim.end] if claim.start is not None and claim.end is not None else text
            if claim.quote and claim.quote in window:
                owner = article_id
                break
        owners.append(owner)
    return owners
