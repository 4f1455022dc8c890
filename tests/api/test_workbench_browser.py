"""The analyst's views in a real browser (Debian's chromium via Playwright): the table sorted and
paged by the server, filters from the URL, the CSV of the view, the aggregate chart, spiderfied
markers at one spot, and the layout at a phone's width. Made-up events only (synthetic stories
plus a dozen events at one made-up spot)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from wirewatch.model import Article, Mention
from wirewatch.store.synthetic import synthetic_articles

from .browser import browser_page, open_map, require_browser, screenshot, shown_marker_count
from .conftest import LiveServer, make_app

pytestmark = pytest.mark.browser

SPOT = (41.5, 44.8)          # one made-up spot with SAME_SPOT events
SAME_SPOT = 12
TYPES = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence")]


def same_spot_articles() -> list[Article]:
    """Events at one spot, a month apart (too far apart in time for fusion to merge them)."""
    out = []
    for i in range(SAME_SPOT):
        event_type, sub = TYPES[i % len(TYPES)]
        day = f"2022-{i + 1:02d}-10"
        mention = Mention(event_id="e1", event_date=day, time_precision=1, event_type=event_type,
                          sub_event_type=sub, actor1=f"Spot group {i}", country="Testland", iso3="XXB",
                          admin1="Spot Province", location="Spotville", latitude=SPOT[0], longitude=SPOT[1],
                          geo_precision=1, fatalities=i, status="reported")
        out.append(Article(article_id=f"spot{i:02d}", text=f"Made-up report number {i} about Spotville.",
                           url=f"https://example.org/spot/{i}", title=f"Spotville {i}", published=f"{day}T09:00:00+00:00",
                           publisher="Spot Daily", relevant=True, events=[mention]))
    return out


TWIN_TEXT = "Made-up report: shelling hit Twinford on Monday, officials said."


def twin_articles() -> list[Article]:
    """One event told by two outlets of the same name on different sites, at times in two zones."""
    out = []
    for i, (host, published, dead) in enumerate([("twin-a.example.org", "2022-05-02T10:00:00+03:00", 3),
                                                 ("twin-b.example.org", "2022-05-02T09:30:00+00:00", 5)]):
        mention = Mention(event_id="e1", event_date="2022-05-02", time_precision=1,
                          event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                          country="Testland", iso3="XXB", location="Twinford", latitude=-12.0, longitude=20.0,
                          geo_precision=1, fatalities=dead, status="reported")
        out.append(Article(article_id=f"twin{i}", text=TWIN_TEXT + (" Update." if i else ""), url=f"https://{host}/story",
                           title="Twinford", published=published, publisher="Twin Post", relevant=True,
                           events=[mention]))
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    require_browser()
    import wirewatch

    db: Path = tmp_path_factory.mktemp("workbench") / "w.db"
    with wirewatch.open(str(db)) as store:
        store.add_articles(synthetic_articles(160, seed=4) + same_spot_articles() + twin_articles())
    with LiveServer(make_app(db)) as live:
        yield live


@pytest.fixture
def page(server: LiveServer) -> Iterator[Any]:
    with browser_page(server.url) as page:
        yield page
        assert page.errors == [], f"errors in the page: {page.errors}"


def api(server: LiveServer, path: str = "/api/events", **params: Any) -> Any:
    r = httpx.get(server.url + path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def table_ready(tab: Any, **expect: str) -> None:
    """Wait until the table shows what the server answered (its data-* attributes)."""
    condition = " && ".join(f"t.dataset.{k} === {v!r}" for k, v in expect.items()) or "true"
    tab.wait_for_function(f"() => {{ const t = document.getElementById('table'); "
                           f"return t.dataset.loaded && {condition}; }}")


def table_ids(page: Any) -> list[str]:
    ids: list[str] = page.evaluate(
        "() => window.wirewatch.table().getData().map((r) => r.event_id)")
    return ids


def test_table_sorts_and_pages_on_the_server(page: Any, server: LiveServer) -> None:
    open_map(page, server.url + "/")
    total = api(server)["total"]
    assert total > 50                                             # more than one page
    table_ready(page, total=str(total))
    page.locator(".tabulator-col[tabulator-field='fatalities'] .tabulator-col-title").click()
    table_ready(page, sort="-fatalities", page="1")
    first = api(server, sort="-fatalities", limit=50)["events"]
    assert table_ids(page) == [e["event_id"] for e in first]
    tolls = [e["fatalities"] for e in first]
    assert tolls == sorted(tolls, reverse=True)
    assert "sort=-fatalities" in page.url                         # the sort is part of the view's URL
    page.locator(".tabulator-page[data-page='next']").click()
    table_ready(page, sort="-fatalities", page="2")
    second = api(server, sort="-fatalities", limit=50, offset=50)["events"]
    assert table_ids(page) == [e["event_id"] for e in second]
    screenshot(page, "workbench-table.png")


def test_a_filter_from_the_url_drives_every_view(page: Any, server: LiveServer) -> None:
    open_map(page, server.url + "/?event_type=battles&min_fatalities=5")
    expected = api(server, event_type="battles", min_fatalities=5, limit=10000)
    assert 0 < expected["total"] < api(server)["total"]
    assert page.input_value("#f-minfat") == "5"
    assert page.locator("body").get_attribute("data-api-total") == str(expected["total"])
    table_ready(page, total=str(expected["total"]))
    page.wait_for_function("() => document.getElementById('agg-chart').dataset.ready === 'true'")
    assert page.locator("#agg-chart").get_attribute("data-total") == str(expected["total"])
    assert "event_type=battles" in page.url and "min_fatalities=5" in page.url


def test_csv_of_the_view_is_the_apis_rows(page: Any, server: LiveServer) -> None:
    open_map(page, server.url + "/?admin1=spot%20province&sort=-event_date")
    table_ready(page, total=str(SAME_SPOT))
    href = page.locator("#dl-csv").get_attribute("href")
    assert href and "admin1=spot+province" in href.replace("%20", "+") and "sort=-event_date" in href
    rows = list(csv.DictReader(io.StringIO(httpx.get(server.url + href).text)))
    expected = api(server, admin1="spot province", sort="-event_date", limit=10000)["events"]
    assert [r["event_id_cnty"] for r in rows] == [e["event_id"] for e in expected]
    assert [r["event_date"] for r in rows] == [e["event_date"] for e in expected]
    assert [int(r["fatalities"]) for r in rows] == [e["fatalities"] for e in expected]


def test_aggregate_chart(page: Any, server: LiveServer) -> None:
    open_map(page, server.url + "/")
    chart = page.locator("#agg-chart")
    page.wait_for_function("() => document.getElementById('agg-chart').dataset.ready === 'true'")
    rows = api(server, "/api/aggregate", by="month,event_type")["rows"]
    assert chart.get_attribute("data-total") == str(sum(r["events"] for r in rows))
    assert chart.get_attribute("data-periods") == str(len({r["month"] for r in rows}))
    page.select_option("#agg-measure", "fatalities")
    page.wait_for_function(f"() => document.getElementById('agg-chart').dataset.total === "
                           f"'{sum(r['fatalities'] or 0 for r in rows)}'")
    page.locator("#chart-view").screenshot(path=str(screenshot_path("workbench-chart.png")))


def screenshot_path(name: str) -> Path:
    from .browser import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def test_markers_at_one_spot_spiderfy(page: Any, server: LiveServer) -> None:
    open_map(page, server.url + "/")
    page.evaluate(f"() => window.wirewatch.map().setView([{SPOT[0]}, {SPOT[1]}], 12)")
    cluster = page.locator(f".ww-cluster[data-count='{SAME_SPOT}']")
    cluster.wait_for()
    types = cluster.get_attribute("data-types") or ""
    assert {t.split(":")[0] for t in types.split("|")} == {t for t, _ in TYPES}   # the cluster shows the mix
    cluster.click()
    page.wait_for_function(f"() => document.querySelectorAll('path.ww-spider-leg').length === {SAME_SPOT}")
    assert page.locator("path.ww-marker[data-event-type]").count() >= SAME_SPOT
    screenshot(page, "workbench-spiderfy.png")


def test_only_the_clusters_and_markers_in_view_are_drawn(page: Any, server: LiveServer) -> None:
    """The map holds every event (its cluster index) but draws only what is in view, again after
    each move: at the one spot, the twin report far away is not drawn, and the other way round."""
    open_map(page, server.url + "/")
    total = api(server)["total"]
    assert shown_marker_count(page) == total == int(page.evaluate("document.body.dataset.visibleEvents"))
    twin = f"path.ww-marker[data-event-id='{api(server, q='Twinford')['events'][0]['event_id']}']"
    page.evaluate(f"() => window.wirewatch.map().setView([{SPOT[0]}, {SPOT[1]}], 12)")
    page.locator(f".ww-cluster[data-count='{SAME_SPOT}']").wait_for()
    assert page.locator(twin).count() == 0 and shown_marker_count(page) < total
    page.evaluate("() => window.wirewatch.map().setView([-12.0, 20.0], 12)")
    page.locator(twin).wait_for(state="attached")
    assert page.locator(".ww-cluster").count() == 0
    assert int(page.evaluate("document.body.dataset.visibleEvents")) == total


def test_layout_at_a_phones_width(page: Any, server: LiveServer) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_map(page, server.url + "/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"
    box = page.locator("#map").bounding_box()
    assert box and box["width"] >= 370 and box["height"] >= 300, box
    panel = page.locator("#panel").bounding_box()
    assert panel and panel["y"] >= box["y"] + box["height"] - 1      # the panel under the map, not beside it
    assert page.locator(".leaflet-control-scale").count() == 1
    screenshot(page, "workbench-390.png")


def test_an_event_from_the_url_tells_same_name_sources_apart(page: Any, server: LiveServer) -> None:
    [twin] = api(server, q="Twinford")["events"]
    open_map(page, server.url + f"/?event={twin['event_id']}")
    sources = page.locator("#event .sources li")
    sources.first.wait_for()
    labels = sorted(sources.all_text_contents())
    assert "Twin Post (twin-a.example.org)" in labels[0] and "Twin Post (twin-b.example.org)" in labels[1]
    history = page.locator("#event .history li").all_text_contents()
    # with their UTC offsets, in the order they happened: 10:00+03:00 (07:00 UTC) before 09:30 UTC
    assert "2022-05-02 10:00 UTC+03:00" in history[0] and "2022-05-02 09:30 UTC+00:00" in history[-1]


def test_offline_map_names_places_and_draws_province_lines(page: Any, server: LiveServer) -> None:
    from wirewatch.settings import Settings

    if not Settings().gazetteer_path.exists():
        pytest.skip("the gazetteer index is not built (make setup): no place names to show")
    open_map(page, server.url + "/")
    page.evaluate("() => window.wirewatch.map().setView([40.4, 46.5], 7)")     # the South Caucasus
    page.wait_for_function("() => Number(document.getElementById('map').dataset.provinceLines) > 20 "
                           "&& Number(document.getElementById('map').dataset.placeNames) > 20")
    names = set(page.locator(".ww-place-town").all_text_contents())
    assert {"Ganja", "Yevlakh"} <= names
    assert page.locator(".ww-place-region").count() > 0
    assert page.locator("path.ww-province").count() == 1                  # one dashed path of many edges
    page.locator("#map").screenshot(path=str(screenshot_path("workbench-places.png")))
    page.evaluate("() => window.wirewatch.map().setView([20, 0], 2)")
    page.wait_for_function("() => document.getElementById('map').dataset.placeNames === '0'")


def test_brushing_the_timeline_zooms_in_and_rebins(page: Any, server: LiveServer) -> None:
    from .browser import brush

    open_map(page, server.url + "/")
    timeline = page.locator("#timeline")
    assert timeline.get_attribute("data-interval") == "week"          # a year of events: weekly bars
    weekly_bins = int(timeline.get_attribute("data-bins") or 0)
    brush(page, 0.1, 0.2)
    page.wait_for_function("() => document.getElementById('timeline').dataset.zoomed === 'true'")
    since, until = (page.locator("#range").text_content() or "").split(" – ")
    assert timeline.get_attribute("data-interval") == "day"           # the brushed weeks, day by day
    assert timeline.get_attribute("data-domain", timeout=1000).split("/")[0] == since
    from datetime import date

    days = (date.fromisoformat(until) - date.fromisoformat(since)).days + 1
    assert int(timeline.get_attribute("data-bins") or 0) == days > weekly_bins / 2   # one bar a day, finer than before
    in_range = api(server, since=since, until=until, limit=10000)["events"]
    bars = page.evaluate("() => [...document.querySelectorAll('#timeline .bar')].map((b) => Number(b.dataset.count))")
    assert sum(bars) == len([e for e in in_range if e["event_date"]])
    page.locator(f"body[data-visible-events='{len(in_range)}']").wait_for(state="attached")
    table_ready(page, total=str(len(in_range)))                        # the table shows the brushed days too
    screenshot(page, "workbench-timeline-zoomed.png")
    box = page.locator("#timeline .brush .overlay").bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)   # a click: all dates again
    page.wait_for_function("() => document.getElementById('timeline').dataset.zoomed === 'false'")
    assert timeline.get_attribute("data-interval") == "week" and page.locator("#range").text_content() == "all dates"
