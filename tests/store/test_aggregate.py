"""`Store.aggregate` against the same counts computed in Python from the stored events."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

import wirewatch
from wirewatch.store.aggregate import MEASURES, parse_by
from wirewatch.store.filters import FilterError
from wirewatch.store.synthetic import synthetic_articles


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with wirewatch.open(tmp_path_factory.mktemp("agg") / "a.db") as s:
        s.add_articles(synthetic_articles(150, seed=11))
        yield s


def monday(day: str) -> str:
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def expected(events, key):
    out = defaultdict(lambda: {"events": 0, "fatalities": None, "fatalities_unknown": 0, "contested": 0})
    for e in events:
        for k in key(e):
            row = out[k]
            row["events"] += 1
            if e.fatalities is None:
                row["fatalities_unknown"] += 1
            else:
                row["fatalities"] = (row["fatalities"] or 0) + e.fatalities
            row["contested"] += e.status == "contested"
    return dict(out)


def test_week_by_type_matches_the_events(store):
    events = store.event_records()
    rows = store.aggregate("week,event_type")
    got = {(r["week"], r["event_type"]): {m: r[m] for m in MEASURES} for r in rows}
    assert got == expected(events, lambda e: [(monday(e.event_date), e.event_type)])
    assert sum(r["events"] for r in rows) == len(events)
    assert [(r["week"], r["event_type"]) for r in rows] == sorted(got)         # ordered by the dimensions
    assert all(date.fromisoformat(r["week"]).weekday() == 0 for r in rows)     # weeks start on Monday


def test_month_and_actor_and_filters(store):
    events = store.event_records(event_type="Battles")
    rows = store.aggregate(["month", "actor"], event_type="battles")
    got = {(r["month"], r["actor"]): {m: r[m] for m in MEASURES} for r in rows}
    # by actor, an event counts once under each of its two sides
    assert got == expected(events, lambda e: [(e.event_date[:7], a) for a in {e.actor1, e.actor2} if a])
    assert store.aggregate("country", country="ZZZ") == []


def test_unknown_tolls_are_counted_not_zeroed(store):
    # the column the aggregate reads, set to unknown for one event (whose JSON record keeps its toll)
    first, toll = store.conn.execute("SELECT event_id, fatalities FROM events ORDER BY id LIMIT 1").fetchone()
    assert toll > 0
    store.conn.execute("UPDATE events SET fatalities = NULL WHERE event_id = ?", (first,))
    try:
        [row] = store.aggregate("country")
        assert row["fatalities_unknown"] == 1
        assert row["fatalities"] == sum(e.fatalities for e in store.event_records() if e.event_id != first)
    finally:
        store.conn.execute("UPDATE events SET fatalities = json_extract(data, '$.fatalities')")


@pytest.mark.parametrize("by, message", [("", "name one or more"), ("week,colour", "cannot group by 'colour'"),
                                         ("week,month", "at most one of"), ("admin1,admin1", "named twice")])
def test_bad_dimensions(by, message):
    with pytest.raises(FilterError, match=message):
        parse_by(by)
