"""The Dask engine: same results as the local engine, from partitions run on worker processes."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from wirewatch.engine.dask import _split, run_dask
from wirewatch.settings import Settings
from wirewatch.store import open_store
from wirewatch.store.export import write_events
from wirewatch.store.loader import ingest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("n,parts", [(10, 3), (3, 8), (1, 1), (0, 4), (7, 7)])
def test_split_keeps_order_and_everything(n: int, parts: int) -> None:
    items = list(range(n))
    chunks = _split(items, parts)
    assert [x for c in chunks for x in c] == items
    assert all(chunks) and len(chunks) <= max(1, parts)
    if chunks:
        assert max(map(len, chunks)) - min(map(len, chunks)) <= 1


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A folder of articles: the project's example articles and, when present, the fixture feed's pages."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for path in sorted((ROOT / "examples" / "bench").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    feed = ROOT.parent / "shared" / "fixtures" / "feed" / "articles"
    for path in sorted(feed.glob("*.html")) if feed.is_dir() else []:
        shutil.copy(path, folder / path.name)
    return folder


def _export(db: Path) -> str:
    store = open_store(str(db))
    try:
        out = io.StringIO()
        write_events(store.event_records(), "jsonl", out)
        return out.getvalue()
    finally:
        store.close()


@pytest.mark.slow
def test_dask_engine_exports_what_the_local_engine_exports(archive: Path, tmp_path: Path) -> None:
    settings = Settings()
    overrides = {"published": "2020-10-17"}

    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    store = open_store(str(local_db), settings)
    local = ingest([str(archive)], store, settings, overrides=overrides)
    store.close()

    store = open_store(str(dask_db), settings)
    try:
        summary = run_dask([str(archive)], settings, store, partitions=3, overrides=overrides, workers=1)
        assert (summary.fetched, summary.new, summary.duplicates, summary.rejected) == (
            local.fetched, local.new, local.duplicates, local.rejected)
        assert summary.events_new == local.events_new and summary.events_new > 0
        # an existing scheduler (here a second local cluster) instead of a LocalCluster of our own
        from distributed import LocalCluster
        with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as cluster:
            again = run_dask([str(archive)], settings, store, scheduler=cluster.scheduler_address)
        assert again.new == 0 and again.duplicates == again.fetched   # idempotent, as local
    finally:
        store.close()

    assert _export(dask_db) == _export(local_db)
