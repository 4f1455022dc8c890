"""Datelines: the "PLACE, DATE (AGENCY) -" prefix of a wire story's first paragraph.

Split off by `split_dateline` (only when the structure is unmistakable) and resolved to a date
against the story's publication date (`Dateline.resolve_date`): "yesterday" in the story means
the day before the dateline's day, not before the day it was republished.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .agencies import agency_alternation, normalise_agency

_AGENCY = agency_alternation()

@dataclass
class Dateline:
    """The "PLACE, DATE (AGENCY) -" prefix of a wire story's first paragraph."""

    raw: str
    place: str | None = None
    region: str | None = None          # "Ukraine" in "KYIV, Ukraine (AFP)", "India" in "[India]"
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None          # canonical when known, else the literal name

    def resolve_date(self, reference: str | None = None, today: date | None = None) -> str | None:
        """ISO date of the dateline; a missing year comes from `reference` (ISO) or today."""
        if self.month is None or self.day is None:
            return None
        if self.year is not None:
            return _iso(self.year, self.month, self.day)
        known = _year_month(reference)
        if known is not None:
            year, ref_month = known
            # a December dateline on a story published in January belongs to the year before
            return _iso(year - 1 if self.month - ref_month > 6 else year, self.month, self.day)
        today = today or date.today()
        resolved = _iso(today.year, self.month, self.day)
        if resolved is not None and date.fromisoformat(resolved) > today + timedelta(days=2):
            return _iso(today.year - 1, self.month, self.day)  # datelines are never in the future
        return resolved


# ---------------------------------------------------------------------------------------
# datelines

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_PARTICLES = r"(?:de|del|da|do|du|des|es|el|al|la|le|of|upon|on|the|an|am|im|sur|en|y|i)"
_WORD = r"(?:[A-Z][\w.'’]*(?:-[\w.'’]+)*)"
_PLACE = rf"(?P<place>{_WORD}(?:(?:\s+|/|-)(?:{_PARTICLES}(?:\s+|-))?{_WORD}){{0,4}})"
_DATELINE = re.compile(
    rf"^{_PLACE}"
    rf"(?:\s*\[(?P<bracket>[^\]]{{2,30}})\])?"
    rf"(?:,\s*(?!(?i:{_MONTH})\b)(?P<region>{_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_WORD}){{0,3}}))?"
    rf"(?:,?\s+(?:(?P<mon>(?i:{_MONTH}))\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>(?i:{_MONTH}))\.?)(?:,?\s+(?P<year>(?:19|20)\d\d))?)?"
    rf"\s*(?:\((?P<agency>[A-Z][\w&.'’ -]{{0,40}}?|dpa)\))?"
    rf"(?P<sep>\s*(?:--|—|–|-|:|\|)\s*|\s+)"
    rf"(?=[\"'“‘A-Z0-9])"
)
_DATELINE_NOPLACE = re.compile(
    rf"^(?:(?P<mon>(?i:{_MONTH}))\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*)?"
    rf"\((?P<agency>[^)]{{1,40}})\)(?P<sep>\s*(?:--|—|–|-|:)\s*)(?=[\"'“‘A-Z0-9])"
)
# first words that end in a colon without being a place
_NOT_PLACES = {"update", "updated", "note", "watch", "photo", "photos", "video", "read", "also", "breaking",
               "exclusive", "analysis", "opinion", "editorial", "explainer", "live", "latest", "warning",
               "editor's", "editors", "correction", "clarification", "summary", "background", "context",
               "comment", "review", "listen", "file", "source", "sources", "image", "caption", "q", "a"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """Split "Baku, Oct 18 (IANS) The death toll..." into the dateline and the rest.

    Accepted only when the structure is unmistakable: an agency in parentheses, or a
    dash/colon after an ALL-CAPS place ("BEIRUT —") or after a place and date.
    """
    head, sep, tail = text.partition("\n")
    match = _DATELINE.match(head)
    if not match:
        return _split_placeless(head, sep + tail)
    place = match.group("place")
    agency_raw = match.group("agency")
    mon = match.group("mon") or match.group("mon2")
    day = match.group("day") or match.group("day2")
    hard_sep = match.group("sep").strip() != ""
    if place.casefold() in _WEEKDAYS or _is_month(place.split()[0]):
        return _split_placeless(head, sep + tail)
    if agency_raw is not None:
        agency = _dateline_agency(agency_raw)
        if agency is None:
            return None, text
        letters = re.sub(r"[^A-Za-z]", "", place)
        # an unknown name in parentheses is an agency only in a full "PLACE, DATE (NAME)"
        if normalise_agency(agency) is None and not (mon or letters.isupper()):
            return None, text
    else:
        agency = None
        letters = re.sub(r"[^A-Za-z]", "", place)
        colon_place = (match.group("sep").strip() == ":" and len(place.split()) <= 3
                       and place.split()[0].casefold() not in _NOT_PLACES)  # "Srinagar: Police said..."
        if not hard_sep or not (mon or (letters.isupper() and len(letters) >= 3) or colon_place):
            return None, text
    rest = head[match.end():].lstrip()
    if len(rest.split()) < 3:  # a dateline always introduces a sentence
        return None, text
    dateline = Dateline(
        raw=head[: match.end()].strip(),
        place=_place_name(place),
        region=match.group("bracket") or match.group("region"),
        month=_MONTHS[mon[:3].casefold()] if mon else None,
        day=int(day) if day else None,
        year=int(match.group("year")) if match.group("year") else None,
        agency=agency,
    )
    return dateline, rest + sep + tail


def _split_placeless(head: str, tail: str) -> tuple[Dateline | None, str]:
    """"March 3 (Reuters) - ..." or "(AP) — ...": a dateline without a place."""
    match = _DATELINE_NOPLACE.match(head)
    if not match:
        return None, head + tail
    agency = normalise_agency(match.group("agency"))
    rest = head[match.end():].lstrip()
    if agency is None or len(rest.split()) < 3:
        return None, head + tail
    mon = match.group("mon")
    return Dateline(
        raw=head[: match.end()].strip(),
        month=_MONTHS[mon[:3].casefold()] if mon else None,
        day=int(match.group("day")) if match.group("day") else None,
        year=int(match.group("year")) if match.group("year") else None,
        agency=agency,
    ), rest + tail


def _is_month(word: str) -> bool:
    return re.fullmatch(_MONTH, word.strip("."), re.I) is not None


def _dateline_agency(raw: str) -> str | None:
    """An agency named in dateline parentheses: a known one, or a plausible literal name."""
    canonical = normalise_agency(raw)
    if canonical:
        return canonical
    words = raw.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in raw):
        return None
    if any(_is_month(w) or w.casefold() in _WEEKDAYS for w in words):
        return None
    if not all(w[0].isupper() or w.casefold() in {"of", "the", "and", "de"} for w in words):
        return None
    return raw.strip()


def _place_name(place: str) -> str:
    """"KYIV" -> "Kyiv", "UNITED NATIONS" -> "United Nations"; "Kyiv/Moscow" -> "Kyiv"."""
    first = place.split("/")[0].strip()
    if first.isupper() and len(first) > 2:
        words = re.findall(r"[A-Z][A-Z'’.]*|[^A-Z]+", first)
        first = "".join(w.casefold() if i and w.casefold() in _LOWER_PARTICLES else w.capitalize()
                        for i, w in enumerate(words))
    return first


_LOWER_PARTICLES = {"au", "aux", "de", "del", "della", "la", "le", "les", "du", "des", "sur", "en", "es",
                    "da", "do", "dos", "das", "of", "on", "upon", "am", "an", "im"}


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_month(iso: str | None) -> tuple[int, int] | None:
    if not iso:
        return None
    m = re.match(r"(\d{4})-(\d{2})", iso)
    return (int(m.group(1)), int(m.group(2))) if m else None
