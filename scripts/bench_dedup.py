"""Syndication clustering benchmark: N synthetic articles with near-duplicate copies (made here),
clustered in memory; prints one JSON line with time, precision and recall.

    .venv/bin/python scripts/bench_dedup.py [N] [--store M]

--store M also times M synthetic articles through the SQLite store (clustering + fusion + one
transaction per article), the path `wirewatch ingest` takes.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from wirewatch import dedup


def store_rate(m: int) -> dict[str, float]:
    from wirewatch.store import open_store
    from wirewatch.store.synthetic import synthetic_articles
    articles = synthetic_articles(m, seed=3)
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "bench.db") as store:
            t0 = time.perf_counter()
            store.add_articles(articles)
            seconds = time.perf_counter() - t0
            events = store.count_events()
    return {"store_articles": m, "store_seconds": round(seconds, 2),
            "store_articles_per_s": round(m / seconds, 1), "store_events": events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--store", type=int, default=0, metavar="M")
    args = parser.parse_args()
    result = dedup.bench_json(args.n, args.seed)
    if args.store:
        result.update(store_rate(args.store))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
