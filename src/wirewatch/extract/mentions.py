"""New, prior or background: what the story reports as news, what it re-reports, what is context.

Background is history and aggregate: onsets of wars ("erupted", "went to war"), flare-ups over
seasons or years, region-wide fighting, date ranges. It is never dated on the publication day.
Prior is an earlier specific event (a day, a place) the story re-tells.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

GENERIC = re.compile(r"\b(?:(?:war|wars|conflict|insurgency|hostilities|uprising|violence|fighting|crisis)\s+(?:that\s+|which\s+)?"
                     r"(?:has\s+|had\s+|have\s+)?(?:erupt\w*|broke\s+out|began|begun|started)|went\s+to\s+war|flare-?ups?|since|decades?|"
                     r"years?\s+of|the\s+(?:war|conflict)\s+(?:over|in)|have\s+been\s+fighting|has\s+raged|raging|"
                     r"worst\s+(?:seen|fighting)|the\s+current\s+fighting|ongoing|protracted|repeatedly|regularly|"
                     r"continued\s+to|history|historically)\b", re.I)
PRIOR_DAYS = 3          # older than this (days before publication) and still specific: prior; "on Monday" in a Thursday story is news
BACKGROUND_DAYS = 45    # older than this and not a dated event at a named place: context


def classify_mention(d: Any, published: dt.date | None, story_day: Any = None) -> tuple[str | None, str | None, int | None]:
    """(mention, event_date ISO, time_precision) for a draft event; mention None drops it. An event
    told without a day of its own happened on the story's day (`story_day`, the DateMention that
    frames the story: "Sunday night" in "At 10 p.m. Sunday officers were called ... A man had been
    shot"), or failing that around the day the story was published."""
    date = d.date
    text = " ".join(d.sentences)
    generic = bool(GENERIC.search(text))
    specific_place = (d.place is not None and d.place.feature not in ("country", "admin1", "region", "admin2")) \
        or (d.place is None and bool(getattr(d, "unresolved", None)))  # a named place the gazetteer lacks
    if date is None:
        if generic and not specific_place:
            return (None, None, None) if published is not None else ("new", None, None)
        if story_day is not None and (published is None or -1 <= (published - story_day.date).days <= PRIOR_DAYS):
            return "new", story_day.date.isoformat(), story_day.precision
        if published is None:
            return "new", None, None
        return "new", published.isoformat(), 2
    iso = date.date.isoformat()
    if generic and getattr(d, "inherited_date", False):
        # "More than 320,000 people have been killed since the war started": history told between
        # the news, dated only by the sentence before it
        return "background", iso, date.precision
    if date.end_date is not None and (date.end_date - date.date).days > 31:
        return "background", iso, 3
    if published is None:
        return ("background" if date.precision == 3 else "new"), iso, date.precision
    age = (published - date.date).days
    if date.precision >= 3 and age > 0:
        return "background", iso, 3
    if age > BACKGROUND_DAYS and (generic or not specific_place or date.precision > 1):
        return "background", iso, date.precision
    if age > PRIOR_DAYS:
        if generic and not specific_place:
            return "background", iso, date.precision
        return "prior", iso, date.precision
    if age < -1:  # a future date: a plan or deadline, not an event
        return None, None, None
    return "new", iso, date.precision


# --- one story, few events ----------------------------------------------------------------------
# Sentence-level extraction fires once per sentence that names violence; a story re-tells its event
# in the headline, the lead, later paragraphs and quotes. `consolidate` folds those retellings into
# the event they repeat. Kinds of event one operation or one incident is told as:
_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_CROWD = {"Protests", "Riots"}
_PART_OF_OPERATION = {"Arrests", "Disrupted weapons use", "Looting/property destruction"}


def _kind(m: Any) -> str | None:
    if m.event_type in _VIOLENCE:
        return "violence"
    if m.event_type in _CROWD:
        return "crowd"
    if m.sub_event_type in _PART_OF_OPERATION:
        return "operation"
    return None


def _start(m: Any) -> int:
    return min((s.start for s in m.evidence), default=1 << 30)


def _days_apart(a: Any, b: Any) -> int:
    if a.event_date is None or b.event_date is None:
        return 0
    return abs((dt.date.fromisoformat(a.event_date) - dt.date.fromisoformat(b.event_date)).days)


def _place_rank(m: Any, dateline: str | None) -> int:
    """0 a country or nothing, 1 the story's dateline town (where it was filed, not always where it
    happened), 2 a province, 3 a town."""
    if m.admin1 is None:
        return 0
    if dateline is not None and m.location is not None and m.location.lower() == dateline.lower():
        return 1
    return 2 if m.geo_precision == 3 or m.location in (None, m.admin1, m.country) else 3


def _vague_place(m: Any, dateline: str | None) -> bool:
    return _place_rank(m, dateline) <= 1


def _two_scenes(a: Any, b: Any, dateline: str | None) -> bool:
    """Each placed at a town of its own: protests in Iten and in Kapsowar are two events."""
    return _place_rank(a, dateline) == _place_rank(b, dateline) == 3 and a.location != b.location


def _same_incident(a: Any, b: Any, dateline: str | None) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka is None or kb is None:
        return False
    if ka != kb and not ({ka, kb} == {"violence", "operation"}):
        return False  # a protest and a bombing in one town on one day are two events
    retold = _same_toll(a, b) and (a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1)
    if _days_apart(a, b) > (RETOLD_DAYS if retold else 0 if a.time_precision == b.time_precision == 1 else 1):
        return False  # (one toll told twice is one incident whatever day each telling gives it)
    if _two_scenes(a, b, dateline) and not retold:
        return False  # two towns named, each the scene of something
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return _vague_place(a, dateline) or _vague_place(b, dateline)  # "British-based monitor": a demonym, not a place
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and not (_vague_place(a, dateline) or _vague_place(b, dateline)):
        return False  # (an event placed only at the dateline town may have happened anywhere the story says)
    return True


RETOLD_DAYS = 7  # "48 killed ... last week" in a story that also dates the 48 to Friday: one incident


def _same_toll(a: Any, b: Any) -> bool:
    """Both tell the same number of dead (more than one: a single death is too common to identify an
    incident), or of wounded where neither gives the dead."""
    for f in ("fatalities", "injuries"):
        x, y = getattr(a, f), getattr(b, f)
        if x is not None and y is not None:
            return x == y and x > 1  # "at least 48" and "48" alike
    return False


def _within(n: int, m: Any, f: str) -> bool:
    """`n` fits `m`'s approximate figure ("several" then "six"; not "at least 15" then the 2 killed by police)."""
    lo, hi = getattr(m, f + "_low"), getattr(m, f + "_high")
    return (lo is None or n >= lo) and (hi is None or n <= hi)


def _exact(m: Any, f: str) -> bool:
    v, lo, hi = getattr(m, f), getattr(m, f + "_low"), getattr(m, f + "_high")
    return v is not None and lo == v == hi


def _harmed_people(m: Any) -> bool:
    """The event reports someone killed or wounded (a figure, or a vague one: "several were hurt")."""
    return any((getattr(m, f) or 0) > 0 or (getattr(m, f + "_low") or 0) > 0 for f in ("fatalities", "injuries"))


def _fold(keep: Any, other: Any, dateline: str | None) -> None:
    """`other` retells `keep`: keep the better-supported figure, place and kind."""
    # The type stays the lead's: on 64 ACLED training notes where folded tellings differed in type, the
    # lead's matched the gold type 45 times, the heaviest telling's (a toll over none) 31. An operation
    # told first (an arrest, a seizure) takes the type of the violence it came with when that violence
    # harmed people ("detained two ... one insurgent was killed"); an explosion or a weapons find with
    # no one hurt is the operation's follow-on, and the detention stays what happened (issue #15).
    retype = _kind(keep) == "operation" and _kind(other) == "violence" and _harmed_people(other)
    for f in ("fatalities", "injuries"):
        mine, theirs = getattr(keep, f), getattr(other, f)
        if theirs is None:
            continue
        if mine is None or (not _exact(keep, f) and _exact(other, f) and _within(theirs, keep, f)):
            for suffix in ("", "_low", "_high"):
                setattr(keep, f + suffix, getattr(other, f + suffix))
    if other.captured is not None and (keep.captured or 0) < other.captured:
        keep.captured = other.captured
    if retype:
        keep.event_type, keep.sub_event_type, keep.weapon = other.event_type, other.sub_event_type, other.weapon
        keep.actor1, keep.actor2, keep.inter1, keep.inter2, keep.interaction = \
            other.actor1, other.actor2, other.inter1, other.inter2, other.interaction
        keep.decided_by = other.decided_by
    if _place_rank(other, dateline) > _place_rank(keep, dateline):
        for f in ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geonameid", "geo_precision"):
            setattr(keep, f, getattr(other, f))
    if keep.event_date is None and other.event_date is not None:
        keep.event_date, keep.time_precision = other.event_date, other.time_precision
    keep.evidence = sorted(keep.evidence + other.evidence, key=lambda s: s.start)
    keep.claims = keep.claims + [c for c in other.claims if c not in keep.claims]


_ANY_DAY = dt.date(2000, 1, 1)


def _context_events(kept: list[Any], text: str, dateline: str | None = None) -> set[int]:
    """A story's news is its lead event; violence told later, elsewhere, with no day of its own
    ("IS has targeted Hasaka province in the past", "the group also holds Raqqa") is context, and
    told in the lead's province with no toll ("the strikes also hit a bakery") is more of the lead:
    folded into it, and returned (their ids) for the caller to drop."""
    from .dates import find_dates
    folded: set[int] = set()
    told = [m for m in kept if m.mention != "background"]
    if len(told) < 2:
        return folded
    lead = told[0]
    for m in told[1:]:
        if any((getattr(m, f) or 0) > 0 and _exact(m, f) for f in ("fatalities", "injuries")):
            continue  # a toll of its own is news of its own
        # any reference day will do: the question is only whether the sentences name a day
        if any(d.precision <= 2 for s in m.evidence for d in find_dates(text[s.start:s.end], _ANY_DAY)):
            continue
        if m.admin1 is None or m.admin1 != lead.admin1:
            m.mention = "background"
        elif m.mention == lead.mention == "new" and not _harmed_people(m) and _kind(m) is not None and _kind(m) == _kind(lead) \
                and _days_apart(m, lead) <= RETOLD_DAYS and not _two_scenes(lead, m, dateline):
            folded.add(id(m))  # more about the lead's fighting in the lead's province: one event
            _fold(lead, m, dateline)
    return folded


def consolidate(events: list[Any], text: str, dateline: str | None = None) -> list[Any]:
    """Fold an article's retellings of one incident into one event (the one told first, the lead's).

    Two non-background events are one incident when they are of one kind (violence, with the
    arrests and seizures of the same operation; or crowd events), at most a day apart, and not
    placed in different provinces. The figures kept are exact ones over vague ones they fit, the
    first told over later ones; captures are the largest count. Background events are left as they are.
    """
    from .casualties import find_captured
    from .dates import dateline_place
    dateline = dateline or dateline_place(text)
    for m in events:
        if m.captured is None:
            m.captured = find_captured(" ".join(text[s.start:s.end] for s in m.evidence))
    kept: list[Any] = []
    for m in sorted(events, key=_start):
        if m.mention == "background":
            kept.append(m)
            continue
        home = next((k for k in kept if k.mention != "background" and _same_incident(k, m, dateline)), None)
        if home is None:
            kept.append(m)
        else:
            _fold(home, m, dateline)
    folded = _context_events(kept, text, dateline)
    kept = [m for m in kept if id(m) not in folded]
    order = {id(m): i for i, m in enumerate(events)}
    out = sorted(kept, key=lambda m: order[id(m)])
    for i, m in enumerate(out, 1):
        if m.article_id and m.event_id.rsplit("-", 1)[0] == m.article_id:
            m.event_id = f"{m.article_id}-{i}"
    return out
