"""Playwright helpers for the browser tests: Debian's chromium (never `playwright install`),
headless, with no network beyond the test's own server."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("WIREWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def require_browser() -> None:
    """Skip with the reason when the browser stack is not installed (make setup-browser)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: run `make setup-browser` (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright Python package is not installed (pip install playwright)")
    from wirewatch.api._assets import vendor_assets

    missing = vendor_assets().message
    if missing:
        pytest.skip(missing)


@contextmanager
def browser_page(base_url: str) -> Iterator[Any]:
    """A page that may only talk to `base_url`; page errors fail the test, dialogs are recorded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            # Anything not served by the test server is refused: the page must work offline.
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                          else route.abort())
            page = context.new_page()
            page.errors = []    # type: ignore[attr-defined]
            page.dialogs = []   # type: ignore[attr-defined]
            page.on("pageerror", lambda e: page.errors.append(str(e)))
            page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()


def open_map(page: Any, url: str) -> None:
    page.goto(url)
    page.locator("body[data-ready='true']").wait_for(state="attached")


def shown_marker_count(page: Any) -> int:
    """Events on the map as the DOM shows them: single markers plus the counts on cluster icons."""
    count: int = page.evaluate(
        """() => document.querySelectorAll('path.ww-marker').length +
               [...document.querySelectorAll('.ww-cluster')].reduce((n, c) => n + Number(c.dataset.count), 0)""")
    return count


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot saved: {path}")
    return path


def brush(page: Any, start_frac: float, end_frac: float) -> None:
    """Drag across the timeline's brush area between two fractions of its width."""
    box = page.locator("#timeline .brush .overlay").bounding_box()
    assert box, "the timeline has no brush"
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * start_frac, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * (start_frac + end_frac) / 2, y, steps=4)
    page.mouse.move(box["x"] + box["width"] * end_frac, y, steps=4)
    page.mouse.up()
