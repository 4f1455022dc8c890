"""Ingest: sources (files, folders, feeds, pages, JSONL, WARC, stdin) -> raw Documents.

    read_inputs(sources, settings, *, overrides=None, fetch_cache=None) -> Iterator[Document | InputError]

Errors are yielded, never raised, so a batch goes on past a bad input. `Fetcher` is the
polite HTTP client behind URL sources (robots.txt, per-host delay, size cap, private
addresses refused unless `settings.allow_private`).
"""
from __future__ import annotations

from .cache import FetchCache, JsonFetchCache, MemoryFetchCache, NotModified
from .fetch import Fetcher, Response, fetch_page, fetch_to_file
from .reader import ARTICLE_SUFFIXES, read_inputs, sibling_meta
from .sniff import sniff

__all__ = [
    "read_inputs", "FetchCache", "MemoryFetchCache", "JsonFetchCache", "NotModified",
    "Fetcher", "Response", "fetch_to_file", "fetch_page", "sibling_meta", "sniff", "ARTICLE_SUFFIXES",
]
