"""Page metadata (JSON-LD, <meta>, bylines, <title>) and date normalisation."""
from __future__ import annotations

import pytest

from wirewatch.clean import normalise_date
from wirewatch.clean.meta import PageMeta, parse_html, parse_page_meta


@pytest.mark.parametrize("value,iso", [
    ("2020-10-17T14:20:00+05:30", "2020-10-17T14:20:00+05:30"),
    ("2020-10-17T14:20:00+0530", "2020-10-17T14:20:00+05:30"),
    ("2020-10-17T08:50:00Z", "2020-10-17T08:50:00+00:00"),
    ("2020-10-17", "2020-10-17"),
    ("Sat, 17 Oct 2020 08:50:00 GMT", "2020-10-17T08:50:00+00:00"),
    ("17 October 2020", "2020-10-17"),
    ("Oct 17 2020 2:20 PM IST", "2020-10-17T14:20:00+05:30"),
    ("Oct 17, 2020, 09:40 am EDT", "2020-10-17T09:40:00-04:00"),
    ("not a date", None),
    ("2020-13-45", None),
    ("", None),
])
def test_dates_are_normalised_to_iso(value: str, iso: str | None) -> None:
    assert normalise_date(value) == iso


def meta_of(head: str, body: str = "<p>x</p>") -> PageMeta:
    return parse_page_meta(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_jsonld_graph_with_people_and_an_agency() -> None:
    meta = meta_of('<script type="application/ld+json">{"@graph": [{"@type": "WebPage", "name": "Page"},'
                   '{"@type": ["NewsArticle"], "headline": "Example headline", "datePublished": "2021-02-03T04:05:06Z",'
                   '"author": [{"@type": "Person", "name": "Ana Example"}, {"@type": "Organization", "name": "Agence France-Presse"}],'
                   '"publisher": {"@type": "Organization", "name": "Example Daily"}}]}</script>')
    assert meta.title == "Example headline" and meta.sources["title"] == "json-ld"
    assert meta.published == "2021-02-03T04:05:06+00:00"
    assert meta.byline == "Ana Example" and meta.agencies == {"json-ld": "AFP"}
    assert meta.publisher == "Example Daily"


def test_broken_jsonld_falls_back_to_meta_tags_and_title() -> None:
    meta = meta_of('<script type="application/ld+json">{"@type": "NewsArticle", broken</script>'
                   '<meta property="article:published_time" content="2022-05-06T07:08:09+03:00">'
                   '<meta name="author" content="Press Trust of India">'
                   '<link rel="canonical" href="https://example.org/story"><title>Example story | Example Herald</title>')
    assert (meta.published, meta.sources["published"]) == ("2022-05-06T07:08:09+03:00", "html-meta")
    assert meta.agencies == {"html-meta": "PTI"}
    assert meta.canonical_url == "https://example.org/story"
    assert (meta.publisher, meta.title) == ("Example Herald", "Example story")


def test_byline_element_gives_people_and_agency() -> None:
    meta = meta_of("", '<div class="story-byline">By Ana Example and Ben Example | Reuters | Updated: 3 Mar 2024</div>')
    assert meta.byline == "Ana Example, Ben Example"
    assert meta.agencies == {"byline": "Reuters"}
