"""Fusion: the mentions of one real-world event across articles become one Event with every
source behind it.

Plain functions over records, no database:
    same_event(a, b)      same event family, dates within a day, places within 25 km or the
                          same admin2, compatible actors, and enough agreement (match_score)
    combine(id, reports)  the fused fields as a pure function of all reports of one event, so an
                          incremental update (one more article) and a batch give the same result
    changes(old, new)     the tracked fields that differ: one Revision in the event's history
    fuse(mentions)        batch fusion, in publication order, with history

A Report is a Mention plus what fusion needs to know about its article (publication time and
the Source with its syndication cluster and wire agency): copies of one wire story, and rewrites
crediting one agency, count as one independent source.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Iterable, Sequence

from .model import Claim, Event, Mention, Revision, Source

MAX_DAYS = 1
MAX_KM = 25.0
NEAR_KM = 5.0         # "the same spot": two geocodings of one town
MIN_SCORE = 5         # match_score needed to fuse (see match_score)

# ACLED event types that describe the same kind of happening from different angles: a missile
# strike that kills civilians is coded as remote violence by one reader and as violence against
# civilians by another; a protest that turns violent is a riot.
_FAMILY = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic",
}

# fields whose changes are recorded in an event's history
TRACKED = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
    "latitude", "longitude", "fatalities", "fatalities_low", "fatalities_high",
    "injuries", "injuries_low", "injuries_high", "status", "independent_sources", "sources",
)
_PLACE = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
          "geonameid", "geo_precision")
_STATUS_RANK = {"alleged": 0, "reported": 1, "confirmed": 2, "contested": 3}


@dataclass
class Report:
    """One mention as one article reports it, with what fusion needs about that article."""

    mention: Mention
    source: Source
    published: str | None = None


# ------------------------------------------------------------------------------- matching

def family(event_type: str | None) -> str | None:
    return _FAMILY.get(event_type or "", event_type)


def event_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _norm(name: str | None) -> str:
    return re.sub(r"\W+", " ", (name or "").lower()).strip()


def same_family(a: Mention, b: Mention) -> bool:
    if not a.event_type or not b.event_type:
        return a.event_type == b.event_type
    if family(a.event_type) != family(b.event_type):
        return False
    if family(a.event_type) == "strategic":  # an agreement is not a territory transfer
        return not a.sub_event_type or not b.sub_event_type or a.sub_event_type == b.sub_event_type
    return True


def same_day(a: Mention, b: Mention, days: int = MAX_DAYS) -> bool:
    da, db = event_day(a.event_date), event_day(b.event_date)
    return da is not None and db is not None and abs((da - db).days) <= days


def same_place(a: Mention, b: Mention, km: float = MAX_KM) -> bool:
    """Within `km` when both have coordinates; otherwise (or when one is only placed in its
    region) the same admin2, GeoNames id, or location name in the same country. Two towns
    placed precisely more than `km` apart are different places whatever their district."""
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return False
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        if distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km:  # type: ignore[arg-type]
            return True
        if (a.geo_precision or 1) == 1 and (b.geo_precision or 1) == 1:
            return False
    if a.admin2 and b.admin2 and _norm(a.admin2) == _norm(b.admin2) and _norm(a.admin1) == _norm(b.admin1):
        return True
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    return bool(a.location) and _norm(a.location) == _norm(b.location) and a.iso3 == b.iso3


def _actors(m: Mention) -> tuple[set[str], set[str]]:
    names = {_norm(x) for x in (m.actor1, m.actor2, m.assoc_actor_1, m.assoc_actor_2) if x}
    countries = {x for x in (m.actor1_country, m.actor2_country) if x}
    return names, countries


def compatible_actors(a: Mention, b: Mention) -> bool:
    """Two readings of one event name at least one common actor or actor country (roles may be
    swapped: each side blames the other); a side with no actor is compatible with anything."""
    names_a, countries_a = _actors(a)
    names_b, countries_b = _actors(b)
    if not (names_a or countries_a) or not (names_b or countries_b):
        return True
    return bool(names_a & names_b or countries_a & countries_b)


def same_spot(a: Mention, b: Mention, km: float = NEAR_KM) -> bool:
    """The same named place (GeoNames id, or name in one country) or within `km`."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.location and _norm(a.location) == _norm(b.location) and a.iso3 == b.iso3:
        return True
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude) <= km  # type: ignore[arg-type]


# actors that name a category, not a party: sharing one says little about being one event
_GENERIC_ACTOR = re.compile(r"^(protesters|rioters|civilians|unidentified|prisoners|refugees|labou?r group)")


def _dyad(m: Mention) -> tuple[set[str], set[str]]:
    """(all main actors, those that name a party rather than a category)."""
    names = {_norm(x) for x in (m.actor1, m.actor2) if x}
    return names, {n for n in names if not _GENERIC_ACTOR.match(n)}


def match_score(a: Mention, b: Mention) -> int | None:
    """How strongly two mentions look like one event: None when a rule rules it out (event
    family, dates more than a day apart, places more than 25 km apart and not in one admin2,
    incompatible actors); else points for the same day (2), the same spot (2; 1 when one side
    is placed only near a town or in its district; -1 for two different towns both placed
    precisely), the same sub-event type (2) or event type (1), the same two named parties (2)
    or one shared party (1; "Civilians", "Protesters" and other categories are no party).

    In a busy war the same armed group hits the same town on consecutive days and ACLED codes
    each day apart; the points keep those apart while two reports of one event, which agree on
    most of these, still meet MIN_SCORE even when they disagree on one (a date off by a day,
    a strike coded as shelling by one and as a drone strike by the other)."""
    if not (same_family(a, b) and same_day(a, b) and same_place(a, b) and compatible_actors(a, b)):
        return None
    score = 2 if a.event_date and b.event_date and a.event_date[:10] == b.event_date[:10] else 0
    if same_spot(a, b):
        score += 2
    elif (a.geo_precision or 1) > 1 or (b.geo_precision or 1) > 1:
        score += 1  # one side only knows the area: a nearby or district-level place may be it
    else:
        score -= 1  # two different towns, each placed precisely: ACLED codes each apart
    if a.event_type == b.event_type:
        score += 2 if a.sub_event_type and a.sub_event_type == b.sub_event_type else 1
    (all_a, parties_a), (all_b, parties_b) = _dyad(a), _dyad(b)
    if len(parties_a) == 2 and all_a == all_b:
        score += 2  # the same two named parties
    elif parties_a & parties_b:
        score += 1
    return score


def same_event(a: Mention, b: Mention) -> bool:
    """Whether two mentions (or a mention and a fused event) describe one real-world event."""
    score = match_score(a, b)
    return score is not None and score >= MIN_SCORE


def event_match(mention: Mention, event: Event, reports: Sequence[Report] = ()) -> float | None:
    """How well a mention matches a fused event, or None when it does not (larger is better).

    The hard rules are checked against the fused event (so an event cannot creep a day or 25 km
    per report); the agreement is the best of the fused event and each report of it, since the
    fused place or actors may be another report's and the new one may agree with an earlier one
    word for word. Ties go to the nearer event."""
    score = match_score(mention, event)
    if score is None:
        return None
    score = max([score] + [s for s in (match_score(mention, r.mention) for r in reports) if s is not None])
    if score < MIN_SCORE:
        return None
    km = MAX_KM
    if None not in (mention.latitude, mention.longitude, event.latitude, event.longitude):
        km = distance_km(mention.latitude, mention.longitude, event.latitude, event.longitude)  # type: ignore[arg-type]
    return score - km / (MAX_KM * 10)


def best_match(matches: Sequence[tuple[float, str, Any]]) -> Any:
    """The item of the best (score, event_id, item): highest score, then the smallest event id,
    so the choice does not depend on the order events are read in."""
    return min(matches, key=lambda m: (-m[0], m[1]))[2]


def fusable(m: Mention) -> bool:
    """Background context is not an event of its own; new and prior (re-reported) ones are."""
    return m.mention != "background" and bool(m.event_type)


# ------------------------------------------------------------------------------- combining

def fused_id(first: Report) -> str:
    """Stable id from the first report: re-running on the same input gives the same ids."""
    m = first.mention
    digest = hashlib.sha1(f"{first.source.article_id}\x00{m.event_id}".encode()).hexdigest()[:10]
    return f"{m.iso3 or 'XXX'}-{digest}"


def _order(reports: Sequence[Report]) -> list[Report]:
    return sorted(reports, key=lambda r: (r.published or "", r.source.article_id))


def _first(values: Iterable[Any]) -> Any:
    return next((v for v in values if v is not None), None)


def _vote(values: Iterable[Any]) -> Any:
    """Most frequent non-null value; ties go to the earliest report."""
    seen = [v for v in values if v is not None]
    if not seen:
        return None
    counts = Counter(seen)
    return max(seen, key=lambda v: (counts[v], -seen.index(v)))


def _figures(reports: list[Report], name: str) -> tuple[int | None, int | None, int | None]:
    """(best, low, high) of a count across reports: best is the figure of the latest report
    that gave one (tolls are revised upwards as bodies are found), preferring reports of the
    event as news over later look-backs at it (`prior` mentions often repeat an early or
    rounded toll); low/high span all reports."""
    best = best_news = None
    lows: list[int] = []
    highs: list[int] = []
    for r in reports:  # in publication order
        m = r.mention
        value, low, high = getattr(m, name), getattr(m, f"{name}_low"), getattr(m, f"{name}_high")
        if value is not None:
            best = value
            if m.mention == "new":
                best_news = value
        lows += [x for x in (low, value) if x is not None]
        highs += [x for x in (high, value) if x is not None]
    return (best_news if best_news is not None else best), (min(lows) if lows else None), \
        (max(highs) if highs else None)


def claim_key(c: Claim) -> tuple[Any, ...]:
    return (c.stance, _norm(c.claimant), c.claimant_country, _norm(c.speaker), _norm(c.quote))


def _merge_claims(reports: list[Report]) -> list[Claim]:
    out: dict[tuple[Any, ...], Claim] = {}
    for r in reports:
        for c in r.mention.claims:
            out.setdefault(claim_key(c), c)
    return list(out.values())


def _status(reports: list[Report], claims: list[Claim], independent: int) -> str:
    stances = {c.stance for c in claims}
    statuses = [r.mention.status for r in reports]
    if "contested" in statuses or {"asserts", "denies"} <= stances:
        return "contested"
    if "denies" in stances:
        return max(statuses, key=lambda s: _STATUS_RANK.get(s, 1))
    # independent reporting of one party's allegation is not confirmation: the reporters (or
    # two different parties) must assert it themselves
    parties = {c.claimant_country or _norm(c.claimant) for c in claims if c.stance == "asserts"}
    firsthand = any(s in ("reported", "confirmed") for s in statuses) or len(parties) >= 2
    if independent >= 2 and firsthand or "confirmed" in statuses:
        return "confirmed"
    return "reported" if "reported" in statuses else (statuses[0] if statuses else "reported")


def _sources(reports: list[Report]) -> list[Source]:
    by_article: dict[str, Source] = {}
    for r in reports:
        by_article.setdefault(r.source.article_id, r.source)
    return list(by_article.values())


def reporter(source: Source) -> str:
    """Who originally reported an article: its wire agency when it credits one (rewrites of one
    agency's story are not independent of each other), else its syndication cluster (copies of
    one story count once)."""
    if source.wire_agency:
        return "agency:" + _norm(source.wire_agency)
    return "story:" + (source.syndication_cluster or source.article_id)


def independent_count(sources: Sequence[Source]) -> int:
    """Distinct original reporters among the sources."""
    return len({reporter(s) for s in sources})


def combine(event_id: str, reports: Sequence[Report], history: list[Revision] | None = None) -> Event:
    """The fused event of `reports` (a pure function of them, in any order)."""
    reports = _order(reports)
    first = reports[0].mention
    event = Event(event_id=event_id)
    skip = {"event_id", "article_id", "claims", "evidence", "status", "mention"} | set(_PLACE)
    for f in fields(Mention):
        if f.name not in skip:
            setattr(event, f.name, _first(getattr(r.mention, f.name) for r in reports))
    event.event_type = _vote(r.mention.event_type for r in reports)
    event.sub_event_type = _vote(r.mention.sub_event_type for r in reports
                                 if r.mention.event_type == event.event_type)
    event.event_date = _vote(r.mention.event_date for r in reports)
    event.time_precision = min((r.mention.time_precision for r in reports
                                if r.mention.event_date == event.event_date and r.mention.time_precision),
                               default=first.time_precision)
    # the place as a whole from the most precise report (mixing fields would mix places)
    placed = min(reports, key=lambda r: (r.mention.geo_precision or 9, r.mention.latitude is None))
    for name in _PLACE:
        setattr(event, name, getattr(placed.mention, name))
    event.fatalities, event.fatalities_low, event.fatalities_high = _figures(reports, "fatalities")
    event.injuries, event.injuries_low, event.injuries_high = _figures(reports, "injuries")
    event.ceasefire_violation = any(r.mention.ceasefire_violation for r in reports)
    event.mention = "new" if any(r.mention.mention == "new" for r in reports) else first.mention
    event.claims = _merge_claims(reports)
    event.evidence = list(first.evidence)  # spans are offsets into the first report's text
    # the notes of the report whose toll is the fused one, so notes and figures agree
    tolled = [r for r in reports if r.mention.fatalities is not None and r.mention.fatalities == event.fatalities
              and r.mention.notes]
    if tolled:
        event.notes = tolled[-1].mention.notes
    event.sources = _sources(reports)
    event.independent_sources = independent_count(event.sources)
    event.status = _status(reports, event.claims, event.independent_sources)
    event.mention_ids = [f"{r.source.article_id}:{r.mention.event_id}" for r in reports]
    event.history = list(history or [])
    return event


def _tracked(event: Event | None, name: str) -> Any:
    if event is None:
        return None
    if name == "sources":
        return [s.article_id for s in event.sources]
    return getattr(event, name)


def changes(old: Event | None, new: Event) -> dict[str, list[Any]]:
    """Tracked fields that differ, as {field: [old, new]} (old is None for a new event)."""
    out = {}
    for name in TRACKED:
        before, after = _tracked(old, name), _tracked(new, name)
        if before != after:
            out[name] = [before, after]
    return out


def revise(old: Event | None, reports: Sequence[Report], latest: Report) -> Event:
    """The event after `latest` joined `reports`, its history extended by one Revision."""
    event_id = old.event_id if old else fused_id(_order(reports)[0])
    new = combine(event_id, reports, old.history if old else [])
    diff = changes(old, new)
    if diff:
        new.history.append(Revision(at=latest.published or "", article_id=latest.source.article_id,
                                    changes=diff))
    return new


def as_report(item: Mention | Report) -> Report:
    if isinstance(item, Report):
        return item
    return Report(mention=item, source=Source(article_id=item.article_id or item.event_id))


def fuse(mentions: Sequence[Mention | Report]) -> list[Event]:
    """Batch fusion: each report, in publication order, joins the best matching event (at most
    one mention per article per event) or starts a new one."""
    events: list[tuple[Event, list[Report]]] = []
    for report in _order([as_report(m) for m in mentions]):
        if not fusable(report.mention):
            continue
        matches = [(score, ev.event_id, i) for i, (ev, reps) in enumerate(events)
                   if report.source.article_id not in {r.source.article_id for r in reps}
                   and (score := event_match(report.mention, ev, reps)) is not None]
        if matches:
            i = best_match(matches)
            event, reps = events[i]
            reps.append(report)
            events[i] = (revise(event, reps, report), reps)
        else:
            events.append((revise(None, [report], report), [report]))
    return [ev for ev, _ in events]
