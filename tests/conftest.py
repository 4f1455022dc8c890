"""Shared fixtures: the read-only gold data in ../shared, a loaded pipeline, a fresh database."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_fixtures() -> Path:
    path = SHARED / "fixtures"
    if not path.is_dir():
        pytest.skip("../shared/fixtures is not present")
    return path


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip("../shared/eval is not present")
    return path


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Skipped tests counted by reason at the end of every run, so a check that did not run (no
    ../shared, no PostgreSQL, no browser) is never mistaken for one that passed."""
    from collections import Counter

    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if not reasons:
        return
    terminalreporter.section("skipped: these checks did NOT run")
    for reason, n in reasons.most_common():
        terminalreporter.write_line(f"{n:4d}  {reason}")
    missing = sum(n for r, n in reasons.items() if "../shared" in r)
    if missing:
        terminalreporter.write_line(
            f"{missing} tests against the shared gold and fixtures ({SHARED}) were not run: "
            "their quality checks say nothing about this run", yellow=True, bold=True)


@pytest.fixture(scope="session")
def settings():
    from wirewatch.settings import Settings
    return Settings()


@pytest.fixture(scope="session")
def gazetteer(settings):
    from wirewatch.geo import get_gazetteer
    return get_gazetteer(settings)


@pytest.fixture(scope="session")
def nlp(settings):
    from wirewatch.nlp import load_pipeline
    return load_pipeline(settings)


@pytest.fixture(scope="session")
def pipeline(settings):
    from wirewatch.pipeline import Pipeline
    return Pipeline(settings)


@pytest.fixture
def tmp_db(tmp_path) -> Path:
    return tmp_path / "test.db"


# --- the fixture feed over HTTP, and a PostgreSQL + PostGIS server (tests/store/test_postgres.py) --

@pytest.fixture(scope="session")
def fixture_feed_url(shared_fixtures):
    """../shared/fixtures/feed served on loopback; the URL of its feed.xml (ingest needs --allow-private)."""
    from wirewatch.testing import serve_folder

    with serve_folder(shared_fixtures / "feed") as base:
        yield f"{base}/feed.xml"


def _pg_bindir() -> Path | None:
    """Debian's /usr/lib/postgresql/<version>/bin (newest), else wherever pg_ctl is on PATH."""
    import shutil

    found = [d for d in Path("/usr/lib/postgresql").glob("*/bin") if (d / "initdb").exists() and (d / "pg_ctl").exists()]
    if found:
        return max(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).resolve().parent if pg_ctl else None


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server with PostGIS on a free loopback port: initdb into a temporary
    folder, pg_ctl start, and stop at the end of the session. As root it runs as the `postgres`
    user (PostgreSQL refuses root). Skips when the binaries are absent (`make setup-postgres`).
    Yields the server URL without a database name; `pg_url` gives each test its own database."""
    import os
    import socket
    import subprocess
    import tempfile

    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (make setup-postgres: apt-get install postgresql postgis)")
    sharedir = subprocess.run([str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True).stdout.strip() \
        if (bindir / "pg_config").exists() else f"/usr/share/postgresql/{bindir.parent.name}"
    if not (Path(sharedir) / "extension" / "postgis.control").exists():
        pytest.skip(f"PostGIS is not installed for {bindir} (make setup-postgres: apt-get install postgis)")
    psycopg = pytest.importorskip("psycopg")

    root = Path(tempfile.mkdtemp(prefix="wirewatch-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"

    def run(*args: str) -> None:
        done = subprocess.run(as_user + list(args), capture_output=True, text=True)
        if done.returncode != 0:
            log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr or done.stdout}{log[-2000:]}")

    run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--locale=C", "--no-sync")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-t", "60",
        "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    base = f"postgresql://postgres@127.0.0.1:{port}"
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE wirewatch_template")
        with psycopg.connect(f"{base}/wirewatch_template", autocommit=True) as conn:
            conn.execute("CREATE EXTENSION postgis")
        yield base
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        import shutil
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh database (PostGIS enabled) on the test server, dropped afterwards."""
    import uuid

    import psycopg

    name = f"wirewatch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE wirewatch_template')
    yield f"{pg_server}/{name}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
