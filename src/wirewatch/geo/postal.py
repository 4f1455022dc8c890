"""US state abbreviations as copy writes them after a town: "Casa Grande, AZ", "Cooper County,
MO", "Greenwood, Ark." (postal codes, GeoNames' admin1 codes for the US, and the AP style
abbreviations). Read bare, "MO" is Macao's ISO code and "Ark." no place at all."""
from __future__ import annotations

import re

STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts",
    "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming"}
_AP = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE", "Fla": "FL",
    "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Kans": "KS", "Ky": "KY", "La": "LA", "Md": "MD",
    "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT", "Neb": "NE", "Nebr": "NE",
    "Nev": "NV", "N.H": "NH", "N.J": "NJ", "N.M": "NM", "N.Y": "NY", "N.C": "NC", "N.D": "ND", "Okla": "OK",
    "Ore": "OR", "Pa": "PA", "R.I": "RI", "S.C": "SC", "S.D": "SD", "Tenn": "TN", "Tex": "TX", "Va": "VA",
    "Vt": "VT", "Wash": "WA", "W.Va": "WV", "Wis": "WI", "Wyo": "WY"}


def state_name(qualifier: str) -> str | None:
    """The state a qualifier abbreviates ("AZ", "Ariz.", "N.Y."), or None. Only as a qualifier
    after a town: "IN" or "Pa." alone are no place."""
    q = qualifier.strip()
    if re.fullmatch(r"[A-Z]{2}\.?", q):
        return STATES.get(q.rstrip("."))
    return STATES.get(_AP.get(q[:-1], "")) if q.endswith(".") else None  # AP style always has its period
