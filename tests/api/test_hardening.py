"""The API under attack (issue 14): submitted URLs are web URLs only, no CDN on any page."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wirewatch.model import Article


@pytest.mark.parametrize("url", ["/etc/passwd", "-", "file:///etc/passwd", "relative/path.txt", "ftp://example.org/x",
                                 "http://", "javascript:alert(1)"])
def test_submit_accepts_http_urls_only(example_db: Path, url: str) -> None:
    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    called: list[Any] = []

    def processor(sub: Any) -> list[Article]:
        called.append(sub)
        return []

    app = create_app(str(example_db), Settings(db=str(example_db), api_token="s3cret"), processor=processor)
    with TestClient(app) as c:
        r = c.post("/api/articles", json={"url": url}, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 422 and "http:// or https://" in r.text
    assert called == []  # refused before anything was read


def test_default_processor_refuses_a_path_even_without_the_model_check() -> None:
    from wirewatch.api._submit import Submission, pipeline_processor
    from wirewatch.errors import InputError
    from wirewatch.settings import Settings

    sub = Submission.model_construct(url="/etc/passwd", text=None)  # skips validation
    with pytest.raises(InputError, match="http:// or https://"):
        pipeline_processor(Settings())(sub)


def test_no_page_loads_anything_from_a_cdn(client: Any) -> None:
    assert client.get("/redoc").status_code == 404
    docs = client.get("/docs")
    assert docs.status_code == 200 and ("/static/vendor/swagger-ui/" in docs.text or "npm ci" in docs.text)
    for path in ("/", "/docs"):
        html = client.get(path).text
        assert "cdn." not in html and "unpkg.com" not in html and "jsdelivr" not in html


@pytest.mark.parametrize("params", [{"min_fatalities": 2**63}, {"offset": 2**63}, {"min_fatalities": 2**70},
                                    {"offset": 2**64, "limit": 5}])
def test_huge_integers_are_no_server_error(client: Any, params: dict[str, int]) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        assert r.json()["events"] == []


def test_serve_refuses_a_missing_database_unless_asked_to_create(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wirewatch.commands.serve import serve

    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(serve, ["--db", str(typo)])
    assert result.exit_code == 2 and "no such database" in result.output and "--create" in result.output
    assert not typo.exists()
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"not a database " * 500)
    result = CliRunner().invoke(serve, ["--db", str(corrupt)])
    assert result.exit_code == 1 and "not a SQLite database" in result.output


# ---- responsive under load -------------------------------------------------------------------

def test_reads_do_not_wait_for_the_writer(example_db: Path) -> None:
    """A long write (an analyst's submission being stored) holds the writer thread; reads go on."""
    import threading

    from fastapi.testclient import TestClient

    from wirewatch.api import create_app
    from wirewatch.settings import Settings

    app = create_app(str(example_db), Settings(db=str(example_db)))
    with TestClient(app) as c:
        assert c.get("/api/events").status_code == 200
        gate = threading.Event()
        busy = app.state.store_provider._executor.submit(gate.wait, 30)
        try:
            r = c.get("/api/events", params={"limit": 2})
            assert r.status_code == 200 and r.json()["total"] == 3
            assert c.get("/api/stats").json()["events"] == 3
        finally:
            gate.set()
            busy.result(timeout=30)


def test_reader_connections_are_read_only(example_db: Path) -> None:
    from wirewatch.api._store import StoreProvider
    from wirewatch.errors import StoreError
    from wirewatch.store.synthetic import synthetic_articles

    provider = StoreProvider(str(example_db))
    store = provider._open_read_only()
    try:
        with pytest.raises(StoreError, match="read-only"):
            store.add_articles(synthetic_articles(1, seed=5))
        assert store.count_events() == 3
    finally:
        store.close()


def test_export_slots_are_limited_and_given_back(example_db: Path) -> None:
    from wirewatch.api._store import ExportBusy, StoreProvider

    provider = StoreProvider(str(example_db), export_slots=2)
    first, release_first = provider.export_pages({})
    second, release_second = provider.export_pages({})
    with pytest.raises(ExportBusy):
        provider.export_pages({})
    assert len(first(0, 10)) == 3 and len(second(1, 10)) == 2
    release_first()
    release_first()  # twice is harmless
    third, release_third = provider.export_pages({})
    release_second()
    release_third()
    provider.close()


def test_stats_summary_matches_counting_the_events(example_store: Any) -> None:
    from wirewatch.api._store import _counts

    frame = example_store.events()
    summary = example_store.stats_breakdown()
    assert summary["per_day"] == _counts(frame, "event_date")
    assert summary["per_country"] == _counts(frame, "iso3", fallback="country")
    assert summary["per_type"] == _counts(frame, "event_type")
    assert summary["per_status"] == _counts(frame, "status")


@pytest.mark.slow
def test_short_load_run_with_streaming_exports(tmp_path: Path) -> None:
    """scripts/bench_load.py, small: a real server on loopback, exports streaming while mixed
    requests are served (the timing figures are `make bench`'s, not asserted here)."""
    import sys

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "scripts"))
    try:
        import bench_load
    finally:
        sys.path.remove(str(root / "scripts"))
    result = bench_load.main(["--events", "1500", "--requests", "30", "--clients", "4", "--exports", "2",
                              "--export-read-delay", "0.1", "--single", "5", "--timeout", "60",
                              "--db", str(tmp_path / "load.db"), "--json"])
    assert result["error_count"] == 0, result["errors"]
    assert result["exports_status"] == [200, 200] and not result["export_errors"]
    assert min(result["exports_mb"]) > 0.5  # both streamed the whole set
    assert result["finished_while_exports_streamed"] >= 1
