"""Typed records that flow one way through the pipeline.

Document (ingest) -> Article (clean) -> Mention (extract, one event as one article reports it)
-> Event (fuse, one real-world event with all its sources). No record points back to another
object; links are by id only.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready dict of a record (recursive)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


@dataclass
class Document:
    """Raw input as fetched or read, before cleaning."""

    source: str                      # what the user named: path, URL, "file.jsonl#3"
    content: bytes | str
    content_type: str = "text/plain"  # text/plain | text/html | application/json
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title/published/publisher/... from meta.json, feed or JSONL


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Claim:
    stance: str                      # "asserts" | "denies"
    claimant: str | None = None      # who the claim is made for, e.g. "Government of Azerbaijan"
    claimant_country: str | None = None  # ISO3
    speaker: str | None = None
    speaker_role: str | None = None
    quote: str | None = None
    start: int | None = None          # offsets of the supporting sentence in Article.text
    end: int | None = None


@dataclass
class Place:
    name: str
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    country: str | None = None        # English short name, as ACLED writes it
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int | None = None  # 1 town, 2 near town / part of region, 3 region only
    feature: str | None = None        # "city", "admin1", "admin2", "country", "region"
    population: int | None = None
    score: float = 0.0
    unresolved_reason: str | None = None


@dataclass
class Mention:
    """One event as reported by one article: what `wirewatch extract` emits under `events`."""

    event_id: str
    article_id: str | None = None
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    actor1_country: str | None = None
    actor2_country: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injuries: int | None = None
    injuries_low: int | None = None
    injuries_high: int | None = None
    captured: int | None = None      # people detained, arrested or taken prisoner; None when not reported
    weapon: str | None = None
    mention: str = "new"              # new | prior | background
    status: str = "reported"          # reported | alleged | contested | confirmed
    ceasefire_violation: bool = False
    agreement: str | None = None
    parties: list[str] | None = None
    mediators: list[str] | None = None
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    notes: str | None = None
    decided_by: str | None = None     # which rule or model decided the type, sub-type, interaction


@dataclass
class Article:
    article_id: str
    text: str
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    published: str | None = None      # ISO 8601
    publisher: str | None = None
    wire_agency: str | None = None
    byline: str | None = None
    language: str | None = None
    dateline_place: str | None = None
    syndication_cluster: str | None = None
    relevant: bool | None = None
    source: str | None = None         # the input this came from
    provenance: dict[str, str] = field(default_factory=dict)  # field -> where it came from
    events: list[Mention] = field(default_factory=list)
    truncated: bool = False           # only part of the text was read for events (settings.max_parse_chars)

    def to_json(self) -> dict[str, Any]:
        d = to_dict(self)
        return d


@dataclass
class Source:
    article_id: str
    url: str | None = None
    publisher: str | None = None
    wire_agency: str | None = None
    syndication_cluster: str | None = None


@dataclass
class Revision:
    at: str                           # ISO timestamp of the article that caused it
    article_id: str
    changes: dict[str, Any] = field(default_factory=dict)  # field -> [old, new]


@dataclass
class Event(Mention):
    """A fused real-world event: the mentions of several articles combined."""

    sources: list[Source] = field(default_factory=list)
    independent_sources: int = 0
    mention_ids: list[str] = field(default_factory=list)
    history: list[Revision] = field(default_factory=list)
    # why each report joined or stayed out: {mention_id, event_id, verdict, reason, compared_with,
    # at, evidence} (wirewatch.fuse.decide)
    fusion: list[dict[str, Any]] = field(default_factory=list)
