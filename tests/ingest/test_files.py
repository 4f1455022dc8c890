"""read_inputs over local inputs: files, folders, meta.json, JSON/JSONL, WARC, feeds on disk."""
from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from wirewatch.clean import clean_document
from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs, sniff
from wirewatch.model import Document
from wirewatch.settings import Settings

# written for these tests (not a published article)
EXAMPLE_TEXT = ("Gunmen attacked a village market in the eastern hills on Sunday, killing four traders and "
                "wounding six others, a local official said.\nThe army sent reinforcements to the area.\n--PTI\n")
EXAMPLE_HTML = ("<!DOCTYPE html><html lang='en'><head><title>Example market attack | Example Times</title></head>"
                "<body><article><p>Gunmen attacked a village market in the eastern hills on Sunday, killing four "
                "traders and wounding six others, a local official said.</p><p>The army sent reinforcements to "
                "the area, the official added.</p></article></body></html>")


@pytest.fixture(scope="module")
def cfg() -> Settings:
    return Settings()


def read_all(sources: list[str], settings: Settings, **kwargs: object) -> list[Document | InputError]:
    return list(read_inputs(sources, settings, **kwargs))  # type: ignore[arg-type]


def test_text_file_with_sibling_meta_json(tmp_path: Path, cfg: Settings) -> None:
    (tmp_path / "story.txt").write_text(EXAMPLE_TEXT)
    (tmp_path / "meta.json").write_text(json.dumps({"url": "https://example.org/a", "publisher": "Example Times",
                                                    "published": "2022-06-05"}))
    [doc] = read_all([str(tmp_path / "story.txt")], cfg, overrides={"publisher": "Override Daily", "url": None})
    assert isinstance(doc, Document)
    assert doc.meta["url"] == "https://example.org/a" and doc.meta["meta_from"] == "meta.json"
    assert doc.meta["overrides"] == {"publisher": "Override Daily"}
    article = clean_document(doc, cfg)
    assert (article.publisher, article.published, article.wire_agency) == ("Override Daily", "2022-06-05", "PTI")


def test_name_meta_json_beats_folder_meta_json(tmp_path: Path, cfg: Settings) -> None:
    (tmp_path / "story.txt").write_text(EXAMPLE_TEXT)
    (tmp_path / "meta.json").write_text(json.dumps({"title": "folder"}))
    (tmp_path / "story.meta.json").write_text(json.dumps({"title": "own"}))
    [doc] = read_all([str(tmp_path / "story.txt")], cfg)
    assert isinstance(doc, Document) and doc.meta["title"] == "own"


def test_folder_is_walked_sorted_and_skips_non_articles(tmp_path: Path, cfg: Settings) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text(EXAMPLE_HTML)
    (tmp_path / "a.txt").write_text(EXAMPLE_TEXT)
    (tmp_path / "gold.json").write_text(json.dumps({"events": []}))  # not an article: skipped quietly
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text(EXAMPLE_TEXT)
    docs = read_all([str(tmp_path)], cfg)
    assert [Path(d.source).name for d in docs] == ["a.txt", "2.html"]
    assert [d.content_type for d in docs] == ["text/plain", "text/html"]  # type: ignore[union-attr]


def test_suffix_that_lies_is_overruled_by_content(tmp_path: Path, cfg: Settings) -> None:
    (tmp_path / "page.txt").write_text(EXAMPLE_HTML)
    [doc] = read_all([str(tmp_path / "page.txt")], cfg)
    assert isinstance(doc, Document) and doc.content_type == "text/html"
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n', "x.txt") == "jsonl"
    assert sniff(b"<?xml version='1.0'?><rss><channel></channel></rss>", "x.html") == "feed"


def test_jsonl_bad_line_is_reported_and_the_rest_continue(tmp_path: Path, cfg: Settings) -> None:
    lines = [json.dumps({"text": EXAMPLE_TEXT, "url": "https://example.org/1", "publisher": "Example Times",
                         "published": "2022-06-05T10:00:00+00:00"}),
             "{not json",
             json.dumps({"title": "no body"}),
             "",
             json.dumps({"html": EXAMPLE_HTML, "url": "https://example.org/2"})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = read_all([str(path)], cfg)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "InputError", "Document"]
    assert items[1].source == f"{path}:2" and "invalid JSON" in items[1].reason  # type: ignore[union-attr]
    assert items[2].source == f"{path}:3"  # type: ignore[union-attr]
    first = clean_document(items[0], cfg)  # type: ignore[arg-type]
    assert (first.url, first.provenance["published"]) == ("https://example.org/1", "jsonl")
    assert items[3].content_type == "text/html"  # type: ignore[union-attr]


def test_json_list_of_articles(tmp_path: Path, cfg: Settings) -> None:
    path = tmp_path / "two.json"
    path.write_text(json.dumps({"articles": [{"text": EXAMPLE_TEXT}, {"html": EXAMPLE_HTML}]}))
    docs = read_all([str(path)], cfg)
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2"]


def test_warc_response_records_become_documents(tmp_path: Path, cfg: Settings) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, ctype, body in [("https://example.org/market", "text/html; charset=utf-8", EXAMPLE_HTML.encode()),
                                 ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n"),
                                 ("https://example.org/plain", "text/html", EXAMPLE_HTML.encode())]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    docs = read_all([str(path)], cfg)
    assert [d.url for d in docs] == ["https://example.org/market", "https://example.org/plain"]  # type: ignore[union-attr]
    article = clean_document(docs[0], cfg)  # type: ignore[arg-type]
    assert article.url == "https://example.org/market" and article.text.startswith("Gunmen attacked")


def test_local_feed_reads_item_pages_next_to_it(shared_fixtures: Path, cfg: Settings) -> None:
    feed = shared_fixtures / "feed" / "feed.xml"
    docs = read_all([str(feed)], cfg)
    assert [Path(d.source).name for d in docs] == ["bs-ganja.html", "ledger-ganja.html",
                                                   "wire-ganja-toll.html", "cricket.html"]
    first = docs[0]
    assert isinstance(first, Document) and first.meta["meta_from"] == "feed"
    assert first.meta["guid"] == "articles/bs-ganja.html" and first.meta["title"].startswith("Azerbaijan says")
    assert clean_document(first, cfg).wire_agency == "IANS"


def test_bad_files_each_get_one_error_and_the_batch_goes_on(tmp_path: Path, cfg: Settings) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 512)
    german = tmp_path / "de.txt"
    german.write_text("Die Regierung hat am Sonntag mitgeteilt, dass bei dem Angriff auf die Stadt mindestens "
                      "zwölf Menschen getötet und viele weitere verletzt worden sind. Die Ermittlungen dauern an.")
    nav = tmp_path / "nav.html"
    nav.write_text("<html><body><nav><a href='/'>Home</a><a href='/x'>World</a></nav></body></html>")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text(EXAMPLE_TEXT)
    outcomes: dict[str, str] = {}
    for item in read_inputs([str(p) for p in (empty, binary, german, nav, huge, good, tmp_path / "missing.txt")], cfg):
        if isinstance(item, InputError):
            outcomes[Path(item.source).name] = item.reason
            continue
        try:
            clean_document(item, cfg)
            outcomes[Path(item.source).name] = "ok"
        except InputError as e:
            outcomes[Path(e.source).name] = e.reason
    assert outcomes == {
        "empty.txt": "empty input",
        "blob.txt": "binary content (NUL bytes)",
        "de.txt": "language is not English (looks like de)",
        "nav.html": "no article body found",
        "huge.txt": "file too large (52.4 MB > 20 MB limit)",
        "good.txt": "ok",
        "missing.txt": "no such file or directory",
    }


def test_jsonl_line_over_the_size_cap(tmp_path: Path, cfg: Settings) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x " * 700}) + "\n" + json.dumps({"text": EXAMPLE_TEXT}) + "\n")
    items = read_all([str(path)], replace(cfg, max_bytes=1000))
    assert isinstance(items[0], InputError) and "file too large" in items[0].reason
    assert isinstance(items[1], Document)


def test_stdin_is_sniffed_like_a_file(monkeypatch: pytest.MonkeyPatch, cfg: Settings) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(EXAMPLE_HTML.encode())))
    [doc] = read_all(["-"], cfg)
    assert isinstance(doc, Document) and doc.source == "-" and doc.content_type == "text/html"


def test_file_url_and_path_objects(tmp_path: Path, cfg: Settings) -> None:
    (tmp_path / "story.txt").write_text(EXAMPLE_TEXT)
    docs = read_all([f"file://{tmp_path / 'story.txt'}", tmp_path / "story.txt"], cfg)  # type: ignore[list-item]
    assert [type(d).__name__ for d in docs] == ["Document", "Document"]
