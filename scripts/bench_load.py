"""Load test: `wirewatch serve` on loopback over a synthetic 100k-event database, 20 concurrent
clients sending 200 mixed requests while 2 exports stream (issue 14).

    .venv/bin/python scripts/bench_load.py [--events 100000] [--clients 20] [--requests 200]
                                           [--exports 2] [--export-format geojson] [--json]

Mixed requests: event lists with filters (country + date range), bbox + date queries, one
event by id, /api/stats. The exports are real streamed downloads of every event, started
first; the report says how many of the mixed requests finished while both were still
streaming (none had to wait for an export to end) and then times bbox queries one at a time.
Everything is on 127.0.0.1 and ends by itself (bounded requests, --timeout per request).
The database is built by scripts/bench_api.py's builder and reused when present.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_api import COUNTRIES, build, queries, start_server  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q / 100 * len(ordered) + 0.5)) - 1))]


def mixed_requests(n: int, events: int, seed: int = 7) -> list[tuple[str, dict[str, str]]]:
    rng = random.Random(seed)
    boxes = queries(n, seed=seed)
    out: list[tuple[str, dict[str, str]]] = []
    for i in range(n):
        kind = rng.random()
        if kind < 0.4:
            iso3 = rng.choice(COUNTRIES)[0]
            y, m = rng.randint(2020, 2023), rng.randint(1, 12)
            out.append(("list", {"country": iso3, "since": f"{y}-{m:02d}-01", "until": f"{y}-{m:02d}-28",
                                 "limit": "50"}))
        elif kind < 0.7:
            out.append(("bbox", boxes[i]))
        elif kind < 0.9:
            out.append(("event", {"id": f"bench-{rng.randrange(events):06d}"}))
        else:
            out.append(("stats", {}))
    return out


def run(opts: argparse.Namespace) -> dict[str, Any]:
    import httpx

    build(opts.db, opts.events)
    proc, url = start_server(opts.db, None)
    result: dict[str, Any] = {"events": opts.events, "clients": opts.clients, "requests": opts.requests,
                              "exports": opts.exports}
    try:
        with httpx.Client(base_url=url, timeout=opts.timeout) as warm:
            warm.get("/api/stats")
            warm.get("/api/events", params={"limit": "1"})
        export_state: list[dict[str, Any]] = [{} for _ in range(opts.exports)]
        started = threading.Barrier(opts.exports + 1)

        def export(i: int) -> None:
            state = export_state[i]
            state["start"] = time.perf_counter()
            size = 0
            try:
                with httpx.Client(base_url=url, timeout=opts.timeout) as c, \
                        c.stream("GET", "/api/export", params={"format": opts.export_format}) as r:
                    state["status"] = r.status_code
                    first = True
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if first:
                            started.wait()
                            first = False
                        if opts.export_read_delay:
                            time.sleep(opts.export_read_delay)
            except Exception as e:  # noqa: BLE001 - reported, not raised
                state["error"] = f"{type(e).__name__}: {e}"
            finally:
                state["end"] = time.perf_counter()
                state["bytes"] = size
                if started.n_waiting and not started.broken:
                    started.abort()

        exporters = [threading.Thread(target=export, args=(i,)) for i in range(opts.exports)]
        for t in exporters:
            t.start()
        try:
            started.wait(timeout=opts.timeout)  # both exports have sent their first bytes
        except threading.BrokenBarrierError:
            pass
        work = mixed_requests(opts.requests, opts.events)
        latencies: dict[str, list[float]] = {}
        finished_at: list[float] = []
        errors: list[str] = []
        local = threading.local()

        def one(item: tuple[str, dict[str, str]]) -> None:
            client = getattr(local, "client", None)
            if client is None:
                client = local.client = httpx.Client(base_url=url, timeout=opts.timeout)
            kind, params = item
            path = {"list": "/api/events", "bbox": "/api/events", "stats": "/api/stats"}.get(kind) \
                or f"/api/events/{params.pop('id')}"
            t0 = time.perf_counter()
            try:
                r = client.get(path, params=params)
                if r.status_code != 200:
                    errors.append(f"{kind} {r.status_code}")
            except Exception as e:  # noqa: BLE001
                errors.append(f"{kind} {type(e).__name__}")
            t1 = time.perf_counter()
            latencies.setdefault(kind, []).append((t1 - t0) * 1000)
            finished_at.append(t1)

        t_load = time.perf_counter()
        with ThreadPoolExecutor(max_workers=opts.clients) as pool:
            list(pool.map(one, work))
        load_seconds = time.perf_counter() - t_load
        for t in exporters:
            t.join(timeout=opts.timeout * 4)
        every = [v for vs in latencies.values() for v in vs]
        ends = [s.get("end", 0.0) for s in export_state]
        result.update({
            "load_seconds": round(load_seconds, 2),
            "p50_ms": round(percentile(every, 50), 1), "p95_ms": round(percentile(every, 95), 1),
            "p99_ms": round(percentile(every, 99), 1), "max_ms": round(max(every), 1),
            "per_kind_p99_ms": {k: round(percentile(v, 99), 1) for k, v in sorted(latencies.items())},
            "errors": errors[:10], "error_count": len(errors),
            "finished_while_exports_streamed": sum(1 for t in finished_at if t < min(ends, default=0.0)),
            "exports_status": [s.get("status") for s in export_state],
            "exports_seconds": [round(s.get("end", 0) - s.get("start", 0), 1) for s in export_state],
            "exports_mb": [round(s.get("bytes", 0) / 1e6, 1) for s in export_state],
            "export_errors": [s["error"] for s in export_state if "error" in s],
        })
        # one at a time, nothing else running: the bbox figure of scripts/bench_api.py
        with httpx.Client(base_url=url, timeout=opts.timeout) as c:
            single = []
            for params in queries(opts.single, seed=3):
                t0 = time.perf_counter()
                c.get("/api/events", params=params)
                single.append((time.perf_counter() - t0) * 1000)
        result["bbox_single_p50_ms"] = round(statistics.median(single), 1)
        result["bbox_single_p99_ms"] = round(percentile(single, 99), 1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except Exception:  # noqa: BLE001
            proc.kill()
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--exports", type=int, default=2)
    ap.add_argument("--export-format", default="geojson", choices=["csv", "json", "jsonl", "geojson", "parquet"])
    ap.add_argument("--export-read-delay", type=float, default=0.0,
                    help="seconds the export clients wait between chunks (keeps short runs overlapping)")
    ap.add_argument("--single", type=int, default=100, help="bbox requests timed one at a time")
    ap.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    ap.add_argument("--db", type=Path, default=Path("/tmp/wirewatch-bench-api.db"))
    ap.add_argument("--json", action="store_true")
    opts = ap.parse_args(argv)
    result = run(opts)
    if opts.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:34} {v}")
    return result


if __name__ == "__main__":
    main()
