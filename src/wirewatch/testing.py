"""Helpers for tests and benchmarks: an HTTP server on loopback for the length of a block.

The project never fetches from the network in tests; every network test talks to one of these on
127.0.0.1 (a free port), and ingest needs `--allow-private` (Settings.allow_private) to reach it.

    with serve_folder(path) as base:       # the files under path, as http.server serves them
        ingest([f"{base}/feed.xml"], ...)
    with loopback(Handler) as base:         # any BaseHTTPRequestHandler subclass
        ...
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

__all__ = ["loopback", "serve_folder"]


@contextmanager
def loopback(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 (a free port) for the block: yields its base URL
    ("http://127.0.0.1:PORT"); shut down and its socket closed when the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:   # no request lines in test output
        pass


@contextmanager
def serve_folder(folder: str | Path) -> Iterator[str]:
    """The files under `folder` on loopback (http.server's listing and file serving, no request
    log) for the block: yields the base URL."""
    with loopback(functools.partial(_QuietFiles, directory=str(folder))) as base:
        yield base
