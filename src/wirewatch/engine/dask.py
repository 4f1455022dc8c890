"""Ingest on Dask: the same steps and results as the local engine, with cleaning and extraction
spread over workers.

    run_dask(sources, settings, store, scheduler=None, partitions=None) -> IngestSummary

1. The parent reads the inputs (folders, JSONL, WARC, feeds: `wirewatch.ingest.read_inputs`) into
   documents, in order, and splits them into contiguous partitions.
2. Workers clean their partition (`clean_document`).
3. The parent drops what the store already holds or the run has seen, exactly as the local engine.
4. Workers run `Pipeline.process` on partitions of the new articles; each worker process loads the
   pipeline once (`wirewatch.pipeline.get_pipeline` caches it per process).
5. The parent writes the articles through the store in read order, in batches of
   `settings.batch_size`, as the local engine does, so the two export identical events.

Without `scheduler` a LocalCluster of worker processes (one thread each) is started and stopped;
with `scheduler="tcp://host:8786"` an existing cluster is used: its workers need wirewatch
installed and the gazetteer at the same `settings.data_dir` (`wirewatch setup`).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import InputError, SetupError
from ..model import Article, Document
from ..settings import Settings
from ..store.ingest_steps import IngestSummary, Progress, is_new, read_sources

__all__ = ["run_dask", "default_workers"]

# A cleaning outcome that pickles: exceptions with two-argument constructors do not round-trip.
_Cleaned = tuple[Article | None, tuple[str, str] | None]


def default_workers() -> int:
    """Worker processes of the default LocalCluster: each loads its own pipeline (300-400 MB), so at most 2."""
    return max(1, min(2, os.cpu_count() or 1))


def _clean_partition(docs: list[Document], settings: Settings) -> list[_Cleaned]:
    from ..clean import clean_document
    out: list[_Cleaned] = []
    for doc in docs:
        try:
            out.append((clean_document(doc, settings), None))
        except InputError as e:
            out.append((None, (e.source, e.reason)))
    return out


def _process_partition(articles: list[Article], settings: Settings) -> list[Article]:
    from ..pipeline import get_pipeline
    return get_pipeline(settings).process(articles)


def _split(items: Sequence[Any], parts: int) -> list[list[Any]]:
    """Contiguous, order-keeping partitions of nearly equal size."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [p for p in out if p]


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise SetupError(f"the dask engine needs dask.distributed ({e})") from e
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as e:
            raise InputError(scheduler, f"cannot reach the Dask scheduler ({e})") from e
        try:
            yield client
        finally:
            client.close()
        return
    # dashboard on a free port: never clash with another cluster; worker logs quiet: a task's
    # error reaches the caller as the exception itself
    cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.CRITICAL)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _map_in_order(client: Any, fn: Any, parts: list[list[Any]], settings: Settings,
                  on_done: Any = None) -> list[Any]:
    """Run fn(part, settings) on the cluster; results concatenated in the parts' order."""
    from distributed import as_completed
    if not parts:
        return []
    futures = client.map(fn, parts, settings=settings, pure=False)   # Settings is small: no scatter
    for _ in as_completed(futures):
        if on_done:
            on_done()
    results: list[list[Any]] = client.gather(futures)
    return [x for part in results for x in part]


def run_dask(sources: Sequence[str], settings: Settings, store: Any, scheduler: str | None = None,
             partitions: int | None = None, *, overrides: dict[str, Any] | None = None,
             extract: bool = True, workers: int | None = None,
             progress: Progress | None = None) -> IngestSummary:
    """Ingest `sources` into `store` with cleaning and extraction on a Dask cluster.

    `partitions` defaults to four per worker; `workers` sizes the LocalCluster (ignored with
    `scheduler`). Returns the same summary as `wirewatch.store.loader.ingest`.
    """
    from ..ingest.cache import NotModified

    summary = IngestSummary()
    cache = store.fetch_cache()
    docs: list[Document] = []
    for item in read_sources(sources, settings, overrides, cache):
        if isinstance(item, NotModified):
            summary.not_modified += 1
        elif isinstance(item, InputError):
            summary.rejected.append((item.source, item.reason))
        else:
            summary.fetched += 1
            docs.append(item)
    if progress:
        progress("read", summary)

    with _client(scheduler, workers) as client:
        n_parts = partitions or 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        tick = (lambda: progress("extract", summary)) if progress else None
        cleaned = _map_in_order(client, _clean_partition, _split(docs, n_parts), settings, tick)
        new: list[Article] = []
        seen: set[str] = set()
        for article, error in cleaned:
            if error is not None:
                summary.rejected.append(error)
                continue
            assert article is not None
            if not is_new(article, store, seen):
                summary.duplicates += 1
                continue
            summary.note_new(article)
            new.append(article)
        if extract and new:
            new = _map_in_order(client, _process_partition, _split(new, n_parts), settings, tick)

    for start in range(0, len(new), settings.batch_size):
        summary.add(store.add_articles(new[start:start + settings.batch_size]))
        if progress:
            progress("stored", summary)
    cache.flush()  # validators only once their articles are safely stored
    return summary
