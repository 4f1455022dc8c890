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


def read_jsonl(source: str, lines: Iterable[bytes], settings: Settings) -> Iterator[Document | InputError]:
    """One Document per line; a bad line yields InputError("file.jsonl:LINE", reason) and the rest go on."""
    for number, raw in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        if len(raw) > settings.max_bytes:
            yield InputError(where, too_large_reason(len(raw), settings.max_bytes))
            continue
        try:
            obj = json.loads(raw)
        except ValueError as e:
            yield InputError(where, f"invalid JSON ({e.__class__.__name__}: {str(e)[:80]})")
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
        yield InputError(source, f"invalid JSON ({str(e)[:80]})")
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
    """HTML `response` records of a WARC (gzipped or not) -> Documents, url from WARC-Target-URI."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{uri}" if uri else source
            http = record.http_headers
            if http is not None:
                status = http.get_statuscode() or "200"
                if not str(status).startswith("2"):
                    continue
            content_type = (http.get_header("Content-Type") if http is not None else "") or ""
            body = record.content_stream().read(settings.max_bytes + 1)
            if len(body) > settings.max_bytes:
                yield InputError(where, too_large_reason(len(body), settings.max_bytes) + " (or more)")
                continue
            if "html" not in content_type.casefold() and b"<html" not in body[:4096].lower():
                continue  # images, scripts, robots.txt...
            meta: dict[str, Any] = {"url": uri, "meta_from": "warc"}
            fetched = record.rec_headers.get_header("WARC-Date")
            if fetched:
                meta["fetched"] = fetched
            yield Document(source=where, content=body, content_type="text/html", url=uri or None, meta=meta)
    except ArchiveLoadFailed as e:
        yield InputError(source, f"not a valid WARC ({str(e).strip()[:100]})")
