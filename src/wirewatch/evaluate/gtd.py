"""GTD gold rows: `summary` is the text (verbatim, its "MM/DD/YYYY:" lead included), the coded
columns are the gold.

GTD has no coordinates: the gold place is `city` resolved with the project's gazetteer inside the
row's country (`provstate` as extra context). Rows whose city the gazetteer cannot place are left
out of `location_25km` and counted under `excluded`; the report notes how many.
"""
from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import SetupError
from ..model import Article, Mention
from ..settings import Settings
from .core import GoldCase, Outcome, cell_int, choose_mention, count_hits, csv_rows, miss_everything, why_no_event
from .countries import country_iso3
from .metrics import fatalities_hit, iso_date, same_label, same_place_name, within_km
from .taxonomy import Label, gtd_families, gtd_to_acled

CONTRACT_FIELDS = ("event_date", "nkill", "location_25km", "attack_type")
EXTRA_FIELDS = ("event_found", "nkill_strict", "nkill_10pct", "nkill_unknown_as_null", "nkill_single_incident",
                "acled_event_type", "country", "admin1")
REQUIRED_COLUMNS = ("iyear", "imonth", "iday", "summary", "attacktype1_txt")

Point = tuple[float, float]
GoldGeocoder = Callable[[str, str | None, str | None], Point | None]
log = logging.getLogger(__name__)
# What a gazetteer lookup of a gold name can raise: a damaged or locked index, or a name the
# matcher cannot take. The row's point is then unknown (excluded), never a crash of the run.
_LOOKUP_ERRORS = (sqlite3.Error, ValueError)
_SUFFIX = re.compile(r"\s+(district|city|town|village|area|province|municipality)$", re.I)
_NOT_A_TOWN = {"country", "admin1", "region"}
# GTD splits one reported toll between the related incidents it records ("This was one of three
# coordinated attacks ... killed across the attacks"), so the row's nkill is a share the text
# never states. `nkill_single_incident` leaves such rows out.
_COMBINED_TOLL = re.compile(
    r"\bone of (?:\w+ ){1,3}(?:attacks|assaults|bombings|incidents|explosions|blasts|abductions|clashes)"
    r"|\bacross (?:both|all|the|these|those) ", re.I)


@dataclass
class GtdGold:
    event_date: str | None
    nkill: int | None
    attack_type: str | None          # None when GTD says "Unknown"
    label: Label                     # ACLED codings consistent with the incident
    country: str | None
    iso3: str | None
    provstate: str | None
    city: str | None
    combined_toll: bool = False      # the summary reports one toll over several GTD incidents
    point: Point | None = None       # filled lazily by the geocoder


def gazetteer_geocoder(settings: Settings) -> tuple[GoldGeocoder | None, str | None]:
    """A geocoder over the project's gazetteer, or (None, why) when the index is unavailable."""
    try:
        from ..geo import get_gazetteer
        gazetteer = get_gazetteer(settings)
    except (ImportError, SetupError, OSError) as e:
        return None, f"location_25km not scored: gazetteer unavailable ({type(e).__name__}: {e})"
    cache: dict[tuple[str, str | None, str | None], Point | None] = {}

    def resolve(city: str, provstate: str | None, iso3: str | None) -> Point | None:
        key = (city, provstate, iso3)
        if key not in cache:
            cache[key] = _resolve_city(gazetteer, city, provstate, iso3)
        return cache[key]

    return resolve, None


def _resolve_city(gazetteer: Any, city: str, provstate: str | None, iso3: str | None) -> Point | None:
    """The town named `city` inside the gold country and province: the best-ranked gazetteer
    candidate that lies there. None rather than a namesake elsewhere or a province centroid (that
    would score a region-level prediction as a town-level hit)."""
    context = [iso3] if iso3 else []
    provinces = _province_names(gazetteer, provstate, context)
    names = [city] + ([_SUFFIX.sub("", city)] if _SUFFIX.search(city) else [])
    for name in names:
        try:
            places = gazetteer.candidates(name, context=context, limit=10)
        except _LOOKUP_ERRORS as e:
            log.warning("GTD gold city %r: gazetteer lookup failed (%s); its point is left unknown", name, e)
            places = []
        for place in places:
            if place.latitude is None or place.longitude is None or (place.feature or "") in _NOT_A_TOWN:
                continue
            if iso3 and place.iso3 != iso3:
                continue
            if provinces and place.admin1 and not any(same_place_name(place.admin1, p) for p in provinces):
                continue  # a namesake town in another province
            return (float(place.latitude), float(place.longitude))
    return None


def _province_names(gazetteer: Any, provstate: str | None, context: list[str]) -> list[str]:
    """GTD's province name plus the gazetteer's own spellings of that unit, so a place's admin1 is
    compared with a name from the same source: the admin1 units the name resolves to in the
    country, and the admin1 of a same-named provincial capital ('Sari Pul' -> 'Sar-e Pol')."""
    if not provstate:
        return []
    names = [provstate]
    try:
        units = gazetteer.candidates(provstate, context=context, limit=5)
    except _LOOKUP_ERRORS as e:
        log.warning("GTD gold province %r: gazetteer lookup failed (%s); compared as written", provstate, e)
        units = []
    for u in units[:3]:
        if context and u.iso3 not in context:
            continue
        name = u.name if u.feature == "admin1" else u.admin1
        if name and name not in names:
            names.append(name)
    return names


def gold_of(row: dict[str, str]) -> GtdGold:
    y, m, d = cell_int(row.get("iyear")), cell_int(row.get("imonth")), cell_int(row.get("iday"))
    when: str | None = None
    if y and m and d:  # GTD writes 0 for an unknown month or day
        try:
            when = date(y, m, d).isoformat()
        except ValueError:
            when = None
    attack = (row.get("attacktype1_txt") or "").strip()
    country = (row.get("country_txt") or "").strip() or None
    return GtdGold(
        event_date=when,
        nkill=cell_int(row.get("nkill")),
        attack_type=attack if attack and attack != "Unknown" else None,
        label=gtd_to_acled(attack, (row.get("targtype1_txt") or "").strip() or None,
                           (row.get("weaptype1_txt") or "").strip() or None),
        country=country,
        iso3=country_iso3(country),
        provstate=(row.get("provstate") or "").strip() or None,
        city=(row.get("city") or "").strip() or None,
    )


class GtdKind:
    """`--kind gtd`: one incident per row."""

    name: str = "gtd"
    fields: tuple[str, ...] = CONTRACT_FIELDS + EXTRA_FIELDS

    def __init__(self, geocoder: GoldGeocoder | None = None, geocoder_note: str | None = None):
        self.geocoder = geocoder
        self.notes: list[str] = [geocoder_note] if geocoder_note else []
        self.unresolved = 0

    def load(self, path: Path) -> Iterator[GoldCase]:
        skipped = 0
        for line, row in csv_rows(path, REQUIRED_COLUMNS, "a GTD"):
            text = (row.get("summary") or "").strip()
            if not text:
                skipped += 1
                continue
            gold = gold_of(row)
            gold.combined_toll = bool(_COMBINED_TOLL.search(text))
            year = (row.get("iyear") or "").strip()
            case_id = (row.get("eventid") or f"line {line}").strip()
            article = Article(article_id=f"gtd:{case_id}", text=text,
                              published=f"{year}-12-31" if year else None, source=f"{path}:{line}")
            unit = f"{gold.country or ''}/{gold.provstate or ''}"
            yield GoldCase(case_id=case_id, article=article, unit=unit, gold=gold)
        if skipped:
            self.notes.append(f"{skipped} rows without a summary skipped")

    def gold_point(self, gold: GtdGold) -> Point | None:
        if gold.point is None and gold.city and self.geocoder is not None:
            gold.point = self.geocoder(gold.city, gold.provstate, gold.iso3)
            if gold.point is None:
                self.unresolved += 1
        return gold.point

    def score(self, case: GoldCase, article: Article, match: str) -> list[Outcome]:
        gold: GtdGold = case.gold
        point = self.gold_point(gold)
        chosen = choose_mention(article.events, match, lambda m: count_hits(score_mention(gold, point, m)))
        if chosen is None:
            return [Outcome("event_found", False, None, why_no_event(article))] + miss_everything(score_mention(gold, point, Mention(event_id="")))
        return [Outcome("event_found", True, None, chosen.mention)] + score_mention(gold, point, chosen)


def score_mention(gold: GtdGold, point: Point | None, m: Mention) -> list[Outcome]:
    """Every field of one predicted event against one GTD row."""
    out: list[Outcome] = []

    def add(name: str, known: bool, hit: bool, g: object = None, p: object = None, cat: bool = False) -> None:
        out.append(Outcome(name, hit if known else None, g, p, cat))

    pred_date = iso_date(m.event_date)
    add("event_date", gold.event_date is not None, pred_date == gold.event_date, gold.event_date, pred_date)
    known_k = gold.nkill is not None
    gk = gold.nkill or 0
    add("nkill", known_k, fatalities_hit(m.fatalities, gk), gold.nkill, m.fatalities)
    add("location_25km", point is not None,
        point is not None and within_km((m.latitude, m.longitude), point),
        {"city": gold.city, "provstate": gold.provstate, "point": list(point) if point else None},
        {"location": m.location, "point": [m.latitude, m.longitude]})
    families = gtd_families(m.event_type, m.sub_event_type)
    add("attack_type", gold.attack_type is not None, gold.attack_type in families,
        gold.attack_type, _coding(m), True)
    add("nkill_strict", known_k, fatalities_hit(m.fatalities, gk, null_is_zero=False), gold.nkill, m.fatalities)
    add("nkill_10pct", known_k, fatalities_hit(m.fatalities, gk, tolerance=0.1), gold.nkill, m.fatalities)
    # GTD's empty nkill (unknown) read as wirewatch's null: the other way to count those rows.
    add("nkill_unknown_as_null", True,
        m.fatalities is None if not known_k else fatalities_hit(m.fatalities, gk), gold.nkill, m.fatalities)
    add("nkill_single_incident", known_k and not gold.combined_toll, fatalities_hit(m.fatalities, gk),
        gold.nkill, m.fatalities)
    add("acled_event_type", gold.label.event_type is not None, same_label(m.event_type, gold.label.event_type),
        gold.label.event_type, m.event_type, True)
    pred_iso = (m.iso3 or "").upper() or country_iso3(m.country)
    add("country", gold.iso3 is not None, pred_iso == gold.iso3, gold.country, m.country or m.iso3, True)
    add("admin1", gold.provstate is not None, same_place_name(m.admin1, gold.provstate),
        gold.provstate, m.admin1, True)
    return out


def _coding(m: Mention) -> str | None:
    if not m.event_type:
        return None
    return f"{m.event_type} / {m.sub_event_type}" if m.sub_event_type else m.event_type
