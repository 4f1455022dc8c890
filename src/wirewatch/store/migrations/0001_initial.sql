-- wirewatch event database, schema version 1 (SQLite). PRAGMA user_version records the
-- last migration applied; each migration file runs once, in one transaction.

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,          -- rowid: FTS5 content rowid
    article_id          TEXT NOT NULL UNIQUE,
    url                 TEXT,
    canonical_url       TEXT,
    title               TEXT,
    published           TEXT,
    publisher           TEXT,
    wire_agency         TEXT,
    byline              TEXT,
    language            TEXT,
    dateline_place      TEXT,
    syndication_cluster TEXT NOT NULL REFERENCES syndication_clusters(cluster_id),
    relevant            INTEGER,
    source              TEXT,
    provenance          TEXT NOT NULL DEFAULT '{}',   -- JSON: field -> where it came from
    text                TEXT NOT NULL,
    ingested_at         TEXT NOT NULL
);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_cluster ON articles(syndication_cluster);

-- copies of one wire story; cluster_id is the article_id of its first stored member
CREATE TABLE syndication_clusters (
    cluster_id  TEXT PRIMARY KEY,
    wire_agency TEXT,
    size        INTEGER NOT NULL DEFAULT 0
);

-- MinHash LSH band keys (band number mixed into the key): one indexed lookup finds copies
CREATE TABLE lsh_keys (
    key        INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(article_id),
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- fused events: the filterable fields as columns, the whole record as JSON
CREATE TABLE events (
    id                  INTEGER PRIMARY KEY,          -- rowid: R*Tree id
    event_id            TEXT NOT NULL UNIQUE,
    event_date          TEXT,
    event_type          TEXT,
    sub_event_type      TEXT,
    country             TEXT,
    iso3                TEXT,
    latitude            REAL,
    longitude           REAL,
    fatalities          INTEGER,
    status              TEXT,
    independent_sources INTEGER NOT NULL DEFAULT 0,
    data                TEXT NOT NULL,                -- JSON of the Event (without sources, claims, history)
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_iso3 ON events(iso3, event_date);

CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

-- one per event per article: what one article reported (the extraction's Mention as JSON)
CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    mention_id TEXT NOT NULL UNIQUE,                  -- article_id:event_id of the extraction
    article_id TEXT NOT NULL REFERENCES articles(article_id),
    event_id   TEXT REFERENCES events(event_id),      -- the fused event; NULL for background
    data       TEXT NOT NULL,
    UNIQUE (article_id, event_id)
);
CREATE INDEX mentions_event ON mentions(event_id);

-- each fused event's claims, merged across its reports without duplicates
CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    event_id         TEXT NOT NULL REFERENCES events(event_id),
    article_id       TEXT REFERENCES articles(article_id),  -- the report it was first read from
    stance           TEXT NOT NULL,
    claimant         TEXT,
    claimant_country TEXT,
    speaker          TEXT,
    speaker_role     TEXT,
    quote            TEXT,
    start            INTEGER,
    "end"            INTEGER
);
CREATE INDEX claims_event ON claims(event_id);

-- the sources behind each fused event: one row per article that reported it
CREATE VIEW sources AS
    SELECT m.event_id, a.article_id, a.url, a.publisher, a.wire_agency, a.syndication_cluster, a.published
    FROM mentions m JOIN articles a ON a.article_id = m.article_id
    WHERE m.event_id IS NOT NULL;

-- each change to a fused event: which article caused it and what changed
CREATE TABLE revisions (
    id         INTEGER PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events(event_id),
    at         TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(article_id),
    changes    TEXT NOT NULL                          -- JSON: field -> [old, new]
);
CREATE INDEX revisions_event ON revisions(event_id);

-- conditional GET for feeds and pages (ETag / Last-Modified)
CREATE TABLE fetch_cache (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    updated_at    TEXT NOT NULL
);
