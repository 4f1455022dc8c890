"""Benchmark: `/api/events` with a bbox and a date range over 100,000 synthetic events.

    .venv/bin/python scripts/bench_api.py [--events 100000] [--requests 300] [--db PATH]
                                          [--http] [--no-pin] [--core N] [--json]

Builds (once, then reuses) a SQLite store of made-up events (pseudo-places on random coordinates,
dates over 2020-2023, one or two claims each), then times GET /api/events?bbox=W,S,E,N&since=..&until=..
for random 20x20 degree boxes and three-month windows (about 100 matches each, so the default page
of 100 is full and the total needs the count query).

- default: FastAPI's TestClient (the whole ASGI stack, no sockets), the process pinned to one core;
- --http: `wirewatch serve` in its own process pinned to one core, the httpx client in this process
  on the other cores.
Each line also gives the server's own time from the response's Server-Timing header (db + json)
and the CPU time its store thread spent (what an idle core would need; a busy shared machine
inflates wall times, not CPU time).

Fast path for the fill: going through `add_articles` (cleaning, syndication clustering, fusion)
costs ~6 ms an article, about half an hour for 100,000 stories, so events are written directly with
the SQLite store's own event writer (`SQLiteStore._write_event`, the same code `add_articles` ends
in) inside one transaction. Those events have claims but no source articles or revisions (both
point at stored articles).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from collections.abc import Callable
from typing import Any

from wirewatch.model import Claim, Event

TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
         ("Strategic developments", "Agreement")]
STATUSES = ["reported", "reported", "reported", "alleged", "contested", "confirmed"]
COUNTRIES = [("XAA", "Arland"), ("XBB", "Borvia"), ("XCC", "Corland"), ("XDD", "Dunmark")]


def synthetic_events(n: int, seed: int = 0) -> list[Event]:
    rng = random.Random(seed)
    events = []
    for i in range(n):
        event_type, sub = rng.choice(TYPES)
        iso3, country = rng.choice(COUNTRIES)
        day = f"{rng.randint(2020, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        dead = rng.choice([None, 0, 1, 2, 3, 5, 8, 13, 40])
        claims = [Claim("asserts", f"Government of {country}", iso3, f"Official {i}", "spokesperson",
                        f"Example quote number {i}.", 0, 30)]
        if rng.random() < 0.3:
            claims.append(Claim("denies", "Government of Borvia", "XBB", f"Spokesman {i}", None,
                                f"Example denial number {i}.", 31, 60))
        events.append(Event(
            event_id=f"bench-{i:06d}", event_date=day, time_precision=1, event_type=event_type,
            sub_event_type=sub, actor1=f"Group {i % 997}", actor2=f"Civilians ({country})",
            country=country, iso3=iso3, location=f"Place{i}", latitude=round(rng.uniform(-40, 60), 4),
            longitude=round(rng.uniform(-100, 140), 4), geo_precision=1, fatalities=dead,
            status="contested" if len(claims) > 1 else rng.choice(STATUSES), claims=claims,
            notes=f"Synthetic benchmark event {i}.",
        ))
    return events


def build(db: Path, n: int, vary: Callable[[Any], None] | None = None) -> None:
    """Write n synthetic events (reusing what the database has); `vary` may change each before it is written."""
    import wirewatch
    from wirewatch.errors import StoreError

    try:
        store = wirewatch.open(str(db))
    except StoreError as e:
        # a bench file left by another version of the code (its schema record disagrees): it only
        # holds synthetic events, so it is written again rather than stopping the bench
        print(f"{e}; writing {db} again", file=sys.stderr)
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
        store = wirewatch.open(str(db))
    try:
        have = store.count_events()
        if have >= n:
            print(f"reusing {db} ({have} events)", file=sys.stderr)
            return
        events = synthetic_events(n)[have:]
        t0 = time.perf_counter()
        store.conn.execute("BEGIN IMMEDIATE")
        for event in events:
            if vary is not None:
                vary(event)
            store._write_event(event, [], created=True, revisions=[])   # the store's own writer; see the docstring
        store.conn.execute("COMMIT")
        store.conn.execute("ANALYZE")
        print(f"wrote {len(events)} events to {db} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    finally:
        store.close()


def queries(k: int, seed: int = 1) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        w, s = rng.uniform(-100, 120), rng.uniform(-40, 40)
        y, m, d = rng.randint(2020, 2023), rng.randint(1, 9), rng.randint(1, 28)
        start, end = f"{y}-{m:02d}-{d:02d}", f"{y}-{m + 3:02d}-{d:02d}"
        out.append({"bbox": f"{w:.3f},{s:.3f},{w + 20:.3f},{s + 20:.3f}", "since": start, "until": end})
    return out


def time_requests(get: Any, params: list[dict[str, str]]) -> tuple[list[float], list[float], list[float], list[int]]:
    """Per request: wall time, the server's own wall time (Server-Timing db + json), the CPU time
    of the server's store thread (Server-Timing cpu), and the number of matches."""
    for p in params[:10]:   # warm-up: the store thread's connection and page cache
        get(p)
    times, server, cpu, totals = [], [], [], []
    for p in params:
        t0 = time.perf_counter()
        response = get(p)
        times.append((time.perf_counter() - t0) * 1000)
        parts = {k: float(v) for k, v in (item.strip().split(";dur=") for item in response.headers["server-timing"].split(","))}
        server.append(parts["db"] + parts["json"])
        cpu.append(parts["cpu"])
        totals.append(response.json()["total"])
    return times, server, cpu, totals


def start_server(db: Path, core: int | None) -> tuple[subprocess.Popen[bytes], str]:
    """`wirewatch serve` in its own process, pinned to one core when `core` is given."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    pin = (lambda: os.sched_setaffinity(0, {core})) if core is not None else None
    proc = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "serve", "--db", str(db), "--port", str(port),
                             "--log-level", "warning"], preexec_fn=pin, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url + "/api/config", timeout=2)
            return proc, url
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"wirewatch serve did not start on {url}") from None
            time.sleep(0.2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--db", type=Path, default=Path("/tmp/wirewatch-bench-api.db"))
    ap.add_argument("--http", action="store_true",
                    help="time `wirewatch serve` (its own process, pinned) over 127.0.0.1 with httpx")
    ap.add_argument("--json", action="store_true", help="print one JSON line at the end")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the server to one CPU core")
    ap.add_argument("--core", type=int, default=None, help="the server's core [default: the last one]")
    args = ap.parse_args()
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    core = None if args.no_pin or not cores else (args.core if args.core is not None else cores[-1])

    build(args.db, args.events)
    params = queries(args.requests)
    if args.http:
        # The server alone on its core; the client (this process) on the others when there are any.
        import httpx

        proc, url = start_server(args.db, core)
        if core is not None and len(cores) > 1:
            os.sched_setaffinity(0, set(cores) - {core})
        try:
            with httpx.Client(base_url=url) as client:
                times, server, cpu, totals = time_requests(lambda p: client.get("/api/events", params=p), params)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    else:
        from fastapi.testclient import TestClient

        from wirewatch.api import create_app
        from wirewatch.settings import Settings

        if core is not None:
            os.sched_setaffinity(0, {core})   # the whole process on one core, as the issue asks
        with TestClient(create_app(str(args.db), Settings(db=str(args.db)))) as client:
            times, server, cpu, totals = time_requests(lambda p: client.get("/api/events", params=p), params)

    times.sort()
    result = {
        "events": args.events, "requests": len(times), "transport": "http" if args.http else "asgi",
        "server_core": core, "load_avg_1min": round(os.getloadavg()[0], 2),
        "median_ms": round(statistics.median(times), 2),
        "server_median_ms": round(statistics.median(server), 2),
        "server_cpu_median_ms": round(statistics.median(cpu), 2),
        "p90_ms": round(times[int(0.9 * (len(times) - 1))], 2),
        "max_ms": round(times[-1], 2),
        "mean_matches": round(statistics.mean(totals), 1),
    }
    print(f"/api/events bbox+date over {args.events} events ({result['transport']}, {len(times)} requests, "
          f"{result['mean_matches']} matches on average): median {result['median_ms']} ms, "
          f"p90 {result['p90_ms']} ms, max {result['max_ms']} ms; inside the server (db + json) "
          f"median {result['server_median_ms']} ms, of which CPU {result['server_cpu_median_ms']} ms")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
