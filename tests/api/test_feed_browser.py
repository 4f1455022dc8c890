"""End to end: ingest the shared fixture feed over HTTP with `wirewatch ingest`, serve the database,
and check the page in Debian's chromium against the API and the feed's expected.json."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from wirewatch.testing import serve_folder

from .browser import brush, browser_page, open_map, require_browser, screenshot, shown_marker_count
from .conftest import LiveServer, make_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Stepanakert (GeoNames also calls it Khankendi): the second place the feed's stories report strikes on.
STEPANAKERT = (39.8153, 46.7519)


@pytest.fixture(scope="module")
def feed_db(shared_fixtures: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixture feed served on a free local port and ingested once for the module."""
    require_browser()
    feed = shared_fixtures / "feed"
    db = tmp_path_factory.mktemp("feed") / "feed.db"
    with serve_folder(feed) as base:
        run = subprocess.run([sys.executable, "-m", "wirewatch.cli", "ingest", f"{base}/feed.xml", "--allow-private",
                              "--db", str(db)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"wirewatch ingest failed ({run.returncode}): {run.stderr[-2000:]}"
    yield db


@pytest.fixture(scope="module")
def expected(shared_fixtures: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_fixtures / "feed" / "expected.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def server(feed_db: Path) -> Iterator[LiveServer]:
    with LiveServer(make_app(feed_db)) as live:
        yield live


@pytest.fixture
def page(server: LiveServer) -> Iterator[Any]:
    with browser_page(server.url) as page:
        open_map(page, server.url + "/")
        yield page
        assert page.errors == [], f"errors in the page: {page.errors}"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def api_events(server: LiveServer, **params: Any) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = httpx.get(server.url + "/api/events", params={"limit": 10000, **params}).json()["events"]
    return events


def the_fused_event(server: LiveServer, expected: dict[str, Any]) -> dict[str, Any]:
    """The event expected.json describes as fused from three articles (found by place and day)."""
    (gold,) = expected["fused"].values()
    matches = [e for e in api_events(server) if e["location"] == gold["location"] and e["event_date"] == gold["event_date"]]
    assert matches, f"no {gold['location']} event on {gold['event_date']} in the database"
    return max(matches, key=lambda e: len(e["sources"]))


def near(server: LiveServer, lat: float, lon: float, radius_km: float = 15) -> list[dict[str, Any]]:
    return [e for e in api_events(server) if e["latitude"] is not None
            and km(lat, lon, e["latitude"], e["longitude"]) <= radius_km]


def reveal(page: Any, event_id: str) -> Any:
    """Click the event's row: the map zooms until its marker is out of any cluster."""
    page.locator(f"#event-list li[data-event-id='{event_id}']").click()
    marker = page.locator(f"path.ww-marker[data-event-id='{event_id}']")
    marker.wait_for(state="attached")
    return marker


def test_map_shows_ganja_and_stepanakert_events(page: Any, server: LiveServer, expected: dict[str, Any]) -> None:
    ganja = the_fused_event(server, expected)
    stepanakert = near(server, *STEPANAKERT)
    assert stepanakert, "no event within 15 km of Stepanakert"
    assert shown_marker_count(page) == httpx.get(server.url + "/api/events").json()["total"]
    screenshot(page, "feed-map.png")
    for event_id in (ganja["event_id"], stepanakert[0]["event_id"]):
        assert reveal(page, event_id).count() == 1
    screenshot(page, "feed-map-zoomed.png")


def test_clicking_ganja_shows_assertion_and_denial_with_quotes(page: Any, server: LiveServer,
                                                               expected: dict[str, Any]) -> None:
    ganja = the_fused_event(server, expected)
    (gold,) = expected["fused"].values()
    assert ganja["status"] == gold["status"]
    # Click that event's own marker (the feed has two Ganja events on one spot, so a click at a
    # screen position could hit either).
    reveal(page, ganja["event_id"]).dispatch_event("click")
    page.locator("#event .claims").wait_for()
    asserts = page.locator("#event .claims .asserts").text_content() or ""
    denies = page.locator("#event .claims .denies").text_content() or ""
    assert "Azerbaijan" in asserts, asserts
    assert "Armenia" in denies, denies
    claims = httpx.get(f"{server.url}/api/events/{ganja['event_id']}").json()["claims"]
    for claim in claims:
        column = asserts if claim["stance"] == "asserts" else denies
        assert claim["quote"] and claim["quote"] in column
    assert any(c["stance"] == "asserts" and c["claimant_country"] == "AZE" for c in claims)
    assert any(c["stance"] == "denies" and c["claimant_country"] == "ARM" for c in claims)
    page.locator("#event .sources button").first.click()
    page.locator("#article-text mark").first.wait_for()
    screenshot(page, "feed-article.png")


def test_timeline_brush_filters_the_map(page: Any, server: LiveServer) -> None:
    total = shown_marker_count(page)
    brush(page, 0.0, 0.2)        # the first days of the timeline only
    page.locator("#range:not(:text('all dates'))").wait_for()
    since, until = (page.locator("#range").text_content() or "").split(" – ")
    in_range = httpx.get(server.url + "/api/events", params={"since": since, "until": until}).json()["total"]
    page.locator(f"body[data-visible-events='{in_range}']").wait_for(state="attached")
    assert shown_marker_count(page) == in_range < total
    screenshot(page, "feed-brushed.png")
