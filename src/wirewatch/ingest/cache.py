"""Validators for conditional GET (ETag / Last-Modified), so a re-fetch of an unchanged feed
or page costs one 304 and yields nothing."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class FetchCache(Protocol):
    """Where the fetcher keeps each URL's last validators."""

    def get(self, url: str) -> dict[str, str | None] | None:
        """{"etag": ..., "last_modified": ...} from the last successful fetch, or None."""
        ...

    def set(self, url: str, etag: str | None, last_modified: str | None) -> None:
        ...


@dataclass(frozen=True)
class NotModified:
    """The server answered 304 Not Modified for `url`: nothing new there since last time.

    `read_inputs(..., yield_not_modified=True)` yields these so a caller can count them;
    by default unchanged URLs yield nothing at all.
    """

    url: str


class MemoryFetchCache:
    """A FetchCache that lives as long as the process (tests, one `watch` session)."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, str | None]] = {}

    def get(self, url: str) -> dict[str, str | None] | None:
        return self._entries.get(url)

    def set(self, url: str, etag: str | None, last_modified: str | None) -> None:
        if etag or last_modified:
            self._entries[url] = {"etag": etag, "last_modified": last_modified}


class JsonFetchCache(MemoryFetchCache):
    """A FetchCache kept in one JSON file, rewritten atomically on every change."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text("utf-8"))
            if isinstance(data, dict):
                self._entries = {k: v for k, v in data.items() if isinstance(v, dict)}
        except (OSError, ValueError):
            pass  # a missing or corrupt cache only costs full fetches

    def set(self, url: str, etag: str | None, last_modified: str | None) -> None:
        super().set(url, etag, last_modified)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".fetchcache")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._entries, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.path)
