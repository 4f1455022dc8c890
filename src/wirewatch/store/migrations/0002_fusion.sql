-- schema version 2: why reports were fused (or kept apart), and analysts' corrections.

-- the date's precision as a column: a week- or month-dated event is a candidate for longer
ALTER TABLE events ADD COLUMN time_precision INTEGER;
UPDATE events SET time_precision = json_extract(data, '$.time_precision');
CREATE INDEX events_precision_date ON events(time_precision, event_date);

-- one per (report, event) pair considered: the evidence and the verdict
CREATE TABLE fusion_decisions (
    id         INTEGER PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events(event_id),      -- the event the report joined or stayed out of
    mention_id TEXT NOT NULL REFERENCES mentions(mention_id),  -- the report decided about
    verdict    TEXT NOT NULL,                                  -- fused | separate | new event | split | merged
    at         TEXT,
    data       TEXT NOT NULL                                   -- JSON: reason, compared_with, evidence
);
CREATE INDEX fusion_decisions_event ON fusion_decisions(event_id);

-- `wirewatch fusion split/merge`: pairs of reports an analyst kept apart or put together
CREATE TABLE fusion_overrides (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,                                   -- apart | together
    mention_a TEXT NOT NULL REFERENCES mentions(mention_id),
    mention_b TEXT NOT NULL REFERENCES mentions(mention_id),
    at        TEXT NOT NULL,
    UNIQUE (kind, mention_a, mention_b)
);
