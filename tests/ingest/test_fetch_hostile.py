"""Hostile servers on loopback (issue 14): every fetch is size-capped, deadline-bounded and
sent to the address that passed the private-address check."""
from __future__ import annotations

import socket
import time
from dataclasses import replace
from pathlib import Path

import pytest

from wirewatch.errors import FetchError
from wirewatch.ingest import Fetcher, fetch_to_file, read_inputs
from wirewatch.ingest.fetch import ROBOTS_MAX_BYTES
from wirewatch.model import Document
from wirewatch.settings import Settings

from .hostile import drip, gzip_bomb, redirect, send, serve

PAGE = (b"<html><head><title>Clash</title></head><body><article><p>" + b"Armed men clashed with police. " * 20
        + b"</p></article></body></html>")


@pytest.fixture
def allowed() -> Settings:
    return replace(Settings(), allow_private=True, fetch_timeout=5.0, fetch_deadline=5.0)


def test_robots_gzip_bomb_is_read_only_up_to_its_cap(allowed: Settings) -> None:
    # 20 MB of comment once inflated (about 20 KB on the wire), then a rule that disallows all:
    # read whole (the old behaviour) it would block the page; capped, the rule is never reached
    bomb = gzip_bomb(b"User-agent: *\nDisallow: /private/\n", b"#" * 99 + b"\n", 20_000_000, b"Disallow: /\n")
    with serve({"/robots.txt": bomb, "/page": send(PAGE), "/private/x": send(PAGE)}) as site:
        page, private = read_inputs([site.base + "/page", site.base + "/private/x"], allowed)
    assert isinstance(page, Document)
    assert isinstance(private, FetchError) and "robots.txt" in private.reason
    assert ROBOTS_MAX_BYTES <= 1024 * 1024


def test_gzip_bomb_page_is_refused_at_the_size_cap(allowed: Settings) -> None:
    bomb = gzip_bomb(b"<html><body><p>", b"A" * 1000, 50_000_000, ctype="text/html")
    with serve({"/page": bomb}) as site:
        [item] = read_inputs([site.base + "/page"], replace(allowed, max_bytes=1_000_000))
    assert isinstance(item, FetchError) and "too large" in item.reason


def test_drip_server_is_cut_off_at_the_overall_deadline(allowed: Settings) -> None:
    # one byte every 0.2 s never trips the 5 s per-read timeout; the 1 s deadline does
    with serve({"/page": drip(0.2, total=40), "/robots.txt": drip(0.2, total=40, ctype="text/plain")}) as site:
        started = time.monotonic()
        [item] = read_inputs([site.base + "/page"], replace(allowed, fetch_deadline=1.0))
        elapsed = time.monotonic() - started
    assert isinstance(item, FetchError) and "timed out" in item.reason
    assert elapsed < 4.0  # the deadline plus at most one read, not 40 x 0.2 s


def test_connection_goes_to_the_checked_address(allowed: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # DNS rebinding: the first answer (checked) is 127.0.0.1, every later one 127.0.0.2 (nothing
    # listens there). Pinned, the request reaches 127.0.0.1 with the name as its Host header.
    real = socket.getaddrinfo
    answers: list[str] = []

    def rebinding(host, port, *args, **kwargs):  # type: ignore[no-untyped-def]
        if host == "rebind.test":
            ip = "127.0.0.1" if not answers else "127.0.0.2"
            answers.append(ip)
            return real(ip, port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with serve({"/page": send(PAGE)}) as site:
        with Fetcher(allowed) as fetcher:
            response = fetcher.get(f"http://rebind.test:{site.port}/page")
            again = fetcher.get(f"http://rebind.test:{site.port}/page")
    assert response.content == PAGE and again.content == PAGE  # type: ignore[union-attr]
    assert answers == ["127.0.0.1"]  # resolved once; httpx never resolved it again
    assert (f"/page", f"rebind.test:{site.port}") in site.requests


def test_redirect_to_a_private_address_is_refused() -> None:
    # the first hop is allowed only because the test pins a public answer; it is never contacted
    with serve({"/hop": redirect("http://10.0.0.1/secret")}) as site:
        fetcher = Fetcher(Settings(fetch_deadline=5.0))
        fetcher._pinned[("127.0.0.1", site.port)] = "127.0.0.1"  # as if checked and public
        fetcher._loopback["127.0.0.1"] = True
        with pytest.raises(FetchError, match="refusing private address"):
            fetcher.get(site.base + "/hop")
        fetcher.close()
    assert [p for p, _ in site.requests if p != "/robots.txt"] == ["/hop"]


def test_fetch_to_file_streams_with_cap_deadline_and_progress(allowed: Settings, tmp_path: Path) -> None:
    blob = bytes(range(256)) * 1200  # 300 KB
    with serve({"/dump.zip": send(blob, "application/zip"), "/slow.zip": drip(0.2, 40, "application/zip"),
                "/moved": redirect("/dump.zip")}) as site:
        seen: list[tuple[int, int | None]] = []
        out = fetch_to_file(site.base + "/moved", tmp_path / "XX.zip", max_bytes=1_000_000, deadline=5,
                            progress=lambda n, total: seen.append((n, total)), settings=allowed)
        assert out.read_bytes() == blob and seen[-1] == (len(blob), len(blob))
        with pytest.raises(FetchError, match="too large"):
            fetch_to_file(site.base + "/dump.zip", tmp_path / "small.zip", max_bytes=100_000, deadline=5,
                          settings=allowed)
        with pytest.raises(FetchError, match="timed out"):
            fetch_to_file(site.base + "/slow.zip", tmp_path / "slow.zip", max_bytes=1_000_000, deadline=1,
                          settings=allowed)
        with pytest.raises(FetchError, match="refusing private address"):
            fetch_to_file(site.base + "/dump.zip", tmp_path / "refused.zip", max_bytes=1_000_000, deadline=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["XX.zip"]  # no partial files left
