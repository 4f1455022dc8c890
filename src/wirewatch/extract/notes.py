"""ACLED-style one- or two-sentence notes written from the extraction."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

from ..model import Mention

_VERBS = {
    "Shelling/artillery/missile attack": "carried out a {weapon} attack on",
    "Air/drone strike": "carried out {weapon} strikes on",
    "Remote explosive/landmine/IED": "detonated an explosive device in",
    "Suicide bomb": "carried out a suicide bombing in",
    "Grenade": "threw a grenade in",
    "Armed clash": "clashed with {actor2} in",
    "Attack": "attacked {actor2} in",
    "Abduction/forced disappearance": "abducted {actor2} in",
    "Sexual violence": "committed sexual violence against {actor2} in",
    "Peaceful protest": "held a protest in",
    "Protest with intervention": "held a protest that was dispersed in",
    "Excessive force against protesters": "faced lethal force at a protest in",
    "Violent demonstration": "rioted in",
    "Mob violence": "engaged in mob violence in",
    "Agreement": "agreed a {agreement} in",
    "Arrests": "made arrests in",
    "Looting/property destruction": "destroyed property in",
    "Disrupted weapons use": "disrupted weapons use in",
    "Government regains territory": "regained control of",
    "Non-state actor overtakes territory": "took control of",
}


def _day(iso: str | None, precision: int | None = 1) -> str:
    if not iso:
        return "On an unknown date"
    d = dt.date.fromisoformat(iso)
    if precision == 3:
        return f"In {d.year}" if (d.month, d.day) == (1, 1) else f"In {d.strftime('%B %Y')}"
    return f"{'Around' if precision == 2 else 'On'} {d.day} {d.strftime('%B %Y')}"


def _names(codes: list[str], country_name: Callable[[str], str | None]) -> str:
    return ", ".join(country_name(c) or c for c in codes)


def write_notes(m: Mention, draft: Any, country_name: Callable[[str], str | None] = lambda c: c) -> str:
    verb = _VERBS.get(m.sub_event_type or "", "were involved in an event in")
    actor1 = m.actor1 or "Unidentified actors"
    if m.sub_event_type == "Agreement":
        actor1 = " and ".join(country_name(p) or p for p in m.parties or []) or actor1
    verb = verb.format(weapon=m.weapon or "shelling", actor2=m.actor2 or "others", agreement=m.agreement or "deal")
    verb = re.sub(r"\ba (?=[aeiouAEIOU])", "an ", verb)
    where = m.location or "an unspecified location"
    region = ", ".join(x for x in (m.admin1, m.country) if x and x != m.location)
    place = f"{where} ({region})" if region else where
    s = f"{_day(m.event_date, m.time_precision)}, {actor1} {verb} {place}"
    tolls = []
    if m.fatalities is not None:
        tolls.append(f"{m.fatalities} killed" if m.fatalities else "no fatalities reported")
    if m.injuries is not None:
        tolls.append(f"{m.injuries} injured")
    if tolls:
        s += ", with " + " and ".join(tolls)
    s += "."
    if m.mediators:
        s += f" Mediated by {_names(m.mediators, country_name)}."
    asserts = sorted({c.claimant_country for c in m.claims if c.stance == "asserts" and c.claimant_country})
    denies = sorted({c.claimant_country for c in m.claims if c.stance == "denies" and c.claimant_country})
    if asserts and denies:
        s += f" Claimed by {_names(asserts, country_name)}; denied by {_names(denies, country_name)}."
    elif asserts and m.status == "alleged":
        s += f" Alleged by {_names(asserts, country_name)}."
    if m.ceasefire_violation:
        s += " Reported as a ceasefire violation."
    return s
