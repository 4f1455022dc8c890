"""Benchmark: the web page loading 100,000 events onto its map (target: under 3 s).

    .venv/bin/python scripts/bench_map.py [--events 100000] [--runs 3] [--db PATH] [--json]

Reuses scripts/bench_api.py's database of made-up events (built once), starts `wirewatch serve`
in its own process on loopback, and opens the page in Debian's chromium (Playwright, headless, no
network beyond the server) `--runs` times, each in a fresh browser context (no cache). A load is
timed from navigation until the page says it is ready (`body[data-ready=true]`: every event
fetched in one /api/map answer, the clusters and markers in view drawn, the timeline drawn) and
the page's count of events on the map (`data-visible-events`) equals the API's total. Reported: the median and the
slowest load, where the time of the median run went (the page's own phase timings, `data-timings`),
and the CPU time it took: the server's for /api/map (its Server-Timing `cpu`) plus the page's main
thread (Chrome's `ThreadTime` metric). On a shared, busy machine the wall time is inflated by
waiting for a core; the CPU time is about what an idle machine needs.

The server keeps /api/map's answer per filter state until the database changes (api/_answers.py),
so the timed loads get it ready-made; the first load, which has the server read and encode the
100,000 events, is reported on its own line ("first load").
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build, start_server  # noqa: E402

CHROMIUM = os.environ.get("WIREWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_S = 3.0


def load_once(browser: Any, url: str, total: int) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url) else route.abort())
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # CPU time of the page's main thread (the whole load: scripts, parsing, clustering, drawing),
        # counted by Chrome from when its Performance domain is enabled
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        t0 = time.perf_counter()
        page.goto(url + "/")
        page.locator("body[data-ready='true']").wait_for(state="attached", timeout=120_000)
        wall = time.perf_counter() - t0
        shown = page.evaluate("() => Number(document.body.dataset.visibleEvents)")
        if errors or shown != total:
            raise SystemExit(f"the page did not show every event ({shown} of {total}); errors: {errors}")
        fetch_ms, server_cpu_ms = page.evaluate("""() => {
            const [e] = performance.getEntriesByType('resource').filter((r) => r.name.includes('/api/map'));
            const cpu = e ? (e.serverTiming.find((t) => t.name === 'cpu') || { duration: 0 }).duration : 0;
            return [e ? e.duration : 0, cpu]; }""")
        phases = json.loads(page.evaluate("() => document.body.dataset.timings || '{}'"))
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return {"load_s": round(wall, 3), "events_fetch_s": round(fetch_ms / 1000, 3),
                "server_cpu_s": round(server_cpu_ms / 1000, 3), "page_cpu_s": round(metrics.get("ThreadTime", 0), 3),
                **{f"{k}_s": round(v / 1000, 3) for k, v in phases.items()}}
    finally:
        context.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", type=Path, default=Path("/tmp/wirewatch-bench-api.db"))
    ap.add_argument("--json", action="store_true", help="print one JSON line at the end")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"bench_map: {CHROMIUM} is absent (make setup-browser), skipped")
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("bench_map: the playwright package is not installed, skipped")
        return
    build(args.db, args.events)
    import httpx

    proc, url = start_server(args.db, None)
    try:
        total = httpx.get(url + "/api/events", params={"limit": 1}).json()["total"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                first = load_once(browser, url, total)     # the server makes (and keeps) the /api/map answer
                runs = [load_once(browser, url, total) for _ in range(args.runs)]
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    loads = sorted(r["load_s"] for r in runs)
    median = statistics.median(loads)
    typical = min(runs, key=lambda r: abs(r["load_s"] - median))
    cpu = round(statistics.median(r["server_cpu_s"] + r["page_cpu_s"] for r in runs), 3)
    result = {"events": total, "runs": len(runs), "median_s": median, "max_s": loads[-1],
              "cpu_s": cpu, "load_avg_1min": round(os.getloadavg()[0], 2),
              "target_met": median < TARGET_S, "median_run": typical, "first_load": first}
    print(f"page with {total} events on the map: median {median:.2f} s, slowest {loads[-1]:.2f} s over "
          f"{len(runs)} loads at load average {result['load_avg_1min']}; under {TARGET_S:.0f} s: "
          f"{'yes' if result['target_met'] else 'NO'}")
    print(f"  median run: page start (scripts, country outlines) {typical.get('boot_s', 0):.2f} s, /api/map {typical['events_fetch_s']:.2f} s (server CPU {typical['server_cpu_s']:.2f} s), "
          f"then waiting for and decoding it {typical.get('events_s', 0):.2f} s (it is asked for first, while the page starts), timeline {typical.get('timeline_s', 0):.2f} s, "
          f"markers and clusters {typical.get('map_s', 0):.2f} s; CPU time, server + page main thread: {cpu:.2f} s "
          f"(what an idle machine needs, about)")
    print(f"  first load (/api/map read and encoded by the server, then kept): {first['load_s']:.2f} s, "
          f"/api/map {first['events_fetch_s']:.2f} s (server CPU {first['server_cpu_s']:.2f} s), "
          f"CPU time {first['server_cpu_s'] + first['page_cpu_s']:.2f} s")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
