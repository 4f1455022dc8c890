"""Hostile local inputs (issue 14): a WARC record without WARC-Target-URI, feed links that point
out of the feed's folder, an over-long JSONL line, texts too short to report anything."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from wirewatch.clean import clean_document
from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.model import Document
from wirewatch.settings import Settings

BODY = b"<html><body><article><p>" + b"Gunmen attacked a police post near the border town on Monday. " * 5 + b"</p></article></body></html>"


def warc_record(uri: str | None, body: bytes, number: int) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = b"WARC/1.0\r\nWARC-Type: response\r\n"
    if uri:
        head += b"WARC-Target-URI: " + uri.encode() + b"\r\n"
    head += (b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"
             b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n") % (number, len(http))
    return head + http + b"\r\n\r\n"


def test_warc_record_without_target_uri_is_one_error_and_the_rest_are_kept(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc"
    warc.write_bytes(warc_record("http://example.org/1", BODY, 1) + warc_record(None, BODY, 2)
                     + warc_record("http://example.org/3", BODY, 3))
    text = tmp_path / "other.txt"
    text.write_text("Police said two people were hurt in a blast in the market on Sunday.")
    items = list(read_inputs([str(warc), str(text)], Settings()))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document", "Document"]
    assert str(items[1]) == f"{warc}#record 2: WARC response record without WARC-Target-URI"
    assert [i.url for i in items if isinstance(i, Document)][:2] == ["http://example.org/1", "http://example.org/3"]


def test_truncated_warc_keeps_what_came_before(tmp_path: Path) -> None:
    warc = tmp_path / "cut.warc"
    data = warc_record("http://example.org/1", BODY, 1) + warc_record("http://example.org/2", BODY, 2)
    warc.write_bytes(data[: len(data) - 200])
    items = list(read_inputs([str(warc)], Settings()))
    assert isinstance(items[0], Document)
    assert all(isinstance(i, Document | InputError) for i in items)  # no exception escaped


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>inside</title><link>pages/story.html</link></item>
<item><title>abs</title><link>{abs}</link></item>
<item><title>up</title><link>../secret.html</link></item>
<item><title>link</title><link>pages/escape.html</link></item>
<item><title>file</title><link>file://{abs}</link></item>
</channel></rss>"""


def test_feed_links_are_confined_to_the_feed_folder(tmp_path: Path) -> None:
    outside = tmp_path / "secret.html"
    outside.write_bytes(BODY)
    folder = tmp_path / "feed"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "story.html").write_bytes(BODY)
    os.symlink(outside, folder / "pages" / "escape.html")
    feed = folder / "feed.xml"
    feed.write_text(FEED.format(abs=outside))
    items = list(read_inputs([str(feed)], Settings()))
    assert isinstance(items[0], Document) and items[0].source == str(folder / "pages" / "story.html")
    refused = items[1:]
    assert len(refused) == 4 and all(isinstance(i, InputError) for i in refused)
    assert all(i.reason == "feed item link outside the feed's folder" for i in refused)  # type: ignore[union-attr]
    assert all(str(feed) in i.source for i in refused)  # type: ignore[union-attr]


def test_overlong_jsonl_line_is_refused_without_stopping_the_file(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    good = b'{"text": "Protesters blocked the main road in the capital on Tuesday, police said."}\n'
    path.write_bytes(good + b'{"text": "' + b"a" * 300_000 + b'"}\n' + good)
    items = list(read_inputs([str(path)], replace(Settings(), max_bytes=100_000)))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert items[1].source == f"{path}:2" and "too large" in items[1].reason  # type: ignore[union-attr]


def test_overlong_meta_json_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Police said two people were hurt in a blast in the market on Sunday.")
    (tmp_path / "meta.json").write_bytes(b'{"title": "' + b"x" * 2_000_000 + b'"}')
    [item] = list(read_inputs([str(tmp_path / "story.txt")], Settings()))
    assert isinstance(item, InputError) and "too large" in item.reason


@pytest.mark.parametrize("text", ["hello", "Shots fired today", "Breaking news now"])
def test_text_too_short_to_report_anything_is_refused(text: str) -> None:
    doc = Document(source="short.txt", content=text, content_type="text/plain")
    with pytest.raises(InputError, match="too short to report anything"):
        clean_document(doc, Settings())


def test_one_sentence_note_is_valid_input() -> None:
    doc = Document(source="note.txt", content="Two soldiers were killed in Kidal.", content_type="text/plain")
    assert clean_document(doc, Settings()).text == "Two soldiers were killed in Kidal."


def test_multi_line_library_message_is_one_line(tmp_path: Path) -> None:
    # found by tests/fuzz (make fuzz, 2026-12-02): this gzipped WARC made warcio raise a message
    # over several lines ("non-chunked gzip file detected, ..."), which was printed as is
    data = (b"\x1f\x8b\x08\x00\xa6\x0b\x10k\x02\xff\x0bw\x0cr\xd67\xd43\xe0\xe5\n\x07\xb2tC*\x0bR\xad\x14"
            b"\x8aR\x8b\x0b\xf2\xf3\x8aSy\xb9\x9c\xf3\xf3JR\xf3Jt}R\xf3\xd2K2\xac\x14LL\xa0\n\x83R\x93\xf3"
            b"\x8bRt=]\xac\x14lJ\x8b\xf2\xacJK3S\xac\x0c\xecx\xb9x\xb9<BB\x02\x80F\x1a*\x18\x19\x18(\xf8"
            b"{#\x0c\x81\x18^\x92ZQ\xa2\x9fQ\x92\x9b\x03R\x0b\x82\xe1P'\x00\x003\x8d\x82,\x8b\x00\x00\x00")
    path = tmp_path / "fuzz.warc"
    path.write_bytes(data)
    errors = [str(i) for i in read_inputs([str(path)], Settings()) if isinstance(i, InputError)]
    assert any("non-chunked gzip" in e for e in errors)
    assert all("\n" not in e for e in errors)
