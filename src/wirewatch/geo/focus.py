"""The province a story is about, from the place names it uses.

A local story names its town and county ("in Sumter ... the Sumter County Sheriff's Office") but
seldom its state, and a bare town name has namesakes in many provinces (Sumter, Florida; Marion in
twenty states). The names of one story agree on one province more often than chance: each
distinct name spreads one vote over the provinces where it names a town of 1,000 people or an
admin unit, and a province that two names or more support, with a full vote and half again as
many as the next, is the story's.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

from ._fold import fold

_MIN_VOTES, _LEAD = 0.5, 1.5   # half a vote (two names at least), half again as many as the runner-up
_UNIT_WORD = re.compile(r"\s+(?:county|parish|borough|state|province|district|department|governorate|region)$", re.I)


def story_province(gazetteer: Any, names: Sequence[str], context: Sequence[str] = ()) -> tuple[str, str] | None:
    """(iso3, admin1) of the province the story's place names agree on, or None when they do not
    clearly agree. Only places of the story's countries vote when it has any."""
    votes: dict[tuple[str, str], float] = {}
    support: dict[tuple[str, str], int] = {}
    seen: set[str] = set()
    for name in names:
        key = fold(_UNIT_WORD.sub("", name.strip()))
        if not key or key in seen:
            continue
        seen.add(key)
        units = {(p.iso3, p.admin1) for p in gazetteer.candidates(name, context, limit=25)
                 if p.iso3 and p.admin1 and fold(p.name) == key and (not context or p.iso3 in context)
                 and (p.feature in ("admin1", "admin2") or (p.feature == "city" and (p.population or 0) >= 1000))}
        for unit in units:
            votes[unit] = votes.get(unit, 0.0) + 1.0 / len(units)
            support[unit] = support.get(unit, 0) + 1
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= _MIN_VOTES and support[ranked[0][0]] >= 2 and (len(ranked) == 1 or ranked[0][1] >= _LEAD * ranked[1][1]):
        return ranked[0][0]
    return None
