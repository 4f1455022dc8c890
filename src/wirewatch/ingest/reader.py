"""read_inputs: whatever the user named (files, folders, URLs, "-") -> raw Documents.

Errors never escape the iterator: each is yielded as an InputError naming its input, so one
bad input does not stop a batch.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from ..clean.guard import too_large_reason
from ..errors import FetchError, InputError
from ..model import Document
from ..settings import Settings
from .cache import FetchCache, NotModified
from .feeds import feed_documents, local_page, parse_feed
from .fetch import Fetcher, Response
from .records import capped_lines, read_json, read_jsonl, read_warc
from .sniff import HEAD_BYTES, sniff

# what a folder walk picks up; anything else in a folder (images, scripts) is not an input
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".json",
                    ".jsonl", ".ndjson", ".warc", ".warc.gz", ".arc.gz")


def read_inputs(
    sources: Iterable[str],
    settings: Settings,
    *,
    overrides: dict[str, Any] | None = None,
    fetch_cache: FetchCache | None = None,
    yield_not_modified: bool = False,
) -> Iterator[Document | InputError]:
    """Documents (or InputErrors) for each source, in order.

    sources: file paths, folders (recursive, sorted), http(s) URLs (feed or page), "-" (stdin).
    overrides: {"published", "publisher", "url", "title"} that win over everything; carried
        to `clean_document` as Document.meta["overrides"].
    fetch_cache: makes URL fetches conditional (ETag / Last-Modified); a 304 yields nothing,
        or a `NotModified(url)` marker when `yield_not_modified` is set.
    """
    reader = _Reader(settings, fetch_cache, {k: v for k, v in (overrides or {}).items() if v})
    try:
        for source in sources:
            for item in reader.read(source):
                if isinstance(item, NotModified):
                    if yield_not_modified:
                        yield item  # type: ignore[misc]  # opt-in marker, see NotModified
                    continue
                if isinstance(item, Document) and reader.overrides:
                    item.meta["overrides"] = dict(reader.overrides)
                yield item
    finally:
        reader.close()


Item = Document | InputError | NotModified


class _Reader:
    def __init__(self, settings: Settings, cache: FetchCache | None, overrides: dict[str, Any]) -> None:
        self.settings = settings
        self.cache = cache
        self.overrides = overrides
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()

    def read(self, source: str) -> Iterator[Item]:
        source = os.fspath(source)
        try:
            if source == "-":
                yield from self.read_stdin()
            elif source[:8].casefold().startswith(("http://", "https://")):
                yield from self.read_url(source)
            else:
                path = Path(unquote(source[7:]) if source.startswith("file://") else source)
                if path.is_dir():
                    yield from self.read_folder(path)
                elif path.is_file():
                    yield from self.read_file(path, source)
                elif path.exists():
                    yield InputError(source, "not a regular file")
                else:
                    yield InputError(source, "no such file or directory")
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(source, f"cannot read ({e.strerror or e})")

    # --- local ---------------------------------------------------------------------------

    def read_folder(self, folder: Path) -> Iterator[Item]:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if any(part.startswith(".") for part in rel.parts) or not path.is_file():
                continue
            name = path.name.casefold()
            if name == "meta.json" or name.endswith(".meta.json") or not name.endswith(ARTICLE_SUFFIXES):
                continue
            try:
                yield from self.read_file(path, str(path), in_folder=True)
            except InputError as e:
                yield e
            except OSError as e:
                yield InputError(str(path), f"cannot read ({e.strerror or e})")

    def read_file(self, path: Path, source: str, in_folder: bool = False) -> Iterator[Item]:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
            kind = sniff(head, path.name)
            if kind == "warc":
                fh.seek(0)
                yield from read_warc(source, fh, self.settings)
                return
            if kind == "jsonl":
                fh.seek(0)
                yield from read_jsonl(source, capped_lines(fh, self.settings.max_bytes), self.settings)
                return
            size = path.stat().st_size
            if size > self.settings.max_bytes:
                yield InputError(source, too_large_reason(size, self.settings.max_bytes))
                return
            data = head + fh.read()
        if kind == "gzip":
            yield InputError(source, "gzip file that is not a WARC")
        elif kind == "json":
            yield from read_json(source, data, quiet=in_folder)
        elif kind == "feed":
            yield from self.read_feed(data, source, base=None, folder=path.parent)
        else:
            meta = sibling_meta(path) if kind in ("text", "html") else {}
            yield Document(source=source, content=data, content_type="text/html" if kind == "html" else "text/plain",
                           url=meta.get("url"), meta=meta)

    def read_stdin(self) -> Iterator[Item]:
        stream: IO[bytes] = sys.stdin.buffer
        data = stream.read(self.settings.max_bytes + 1)
        kind = sniff(data[:HEAD_BYTES], "")
        if kind == "warc":
            import io

            yield from read_warc("-", io.BytesIO(data), self.settings)
        elif kind == "jsonl":
            yield from read_jsonl("-", data.splitlines(), self.settings)
        elif len(data) > self.settings.max_bytes:
            yield InputError("-", too_large_reason(len(data), self.settings.max_bytes) + " (or more)")
        elif kind == "json":
            yield from read_json("-", data)
        elif kind == "feed":
            yield from self.read_feed(data, "-", base=None, folder=Path.cwd())
        else:
            yield Document(source="-", content=data, content_type="text/html" if kind == "html" else "text/plain")

    # --- remote --------------------------------------------------------------------------

    def fetch(self, url: str) -> Response | NotModified:
        return self.fetcher.get(url, cache=self.cache)

    def read_url(self, url: str) -> Iterator[Item]:
        response = self.fetch(url)
        if isinstance(response, NotModified):
            yield response
            return
        _check_content_type(url, response)
        kind = sniff(response.content[:HEAD_BYTES], urlsplit_path(response.url), response.content_type)
        if kind == "feed":
            yield from self.read_feed(response.content, url, base=response.url, folder=None)
        elif kind == "jsonl":
            yield from read_jsonl(url, response.content.splitlines(), self.settings)
        elif kind == "json":
            yield from read_json(url, response.content)
        elif kind == "warc":
            import io

            yield from read_warc(url, io.BytesIO(response.content), self.settings)
        else:
            yield self.page_document(url, response, {})
        self.remember(url, response)

    def page_document(self, source: str, response: Response, meta: dict[str, Any]) -> Document:
        _check_content_type(source, response)
        kind = sniff(response.content[:HEAD_BYTES], urlsplit_path(response.url), response.content_type)
        meta = dict(meta)
        meta.setdefault("url", response.url)
        meta.setdefault("meta_from", "fetch")
        return Document(source=source, content=response.content,
                        content_type="text/html" if kind == "html" else "text/plain", url=response.url, meta=meta)

    def remember(self, url: str, response: Response) -> None:
        """Store validators only after the documents were handed on (and so were consumed)."""
        if self.cache is not None and (response.etag or response.last_modified):
            self.cache.set(url, response.etag, response.last_modified)

    # --- feeds ---------------------------------------------------------------------------

    def read_feed(self, data: bytes, source: str, base: str | None, folder: Path | None) -> Iterator[Item]:
        _feed_meta, items = parse_feed(data, source, base)
        not_modified: list[NotModified] = []
        fetched: list[tuple[str, Response]] = []

        def load_page(link: str, meta: dict[str, Any]) -> Document | None:
            if folder is not None:
                try:
                    local = local_page(link, folder)
                except InputError as e:
                    raise InputError(f"{source}#{link}", e.reason) from None
                if local is not None:
                    try:
                        return self.local_page_document(local, meta)
                    except OSError as e:
                        raise InputError(str(local), f"cannot read ({e.strerror or e})") from None
                if not link.startswith(("http://", "https://")):
                    raise InputError(f"{source}#{link}", "feed item page not found next to the feed")
            response = self.fetch(link)
            if isinstance(response, NotModified):
                not_modified.append(response)
                return None
            fetched.append((link, response))
            return self.page_document(link, response, meta)

        for item in feed_documents(items, load_page, source, self.settings.min_words):
            while not_modified:
                yield not_modified.pop(0)
            yield item
            while fetched:  # the consumer took the page: remember its validators
                self.remember(*fetched.pop(0))
        yield from not_modified

    def local_page_document(self, path: Path, meta: dict[str, Any]) -> Document:
        size = path.stat().st_size
        if size > self.settings.max_bytes:
            raise InputError(str(path), too_large_reason(size, self.settings.max_bytes))
        data = path.read_bytes()
        kind = sniff(data[:HEAD_BYTES], path.name)
        return Document(source=str(path), content=data, content_type="text/html" if kind == "html" else "text/plain",
                        url=meta.get("url"), meta=dict(meta))


_NOT_TEXT = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip", "application/octet-stream",
             "application/vnd.", "application/msword")


def _check_content_type(source: str, response: Response) -> None:
    ctype = response.content_type.split(";")[0].strip().casefold()
    if ctype.startswith(_NOT_TEXT) and not response.content[:5].startswith((b"WARC/", b"\x1f\x8b")):
        raise FetchError(source, f"unsupported content type {ctype}")


def urlsplit_path(url: str) -> str:
    return urlsplit(url).path


META_MAX_BYTES = 1024 * 1024  # a meta.json is a handful of fields


def sibling_meta(path: Path) -> dict[str, Any]:
    """Metadata from "<name>.meta.json" (or "<stem>.meta.json") or, for a text file, "meta.json"
    in the same folder: url/title/published/publisher/language..."""
    candidates = [path.with_name(path.name + ".meta.json"), path.with_name(path.stem + ".meta.json")]
    candidates.append(path.with_name("meta.json"))
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            if candidate.stat().st_size > META_MAX_BYTES:
                raise InputError(str(candidate), too_large_reason(candidate.stat().st_size, META_MAX_BYTES))
            data = json.loads(candidate.read_text("utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(str(candidate), f"unreadable meta.json ({e})") from None
        if not isinstance(data, dict):
            raise InputError(str(candidate), "meta.json must hold a JSON object")
        meta = {k: v for k, v in data.items() if isinstance(v, str) and v.strip()}
        meta["meta_from"] = "meta.json"
        return meta
    return {}


__all__ = ["read_inputs", "sibling_meta", "ARTICLE_SUFFIXES", "FetchError"]
