"""Every SQL statement the store runs, in one place, in the SQL both SQLite and PostgreSQL speak
(qmark placeholders; store/postgres.py's `translate` applies the general dialect rules and maps
the two SQLite extensions, FTS5 and R*Tree). Where SQLite would return rows in an implicit order,
the statement says the order, so both stores give the same rows in the same order."""
from __future__ import annotations

ARTICLE_COLUMNS = (
    "article_id", "url", "canonical_url", "title", "published", "publisher", "wire_agency",
    "byline", "language", "dateline_place", "syndication_cluster", "relevant", "source",
    "provenance", "text", "ingested_at",
)

ARTICLE_EXISTS = "SELECT article_id FROM articles WHERE article_id = ? OR (canonical_url = ? AND ? IS NOT NULL) LIMIT 1"
INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})"
SELECT_ARTICLE = f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE article_id = ?"
ARTICLE_TEXTS = "SELECT article_id, text, syndication_cluster FROM articles WHERE article_id IN ({marks}) ORDER BY article_id"

LSH_CANDIDATES = """SELECT article_id, COUNT(*) AS shared FROM lsh_keys WHERE key IN ({marks})
                    GROUP BY article_id ORDER BY shared DESC, article_id LIMIT 20"""
INSERT_LSH_KEY = "INSERT INTO lsh_keys (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING"

CLUSTER_AGENCY = "SELECT wire_agency FROM syndication_clusters WHERE cluster_id = ?"
UPSERT_CLUSTER = """INSERT INTO syndication_clusters (cluster_id, wire_agency, size) VALUES (?, ?, 1)
                    ON CONFLICT (cluster_id) DO UPDATE SET size = syndication_clusters.size + 1,
                    wire_agency = COALESCE(syndication_clusters.wire_agency, excluded.wire_agency)"""
# the agency found on one copy is known for all copies
SPREAD_AGENCY = "UPDATE articles SET wire_agency = ? WHERE syndication_cluster = ? AND wire_agency IS NULL"

# fusion candidates: the report's date window (a week- or month-dated event: the widest), and
# the same country when both know it (fuse_rules' place rule)
EVENTS_NEAR_DATE = """SELECT data FROM events WHERE (event_date BETWEEN ? AND ?
                      OR (time_precision IN (2, 3) AND event_date BETWEEN ? AND ?))
                      AND (? IS NULL OR iso3 IS NULL OR iso3 = ?) ORDER BY event_date, id"""
EVENT_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "country", "iso3",
                 "latitude", "longitude", "fatalities", "status", "independent_sources", "data",
                 "created_at", "updated_at", "time_precision",
                 # filter, sort and aggregate columns (migration 0003), copies of fields of `data`
                 "admin1", "admin2", "location", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
                 "actor1_country", "actor2_country", "interaction", "geo_precision")
INSERT_EVENT = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})"
UPDATE_EVENT = f"""UPDATE events SET {', '.join(f'{c} = ?' for c in EVENT_COLUMNS[1:] if c != 'created_at')}
                   WHERE event_id = ?"""
EVENT_ROWID = "SELECT id FROM events WHERE event_id = ?"
DELETE_RTREE = "DELETE FROM events_rtree WHERE id = ?"
INSERT_RTREE = "INSERT INTO events_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)"

INSERT_MENTION = "INSERT INTO mentions (mention_id, article_id, event_id, data) VALUES (?, ?, ?, ?)"
EVENT_REPORTS = """SELECT m.data, a.article_id, a.url, a.publisher, a.wire_agency, a.syndication_cluster, a.published
                   FROM mentions m JOIN articles a ON a.article_id = m.article_id WHERE m.event_id = ? ORDER BY m.id"""

DELETE_CLAIMS = "DELETE FROM claims WHERE event_id = ?"
CLAIM_COLUMNS = ("event_id", "article_id", "stance", "claimant", "claimant_country", "speaker",
                 "speaker_role", "quote", "start", '"end"')
INSERT_CLAIM = f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES ({', '.join('?' * len(CLAIM_COLUMNS))})"
INSERT_REVISION = "INSERT INTO revisions (event_id, at, article_id, changes) VALUES (?, ?, ?, ?)"

# fusion decisions and analysts' overrides (migrations/0002_fusion.sql)
INSERT_DECISION = "INSERT INTO fusion_decisions (event_id, mention_id, verdict, at, data) VALUES (?, ?, ?, ?, ?)"
DECISIONS_OF = """SELECT event_id, mention_id, verdict, at, data FROM fusion_decisions
                  WHERE event_id IN ({marks}) ORDER BY id"""
INSERT_OVERRIDE = """INSERT INTO fusion_overrides (kind, mention_a, mention_b, at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (kind, mention_a, mention_b) DO NOTHING"""
OVERRIDES_OF = """SELECT kind, mention_a, mention_b FROM fusion_overrides
                  WHERE mention_a IN ({marks}) OR mention_b IN ({marks})"""
DELETE_OVERRIDE = "DELETE FROM fusion_overrides WHERE kind = ? AND mention_a = ? AND mention_b = ?"
ALL_OVERRIDES = "SELECT kind, mention_a, mention_b, at FROM fusion_overrides ORDER BY id"
EVENT_OF_MENTION = "SELECT event_id FROM mentions WHERE mention_id = ?"
MOVE_MENTION = "UPDATE mentions SET event_id = ? WHERE mention_id = ?"
MOVE_REVISIONS = "UPDATE revisions SET event_id = ? WHERE event_id = ?"
MOVE_DECISIONS = "UPDATE fusion_decisions SET event_id = ? WHERE event_id = ?"
DELETE_EVENT = "DELETE FROM events WHERE event_id = ?"

# reading events back: filtered ids first, then their parts in bulk
SELECT_EVENTS = "SELECT event_id, data FROM events WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
# what the map needs of every matching event, from the columns alone (no JSON to decode)
POINT_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "iso3",
                 "admin1", "location", "latitude", "longitude", "fatalities", "status")
SELECT_POINTS = f"SELECT {', '.join(POINT_COLUMNS)} FROM events WHERE {{where}} ORDER BY {{order}}"
DEFAULT_ORDER = "event_date, id"
CLAIMS_COUNT = "(SELECT COUNT(*) FROM claims c WHERE c.event_id = events.event_id)"
COUNT_EVENTS = "SELECT COUNT(*) FROM events WHERE {where}"
SOURCES_OF = """SELECT event_id, article_id, url, publisher, wire_agency, syndication_cluster FROM sources
                WHERE event_id IN ({marks}) ORDER BY published, article_id"""
CLAIMS_OF = f"SELECT {', '.join(CLAIM_COLUMNS)} FROM claims WHERE event_id IN ({{marks}}) ORDER BY id"
REVISIONS_OF = "SELECT event_id, at, article_id, changes FROM revisions WHERE event_id IN ({marks}) ORDER BY id"
MENTION_IDS_OF = "SELECT event_id, mention_id FROM mentions WHERE event_id IN ({marks}) ORDER BY id"
# the claims export: one row per claim of the events matching {where}, with the article it was read from
CLAIM_ROWS = """SELECT e.event_id, e.event_date, c.stance, c.claimant, c.claimant_country, c.speaker,
                c.speaker_role, c.quote, c.article_id, a.url, a.publisher, c.start, c."end"
                FROM events e JOIN claims c ON c.event_id = e.event_id
                LEFT JOIN articles a ON a.article_id = c.article_id
                WHERE e.id IN (SELECT id FROM events WHERE {where})
                ORDER BY e.event_date IS NULL DESC, e.event_date, e.id, c.id"""
ARTICLE_MENTIONS = "SELECT data FROM mentions WHERE article_id = ? ORDER BY id"
# the fused events an article's mentions went into (a mention's own event_id is local to its article)
ARTICLE_EVENT_IDS = "SELECT mention_id, event_id FROM mentions WHERE article_id = ? ORDER BY id"

# filters (combined with AND into {where})
F_ISO3 = "(iso3 = ? OR lower(country) = lower(?))"
F_COUNTRY = "lower(country) = lower(?)"
F_SINCE = "event_date >= ?"
F_UNTIL = "event_date <= ?"
F_BBOX = "id IN (SELECT id FROM events_rtree WHERE min_lon >= ? AND max_lon <= ? AND min_lat >= ? AND max_lat <= ?)"
F_EVENT_TYPE = "lower(event_type) = lower(?)"
F_SUB_EVENT_TYPE = "lower(sub_event_type) = lower(?)"
F_ADMIN1 = "lower(admin1) = lower(?)"
F_ADMIN2 = "lower(admin2) = lower(?)"
F_INTERACTION = "interaction = ?"
F_GEO_PRECISION = "geo_precision = ?"
F_TIME_PRECISION = "time_precision = ?"
# a part of either side's name (lowered LIKE pattern, four times), or either side's country (ISO3)
F_ACTOR = """(lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\'
             OR lower(assoc_actor_1) LIKE ? ESCAPE '\\' OR lower(assoc_actor_2) LIKE ? ESCAPE '\\'
             OR actor1_country = ? OR actor2_country = ?)"""
F_SOURCE = """event_id IN (SELECT event_id FROM sources WHERE lower(publisher) = lower(?)
              OR lower(wire_agency) = lower(?) OR lower(url) LIKE ? ESCAPE '\\')"""
F_STATUS = "status = ?"
F_MIN_FATALITIES = "fatalities >= ?"
F_TEXT = """event_id IN (SELECT m.event_id FROM mentions m JOIN articles a ON a.article_id = m.article_id
            WHERE a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))"""

FETCH_CACHE_GET = "SELECT etag, last_modified FROM fetch_cache WHERE url = ?"
FETCH_CACHE_SET = """INSERT INTO fetch_cache (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,
                     last_modified = excluded.last_modified, updated_at = excluded.updated_at"""

STATS = {
    "articles": "SELECT COUNT(*) FROM articles",
    "relevant_articles": "SELECT COUNT(*) FROM articles WHERE relevant = 1",
    "syndication_clusters": "SELECT COUNT(*) FROM syndication_clusters",
    "mentions": "SELECT COUNT(*) FROM mentions",
    "events": "SELECT COUNT(*) FROM events",
    "sources": "SELECT COUNT(*) FROM sources",
    "claims": "SELECT COUNT(*) FROM claims",
    "revisions": "SELECT COUNT(*) FROM revisions",
}

# the API's /api/stats breakdowns (SQLiteStore.stats_breakdown), keys sorted like the counts of old
BREAKDOWNS = {
    "per_day": "SELECT event_date, COUNT(*) FROM events WHERE event_date IS NOT NULL GROUP BY event_date ORDER BY 1",
    "per_country": "SELECT COALESCE(iso3, country), COUNT(*) FROM events WHERE COALESCE(iso3, country) IS NOT NULL "
                   "GROUP BY COALESCE(iso3, country) ORDER BY 1",
    "per_type": "SELECT event_type, COUNT(*) FROM events WHERE event_type IS NOT NULL GROUP BY event_type ORDER BY 1",
    "per_status": "SELECT status, COUNT(*) FROM events WHERE status IS NOT NULL GROUP BY status ORDER BY 1",
}
