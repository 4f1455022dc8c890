"""Tolls an event database states for several events at once: "Fatalities coded as 4", "split across
2 events (3)", "12 were killed across the three attacks" (this event's share).

Builds on quantities.py only and works on Figures; casualties.py applies the results.
"""
from __future__ import annotations

import re

from .quantities import DIG, WORDNUM, Figure, divided, value


_CODED = re.compile(rf"\b(?:total\s+|unknown\s+|several\s+)?(?:number\s+of\s+)?fatalit(?:y|ies)\s+(?:are\s+|were\s+|was\s+|is\s+)?"
                    rf"coded\s+(?:as|at|to)\s+(?P<n>{DIG})\b(?P<rest>[^.;]*)", re.I)
_SPLIT_K = re.compile(rf"\bfatalit\w*\s+(?:are\s+|were\s+)?(?:split|divided|coded)\s+(?:equally\s+)?(?:across|between|among)\s+"
                      rf"(?P<n>{DIG}|{WORDNUM})\s+events?\s*\(\s*(?P<k>{DIG})\s*\)", re.I)
_SPLIT = re.compile(rf"\bfatalit\w*\s+(?:are\s+|were\s+)?(?:split|divided|coded)\s+(?:equally\s+)?(?:across|between|among)\s+"
                    rf"(?:the\s+)?(?P<n>{DIG}|{WORDNUM})\s+events?\b", re.I)
_THIS_EVENT = re.compile(rf"\bcoded\s+(?:as|at)\s+(?P<k>{DIG})\s+(?:fatalit\w+\s+)?(?:for|to|in)\s+(?:this|the\s+present)\s+event\b", re.I)
_TOTAL = re.compile(rf"\b(?:a\s+)?total\s+(?:of\s+)?(?P<n>{DIG})\s+(?:fatalit(?:y|ies)|deaths|dead|people\s+(?:were\s+)?killed)\b", re.I)
_EACH = re.compile(rf"\bwith\s+(?P<k>{DIG})\s+(?:fatalit\w+\s+)?coded\s+(?:to|for)\s+each\b", re.I)
_PLUS_KNOWN = re.compile(rf"\bin\s+addition\s+to\s+(?P<k>{DIG})\s+known\s+fatalit", re.I)


def coded(text: str) -> tuple[Figure | None, int | None]:
    """An event database's own note on its count: 'Fatalities coded as 4', 'split across 2 events (3)',
    'coded as 16 for this event'.
    (the stated toll, None) when it gives one; (None, N) when it says the toll is divided among N events."""
    m = _SPLIT_K.search(text) or _THIS_EVENT.search(text)  # "split across 6 events and coded as 16 for this event"
    if m:
        k = int(m.group("k").replace(",", ""))
        return Figure(k, k, k, m.start(), m.end(), m.group(0)), None
    m = _CODED.search(text)
    if m:
        n = int(m.group("n").replace(",", ""))
        rest = m.group("rest")
        each = _EACH.search(rest)
        plus = _PLUS_KNOWN.search(rest)
        if each:
            n = int(each.group("k"))
        elif plus:
            n += int(plus.group("k"))
        return Figure(n, n, n, m.start(), m.end(), m.group(0)), None
    m = _SPLIT.search(text)
    if m:
        parts = value(m.group("n"))
        if parts and parts > 1:
            return None, parts
    return None, None


def total(text: str) -> Figure | None:
    """'Total 9 fatalities.' closing a note: the count of everyone told (the caller keeps it off
    cumulative passages: 'a total of 45 deaths since January')."""
    m = _TOTAL.search(text)
    if m is None:
        return None
    n = int(m.group("n").replace(",", ""))
    return Figure(n, n, n, m.start(), m.end(), m.group(0))


_ACROSS = re.compile(r"\bacross\s+(?:(?:all|each)\s+(?:of\s+)?)?(?:(?:the|these|those|both(?:\s+of\s+the)?)\s+)?"
                     rf"(?:(?P<n>{DIG}|{WORDNUM})\s+(?:of\s+the\s+)?)?"
                     r"(?:(?!(?:days?|nights?|weeks?|months?|years?|hours?|of|and|in)\b)[\w-]+\s+){0,2}?"
                     r"(?P<what>attacks|assaults|bombings|blasts|explosions|incidents|events|clashes|strikes|raids|"
                     r"ambushes|shootings|abductions|kidnappings|operations|battles|engagements)\b", re.I)
_ACROSS_TWO = re.compile(r"\bacross\s+(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|bombing|blast|explosion|incident|event|clash|raid)"
                         r"\s+and\s+(?:an?|the|another)\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|bombing|blast|explosion|incident|event|clash|raid)s?\b", re.I)
_ONE_OF = re.compile(rf"\bone\s+of\s+(?:at\s+least\s+)?(?:the\s+)?(?P<n>{DIG}|{WORDNUM})\s+(?:[\w-]+\s+){{0,3}}?"
                     r"(?:attacks|assaults|bombings|blasts|explosions|incidents|events|clashes|strikes|raids|ambushes|"
                     r"shootings|abductions|kidnappings|operations|battles|attempts|hijackings)\b", re.I)


def shared(killed: Figure, text: str, before: str) -> Figure:
    """'This was one of three attacks ... 12 were killed across the attacks': this event's share is 4."""
    if _ACROSS_TWO.search(text):  # "across this assault and an earlier attack"
        return divided(killed, 2)
    m = _ACROSS.search(text)
    if not m:
        return killed
    n = value(m.group("n")) if m.group("n") else (2 if re.search(r"\bboth\b", m.group(0), re.I) else None)
    if n is None:
        one = list(_ONE_OF.finditer(before[-1500:] + " " + text[:m.start()]))
        n = value(one[-1].group("n")) if one else None
    if not n or n < 2:
        return killed
    return divided(killed, n)
