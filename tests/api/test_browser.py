"""The web page in a real browser (Debian's chromium via Playwright) over the example store."""
from __future__ import annotations

from typing import Any

import httpx
import pytest

from .browser import brush, browser_page, open_map, require_browser, screenshot, shown_marker_count
from .example_data import HOSTILE

pytestmark = pytest.mark.browser


@pytest.fixture
def page(live_server: Any) -> Any:
    require_browser()
    with browser_page(live_server.url) as page:
        open_map(page, live_server.url + "/")
        yield page
        assert page.errors == [], f"errors in the page: {page.errors}"
        assert page.dialogs == [], f"a script in the data ran: {page.dialogs}"


def api_total(live_server: Any, **params: Any) -> int:
    total: int = httpx.get(live_server.url + "/api/events", params=params).json()["total"]
    return total


def test_markers_equal_api_count(page: Any, live_server: Any) -> None:
    assert shown_marker_count(page) == api_total(live_server) == 3
    screenshot(page, "example-map.png")


def test_contested_marker_is_marked(page: Any) -> None:
    page.get_by_text("Valdora", exact=False).first.wait_for()
    page.locator("#event-list li", has_text="Valdora").click()
    badge = page.locator("#event .badge")
    assert badge.text_content() == "contested"


def test_event_panel_shows_assertion_and_denial_side_by_side(page: Any) -> None:
    page.locator("#event-list li", has_text="Valdora").click()
    asserts = page.locator("#event .claims .asserts .claim")
    denies = page.locator("#event .claims .denies .claim")
    assert "Government of Arland" in asserts.first.text_content()
    assert "Borvian forces fired a ballistic missile" in asserts.first.text_content()
    assert "Government of Borvia" in denies.first.text_content()
    assert "Our forces did not fire at Valdora" in denies.first.text_content()
    panel = page.locator("#event").text_content() or ""
    assert "null" not in panel and "undefined" not in panel
    # side by side: the two columns share a row
    a_box = page.locator("#event .claims .asserts").bounding_box()
    d_box = page.locator("#event .claims .denies").bounding_box()
    assert a_box and d_box and d_box["x"] > a_box["x"] and abs(d_box["y"] - a_box["y"]) < 5


def test_clicking_a_marker_opens_the_event(page: Any) -> None:
    marker = page.locator("path.ww-contested")
    for _ in range(6):   # zoom into clusters until the marker is on its own
        if marker.count():
            break
        page.locator(".ww-cluster").first.click()
        page.wait_for_timeout(400)
    marker.first.click(force=True)
    page.locator("#event .claims").wait_for()
    assert "Valdora" in page.locator("#event h2").text_content()


def test_article_opens_with_evidence_highlighted(page: Any) -> None:
    page.locator("#event-list li", has_text="Valdora").click()
    page.locator("#event .sources button").first.click()
    page.locator("#article-text mark").first.wait_for()
    marks = page.locator("#article-text mark")
    kinds = {marks.nth(i).get_attribute("class") for i in range(marks.count())}
    assert {"evidence", "asserts", "denies"} <= kinds
    assert "Seven civilians were killed" in page.locator("#article-text mark.evidence").first.text_content()


def test_timeline_brush_filters_the_map(page: Any) -> None:
    before = shown_marker_count(page)
    # The example events fall on 4, 6 and 20 March: the first third of the axis holds the first two.
    brush(page, 0.0, 0.3)
    page.locator("body:not([data-visible-events='3'])").wait_for(state="attached")
    after = shown_marker_count(page)
    assert 0 < after < before
    assert after == int(page.evaluate("document.body.dataset.visibleEvents"))
    screenshot(page, "example-brushed.png")


def test_filters_query_the_api(page: Any, live_server: Any) -> None:
    page.select_option("#f-type", "Battles")
    page.locator("body[data-ready='true'][data-api-total='1']").wait_for(state="attached")
    assert shown_marker_count(page) == api_total(live_server, event_type="Battles") == 1


def test_country_filter_lists_names_and_filters(page: Any, live_server: Any) -> None:
    labels = page.locator("#f-country option").all_text_contents()
    assert "Arland (XAA)" in labels
    page.select_option("#f-country", "XAA")
    page.locator("body[data-ready='true'][data-api-total='2']").wait_for(state="attached")
    assert shown_marker_count(page) == api_total(live_server, country="XAA") == 2


def test_script_in_data_renders_as_text(page: Any) -> None:
    page.locator("#event-list li", has_text="Marro").click()
    page.locator("#event .claims").wait_for()
    panel = page.locator("#event").text_content()
    assert HOSTILE in panel                          # the actor name and quote, literally
    assert page.locator("#event script, #event img").count() == 0
    page.locator("#event .sources button").first.click()
    page.locator("#article-text mark").first.wait_for()
    assert HOSTILE in page.locator("#article-text").text_content()
    assert page.locator("#article-view script, #article-view img").count() == 0
    # the javascript: URL of the source is not made a link
    assert page.locator("#event a[href^='javascript']").count() == 0
    assert page.evaluate("document.title") == "wirewatch"


def test_openapi_docs_render_offline(live_server: Any) -> None:
    require_browser()
    if "/static/vendor/swagger-ui/" not in httpx.get(live_server.url + "/docs").text:
        pytest.skip("swagger-ui-dist is not installed (npm ci)")
    with browser_page(live_server.url) as page:   # every request off the test server is refused
        page.goto(live_server.url + "/docs")
        page.locator(".opblock").first.wait_for()
        assert page.locator(".opblock").count() >= 6
        assert page.errors == []


def test_event_panel_shows_fusion_decisions(page: Any, live_server: Any) -> None:
    events = httpx.get(live_server.url + "/api/events", params={"limit": 100}).json()["events"]
    full = [httpx.get(f"{live_server.url}/api/events/{e['event_id']}").json() for e in events]
    fused = [e for e in full if e.get("fusion")]
    assert fused, "the example store has an event built from several reports"
    ev = fused[0]
    page.locator("#event-list li", has_text=ev["location"]).first.click()
    page.locator("#event .fusion summary").click()
    items = page.locator("#event .fusion li")
    assert items.count() == len(ev["fusion"])
    verdicts = [items.nth(i).get_attribute("data-verdict") for i in range(items.count())]
    assert verdicts == [d["verdict"] for d in ev["fusion"]]
