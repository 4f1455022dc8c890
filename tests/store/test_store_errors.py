"""A corrupt, truncated, read-only or full database (issue 14): one-line StoreErrors from the
library, one line and exit status 1 from the CLI, and nothing half-written."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import wirewatch
from wirewatch.cli import main
from wirewatch.errors import StoreError
from wirewatch.store.synthetic import synthetic_articles


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store-errors") / "good.db"
    with wirewatch.open(path) as store:
        store.add_articles(synthetic_articles(60, seed=3))
    return path


def copy_of(filled: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.db"
    shutil.copy(filled, target)
    return target


def one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_corrupt_database_is_one_line(filled: Path, tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"this is not a database at all " * 400)
    with pytest.raises(StoreError, match="not a SQLite database"):
        wirewatch.open(path)
    assert "not a SQLite database" in one_line_error(["events", "--db", str(path)])
    text = tmp_path / "story.txt"
    text.write_text("Gunmen killed three villagers in an attack near the town of Kidal on Monday, officials said.")
    assert "not a SQLite database" in one_line_error(["ingest", "--db", str(path), "--no-extract", str(text)])


def test_truncated_database_is_one_line(filled: Path, tmp_path: Path) -> None:
    path = copy_of(filled, tmp_path)
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.truncate(size // 3)
    line = one_line_error(["events", "--db", str(path)])
    assert str(path) in line and ("corrupt or truncated" in line or "not a SQLite database" in line)


def test_full_disk_is_one_line_and_stores_nothing_half(filled: Path, tmp_path: Path) -> None:
    path = copy_of(filled, tmp_path)
    with wirewatch.open(path) as store:
        before = store.stats()
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # what a full disk looks like to SQLite
        with pytest.raises(StoreError, match="disk full") as info:
            store.add_articles(synthetic_articles(40, seed=9))
        assert "\n" not in str(info.value)
    with wirewatch.open(path) as store:
        after = store.stats()
        assert store.integrity_check() == "ok"
    # whole articles or none: each stored article came with its mentions
    assert after["articles"] >= before["articles"]
    assert (after["articles"] - before["articles"] == 0) == (after["mentions"] == before["mentions"])


def test_read_only_database_is_one_line(filled: Path, tmp_path: Path) -> None:
    path = copy_of(filled, tmp_path)
    with wirewatch.open(path) as store:
        store.conn.execute("PRAGMA query_only = ON")  # SQLite's read-only refusal, even for root
        with pytest.raises(StoreError, match="read-only"):
            store.add_articles(synthetic_articles(2, seed=11))
        assert store.count_events() > 0  # reading still works


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_read_only_file_from_the_cli(filled: Path, tmp_path: Path) -> None:
    path = copy_of(filled, tmp_path)
    text = tmp_path / "story.txt"
    text.write_text("Gunmen killed three villagers in an attack near the town of Kidal on Monday, officials said.")
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert "read-only" in one_line_error(["ingest", "--db", str(path), "--no-extract", str(text)])
    finally:
        tmp_path.chmod(0o755)


@pytest.mark.parametrize("bad", ["2020-13-01", "2020-02-30", "2020-13", "20201301", "yesterday"])
def test_impossible_dates_are_usage_errors(filled: Path, bad: str) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(filled), "--since", bad])
    assert result.exit_code == 2 and "not a date" in result.output
