"""The PostgreSQL + PostGIS store, selected by a `postgresql://` URL (`wirewatch.open(url)`,
`--db postgresql://...`).

Same schema, statements and behaviour as the SQLite store: `PostgresStore` *is* a `SQLiteStore`
whose connection is a thin adapter that speaks PostgreSQL. The schema is generated from the SQLite
migration files (store/schema.py). The adapter rewrites each statement of `store/queries.py` once
(cached): `?` placeholders become `%s`, SQLite-only syntax gets its PostgreSQL twin, and the two
SQLite extensions get PostGIS and full-text equivalents:

* R*Tree over event coordinates -> a `geography(Point, 4326)` column generated from latitude and
  longitude, with a GiST index; the `--bbox` filter is a PostGIS envelope query.
* FTS5 over article text -> a generated `tsvector` column ('simple' configuration: no stemming,
  as FTS5's default tokenizer) with a GIN index; `q` matches every word.

Row orders SQLite gives implicitly (by rowid, NULLs first, byte-wise text) are made explicit so the
two stores export identical events.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..errors import StoreError
from ..settings import Settings
from . import queries as Q
from .schema import postgres_migrations
from .sqlite import SQLiteFetchCache, SQLiteStore, _now

__all__ = ["PostgresStore", "redact"]

# --- schema ------------------------------------------------------------------------------------
# Generated from the migration files (store/schema.py: the one statement of the schema); each
# applied migration is recorded in wirewatch_schema (version, name, applied_at).
_MIGRATION_LOCK = 72_657_373  # pg_advisory_xact_lock key: one migrating process at a time

# --- statements --------------------------------------------------------------------------------
# SQLite statements (or fragments of them) -> their PostgreSQL form; None: nothing to do here
# (the R*Tree bookkeeping: geom is a generated column).
_REPLACE: dict[str, str | None] = {
    Q.DELETE_RTREE: None,
    Q.INSERT_RTREE: None,
    Q.INSERT_LSH_KEY: "INSERT INTO lsh_keys (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
    Q.UPSERT_CLUSTER: Q.UPSERT_CLUSTER.replace("size = size + 1", "size = syndication_clusters.size + 1"),
    # SQLite returns these in index order; PostgreSQL needs telling
    Q.EVENTS_NEAR_DATE: Q.EVENTS_NEAR_DATE + " ORDER BY event_date, id",
    Q.EVENT_REPORTS: Q.EVENT_REPORTS.replace("WHERE m.event_id = ?", "WHERE m.event_id = ? ORDER BY m.id"),
}
# statements built from a template ({marks}: an IN list): (template's start, what to append)
_APPEND: list[tuple[str, str]] = [
    (Q.ARTICLE_TEXTS.split("{marks}")[0], " ORDER BY article_id"),
]
_FRAGMENTS: list[tuple[str, str]] = [
    ("BEGIN IMMEDIATE", "BEGIN"),
    ("GROUP BY article_id ORDER BY shared DESC", "GROUP BY article_id ORDER BY shared DESC, article_id"),
    # SQLite sorts NULLs first
    ("ORDER BY event_date, id", "ORDER BY event_date NULLS FIRST, id"),
    ("ORDER BY published, article_id", "ORDER BY published NULLS FIRST, article_id"),
    ("LIMIT ? OFFSET ?", "LIMIT NULLIF(?::bigint, -1) OFFSET ?"),   # SQLite's LIMIT -1: no limit
    # parameters tested for NULL need a type
    ("? IS NULL", "?::text IS NULL"),
    ("? IS NOT NULL", "?::text IS NOT NULL"),
    # R*Tree bbox (params west, east, south, north) -> a PostGIS envelope over the planar index
    (Q.F_BBOX, "geom::geometry && (SELECT ST_MakeEnvelope(b.w, b.s, b.e, b.n, 4326) FROM "
               "(SELECT ?::float8 AS w, ?::float8 AS e, ?::float8 AS s, ?::float8 AS n) AS b)"),
    # FTS5 -> tsvector; the FTS5 query quotes each word, plainto_tsquery ANDs the words
    ("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", "a.tsv @@ plainto_tsquery('simple', ?)"),
]


@lru_cache(maxsize=512)
def translate(sql: str) -> str | None:
    """The PostgreSQL form of one SQLite statement of the store (None: skip it)."""
    if sql in _REPLACE:
        replaced = _REPLACE[sql]
        if replaced is None:
            return None
        sql = replaced
    for start, tail in _APPEND:
        if sql.startswith(start):
            sql += tail
    for old, new in _FRAGMENTS:
        sql = sql.replace(old, new)
    if "%" in sql:
        sql = sql.replace("%", "%%")
    return re.sub(r"\?", "%s", sql)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


class _Cursor:
    """What an empty statement returns: nothing."""

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Any:
        return iter(())


class _Connection:
    """The slice of sqlite3.Connection the SQLite store uses, over a psycopg connection."""

    def __init__(self, conn: Any):
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        pg = translate(sql)
        if pg is None:
            return _Cursor()
        return self._conn.execute(pg, list(params))   # always a list: '%%' is unescaped either way

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        pg = translate(sql)
        rows = [list(r) for r in rows]
        if pg is None or not rows:
            return
        with self._conn.cursor() as cur:
            cur.executemany(pg, rows)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus
        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self._conn.close()


class PostgresStore(SQLiteStore):
    """A wirewatch database in PostgreSQL with PostGIS (see the module docstring)."""

    dialect = "postgresql"

    def __init__(self, url: str, settings: Settings | None = None):
        import psycopg

        self.url = url
        self.path = redact(url)     # what messages name
        self.settings = settings or Settings()
        try:
            raw = psycopg.connect(url, autocommit=True)   # transactions are explicit, as in SQLite
        except psycopg.Error as e:
            raise StoreError(f"{self.path}: cannot connect ({str(e).strip().splitlines()[0]})") from e
        self.conn = _Connection(raw)   # type: ignore[assignment]
        self.migrate()

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT to_regclass('wirewatch_schema') IS NOT NULL").fetchone()
        if not row or not row[0]:
            return 0
        return int(self.conn.execute("SELECT COALESCE(MAX(version), 0) FROM wirewatch_schema").fetchone()[0])

    def migrate(self) -> None:
        """Apply each migration not applied yet, each in one transaction, one process at a time."""
        import psycopg

        raw = self.conn._conn   # type: ignore[attr-defined]
        for version, name, sql in postgres_migrations():
            if version <= self.schema_version:
                continue
            try:
                with raw.transaction():
                    raw.execute("SELECT pg_advisory_xact_lock(%s)", [_MIGRATION_LOCK])
                    raw.execute("CREATE TABLE IF NOT EXISTS wirewatch_schema "
                                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                    if raw.execute("SELECT 1 FROM wirewatch_schema WHERE version = %s", [version]).fetchone():
                        continue  # another process applied it while we waited for the lock
                    raw.execute(sql)
                    raw.execute("INSERT INTO wirewatch_schema VALUES (%s, %s, %s)", [version, name, _now()])
            except psycopg.Error as e:
                raise StoreError(f"{self.path}: migration {name} failed ({str(e).strip().splitlines()[0]})") from e

    def integrity_check(self) -> str:
        return "ok"   # PostgreSQL checks its own pages; nothing like SQLite's PRAGMA to run

    def close(self) -> None:
        self.conn.close()

    def fetch_cache(self) -> SQLiteFetchCache:
        return SQLiteFetchCache(self)
