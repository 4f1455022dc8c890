"""Benchmark the geocoder: index build time, resolutions per second, resident memory.

    .venv/bin/python scripts/bench_geo.py [--mentions N] [--build] [--add DUMPS]

The mentions are drawn from the index itself (towns weighted towards the larger ones, as
news names them, plus countries, regions and "near X" / "X province" phrases), each with a
story context of one or two countries. `first` resolves names never seen before (every lookup
goes to SQLite); `stream` replays a news-like stream where names recur (the in-memory cache
answers repeats). Rates are per CPU second of this process (`time.process_time`), so other
work on a shared machine does not skew them; `build_s` is CPU seconds too. With `--add DUMPS`
(a folder of GeoNames dumps: `make bench` passes ../shared/gazetteer) the dumps are added to a copy
of the index (`add_s`: CPU seconds, `size_mb`: the file) and the mentions are resolved there, a
third of them villages the dumps added ("X" or "X, Province"). Prints one JSON line.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from wirewatch.geo import build_index, get_gazetteer
from wirewatch.geo.extend import add_sources
from wirewatch.settings import Settings


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _mentions(path: Path, n: int, seed: int = 5) -> list[tuple[str, tuple[str, ...]]]:
    rng = random.Random(seed)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    towns = db.execute("SELECT name, iso3 FROM place WHERE feature='city' AND population >= 1000 "
                       "ORDER BY random() LIMIT ?", (n,)).fetchall()
    villages = [(f"{name}, {admin1}" if admin1 and rng.random() < 0.5 else name, iso3) for name, iso3, admin1 in db.execute(
        "SELECT name, iso3, admin1 FROM place WHERE source IS NOT NULL AND feature='city' ORDER BY random() LIMIT ?", (n,))]
    big = db.execute("SELECT name, iso3 FROM place WHERE feature='city' AND population >= 100000").fetchall()
    units = db.execute("SELECT name, iso3 FROM place WHERE feature IN ('admin1','region','country')").fetchall()
    isos = [r[0] for r in db.execute("SELECT iso3 FROM country")]
    out: list[tuple[str, tuple[str, ...]]] = []
    while len(out) < n:
        roll = rng.random()
        if villages and rng.random() < 1 / 3:
            out.append((lambda v: (v[0], (v[1],)))(rng.choice(villages)))
            continue
        name, iso3 = rng.choice(towns if roll < 0.5 else big if roll < 0.8 else units)
        if roll > 0.9:
            name = rng.choice([f"near {name}", f"{rng.randint(2, 40)} km north of {name}", f"{name} province"])
        out.append((name, (iso3, rng.choice(isos)) if rng.random() < 0.8 else ()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=20000)
    ap.add_argument("--build", action="store_true", help="also time a fresh index build")
    ap.add_argument("--add", type=Path, default=None, help="a folder of GeoNames dumps to add to a copy of the index")
    args = ap.parse_args()
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        return _run(args, result, Path(tmp))


def _run(args: argparse.Namespace, result: dict[str, float], tmp: Path) -> int:
    settings = Settings()
    if args.add:
        if not args.add.is_dir():
            print(f"bench_geo: {args.add} is missing; run without --add", file=sys.stderr)
            return 1
        settings = dataclasses.replace(settings, data_dir=tmp)
        shutil.copyfile(Settings().gazetteer_path, settings.gazetteer_path)
        started = time.process_time()
        add_sources(settings.gazetteer_path, [args.add])
        result["add_s"] = round(time.process_time() - started, 1)
        result["size_mb"] = round(settings.gazetteer_path.stat().st_size / 1e6)
    if args.build:
        started = time.process_time()
        build_index(tmp / "g.sqlite")
        result["build_s"] = round(time.process_time() - started, 1)
    rss_before = _rss_mb()
    started = time.process_time()
    gaz = get_gazetteer(settings)
    result["open_s"] = round(time.process_time() - started, 3)
    mentions = _mentions(gaz.path, args.mentions)
    started = time.process_time()
    for text, ctx in mentions:
        gaz.resolve_expression(text, ctx)
    result["mentions"] = len(mentions)
    result["first_per_s"] = round(len(mentions) / (time.process_time() - started))
    rng = random.Random(7)
    stream = [mentions[min(int(rng.paretovariate(1.2)) - 1, len(mentions) - 1)] for _ in range(args.mentions)]
    started = time.process_time()
    for text, ctx in stream:
        gaz.resolve_expression(text, ctx)
    result["stream_per_s"] = round(len(stream) / (time.process_time() - started))
    started = time.process_time()
    patterns = gaz.ruler_patterns()
    result["ruler_patterns"] = len(patterns)
    result["ruler_patterns_s"] = round(time.process_time() - started, 3)
    result["rss_mb"] = round(_rss_mb(), 1)
    result["rss_before_open_mb"] = round(rss_before, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
