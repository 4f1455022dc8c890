"""Benchmark: `/api/aggregate?by=week,admin1` over 100,000 synthetic events (target: under 300 ms).

    .venv/bin/python scripts/bench_aggregate.py [--events 100000] [--requests 20] [--db PATH] [--json]

Builds (once, then reuses) a SQLite store of made-up events (the events of scripts/bench_api.py,
each given one of 120 made-up provinces and 800 districts), written with the store's own event
writer in one transaction, then times GET /api/aggregate through FastAPI's TestClient (the whole
ASGI stack, no sockets) for weekly x admin1 (about 24,000 rows), monthly x country x event type,
and weekly x admin1 over one event type. Reports the median wall time and the server's own time
from the Server-Timing header (db: the GROUP BY; out: JSON; cpu: the store thread's CPU time,
which a busy shared machine does not inflate).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import build as build_events  # noqa: E402

QUERIES = {
    "week x admin1": {"by": "week,admin1"},
    "month x country x event_type": {"by": "month,country,event_type"},
    "week x admin1, Battles only": {"by": "week,admin1", "event_type": "battles"},
}


def build(db: Path, n: int) -> None:
    """bench_api's events, each given one of 120 provinces and 800 districts."""
    rng = random.Random(3)

    def provinces(event: Any) -> None:
        event.admin1 = f"{event.country} Province {rng.randint(1, 30)}"
        event.admin2 = f"District {rng.randint(1, 200)}"

    build_events(db, n, vary=provinces)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--db", type=Path, default=Path("/tmp/wirewatch-bench-aggregate.db"))
    ap.add_argument("--json", action="store_true", help="print one JSON line at the end")
    args = ap.parse_args()
    build(args.db, args.events)

    from fastapi.testclient import TestClient

    from wirewatch.api import create_app

    results = {}
    with TestClient(create_app(str(args.db))) as client:
        for name, params in QUERIES.items():
            client.get("/api/aggregate", params=params)       # warm-up: connection and page cache
            walls, dbs, cpus, rows = [], [], [], 0
            for _ in range(args.requests):
                t0 = time.perf_counter()
                r = client.get("/api/aggregate", params=params)
                walls.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, r.text
                timing = dict(part.strip().split(";dur=") for part in r.headers["server-timing"].split(","))
                dbs.append(float(timing["db"]))
                cpus.append(float(timing["cpu"]))
                rows = len(r.json()["rows"])
            results[name] = {"rows": rows, "median_ms": round(statistics.median(walls), 1),
                             "p90_ms": round(sorted(walls)[int(0.9 * len(walls))], 1),
                             "db_median_ms": round(statistics.median(dbs), 1),
                             "cpu_median_ms": round(statistics.median(cpus), 1)}
            print(f"{name:32s} {rows:6d} rows  median {results[name]['median_ms']:7.1f} ms  "
                  f"p90 {results[name]['p90_ms']:7.1f} ms  db {results[name]['db_median_ms']:6.1f} ms  "
                  f"store-thread CPU {results[name]['cpu_median_ms']:6.1f} ms")
    target = results["week x admin1"]["median_ms"] < 300
    print(f"weekly x admin1 under 300 ms: {'yes' if target else 'NO'}")
    if args.json:
        print(json.dumps({"events": args.events, "results": results, "target_met": target}))


if __name__ == "__main__":
    main()
