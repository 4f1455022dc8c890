"""Fusion benchmark (`make bench`): do separate events stay separate, do true duplicates fuse?

Every row of an ACLED-format CSV (a different real event) becomes an article of its own: one
JSONL line, its text the row's notes, published the day after the event, its url carrying the
row's id. The articles are ingested into a fresh database (extraction, syndication, fusion: the
`ingest` path), then the fused events holding two or more rows are counted: each is a false merge.

    .venv/bin/python scripts/bench_fusion.py ../shared/eval/acled_dev.csv [--db /tmp/notes.db]
        [--cache /tmp/notes-extracted.jsonl] [--limit N]

--cache keeps the extracted articles, so fusion can be measured again without re-extracting.
Then the fixture feed (../shared/fixtures/feed, when present: two copies of one wire story and an
independent follow-up) is ingested into the same database, and its strike must be one contested
event with 2 independent sources (expected.json; also tests/commands/test_ingest.py). Every
event's notes are checked against its fused fields (fuse_notes.disagreements).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from wirewatch.model import Article
from wirewatch.store.records import article_from_dict, to_dict

URL = "https://notes.invalid/acled/{}"   # .invalid: never fetched, only carries the row id


def note_records(path: str, limit: int | None = None) -> list[dict[str, str]]:
    """One article record per CSV row (the JSONL lines `wirewatch ingest` reads)."""
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if (r.get("notes") or "").strip()]
    out = []
    for r in rows[:limit]:
        published = date.fromisoformat(r["event_date"]) + timedelta(days=1)
        out.append({"url": URL.format(r["event_id_cnty"]), "title": f"{r['country']} report",
                    "published": f"{published}T09:00:00+00:00", "text": r["notes"].strip()})
    return out


def row_id(url: str | None) -> str:
    return (url or "").rsplit("/", 1)[-1]


def extracted(records: list[dict[str, str]], cache: str | None) -> list[Article]:
    """The cleaned, extracted articles (read from `cache` when it holds them)."""
    if cache and Path(cache).exists():
        with open(cache, encoding="utf-8") as f:
            return [article_from_dict(json.loads(line)) for line in f]
    from wirewatch.clean import clean_document
    from wirewatch.ingest.records import article_from_record
    from wirewatch.pipeline import Pipeline
    from wirewatch.settings import Settings
    settings = Settings()
    articles = [clean_document(article_from_record(f"notes.jsonl:{i + 1}", r, "jsonl"), settings)
                for i, r in enumerate(records)]
    pipeline = Pipeline(settings)
    out: list[Article] = []
    for i in range(0, len(articles), 64):
        out += pipeline.process(articles[i:i + 64])
        print(f"extracted {len(out)}/{len(articles)}", file=sys.stderr)
    if cache:
        with open(cache, "w", encoding="utf-8") as f:
            for a in out:
                f.write(json.dumps(to_dict(a), ensure_ascii=False) + "\n")
    return out


def false_merges(events: list) -> dict[str, object]:
    """Fused events holding two or more different rows."""
    merged = []
    for e in events:
        ids = {row_id(s.url) for s in e.sources}
        if len(ids) > 1:
            merged.append(e)
    return {
        "events": len(events),
        "events_with_two_or_more_rows": len(merged),
        "false_merge_rate": round(len(merged) / max(1, len(events)), 4),
        "rows_in_merged_events": sum(len(e.sources) for e in merged),
        "merged_by_type": Counter(e.event_type for e in merged).most_common(6),
    }


def feed_check(store: object, feed: Path) -> dict[str, object]:
    """Ingest the fixture feed (served on loopback) into the same database: its two copies of one
    wire story and the independent follow-up must make one contested event with 2 independent
    sources, as ../shared/fixtures/feed/expected.json says."""
    from wirewatch.settings import Settings
    from wirewatch.store.loader import ingest
    from wirewatch.testing import serve_folder

    expected = json.loads((feed / "expected.json").read_text(encoding="utf-8"))
    with serve_folder(feed) as base:
        ingest([f"{base}/feed.xml"], store, Settings(allow_private=True))
    out: dict[str, object] = {}
    for name, want in expected["fused"].items():
        paths = sorted(want["source_articles"])
        found = [e for e in store.event_records()  # type: ignore[attr-defined]
                 if e.location == want["location"] and e.event_date == want["event_date"]]
        got = [(sorted(str(s.url).split("/", 3)[-1] for s in e.sources), e.independent_sources, e.status)
               for e in found]
        ok = got == [(paths, want["independent_sources"], want["status"])]
        out[name] = {"ok": ok, "events": len(found), "got": got}
    return out


def main(argv: list[str] | None = None) -> dict[str, object]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv")
    ap.add_argument("--db", default=None, help="database to build (default: a temporary file)")
    ap.add_argument("--cache", default=None, help="JSONL of extracted articles to reuse")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--feed", default=str(Path(__file__).resolve().parents[1].parent / "shared/fixtures/feed"),
                    help="the fixture feed to ingest into the same database (skipped when missing)")
    args = ap.parse_args(argv)
    import tempfile

    import wirewatch
    records = note_records(args.csv, args.limit)
    t0 = time.perf_counter()
    articles = extracted(records, args.cache)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "notes.db")
        if Path(db).exists():
            Path(db).unlink()
        with wirewatch.open(db) as store:
            c1 = time.process_time()
            store.add_articles(articles)
            t2, c2 = time.perf_counter(), time.process_time()
            feed = feed_check(store, Path(args.feed)) if (Path(args.feed) / "expected.json").exists() else "skipped"
            every = store.event_records()
            events = [e for e in every if all(str(s.url).startswith(URL.split("{")[0]) for s in e.sources)]
            from wirewatch.fuse_notes import disagreements
            result = {"rows": len(records), "mentions": store.stats()["mentions"], **false_merges(events),
                      "notes_disagreeing": sum(1 for e in every if disagreements(e)), "all_events": len(every),
                      "extract_s": round(t1 - t0, 1), "store_s": round(t2 - t1, 1), "store_cpu_s": round(c2 - c1, 1), "feed": feed}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
