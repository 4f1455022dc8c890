"""HTML -> article body text (paragraphs separated by "\\n") and page metadata.

trafilatura finds the main content; when it returns nothing, a named fallback collects the
<p> elements outside navigation, and the result says which path produced the text.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from .meta import PageMeta, parse_html, parse_page_meta

# trafilatura logs every page it finds too short at WARNING; our own error says it better
logging.getLogger("trafilatura").setLevel(logging.ERROR)


@dataclass
class HtmlExtract:
    text: str
    text_from: str          # "trafilatura" | "paragraphs" | "none"
    meta: PageMeta


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Body text and metadata of an HTML page."""
    tree = parse_html(html)
    meta = parse_page_meta(tree) if tree is not None else PageMeta()
    text = _trafilatura_text(html, url)
    if text:
        _fill_from_trafilatura(meta, html, url)
        return HtmlExtract(text=text, text_from="trafilatura", meta=meta)
    text = _paragraph_text(tree) if tree is not None else ""
    return HtmlExtract(text=text, text_from="paragraphs" if text else "none", meta=meta)


def _trafilatura_text(html: str, url: str | None) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(
            html, url=url, output_format="txt", include_comments=False, include_tables=True,
            include_links=False, include_images=False, with_metadata=False, deduplicate=False,
        )
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        return ""
    return text or ""


def _fill_from_trafilatura(meta: PageMeta, html: str, url: str | None) -> None:
    """Ask trafilatura's metadata (htmldate, sitename heuristics) only for what is missing."""
    if meta.published and meta.publisher and meta.title:
        return
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(html, default_url=url)
    except Exception:
        return
    if found is None:
        return
    meta.put("title", found.title, "trafilatura")
    from .meta import normalise_date

    meta.put("published", normalise_date(found.date), "trafilatura")
    meta.put("publisher", found.sitename, "trafilatura")


_SKIP = {"nav", "header", "footer", "aside", "script", "style", "noscript", "form", "figcaption"}


def _paragraph_text(tree: Any) -> str:
    """Fallback: <p> text outside nav/header/footer/aside, inside <article> or <main> if any."""
    from lxml_html_clean import Cleaner

    try:
        tree = Cleaner(scripts=True, javascript=True, style=True, comments=True, forms=True,
                       page_structure=False, safe_attrs_only=False).clean_html(tree)
    except Exception:
        return ""
    roots = tree.xpath("//article") or tree.xpath("//main") or [tree]
    paragraphs: list[str] = []
    for root in roots:
        for p in root.iter("p"):
            if any(a.tag in _SKIP for a in p.iterancestors()):
                continue
            text = re.sub(r"\s+", " ", p.text_content()).strip()
            if text:
                paragraphs.append(text)
    return "\n".join(paragraphs)
