"""ACLED gold rows: the coder's `notes` are the text, the coded columns are the gold.

Text: `notes` with ACLED's bracketed coder tags (`[size=around 15]`, `[women targeted: ...]`)
removed, since no news report carries them. Publication date: 31 December of the row's
`event_date` year, so a note's "On 3 May" resolves into the right year without handing the
pipeline the gold date.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..model import Article, Mention
from .core import GoldCase, Outcome, cell_int, choose_mention, count_hits, csv_rows, miss_everything, why_no_event
from .countries import actor_iso3, country_iso3
from .metrics import fatalities_hit, fold, iso_date, same_label, same_place_name, within_km
from .taxonomy import Label, acled_label

CONTRACT_FIELDS = ("event_type", "sub_event_type", "event_date", "location_25km", "admin1", "country",
                   "fatalities", "fatalities_10pct", "actor1_country", "actor2_country")
EXTRA_FIELDS = ("event_found", "fatalities_strict", "fatalities_nonzero", "fatalities_as_stated", "time_precision",
                "interaction")
REQUIRED_COLUMNS = ("event_date", "event_type", "notes")
# A note that records the coder's own toll decision ("Fatalities coded as 0 (VoJ reported 1)",
# "Fatalities are split across 2 events (4)"): its gold toll is a convention, not what the text
# reports. `fatalities_as_stated` leaves those rows out.
_CODED_TOLL = re.compile(
    r"fatalit\w* (?:are |were |was |is )?(?:coded|split|divided)|(?:split|divided) (?:across|between|among) \d* ?events",
    re.I)
_CODER_TAG = re.compile(r"\s*\[[a-z][a-z ]*=[^\]]*\]")


@dataclass
class AcledGold:
    event_date: str | None
    label: Label
    latitude: float | None
    longitude: float | None
    admin1: str | None
    location: str | None
    country: str | None
    iso3: str | None
    fatalities: int | None
    actor1_iso3: str | None
    actor2_iso3: str | None
    time_precision: int | None
    interaction: int | None
    coded_toll: bool = False          # the note states ACLED's own toll decision ("Fatalities coded as 0")


def clean_notes(notes: str) -> str:
    """The note without coder tags: '... took part. [size=no report]' -> '... took part.'"""
    return _CODER_TAG.sub("", notes).strip()


def parse_date(value: str | None) -> str | None:
    """ACLED dates come as ISO ('2020-05-03') or, in older exports, '03 May 2020' / '03-May-2020'."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = iso_date(value)
    if iso:
        return iso
    for fmt in ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


# ACLED's actor types; exports since 2023 write them as words ("State forces-Civilians") where
# older ones wrote the two-digit code (17).
_ACTOR_TYPES = (
    (1, re.compile(r"state forces", re.I)), (2, re.compile(r"rebel group", re.I)),
    (3, re.compile(r"political militia", re.I)), (4, re.compile(r"(identity|communal) militia", re.I)),
    (5, re.compile(r"rioters", re.I)), (6, re.compile(r"protesters", re.I)), (7, re.compile(r"civilians", re.I)),
    (8, re.compile(r"(external|other) forces", re.I)),
)


def interaction_code(value: str | None) -> int | None:
    """ACLED's interaction as its two-digit code: '17' -> 17, 'State forces-Civilians' -> 17,
    'Protesters only' -> 60; None when it cannot be read."""
    number = cell_int(value)
    if number is not None or not value:
        return number
    found = sorted((m.start(), code) for code, pattern in _ACTOR_TYPES for m in pattern.finditer(value))
    codes = sorted(code for _, code in found)
    if len(codes) == 1:
        return codes[0] * 10
    if len(codes) == 2:
        return codes[0] * 10 + codes[1]
    return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def gold_of(row: dict[str, str]) -> AcledGold:
    country = (row.get("country") or "").strip() or None
    return AcledGold(
        event_date=parse_date(row.get("event_date")),
        label=acled_label(row.get("event_type"), row.get("sub_event_type")),
        latitude=_float(row.get("latitude")),
        longitude=_float(row.get("longitude")),
        admin1=(row.get("admin1") or "").strip() or None,
        location=(row.get("location") or "").strip() or None,
        country=country,
        iso3=(row.get("iso3") or "").strip().upper() or country_iso3(country),
        fatalities=cell_int(row.get("fatalities")),
        actor1_iso3=actor_iso3(row.get("actor1")),
        actor2_iso3=actor_iso3(row.get("actor2")),
        time_precision=cell_int(row.get("time_precision")),
        interaction=interaction_code(row.get("interaction")),
    )


class AcledKind:
    """`--kind acled`: one event per row."""

    name: str = "acled"
    fields: tuple[str, ...] = CONTRACT_FIELDS + EXTRA_FIELDS

    def __init__(self) -> None:
        self.notes: list[str] = []

    def load(self, path: Path) -> Iterator[GoldCase]:
        skipped = 0
        for line, row in csv_rows(path, REQUIRED_COLUMNS, "an ACLED"):
            notes = clean_notes(row.get("notes") or "")
            if not notes:
                skipped += 1
                continue
            gold = gold_of(row)
            gold.coded_toll = bool(_CODED_TOLL.search(notes))
            year = (gold.event_date or "")[:4] or (row.get("year") or "").strip()
            case_id = (row.get("event_id_cnty") or row.get("data_id") or f"line {line}").strip()
            article = Article(article_id=f"acled:{case_id}", text=notes,
                              published=f"{year}-12-31" if year else None, source=f"{path}:{line}")
            yield GoldCase(case_id=case_id, article=article, unit=gold.country or "", gold=gold)
        if skipped:
            self.notes.append(f"{skipped} rows without notes skipped")

    def score(self, case: GoldCase, article: Article, match: str) -> list[Outcome]:
        gold: AcledGold = case.gold
        chosen = choose_mention(article.events, match, lambda m: count_hits(score_mention(gold, m)))
        if chosen is None:
            return [Outcome("event_found", False, None, why_no_event(article))] + miss_everything(score_mention(gold, Mention(event_id="")))
        return [Outcome("event_found", True, None, chosen.mention)] + score_mention(gold, chosen)


_ADMIN1_NAMES: list[Callable[[str | None, str | None], frozenset[str]] | None] = []


def _admin1_names(iso3: str | None, name: str | None) -> frozenset[str]:
    """The gazetteer's names for the predicted admin1 unit (empty when there is no index)."""
    if not _ADMIN1_NAMES:
        try:
            from ..geo import get_gazetteer
            _ADMIN1_NAMES.append(get_gazetteer().admin1_names)
        except Exception:  # noqa: BLE001 - no index: compare the names as written
            _ADMIN1_NAMES.append(None)
    lookup = _ADMIN1_NAMES[0]
    return lookup(iso3, name) if lookup is not None else frozenset()


def same_admin1(pred: str | None, gold: str | None, iso3: str | None) -> bool:
    """The predicted admin1 is the gold one: the names compare as `same_place_name`, or the gold
    name is another of the gazetteer's names of the predicted unit in that country ("Attiki" /
    "Attica", "Chattogram" / "Chittagong", "Lemesos" / "Limassol")."""
    if same_place_name(pred, gold):
        return True
    if not pred or not gold:
        return False
    return any(same_place_name(n, gold) for n in _admin1_names((iso3 or "").upper() or None, pred))


def score_mention(gold: AcledGold, m: Mention) -> list[Outcome]:
    """Every field of one predicted event against one ACLED row."""
    out: list[Outcome] = []

    def add(name: str, known: bool, hit: bool, g: object = None, p: object = None, cat: bool = False) -> None:
        out.append(Outcome(name, hit if known else None, g, p, cat))

    label = gold.label
    add("event_type", label.event_type is not None, same_label(m.event_type, label.event_type),
        label.event_type, m.event_type, True)
    add("sub_event_type", label.sub_event_type is not None, same_label(m.sub_event_type, label.sub_event_type),
        label.sub_event_type, m.sub_event_type, True)
    pred_date = iso_date(m.event_date)
    add("event_date", gold.event_date is not None, pred_date == gold.event_date, gold.event_date, pred_date)
    has_point = gold.latitude is not None and gold.longitude is not None
    add("location_25km", has_point,
        has_point and within_km((m.latitude, m.longitude), (gold.latitude or 0.0, gold.longitude or 0.0)),
        {"location": gold.location, "point": [gold.latitude, gold.longitude]},
        {"location": m.location, "point": [m.latitude, m.longitude]})
    add("admin1", gold.admin1 is not None, same_admin1(m.admin1, gold.admin1, m.iso3), gold.admin1, m.admin1, True)
    pred_iso = (m.iso3 or "").upper() or country_iso3(m.country)
    add("country", gold.iso3 is not None or gold.country is not None,
        (gold.iso3 is not None and pred_iso == gold.iso3) or (bool(m.country) and fold(m.country) == fold(gold.country)),
        gold.country, m.country or m.iso3, True)
    known_f = gold.fatalities is not None
    gf = gold.fatalities or 0
    add("fatalities", known_f, fatalities_hit(m.fatalities, gf), gf, m.fatalities)
    add("fatalities_10pct", known_f, fatalities_hit(m.fatalities, gf, tolerance=0.1), gf, m.fatalities)
    add("actor1_country", gold.actor1_iso3 is not None, m.actor1_country == gold.actor1_iso3,
        gold.actor1_iso3, m.actor1_country, True)
    add("actor2_country", gold.actor2_iso3 is not None, m.actor2_country == gold.actor2_iso3,
        gold.actor2_iso3, m.actor2_country, True)
    add("fatalities_strict", known_f, fatalities_hit(m.fatalities, gf, null_is_zero=False), gf, m.fatalities)
    add("fatalities_nonzero", known_f and gf > 0, fatalities_hit(m.fatalities, gf), gf, m.fatalities)
    add("fatalities_as_stated", known_f and not gold.coded_toll, fatalities_hit(m.fatalities, gf), gf, m.fatalities)
    add("time_precision", gold.time_precision is not None, m.time_precision == gold.time_precision,
        gold.time_precision, m.time_precision, True)
    add("interaction", gold.interaction is not None, m.interaction == gold.interaction,
        gold.interaction, m.interaction, True)
    return out
