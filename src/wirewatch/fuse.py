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
from urllib.parse import urlsplit
from collections import Counter
from dataclasses import dataclass, fields
from typing import Any, Iterable, Sequence

from .fuse_rules import DATE_WINDOW, MAX_WINDOW, Comparison, compare, event_day, parties
from .fuse_rules import in_reach as _in_reach
from .fuse_rules import norm as _norm
from .fuse_notes import write_note
from .model import Claim, Event, Mention, Revision, Source

__all__ = ["Report", "same_event", "decide", "combine", "changes", "revise", "fuse", "fusable",
           "best_match", "event_day", "MAX_WINDOW"]

# fields whose changes are recorded in an event's history
TRACKED = (
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
    "latitude", "longitude", "fatalities", "fatalities_low", "fatalities_high",
    "injuries", "injuries_low", "injuries_high", "status", "independent_sources", "sources",
)
_PLACE = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
          "geonameid", "geo_precision")
_ACTORS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "actor1_country", "actor2_country",
           "inter1", "inter2", "interaction")
_STATUS_RANK = {"alleged": 0, "reported": 1, "confirmed": 2, "contested": 3}


@dataclass
class Report:
    """One mention as one article reports it, with what fusion needs about that article."""

    mention: Mention
    source: Source
    published: str | None = None


# ------------------------------------------------------------------------------- matching

def same_event(a: Mention, b: Mention) -> bool:
    """Whether two mentions describe one real-world event (fuse_rules.compare)."""
    return compare(a, b).same


def mention_key(report: Report) -> str:
    """The store's id of a report: article_id:extraction event id."""
    return f"{report.source.article_id}:{report.mention.event_id}"


def considered(c: Comparison) -> bool:
    """Worth showing an analyst: the same place, and dates at most a day or the date's
    precision apart (everything further is plainly another event)."""
    date_ev = c.evidence["date"]
    return c.evidence["place"]["ok"] and "days" in date_ev and date_ev["days"] <= max(1, date_ev["window"])


def decide(report: Report, event_id: str, reports: Sequence[Report],
           apart: frozenset[frozenset[str]] = frozenset()) -> tuple[float | None, dict[str, Any] | None]:
    """Whether `report` joins the event made of `reports`: (strength or None, the decision).

    Every report of the event must be compatible with it (so an event cannot creep a day or a
    town per report) and at least one must be the same event by ACLED's definition. The
    decision is None when the event was plainly another one (not worth recording)."""
    key = mention_key(report)
    best: tuple[float, Report, Comparison] | None = None
    shown: tuple[Report, Comparison] | None = None
    for r in reports:
        c = compare(report.mention, r.mention, same_story=syndicated(report.source, r.source))
        if shown is None or (not c.compatible and shown[1].compatible):
            shown = (r, c)
        if not c.compatible:
            break
        if c.same and (best is None or c.strength > best[0]):
            best = (c.strength, r, c)
    if shown is None:
        return None, None
    verdict, strength = "separate", None
    if best is not None and shown[1].compatible:
        shown = (best[1], best[2])
        verdict, strength = "fused", best[0]
    r, c = shown
    reason = c.reason()
    if verdict == "fused" and any(frozenset((key, mention_key(x))) in apart for x in reports):
        verdict, strength, reason = "separate", None, "kept apart by an analyst (fusion split)"
    if verdict == "separate" and not considered(c):
        return None, None
    return strength, {"mention_id": key, "event_id": event_id, "verdict": verdict, "reason": reason,
                      "compared_with": mention_key(r), "at": report.published,
                      "evidence": c.evidence}


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


def outlet(source: Source) -> str | None:
    """The outlet that published an article: its publisher, else its URL's host."""
    if source.publisher:
        return "publisher:" + _norm(source.publisher)
    host = urlsplit(source.url or "").hostname
    return "host:" + host if host else None


def syndicated(a: Source, b: Source) -> bool:
    """Copies of one story carried by two outlets. One outlet's look-alike texts are two stories
    written from one template (daily briefs, one-line notes), not a copy."""
    return bool(a.syndication_cluster) and a.syndication_cluster == b.syndication_cluster \
        and outlet(a) != outlet(b)


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
    # the date from the reports that date it most precisely (a month-level report's placeholder
    # day never outvotes a dated one), with their precision
    dated = [r.mention for r in reports if r.mention.event_date]
    finest = min((m.time_precision or 1 for m in dated), default=None)
    event.event_date = _vote(m.event_date for m in dated if (m.time_precision or 1) == finest)
    event.time_precision = finest if finest is not None else first.time_precision
    # the actors as a whole from one report (mixing fields would mix dyads): the one naming the
    # most parties, of the fused event type
    typed = [r.mention for r in reports if r.mention.event_type == event.event_type] or [first]
    cast = max(typed, key=lambda m: (len(parties(m)), -typed.index(m)))
    for name in _ACTORS:
        setattr(event, name, getattr(cast, name))
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
    event.sources = _sources(reports)
    event.independent_sources = independent_count(event.sources)
    event.status = _status(reports, event.claims, event.independent_sources)
    event.notes = write_note(event)  # from the fused fields, never one report's words
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
    new.fusion = list(old.fusion) if old else []
    diff = changes(old, new)
    if diff:
        new.history.append(Revision(at=latest.published or "", article_id=latest.source.article_id,
                                    changes=diff))
    return new


def as_report(item: Mention | Report) -> Report:
    if isinstance(item, Report):
        return item
    return Report(mention=item, source=Source(article_id=item.article_id or item.event_id))


def fuse(mentions: Sequence[Mention | Report], apart: frozenset[frozenset[str]] = frozenset()) -> list[Event]:
    """Batch fusion: each report, in publication order, joins the event it matches best (at most
    one mention per article per event) or starts a new one. `apart`: pairs of mention ids an
    analyst split (never fused again)."""
    events: list[tuple[Event, list[Report]]] = []
    by_day: dict[tuple[str | None, int], list[int]] = {}
    coarse: list[int] = []  # events dated only to a week or a month
    for report in _order([as_report(m) for m in mentions]):
        if not fusable(report.mention):
            continue
        day = event_day(report.mention.event_date)
        candidates: set[int] = set()
        if day is not None:
            reach = max(1, DATE_WINDOW.get(report.mention.time_precision or 1, 0))
            for d in range(-reach, reach + 1):
                candidates.update(by_day.get((report.mention.iso3, day.toordinal() + d), ()))
            candidates.update(i for i in coarse if events[i][0].iso3 == report.mention.iso3)
        matches, decisions = [], []
        for i in sorted(candidates):
            ev, reps = events[i]
            if report.source.article_id in {r.source.article_id for r in reps}:
                continue
            strength, decision = decide(report, ev.event_id, reps, apart)
            if decision is not None:
                decisions.append((i, decision))
            if strength is not None:
                matches.append((strength, ev.event_id, i))
        chosen = best_match(matches) if matches else None
        chosen_id = events[chosen][0].event_id if chosen is not None else None
        for decision in settle([d for _, d in decisions], chosen_id):
            events[next(i for i, d in decisions if d["event_id"] == decision["event_id"])][0].fusion.append(decision)
        if chosen is not None:
            event, reps = events[chosen]
            reps.append(report)
            events[chosen] = (revise(event, reps, report), reps)
        else:
            new = revise(None, [report], report)
            new.fusion.append(first_decision(report, new.event_id, len(decisions)))
            events.append((new, [report]))
            if day is not None:
                by_day.setdefault((report.mention.iso3, day.toordinal()), []).append(len(events) - 1)
        event = events[chosen if chosen is not None else -1][0]
        if (event.time_precision or 1) > 1 or (report.mention.time_precision or 1) > 1:
            coarse.append(chosen if chosen is not None else len(events) - 1)
    return [ev for ev, _ in events]


def settle(decisions: list[dict[str, Any]], chosen: str | None) -> list[dict[str, Any]]:
    """The decisions once the report joined `chosen`: another event it could have joined was a
    weaker match."""
    out = []
    for d in decisions:
        if d["event_id"] != chosen and d["verdict"] == "fused":
            d = {**d, "verdict": "separate", "reason": "joined a closer match instead; " + d["reason"]}
        out.append(d)
    return out


def in_reach(mention: Mention, event: Event) -> bool:
    """Whether the event is worth comparing report by report: its place, kind and date (within
    a day or the date's precision) fit the mention."""
    return _in_reach(mention, event)


def first_decision(report: Report, event_id: str, considered: int) -> dict[str, Any]:
    why = (f"no event matched ({considered} considered)" if considered else "no earlier event at that place and date")
    return {"mention_id": mention_key(report), "event_id": event_id, "verdict": "new event", "reason": why,
            "compared_with": None, "at": report.published, "evidence": {}}
