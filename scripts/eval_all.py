"""`make eval`: every development benchmark in one table (reads ../shared, never copies it).

    .venv/bin/python scripts/eval_all.py [--shared DIR] [--limit N] [--json FILE]

1. `wirewatch evaluate` on eval/acled_dev.csv and eval/gtd_dev.csv (ACLED notes, GTD summaries);
2. eval/articles_dev.jsonl through the steps of tools/score_articles.py: `--write-inputs` into a
   temporary folder, `wirewatch extract ... --format json`, then the scorer with `--json`.
One row per field, one column per file or corpus; the articles' `overall` is the scorer's unweighted
mean over its corpora. `--limit N` takes N rows of each file (a quick look, not a figure to report).
Exit 1 when a step fails (its stderr is shown), 2 when ../shared is missing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIREWATCH = [sys.executable, "-m", "wirewatch.cli"]
# wirewatch evaluate's field names -> the article scorer's, so that one row holds one quantity
SAME = {"event_date": "date", "fatalities": "killed", "injuries": "injured", "nkill": "killed", "nwound": "injured",
        "acled_event_type": "event_type"}
ORDER = ["relevant_recall", "irrelevant_no_event", "forbid_respected", "event_found", "date", "date_1d", "country",
         "admin1", "location", "killed", "injured", "captured", "event_type", "sub_event_type"]


def _run(cmd: list[str], refusals_ok: bool = False) -> str:
    """stdout of `cmd`. With `refusals_ok`, exit 1 with output is `wirewatch extract` refusing some
    inputs (too short, not English): they stay in the gold, so the scorer counts them as misses."""
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if refusals_ok and done.returncode == 1 and done.stdout.strip():
        refused = done.stderr.strip().splitlines()
        print(f"eval: {len(refused)} inputs refused by extract (scored as misses)", file=sys.stderr)
        return done.stdout
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
        raise SystemExit(f"eval: failed: {' '.join(cmd[:4])} ... (exit {done.returncode})")
    return done.stdout


def evaluate(path: Path, kind: str, limit: int | None) -> dict[str, float]:
    cmd = [*WIREWATCH, "evaluate", str(path), "--kind", kind, "--format", "json"]
    if limit:
        cmd += ["--limit", str(limit)]
    fields = json.loads(_run(cmd))["fields"]
    return {SAME.get(k, k): v["accuracy"] for k, v in fields.items() if v.get("accuracy") is not None}


def articles(gold: Path, scorer: Path, limit: int | None) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    with tempfile.TemporaryDirectory(prefix="wirewatch-eval-") as tmp:
        inputs = Path(tmp) / "in"
        cmd = [sys.executable, str(scorer), "--write-inputs", str(gold), str(inputs)]
        _run(cmd + (["--limit", str(limit)] if limit else []))
        out = Path(tmp) / "out.json"
        out.write_text(_run([*WIREWATCH, "extract", *map(str, sorted(inputs.glob("*/*.txt"))), "--format", "json"],
                                  refusals_ok=True))
        lines = _run([sys.executable, str(scorer), str(inputs / "gold.jsonl"), str(out), "--json"]).strip().splitlines()
    res = json.loads(lines[-1])
    per_article: dict[str, float] = {}
    for line in lines:  # the scorer's "events/article" line, in its corpus order
        if line.startswith("events/article"):
            corpora = [c for c in res if c != "overall"]
            per_article = dict(zip(corpora, map(float, line.split()[1:1 + len(corpora)])))
    return {c: {f: v["accuracy"] for f, v in fields.items()} for c, fields in res.items()}, per_article


def table(columns: dict[str, dict[str, float]], per_article: dict[str, float]) -> str:
    fields = [f for f in ORDER if any(f in col for col in columns.values())]
    fields += sorted({f for col in columns.values() for f in col} - set(fields) - {"relevant_flag"})
    width = max(len(f) for f in fields + ["events/article"]) + 2
    head = "field".ljust(width) + "".join(c.rjust(10) for c in columns)
    rows = [head, "-" * len(head)]
    for f in fields:
        rows.append(f.ljust(width) + "".join((f"{col[f]:.3f}" if col.get(f) is not None else "-").rjust(10)
                                             for col in columns.values()))
    rows.append("events/article".ljust(width) + "".join((f"{per_article[c]:.2f}" if c in per_article else "-").rjust(10)
                                                        for c in columns))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="rows per file (a quick look)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args(argv)
    eval_dir, scorer = args.shared / "eval", args.shared / "tools" / "score_articles.py"
    needed = [eval_dir / "acled_dev.csv", eval_dir / "gtd_dev.csv", eval_dir / "articles_dev.jsonl", scorer]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"eval: missing {', '.join(missing)} (the shared evaluation data is not here)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    columns = {"acled": evaluate(eval_dir / "acled_dev.csv", "acled", args.limit),
               "gtd": evaluate(eval_dir / "gtd_dev.csv", "gtd", args.limit)}
    by_corpus, per_article = articles(eval_dir / "articles_dev.jsonl", scorer, args.limit)
    columns.update(by_corpus)
    print(table(columns, per_article))
    print(f"({time.perf_counter() - t0:.0f} s; acled/gtd: wirewatch evaluate, first 'new' event per row; "
          f"the rest: score_articles.py, overall = mean over its corpora)")
    if args.json:
        args.json.write_text(json.dumps({"fields": columns, "events_per_article": per_article}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
