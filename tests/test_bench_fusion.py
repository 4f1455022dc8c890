"""The fusion benchmark (scripts/bench_fusion.py, make bench) on its first 30 dev rows: the
script runs end to end, every note agrees with its event, and the fixture feed's strike is still
one contested event with 2 independent sources. Reads ../shared (skipped without it)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_fusion_small(shared_eval, shared_fixtures, tmp_path):
    spec = importlib.util.spec_from_file_location("bench_fusion", ROOT / "scripts" / "bench_fusion.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.main([str(shared_eval / "acled_dev.csv"), "--limit", "30", "--db", str(tmp_path / "n.db"),
                         "--feed", str(shared_fixtures / "feed")])
    assert result["rows"] == 30 and result["events"] >= 20   # a row the extraction misses makes none
    assert result["notes_disagreeing"] == 0
    assert result["feed"]["ganja_strike_2020_10_17"]["ok"] is True
    assert result["events_with_two_or_more_rows"] <= 1   # one merge among 30 rows would be 3%


def test_note_records_carry_the_row_and_next_day(shared_eval):
    spec = importlib.util.spec_from_file_location("bench_fusion", ROOT / "scripts" / "bench_fusion.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    [record] = bench.note_records(str(shared_eval / "acled_dev.csv"), limit=1)
    row_id = bench.row_id(record["url"])
    assert row_id and record["url"].endswith(row_id) and record["published"][10:] == "T09:00:00+00:00"
