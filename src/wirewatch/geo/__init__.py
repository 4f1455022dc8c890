"""The gazetteer and geocoding: GeoNames towns, admin units, countries and disputed regions in
one SQLite index built by `wirewatch setup`, resolved in the context of a story.

    from wirewatch.geo import get_gazetteer, geocode
    gaz = get_gazetteer()
    gaz.resolve("Khankendi", context=["AZE", "ARM"])
    gaz.resolve_expression("12 km north of Ganja", context=["AZE"])
"""
from __future__ import annotations

from ._fold import fold, loose_key
from .build import BuildStats, build_index
from .resolve import Country, Gazetteer, distance_km, geocode, get_gazetteer, offset_point

__all__ = [
    "Gazetteer", "Country", "BuildStats", "get_gazetteer", "geocode", "build_index",
    "fold", "loose_key", "distance_km", "offset_point",
]
