"""What kind of miss a miss is: the error patterns of the non-categorical fields.

Categorical fields (types, countries) are summarised by (gold, predicted) pairs; dates, tolls and
places by the shape of the error, e.g. "the publication date" (the pipeline fell back to the
stand-in publication date), "null, gold > 0" (a toll the pipeline did not read), "over 500 km"
(a namesake in another country).
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .metrics import haversine_km, iso_date

NO_EVENT = "no event"
DATE_FIELDS = {"event_date"}
TOLL_FIELDS = {"fatalities", "fatalities_10pct", "fatalities_strict", "fatalities_nonzero", "nkill", "nkill_strict",
               "nkill_10pct", "nkill_unknown_as_null", "injuries"}
PLACE_FIELDS = {"location_25km"}


def miss_kind(name: str, gold: Any, predicted: Any, *, no_event: bool = False,
              published: str | None = None) -> str | None:
    """A short label for one miss, or None for fields without a shape (categorical ones)."""
    if name == "event_found":
        return predicted if isinstance(predicted, str) else None
    if name not in DATE_FIELDS | TOLL_FIELDS | PLACE_FIELDS:
        return None
    if no_event:
        return NO_EVENT
    if name in DATE_FIELDS:
        return _date_kind(gold, predicted, published)
    if name in TOLL_FIELDS:
        return _toll_kind(gold, predicted)
    return _place_kind(gold, predicted)


def _date_kind(gold: Any, predicted: Any, published: str | None) -> str:
    g, p = iso_date(gold), iso_date(predicted)
    if p is None:
        return "null"
    if g is None:
        return "gold unknown"
    if published and p == iso_date(published):
        return "the publication date"
    days = abs((date.fromisoformat(p) - date.fromisoformat(g)).days)
    if days == 1:
        return "off by 1 day"
    if days <= 7:
        return "off by 2-7 days"
    if p[:4] != g[:4]:
        return "another year"
    if p[:7] == g[:7]:
        return "same month, over a week off"
    return "another month"


def _toll_kind(gold: Any, predicted: Any) -> str:
    if gold is None:
        return "gold unknown, predicted a number"
    if predicted is None:
        return "null, gold > 0" if gold else "null, gold 0"
    if gold == 0:
        return "gold 0, predicted > 0"
    return "too high" if predicted > gold else "too low"


def _point(value: Any) -> tuple[float, float] | None:
    point = value.get("point") if isinstance(value, dict) else value
    if not isinstance(point, (list, tuple)) or len(point) != 2:
        return None
    lat, lon = point
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    return float(lat), float(lon)


def _place_kind(gold: Any, predicted: Any) -> str:
    g, p = _point(gold), _point(predicted)
    if p is None:
        return "no coordinates"
    if g is None:
        return "gold unplaced"
    km = haversine_km(g[0], g[1], p[0], p[1])
    if km < 100:
        return "25-100 km"
    if km < 500:
        return "100-500 km"
    return "over 500 km"
