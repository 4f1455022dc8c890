"""Candidate rows from the index and what makes one plausible: the row type, the scoring
constants, one row per place, units giving way to their namesake towns, and the checks that keep
a small place far from the story from being chosen."""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ._fold import loose_key
from .build import ALIAS

# cities500 lists a town without a population only when it is the seat of an admin unit: such a
# town counts as this big rather than as empty ("Maden", seat of a Turkish district)
_SEAT_POPULATION = 5000
_LOOSE_MIN_SIMILARITY = 80.0  # rapidfuzz ratio of folded names for a loose match to count
# ACLED codes a town 1, a district (admin2) 2 like "near a town", a province, region or country 3.
_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}
_MAX_ROWS = 300               # candidates read per key, largest first
_SIGNIFICANT_POPULATION = 100_000  # a place this big may be named outside the story's countries
_MENDING_MIN_SIMILARITY = 85.0
_NO_CONTEXT_LOOSE_SIMILARITY = 90.0  # a loose match without context: this similar, and big  # has_name: a loose match of a name of several words
_INFER_MIN_VOTES, _INFER_LEAD = 1.0, 1.5  # infer_context: votes the leading country needs, lead over the next
# Continents and world regions: never a town that happens to bear the name ("Asia", Philippines)
_WORLD_REGIONS = frozenset({
    "africa", "asia", "europe", "americas", "north america", "south america", "latin america",
    "central america", "oceania", "antarctica", "antarctic", "arctic", "middle east", "near east", "far east",
    "eurasia", "sub saharan africa", "west africa", "east africa", "southern africa", "north africa",
    "central asia", "south asia", "southeast asia", "south east asia", "east asia", "western europe",
    "eastern europe", "the west", "caribbean", "horn of africa", "balkans", "the balkans", "levant",
    "the levant", "maghreb", "the middle east"})


class Row(NamedTuple):
    id: int
    geonameid: int | None
    name: str
    feature: str
    iso3: str
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    code: str
    approx: int         # 1: a district placed at its province's capital (no town of its own)
    source: int | None  # None: built at set-up (cities500); else the dump that added it
    kind: int           # PRIMARY / ALIAS / ALTERNATE
    similarity: float   # 100 for exact keys, rapidfuzz ratio for loose ones



_SELECT = ("SELECT p.id, p.geonameid, p.name, p.feature, p.iso3, p.admin1, p.admin2, p.lat, p.lon,"
           " p.population, p.code, p.approx, p.source, n.kind FROM name n JOIN place p ON p.id = n.place")


def best_per_place(rows: Iterable[tuple]) -> tuple[Row, ...]:
    """One row per place, its best (lowest) match kind and highest similarity; places without a
    point (a unit with no town in cities500) are left out: they have nothing to give."""
    best: dict[int, Row] = {}
    for r in rows:
        row = Row(*r)
        if row.lat is None:
            continue
        old = best.get(row.id)
        if old is None or (row.similarity, -row.kind) > (old.similarity, -old.kind):
            best[row.id] = row
    if not any(r.source is not None and r.feature == "admin2" for r in best.values()):
        return tuple(best.values())
    # a district a dump gives its own point replaces the set-up row placed at its province's capital
    placed = {r.geonameid for r in best.values() if r.geonameid is not None and not r.approx}
    return tuple(r for r in best.values() if not (r.approx and r.geonameid in placed))


def drop_units_named_like_their_town(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """"Ganja" is the town, not the municipality around it, unless the text says "district":
    a unit gives way to a town of the same name inside it, to a town inside it that holds
    half its people ("Gəncə" the city), or to its capital when that holds two fifths of them
    ("Mogilev": Mahilyow, capital of Mogilev Region), but not to a mere capital ("Para" stays
    the state although Belém has "Pará" among its alternate names)."""
    units = [r for r in rows if r.feature in ("admin1", "admin2")]
    towns = [r for r in rows if r.feature == "city"]
    if not units or not towns:
        return rows

    def inside(t: Row, unit: Row) -> bool:
        return t.admin1 == unit.name if unit.feature == "admin1" else (t.admin2, t.admin1) == (unit.name, unit.admin1)

    def shadowed(unit: Row) -> bool:
        return any(t.iso3 == unit.iso3 and inside(t, unit) and t.similarity >= min(unit.similarity, 100) and (
            loose_key(t.name) == loose_key(unit.name) or (t.population or 0) * 2 >= (unit.population or 0)
            or (t.lat, t.lon) == (unit.lat, unit.lon) and (t.population or 0) * 5 >= (unit.population or 0) * 2)
            for t in towns)

    kept = tuple(r for r in rows if r.feature not in ("admin1", "admin2") or not shadowed(r))
    return kept or rows



def implausible(name: str, best: Row, ctx: frozenset[str], neighbours: frozenset[str]) -> str | None:
    """Why the best candidate cannot be what the story means, or None when it can. Outside
    the story's countries only a big place, a country or a region is plausible; a loose
    (transliteration) match must be in context or big."""
    pop = best.population or 0
    big = pop >= _SIGNIFICANT_POPULATION or best.feature in ("country", "region", "admin1")
    if best.similarity < 100 and ctx and best.iso3 not in ctx:
        return (f"{name!r} only resembles {best.name} ({best.iso3}), outside "
                f"{', '.join(sorted(ctx))}")
    if best.similarity < 100 and not ctx and (pop < _SIGNIFICANT_POPULATION or best.similarity < _NO_CONTEXT_LOOSE_SIMILARITY):
        # without the story's countries a spelling guess is a coincidence ("Dogon" / Dagon,
        # an old name of Yangon) unless it is nearly the name of a big place
        return f"{name!r} only resembles {best.name} ({best.iso3}), with nothing to say it is meant"
    if ctx and best.iso3 not in ctx and best.kind > ALIAS and best.feature == "city" and not (best.iso3 in neighbours):
        # a big city far from the story named only by one of its foreign-language names
        # ("Boni" for Bonn in a Mali story) is a coincidence of spelling, not a reference
        return (f"{name!r} is only an alternate name of {best.name} ({best.iso3}), outside "
                f"{', '.join(sorted(ctx))}")
    if ctx and best.iso3 not in ctx and not big and not (best.iso3 in neighbours and pop >= 20_000):
        return (f"{name!r} names no place in {', '.join(sorted(ctx))}; the best match, {best.name} "
                f"({best.iso3}, population {pop}), is too small to be meant from there")
    return None
