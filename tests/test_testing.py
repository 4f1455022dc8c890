"""wirewatch.testing: the loopback servers every network test and benchmark uses."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from wirewatch.testing import loopback, serve_folder


def test_serve_folder_serves_files_on_loopback_and_stops(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    with serve_folder(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        assert httpx.get(f"{base}/feed.xml").text == "<rss/>"
        assert httpx.get(f"{base}/missing.xml").status_code == 404
    with pytest.raises(httpx.TransportError):      # closed when the block ends
        httpx.get(f"{base}/feed.xml", timeout=2)


def test_loopback_runs_any_handler() -> None:
    class Teapot(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(418)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Teapot) as base:
        assert httpx.get(base + "/").status_code == 418
