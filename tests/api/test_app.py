"""The HTTP API over the example store: filters, paging, GeoJSON, event detail, articles with
their evidence marked, stats, the token-guarded submit endpoint and the page's security headers."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wirewatch.model import Article, Mention

from .conftest import make_app
from .example_data import HOSTILE, STRIKE_TEXT


def by_location(client: Any, location: str) -> dict[str, Any]:
    events = client.get("/api/events").json()["events"]
    return next(e for e in events if (e["location"] or "").startswith(location))


# ---- /api/events ------------------------------------------------------------------------------

@pytest.mark.parametrize(("params", "locations"), [
    ({}, {"Valdora", "Kesh", "Marro"}),
    ({"bbox": "44.5,40.9,45.5,41.5"}, {"Valdora"}),                 # W,S,E,N around one town
    ({"since": "2021-03-05"}, {"Kesh", "Marro"}),
    ({"until": "2021-03-06"}, {"Valdora", "Kesh"}),
    ({"since": "2021-03-05", "until": "2021-03-06"}, {"Kesh"}),
    ({"since": "2021-03"}, {"Valdora", "Kesh", "Marro"}),            # a month works as a prefix
    ({"country": "XBB"}, {"Marro"}),
    ({"event_type": "Battles"}, {"Kesh"}),
    ({"status": "contested"}, {"Valdora"}),
    ({"min_fatalities": 5}, {"Valdora"}),
    ({"q": "banner"}, {"Marro"}),                                   # full text of the articles
    ({"q": "ballistic missile"}, {"Valdora"}),
    ({"bbox": "44.5,40.9,45.5,41.5", "since": "2021-03-05"}, set()),
    ({"event_type": "battles"}, {"Kesh"}),                          # any case
    ({"sub_event_type": "PEACEFUL PROTEST"}, {"Marro"}),
    ({"actor": "forces of borvia"}, {"Valdora", "Kesh"}),           # part of a name, either side
    ({"actor": "XAA"}, {"Valdora", "Kesh"}),                        # either side's country
    ({"admin1": "valdora province"}, {"Valdora"}),
    ({"source": "example daily"}, {"Valdora"}),                     # a publisher of one of its sources
    ({"geo_precision": 2}, {"Kesh"}),
    ({"time_precision": 1, "until": "2021-03"}, {"Valdora", "Kesh", "Marro"}),
    ({"sort": "-fatalities"}, {"Valdora", "Kesh", "Marro"}),
])
def test_filters(client: Any, params: dict[str, Any], locations: set[str]) -> None:
    body = client.get("/api/events", params=params).json()
    got = {e["location"].split(" ")[0] for e in body["events"]}
    assert got == locations
    assert body["total"] == len(locations)


def test_sort_orders_the_pages(client: Any) -> None:
    def order(sort: str) -> list[str]:
        return [e["location"].split(" ")[0] for e in client.get("/api/events", params={"sort": sort}).json()["events"]]
    assert order("event_date") == ["Valdora", "Kesh", "Marro"]
    assert order("-event_date") == ["Marro", "Kesh", "Valdora"]
    tolls = [e["fatalities"] for e in client.get("/api/events", params={"sort": "-fatalities"}).json()["events"]]
    known = [t for t in tolls if t is not None]
    assert known == sorted(known, reverse=True) and tolls[:len(known)] == known   # unknown tolls last
    by_claims = client.get("/api/events", params={"sort": "-claims", "limit": 1}).json()["events"]
    assert by_claims[0]["location"] == "Valdora"                    # the one with an assertion and a denial


def test_unknown_parameters_are_refused_on_exports_too(client: Any) -> None:
    r = client.get("/api/export", params={"format": "csv", "actors": "x"})
    assert r.status_code == 422 and r.json()["detail"].startswith("actors: unknown parameter")


def test_aggregate(client: Any, example_store: Any) -> None:
    body = client.get("/api/aggregate", params={"by": "week,admin1", "event_type": "explosions/remote violence"}).json()
    assert body["columns"] == ["week", "admin1", "events", "fatalities", "fatalities_unknown", "contested"]
    [row] = body["rows"]                              # the Valdora strike, in the week starting Monday 1 March
    [event] = example_store.event_records(event_type="Explosions/Remote violence")
    assert row == {"week": "2021-03-01", "admin1": "Valdora Province", "events": 1,
                   "fatalities": event.fatalities, "fatalities_unknown": 0, "contested": 1}
    assert "fatalities_unknown" in body["null_convention"]
    text = client.get("/api/aggregate", params={"by": "country", "format": "csv"}).text
    assert text.splitlines()[0] == "country,events,fatalities,fatalities_unknown,contested"
    assert sum(int(line.split(",")[1]) for line in text.splitlines()[1:]) == 3
    bad = client.get("/api/aggregate", params={"by": "week,weekday"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("by: cannot group by 'weekday'")


def test_paging(client: Any) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    rest = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == 3
    assert len(first["events"]) == 2 and len(rest["events"]) == 1
    ids = [e["event_id"] for e in first["events"] + rest["events"]]
    assert len(set(ids)) == 3


@pytest.mark.parametrize(("params", "reason"), [
    ({"bbox": "1,2,3"}, "bbox: expected W,S,E,N"),
    ({"bbox": "10,0,5,1"}, "bbox: west"),
    ({"bbox": "0,95,1,96"}, "bbox: longitudes must lie"),
    ({"since": "yesterday"}, "since: not a date"),
    ({"since": "2021-03-10", "until": "2021-03-01"}, "since: 2021-03-10 is after"),
    ({"status": "rumoured"}, "status: expected one of"),
    ({"min_fatalities": -1}, "min_fatalities: must be 0 or more"),
    ({"limit": 0}, "limit: must lie in"),
    ({"limit": 10_001}, "limit: must lie in"),
    ({"offset": -5}, "offset: must be 0 or more"),
    ({"interaction": "Aliens only"}, "interaction: expected ACLED's words"),
    ({"interaction": "99"}, "interaction: no ACLED interaction has the code 99"),
    ({"geo_precision": "x"}, "geo_precision: expected a whole number"),
    ({"sort": "colour"}, "sort: cannot sort by 'colour'"),
    ({"actor2": "Borvia", "sort_by": "date"}, "actor2, sort_by: unknown parameters"),
    ({"colour": "red"}, "colour: unknown parameter (this endpoint takes"),
])
def test_bad_filters_are_422_with_the_parameter_named(client: Any, params: dict[str, Any], reason: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert r.json()["detail"].startswith(reason)


def test_geojson_by_accept_header_and_by_format(client: Any) -> None:
    for r in (client.get("/api/events", headers={"Accept": "application/geo+json"}),
              client.get("/api/events", params={"format": "geojson"})):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/geo+json")
        body = r.json()
        assert body["type"] == "FeatureCollection" and body["total"] == 3
        valdora = next(f for f in body["features"] if f["properties"]["location"] == "Valdora")
        assert valdora["geometry"] == {"type": "Point", "coordinates": [45.10, 41.20]}
        assert valdora["id"] == valdora["properties"]["event_id"]


def test_summary_view_is_what_the_map_needs(client: Any) -> None:
    e = client.get("/api/events", params={"view": "summary"}).json()["events"][0]
    assert {"event_id", "latitude", "longitude", "event_type", "fatalities", "status"} <= set(e)
    assert "claims" not in e and "sources" not in e


# ---- /api/events/{id} -------------------------------------------------------------------------

def test_event_detail_has_claims_sources_evidence_history(client: Any) -> None:
    summary = by_location(client, "Valdora")
    ev = client.get(f"/api/events/{summary['event_id']}").json()
    assert ev["status"] == "contested"
    stances = {c["stance"]: c for c in ev["claims"]}
    assert stances["asserts"]["claimant"] == "Government of Arland"
    assert stances["denies"]["claimant"] == "Government of Borvia"
    assert "did not fire" in stances["denies"]["quote"]
    # each claim names the article it was read from, and its offsets point at its sentence there
    for claim in ev["claims"]:
        assert claim["article_id"] in {s["article_id"] for s in ev["sources"]}
        text = client.get(f"/api/articles/{claim['article_id']}").json()["article"]["text"]
        assert claim["quote"] in text[claim["start"]:claim["end"]]
    assert {s["publisher"] for s in ev["sources"]} == {"Example Wire", "Example Daily"}
    assert ev["independent_sources"] == 1            # two copies of one wire story
    assert ev["evidence"] and ev["history"]


def test_unknown_event_is_404(client: Any) -> None:
    r = client.get("/api/events/no-such-event")
    assert r.status_code == 404 and "no-such-event" in r.json()["detail"]


# ---- /api/articles/{id} -----------------------------------------------------------------------

def test_article_segments_mark_evidence_and_claims(client: Any) -> None:
    ev = by_location(client, "Valdora")
    body = client.get("/api/articles/ex-art-strike", params={"event": ev["event_id"]}).json()
    assert body["article"]["text"] == STRIKE_TEXT
    assert "".join(s["text"] for s in body["segments"]) == STRIKE_TEXT   # nothing lost or doubled
    marked = {kind: "".join(s["text"] for s in body["segments"] if kind in s["marks"])
              for kind in ("evidence", "asserts", "denies")}
    assert marked["evidence"].startswith("Seven civilians were killed")
    assert "Borvian forces fired" in marked["asserts"]
    assert "Our forces did not fire" in marked["denies"]


def test_article_of_another_event_has_no_marks_for_this_one(client: Any) -> None:
    kesh = by_location(client, "Kesh")
    body = client.get("/api/articles/ex-art-strike", params={"event": kesh["event_id"]}).json()
    assert body["marks"] == []


def test_an_articles_event_ids_are_the_fused_events(client: Any) -> None:
    """`event_ids` name the fused events /api/events/{id} resolves (not the mention's own "e1"),
    and the event they name lists this article among its sources."""
    valdora = by_location(client, "Valdora")
    body = client.get("/api/articles/ex-art-strike").json()
    assert body["event_ids"] == [valdora["event_id"]]
    assert body["mention_ids"] and all(m.startswith("ex-art-strike:") for m in body["mention_ids"])
    for event_id in body["event_ids"]:
        ev = client.get(f"/api/events/{event_id}").json()
        assert "ex-art-strike" in {s["article_id"] for s in ev["sources"]}


def test_article_html_escapes_everything(client: Any) -> None:
    r = client.get("/api/articles/ex-art-hostile", params={"format": "html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text and "<img" not in r.text
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in r.text
    assert "<mark class=" in r.text


def test_hostile_strings_come_back_verbatim_in_json(client: Any) -> None:
    marro = by_location(client, "Marro")
    ev = client.get(f"/api/events/{marro['event_id']}").json()
    assert HOSTILE in ev["actor1"]
    assert HOSTILE in client.get("/api/articles/ex-art-hostile").json()["article"]["text"]


def test_unknown_article_is_404(client: Any) -> None:
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/articles/ex-art-strike", params={"event": "nope"}).status_code == 404


# ---- /api/stats, docs, page -------------------------------------------------------------------

def test_stats_counts_per_day_country_type(client: Any) -> None:
    stats = client.get("/api/stats").json()
    assert stats["events"] == 3 and stats["articles"] == 4
    assert stats["per_day"] == {"2021-03-04": 1, "2021-03-06": 1, "2021-03-20": 1}
    assert stats["per_country"] == {"XAA": 2, "XBB": 1}
    assert stats["per_type"] == {"Battles": 1, "Explosions/Remote violence": 1, "Protests": 1}


def test_openapi_and_docs(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/stats",
            "/api/export", "/api/articles"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_page_and_assets_are_served_with_a_strict_csp(client: Any) -> None:
    r = client.get("/")
    assert r.status_code == 200 and 'id="map"' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert client.get("/static/app/app.js").status_code == 200
    for path in ("leaflet/leaflet.js", "supercluster/supercluster.min.js",
                 "topojson/topojson-client.min.js", "d3/d3.min.js", "world-atlas/countries-110m.json"):
        r = client.get(f"/static/vendor/{path}")
        if r.status_code == 404:
            pytest.skip(r.json()["detail"])
        assert r.status_code == 200, path


def test_missing_npm_packages_are_named(example_db: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    app = create_app(str(example_db), Settings(db=str(example_db)), node_modules=tmp_path / "node_modules")
    with TestClient(app) as c:
        config = c.get("/api/config").json()
        assert "leaflet" in config["assets_missing"]
        assert "npm ci" in config["assets_message"]
        r = c.get("/static/vendor/leaflet/leaflet.js")
        assert r.status_code == 404 and "npm ci" in r.json()["detail"]


def test_tile_url_is_configurable_and_allowed_by_the_csp(example_db: Path) -> None:
    from fastapi.testclient import TestClient

    app = make_app(example_db, tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as c:
        assert c.get("/api/config").json()["tile_url"].startswith("https://{s}.tiles.example.org")
        assert "https://*.tiles.example.org" in c.get("/").headers["content-security-policy"]


# ---- POST /api/articles -----------------------------------------------------------------------

def stub_processor(sub: Any) -> list[Article]:
    """Stands in for the pipeline: one article with one protest event, read from the submission."""
    text = sub.text or f"Fetched from {sub.url}"
    article = Article(article_id="ex-submitted", text=text, title=sub.title, published=sub.published,
                      publisher=sub.publisher, url=sub.url)
    article.events = [Mention(event_id="ex-submitted-event", article_id="ex-submitted",
                              event_date="2021-04-01", event_type="Protests", sub_event_type="Peaceful protest",
                              country="Borvia", iso3="XBB", location="Tarn", latitude=42.5, longitude=46.5)]
    return [article]


def test_submitting_is_disabled_without_a_token(client: Any) -> None:
    r = client.post("/api/articles", json={"text": "x"})
    assert r.status_code == 404 and "no api_token" in r.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic c2VjcmV0", "Bearer "])
def test_submitting_needs_the_right_token(example_db: Path, header: str | None) -> None:
    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    app = create_app(str(example_db), Settings(db=str(example_db), api_token="s3cret"), processor=stub_processor)
    with TestClient(app) as c:
        headers = {"Authorization": header} if header is not None else {}
        r = c.post("/api/articles", json={"text": "Example text."}, headers=headers)
        assert r.status_code == 403
        assert c.get("/api/events").json()["total"] == 3       # nothing was added


def test_submitting_with_the_token_adds_the_events(example_db: Path) -> None:
    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    app = create_app(str(example_db), Settings(db=str(example_db), api_token="s3cret"), processor=stub_processor)
    with TestClient(app) as c:
        auth = {"Authorization": "Bearer s3cret"}
        assert c.post("/api/articles", json={}, headers=auth).status_code == 422   # neither url nor text
        r = c.post("/api/articles", json={"text": "An example protest in Tarn.", "title": "Example"}, headers=auth)
        assert r.status_code == 201, r.text
        assert r.json()["articles"] == ["ex-submitted"]
        assert c.get("/api/events").json()["total"] == 4
        assert c.get("/api/articles/ex-submitted").json()["article"]["title"] == "Example"


def test_docs_are_served_without_a_cdn_when_swagger_ui_is_installed(client: Any) -> None:
    html = client.get("/docs").text
    if "/static/vendor/swagger-ui/" not in html:
        pytest.skip("swagger-ui-dist is not installed (npm ci)")
    assert "cdn." not in html
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


EXAMPLE_SUBMISSION = (
    "TARNVILLE, April 2 (Example Wire) - Three people were killed when artillery shells hit a market in "
    "the Borvian town of Tarnville on Friday, the regional governor said. \"The shelling came from "
    "Arlandi positions across the river,\" governor Lev Orin told reporters. Arland's defence ministry "
    "denied firing at the town."
)


@pytest.mark.slow
def test_submitting_text_runs_the_real_pipeline(example_db: Path, settings: Any) -> None:
    """The default processor: the project's own clean + extract stages, then the store."""
    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    if not settings.gazetteer_path.exists():
        pytest.skip(f"{settings.gazetteer_path} is missing: run `wirewatch setup`")
    app = create_app(str(example_db), Settings(db=str(example_db), api_token="s3cret"))
    with TestClient(app) as c:
        auth = {"Authorization": "Bearer s3cret"}
        r = c.post("/api/articles", headers=auth, json={
            "text": EXAMPLE_SUBMISSION, "title": "Example: shelling in Tarnville",
            "published": "2021-04-02T10:00:00Z", "publisher": "Example Wire"})
        assert r.status_code == 201, r.text
        assert {k: r.json()["result"][k] for k in ("new", "duplicates", "mentions", "events_new")} == {
            "new": 1, "duplicates": 0, "mentions": 1, "events_new": 1}
        (article_id,) = r.json()["articles"]
        page = c.get(f"/api/articles/{article_id}").json()
        stored = page["article"]
        assert stored["title"] == "Example: shelling in Tarnville"
        assert "Three people were killed" in stored["text"]
        assert (stored["wire_agency"], stored["dateline_place"]) == ("Example Wire", "Tarnville")
        assert page["event_ids"] == r.json()["events"] and len(page["event_ids"]) == 1
        assert c.get(f"/api/events/{page['event_ids'][0]}").status_code == 200
        [event] = c.get("/api/events", params={"q": "Tarnville"}).json()["events"]
        assert (event["sub_event_type"], event["fatalities"], event["status"], event["event_date"]) == (
            "Shelling/artillery/missile attack", 3, "contested", "2021-04-02")
        assert [cl["stance"] for cl in event["claims"]] == ["asserts", "asserts", "denies"]
        # a private URL is refused like `wirewatch ingest` refuses it
        r = c.post("/api/articles", headers=auth, json={"url": "http://127.0.0.1:9/story.html"})
        assert r.status_code == 400 and "127.0.0.1" in r.json()["detail"]


def test_events_answer_with_server_timing(client: Any) -> None:
    timing = client.get("/api/events").headers["server-timing"]
    parts = dict(item.strip().split(";dur=") for item in timing.split(","))
    assert set(parts) == {"db", "json", "cpu"} and all(float(v) >= 0 for v in parts.values())


def test_a_database_that_cannot_be_opened_is_503(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    bad = tmp_path / "no-such-folder" / "x.db"
    with TestClient(make_app(bad)) as c:
        r = c.get("/api/events")
        assert r.status_code == 503 and str(bad) in r.json()["detail"]


def test_the_app_can_be_started_twice(example_app: Any) -> None:
    from fastapi.testclient import TestClient

    for _ in range(2):
        with TestClient(example_app) as c:
            assert c.get("/api/events").json()["total"] == 3


# ---- /api/map ---------------------------------------------------------------------------------

def decode_columns(body: dict[str, Any]) -> list[dict[str, Any]]:
    columns = {name: col if isinstance(col, list) else [None if c < 0 else col["values"][c] for c in col["codes"]]
               for name, col in body["columns"].items()}
    return [{name: values[i] for name, values in columns.items()} for i in range(body["total"])]


@pytest.mark.parametrize("params", [{}, {"event_type": "battles"}, {"country": "XAA", "since": "2021-01-01"}])
def test_map_points_are_the_events_summaries(client: Any, params: dict[str, str]) -> None:
    """/api/map holds, for every event matching the filters and in the same order, the summary's
    values of its fields: the page loads it instead of paging through /api/events."""
    body = client.get("/api/map", params=params).json()
    events = client.get("/api/events", params={**params, "view": "summary", "limit": 10000}).json()["events"]
    points = decode_columns(body)
    assert 0 < body["total"] == len(events) == len(points)
    assert points == [{k: e[k] for k in body["columns"]} for e in events]
    assert {"event_id", "latitude", "longitude", "event_type", "status", "fatalities", "actor1", "admin1"} <= set(body["columns"])


def test_map_columns_encode_repeated_text_once() -> None:
    from wirewatch.api._serialize import columns_json

    rows = [(f"id{i}", "Battles" if i % 3 else None, i * 0.5) for i in range(12)]
    out = columns_json(["id", "type", "lat"], rows)
    assert out["id"] == [f"id{i}" for i in range(12)]                   # all different: kept as they are
    assert out["type"] == {"values": ["Battles"], "codes": [-1 if i % 3 == 0 else 0 for i in range(12)]}
    assert out["lat"] == [i * 0.5 for i in range(12)]


def test_map_refuses_unknown_parameters(client: Any) -> None:
    r = client.get("/api/map", params={"limit": 5})
    assert r.status_code == 422 and "limit" in r.json()["detail"]
