"""Actors in ACLED's naming, coded to the ISO3 of the state they belong to or act for.

"Armenian missile" / "Azerbaijani forces" / "the Armenian Defence Ministry" -> state forces of that
country; "civilians", "villagers", "a woman" -> Civilians (country of the event); "gunmen" ->
Unidentified Armed Group (country); named groups keep their name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Protocol

from spacy.tokens import Span, Token

from . import vocabulary as vocab


class CountryLookup(Protocol):
    def demonym(self, word: str) -> str | None: ...
    def country(self, name_or_code: str) -> Any: ...


@dataclass
class ActorRef:
    kind: str                  # military | police | state | rebel | militia | civilians | protesters | rioters | unknown_armed | group
    iso3: str | None = None
    name: str | None = None    # explicit group name, e.g. "Taliban"
    text: str = ""

    def acled_name(self, country_name: str | None, location_country: str | None = None) -> str:
        cn = country_name or ""
        loc = location_country or cn
        if self.kind == "military":
            return f"Military Forces of {cn}".strip() if cn else "Military Forces"
        if self.kind == "police":
            return f"Police Forces of {cn}".strip() if cn else "Police Forces"
        if self.kind == "state":
            return f"Government of {cn}".strip() if cn else "Government"
        if self.kind == "civilians":
            return f"Civilians ({loc})" if loc else "Civilians"
        if self.kind == "protesters":
            return f"Protesters ({loc})" if loc else "Protesters"
        if self.kind == "rioters":
            return f"Rioters ({loc})" if loc else "Rioters"
        if self.kind == "unknown_armed":
            return f"Unidentified Armed Group ({loc})" if loc else "Unidentified Armed Group"
        if self.kind == "militia" and not self.name:
            return f"Unidentified Militia ({loc})" if loc else "Unidentified Militia"
        return self.name or self.text

    @property
    def inter(self) -> int:
        return {"military": 1, "police": 1, "state": 1, "rebel": 2, "group": 2, "militia": 4, "rioters": 5,
                "protesters": 6, "civilians": 7, "unknown_armed": 3}.get(self.kind, 3)


MILITARY = vocab.pattern("military")
POLICE = vocab.pattern("police")
STATE = vocab.pattern("state")
CIVILIANS = vocab.pattern("civilians")
PROTESTERS = vocab.pattern("protesters")
RIOTERS = vocab.pattern("rioters")
UNKNOWN = vocab.pattern("unknown_armed")
MILITIA = vocab.pattern("militia")
GROUPISH = vocab.pattern("named_armed_groups")


def country_of_phrase(tokens: Iterable[Token], lookup: CountryLookup) -> str | None:
    """ISO3 of the first demonym or country name among the tokens (subtree of a noun phrase)."""
    toks = list(tokens)
    for t in toks:
        if t.text[:1].isupper():
            iso = lookup.demonym(t.text)
            if iso:
                return iso
    # multi-word country names ("United States", "Democratic Republic of Congo")
    text = " ".join(t.text for t in toks)
    for ent_text in _proper_runs(toks):
        c = lookup.country(ent_text)
        if c is not None:
            return c.iso3
    if re.search(r"\bU\.?S\.?\b", text):
        return "USA"
    return None


def _proper_runs(toks: list[Token]) -> list[str]:
    runs: list[str] = []
    cur: list[str] = []
    for t in toks:
        if t.text[:1].isupper() or (cur and t.lower_ in ("of", "the", "and")):
            cur.append(t.text)
        else:
            if cur:
                runs.append(" ".join(cur))
            cur = []
    if cur:
        runs.append(" ".join(cur))
    out = []
    for r in runs:
        r = re.sub(r"^(?:The|the)\s+", "", r).strip()
        r = re.sub(r"\s+(?:of|the|and)$", "", r)
        if r:
            out.append(r)
    return out


def classify_actor(span_text: str, iso3: str | None, group_name: str | None = None) -> ActorRef | None:
    """Kind of actor a noun phrase names; None when it names no actor."""
    t = span_text
    if group_name:
        return ActorRef("rebel", iso3, group_name, t)
    m = GROUPISH.search(t)
    if m:
        return ActorRef("rebel", iso3, m.group(0), t)
    if RIOTERS.search(t):
        return ActorRef("rioters", iso3, None, t)
    if PROTESTERS.search(t):
        return ActorRef("protesters", iso3, None, t)
    if POLICE.search(t) and not re.search(r"\bsecurity\s+forces\b", t, re.I) or re.search(r"\bpolice\b", t, re.I):
        return ActorRef("police", iso3, None, t)
    if MILITIA.search(t):
        return ActorRef("militia", iso3, None, t)
    if UNKNOWN.search(t):
        return ActorRef("unknown_armed", iso3, None, t)
    if MILITARY.search(t) or re.search(r"\bsecurity\s+forces\b", t, re.I):
        return ActorRef("military", iso3, None, t)
    if CIVILIANS.search(t):
        return ActorRef("civilians", iso3, None, t)
    if STATE.search(t):
        return ActorRef("state", iso3, None, t)
    if iso3:  # a bare country or demonym as the doer: its state forces
        return ActorRef("military", iso3, None, t)
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None or inter2 == 0:
        return inter1 * 10
    a, b = sorted((inter1, inter2))
    return a * 10 + b


_LOCATIVE = {"in", "on", "at", "near", "across", "along", "outside", "inside", "toward", "towards", "into", "around",
             "between", "during", "after", "before", "from"}


def phrase(tok: Token) -> Span:
    """The noun phrase headed by `tok`, without relative clauses."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "appos", "advcl"):
            break
        if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
            break  # "a military base in Cucuta, on the border with Venezuela": where, not who
        right = child.right_edge.i
    return doc[left:right + 1]
