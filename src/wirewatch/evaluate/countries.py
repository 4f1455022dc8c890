"""Country names as ACLED and GTD write them -> ISO 3166-1 alpha-3, and ISO3 out of actor names.

Kept local to the evaluator (pycountry plus a short table of the names pycountry does not know) so
that scoring never depends on the gazetteer index being built.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .metrics import fold

# Names ACLED/GTD use that pycountry's name/official_name/common_name do not match.
_OVERRIDES: dict[str, str] = {
    "brunei": "BRN",
    "cape verde": "CPV",
    "caribbean netherlands": "BES",
    "curacao": "CUW",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "drc": "COD",
    "republic of congo": "COG",
    "republic of the congo": "COG",
    "congo brazzaville": "COG",
    "east timor": "TLS",
    "ivory coast": "CIV",
    "kosovo": "XKX",  # user-assigned code, as ACLED and the World Bank use
    "macedonia": "MKD",
    "north macedonia": "MKD",
    "micronesia": "FSM",
    "palestine": "PSE",
    "west bank and gaza strip": "PSE",
    "russia": "RUS",
    "turkey": "TUR",
    "swaziland": "SWZ",
    "eswatini": "SWZ",
    "burma": "MMR",
    "laos": "LAO",
    "syria": "SYR",
    "iran": "IRN",
    "vietnam": "VNM",
    "south korea": "KOR",
    "north korea": "PRK",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "taiwan": "TWN",
    "united states": "USA",
    "united states of america": "USA",
    "usa": "USA",
    "united kingdom": "GBR",
    "uk": "GBR",
    "czech republic": "CZE",
    "czechia": "CZE",
    "slovak republic": "SVK",
    "west germany (frg)": "DEU",
    "east germany (gdr)": "DEU",
    "soviet union": "RUS",
    "yugoslavia": "SRB",
    "zaire": "COD",
    "rhodesia": "ZWE",
    "international": "",  # ACLED's "Civilians (International)": no single state
}


@lru_cache(maxsize=1)
def _pycountry_index() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(fold(value), c.alpha_3)
        index.setdefault(fold(c.alpha_3), c.alpha_3)
    return index


@lru_cache(maxsize=4096)
def country_iso3(name: str | None) -> str | None:
    """ISO3 for a country name ('Democratic Republic of Congo' -> 'COD'); None when unknown."""
    if not name:
        return None
    key = fold(name)
    if key in _OVERRIDES:
        return _OVERRIDES[key] or None
    if re.fullmatch(r"[a-z]{3}", key) and key.upper() in _pycountry_index().values():
        return key.upper()
    return _pycountry_index().get(key) or _OVERRIDES.get(key.removeprefix("the ")) or None


# "Military Forces of Israel (2009-)", "Police Forces of Mexico (2018-) National Guard",
# "Government of India (2014-)": the state comes after "of" and before the date range.
_STATE_ACTOR = re.compile(r"\bof (?:the )?(?P<country>[^()]+?) \(\d{4}-(?:\d{4})?\)")
# "Protesters (Brazil)", "Civilians (Mexico)", "Unidentified Armed Group (Philippines)".
_TAGGED_ACTOR = re.compile(r"\((?P<country>[^()\d]+)\)")


def actor_iso3(actor: str | None) -> str | None:
    """The state an ACLED actor name belongs to, read from its conventional form; None when the
    name does not say (e.g. 'Taliban', 'CJNG: Jalisco New Generation Cartel')."""
    if not actor:
        return None
    m = _STATE_ACTOR.search(actor)
    if m:
        iso = country_iso3(m.group("country"))
        if iso:
            return iso
    for m in _TAGGED_ACTOR.finditer(actor):
        iso = country_iso3(m.group("country"))
        if iso:
            return iso
    return None
