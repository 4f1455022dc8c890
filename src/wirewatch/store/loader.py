"""Ingest: sources -> documents -> clean articles -> (pipeline) -> store, in small batches.

    ingest(sources, store, settings, ...) -> IngestSummary

Articles already stored (same article_id or canonical URL) are skipped before the pipeline
runs, so re-ingesting costs a fetch (or a 304) and a lookup, not an extraction. The fetch cache's
validators are saved only after the run's articles are stored (see SQLiteFetchCache).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import InputError, SetupError
from ..model import Article
from ..settings import Settings
from .ingest_steps import IngestSummary, Progress, is_new, read_sources

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["ENGINES", "IngestSummary", "Progress", "ingest", "is_new"]

ENGINES = ("local", "dask")


class _Extractor:
    """The pipeline, loaded on first use (a re-ingest of known articles never loads spaCy)."""

    def __init__(self, settings: Settings, enabled: bool):
        self.settings, self.enabled = settings, enabled
        self._pipeline: Pipeline | None = None

    def __call__(self, articles: list[Article]) -> list[Article]:
        if not self.enabled or not articles:
            return articles
        if self._pipeline is None:
            try:
                from ..pipeline import Pipeline
            except ImportError as e:
                raise SetupError(f"extraction pipeline is not available ({e}); use --no-extract") from e
            self._pipeline = Pipeline(self.settings)
        return self._pipeline.process(articles)


def ingest(sources: Sequence[str], store: Any, settings: Settings | None = None, *,
           overrides: dict[str, Any] | None = None, extract: bool = True, engine: str = "local",
           progress: Progress | None = None, scheduler: str | None = None) -> IngestSummary:
    """Fetch/read every source, clean, extract and store what is new. Rejected inputs are
    collected (not raised) so one bad input does not stop the rest."""
    from ..clean import clean_document
    from ..ingest.cache import NotModified
    settings = settings or Settings()
    if engine not in ENGINES:
        raise InputError(f"--engine {engine}", f"unknown engine (one of {', '.join(ENGINES)})")
    if engine == "dask":  # same steps on a Dask cluster (wirewatch.engine.dask)
        from ..engine.dask import run_dask
        return run_dask(sources, settings, store, scheduler, overrides=overrides, extract=extract,
                        progress=progress)
    summary = IngestSummary()
    cache = store.fetch_cache()
    extractor = _Extractor(settings, extract)
    batch: list[Article] = []
    seen: set[str] = set()

    def flush() -> None:
        if batch:
            summary.add(store.add_articles(extractor(batch)))
            batch.clear()
        if progress:
            progress("stored", summary)

    for item in read_sources(sources, settings, overrides, cache):
        if isinstance(item, NotModified):
            summary.not_modified += 1
            continue
        if isinstance(item, InputError):
            summary.rejected.append((item.source, item.reason))
            continue
        summary.fetched += 1
        try:
            article = clean_document(item, settings)
        except InputError as e:
            summary.rejected.append((e.source, e.reason))
            continue
        if not is_new(article, store, seen):
            summary.duplicates += 1
            continue
        summary.note_new(article)
        batch.append(article)
        # a batch is stored at batch_size articles or batch_max_chars of text, whichever comes
        # first: memory follows the text held, not the article count
        if len(batch) >= settings.batch_size or sum(len(a.text) for a in batch) >= settings.batch_max_chars:
            flush()
        elif progress:
            progress("read", summary)
    flush()
    cache.flush()  # validators only once their articles are safely stored
    return summary
