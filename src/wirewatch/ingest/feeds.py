"""RSS/Atom feeds: one Document per item, the item's page fetched (or read from disk for a
feed file whose links point next to it), the item's title/date/link/guid in Document.meta."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from ..clean.meta import normalise_date, struct_time_iso
from ..errors import FetchError, InputError
from ..model import Document

# how a feed item's page is obtained: link -> Document (or raises InputError)
PageLoader = Callable[[str, dict[str, Any]], "Document | None"]


@dataclass
class FeedItem:
    link: str | None                 # resolved against the feed URL / folder
    meta: dict[str, Any]
    summary_html: str | None         # content:encoded or description, used when the page fails


def parse_feed(content: bytes, source: str, base: str | None) -> tuple[dict[str, Any], list[FeedItem]]:
    """(feed-level meta, items) of an RSS/Atom document; InputError when it is no feed."""
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(source, f"not a readable RSS/Atom feed ({reason or 'no items'})")
    feed_meta = {"feed_url": base or source, "feed_title": parsed.feed.get("title")}
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith("http") else None)
        resolved = urljoin(base, link) if (base and link) else link
        meta: dict[str, Any] = {
            "title": entry.get("title"),
            "published": struct_time_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            or normalise_date(entry.get("published") or entry.get("updated")),
            "guid": entry.get("id") or link,
            "link": resolved,
            "url": resolved if resolved and resolved.startswith(("http://", "https://")) else None,
            "feed_url": feed_meta["feed_url"],
            "feed_title": feed_meta["feed_title"],
            "meta_from": "feed",
        }
        source_title = (entry.get("source") or {}).get("title") if isinstance(entry.get("source"), dict) else None
        if source_title:
            meta["publisher"] = source_title  # RSS <source>: the outlet an aggregator took it from
        author = entry.get("author")
        if author:
            meta["feed_author"] = author
        summary = None
        if entry.get("content"):
            summary = entry["content"][0].get("value")
        summary = summary or entry.get("summary")
        items.append(FeedItem(link=resolved, meta={k: v for k, v in meta.items() if v}, summary_html=summary))
    return feed_meta, items


def feed_documents(items: list[FeedItem], load_page: PageLoader, source: str,
                   min_words: int) -> Iterator[Document | InputError]:
    """A Document per item: its page, else its own content when the page cannot be had."""
    for item in items:
        where = item.link or f"{source}#{item.meta.get('guid', '?')}"
        error: InputError | None = None
        if item.link:
            try:
                doc = load_page(item.link, item.meta)
            except InputError as e:
                error = e
            else:
                if doc is not None:
                    yield doc
                continue  # None: not modified since last time
        if item.summary_html and len(item.summary_html.split()) >= min_words:
            meta = dict(item.meta, text_from_feed="true")
            yield Document(source=where, content=item.summary_html, content_type="text/html",
                           url=item.meta.get("url"), meta=meta)
        else:
            yield error or InputError(where, "feed item has no link and no content")


def local_page(link: str, folder: Path) -> Path | None:
    """The file a feed item's link names, relative to the feed file's folder, if it exists.

    Confined to that folder (and below): an absolute path, `../` or a symlink leading out of it
    is refused, so a feed file cannot make wirewatch read /etc/passwd as an article."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        return None
    path = Path(unquote(parts.path))
    root = folder.resolve()
    candidate = (root / path).resolve() if not path.is_absolute() else path.resolve()
    if path.is_absolute() or not candidate.is_relative_to(root):
        raise InputError(link, "feed item link outside the feed's folder")
    return candidate if candidate.is_file() else None


__all__ = ["FeedItem", "parse_feed", "feed_documents", "local_page", "FetchError"]
