"""URL sources against a local http.server thread: feeds, pages, policy, conditional GET."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from wirewatch.clean import clean_document
from wirewatch.errors import FetchError, InputError
from wirewatch.ingest import MemoryFetchCache, NotModified, read_inputs
from wirewatch.model import Document
from wirewatch.settings import Settings

from .hostile import loopback

PAGE = ("<!DOCTYPE html><html lang='en'><head><title>Example clash | Example Herald</title>"
        "<link rel='canonical' href='https://example.org/clash'></head><body><article><p>Security forces and "
        "armed men clashed for several hours near the northern crossing on Thursday, leaving three dead, the "
        "provincial police said.</p><p>The crossing was closed until further notice.</p></article></body></html>")


@dataclass
class Site:
    """What the test server serves: path -> (status, content type, body)."""

    pages: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, If-None-Match)
    base: str = ""


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            state.requests.append((self.path, self.headers.get("If-None-Match")))
            status, ctype, body = state.pages.get(self.path, (404, "text/plain", b"not found"))
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as base:
        state.base = base
        yield state


@pytest.fixture
def allowed() -> Settings:
    return replace(Settings(), allow_private=True, fetch_timeout=5.0)


def serve_fixture_feed(site: Site, shared_fixtures: Path) -> str:
    folder = shared_fixtures / "feed"
    site.pages["/news/feed.xml"] = (200, "application/rss+xml", (folder / "feed.xml").read_bytes())
    for page in (folder / "articles").glob("*.html"):
        site.pages[f"/news/articles/{page.name}"] = (200, "text/html; charset=utf-8", page.read_bytes())
    return site.base + "/news/feed.xml"


def test_feed_over_http_yields_one_document_per_item(site: Site, shared_fixtures: Path, allowed: Settings) -> None:
    url = serve_fixture_feed(site, shared_fixtures)
    docs = list(read_inputs([url], allowed))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.url for d in docs] == [f"{site.base}/news/articles/{n}.html"  # type: ignore[union-attr]
                                     for n in ("bs-ganja", "ledger-ganja", "wire-ganja-toll", "cricket")]
    first = docs[0]
    assert isinstance(first, Document)
    assert first.meta["feed_url"] == url and first.meta["guid"] == "articles/bs-ganja.html"
    article = clean_document(first, allowed)
    assert (article.publisher, article.wire_agency) == ("Business Standard", "IANS")
    assert article.url == f"{site.base}/news/articles/bs-ganja.html"
    assert article.canonical_url == "https://news.example.org/bs/ganja-missile-strike"


def test_private_addresses_are_refused_by_default(site: Site) -> None:
    site.pages["/page"] = (200, "text/html", PAGE.encode())
    [item] = list(read_inputs([site.base + "/page"], Settings()))
    assert isinstance(item, FetchError) and "refusing private address" in item.reason
    assert site.requests == []  # refused before any request


def test_conditional_get_yields_nothing_the_second_time(site: Site, shared_fixtures: Path, allowed: Settings) -> None:
    url = serve_fixture_feed(site, shared_fixtures)
    cache = MemoryFetchCache()
    assert len(list(read_inputs([url], allowed, fetch_cache=cache))) == 4
    assert list(read_inputs([url], allowed, fetch_cache=cache)) == []
    assert site.requests[-1][1] is not None  # the second fetch carried If-None-Match
    markers = list(read_inputs([url], allowed, fetch_cache=cache, yield_not_modified=True))
    assert markers == [NotModified(url)]


def test_changed_page_in_an_unchanged_feed_is_fetched_again(site: Site, shared_fixtures: Path, allowed: Settings) -> None:
    url = serve_fixture_feed(site, shared_fixtures)
    cache = MemoryFetchCache()
    list(read_inputs([url], allowed, fetch_cache=cache))
    feed = site.pages["/news/feed.xml"]
    site.pages["/news/feed.xml"] = (200, feed[1], feed[2].replace(b"</channel>", b"<!-- new --></channel>"))
    page = site.pages["/news/articles/cricket.html"]
    site.pages["/news/articles/cricket.html"] = (200, page[1], page[2].replace(b"five wickets", b"six wickets"))
    docs = list(read_inputs([url], allowed, fetch_cache=cache))
    assert [d.source for d in docs] == [f"{site.base}/news/articles/cricket.html"]


def test_page_url_robots_redirect_size_and_status(site: Site, allowed: Settings) -> None:
    site.pages["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
    site.pages["/page"] = (200, "text/html", PAGE.encode())
    site.pages["/old"] = (301, "text/plain", b"/page")
    site.pages["/private/page"] = (200, "text/html", PAGE.encode())
    site.pages["/big"] = (200, "text/html", PAGE.encode() * 40)
    site.pages["/report.pdf"] = (200, "application/pdf", b"%PDF-1.4 example")
    urls = [site.base + p for p in ("/page", "/old", "/private/page", "/big", "/missing", "/report.pdf")]
    items = list(read_inputs(urls, replace(allowed, max_bytes=len(PAGE) * 10)))
    page, redirected, private, big, missing, pdf = items
    assert isinstance(pdf, FetchError) and pdf.reason == "unsupported content type application/pdf"
    assert isinstance(page, Document) and page.content_type == "text/html" and page.url == site.base + "/page"
    assert isinstance(redirected, Document) and redirected.url == site.base + "/page"
    assert redirected.source == site.base + "/old"
    assert isinstance(private, InputError) and "robots.txt" in private.reason
    assert isinstance(big, InputError) and "too large" in big.reason
    assert isinstance(missing, InputError) and missing.reason.startswith("HTTP 404")
    assert clean_document(page, allowed).canonical_url == "https://example.org/clash"


def test_unreachable_host_is_an_error_not_an_exception(allowed: Settings) -> None:
    [item] = list(read_inputs(["http://127.0.0.1:9/nothing-listens-here"], replace(allowed, fetch_timeout=2.0)))
    assert isinstance(item, FetchError) and item.source.endswith("/nothing-listens-here")


SUMMARY = ("Police said armed men ambushed a convoy on the highway north of the city on Friday, killing two "
           "drivers and wounding four passengers, before fleeing into nearby hills.")
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example</id>
<entry><title>Convoy ambushed</title><id>urn:example:1</id><link href="gone.html"/>
<updated>2024-01-05T09:00:00Z</updated><content type="html">&lt;p&gt;{SUMMARY}&lt;/p&gt;</content></entry>
<entry><title>Short item</title><id>urn:example:2</id><link href="missing.html"/>
<updated>2024-01-05T10:00:00Z</updated><summary>Too short.</summary></entry>
</feed>"""  # written for this test


def test_feed_item_falls_back_to_its_own_content(site: Site, allowed: Settings) -> None:
    site.pages["/atom.xml"] = (200, "application/atom+xml", ATOM.encode())
    first, second = list(read_inputs([site.base + "/atom.xml"], allowed))
    assert isinstance(first, Document) and first.meta["text_from_feed"] == "true"
    assert first.meta["published"] == "2024-01-05T09:00:00+00:00" and first.url == site.base + "/gone.html"
    article = clean_document(first, allowed)
    assert article.text == SUMMARY and article.provenance["published"] == "feed"
    assert isinstance(second, FetchError) and second.reason.startswith("HTTP 404")
