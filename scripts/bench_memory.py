"""Benchmark: peak memory of `wirewatch extract` on one long article and of `wirewatch ingest` on a
folder of 1 MB articles, at several batch sizes (issue 14: under 600 MB and 500 MB).

    .venv/bin/python scripts/bench_memory.py [--mb 15] [--files 6] [--batch 1,8,64] [--json]

Each run is a child process (`/usr/bin/time`-style: its peak RSS from `resource.getrusage` of
the children), so one measurement does not inherit the last one's heap. The articles are
generated here from sentence templates (made-up places and people, no real article): English
conflict reporting with about one event sentence in three, so triage keeps a realistic share.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVENT = [
    "Militants attacked a police post near {place} on {day}, killing {n} officers, the provincial governor said.",
    "Artillery shells hit a market in {place} on {day}, wounding {n} civilians, according to local officials.",
    "Protesters clashed with security forces in {place} on {day}; police fired tear gas and arrested {n} people.",
    "A roadside bomb struck a military convoy outside {place} on {day}, and {n} soldiers were killed.",
    "{person}, a spokesman for the army, said troops had repelled an assault on positions near {place}.",
]
OTHER = [
    "The region has been at the centre of a dispute over grazing land for many years.",
    "Residents of {place} said markets had reopened and schools were expected to resume next week.",
    "{person} told reporters that talks between the two sides would continue in the capital.",
    "Aid groups have called for more funding to support families who left their homes last year.",
    "The weather turned colder in the mountains, and several roads were closed by snow.",
    "Officials in {place} announced a new budget for roads, clinics and water supplies.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(["Ka", "Ro", "Mi", "Ten", "Sa", "Vul", "Dor", "An", "Ba", "Lo", "Tar"])
                   for _ in range(2)) + rng.choice(["abad", "ville", "ovo", "ani", "pur"])


def long_article(size: int, seed: int = 0) -> str:
    """About `size` bytes of paragraphs of made-up conflict reporting."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        para = " ".join(rng.choice(EVENT if rng.random() < 0.33 else OTHER).format(
            place=_name(rng), day=rng.choice(DAYS), n=rng.randint(2, 40), person=f"{_name(rng)} {_name(rng)}")
            for _ in range(rng.randint(3, 6)))
        out.append(para)
        total += len(para) + 1
    return "\n".join(out)


def child(args: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit status) of `wirewatch ARGS` run alone in a child process."""
    code = ("import resource, runpy, sys; sys.argv = ['wirewatch'] + sys.argv[1:]\n"
            "from wirewatch.cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    status = e.code\n"
            "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print('PEAK_KB', peak, file=sys.stderr)\nsys.exit(status if isinstance(status, int) else 0)\n")
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = next((int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK_KB")), 0)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr[-2000:])
    return peak / 1024, seconds, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=15.0, help="size of the long article for extract")
    parser.add_argument("--files", type=int, default=6, help="1 MB articles in the ingest folder")
    parser.add_argument("--batch", default="1,8,64", help="batch sizes for ingest (WIREWATCH_BATCH_SIZE)")
    parser.add_argument("--json", action="store_true")
    opts = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-mem-") as tmp:
        folder = Path(tmp)
        big = folder / "long.txt"
        big.write_text(long_article(int(opts.mb * 1_000_000)))
        out = folder / "out.json"
        peak, seconds, status = child(["extract", str(big), "--format", "json", "--published", "2024-03-01"])
        results["extract_mb"] = opts.mb
        results["extract_peak_rss_mb"] = round(peak, 1)
        results["extract_seconds"] = round(seconds, 1)
        results["extract_status"] = status
        articles = folder / "articles"
        articles.mkdir()
        for i in range(opts.files):
            (articles / f"a{i:03d}.txt").write_text(long_article(1_000_000, seed=100 + i))
        for batch in (int(b) for b in opts.batch.split(",")):
            db = folder / f"b{batch}.db"
            os.environ["WIREWATCH_BATCH_SIZE"] = str(batch)
            peak, seconds, status = child(["ingest", "--db", str(db), str(articles)])
            results[f"ingest_batch{batch}_peak_rss_mb"] = round(peak, 1)
            results[f"ingest_batch{batch}_seconds"] = round(seconds, 1)
            results[f"ingest_batch{batch}_status"] = status
        out.unlink(missing_ok=True)
    if opts.json:
        print(json.dumps(results))
    else:
        for k, v in results.items():
            print(f"{k:32} {v}")


if __name__ == "__main__":
    main()
