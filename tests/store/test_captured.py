"""`captured` (people detained, arrested or taken prisoner) goes from a mention through fusion, the store and the exports."""
from __future__ import annotations

import csv
import io

import wirewatch
from wirewatch.store.export import CSV_COLUMNS, write_events
from wirewatch.store.synthetic import synthetic_articles


def test_captured_is_stored_fused_and_exported(tmp_path):
    articles = synthetic_articles(3, seed=11)
    mention = articles[0].events[0]
    mention.captured = 4
    with wirewatch.open(tmp_path / "c.db") as store:
        store.add_articles(articles)
        events = store.event_records()
    held = [e for e in events if e.captured is not None]
    assert [e.captured for e in held] == [4]
    assert all(e.captured is None for e in events if e not in held)  # not reported stays null, never 0
    assert "captured" in CSV_COLUMNS
    out = io.StringIO()
    write_events(held, "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["captured"] == "4"
