"""Location phrases: the patterns a place name comes wrapped in ("12 km north of X", "near X",
"X province", "the town of X", "X, Y", "X (Y, Z)") and the geometry they need (great-circle
distances and offsets)."""
from __future__ import annotations

import math
import re

# "12 km north of X", "about 5 miles south-east of the town of X"
_OFFSET = re.compile(
    r"^(?:about |some |around |approximately |roughly |nearly |almost |over |less than )?"
    r"(?P<dist>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilomet(?:er|re)s?|miles?|mi)\s+"
    r"(?:to the\s+)?(?P<dir>(?:north|south)(?:\s*-?\s*(?:east|west))?|east|west|[ns][ew]?|[ew])(?:ern|ward)?"
    r"\s+(?:of|from)\s+(?P<place>.+)$", re.I)
_DISTANCE_ONLY = re.compile(
    r"^(?:about |some |around |approximately )?\d+(?:[.,]\d+)?\s*-?\s*(?:km|kms|kilomet(?:er|re)s?|miles?)"
    r"\s+(?:away\s+)?(?:from|of|outside|off)\s+(?P<place>.+)$", re.I)
_NEAR = re.compile(
    r"^(?:near|nearby|close to|just outside of|just outside|outside of|outside|on the outskirts of|the outskirts of|outskirts of|"
    r"in the outskirts of|on the edge of|the edge of|around|in the vicinity of|the vicinity of|vicinity of|"
    r"in the area of|the area of|area of|in the suburbs of|the suburbs of|suburbs of|a suburb of|suburb of|"
    r"on the road to|the road to|on the way to|not far from|a village near|villages near|"
    r"a village outside|villages around|the area around|areas around|surrounding|(?:the )?environs of)"
    r"\s+(?P<place>.+)$", re.I)
# The kinds of unit, in English and in the words English copy keeps from each country's own system
# (upazila: Bangladesh; tehsil, taluka, mandal: South Asia; woreda: Ethiopia; sub-county: Kenya,
# Uganda; LGA: Nigeria; cercle: Mali; sub-prefecture: Chad, CAR; hromada: Ukraine)
_UNIT_WORDS = (r"district|province|region|governorate|oblast|state|county|department|prefecture|rayon|"
               r"municipality|division|territory|zone|area|parish|canton|emirate|wilaya|raion|"
               r"upazila|upazilla|tehsil|taluka|taluk|mandal|woreda|sub-county|subcounty|lga|"
               r"local government area|cercle|sub-prefecture|subprefecture|hromada")
_UNIT_AFTER = re.compile(rf"^(?:the\s+)?(?P<place>.+?)\s+(?:{_UNIT_WORDS})s?$", re.I)
_UNIT_BEFORE = re.compile(rf"^(?:the\s+)?(?:{_UNIT_WORDS})\s+of\s+(?P<place>.+)$", re.I)
_TOWN_OF = re.compile(r"^(?:the\s+)?(?:town|city|village|hamlet|settlement|capital)\s+of\s+(?P<place>.+)$", re.I)
_ADMIN2_WORDS = re.compile(r"\b(?:district|county|municipality|rayon|raion|parish|upazilla|upazila|tehsil|taluka|"
                           r"taluk|woreda|sub-county|subcounty|lga|local government area|cercle|sub-prefecture|"
                           r"subprefecture|hromada)s?\b", re.I)
_BRACKETED = re.compile(r"^(?P<head>[^()]+?)\s*\((?P<inner>[^()]+)\)$")  # "Hays (Hays, Al Hudaydah)"
_LEADING = re.compile(r"^(?:in|at|from|into|on|the)\s+", re.I)
_BEARINGS = {"n": 0, "ne": 45, "e": 90, "se": 135, "s": 180, "sw": 225, "w": 270, "nw": 315}
_EARTH_KM = 6371.0


def strip_unit(text: str) -> str:
    """"Barinas state" -> "Barinas"."""
    m = _UNIT_AFTER.match(text) or _UNIT_BEFORE.match(text)
    return m["place"] if m else text


def bearing(word: str) -> float | None:
    w = re.sub(r"[\s-]", "", word.lower())
    w = w.replace("north", "n").replace("south", "s").replace("east", "e").replace("west", "w")
    return _BEARINGS.get(w)


def offset_point(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point `km` away from (lat, lon) on the given compass bearing (great circle)."""
    d, b = km / _EARTH_KM, math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
