"""Answers kept per filter state while the database is unchanged (/api/map: reading and encoding
100,000 events costs most of a second of one core, and every page load asks for it again).

A kept answer is valid while the SQLite file and its write-ahead log are unchanged (their inode,
size and modification time, read before the query): every commit, from this server or from
another process (`wirewatch ingest` next to `wirewatch serve`), writes to one of them. A store
given as an object or a PostgreSQL URL has no such file and is never cached.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Hashable

Stamp = tuple[int, ...]

MAX_BYTES = 64 << 20   # a 100,000-event map answer is about 7 MB


def file_stamp(path: str | None) -> Stamp | None:
    """(inode, size, mtime) of the database file and of its -wal file; None without a file."""
    if not path or path.startswith(("postgres://", "postgresql://")):
        return None
    out: list[int] = []
    for name in (path, path + "-wal"):
        try:
            st = os.stat(name)
        except FileNotFoundError:
            if name == path:
                return None   # no file to watch (not created yet, ':memory:'): nothing is kept
            out += (0, -1, 0)
            continue
        except OSError:
            return None
        out += (st.st_ino, st.st_size, st.st_mtime_ns)
    return tuple(out)


class AnswerCache:
    """Least recently used answers (bytes) by key, each kept with the stamp it was made under."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, tuple[Stamp, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, stamp: Stamp | None) -> bytes | None:
        if stamp is None:
            return None
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] != stamp:
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: Hashable, stamp: Stamp | None, body: bytes) -> None:
        if stamp is None or len(body) > self.max_bytes:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (stamp, body)
            self._size += len(body)
            while self._size > self.max_bytes:
                self._drop(next(iter(self._items)))

    def _drop(self, key: Hashable) -> None:
        _, body = self._items.pop(key)
        self._size -= len(body)
