"""Document -> Article: decode, extract (HTML), clean (wire habits), check, attribute.

Every attributed field records where it came from in `Article.provenance`. Precedence,
most trusted first:
  published:   override > meta.json/feed/JSONL > JSON-LD > <meta> > trafilatura > dateline
  publisher:   override > meta.json/feed/JSONL > JSON-LD publisher > og:site_name > "<title> | Site" > feed title
  wire_agency: meta > sign-off > dateline > byline > JSON-LD author
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from ..errors import InputError
from ..model import Article, Document
from ..settings import Settings
from .agencies import normalise_agency
from .guard import decode_content
from .html import extract_html
from .language import detect_language
from .meta import PageMeta, normalise_date
from .wire import WireText, clean_wire_text

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<!--)|<(?:p|div|br)\b[^>]*>", re.I)


def clean_document(doc: Document, settings: Settings) -> Article:
    """The clean, attributed Article of a raw Document; InputError(doc.source, reason) if refused."""
    source = doc.source
    if "json" in (doc.content_type or "").casefold():
        raise InputError(source, "JSON content: read it with read_inputs (one Document per article)")
    raw = decode_content(source, doc.content, settings.max_bytes, doc.content_type)
    meta = dict(doc.meta)
    overrides = {k: v for k, v in (meta.pop("overrides", None) or {}).items() if v}
    meta_from = str(meta.pop("meta_from", "meta"))
    provenance: dict[str, str] = {}

    if is_html(doc.content_type, raw):
        extracted = extract_html(raw, url=doc.url or meta.get("url"))
        body, page = extracted.text, extracted.meta
        provenance["text"] = extracted.text_from
    else:
        body, page = raw, PageMeta()
        provenance["text"] = "plain"

    title = _pick(provenance, "title", (overrides.get("title"), "override"), (meta.get("title"), meta_from),
                  (page.title, page.sources.get("title")))
    wire = clean_wire_text(body, title=[t for t in (title, page.title, meta.get("title"), *page.headings) if t],
                           guess_headline=provenance["text"] == "plain")
    if title is None and wire.headline:
        title = _pick(provenance, "title", (wire.headline, "text"))
    _check_body(source, wire, provenance["text"] != "plain", settings)
    language = _check_language(source, wire.text, meta.get("language") or page.language, provenance)

    declared = normalise_date(meta.get("published"))
    if declared and page.published and _same_instant(declared, page.published):
        declared = None  # the page says the same instant in the publisher's own timezone
    published = _pick(
        provenance, "published",
        (normalise_date(overrides.get("published")), "override"),
        (declared, meta_from),
        (page.published, page.sources.get("published")),
    )
    if published is None and wire.dateline is not None:
        published = _pick(provenance, "published", (wire.dateline.resolve_date(meta.get("published")), "dateline"))
        if published and wire.dateline.year is None and not meta.get("published"):
            provenance["published_year"] = "guessed"   # "Mar 9" and nothing else: the year is the ingest day's
    if published is None:  # "June 17: ... 2010-06-CA-063": a press release's heading in its release number's year
        from ..extract.dates import release_day
        day = release_day(body)
        published = _pick(provenance, "published", (day.isoformat() if day else None, "release number"))
    url = _pick(provenance, "url", (overrides.get("url"), "override"), (doc.url, "input"), (meta.get("url"), meta_from))
    canonical = _pick(provenance, "canonical_url", (meta.get("canonical_url"), meta_from),
                      (_http(page.canonical_url), page.sources.get("canonical_url")), (url, provenance.get("url")))

    url = url or _pick(provenance, "url", (canonical, "canonical_url"))
    article = Article(
        article_id=article_id(canonical or url, wire.text),
        text=wire.text,
        url=url,
        canonical_url=canonical,
        title=title,
        published=published,
        publisher=_pick(provenance, "publisher", (overrides.get("publisher"), "override"),
                        (meta.get("publisher"), meta_from), (page.publisher, page.sources.get("publisher")),
                        (wire.publisher, "disclaimer"), (meta.get("feed_title"), "feed")),
        wire_agency=_wire_agency(meta, meta_from, wire, page, provenance),
        byline=_pick(provenance, "byline", (meta.get("byline"), meta_from),
                     (page.byline, page.sources.get("byline")), (wire.byline, "text")),
        language=language,
        dateline_place=_pick(provenance, "dateline_place",
                             (wire.dateline.place if wire.dateline else None, "dateline")),
        source=source,
        provenance=provenance,
    )
    return article


def is_html(content_type: str, text: str) -> bool:
    """HTML by declared type, else by a look at the first kilobyte."""
    if "html" in (content_type or "").casefold():
        return True
    if "plain" in (content_type or "").casefold() and text.lstrip()[:1] != "<":
        return False
    return bool(_HTML_SNIFF.search(text[:1024]))


def article_id(identity: str | None, text: str) -> str:
    """Stable id: the first 16 hex of sha1 over the canonical URL, else over the normalised text."""
    basis = identity or re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _pick(provenance: dict[str, str], name: str, *candidates: tuple[Any, str | None]) -> Any:
    """The first non-empty candidate value; its source goes into provenance[name]."""
    for value, source in candidates:
        if value not in (None, "", []):
            provenance[name] = source or "unknown"
            return value.strip() if isinstance(value, str) else value
    return None


def _same_instant(a: str, b: str) -> bool:
    """True when two ISO timestamps (both with an offset) name the same minute."""
    try:
        x, y = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return False
    if x.tzinfo is None or y.tzinfo is None:
        return False
    return abs((x - y).total_seconds()) < 60


def _http(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def _wire_agency(meta: dict[str, Any], meta_from: str, wire: WireText, page: PageMeta,
                 provenance: dict[str, str]) -> str | None:
    declared = meta.get("wire_agency")
    text_source = wire.agency_source
    agency: str | None = _pick(
        provenance, "wire_agency",
        (normalise_agency(declared) or declared, meta_from),
        (wire.agency if text_source in ("sign-off", "dateline") else None, text_source),
        (page.agencies.get("byline") or page.agencies.get("html-meta"), "byline"),
        (wire.agency if text_source == "byline" else None, "byline"),
        (page.agencies.get("json-ld"), "json-ld"),
    )
    return agency


MIN_TEXT_WORDS = 4


def _check_body(source: str, wire: WireText, from_html: bool, settings: Settings) -> None:
    words = len(wire.text.split())
    if from_html and words < settings.min_words:
        raise InputError(source, "no article body found")
    if words == 0:
        raise InputError(source, "no article body found (only boilerplate)")
    if words < MIN_TEXT_WORDS:  # a one-sentence note is fine; "test", "hello world" report nothing
        raise InputError(source, f"text too short to report anything ({words} word{'s' * (words != 1)}; "
                                 f"at least {MIN_TEXT_WORDS})")


def _check_language(source: str, text: str, declared: str | None, provenance: dict[str, str]) -> str:
    detected, _confidence = detect_language(text)
    if detected is not None:
        if detected != "en":
            raise InputError(source, f"language is not English (looks like {detected})")
        provenance["language"] = "detected"
        return "en"
    code = (declared or "").strip().casefold()[:2]
    if code and code != "en":
        raise InputError(source, f"language is not English (declared {code})")
    provenance["language"] = "declared" if code else "assumed"
    return "en"
