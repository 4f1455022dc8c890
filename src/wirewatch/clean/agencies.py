"""News agencies: the names they sign with and the one canonical name wirewatch stores.

Copies of one wire story count once as a source, so every spelling of an agency
("Press Trust of India", "PTI", "(PTI)") must collapse to one name.
"""
from __future__ import annotations

import re

# canonical name -> spellings seen in sign-offs, datelines, bylines and JSON-LD authors
AGENCIES: dict[str, tuple[str, ...]] = {
    "IANS": ("IANS", "Indo-Asian News Service", "Indo Asian News Service"),
    "Reuters": ("Reuters", "Thomson Reuters", "Reuters News"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "Agence France-Press"),
    "PTI": ("PTI", "Press Trust of India"),
    "ANI": ("ANI", "Asian News International"),
    "Xinhua": ("Xinhua", "Xinhua News Agency", "Xinhuanet"),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA", "Anadolu Ajansi", "Anadolu Ajansı"),
    "dpa": ("dpa", "Deutsche Presse-Agentur", "Deutsche Presse Agentur"),
    "UNI": ("UNI", "United News of India"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "UPI": ("UPI", "United Press International"),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Ukrinform": ("Ukrinform",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Bernama": ("Bernama",),
    "Sputnik": ("Sputnik",),
    "APA": ("APA",),
    "Trend": ("Trend", "Trend News Agency"),
    "Armenpress": ("Armenpress",),
    "IRNA": ("IRNA", "Islamic Republic News Agency"),
    "WAFA": ("WAFA",),
    "SANA": ("SANA",),
    "KUNA": ("KUNA",),
    "WAM": ("WAM",),
    "SPA": ("SPA", "Saudi Press Agency"),
    "MENA": ("MENA",),
    "APP": ("APP", "Associated Press of Pakistan"),
    "BSS": ("BSS",),
    "PAP": ("PAP",),
    "NNA": ("NNA",),
    "Agenzia Nova": ("Agenzia Nova",),
}

# spellings that are also ordinary English words or common initials: only trusted in a
# structural position (dateline parentheses, a sign-off line), never inside a sentence
AMBIGUOUS = {"AA", "Trend", "RIA", "APA", "APP", "WAM", "SPA", "MENA", "PAP", "NNA", "BSS", "SANA", "WAFA"}

_LOOKUP: dict[str, str] = {}
for _canon, _names in AGENCIES.items():
    for _name in _names:
        _LOOKUP[_name.casefold()] = _canon

_SUFFIX = re.compile(r"\s+(news agency|agency|news service|wire service)$", re.I)


def normalise_agency(name: str | None) -> str | None:
    """Canonical agency name for a spelling ("Press Trust of India" -> "PTI"), or None."""
    if not name:
        return None
    key = re.sub(r"\s+", " ", name.strip(" \t()[]-–—:|,.")).casefold()
    if key.startswith("the "):
        key = key[4:]
    if key in _LOOKUP:
        return _LOOKUP[key]
    stripped = _SUFFIX.sub("", key)
    return _LOOKUP.get(stripped)


def agency_alternation() -> str:
    """Regex alternation over every spelling, longest first (so "AFP" wins over "AP")."""
    spellings = {name for names in AGENCIES.values() for name in names}
    ordered = sorted(spellings, key=len, reverse=True)
    return "|".join(re.escape(n) for n in ordered)
