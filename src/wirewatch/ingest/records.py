"""Articles packed as records: JSON / JSONL (one article per line) and WARC archives."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..clean.guard import too_large_reason
from ..errors import InputError
from ..model import Document
from ..settings import Settings

# keys of an article record that become Document.meta
META_KEYS = ("url", "title", "published", "publisher", "language", "byline", "wire_agency", "canonical_url")


def _one_line(error: BaseException, limit: int) -> str:
    """A library's message as one short line (warcio's run over several)."""
    return " ".join(str(error).split())[:limit]


def article_from_record(source: str, obj: Any, meta_from: str) -> Document:
    """A Document from a dict with `text` or `html` (+ url/title/published/publisher...)."""
    if not isinstance(obj, dict):
        raise InputError(source, f"expected a JSON object, got {type(obj).__name__}")
    html, text = obj.get("html"), obj.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        raise InputError(source, "record has no 'text' or 'html' field")
    meta: dict[str, Any] = {k: obj[k] for k in META_KEYS if isinstance(obj.get(k), str) and obj[k].strip()}
    meta["meta_from"] = meta_from
    if isinstance(html, str) and html.strip():
        return Document(source=source, content=html, content_type="text/html", url=meta.get("url"), meta=meta)
    return Document(source=source, content=str(text or ""), content_type="text/plain", url=meta.get("url"), meta=meta)


def is_article_record(obj: Any) -> bool:
    return isinstance(obj, dict) and (isinstance(obj.get("text"), str) or isinstance(obj.get("html"), str))


class _TooLong(bytes):
    """A line longer than the cap: only its length is kept (the content was skipped)."""

    def __new__(cls, length: int) -> "_TooLong":
        obj = super().__new__(cls, b"x")
        obj.length = length  # type: ignore[attr-defined]
        return obj


def capped_lines(fh: IO[bytes], limit: int, chunk: int = 1 << 20) -> Iterator[bytes]:
    """The lines of a binary file, none of them held past `limit` bytes: a longer line is read
    through in chunks and yielded as a placeholder carrying its length (refused by read_jsonl),
    so a 300 MB one-line file costs a chunk of memory, not 300 MB."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while True:
            more = fh.readline(chunk)
            length += len(more)
            if not more or more.endswith(b"\n"):
                break
        yield _TooLong(length)


def read_jsonl(source: str, lines: Iterable[bytes], settings: Settings) -> Iterator[Document | InputError]:
    """One Document per line; a bad line yields InputError("file.jsonl:LINE", reason) and the rest go on."""
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        size = getattr(raw, "length", len(raw))
        if size > settings.max_bytes:
            yield InputError(where, too_large_reason(size, settings.max_bytes))
            continue
        try:
            obj = json.loads(raw)
        except ValueError as e:
            yield InputError(where, f"invalid JSON ({e.__class__.__name__}: {_one_line(e, 80)})")
            continue
        try:
            yield article_from_record(where, obj, "jsonl")
        except InputError as e:
            yield e


def read_json(source: str, data: bytes, *, quiet: bool = False) -> Iterator[Document | InputError]:
    """A .json file: one article object, a list of them, or {"articles": [...]}.

    `quiet`: yield nothing for JSON that holds no article (a folder's gold or config files).
    """
    try:
        obj = json.loads(data)
    except ValueError as e:
        yield InputError(source, f"invalid JSON ({_one_line(e, 80)})")
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    if isinstance(obj, list):
        items = [(f"{source}:{i}", item) for i, item in enumerate(obj, start=1)]
        if quiet and not any(is_article_record(item) for _, item in items):
            return
        for where, item in items:
            try:
                yield article_from_record(where, item, "jsonl")
            except InputError as e:
                yield e
        return
    if quiet and not is_article_record(obj):
        return
    try:
        yield article_from_record(source, obj, "jsonl")
    except InputError as e:
        yield e


def read_warc(source: str, stream: IO[bytes], settings: Settings) -> Iterator[Document | InputError]:
    """HTML `response` records of a WARC (gzipped or not) -> Documents, url from WARC-Target-URI.

    A bad record yields InputError("file.warc#record N", reason) and the next records go on; a
    stream that cannot be read further yields one InputError and ends (what came before is kept)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        records = ArchiveIterator(stream)
        records.loader = _tolerant_loader_class()()
    except ArchiveLoadFailed as e:
        yield InputError(source, f"not a valid WARC ({_one_line(e, 100)})")
        return
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ArchiveLoadFailed as e:
            what = "not a valid WARC" if number == 0 else f"unreadable after record {number}"
            yield InputError(source, f"{what} ({_one_line(e, 100)})")
            return
        except Exception as e:  # noqa: BLE001 - warcio raises whatever its parser hits on bad input
            yield InputError(source, f"unreadable after record {number} ({type(e).__name__}: {_one_line(e, 80)})")
            return
        number += 1
        try:
            item = _warc_document(source, number, record, settings)
        except InputError as e:
            yield e
            continue
        except Exception as e:  # noqa: BLE001 - one bad record must not take the batch down
            yield InputError(f"{source}#record {number}", f"unreadable record ({type(e).__name__}: {_one_line(e, 80)})")
            continue
        if item is not None:
            yield item


def _warc_document(source: str, number: int, record: Any, settings: Settings) -> Document | None:
    if record.rec_type != "response":
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not uri:
        raise InputError(f"{source}#record {number}", "WARC response record without WARC-Target-URI")
    where = f"{source}#{uri}"
    http = record.http_headers
    if http is not None:
        status = http.get_statuscode() or "200"
        if not str(status).startswith("2"):
            return None
    content_type = (http.get_header("Content-Type") if http is not None else "") or ""
    body = record.content_stream().read(settings.max_bytes + 1)
    if len(body) > settings.max_bytes:
        raise InputError(where, too_large_reason(len(body), settings.max_bytes) + " (or more)")
    if "html" not in content_type.casefold() and b"<html" not in body[:4096].lower():
        return None  # images, scripts, robots.txt...
    meta: dict[str, Any] = {"url": uri, "meta_from": "warc"}
    fetched = record.rec_headers.get_header("WARC-Date")
    if fetched:
        meta["fetched"] = fetched
    return Document(source=where, content=body, content_type="text/html", url=uri, meta=meta)


def _tolerant_loader_class() -> type:
    from warcio.recordloader import ArcWarcRecordLoader

    class TolerantLoader(ArcWarcRecordLoader):
        """warcio parses HTTP headers by the record's URI and fails on a record without one."""

        def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: Any) -> Any:
            return super().load_http_headers(rec_type, uri or "", stream, length)

    return TolerantLoader

