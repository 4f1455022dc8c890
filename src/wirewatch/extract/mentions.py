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


def classify_mention(d: Any, published: dt.date | None) -> tuple[str | None, str | None, int | None]:
    """(mention, event_date ISO, time_precision) for a draft event; mention None drops it."""
    date = d.date
    text = " ".join(d.sentences)
    generic = bool(GENERIC.search(text))
    specific_place = (d.place is not None and d.place.feature not in ("country", "admin1", "region", "admin2")) \
        or (d.place is None and bool(getattr(d, "unresolved", None)))  # a named place the gazetteer lacks
    if date is None:
        if published is None:
            return "new", None, None
        if generic and not specific_place:
            return None, None, None
        return "new", published.isoformat(), 2
    iso = date.date.isoformat()
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
