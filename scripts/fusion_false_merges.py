"""How often fusion would merge events that ACLED codes apart: every row of an ACLED-format CSV
becomes a mention of its own (ACLED's own coding: date, type, actors, place), all are fused, and
the rows that end up sharing an event are counted. ACLED codes one event per location, day and
dyad, so each merge is (nearly always) a false merge; a busy conflict is the hard case.

    .venv/bin/python scripts/fusion_false_merges.py ../shared/eval/acled_dev.csv
"""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter

from wirewatch.fuse import Report, fuse
from wirewatch.model import Mention, Source


def mention(row: dict[str, str]) -> Mention:
    def text(name: str) -> str | None:
        return row.get(name) or None
    return Mention(
        event_id=row["event_id_cnty"], event_date=row["event_date"], event_type=row["event_type"],
        sub_event_type=text("sub_event_type"), actor1=text("actor1"), actor2=text("actor2"),
        assoc_actor_1=text("assoc_actor_1"), assoc_actor_2=text("assoc_actor_2"),
        country=row["country"], iso3=row["country"], admin1=text("admin1"), admin2=text("admin2"),
        location=row["location"], latitude=float(row["latitude"]), longitude=float(row["longitude"]),
        geo_precision=int(row["geo_precision"] or 1), time_precision=int(row.get("time_precision") or 1))


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    reports = [Report(mention(r), Source(article_id=r["event_id_cnty"]), r["event_date"]) for r in rows]
    events = fuse(reports)
    merged = [e for e in events if len(e.sources) > 1]
    types = {r["event_id_cnty"]: r["event_type"] for r in rows}
    print(json.dumps({
        "rows": len(rows), "events": len(events),
        "rows_in_merged_events": sum(len(e.sources) for e in merged),
        "false_merge_rate": round(sum(len(e.sources) for e in merged) / len(rows), 4),
        "merged_by_type": Counter(" + ".join(sorted({types[s.article_id] for s in e.sources}))
                                  for e in merged).most_common(6),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
