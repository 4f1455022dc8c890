"""Date expressions resolved against the publication day.

Explicit dates ("On 17 October 2020", "October 11", "Oct. 11") go through dateparser; the
relative and vague ones newsrooms use ("on Saturday", "at dawn", "last week", "this July",
"earlier this month", "1988-94") are our own rules, because dateparser has no notion of the
story's own day and resolves weekdays forward.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Holidays that date a story's incident ("a Christmas Day shooting", "on New Year's Eve", "Thanksgiving night"): only with
# "Day", "Eve", a part of the day or "on" before them, not "a Halloween party" or "Christmas shopping".
_HOLIDAY = r"Christmas|New\s+Year'?s|Thanksgiving|Halloween|Valentine'?s|Independence|Memorial|Labor|Mother'?s|Father'?s|" \
           r"St\.?\s+Patrick'?s|Veterans'?|Fourth\s+of\s+July|July\s+Fourth"
# month, then a day of the month or (n-th weekday, weekday: n = -1 the last); the Eve is the day before
_HOLIDAYS: dict[str, tuple[int, int | tuple[int, int]]] = {
    "christmas": (12, 25), "newyears": (1, 1), "thanksgiving": (11, (4, 3)), "halloween": (10, 31), "valentines": (2, 14),
    "independence": (7, 4), "fourthofjuly": (7, 4), "julyfourth": (7, 4), "memorial": (5, (-1, 0)), "labor": (9, (1, 0)),
    "mothers": (5, (2, 6)), "fathers": (6, (3, 6)), "stpatricks": (3, 17), "veterans": (11, 11)}
# the holidays that are a day only with "Day" after them ("Labor Day", not "on Labor")
_DAY_ONLY = {"independence", "memorial", "labor", "mothers", "fathers", "stpatricks", "veterans", "valentines"}


def _holiday(name: str, part: str, year: int) -> dt.date | None:
    key = re.sub(r"[^a-z]", "", name.lower())
    if key not in _HOLIDAYS or (key in _DAY_ONLY and part != "day"):
        return None
    month, day = _HOLIDAYS[key]
    if isinstance(day, tuple):
        nth, wd = day
        if nth > 0:
            first = dt.date(year, month, 1)
            got = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))
        else:
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            got = last - dt.timedelta(days=(last.weekday() - wd) % 7)
    else:
        got = dt.date(year, month, day)
    return got - dt.timedelta(days=1) if part == "eve" else got


# Ordered: longer, more specific forms first. Each yields (kind, match).
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(k, re.compile(p, re.I)) for k, p in [
    ("holiday", rf"\b(?P<h>{_HOLIDAY})\s+(?P<part>Day|Eve|morning|afternoon|evening|night)\b|\bon\s+(?:the\s+)?(?P<h2>{_HOLIDAY})\b(?!\s+(?:Day|Eve|morning|afternoon|evening|night)\b)"),
    ("range_days", rf"\bbetween\s+(?P<d1>{_DAY})(?:\s+(?P<m1>{_MON}))?\s+and\s+(?P<d2>{_DAY})\s+(?P<m2>{_MON})(?:,?\s+(?P<y>{_YEAR}))?"),
    ("range_days", rf"\bbetween\s+(?P<m1>{_MON})\s+(?P<d1>{_DAY})\s+and\s+(?:(?P<m2>{_MON})\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?"),
    ("dmy", rf"\b(?P<d>{_DAY})\s+(?P<m>{_MON})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("mdy", rf"\b(?P<m>{_MON})\s+(?P<d>{_DAY})(?:,\s*|\s+)?(?P<y>{_YEAR})?\b(?!\s*(?:km|kilomet|mile|people|civilians|soldiers))"),
    ("numeric", r"\b(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("year_range", rf"\b(?P<y1>{_YEAR})\s*(?:-|–|to)\s*(?P<y2>(?:1[89]|20)?\d\d)\b"),
    ("season", rf"\b(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)\s+of\s+(?P<y>{_YEAR})"),
    ("month_year", rf"\b(?:in\s+|since\s+|of\s+)?(?P<m>{_MON})\s+(?P<y>{_YEAR})\b"),
    ("this_month", rf"\b(?P<rel>this|last|earlier\s+this|late\s+last|early\s+last)\s+(?P<m>{_MON})\b"),
    ("in_month", r"\b(?:in|since|during|from)\s+(?:early\s+|mid-?|late\s+)?(?P<m>(?:January|February|March|April|May|June|July|August|September|October|November|December))\b(?!\s+\d)"),
    ("rel_month", r"\b(?P<rel>earlier|later|late|early)\s+this\s+month\b|\blast\s+month\b|\bthis\s+month\b"),
    ("rel_year", r"\b(?:last|this|past)\s+year\b|\bin\s+recent\s+years\b"),
    ("weekday_of", rf"\b(?:on\s+|last\s+|this\s+)?(?P<wd>{_WD})(?:'s)?{_PART}\b"),
    ("same_day", r"\b(?:on\s+)?the\s+same\s+(?:day|date|night)\b|\bon\s+this\s+date\b"),
    ("rel_day", rf"\b(?:yesterday|today|tonight|last\s+night|overnight|at\s+dawn(?!\s+(?:on\s+|of\s+)?(?:{_WD}|\d|{_MON}))|this\s+morning|early\s+(?:on\s+)?(?:this\s+)?morning|earlier\s+today|this\s+(?:afternoon|evening))\b"),
    ("days_ago", r"\b(?P<n>\d+|two|three|four|five|six|seven|ten)\s+days\s+(?:ago|earlier)\b"),
    ("rel_week", r"\b(?:last\s+week|earlier\s+this\s+week|this\s+week|past\s+week|a\s+week\s+ago)\b"),
    ("year_in", rf"\b(?:in|since|of|during)\s+(?P<y>{_YEAR})\b"),
]]

_WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


@dataclass(frozen=True)
class DateMention:
    start: int                # offsets within the text given to find_dates
    end: int
    date: dt.date
    precision: int            # 1 day, 2 week / approximate, 3 month or vaguer
    kind: str
    text: str
    end_date: dt.date | None = None  # for ranges

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        parsed = _dateparse(value, None)
        return parsed


@lru_cache(maxsize=4096)
def _dateparse(text: str, base: dt.date | None) -> dt.date | None:
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    got = dateparser.parse(text, languages=["en"], settings=settings)
    return got.date() if got else None


def _month(m: str) -> int:
    return MONTHS[m.lower().rstrip(".")[:4] if m.lower().startswith("sept") else m.lower().rstrip(".")[:3]]


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _year_for(month: int, day: int, pub: dt.date | None) -> int:
    """A day and month with no year: the latest such date not after publication."""
    if pub is None:
        return dt.date.today().year
    y = pub.year
    cand = _safe(y, month, min(day, 28) if month == 2 and day > 28 else day)
    if cand and cand > pub + dt.timedelta(days=1):
        y -= 1
    return y


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, int, dt.date | None] | None:
    g = m.groupdict()
    text = m.group(0).lower()
    if kind in ("dmy", "mdy"):
        if not g["m"][0].isupper():  # "may 10" the verb, not the month
            return None
        month, day = _month(g["m"]), int(re.sub(r"\D", "", g["d"]))
        if not 1 <= day <= 31:
            return None
        year = int(g["y"]) if g.get("y") else _year_for(month, day, pub)
        d = _safe(year, month, day)
        return (d, 1, None) if d else None
    if kind == "numeric":
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, 1, None) if d else None
    if kind == "iso":
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, 1, None) if d else None
    if kind == "range_days":
        m2 = _month(g["m2"]) if g.get("m2") else _month(g["m1"])
        m1 = _month(g["m1"]) if g.get("m1") else m2
        d1, d2 = int(re.sub(r"\D", "", g["d1"])), int(re.sub(r"\D", "", g["d2"]))
        y = int(g["y"]) if g.get("y") else _year_for(m2, d2, pub)
        a, b = _safe(y, m1, d1), _safe(y, m2, d2)
        if not a or not b:
            return None
        return (a, 2 if (b - a).days <= 7 else 3, b)
    if kind == "year_range":
        y1 = int(g["y1"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else int(str(y1)[: 4 - len(y2s)] + y2s)
        if y2 < y1 or y2 - y1 > 60:
            return None
        return (dt.date(y1, 1, 1), 3, dt.date(y2, 12, 31))
    if kind == "season":
        return (dt.date(int(g["y"]), _SEASON_MONTH[g["s"].lower()], 1), 3, None)
    if kind == "month_year":
        return (dt.date(int(g["y"]), _month(g["m"]), 1), 3, None)
    if kind == "year_in":
        return (dt.date(int(g["y"]), 1, 1), 3, None)
    if pub is None:
        return None
    if kind == "holiday":  # the latest such day not after publication
        name, part = g.get("h") or g.get("h2") or "", (g.get("part") or "on").lower()
        if not name[:1].isupper() or (g.get("part") and not g["part"][0].isupper() and part in ("day", "eve")):
            return None
        got = _holiday(name, part, pub.year)
        if got is not None and got > pub + dt.timedelta(days=1):
            got = _holiday(name, part, pub.year - 1)
        weekend = re.match(r"\s+weekend\b", m.string[m.end():m.end() + 9], re.I)  # "Memorial Day weekend"
        return (got, 2 if weekend else 1, None) if got else None
    if kind == "this_month":
        month = _month(g["m"])
        rel = g["rel"].lower()
        y = pub.year if month <= pub.month else pub.year - 1
        if rel.startswith(("last", "late last", "early last")):
            y = pub.year - 1 if month >= pub.month else pub.year
        return (dt.date(y, month, 1), 3, None)
    if kind == "rel_year":
        year = pub.year if text.startswith("this") else pub.year - 1
        return (dt.date(year, 1, 1), 3, None)
    if kind == "in_month":  # "in May": the latest May not after publication
        if not g["m"][0].isupper():
            return None
        month = _month(g["m"])
        return (dt.date(pub.year if month <= pub.month else pub.year - 1, month, 1), 3, None)
    if kind == "rel_month":
        if text.startswith("last"):
            first = pub.replace(day=1) - dt.timedelta(days=1)
            return (first.replace(day=1), 3, None)
        return (pub.replace(day=1), 3, None)
    if kind == "weekday_of":
        wd = WEEKDAYS.index(g["wd"].lower())
        back = (pub.weekday() - wd) % 7
        if text.startswith("last") and back == 0:
            back = 7
        return (pub - dt.timedelta(days=back), 1, None)
    if kind == "same_day":  # the caller replaces it with the date of the event just told
        return (pub, 1, None)
    if kind == "rel_day":
        if "yesterday" in text or "last night" in text:
            return (pub - dt.timedelta(days=1), 1, None)
        return (pub, 1, None)
    if kind == "days_ago":
        n = g["n"]
        k = int(n) if n.isdigit() else _WORDNUM[n.lower()]
        return (pub - dt.timedelta(days=k), 1, None)
    if kind == "rel_week":
        if "last" in text or "ago" in text or "past" in text:
            return (pub - dt.timedelta(days=7), 2, None)
        return (pub - dt.timedelta(days=pub.weekday()), 2, None)
    return None


# A release or dateline line: "KABUL, Afghanistan (Jan. 25, 2013)", "BEIRUT, Lebanon (May 12) -". Its date is
# the day the story was filed, the day "yesterday" and "Monday" count from, and never an event's date.
_DATELINE = re.compile(rf"(?:(?P<caps>\b[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+){{0,2}})|(?:^|\n|\|)\s*(?P<title>[A-Z][a-z'.-]+(?:\s+[A-Z][a-z'.-]+)*))"
                       rf",\s*[A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]+)*\s*\((?P<m>{_MON})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\)")


# The other common form, day before month and a two-digit year: "LIMA, 16 JAN 90 (TELEVISION PERUANA) --".
_DATELINE_DMY = re.compile(rf"(?:^|\n|\|)\s*(?P<caps>[A-Z][A-Z'.-]+(?:[ ][A-Z][A-Z'.-]+){{0,2}}),\s*(?P<d>{_DAY})\s+"
                           rf"(?P<m>(?i:{_MON}))(?:\s+(?P<yy>\d\d(?:\d\d)?))?\s*(?:\([^)\n]{{1,40}}\)\s*)?(?:--|—|–)")


def _release_line(text: str, published: dt.date | None) -> tuple[str, dt.date | None, int, int] | None:
    """(town, date, start, end) of the text's release or dateline line, if it has one."""
    m = _DATELINE.search(text)
    if m is not None and m.group("m")[0].isupper():
        place = m.group("caps") or m.group("title")
        got = _resolve("dmy", m, published)
        return place, got[0] if got else None, m.start("m") - 1, m.end()
    m = _DATELINE_DMY.search(text)
    if m is None:
        return None
    yy = m.group("yy")
    if yy is None:
        year = _year_for(_month(m.group("m")), int(re.sub(r"\D", "", m.group("d"))), published)
    elif len(yy) == 4:
        year = int(yy)
    else:
        century = published.year // 100 * 100 if published else (1900 if int(yy) >= 50 else 2000)
        year = century + int(yy)
    day = _safe(year, _month(m.group("m")), int(re.sub(r"\D", "", m.group("d"))))
    return m.group("caps"), day, m.start("d"), m.end()


def dateline_place(text: str) -> str | None:
    """The town of a dateline like "KABUL, Afghanistan (May 12)" or "LIMA, 16 JAN 90 (EFE) --" anywhere in `text` ("Kabul")."""
    line = _release_line(text, None)
    if line is None:
        return None
    place = line[0]
    return place.title() if place.isupper() else place


def story_dateline(text: str) -> str | None:
    """The release line's town when the cleaner recorded none: "SAN SALVADOR, 9 MAY 89 (AFP) --",
    also after the parser's truecasing made it "San Salvador, 9 May 89 (AFP) --"."""
    head = text[:160]
    return dateline_place(head) or dateline_place(head.upper())


def dateline_date(text: str, published: dt.date | None) -> tuple[dt.date, int, int] | None:
    """(date, start, end) of a dateline's date in `text`, if it has one."""
    line = _release_line(text, published)
    if line is None or line[1] is None:
        return None
    return line[1], line[2], line[3]


# A web page's own time stamp: "Posted: Tuesday, April 15, 2014 10:21 PM EDT", "Created: 08/09/2014 5:14 AM",
# "(Published Monday, March 24, 2014)", a full date opening the text ("15 July 2015 Abu ...", "Friday 19 Aug
# 2016 Syria ..."). Not "Updated", which may be days later, nor a note's "05/15/2017: ..." heading.
_STAMP = re.compile(r"\b(?:posted|created|published|first\s+published|date\s+of\s+publication)\b\s*(?:on\s+)?:?\s*"
                    r"|^\W*(?=(?:\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b))", re.I)
STAMP_CHARS = 600  # a stamp is in the page's head, not in a story's later paragraphs


def reference_day(text: str, published: dt.date | None) -> dt.date | None:
    """The day the story's "yesterday", "Monday" and "last week" count from: its release line's date
    ("KABUL, Afghanistan (Jan. 25, 2013)"), or the page's own "Posted:" stamp, or failing both the
    publication date from its metadata (which may be a later re-publication or crawl)."""
    line = dateline_date(text, published)
    if line is not None:
        return line[0]
    for m in _STAMP.finditer(text[:STAMP_CHARS]):
        got = [d for d in find_dates(text[m.end():m.end() + 40], published)
               if d.start == 0 and d.precision == 1 and d.kind in ("dmy", "mdy", "numeric", "iso") and re.search(r"(?:19|20)\d\d", d.text)]
        if not got:  # "Posted: Tuesday, April 15, 2014": the weekday first
            wd = re.match(rf"{_WD},?\s+", text[m.end():m.end() + 12])
            if wd:
                got = [d for d in find_dates(text[m.end() + wd.end():m.end() + wd.end() + 40], published)
                       if d.start == 0 and d.kind in ("dmy", "mdy") and re.search(r"(?:19|20)\d\d", d.text)]
        if got and (m.group(0).strip() or not re.match(r"\s*[,:;(–—-]", text[m.end() + got[0].end:])):
            return got[0].date  # (a date opening the text is its stamp, "15 July 2015 Abu ...", not "05/15/2017: ...")
    return published


# A release number that opens with its year and month ("2010-06-CA-063"), and a heading that opens the text with
# the release day ("June 17: Afghan-ISAF Operations in Southern Afghanistan").
_RELEASE_NO = re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-[A-Z]{1,4}-\d{1,4}\b")
_HEADING_DAY = re.compile(rf"^\W*(?P<m>{_MON})\s+(?P<d>{_DAY})\s*:\s")


def release_day(text: str) -> dt.date | None:
    """The day a press release with no other date was issued: its yearless heading or release line in the year and
    month of its release number ("June 17: Afghan-ISAF Operations ... 2010-06-CA-063" is 2010-06-17). The cleaner
    drops the number with the release's furniture, so it reads the raw text."""
    m = _RELEASE_NO.search(text[:STAMP_CHARS])
    if m is None:
        return None
    y, mo = int(m.group("y")), int(m.group("m"))
    filed = dt.date(y + mo // 12, mo % 12 + 1, 1) - dt.timedelta(days=1)  # the latest day the heading can be
    line = dateline_date(text, filed)
    if line is not None:
        return line[0]
    heading = _HEADING_DAY.match(text)
    got = _resolve("mdy", heading, filed) if heading else None
    return got[0] if got else None


# The incident's own day, told with its noun anywhere in the story: "Thursday night's shooting", "the Dec. 23
# shooting", "the fatal shooting on January 11", "The shooting happened early Sunday", "The shooting was reported
# around 3 p.m. Monday". Local news leads with the arrest, the death in hospital or the court date and tells the
# day of the incident itself in a later sentence.
_INCIDENT = re.compile(r"\b(?:shooting|stabbing|attack|killing|murder|homicide|bombing|blast|explosion|ambush|shootout|shoot-out|"
                       r"firefight|gunfight)s?\b", re.I)
_BEFORE_NOUN = re.compile(r"\s*(?:'s|’s)?\s*(?:(?:fatal|deadly|double|triple|apparent|accidental|drive-by)\s+)*$", re.I)
_BETWEEN = re.compile(r"^[\s,]*(?:(?:that|which|was|were|happened|occurred|took\s+place|reported|broke\s+out|erupted|on|early|late|"
                      r"around|about|at|just|shortly|before|after|approximately|in\s+the)\b[\s,.]*|\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)[\s,]*)*$", re.I)
_INCIDENT_KINDS = ("weekday_of", "dmy", "mdy", "numeric", "iso", "rel_day", "holiday")


def incident_day(text: str, published: dt.date | None) -> DateMention | None:
    """The first day the story ties to the incident's own noun (see _INCIDENT), if any."""
    for m in _INCIDENT.finditer(text):
        lo = max(0, m.start() - 40)
        for d in find_dates(text[lo:m.end() + 70], published):
            if d.precision != 1 or d.kind not in _INCIDENT_KINDS:
                continue
            a, b = lo + d.start, lo + d.end
            if b <= m.start() and _BEFORE_NOUN.fullmatch(text[b:m.start()]) and (
                    "'" in text[b:m.start()] or "’" in text[b:m.start()] or re.search(r"\bthe\s+$", text[lo:a], re.I)):
                return DateMention(a, b, d.date, 1, d.kind, d.text)  # "Thursday night's shooting", "the Dec. 23 shooting"
            if a >= m.end() and _BETWEEN.fullmatch(text[m.end():a]):
                return DateMention(a, b, d.date, 1, d.kind, d.text)  # "the shooting on January 11"
    return None


# The day told with the clock time of the call or the shots: "Police responded about 8:50 p.m. Dec. 7", "gunfire erupted
# around 11:30 p.m. on June 1", "in the early morning hours of Jan. 1". A story leading with an arrest or a hearing tells
# the incident itself so; the clock time of an arrest, a death in hospital or a page's stamp is not it.
_CLOCK = r"\d{1,2}(?::\d\d)?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|o'clock)"
_CLOCK_BEFORE = re.compile(rf"(?:{_CLOCK}[\s,]*(?:on\s+)?(?:the\s+)?|\b(?:the\s+)?(?:early\s+|late\s+)?(?:morning|night|evening|afternoon)"
                           rf"(?:\s+hours)?\s+of\s+)$", re.I)
_CLOCK_AFTER = re.compile(rf"^[\s,]*(?:at\s+)?(?:about\s+|around\s+|approximately\s+|roughly\s+|just\s+(?:before|after)\s+)?{_CLOCK}", re.I)
_SHOTS = re.compile(r"\b(?:shot|shoot\w*|gunfire|gunshots?|fired|killed|stabb\w*|wounded|struck|discharged|responded|dispatched|called|"
                    r"erupted|found)\b", re.I)
_PROCEDURE = re.compile(r"\b(?:arrest\w*|charged|charges|court|sentenc\w*|hearing|custody|pleaded|plea|trial|booked|indicted|jail\w*|"
                        r"arraign\w*|funeral|vigil|died|pronounced|surrender\w*|posted|updated|published|created)\b", re.I)


def timed_day(text: str, published: dt.date | None) -> DateMention | None:
    """The first day the story tells with the clock time of a police call or of shots (see _CLOCK_BEFORE), if any."""
    for d in find_dates(text, published):
        if d.precision != 1 or d.kind not in ("weekday_of", "dmy", "mdy", "numeric", "iso", "holiday"):
            continue
        if not (_CLOCK_BEFORE.search(text[max(0, d.start - 40):d.start]) or _CLOCK_AFTER.match(text[d.end:d.end + 40])):
            continue
        line = text.find("\n", d.end)
        around = text[max(text.rfind("\n", 0, d.start) + 1, d.start - 160):min(d.end + 120, line if line > 0 else len(text))]
        if _SHOTS.search(around) and not _PROCEDURE.search(around):
            return d
    return None


_QUALIFIED = re.compile(r"\b(?:on\s+or\s+(?:around|about)|around|about|approximately|circa)\s*$", re.I)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """All date expressions in `text`, non-overlapping, in text order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    line = dateline_date(text, published)
    if line is not None:  # relative dates count from the day the story was filed
        published = line[0]
        taken.append(line[1:])
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < b and e > a for a, b in taken):
                continue
            res = _resolve(kind, m, published)
            if res is None:
                continue
            date, precision, end = res
            if line is not None and kind in ("dmy", "mdy", "numeric", "iso") and date == line[0] and s < line[1]:
                continue  # "May 12: Afghan-ISAF Operations ... KABUL, Afghanistan (May 12)": the heading restates the release day
            if kind in ("dmy", "mdy") and _QUALIFIED.search(text[max(0, s - 20):s]):
                precision = max(precision, 2)
            found.append(DateMention(s, e, date, precision, kind, m.group(0), end))
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


def parse_date_text(text: str, published: dt.date | None = None) -> DateMention | None:
    """First date in a short string, falling back to dateparser for unusual formats."""
    got = find_dates(text, published)
    if got:
        return got[0]
    d = _dateparse(text.strip(), published)
    return DateMention(0, len(text), d, 1, "dateparser", text) if d else None
