"""When are two reports one event? The evidence, and a verdict a person can read.

ACLED's unit is one event per day, place and pair of actors. `compare(a, b)` collects the evidence
for two mentions under that definition:

    date       the same day, or within the coarser report's date precision (week, month)
    place      within the coarser report's radius: a town (precision 1) is a point, a place near
               a town or part of a region (2) a 25 km area, a region (3) its admin1 (the point a
               region-level report carries is only the region's representative point)
    type       the same kind of violence (event family; strategic developments: sub-event type)
    actors     compatible: a shared named party or actor country, or one side names no party
    claimants  the two sides' accusations of each other are two events unless one report's
               text ties them (it carries the accused side's denial)
    specifics  what ties the two to one event: copies of one story, agreeing tolls, the same
               party's claim or denial

and the verdict: `same` when every rule holds and the reports also identify one event, which
takes more the less precise the place: in one town, the same two named parties, or a shared
detail; in one area, the same two named parties, or a shared party and a shared detail; in one
region only, the same two named parties, sub-event type and a shared detail. Categories
(Protesters, Civilians, Unidentified armed group) name no party: a city's protests on one day are
many events, and two of them are one only when a detail ties them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .model import Mention

# days a date may be off for each ACLED time precision (1 day, 2 week, 3 month)
DATE_WINDOW = {1: 0, 2: 7, 3: 31}
MAX_WINDOW = max(DATE_WINDOW.values())
TOWN_KM = 5.0          # two geocodings of one town
AREA_KM = 25.0         # "near X", "outskirts of X", part of a district

_FAMILY = {
    "Battles": "violence",
    "Explosions/Remote violence": "violence",
    "Violence against civilians": "violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
    "Strategic developments": "strategic",
}

# actors that name a category of people, not a party: sharing one says nothing about identity
GENERIC_ACTOR = re.compile(
    r"^(protesters|rioters|civilians|unidentified|prisoners|refugees|idps|migrants|labou?r group|"
    r"students|journalists|health workers|lawyers|teachers|farmers|women|private security)")


def family(event_type: str | None) -> str | None:
    return _FAMILY.get(event_type or "", event_type)


def norm(name: str | None) -> str:
    return re.sub(r"\W+", " ", (name or "").lower()).strip()


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


def precision(m: Mention) -> int:
    """Geo precision, 3 when the mention has no point at all."""
    if m.latitude is None or m.longitude is None:
        return 3
    return m.geo_precision or 1


def parties(m: Mention) -> set[str]:
    """The named parties among the main actors (categories left out)."""
    return {n for n in (norm(m.actor1), norm(m.actor2)) if n and not GENERIC_ACTOR.match(n)}


@dataclass
class Comparison:
    """The evidence about two mentions and what it adds up to."""

    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    place: str | None = None        # "town" | "area" | "region": where both can be said to be
    actors: str | None = None       # "dyad" | "party" | "unnamed": what names them as one event
    same_type: str | None = None    # "sub_event_type" | "event_type" | "family"

    @property
    def compatible(self) -> bool:
        """Every rule holds (nothing says these are two events)."""
        return all(e["ok"] for e in self.evidence.values())

    @property
    def same(self) -> bool:
        """Compatible, and enough agreement to say it is one event."""
        if not self.compatible:
            return False
        specific = bool(self.evidence["specifics"]["found"])
        if self.place == "town":  # one reader's air strike is another's attack on civilians
            return self.actors == "dyad" or specific and (self.same_type != "family" or self.actors == "party")
        if self.place == "area":
            return self.actors == "dyad" or (self.actors == "party" and specific and self.same_type != "family")
        return self.actors == "dyad" and self.same_type == "sub_event_type" and specific

    @property
    def strength(self) -> float:
        """How strongly they agree (to choose among several events a report could join)."""
        points = {"town": 3, "area": 2, "region": 1}.get(self.place or "", 0)
        points += {"dyad": 2, "party": 1}.get(self.actors or "", 0)
        points += {"sub_event_type": 2, "event_type": 1}.get(self.same_type or "", 0)
        points += len(self.evidence.get("specifics", {}).get("found", []))
        return points - self.evidence.get("place", {}).get("km", 0.0) / 1000

    def failed(self) -> list[str]:
        return [name for name, e in self.evidence.items() if not e["ok"]]

    def reason(self) -> str:
        """One line a person can read."""
        if not self.compatible:
            return "; ".join(self.evidence[name]["why"] for name in self.failed())
        said = [self.evidence[n]["why"] for n in ("date", "place", "type", "actors", "specifics")]
        if self.same:
            return "one event: " + ", ".join(said)
        return "not enough to say one event: " + ", ".join(said)


def _date(a: Mention, b: Mention) -> dict[str, Any]:
    da, db = event_day(a.event_date), event_day(b.event_date)
    if da is None or db is None:
        return {"ok": False, "why": "undated report"}
    window = max(DATE_WINDOW.get(a.time_precision or 1, 0), DATE_WINDOW.get(b.time_precision or 1, 0))
    days = abs((da - db).days)
    ok = days <= window
    if days == 0:
        why = "same day"
    else:
        why = f"{days} day{'s' if days > 1 else ''} apart" + (f" (within the date's precision of {window} days)"
                                                               if ok else "")
    return {"ok": ok, "days": days, "window": window, "why": why}


def _place(a: Mention, b: Mention) -> tuple[dict[str, Any], str | None]:
    pa, pb = precision(a), precision(b)
    coarser = max(pa, pb)
    out: dict[str, Any] = {"precision": [pa, pb]}
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return {**out, "ok": False, "why": "different countries"}, None
    km = None
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = round(distance_km(a.latitude, a.longitude, b.latitude, b.longitude), 1)  # type: ignore[arg-type]
        out["km"] = km
    same_id = a.geonameid is not None and a.geonameid == b.geonameid
    same_name = bool(a.location) and norm(a.location) == norm(b.location)
    if coarser == 1:
        ok = same_id or same_name or (km is not None and km <= TOWN_KM)
        out["radius_km"] = TOWN_KM
        why = f"same town ({a.location})" if ok else f"different towns ({a.location}, {b.location}: {km} km)"
        return {**out, "ok": ok, "why": why}, "town" if ok else None
    if coarser == 2:
        same_admin2 = bool(a.admin2) and norm(a.admin2) == norm(b.admin2) and norm(a.admin1) == norm(b.admin1)
        ok = same_id or same_name or same_admin2 or (km is not None and km <= AREA_KM)
        out["radius_km"] = AREA_KM
        why = (f"same area ({a.location}, {b.location})" if ok
               else f"different areas ({a.location}, {b.location}: {km} km)")
        return {**out, "ok": ok, "why": why}, "area" if ok else None
    # a region-level report: its point stands for the whole region, so only the region counts
    if a.admin1 and b.admin1:
        ok = norm(a.admin1) == norm(b.admin1)
        why = f"same region ({a.admin1})" if ok else f"different regions ({a.admin1}, {b.admin1})"
    else:
        ok = bool(a.iso3 and a.iso3 == b.iso3) or (same_name and not (a.iso3 or b.iso3))
        why = f"same country only ({a.country or a.iso3})" if ok else "no common place"
    return {**out, "ok": ok, "why": why}, "region" if ok else None


def _type(a: Mention, b: Mention) -> tuple[dict[str, Any], str | None]:
    if not a.event_type or not b.event_type:
        return {"ok": False, "why": "an event without a type"}, None
    if a.event_type == b.event_type:
        if a.sub_event_type and a.sub_event_type == b.sub_event_type:
            return {"ok": True, "why": f"same sub-event type ({a.sub_event_type})"}, "sub_event_type"
        ok = family(a.event_type) != "strategic" or not a.sub_event_type or not b.sub_event_type
        return ({"ok": ok, "why": f"same event type ({a.event_type})" if ok
                 else f"different strategic developments ({a.sub_event_type}, {b.sub_event_type})"},
                "event_type" if ok else None)
    if family(a.event_type) == family(b.event_type) and family(a.event_type) != "strategic":
        return {"ok": True, "why": f"same kind of violence ({a.event_type}, {b.event_type})"}, "family"
    return {"ok": False, "why": f"different kinds of event ({a.event_type}, {b.event_type})"}, None


def _countries(m: Mention) -> set[str]:
    return {x for x in (m.actor1_country, m.actor2_country) if x}


def _actors(a: Mention, b: Mention) -> tuple[dict[str, Any], str | None]:
    na, nb = parties(a), parties(b)
    shared = sorted(na & nb)
    out: dict[str, Any] = {"shared": shared}
    if na and nb and not shared and not (_countries(a) & _countries(b)):
        return {**out, "ok": False, "why": "different parties"}, None
    # the assoc actors say which group protested or fought: two different ones are two events
    assoc_a = {norm(x) for x in (a.assoc_actor_1, a.assoc_actor_2) if x}
    assoc_b = {norm(x) for x in (b.assoc_actor_1, b.assoc_actor_2) if x}
    if assoc_a and assoc_b and not assoc_a & assoc_b and not shared:
        return {**out, "ok": False, "why": "different associated groups"}, None
    if len(na) == 2 and na == nb:
        return {**out, "ok": True, "why": "same two parties"}, "dyad"
    if shared:
        return {**out, "ok": True, "why": f"shared party ({', '.join(shared)})"}, "party"
    if na and nb:
        return {**out, "ok": True, "why": "parties of the same countries"}, "country"
    return {**out, "ok": True, "why": "no party named on one side"}, "unnamed"


def _accused(m: Mention) -> tuple[str, str | None]:
    return norm(m.actor1), m.actor1_country


def _claimants(a: Mention, b: Mention) -> dict[str, Any]:
    """Each side blaming the other (a's attacker is b's target and the other way round, each
    told by its own side) is two events, unless a report carries the accused side's denial."""
    (a1, ca), (b1, cb) = _accused(a), _accused(b)
    if not a1 or not b1 or a1 == b1 or GENERIC_ACTOR.match(a1) or GENERIC_ACTOR.match(b1):
        return {"ok": True, "why": "no counter-accusation"}
    a_targets = {norm(a.actor2), a.actor2_country}
    b_targets = {norm(b.actor2), b.actor2_country}
    swapped = (b1 in a_targets or (cb is not None and cb in a_targets)) and \
              (a1 in b_targets or (ca is not None and ca in b_targets))
    if not swapped:
        return {"ok": True, "why": "no counter-accusation"}

    def denies(m: Mention, side: str | None) -> bool:
        return any(c.stance == "denies" and side and c.claimant_country == side for c in m.claims)
    if denies(a, ca) or denies(b, cb):
        return {"ok": True, "why": "counter-accusations, and a report carries the accused side's denial: one contested event"}
    return {"ok": False, "why": "each side accuses the other: two events"}


MIN_DISTINCT_TOLL = 3   # one or two killed is the commonest toll: it tells no event from another


def _close(x: int | None, y: int | None) -> bool:
    """Two tolls distinctive enough to tie two reports, and close enough to be one event's (an
    early and a revised count)."""
    if x is None or y is None or min(x, y) < MIN_DISTINCT_TOLL:
        return False
    return max(x, y) <= 2 * min(x, y)   # an early count and a revised one (bodies found later)


def _claimant_sides(m: Mention) -> set[tuple[str, str]]:
    return {(c.stance, c.claimant_country or norm(c.claimant)) for c in m.claims
            if c.claimant_country or c.claimant}


def _reading(m: Mention) -> tuple[Any, ...]:
    """What a copy of a story must say alike to be the same report (near-identical short notes
    on different events are clustered as copies too, and read differently)."""
    return (m.event_date, m.event_type, m.sub_event_type, norm(m.actor1), norm(m.actor2), norm(m.location),
            m.fatalities, m.injuries)


def _specifics(a: Mention, b: Mention, same_story: bool) -> dict[str, Any]:
    """What ties two reports to one event beyond the day, the place and the kind: without named
    parties on both sides, a city's protests or killings on one day are many events, and only a
    shared detail says two reports tell the same one."""
    found = []
    if same_story and _reading(a) == _reading(b):
        found.append("copies of one story, read alike")
    if _close(a.fatalities, b.fatalities):
        found.append(f"tolls agree ({a.fatalities}, {b.fatalities} killed)")
    elif _close(a.injuries, b.injuries):
        found.append(f"injury counts agree ({a.injuries}, {b.injuries})")
    shared = sorted({side for _, side in _claimant_sides(a) & _claimant_sides(b)})
    if shared:
        found.append(f"the same claims ({', '.join(shared)})")
    return {"ok": True, "found": found, "why": "; ".join(found) if found else "no shared detail"}


def in_reach(a: Mention, b: Mention) -> bool:
    """Cheaply: the same kind of event at the same place, dated at most a day (or the date's
    precision) apart; everything else is plainly another event."""
    d = _date(a, b)
    if "days" not in d or d["days"] > max(1, d["window"]) or not _type(a, b)[0]["ok"]:
        return False
    return bool(_place(a, b)[0]["ok"])


def compare(a: Mention, b: Mention, same_story: bool = False) -> Comparison:
    """The evidence about two mentions (see the module docstring)."""
    c = Comparison()
    c.evidence["date"] = _date(a, b)
    c.evidence["place"], c.place = _place(a, b)
    c.evidence["type"], c.same_type = _type(a, b)
    c.evidence["actors"], c.actors = _actors(a, b)
    c.evidence["claimants"] = _claimants(a, b)
    c.evidence["specifics"] = _specifics(a, b, same_story)
    return c
