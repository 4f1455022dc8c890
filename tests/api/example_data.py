"""Hand-written EXAMPLE articles and events for the API and browser tests.

Everything here is invented for the tests (a fictional conflict between "Arland" and "Borvia",
with user-assigned ISO codes XAA/XBB): no published article or gold row is copied. It holds a
contested event with an assertion and a denial, a syndicated copy, an undisputed clash a few days
later, and hostile strings (`<script>`, `onerror=`) in an actor name, a quote and an article text.
"""
from __future__ import annotations

from wirewatch.model import Article, Claim, Mention, Span

HOSTILE = '<script>alert("xss")</script>'
HOSTILE_IMG = '<img src=x onerror="alert(2)">'

STRIKE_TEXT = (
    "VALDORA, March 4 (Example Wire) - Seven civilians were killed when a missile hit a market "
    "in the Arlandi town of Valdora on Thursday, officials said.\n\n"
    "\"Borvian forces fired a ballistic missile at a crowded market in Valdora,\" Arland's defence "
    "ministry spokesman Ilan Voss told reporters.\n\n"
    "Borvia's defence ministry rejected the accusation. \"Our forces did not fire at Valdora; "
    "the claim is fabricated,\" spokeswoman Mira Tal said.\n\n"
    "The two countries have fought over the border region for decades."
)
COPY_TEXT = STRIKE_TEXT.replace("(Example Wire)", "(Example Wire, via Example Daily)")

CLASH_TEXT = (
    "KESH, March 6 (Example Herald) - Two soldiers died in an exchange of fire near the village of "
    "Kesh on Saturday, the Arlandi army said. Both sides have reported clashes along the line "
    "this week."
)

HOSTILE_TEXT = (
    "MARRO, March 20 (Example Herald) - Hundreds of people marched in Marro on Saturday. "
    f"A banner read {HOSTILE} and another {HOSTILE_IMG}, witnesses said. "
    "Police reported no injuries and the march ended peacefully in the afternoon."
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sentence(text: str, needle: str) -> Span:
    start, end = _span(text, needle)
    return Span(start, end)


def _strike_mention(article_id: str, text: str) -> Mention:
    assert_quote = "Borvian forces fired a ballistic missile at a crowded market in Valdora,"
    deny_quote = "Our forces did not fire at Valdora; the claim is fabricated,"
    a_start, a_end = _span(text, "\"Borvian forces fired a ballistic missile at a crowded market in Valdora,\" Arland's defence ministry spokesman Ilan Voss told reporters.")
    d_start, d_end = _span(text, "\"Our forces did not fire at Valdora; the claim is fabricated,\" spokeswoman Mira Tal said.")
    return Mention(
        event_id="ex-valdora-strike",
        article_id=article_id,
        event_date="2021-03-04",
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Borvia",
        actor2="Civilians (Arland)",
        actor1_country="XBB",
        actor2_country="XAA",
        country="Arland",
        iso3="XAA",
        admin1="Valdora Province",
        location="Valdora",
        latitude=41.20,
        longitude=45.10,
        geo_precision=1,
        fatalities=7,
        fatalities_low=7,
        fatalities_high=7,
        weapon="ballistic missile",
        status="contested",
        claims=[
            Claim("asserts", "Government of Arland", "XAA", "Ilan Voss", "defence ministry spokesman",
                  assert_quote, a_start, a_end),
            Claim("denies", "Government of Borvia", "XBB", "Mira Tal", "defence ministry spokeswoman",
                  deny_quote, d_start, d_end),
        ],
        evidence=[_sentence(text, "Seven civilians were killed when a missile hit a market in the Arlandi town of Valdora on Thursday, officials said.")],
        notes="On 4 March 2021, a missile hit a market in Valdora, killing 7 civilians. Arland blamed Borvia, which denied it.",
    )


def example_articles() -> list[Article]:
    strike = Article(
        article_id="ex-art-strike", text=STRIKE_TEXT, url="https://example.org/wire/valdora-strike",
        title="Example: missile strike kills seven in Valdora", published="2021-03-04T09:00:00Z",
        publisher="Example Wire", wire_agency="Example Wire", language="en",
        syndication_cluster="ex-cluster-1", relevant=True,
    )
    strike.events = [_strike_mention(strike.article_id, STRIKE_TEXT)]
    copy = Article(
        article_id="ex-art-copy", text=COPY_TEXT, url="https://daily.example.org/valdora",
        title="Example: Valdora market hit by missile", published="2021-03-04T11:00:00Z",
        publisher="Example Daily", wire_agency="Example Wire", language="en",
        syndication_cluster="ex-cluster-1", relevant=True,
    )
    copy.events = [_strike_mention(copy.article_id, COPY_TEXT)]
    clash = Article(
        article_id="ex-art-clash", text=CLASH_TEXT, url="https://herald.example.org/kesh",
        title="Example: two soldiers killed near Kesh", published="2021-03-06T15:00:00Z",
        publisher="Example Herald", language="en", relevant=True,
    )
    clash.events = [Mention(
        event_id="ex-kesh-clash", article_id=clash.article_id, event_date="2021-03-06", time_precision=1,
        event_type="Battles", sub_event_type="Armed clash",
        actor1="Military Forces of Arland", actor2="Military Forces of Borvia",
        actor1_country="XAA", actor2_country="XBB", country="Arland", iso3="XAA",
        location="Kesh", latitude=40.70, longitude=46.30, geo_precision=2, fatalities=2,
        status="reported",
        evidence=[_sentence(CLASH_TEXT, "Two soldiers died in an exchange of fire near the village of Kesh on Saturday, the Arlandi army said.")],
    )]
    hostile = Article(
        article_id="ex-art-hostile", text=HOSTILE_TEXT, url="javascript:alert(3)",
        title=f"Example: march in Marro {HOSTILE}", published="2021-03-20T18:00:00Z",
        publisher=f"Example Herald {HOSTILE_IMG}", language="en", relevant=True,
    )
    hostile.events = [Mention(
        event_id="ex-marro-march", article_id=hostile.article_id, event_date="2021-03-20", time_precision=1,
        event_type="Protests", sub_event_type="Peaceful protest",
        actor1=f"Protesters {HOSTILE}", actor1_country="XBB", country="Borvia", iso3="XBB",
        location=f"Marro {HOSTILE_IMG}", latitude=42.00, longitude=47.50, geo_precision=1,
        status="alleged",
        claims=[Claim("asserts", f"Marchers {HOSTILE}", "XBB", f"Organiser {HOSTILE_IMG}", None,
                      f"We said {HOSTILE}", *_span(HOSTILE_TEXT, f"A banner read {HOSTILE} and another {HOSTILE_IMG}, witnesses said."))],
        evidence=[_sentence(HOSTILE_TEXT, f"A banner read {HOSTILE} and another {HOSTILE_IMG}, witnesses said.")],
    )]
    return [strike, copy, clash, hostile]
