"""Article metadata from a page's <head>, JSON-LD and byline, and date normalisation.

Each value keeps the name of where it came from ("json-ld", "html-meta", "byline"), so
`Article.provenance` can say it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import html as lxml_html

from .agencies import agency_alternation, normalise_agency

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                  "backgroundnewsarticle", "webpage", "liveblogposting", "report", "opinionnewsarticle"}


@dataclass
class PageMeta:
    """What a page says about itself; every field has a matching `<field>_from`."""

    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    byline: str | None = None           # person names
    headings: list[str] = field(default_factory=list)       # <h1> texts: extractors repeat them as line one
    sources: dict[str, str] = field(default_factory=dict)  # field -> "json-ld" | "html-meta" | "byline" | "title"
    agencies: dict[str, str] = field(default_factory=dict)  # where found ("json-ld", "byline", ...) -> agency

    def put(self, name: str, value: str | None, source: str) -> None:
        """Set a field only if empty: callers go from the most to the least trusted source."""
        if name == "agency":
            if value:
                self.agencies.setdefault(source, value)
            return
        if value and getattr(self, name) is None:
            setattr(self, name, value)
            self.sources[name] = source


def parse_page_meta(tree: Any) -> PageMeta:
    """Metadata of a parsed page (lxml tree): JSON-LD first, then <meta>/<link>, then byline."""
    meta = PageMeta()
    for obj in _jsonld_articles(tree):
        _from_jsonld(meta, obj)
    _from_head(meta, tree)
    _from_byline(meta, tree)
    return meta


def parse_html(html: str) -> Any:
    """An lxml tree, or None when the markup cannot be parsed at all."""
    try:
        return lxml_html.document_fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return None


# --- JSON-LD ----------------------------------------------------------------------------


def _jsonld_articles(tree: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the <meta> tags still count
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]])
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.casefold() in _ARTICLE_TYPES for t in types):
                    found.append(item)
    # a NewsArticle beats a WebPage describing the same page
    found.sort(key=lambda o: 1 if "webpage" in str(o.get("@type")).casefold() else 0)
    return found


def _from_jsonld(meta: PageMeta, obj: dict[str, Any]) -> None:
    meta.put("title", _text(obj.get("headline") or obj.get("name")), "json-ld")
    meta.put("published", normalise_date(_text(obj.get("datePublished") or obj.get("dateCreated"))), "json-ld")
    meta.put("publisher", _name(obj.get("publisher")), "json-ld")
    url = _text(obj.get("url")) or _name_id(obj.get("mainEntityOfPage"))
    if url and url.startswith("http"):
        meta.put("canonical_url", url, "json-ld")
    meta.put("language", _text(obj.get("inLanguage")), "json-ld")
    authors = obj.get("author")
    people: list[str] = []
    for author in authors if isinstance(authors, list) else [authors]:
        name = _name(author)
        if not name:
            continue
        kind = str(author.get("@type", "")).casefold() if isinstance(author, dict) else ""
        agency = normalise_agency(name)
        if agency:
            meta.put("agency", agency, "json-ld")
        elif kind != "organization" and not _NOT_PERSON.search(name):
            people.append(name)
    if people:
        meta.put("byline", ", ".join(dict.fromkeys(people)), "json-ld")


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, (str, int, float)):
        text = re.sub(r"\s+", " ", str(value)).strip()
        return text or None
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _name_id(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("@id") or value.get("url"))
    return _text(value)


# --- <head> -----------------------------------------------------------------------------

_DATE_KEYS = ("article:published_time", "og:published_time", "article.published", "datepublished",
              "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date",
              "dcterms.created", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
              "og:article:published_time", "published_time", "article_date_original")


def _from_head(meta: PageMeta, tree: Any) -> None:
    tags: dict[str, str] = {}
    for el in tree.xpath("//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().casefold()
        content = (el.get("content") or "").strip()
        if key and content and key not in tags:
            tags[key] = content
    for key in _DATE_KEYS:
        if key in tags:
            meta.put("published", normalise_date(tags[key]), "html-meta")
    for el in tree.xpath("//time[@itemprop='datePublished' or @pubdate]"):
        meta.put("published", normalise_date(el.get("datetime") or el.text_content()), "html-meta")
    meta.put("title", tags.get("og:title") or tags.get("twitter:title"), "html-meta")
    meta.put("publisher", tags.get("og:site_name") or tags.get("application-name"), "html-meta")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    meta.put("canonical_url", canonical[0].strip() if canonical else tags.get("og:url"), "html-meta")
    lang = tree.get("lang") or tags.get("og:locale") or tags.get("content-language")
    meta.put("language", lang, "html-meta")
    author = tags.get("author") or tags.get("article:author") or tags.get("byl")
    if author and not author.startswith("http"):
        _byline_text(meta, author, "html-meta")
    meta.headings = [re.sub(r"\s+", " ", h.text_content()).strip() for h in tree.xpath("//h1")[:3]]
    titles = tree.xpath("//title")
    if titles:
        title_text = re.sub(r"\s+", " ", titles[0].text_content()).strip()
        site = _title_site(title_text, meta.publisher)
        if site:
            meta.put("publisher", site, "title")
            title_text = title_text[: title_text.rfind(site)].rstrip(" |–—-:·")
        meta.put("title", title_text or None, "title")


def _title_site(title: str, known: str | None = None) -> str | None:
    """"Headline | Business Standard" -> "Business Standard"; with a known site name, also
    "Headline - Site"."""
    if known and len(title) > len(known) + 3 and title.casefold().endswith(known.casefold()):
        if re.search(r"\s[-|–—:·]\s*$", title[: -len(known)]):
            return title[-len(known):]
    m = re.search(r"\s(?:\||–|—|::)\s*([^|–—]{2,40})$", title)
    if not m:
        return None
    site = m.group(1).strip()
    return site if len(site.split()) <= 5 else None


# --- bylines ----------------------------------------------------------------------------

_BYLINE_XPATH = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' byline')"
                 " or contains(@class, 'author-name') or @rel='author' or @itemprop='author'"
                 " or contains(@class, 'byline')]")
_DATEISH = re.compile(r"\d{4}-\d\d-\d\d|\d{1,2}:\d\d|\b(?:updated|published|posted|ist|gmt|utc)\b|"
                      r"\b\d{1,2}\s+\w{3,9}\s+\d{4}\b|\b\w{3,9}\.? \d{1,2},? \d{4}\b", re.I)
_TRAILING_AGENCY = re.compile(rf"^(.+?)\s+((?:The )?(?:{agency_alternation()}))$")
_PERSON = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}$")
# words that make a "name" an organisation or a desk, not a person
_NOT_PERSON = re.compile(
    r"\b(?:service|news|agency|desk|staff|bureau|team|online|media|times|post|press|network|digital|"
    r"web|daily|herald|tribune|journal|reporter|correspondent|editor|newsroom|wire|agencies|group|"
    r"standard|express|today|world|international|global|tv|radio)\b",
    re.I,
)


def _from_byline(meta: PageMeta, tree: Any) -> None:
    for el in tree.xpath(_BYLINE_XPATH)[:3]:
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if text and len(text) <= 120:
            _byline_text(meta, text, "byline")


def _byline_text(meta: PageMeta, text: str, source: str) -> None:
    """"IANS | 2020-10-17" -> agency IANS; "By Jane Doe and John Roe, Reuters" -> both."""
    text = re.sub(r"^\s*(?:written\s+)?by\s+", "", text, flags=re.I)
    people: list[str] = []
    for part in re.split(r"\s*(?:\||,|;|/|\band\b|&|·|•)\s*", text):
        part = part.strip(" -–—")
        if not part or _DATEISH.search(part):
            continue
        trailing = _TRAILING_AGENCY.match(part)  # "JON ROE Associated Press"
        if trailing and normalise_agency(trailing.group(2)):
            meta.put("agency", normalise_agency(trailing.group(2)), source)
            part = trailing.group(1)
        agency = normalise_agency(part)
        if agency:
            meta.put("agency", agency, source)
        elif _PERSON.match(part) and not _NOT_PERSON.search(part):
            people.append(part)
    if people:
        meta.put("byline", ", ".join(dict.fromkeys(people)), source)


# --- dates ------------------------------------------------------------------------------


def normalise_date(value: str | None) -> str | None:
    """ISO 8601 of a date string in any common form ("2020-10-17T14:20:00+05:30",
    "Sat, 17 Oct 2020 08:50:00 GMT", "17 October 2020"); None when it is not a date."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value if _valid_date(value) else None
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        return datetime.fromisoformat(iso).isoformat()
    except ValueError:
        pass
    if _RFC2822.match(value):  # feeds' pubDate; parsedate is too lenient for anything else
        try:
            return parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    if not re.search(r"\d", value) or len(value) > 60:
        return None
    import dateparser  # slow to import: only for the odd formats

    offset: timedelta | None = None
    zone = _TZ_ABBR.search(value)
    if zone:  # dateparser misreads some abbreviations (and "IST" is India's in news datelines)
        offset = _TZ_OFFSETS[zone.group(1).upper()]
        value = value[: zone.start()] + value[zone.end():]
    parsed = dateparser.parse(value, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        return None
    if parsed.hour == parsed.minute == parsed.second == 0 and not re.search(r"\d:\d", value):
        return str(parsed.date().isoformat())
    if offset is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone(offset))
    return str(parsed.isoformat())


_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d\d")
_TZ_OFFSETS = {"IST": timedelta(hours=5, minutes=30), "GMT": timedelta(0), "UTC": timedelta(0),
               "EST": timedelta(hours=-5), "EDT": timedelta(hours=-4), "CST": timedelta(hours=-6),
               "CDT": timedelta(hours=-5), "PST": timedelta(hours=-8), "PDT": timedelta(hours=-7),
               "CET": timedelta(hours=1), "CEST": timedelta(hours=2), "BST": timedelta(hours=1),
               "EET": timedelta(hours=2), "EEST": timedelta(hours=3), "MSK": timedelta(hours=3),
               "PKT": timedelta(hours=5), "WAT": timedelta(hours=1), "EAT": timedelta(hours=3),
               "SAST": timedelta(hours=2), "JST": timedelta(hours=9), "KST": timedelta(hours=9)}
_TZ_ABBR = re.compile(r"\s*\b(" + "|".join(_TZ_OFFSETS) + r")\b\s*", re.I)


def _valid_date(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m-%d")
        return True
    except ValueError:
        return False


def struct_time_iso(value: Any) -> str | None:
    """feedparser's *_parsed (a UTC struct_time) as ISO 8601."""
    if not value:
        return None
    try:
        year, month, day, hour, minute, second = (int(v) for v in value[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None
