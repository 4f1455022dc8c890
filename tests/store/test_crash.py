"""Crash safety: an ingest killed with SIGKILL at random points, then re-run, stores every
article exactly once and leaves the same events as one uninterrupted batch."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from wirewatch import dedup, fuse
from wirewatch.model import Source, to_dict
from wirewatch.store.synthetic import synthetic_articles

N = 2000
# the library's own loop: read made-up articles from JSONL, store them in batches of 50
INGEST = """
import json, sys
from wirewatch.store import open_store
from wirewatch.store.records import article_from_dict
store = open_store(sys.argv[1])
batch = []
for line in open(sys.argv[2], encoding="utf-8"):
    batch.append(article_from_dict(json.loads(line)))
    if len(batch) == 50:
        store.add_articles(batch)
        batch = []
store.add_articles(batch)
store.close()
"""


def stored(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # killed before the schema was committed
        return 0
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_three_times_loses_and_doubles_nothing(tmp_path):
    articles = synthetic_articles(N, seed=11)
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(to_dict(a)) + "\n" for a in articles), encoding="utf-8")
    db = tmp_path / "crash.db"
    rng = random.Random(5)
    command = [sys.executable, "-c", INGEST, str(db), str(source)]

    killed_midway = 0
    for _ in range(3):
        before = stored(db)
        proc = subprocess.Popen(command)
        time.sleep(rng.uniform(1.0, 4.0))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = stored(db)
        killed_midway += now < N
        assert now >= before
    assert killed_midway >= 1, "every run finished before its kill: the test proved nothing"
    subprocess.run(command, check=True, timeout=300)

    con = sqlite3.connect(db)
    q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
    assert q("PRAGMA integrity_check") == [("ok",)]
    assert q("PRAGMA foreign_key_check") == []
    assert q("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM articles") == [(N, N)]
    assert q("SELECT COUNT(*) FROM mentions") == [(N,)]  # one mention per synthetic article
    assert q("SELECT COUNT(*) FROM mentions WHERE event_id IS NULL") == [(0,)]
    assert q("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'ka OR ro OR mi'")[0][0] > 0

    # the same events as fusing everything in memory in one batch
    clusters = dict(zip([a.article_id for a in articles],
                        dedup.cluster([a.text for a in articles], [a.article_id for a in articles])))
    reports = [fuse.Report(m, Source(article_id=a.article_id, syndication_cluster=clusters[a.article_id]),
                           a.published) for a in articles for m in a.events]
    expected = {e.event_id: e for e in fuse.fuse(reports)}
    rows = q("SELECT event_id, fatalities, status, independent_sources FROM events")
    assert len(rows) == len(expected)
    for event_id, fatalities, status, independent in rows:
        e = expected[event_id]
        assert (fatalities, status, independent) == (e.fatalities, e.status, e.independent_sources)
    per_event = dict(q("SELECT event_id, COUNT(*) FROM sources GROUP BY event_id"))
    assert per_event == {i: len(e.sources) for i, e in expected.items()}
    con.close()
