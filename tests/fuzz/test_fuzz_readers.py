"""Property: no file given to wirewatch (HTML, RSS/Atom, JSONL, WARC, plain text) produces a
traceback, a hang or unbounded memory. Each input is read with `read_inputs` and every Document
cleaned with `clean_document`; the only thing allowed out is an InputError (one line)."""
from __future__ import annotations

import gzip
import tracemalloc
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from wirewatch.clean import clean_document
from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.model import Document
from wirewatch.settings import Settings

from .conftest import EXAMPLE_SECONDS, FUZZ, MEMORY_BOUND, time_limit

SETTINGS = Settings(fetch_timeout=2.0, fetch_deadline=3.0)
WORDS = st.sampled_from(["police", "said", "the", "killed", "three", "in", "Kidal", "on", "Monday", "protest",
                         "&amp;", "<b>", "</p>", "\u202e", "\x00", "é", "中文", "\ufeff", "--IANS", "(Reuters)",
                         "2024-13-45", "'", '"', "\n", "\r\n", "]]>", "<!--", "&#0;", "&xxe;"])
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=120).map(" ".join))


def check(path: Path) -> None:
    """Read and clean `path`: only InputErrors, within the time and memory bounds."""
    tracemalloc.start()
    try:
        with time_limit(EXAMPLE_SECONDS):
            for item in read_inputs([str(path)], SETTINGS):
                if isinstance(item, InputError):
                    assert "\n" not in str(item).strip(), str(item)
                    continue
                assert isinstance(item, Document), item
                try:
                    clean_document(item, SETTINGS)
                except InputError as e:
                    assert "\n" not in str(e).strip(), str(e)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"{peak / 1e6:.1f} MB traced for a {path.stat().st_size} byte input"


def write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


# --- plain text ------------------------------------------------------------------------------

@FUZZ
@given(data=st.one_of(st.binary(max_size=4000), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_plain_text(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    check(write(tmp_path_factory.mktemp("txt"), "story.txt", data))


# --- HTML ------------------------------------------------------------------------------------

TAGS = st.sampled_from(["p", "div", "article", "script", "style", "nav", "table", "td", "h1", "title", "meta",
                        "a", "iframe", "svg", "math", "template", "noscript", "br", "html", "body", "head"])


@st.composite
def html_docs(draw) -> str:  # type: ignore[no-untyped-def]
    parts = ["<!DOCTYPE html>" if draw(st.booleans()) else ""]
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(TAGS)
        attrs = draw(st.sampled_from(["", " class='byline'", " lang='de'", ' charset="koi8-r"',
                                      " property='article:published_time' content='2024-99-99'",
                                      " href='javascript:alert(1)'", " type='application/ld+json'"]))
        closing = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}"]))
        parts.append(f"<{tag}{attrs}>{draw(TEXT)}{closing}")
    return "".join(parts)


@FUZZ
@given(doc=html_docs())
def test_html(tmp_path_factory, doc: str) -> None:  # type: ignore[no-untyped-def]
    check(write(tmp_path_factory.mktemp("html"), "page.html", doc))


# --- feeds -----------------------------------------------------------------------------------

LINKS = st.sampled_from(["story.html", "../story.html", "/etc/passwd", "../../etc/os-release", "file:///etc/hosts",
                         "sub/../../x.html", "", "%2e%2e/x", "http://127.0.0.1:9/x", "pages/a.html",
                         "\x00", "./" * 50 + "a"])


@st.composite
def feeds(draw) -> str:  # type: ignore[no-untyped-def]
    atom = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 6))):
        link, title, body = draw(LINKS), draw(TEXT), draw(TEXT)
        date = draw(st.sampled_from(["Mon, 04 Mar 2024 10:00:00 GMT", "2024-13-45", "", "yesterday", "0"]))
        if atom:
            items.append(f"<entry><title>{title}</title><link href='{link}'/><updated>{date}</updated>"
                         f"<content type='html'>{body}</content></entry>")
        else:
            items.append(f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
                         f"<description>{body}</description></item>")
    doctype = draw(st.sampled_from(["", '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                                    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>']))
    head = '<?xml version="1.0"?>' + doctype
    if atom:
        return head + "<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>" + "".join(items) + "</feed>"
    return head + "<rss version='2.0'><channel><title>t</title>" + "".join(items) + "</channel></rss>"


@FUZZ
@given(feed=feeds(), cut=st.integers(0, 100))
def test_feeds(tmp_path_factory, feed: str, cut: int) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("feed")
    (folder / "story.html").write_text("<p>" + "Police said three people were killed. " * 10 + "</p>")
    data = feed if cut > 90 else feed[: max(1, len(feed) * cut // 90)]
    check(write(folder, "feed.xml", data))


# --- JSONL -----------------------------------------------------------------------------------

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["text", "html", "url", "title", "published", "publisher", "x"]),
                               inner, max_size=6), max_leaves=20)


@FUZZ
@given(lines=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["text", "html", "url", "title", "published", "publisher", "language"]),
                    JSON_VALUES, max_size=7).map(lambda d: __import__("json").dumps(d)),
    TEXT, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))), max_size=12))
def test_jsonl(tmp_path_factory, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
    check(write(tmp_path_factory.mktemp("jsonl"), "articles.jsonl", "\n".join(lines)))


# --- WARC ------------------------------------------------------------------------------------

@st.composite
def warcs(draw) -> bytes:  # type: ignore[no-untyped-def]
    out = b""
    for i in range(draw(st.integers(1, 4))):
        body = draw(st.one_of(html_docs(), TEXT)).encode("utf-8", "surrogatepass")
        status = draw(st.sampled_from([b"200 OK", b"404 Not Found", b"abc", b"200"]))
        http = b"HTTP/1.1 " + status + b"\r\nContent-Type: " + draw(st.sampled_from([b"text/html", b"image/png", b""])) \
            + b"\r\n\r\n" + body
        headers = [b"WARC-Type: " + draw(st.sampled_from([b"response", b"request", b"resource", b"metadata", b""]))]
        uri = draw(st.sampled_from([None, b"http://example.org/a", b"", b"urn:x", b"ftp://x"]))
        if uri is not None:
            headers.append(b"WARC-Target-URI: " + uri)
        length = draw(st.sampled_from(["right", "short", "long", "garbage", "missing"]))
        n = {"right": len(http), "short": max(0, len(http) - 7), "long": len(http) + 50}.get(length)
        if length == "garbage":
            headers.append(b"Content-Length: x1")
        elif n is not None:
            headers.append(b"Content-Length: " + str(n).encode())
        headers.append(b"WARC-Record-ID: <urn:uuid:%d>" % i)
        version = draw(st.sampled_from([b"WARC/1.0", b"WARC/1.1", b"WARC/9", b"HTTP/1.0"]))
        out += version + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + http + b"\r\n\r\n"
    cut = draw(st.integers(0, 100))
    if cut < 30:
        out = out[: len(out) * cut // 30]
    return gzip.compress(out) if draw(st.booleans()) else out


@FUZZ
@given(data=warcs())
def test_warc(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    check(write(tmp_path_factory.mktemp("warc"), "crawl.warc", data))
