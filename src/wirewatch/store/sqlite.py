"""The SQLite store: WAL, foreign keys, versioned migrations, FTS5 over article text, R*Tree over
event coordinates. One transaction per article covers the article, its syndication cluster, its
mentions and every fusion update they cause, so a `kill -9` at any point leaves each article
either fully stored or absent (and a re-run stores it once)."""
from __future__ import annotations

import functools
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence, TypeVar

from .. import dedup, fuse
from ..errors import StoreError
from ..model import Article, Claim, Event, Mention, Revision, Source
from ..settings import Settings
from . import queries as Q
from .records import article_from_dict, event_from_dict, mention_from_dict, to_dict
from .filters import EventFilters
from .schema import migrations
from .types import AddResult

if TYPE_CHECKING:
    import pandas as pd

_CHUNK = 500  # ids per IN (...) list
_F = TypeVar("_F", bound=Callable[..., Any])

# sqlite3's messages for a broken disk or file, and what they mean to whoever runs wirewatch
_PLAIN = (
    ("file is not a database", "not a SQLite database (corrupt, or some other file)"),
    ("malformed", "database file is corrupt or truncated (restore a backup, or `sqlite3 DB .recover`)"),
    ("readonly", "database is read-only (check the file's and its folder's permissions)"),
    ("read-only", "database is read-only (check the file's and its folder's permissions)"),
    ("disk is full", "disk full: nothing was written for the article in progress"),
    ("disk i/o error", "disk I/O error"),
    ("unable to open", "cannot open the database file (missing folder or no permission)"),
    ("locked", "database is locked by another process (retry when it is done)"),
)


def describe_sqlite_error(path: str, error: sqlite3.Error) -> StoreError:
    """A StoreError whose one line says which database and what is wrong with it."""
    message = str(error).strip() or type(error).__name__
    lowered = message.casefold()
    plain = next((text for key, text in _PLAIN if key in lowered), None)
    return StoreError(f"{path}: {plain} ({message})" if plain else f"{path}: database error ({message})")


def store_errors(method: _F) -> _F:
    """Turn sqlite3 errors raised by a store method into one-line StoreErrors."""
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as e:
            path = getattr(self, "path", None) or getattr(getattr(self, "store", None), "path", "database")
            raise describe_sqlite_error(str(path), e) from e
    return wrapper  # type: ignore[return-value]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _int64(value: Any) -> Any:
    """SQLite integers are 64-bit: a larger bound (2**63 fatalities, offset) means 'none match'."""
    if isinstance(value, int) and not isinstance(value, bool):
        return max(-(2**63), min(value, 2**63 - 1))
    return value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class SQLiteStore:
    """A wirewatch database in one SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, settings: Settings | None = None, *, read_only: bool = False):
        """`read_only`: a reader's connection (the API's pool, streamed exports): opened with
        SQLite's mode=ro, usable from any one thread at a time, never migrating or writing;
        WAL lets any number of them read while a writer commits."""
        self.path = str(path)
        self.settings = settings or Settings()
        self.read_only = read_only
        if read_only:
            self._open_read_only()
            return
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        except sqlite3.Error as e:
            raise describe_sqlite_error(self.path, e) from e
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")  # WAL: a killed process loses nothing committed
            self.migrate()
        except (sqlite3.Error, StoreError) as e:
            self.conn.close()
            if isinstance(e, StoreError):
                raise
            raise describe_sqlite_error(self.path, e) from e

    def _open_read_only(self) -> None:
        from urllib.parse import quote

        if not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no such database")
        try:
            uri = f"file:{quote(str(Path(self.path).resolve()))}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0, check_same_thread=False)
            self.conn.execute("PRAGMA query_only = ON")
            # mmap: readers share the OS page cache instead of each warming its own
            self.conn.execute("PRAGMA mmap_size = 268435456")
            version, latest = self.schema_version, max(v for v, _, _ in migrations())
        except sqlite3.Error as e:
            raise describe_sqlite_error(self.path, e) from e
        if version < latest:
            self.conn.close()
            raise StoreError(f"{self.path}: schema version {version}, this wirewatch needs {latest} "
                             "(open it once read-write, e.g. `wirewatch ingest`, to migrate)")

    # ------------------------------------------------------------------ schema

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply each migration newer than PRAGMA user_version, each in its own transaction."""
        for version, name, sql in migrations():
            if version <= self.schema_version:
                continue
            try:
                self.conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
            except sqlite3.Error as e:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if self.schema_version >= version:  # another process migrated it meanwhile
                    continue
                raise StoreError(f"{describe_sqlite_error(self.path, e)} in migration {name}") from e

    @store_errors
    def integrity_check(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    @store_errors
    def has_article(self, article: Article) -> bool:
        """Stored already, by article_id or by canonical URL."""
        url = article.canonical_url
        return self.conn.execute(Q.ARTICLE_EXISTS, (article.article_id, url, url)).fetchone() is not None

    @store_errors
    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store articles not stored yet (each in its own transaction), cluster copies, and fuse
        their mentions into the events already in the database."""
        result = AddResult()
        for article in articles:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if self.has_article(article):
                    result.duplicates += 1
                    self.conn.execute("ROLLBACK")
                    continue
                self._add_article(article, result)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            result.new += 1
            result.article_ids.append(article.article_id)
        return result

    def _add_article(self, article: Article, result: AddResult) -> None:
        cluster, agency, keys = self._syndication(article)
        article.syndication_cluster = cluster
        article.wire_agency = article.wire_agency or agency
        self.conn.execute(Q.UPSERT_CLUSTER, (cluster, article.wire_agency))
        if article.wire_agency:
            self.conn.execute(Q.SPREAD_AGENCY, (article.wire_agency, cluster))
        row = {**to_dict(article), "provenance": _json(article.provenance), "ingested_at": _now()}
        row["relevant"] = None if article.relevant is None else int(article.relevant)
        self.conn.execute(Q.INSERT_ARTICLE, [row[c] for c in Q.ARTICLE_COLUMNS])
        self.conn.executemany(Q.INSERT_LSH_KEY, [(k, article.article_id) for k in keys])
        source = Source(article_id=article.article_id, url=article.url or article.canonical_url,
                        publisher=article.publisher, wire_agency=article.wire_agency,
                        syndication_cluster=cluster)
        seen: set[str] = set()
        for i, mention in enumerate(article.events):
            # mention ids are the extraction's; a repeated or missing one must not sink the article
            if not mention.event_id or mention.event_id in seen:
                mention.event_id = f"{mention.event_id or 'm'}#{i + 1}"
            seen.add(mention.event_id)
            self._add_mention(fuse.Report(mention, source, article.published), result)

    def _syndication(self, article: Article) -> tuple[str, str | None, list[int]]:
        """(cluster id, wire agency known for the cluster, the article's LSH keys): the cluster
        of the most similar stored copy confirmed by exact similarity, else a new cluster named
        after this article."""
        sets = dedup.shingles(article.text)
        if not len(sets):
            return article.article_id, None, []
        keys = [int(k) for k in dedup.band_keys(dedup.signatures([sets]))[0]]
        marks = ",".join("?" * len(keys))
        candidates = [r[0] for r in self.conn.execute(Q.LSH_CANDIDATES.format(marks=marks), keys)]
        best: tuple[float, str] | None = None
        if candidates:
            rows = self.conn.execute(Q.ARTICLE_TEXTS.format(marks=",".join("?" * len(candidates))), candidates)
            for _, text, cluster in rows:
                other = dedup.shingles(text)
                if dedup.is_copy(sets, other):
                    score = dedup.similarity(sets, other)[0]
                    if best is None or score > best[0]:
                        best = (score, cluster)
        if best is None:
            return article.article_id, None, keys
        agency = self.conn.execute(Q.CLUSTER_AGENCY, (best[1],)).fetchone()
        return best[1], agency[0] if agency else None, keys

    def _add_mention(self, report: fuse.Report, result: AddResult) -> None:
        mention, article_id = report.mention, report.source.article_id
        mention.article_id = article_id
        mention_id = f"{article_id}:{mention.event_id}"
        event: Event | None = None
        decisions: list[dict[str, Any]] = []
        if fuse.fusable(mention):
            event, decisions = self._matching_event(report)
            reports = (self._reports(event.event_id) if event else []) + [report]
            fused = fuse.revise(event, reports, report)
            before = len(event.history) if event else 0
            self._write_event(fused, reports, created=event is None, revisions=fused.history[before:])
            if event is None:
                result.events_new += 1
                decisions.append(fuse.first_decision(report, fused.event_id, len(decisions)))
            else:
                result.events_updated += 1
            event = fused
        self.conn.execute(Q.INSERT_MENTION, (mention_id, article_id, event.event_id if event else None,
                                             _json(to_dict(mention))))
        self._write_decisions(decisions)
        result.mentions += 1

    def _write_decisions(self, decisions: list[dict[str, Any]]) -> None:
        self.conn.executemany(Q.INSERT_DECISION, [
            (d["event_id"], d["mention_id"], d["verdict"], d.get("at"),
             _json({k: v for k, v in d.items() if k not in ("event_id", "mention_id", "verdict", "at")}))
            for d in decisions])

    def _matching_event(self, report: fuse.Report) -> tuple[Event | None, list[dict[str, Any]]]:
        """The best stored event this report describes, among those within its date window that
        its article does not report already (one mention per event per article), and the
        decisions about every event considered (fuse.decide)."""
        mention, article_id = report.mention, report.source.article_id
        day = fuse.event_day(mention.event_date)
        if day is None:
            return None, []
        reach = max(1, fuse.DATE_WINDOW.get(mention.time_precision or 1, 0))
        window = (str(day - timedelta(days=reach)), str(day + timedelta(days=reach)),
                  str(day - timedelta(days=fuse.MAX_WINDOW)), str(day + timedelta(days=fuse.MAX_WINDOW)))
        matches: list[tuple[float, str, Event]] = []
        decisions: list[dict[str, Any]] = []
        for (data,) in self.conn.execute(Q.EVENTS_NEAR_DATE, (*window, mention.iso3, mention.iso3)).fetchall():
            event = event_from_dict(json.loads(data))
            if not fuse.in_reach(mention, event):  # plainly another event: no need to read its reports
                continue
            reports = self._reports(event.event_id)
            if article_id in {r.source.article_id for r in reports}:
                continue
            strength, decision = fuse.decide(report, event.event_id, reports)
            if decision is not None:
                decisions.append(decision)
            if strength is not None:
                matches.append((strength, event.event_id, event))
        if not matches:
            return None, decisions
        best: Event = fuse.best_match(matches)
        self._attach({best.event_id: best})  # its sources, claims, history: the 'before' of a revision
        return best, fuse.settle(decisions, best.event_id)

    def _reports(self, event_id: str) -> list[fuse.Report]:
        out = []
        for data, article_id, url, publisher, agency, cluster, published in self.conn.execute(Q.EVENT_REPORTS, (event_id,)):
            source = Source(article_id=article_id, url=url, publisher=publisher, wire_agency=agency,
                            syndication_cluster=cluster)
            out.append(fuse.Report(mention_from_dict(json.loads(data)), source, published))
        return out

    def _write_event(self, event: Event, reports: list[fuse.Report], created: bool,
                     revisions: list[Revision]) -> None:
        data = {k: v for k, v in to_dict(event).items()
                if k not in ("sources", "claims", "history", "mention_ids", "fusion")}
        values = {**data, "data": _json(data), "created_at": _now(), "updated_at": _now()}
        if created:
            self.conn.execute(Q.INSERT_EVENT, [values[c] for c in Q.EVENT_COLUMNS])
        else:
            cols = [c for c in Q.EVENT_COLUMNS[1:] if c != "created_at"]
            self.conn.execute(Q.UPDATE_EVENT, [values[c] for c in cols] + [event.event_id])
        rowid = self.conn.execute(Q.EVENT_ROWID, (event.event_id,)).fetchone()[0]
        self.conn.execute(Q.DELETE_RTREE, (rowid,))
        if event.latitude is not None and event.longitude is not None:
            self.conn.execute(Q.INSERT_RTREE, (rowid, event.longitude, event.longitude, event.latitude, event.latitude))
        self.conn.execute(Q.DELETE_CLAIMS, (event.event_id,))
        origin: dict[tuple[Any, ...], str] = {}
        for r in reports:
            for c in r.mention.claims:
                origin.setdefault(fuse.claim_key(c), r.source.article_id)
        self.conn.executemany(Q.INSERT_CLAIM, [
            (event.event_id, origin.get(fuse.claim_key(c)), c.stance, c.claimant, c.claimant_country,
             c.speaker, c.speaker_role, c.quote, c.start, c.end) for c in event.claims])
        self.conn.executemany(Q.INSERT_REVISION, [(event.event_id, rev.at, rev.article_id, _json(rev.changes))
                                                  for rev in revisions])

    # ------------------------------------------------------------------ analysts' corrections

    @store_errors
    def split_event(self, event_id: str, mention_ids: Sequence[str] | None = None) -> list[str]:
        """Split a fused event (store/fusion.py): `mention_ids` into a new event, or every report
        into its own. Returns the event ids."""
        from .fusion import split_event
        return split_event(self, event_id, mention_ids)

    @store_errors
    def merge_events(self, keep_id: str, other_id: str) -> str:
        """Merge `other_id`'s reports into `keep_id` (store/fusion.py)."""
        from .fusion import merge_events
        return merge_events(self, keep_id, other_id)

    # ------------------------------------------------------------------ reading

    def _where(self, filters: EventFilters) -> tuple[str, list[Any]]:
        where, params = filters.where()
        return where, [_int64(p) for p in params]

    @store_errors
    def event_records(self, **filters: Any) -> list[Event]:
        """Fused events matching the filters, with sources, claims and history."""
        f = EventFilters.parse(**filters)
        where, params = self._where(f)
        rows = self.conn.execute(Q.SELECT_EVENTS.format(where=where, order=f.order_by()),
                                 params + [_int64(f.limit) if f.limit is not None else -1,
                                           _int64(f.offset or 0)]).fetchall()
        events = {event_id: event_from_dict(json.loads(data)) for event_id, data in rows}
        self._attach(events)
        return list(events.values())

    def _attach(self, events: dict[str, Event]) -> None:
        ids = list(events)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for event_id, *src in self.conn.execute(Q.SOURCES_OF.format(marks=marks), chunk):
                events[event_id].sources.append(Source(*src))
            for event_id, article_id, *claim in self.conn.execute(Q.CLAIMS_OF.format(marks=marks), chunk):
                events[event_id].claims.append(Claim(*claim))
            for event_id, at, article_id, changes in self.conn.execute(Q.REVISIONS_OF.format(marks=marks), chunk):
                events[event_id].history.append(Revision(at, article_id, json.loads(changes)))
            for event_id, mention_id in self.conn.execute(Q.MENTION_IDS_OF.format(marks=marks), chunk):
                events[event_id].mention_ids.append(mention_id)
            for event_id, mention_id, verdict, at, data in self.conn.execute(Q.DECISIONS_OF.format(marks=marks), chunk):
                events[event_id].fusion.append({"mention_id": mention_id, "event_id": event_id, "verdict": verdict,
                                                "at": at, **json.loads(data)})

    def events(self, **filters: Any) -> "pd.DataFrame":
        """Fused events as a DataFrame, one row per event (sources, claims, history as lists)."""
        import pandas as pd
        from .export import EVENT_FIELDS, event_record
        return pd.DataFrame([event_record(e) for e in self.event_records(**filters)], columns=list(EVENT_FIELDS))

    @store_errors
    def event_points(self, **filters: Any) -> list[tuple[Any, ...]]:
        """Every event matching the filters as a row of `queries.POINT_COLUMNS` (the map's fields),
        read from the table's columns alone: no paging, no JSON, no claims or sources."""
        f = EventFilters.parse(**filters)
        where, params = self._where(f)
        return self.conn.execute(Q.SELECT_POINTS.format(where=where, order=f.order_by()), params).fetchall()

    @store_errors
    def count_events(self, **filters: Any) -> int:
        where, params = self._where(EventFilters.parse(**filters))
        return int(self.conn.execute(Q.COUNT_EVENTS.format(where=where), params).fetchone()[0])

    @store_errors
    def claim_records(self, **filters: Any) -> list[dict[str, Any]]:
        """One dict per claim of the events matching the filters (`export.CLAIM_COLUMNS`)."""
        from .export import CLAIM_COLUMNS
        where, params = self._where(EventFilters.parse(**filters))
        rows = self.conn.execute(Q.CLAIM_ROWS.format(where=where), params).fetchall()
        return [dict(zip(CLAIM_COLUMNS, row)) for row in rows]

    @store_errors
    def aggregate(self, by: Any, **filters: Any) -> list[dict[str, Any]]:
        """Counts, fatalities and contested events grouped `by` dimensions (`store/aggregate.py`)."""
        from .aggregate import aggregate_sql, finish
        sql, params, columns = aggregate_sql(by, EventFilters.parse(**filters), self.dialect)
        return finish(self.conn.execute(sql, [_int64(p) for p in params]).fetchall(), columns, self.dialect)

    @store_errors
    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT event_id, data FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        events = {row[0]: event_from_dict(json.loads(row[1]))}
        self._attach(events)
        return events[row[0]]

    @store_errors
    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(Q.SELECT_ARTICLE, (article_id,)).fetchone()
        if row is None:
            return None
        data = dict(zip(Q.ARTICLE_COLUMNS, row))
        data["provenance"] = json.loads(data["provenance"] or "{}")
        data["relevant"] = None if data["relevant"] is None else bool(data["relevant"])
        data["events"] = [json.loads(d) for (d,) in self.conn.execute(Q.ARTICLE_MENTIONS, (article_id,))]
        return article_from_dict(data)

    @store_errors
    def article_event_ids(self, article_id: str) -> dict[str, str | None]:
        """{mention_id: fused event_id} for the article's mentions, in reading order. A mention's
        own `event_id` ("e1") only numbers it within its article; these are `/api/events/{id}`'s."""
        return {m: e for m, e in self.conn.execute(Q.ARTICLE_EVENT_IDS, (article_id,))}

    @store_errors
    def stats_breakdown(self) -> dict[str, dict[str, int]]:
        """Event counts per day, country (ISO3, else the name), event type and status: one
        GROUP BY each over the events table, no event decoded."""
        return {name: {str(k): int(n) for k, n in self.conn.execute(sql)} for name, sql in Q.BREAKDOWNS.items()}

    @store_errors
    def stats(self) -> dict[str, int]:
        return {name: int(self.conn.execute(sql).fetchone()[0]) for name, sql in Q.STATS.items()}

    # ------------------------------------------------------------------ fetch cache

    def fetch_cache(self) -> "SQLiteFetchCache":
        return SQLiteFetchCache(self)


class SQLiteFetchCache:
    """ETag / Last-Modified per URL for conditional GET (the ingest FetchCache protocol).

    `set` only records; `flush()` writes. The ingest command flushes after the articles of a run
    are stored: a validator saved before its articles would turn a crashed run's re-run into
    '304 Not Modified' and lose them."""

    def __init__(self, store: SQLiteStore):
        self.store = store
        self.pending: dict[str, tuple[str | None, str | None]] = {}

    @store_errors
    def get(self, url: str) -> dict[str, str | None] | None:
        if url in self.pending:
            etag, modified = self.pending[url]
            return {"etag": etag, "last_modified": modified}
        row = self.store.conn.execute(Q.FETCH_CACHE_GET, (url,)).fetchone()
        return {"etag": row[0], "last_modified": row[1]} if row else None

    def set(self, url: str, etag: str | None = None, last_modified: str | None = None) -> None:
        self.pending[url] = (etag, last_modified)

    @store_errors
    def flush(self) -> None:
        if not self.pending:
            return
        with_time = [(url, etag, modified, _now()) for url, (etag, modified) in self.pending.items()]
        self.store.conn.execute("BEGIN IMMEDIATE")
        try:
            self.store.conn.executemany(Q.FETCH_CACHE_SET, with_time)
            self.store.conn.execute("COMMIT")
        except BaseException:
            if self.store.conn.in_transaction:
                self.store.conn.execute("ROLLBACK")
            raise
        self.pending.clear()
