"""The PostgreSQL + PostGIS store, selected by a `postgresql://` URL (`wirewatch.open(url)`,
`--db postgresql://...`).

Same schema, statements and behaviour as the SQLite store: `PostgresStore` *is* a `SQLiteStore`
whose connection is a thin adapter that speaks PostgreSQL. The schema is generated from the SQLite
migration files (store/schema.py). The statements of `store/queries.py` are written in the SQL both
databases speak, every row order stated; `translate` rewrites each once (cached) by general rules
over its tokens (placeholders, NULL ordering, `INSERT OR IGNORE`, `LIMIT -1`, `BEGIN IMMEDIATE`,
typed NULL tests: no statement is matched by its text), and maps the two SQLite extensions to
PostGIS and full-text equivalents:

* R*Tree over event coordinates -> a `geography(Point, 4326)` column generated from latitude and
  longitude, with a GiST index; the `--bbox` filter is a PostGIS envelope query.
* FTS5 over article text -> a generated `tsvector` column ('simple' configuration: no stemming,
  as FTS5's default tokenizer) with a GIN index; `q` matches every word.

NULLs sort as SQLite sorts them (the smallest value) in every ORDER BY, so the two stores export
identical events.
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
# queries.py's statements are written in the SQL both databases speak, with every row order stated.
# What remains differs by dialect, and is translated by general rules over the statement's tokens
# (string literals and quoted names are never touched), plus the mapping of SQLite's two extensions.

# SQLite's extensions -> PostGIS and full-text search (exact statements and filter fragments)
_DROPPED = {Q.DELETE_RTREE, Q.INSERT_RTREE}   # R*Tree bookkeeping: geom is a generated column
_EXTENSIONS: dict[str, str] = {
    # R*Tree bbox (params west, east, south, north) -> a PostGIS envelope over the planar index
    Q.F_BBOX: "geom::geometry && (SELECT ST_MakeEnvelope(b.w, b.s, b.e, b.n, 4326) FROM "
              "(SELECT ?::float8 AS w, ?::float8 AS e, ?::float8 AS s, ?::float8 AS n) AS b)",
    # FTS5 -> tsvector; the FTS5 query quotes each word, plainto_tsquery ANDs the words
    "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)": "a.tsv @@ plainto_tsquery('simple', ?)",
}

_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z_0-9.]*|\d+|\s+|.""", re.S)
_PARAM = "%s"
_ORDER_ENDS = {"LIMIT", "OFFSET", ";"}


def _next_word(tokens: list[str], i: int) -> tuple[str, int]:
    """The first token from i on that is not whitespace (upper-cased) and its index; ("", len) at the end."""
    while i < len(tokens) and tokens[i].isspace():
        i += 1
    return (tokens[i].upper(), i) if i < len(tokens) else ("", i)


def _order_by(tokens: list[str], start: int) -> tuple[str, int]:
    """An ORDER BY clause's items from `start` with NULLs sorted as SQLite sorts them (the
    smallest value: first ascending, last descending), and the index where the clause ends."""
    items: list[list[str]] = [[]]
    depth, i = 0, start
    while i < len(tokens):
        t = tokens[i]
        if depth == 0 and (t.upper() in _ORDER_ENDS or t == ")"):
            break
        depth += (t == "(") - (t == ")")
        if t == "," and depth == 0:
            items.append([])
        else:
            items[-1].append(t)
        i += 1
    rendered = []
    for item in items:
        text = "".join(item)
        body = text.rstrip()
        words = [t.upper() for t in item if not t.isspace()]
        if "NULLS" not in words:
            body += " NULLS LAST" if words and words[-1] == "DESC" else " NULLS FIRST"
        rendered.append(body + text[len(text.rstrip()):])
    return ",".join(rendered), i


@lru_cache(maxsize=512)
def translate(sql: str) -> str | None:
    """The PostgreSQL form of one statement of the store (None: nothing to run there). Rules:
    SQLite's extensions mapped (above); `BEGIN IMMEDIATE` is `BEGIN`; `INSERT OR IGNORE` is
    `ON CONFLICT DO NOTHING`; `LIMIT ?` takes SQLite's -1 for "no limit"; a placeholder tested
    for NULL gets a type; every ORDER BY item sorts NULLs as SQLite does; `?` becomes `%s` and
    every `%` is doubled (psycopg's format, string literals included)."""
    if sql in _DROPPED:
        return None
    for old, new in _EXTENSIONS.items():
        sql = sql.replace(old, new)
    tokens = [_PARAM if t == "?" else t.replace("%", "%%") for t in _TOKEN.findall(sql)]
    out: list[str] = []
    ignore = False
    i = 0
    while i < len(tokens):
        t, word = tokens[i], tokens[i].upper()
        after, at = _next_word(tokens, i + 1)
        if word == "BEGIN" and after == "IMMEDIATE":
            out.append("BEGIN")
            i = at + 1
        elif word == "INSERT" and after == "OR" and _next_word(tokens, at + 1)[0] == "IGNORE":
            ignore = True
            out.append("INSERT")
            i = _next_word(tokens, at + 1)[1] + 1
        elif word == "LIMIT" and after == _PARAM.upper():
            out.append(f"LIMIT NULLIF({_PARAM}::bigint, -1)")
            i = at + 1
        elif t == _PARAM and after == "IS":
            out.append(f"{_PARAM}::text")
            i += 1
        elif word == "ORDER" and after == "BY":
            items, i = _order_by(tokens, at + 1)
            out.append("ORDER BY" + items)
        else:
            out.append(t)
            i += 1
    pg = "".join(out)
    return pg.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING" if ignore else pg


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
