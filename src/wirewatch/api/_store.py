"""The thin adapter between the API and the store.

The API only needs the read side of `wirewatch.open(path)` (and `add_articles` for the
token-protected submit endpoint), always called through `StoreProvider.run`.
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

import pandas as pd

from ..model import Article, Event

T = TypeVar("T")


@runtime_checkable
class StoreLike(Protocol):
    """What the API calls on a store (the interface in docs/TEAM.md)."""

    def event_records(self, **filters: Any) -> list[Event]: ...
    def count_events(self, **filters: Any) -> int: ...
    def event_points(self, **filters: Any) -> list[tuple[Any, ...]]: ...
    def claim_records(self, **filters: Any) -> list[dict[str, Any]]: ...
    def aggregate(self, by: Any, **filters: Any) -> list[dict[str, Any]]: ...
    def event(self, event_id: str) -> Event | None: ...
    def article(self, article_id: str) -> Article | None: ...
    def article_event_ids(self, article_id: str) -> dict[str, str | None]: ...
    def stats(self) -> dict[str, Any]: ...
    def events(self, **filters: Any) -> pd.DataFrame: ...
    def add_articles(self, articles: list[Article]) -> Any: ...


class StoreUnavailable(RuntimeError):
    """The database could not be opened (the API answers 503)."""


class ExportBusy(RuntimeError):
    """Every export slot is taken (the API answers 429 with Retry-After)."""


READERS = 4        # read-only connections, one per reader thread
EXPORT_SLOTS = 2   # exports streaming at once
EXPORT_YIELD_S = 1.0  # longest an export page waits for the requests in flight


class StoreProvider:
    """Runs database calls off the event loop: reads on a pool of read-only connections, writes
    on one writer thread, exports on their own connections, at most EXPORT_SLOTS at a time.

    SQLite in WAL mode lets readers work while the writer commits, so one slow query (a big
    page, a full-text search) no longer holds up the others. Each reader thread keeps its one
    connection (warm page cache; mmap shares the OS cache between them). A store object given
    instead of a path (tests, other front ends) runs everything on the writer thread.
    """

    def __init__(self, source: str | StoreLike, opener: Callable[[str], StoreLike] | None = None,
                 *, readers: int = READERS, export_slots: int = EXPORT_SLOTS):
        self._shared = None if isinstance(source, str) else source
        self._path = source if isinstance(source, str) else None
        self._opener = opener or _default_opener
        self._store: StoreLike | None = self._shared
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wirewatch-store")
        self._pooled = self._path is not None and opener is None and not self._path.startswith(("postgres://", "postgresql://"))
        self._readers_n = readers
        self._readers: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._reader_stores: list[Any] = []
        self._lock = threading.Lock()
        self._ready = False
        self.export_slots = export_slots
        self._exports = 0
        self._active_reads = 0

    @property
    def path(self) -> str | None:
        return self._path

    @property
    def pooled(self) -> bool:
        """A SQLite file read on the reader pool (not a store object, not PostgreSQL)."""
        return self._pooled

    def get(self) -> StoreLike:
        """The writer's store; only call this on the writer thread (inside `run`)."""
        if self._store is None:
            assert self._path is not None
            try:
                self._store = self._opener(self._path)
            except Exception as e:
                raise StoreUnavailable(f"{self._path}: {e}") from e
        return self._store

    async def run(self, work: Callable[[StoreLike], T]) -> T:
        """`work(store)` on the writer thread, awaited from the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: work(self.get()))

    async def read(self, work: Callable[[StoreLike], T]) -> T:
        """`work(store)` on a reader thread with its own read-only connection."""
        if not self._pooled:
            return await self.run(work)
        if not self._ready:
            await self.run(lambda store: None)  # the writer opens (creates, migrates) the database first
            self._ready = True
        loop = asyncio.get_running_loop()
        if self._readers is None:
            self._readers = ThreadPoolExecutor(max_workers=self._readers_n, thread_name_prefix="wirewatch-read")
        self._active_reads += 1
        try:
            return await loop.run_in_executor(self._readers, lambda: work(self._reader_store()))
        finally:
            self._active_reads -= 1

    def _yield_to_reads(self) -> None:
        """An export waits (at most EXPORT_YIELD_S per page) while requests are being answered:
        on one core, a page of an export would otherwise take its share of the CPU from them."""
        deadline = time.monotonic() + EXPORT_YIELD_S
        while self._active_reads > 0 and time.monotonic() < deadline:
            time.sleep(0.005)

    def _reader_store(self) -> StoreLike:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open_read_only()
            self._local.store = store
            with self._lock:
                self._reader_stores.append(store)
        return store

    def _open_read_only(self) -> Any:
        from ..store.sqlite import SQLiteStore

        assert self._path is not None
        try:
            return SQLiteStore(self._path, read_only=True)
        except Exception as e:
            raise StoreUnavailable(f"{self._path}: {e}") from e

    # --- exports -------------------------------------------------------------------------

    def export_pages(self, filters: dict[str, Any]) -> tuple[Callable[[int, int], list[Event]], Callable[[], None]]:
        """(fetch(offset, limit), release) for one export, holding one of the export slots:
        ExportBusy when none is free. `release` must be called once the export ends."""
        with self._lock:
            if self._exports >= self.export_slots:
                raise ExportBusy(f"{self._exports} exports are running; retry when one is done")
            self._exports += 1
        try:
            fetch, close = self._export_reader(filters)
        except BaseException:
            self._release_slot()
            raise
        done = [False]

        def release() -> None:
            if not done[0]:
                done[0] = True
                try:
                    close()
                finally:
                    self._release_slot()

        return fetch, release

    def _release_slot(self) -> None:
        with self._lock:
            self._exports -= 1

    def _export_reader(self, filters: dict[str, Any]) -> tuple[Callable[[int, int], list[Event]], Callable[[], None]]:
        if not self._pooled:  # one shared store: pages run on its thread, between other requests
            def fetch_shared(offset: int, limit: int) -> list[Event]:
                future = self._executor.submit(lambda: self.get().event_records(**filters, limit=limit, offset=offset))
                return future.result()
            return fetch_shared, lambda: None
        if not Path(self._path or "").exists():
            self._executor.submit(self.get).result()
        store = self._open_read_only()
        store.conn.execute("BEGIN")  # one snapshot for every page of this export

        def fetch(offset: int, limit: int) -> list[Event]:
            self._yield_to_reads()
            return store.event_records(**filters, limit=limit, offset=offset)

        def close() -> None:
            try:
                store.conn.execute("COMMIT")
            finally:
                store.close()

        return fetch, close

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
            readers, self._readers = self._readers, None
            if readers is not None:
                readers.shutdown(wait=True)
            with self._lock:
                stores, self._reader_stores = self._reader_stores, []
            for store in stores:  # check_same_thread=False: closed from here once their threads are gone
                store.close()
            self._local = threading.local()
            self._ready = False


def _default_opener(path: str) -> StoreLike:
    import wirewatch

    store: StoreLike = wirewatch.open(path)
    return store


# ---- adapters over what the store returns ----------------------------------------------------

_breakdown_cache: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
_breakdown_lock = threading.Lock()


def stats_with_breakdown(store: StoreLike) -> dict[str, Any]:
    """`store.stats()` plus counts per day, country, event type and status.

    The breakdowns are a summary kept per database: read with one GROUP BY each
    (`stats_breakdown`, no event decoded) and kept until the store's totals change (a new
    article, event or revision); a store without `stats_breakdown` has them counted from its
    events instead."""
    base = dict(store.stats())
    if all(k in base for k in ("per_day", "per_country", "per_type")):
        return base
    key = str(getattr(store, "path", "") or id(store))
    stamp = tuple(sorted(base.items()))
    with _breakdown_lock:
        cached = _breakdown_cache.get(key)
    if cached is None or cached[0] != stamp:
        summary = getattr(store, "stats_breakdown", None)
        if callable(summary):
            breakdown = dict(summary())
        else:
            frame = store.events()
            breakdown = {
                "per_day": _counts(frame, "event_date"),
                "per_country": _counts(frame, "iso3", fallback="country"),
                "per_type": _counts(frame, "event_type"),
                "per_status": _counts(frame, "status"),
            }
        cached = (stamp, breakdown)
        with _breakdown_lock:
            _breakdown_cache[key] = cached
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
