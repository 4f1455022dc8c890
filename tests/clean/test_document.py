"""clean_document on the shared fixtures (read from ../shared) and on bad inputs written here."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from wirewatch.clean import article_id, clean_document
from wirewatch.errors import InputError
from wirewatch.model import Document
from wirewatch.settings import Settings

EXAMPLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Example: flood barrier breached | Example Gazette</title>
<meta property="article:published_time" content="2023-05-02T07:30:00+02:00">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Example: flood barrier breached",
 "author": [{"@type": "Person", "name": "Mira Example"}], "publisher": {"@type": "Organization", "name": "Example Gazette"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Example: flood barrier breached</h1>
<p>Riverton, May 2 (Reuters) - Armed men blew up a section of the flood barrier north of the town overnight,
the regional governor said on Tuesday, forcing hundreds of families to leave their homes.</p>
<p>No group has claimed responsibility for the blast, which the governor called an act of sabotage.</p>
<p>Also Read: Example markets rally on rate hopes</p>
<p>(Reporting by Example Writer; Editing by Example Editor)</p>
</article><footer>All rights reserved.</footer></body></html>"""  # written for this test


@pytest.fixture(scope="module")
def cfg() -> Settings:
    return Settings()


def test_seed_article_text_and_meta(shared_fixtures: Path, cfg: Settings) -> None:
    folder = shared_fixtures / "ganja"
    gold = json.loads((folder / "gold.json").read_text())["article"]
    meta = json.loads((folder / "meta.json").read_text())
    doc = Document(source=str(folder / "article.txt"), content=(folder / "article.txt").read_bytes(),
                   meta={**meta, "meta_from": "meta.json"})
    article = clean_document(doc, cfg)
    assert article.wire_agency == gold["wire_agency"]
    assert article.publisher == gold["publisher"]
    assert article.published.startswith(gold["published"])
    for boilerplate in gold["boilerplate_removed"]:
        assert boilerplate not in article.text
    assert article.provenance["wire_agency"] == "sign-off"
    assert article.provenance["published"] == "meta.json"
    assert article.language == "en"
    assert "\n\n" not in article.text and article.text.count("\n") > 5
    assert article.article_id == article_id(meta["url"], "")


@pytest.mark.parametrize("name,publisher,agency,agency_from,place", [
    ("bs-ganja", "Business Standard", "IANS", "sign-off", None),
    ("ledger-ganja", "Daily Ledger", "IANS", "byline", None),
    ("wire-ganja-toll", "Wire Service", "Wire Service", "dateline", "Baku"),
    ("cricket", "Business Standard", "IANS", "sign-off", "Mumbai"),
])
def test_fixture_pages(shared_fixtures: Path, cfg: Settings, name: str, publisher: str, agency: str,
                       agency_from: str, place: str | None) -> None:
    path = shared_fixtures / "feed" / "articles" / f"{name}.html"
    article = clean_document(Document(source=str(path), content=path.read_bytes(), content_type="text/html"), cfg)
    assert article.publisher == publisher
    assert (article.wire_agency, article.provenance["wire_agency"]) == (agency, agency_from)
    assert article.dateline_place == place
    assert article.provenance["text"] == "trafilatura"
    assert article.canonical_url and article.canonical_url.startswith("https://")
    assert article.published and article.published.startswith("2020-10-1")
    for junk in ("Home", "Trending", "Sensex", "--IANS", "syndicated feed", "All rights reserved", "(Wire Service)"):
        assert junk not in article.text
    assert not article.text.startswith(article.title or "\0")  # the headline is not repeated


def test_html_example_fields_and_provenance(cfg: Settings) -> None:
    article = clean_document(Document(source="example.html", content=EXAMPLE_HTML), cfg)
    assert article.text.startswith("Armed men blew up")
    assert "Also Read" not in article.text and "Editing by" not in article.text
    assert article.wire_agency == "Reuters" and article.provenance["wire_agency"] == "sign-off"
    assert article.dateline_place == "Riverton"
    assert article.byline == "Mira Example" and article.provenance["byline"] == "json-ld"
    assert article.published == "2023-05-02T07:30:00+02:00" and article.provenance["published"] == "html-meta"
    assert article.publisher == "Example Gazette"


def test_overrides_win_and_dateline_dates_a_bare_text(cfg: Settings) -> None:
    text = ("Port Example, Mar 9 (AFP) - Gunmen attacked a checkpoint on the coastal road, killing two "
            "guards, the interior ministry said in a statement on Saturday.\nThe ministry gave no further details.")
    bare = clean_document(Document(source="t.txt", content=text), cfg)
    assert bare.published and bare.published.endswith("-03-09") and bare.provenance["published"] == "dateline"
    assert bare.provenance["published_year"] == "guessed"          # flagged as undated by ingest and the page
    assert bare.wire_agency == "AFP" and bare.provenance["wire_agency"] == "dateline"
    doc = Document(source="t.txt", content=text, meta={"published": "2019-03-10", "meta_from": "meta.json",
                                                          "overrides": {"published": "2019-03-11", "publisher": "Mine"}})
    article = clean_document(doc, cfg)
    assert (article.published, article.provenance["published"]) == ("2019-03-11", "override")
    assert "published_year" not in article.provenance
    assert (article.publisher, article.provenance["publisher"]) == ("Mine", "override")
    assert article.text.startswith("Gunmen attacked")


def test_article_id_is_stable_over_text_when_there_is_no_url(cfg: Settings) -> None:
    text = "Rebels shelled the airport road on Friday, wounding five civilians, aid workers said."
    a = clean_document(Document(source="a.txt", content=text), cfg)
    b = clean_document(Document(source="b.txt", content="  " + text.replace(" ", "  ") + "\n"), cfg)
    assert a.article_id == b.article_id and len(a.article_id) == 16


# --- bad inputs: each is refused with a one-line reason naming the input -----------------

GERMAN = ("Bei einem Raketenangriff auf die Stadt sind nach Angaben der Behörden mindestens zwölf Menschen "
          "getötet worden. Die Regierung sprach von einem Kriegsverbrechen und kündigte eine Untersuchung an, "
          "die noch in dieser Woche beginnen soll.")
NAV_ONLY = ("<html><head><title>Section</title></head><body><nav><a href='/'>Home</a> <a href='/a'>World</a> "
            "<a href='/b'>Sport</a></nav><footer>Contact us</footer></body></html>")


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b" \n\t\n", "empty input"),
    ("binary.txt", bytes(range(256)) * 8, "binary content"),
    ("german.txt", GERMAN.encode(), "language is not English (looks like de)"),
    ("nav.html", NAV_ONLY.encode(), "no article body found"),
])
def test_bad_inputs_are_refused(cfg: Settings, name: str, content: bytes, reason: str) -> None:
    ctype = "text/html" if name.endswith(".html") else "text/plain"
    with pytest.raises(InputError) as err:
        clean_document(Document(source=name, content=content, content_type=ctype), cfg)
    assert err.value.source == name and reason in err.value.reason
    assert "\n" not in str(err.value)


def test_too_large_content_is_refused(cfg: Settings) -> None:
    small = replace(cfg, max_bytes=1_048_576)
    with pytest.raises(InputError, match=r"file too large \(2\.1 MB > 1 MB limit\)"):
        clean_document(Document(source="big.txt", content=b"word " * 419_431), small)


def test_legacy_encoding_is_decoded(cfg: Settings) -> None:
    text = ("Troops entered the caf\xe9 district of the capital on Monday after two days of clashes that "
            "left at least nine people dead, the army said.")
    article = clean_document(Document(source="latin.txt", content=text.encode("cp1252")), cfg)
    assert "café" in article.text


@pytest.mark.parametrize("text,language", [
    ("La policía detuvo a tres hombres después de los enfrentamientos en la capital, según el ministerio "
     "del Interior, que no dio más detalles sobre el caso.", "es"),
    ("Les forces de sécurité ont repoussé une attaque contre le poste de la ville, selon le ministère, qui "
     "a fait état de deux morts parmi les assaillants.", "fr"),
    ("Силы обороны сообщили, что ночью было сбито несколько беспилотников над областью.", "ru"),
])
def test_other_languages_are_named(cfg: Settings, text: str, language: str) -> None:
    with pytest.raises(InputError, match=rf"looks like {language}\)"):
        clean_document(Document(source="x.txt", content=text), cfg)


def test_english_story_with_foreign_names_is_english(cfg: Settings) -> None:
    text = ("Police in Ciudad de la Paz said the attack on the Hotel del Mar left two guards dead, and the "
            "mayor of San José de las Lajas called for calm after the shooting.")
    assert clean_document(Document(source="x.txt", content=text), cfg).language == "en"


AP_STYLE_HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Strike hits fuel depot in port city - Example Post</title>
<meta name="description" content="A strike hit a fuel depot.">
<meta property="og:site_name" content="Example Post">
<meta name="article:published_time" content="2024-03-05T10:00:00Z">
</head><body>
<div class="header"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></div>
<div class="Page-content">
<h1 class="Page-headline">Strike hits fuel depot in port city</h1>
<div class="Page-byline">By <a href="/a">JANE ROE</a> and <a href="/b">TOM POE</a> Associated Press</div>
<div class="RichTextStoryBody">
<p><strong>ODESA, Ukraine (AP)</strong> — A missile strike set a fuel depot ablaze in the southern port city of Odesa early Tuesday, wounding three workers, the regional governor said.</p>
<p>Firefighters battled the blaze for several hours, the governor said in a post on Telegram, adding that the missile had been fired from a warship in the Black Sea.</p>
<div class="Enhancement"><h3>Related Coverage</h3><ul><li><a href="/x">Drone debris falls on apartment block</a></li><li><a href="/y">Grain corridor talks resume</a></li></ul></div>
<p>There was no immediate comment from Moscow on the strike, which came a day after drones hit power lines in the region.</p>
<p>___</p>
<p>Associated Press writer Sam Loe in Kyiv contributed to this report.</p>
<p>___</p>
<p>Follow AP's coverage of the war at https://apnews.example/hub/russia-ukraine</p>
</div></div>
<div class="footer">Copyright 2024 The Associated Press. All Rights Reserved.</div>
</body></html>
"""  # written for this test, shaped like an agency page


def test_agency_style_page(cfg: Settings) -> None:
    article = clean_document(Document(source="ap.html", content=AP_STYLE_HTML, content_type="text/html"), cfg)
    assert article.title == "Strike hits fuel depot in port city"  # " - Example Post" is the site
    assert article.publisher == "Example Post"
    assert article.text.startswith("A missile strike set a fuel depot ablaze")
    for junk in ("Related Coverage", "Drone debris", "___", "contributed", "Follow AP", "Copyright"):
        assert junk not in article.text
    assert (article.wire_agency, article.provenance["wire_agency"]) == ("AP", "sign-off")
    assert article.byline == "JANE ROE, TOM POE"
    assert article.dateline_place == "Odesa"
    assert article.published == "2024-03-05T10:00:00+00:00"


def test_paragraph_fallback_is_recorded(cfg: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirewatch.clean import html as html_step

    monkeypatch.setattr(html_step, "_trafilatura_text", lambda html, url: "")
    article = clean_document(Document(source="ap.html", content=AP_STYLE_HTML, content_type="text/html"), cfg)
    assert article.provenance["text"] == "paragraphs"
    assert article.text.startswith("A missile strike set a fuel depot ablaze")
    assert "Home" not in article.text and "contributed" not in article.text
