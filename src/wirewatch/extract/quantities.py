"""Numbers that count people: digits and words, vague quantities ("dozens", "several"), qualifiers
("at least", "up to", "between 5 and 7"), and the `Figure` (low / best / high) they make, with the
arithmetic tolls need (summing two groups, sharing one toll among events, keeping the firmer of two).

The bottom layer of casualty extraction: it imports nothing from casualties.py, victims.py or
tolls.py, which all build on it. Also here: numbers that are not head counts (years, ages, unit
and house numbers, distances), since every reader of counts needs that test.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "couple": 2,
    "both": 2,
}
# Vague quantities: (low, best, high). ACLED codes "dozens" as 12 and "several" as 3 or so.
VAGUE = {
    "dozens": (24, 12, 99), "dozens of": (24, 12, 99), "scores": (40, 40, 99), "scores of": (40, 40, 99),
    "hundreds": (200, 100, 999), "hundreds of": (200, 100, 999), "several": (3, 3, 9), "a few": (3, 3, 5),
    "some": (2, 2, 9), "many": (10, 10, None), "a number of": (3, 3, None), "numerous": (10, 10, None),
    "thousands": (2000, 2000, None), "thousands of": (2000, 2000, None),
}

WORDNUM = r"(?:a\s+dozen|a\s+couple\s+of|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|single|both)"
VAGUEP = r"(?:dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?|thousands(?:\s+of)?|several|a\s+few|a\s+number\s+of|numerous|many)"
DIG = r"\d{1,3}(?:,\d{3})+|\d+"
_QUAL = r"(?:at\s+least|more\s+than|over|nearly|almost|around|about|approximately|some|up\s+to|as\s+many\s+as|an\s+estimated|roughly|fewer\s+than|less\s+than|a\s+total\s+of|another|other|further|a\s+further)"
NUM = rf"(?:(?P<qual>{_QUAL})\s+)?(?:(?P<r1>{DIG})\s*(?:-|–|to|or)\s*(?P<r2>{DIG})|between\s+(?P<b1>{DIG}|{WORDNUM})\s+and\s+(?P<b2>{DIG}|{WORDNUM})|(?P<vague>{VAGUEP})|(?P<num>{DIG}|{WORDNUM}))"

SINGULAR = r"(?:man|woman|boy|girl|child|baby|soldier|officer|policeman|policewoman|civilian|person|victim|driver|farmer|student|teenager|youth|resident|villager|worker|journalist|trader|herder|militant|rebel|fighter|attacker|assailant|gunman|member|leader|commander|official|guard|suspect|teacher|doctor|priest|imam|chief|elder|pilot|passenger|protester|demonstrator|employee|migrant|refugee|prisoner|hostage|trafficker|dealer|smuggler|shepherd|merchant|vendor|councill?or|pastor|lawyer|judge|activist|businessman|contractor|tailor|mechanic)"


@dataclass
class Figure:
    low: int | None
    best: int | None
    high: int | None
    start: int
    end: int
    text: str


def _word_value(w: str) -> int | None:
    w = re.sub(r"\s+", " ", w.lower().strip())
    if w in UNITS:
        return UNITS[w]
    if "-" in w or " " in w:
        parts = re.split(r"[\s-]", w)
        if all(p in UNITS for p in parts):
            return sum(UNITS[p] for p in parts)
    return None


def value(s: str) -> int | None:
    s = s.strip()
    if re.fullmatch(DIG, s):
        return int(s.replace(",", ""))
    n = _word_value(s)
    if n is not None:
        return n
    if s.lower() in ("death", "body", "corpse", "head", "driver", "owner", "operator", "official", "councillor",
                     "activist", "businessman", "journalist") or re.fullmatch(SINGULAR, s, re.I):
        return 1
    if re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}", s):
        return 1  # a named person
    return None


def figure(m: re.Match[str]) -> Figure | None:
    g = m.groupdict()
    qual = (g.get("qual") or "").lower()
    if g.get("r1") or g.get("b1"):
        a = value(g.get("r1") or g["b1"])
        b = value(g.get("r2") or g["b2"])
        if a is None or b is None or a > b:
            return None
        return Figure(a, b, b, m.start(), m.end(), m.group(0))
    if g.get("vague"):
        low, best, high = VAGUE[re.sub(r"\s+", " ", g["vague"].lower())]
        return Figure(low, best, high, m.start(), m.end(), m.group(0))
    if g.get("num2") or g.get("num3"):
        return Figure(1, 1, 1, m.start(), m.end(), m.group(0))
    if not g.get("num"):
        return None
    n = value(g["num"])
    if n is None:
        return None
    if g["num"].lower() in ("a", "an", "single") and g.get("verb", "").lower() in ("fatalities", "deaths", "casualties", "lives", "bodies"):
        return None
    low, best, high = n, n, n
    if qual in ("at least", "more than", "over", "a total of") or qual.startswith("a further") or qual in ("another", "further", "other"):
        high = None
    elif qual in ("up to", "as many as", "fewer than", "less than"):
        low = 0 if qual.startswith(("fewer", "less")) else 1
    elif qual in ("nearly", "almost", "around", "about", "approximately", "some", "an estimated", "roughly"):
        low, high = int(n * 0.9), int(n * 1.1 + 0.5)
    return Figure(low, best, high, m.start(), m.end(), m.group(0))


_ALLEGED = re.compile(r"\b(?:suspected|accused|charged|convicted|arrested|sentenced|jailed|detained|wanted|tried|"
                      r"prosecuted|indicted|guilty)\s+(?:\w+\s+)?(?:of|for|with|over|in)\s+(?:the\s+)?$", re.I)


def bad_context(text: str, m: re.Match[str]) -> bool:
    """Numbers that are not head counts: years, ages, hours, distances."""
    g = m.groupdict()
    group = "num" if g.get("num") else "r1" if g.get("r1") else None
    num = g.get(group) or "" if group else ""
    if re.fullmatch(r"(?:19|20)\d\d", num) or re.fullmatch(r"(?:19|20)\d\d", g.get("r2") or ""):
        return True  # a year, or a date read as a range ("14-05-2016 Five civilians killed")
    at = m.start(group) if group else m.start()
    if re.search(r"\d[-./]$", text[max(0, at - 3):at]) or re.match(r"[-./]\d", text[m.end():]):
        return True  # part of a date or a code ("14-05-2016", "06.04.2017")
    prev = re.search(r"([\w.]+)\s*$", text[max(0, at - 20):at]) if num.isdigit() else None
    if prev and names_number(prev.group(1)):
        return True  # "Unit 204 officers were killed": a unit's number, not a head count
    if re.search(r"\b(?:no|neither|nor)\s+$", text[max(0, m.start() - 10):m.start()], re.I):
        return True  # "no one else was injured", "neither the driver nor the other passenger was hurt": nobody
    if _ALLEGED.search(text[max(0, m.start() - 40):m.start()]):
        return True  # "arrested a man suspected of killing a trader": an old crime, not this event's toll
    after = text[at:m.end()] if group else ""  # (a single victim's phrase may name an age: "the life of a 19-year-old man")
    if re.search(r"\b(?:years?|hours?|km|kilomet|miles?|percent|%|days?|weeks?|months?)\b", after, re.I):
        return True
    if re.match(r"[\s-]*(?:years?|hours?|km|kilomet\w*|miles?|metres?|meters?|percent|%|days?|weeks?|months?|minutes?|times|"
                r"o'clock|a\.?m\b|p\.?m\b)", text[m.end():], re.I):
        return True  # "executed two days later"
    return False


SIMPLE = rf"(?:\d+|{WORDNUM})"


# Nouns that take a number as their name ("Unit 204", "Route 7", "Apartment 3"). A place or a person's
# name before a number does not ("in Daraa 15 civilians were killed" in unpunctuated copy).
_LABEL_NOUNS = {"unit", "units", "route", "highway", "interstate", "road", "street", "avenue", "battalion", "brigade",
                "regiment", "division", "company", "squadron", "platoon", "squad", "section", "sector", "zone", "area",
                "block", "building", "apartment", "apt", "room", "suite", "gate", "checkpoint", "camp", "base", "station",
                "post", "precinct", "ward", "district", "flight", "bus", "line", "track", "terminal", "hall", "level",
                "floor", "grade", "class", "article", "resolution", "chapter", "phase", "stage", "round", "team", "group",
                "number", "no", "channel", "lot", "pier", "berth", "bay", "hangar", "kilometre", "kilometer", "km",
                "mile", "marker", "exit", "junction", "corps", "army", "fleet", "wing", "task", "force", "operation",
                "code", "cell", "tower", "bridge", "school", "hospital", "plot", "house", "villa", "compound"}


def names_number(word: str) -> bool:
    """A label noun right before a number names it ("Unit 204", "Route 7"); other words, places and
    sentence-openers included ("Daraa 15 civilians", "About 20", "All 12"), do not."""
    return word.lower().rstrip(".") in _LABEL_NOUNS and word[:1].isupper()


def overlap(a: Figure, b: Figure) -> bool:
    return a.start < b.end and b.start < a.end


def joined(text: str, a: Figure, b: Figure) -> bool:
    """Two figures of one kind joined by 'and' ("2 soldiers and 3 civilians were killed")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end:second.start]
    return len(between) < 30 and bool(re.fullmatch(r"[\s,]*(?:and|as\s+well\s+as|plus)?[\s,]*", between))


def added(a: Figure, b: Figure) -> Figure:
    """Two tolls of different people, summed."""
    def plus(x: int | None, y: int | None) -> int | None:
        return None if x is None or y is None else x + y
    return Figure(plus(a.low, b.low), plus(a.best, b.best), plus(a.high, b.high), min(a.start, b.start),
                  max(a.end, b.end), a.text + " + " + b.text)


def divided(f: Figure, n: int) -> Figure:
    """A toll shared evenly by `n` events, rounded to the nearest whole person."""
    def part(x: int | None) -> int | None:
        return None if x is None else int(math.floor(x / n + 0.5))
    return Figure(part(f.low), part(f.best), part(f.high), f.start, f.end, f"{f.text} / {n}")


_VAGUE_WORDS = re.compile(rf"\b{VAGUEP}", re.I)


def firmer(told: Figure | None, later: Figure | None) -> Figure | None:
    """The figure to keep when a story tells one toll twice: the first, unless it was only a word
    ("several were killed") and the later one is a number ("six fighters were killed")."""
    if told is None or later is None:
        return told or later
    if _VAGUE_WORDS.search(told.text) and not _VAGUE_WORDS.search(later.text) and later.best:
        return later
    return told

