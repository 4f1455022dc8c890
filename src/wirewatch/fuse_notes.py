"""A fused event's notes, written from its fused fields in ACLED's note style: date, actors,
action, place, casualties, who claims it and who denies it.

Never one report's words: a fused event's toll, actors or place may come from different
reports, and a copied note would contradict them (the toll update's note naming another attacker).
"""
from __future__ import annotations

from datetime import date

from .model import Event

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

# what actor1 did, by sub-event type ({a2}: actor2, or nothing when there is none)
_ACTION = {
    "Armed clash": "clashed with {a2}",
    "Government regains territory": "regained territory from {a2}",
    "Non-state actor overtakes territory": "took over territory from {a2}",
    "Air/drone strike": "carried out an air/drone strike{on}",
    "Shelling/artillery/missile attack": "carried out a shelling/artillery/missile attack{on}",
    "Remote explosive/landmine/IED": "detonated a remote explosive/landmine/IED{on}",
    "Suicide bomb": "carried out a suicide bombing{on}",
    "Grenade": "threw a grenade{on}",
    "Chemical weapon": "used a chemical weapon{on}",
    "Attack": "attacked {a2}",
    "Abduction/forced disappearance": "abducted {a2}",
    "Sexual violence": "committed sexual violence against {a2}",
    "Peaceful protest": "held a peaceful protest",
    "Protest with intervention": "protested, and {a2} intervened",
    "Excessive force against protesters": "used excessive force against {a2}",
    "Violent demonstration": "held a violent demonstration",
    "Mob violence": "engaged in mob violence{against}",
    "Agreement": "reached an agreement{with}",
    "Arrests": "arrested {a2}",
    "Change to group/activity": "changed their group or activity",
    "Headquarters or base established": "established a headquarters or base",
    "Looting/property destruction": "looted or destroyed property{of}",
    "Disrupted weapons use": "disrupted weapons use{of}",
    "Non-violent transfer of territory": "took over territory without fighting{from}",
    "Other": "were involved in an event{with}",
}


def day_phrase(value: str | None, time_precision: int | None) -> str:
    """'On 17 October 2020'; 'Around 17 October 2020' (week); 'In October 2020' (month)."""
    try:
        d = date.fromisoformat((value or "")[:10])
    except ValueError:
        return "On an unknown date"
    if (time_precision or 1) >= 3:
        return f"In {_MONTHS[d.month - 1]} {d.year}"
    prefix = "Around" if time_precision == 2 else "On"
    return f"{prefix} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def place_phrase(e: Event) -> str:
    """Where, at the event's own precision: a town, near a town, or only its region."""
    around = ", ".join(x for x in (e.admin1, e.country) if x and x != e.location)
    where = f"{e.location} ({around})" if around and e.location else (e.location or around)
    if not where:
        return "at an unknown place"
    precision = e.geo_precision or 1
    if precision >= 3:
        return f"in {where} (exact place unknown)"
    return f"near {where}" if precision == 2 else f"in {where}"


def _count(n: int | None, low: int | None, high: int | None, what: str) -> str | None:
    if n is None:
        return None
    span = f" (reports range from {low} to {high})" if low is not None and high is not None and low != high else ""
    return f"{n} {what}{span}"


def casualties(e: Event) -> str:
    parts = [p for p in (_count(e.fatalities, e.fatalities_low, e.fatalities_high, "killed"),
                         _count(e.injuries, e.injuries_low, e.injuries_high, "injured")) if p]
    if not parts:
        return "No casualty figures were reported."
    return " and ".join(parts).capitalize() + "."


def _side(claimant: str | None, country: str | None) -> str | None:
    return claimant or country


def claims(e: Event) -> str:
    """Who claims it and who denies it."""
    by = {"asserts": [], "denies": []}  # type: dict[str, list[str]]
    for c in e.claims:
        side = _side(c.claimant, c.claimant_country)
        if side and side not in by.setdefault(c.stance, []):
            by[c.stance].append(side)
    out = []
    if by["asserts"]:
        out.append(f"Claimed by {', '.join(by['asserts'])}.")
    if by["denies"]:
        out.append(f"Denied by {', '.join(by['denies'])}.")
    return " ".join(out)


def action(e: Event) -> str:
    template = _ACTION.get(e.sub_event_type or "", "were involved in an event ({kind}){with}")
    a2 = e.actor2 or ""
    words = {p: f" {p} {a2}" if a2 else "" for p in ("on", "against", "with", "of", "from")}
    return template.format(a2=a2 or "others", kind=(e.sub_event_type or e.event_type or "unknown kind").lower(),
                           **words)


def write_note(e: Event) -> str:
    """The event's note: date, actor, action, place, casualties, claims and denials, sources."""
    who = e.actor1 or "Unidentified actors"
    parts = [f"{day_phrase(e.event_date, e.time_precision)}, {who} {action(e)} {place_phrase(e)}.",
             casualties(e)]
    said = claims(e)
    if said:
        parts.append(said)
    if e.status == "contested":
        parts.append("The event is contested.")
    return " ".join(parts)


def disagreements(e: Event) -> list[str]:
    """What an event's note says that its fused fields do not (empty: they agree). Checked on
    every event of the fixture feed (tests) and of the dev-notes database (make bench)."""
    note = e.notes or ""
    out = []
    if day_phrase(e.event_date, e.time_precision) not in note:
        out.append(f"date {e.event_date}")
    if e.actor1 and e.actor1 not in note:
        out.append(f"actor1 {e.actor1}")
    if e.actor2 and e.actor2 not in note and "{a2}" in _ACTION.get(e.sub_event_type or "", "{a2}"):
        out.append(f"actor2 {e.actor2}")
    if e.location and e.location not in note:
        out.append(f"location {e.location}")
    if (e.geo_precision or 1) >= 3 and "exact place unknown" not in note:
        out.append("place precision")
    kind = _ACTION.get(e.sub_event_type or "")
    if kind is not None and kind.split("{")[0].strip() not in note:
        out.append(f"sub-event type {e.sub_event_type}")
    if e.fatalities is not None and f"{e.fatalities} killed" not in note:
        out.append(f"fatalities {e.fatalities}")
    if e.fatalities is None and "killed" in note:
        out.append("a toll the event does not have")
    return out
