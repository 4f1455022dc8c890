"""Place resolution in context over the gazetteer index built by `wirewatch setup`.

A name is looked up by its folded key (exact, then without an Arabic article, then by the
loose transliteration key with a similarity check); each candidate is scored on how the name
matched, the place's population and kind, the story's countries (`context`, ISO3 codes) and
the dateline. A name that only matches small places far from the story stays unresolved,
with the reason, rather than landing on another continent.
"""
from __future__ import annotations

import dataclasses
import re
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from ..errors import SetupError
from ..model import Place
from ..settings import Settings
from . import _rank
from ._fold import fold, loose_key, strip_article
from ._candidates import (
    _INFER_LEAD, _INFER_MIN_VOTES, _LOOSE_MIN_SIMILARITY, _MAX_ROWS, _MENDING_MIN_SIMILARITY,
    _PRECISION, _SELECT, _WORLD_REGIONS, Row as _Row, best_per_place as _best_per_place,
    drop_units_named_like_their_town as _drop_units_named_like_their_town, implausible as _implausible_row)
from ._phrases import (
    _ADMIN2_WORDS, _BRACKETED, _DISTANCE_ONLY, _LEADING, _NEAR, _OFFSET, _TOWN_OF, _UNIT_AFTER, _UNIT_BEFORE,
    bearing as _bearing, distance_km, offset_point, strip_unit as _strip_unit)
from .build import ALIAS, PRIMARY, SCHEMA_VERSION, source_fingerprint


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    name: str           # as ACLED writes it


@dataclass(frozen=True)
class _CountryInfo:
    country: Country
    continent: str | None
    neighbours: frozenset[str]


_ACRONYM = re.compile(r"[A-Z]{2,5}")
# How far from a unit's point a place the dump files elsewhere may lie and still be taken as inside it
_WANTED = {"admin": ("admin1", "admin2", "region"), "town": ("city",)}  # what a unit word asks for
_NEAR_UNIT_KM = {"admin1": 150.0, "admin2": 40.0, "region": 150.0}


class Gazetteer:
    """Read-only view of the gazetteer index; thread-safe, caches lookups in memory."""

    def __init__(self, path: Path):
        if not path.exists():
            raise SetupError(f"gazetteer index {path} is missing: run `wirewatch setup`")
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        try:
            schema = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as e:
            raise SetupError(f"gazetteer index {path} is unreadable ({e}): run `wirewatch setup`") from e
        if not schema or schema[0] != SCHEMA_VERSION:
            raise SetupError(f"gazetteer index {path} is from another version: run `wirewatch setup`")
        self._countries: dict[str, _CountryInfo] = {}
        for iso3, iso2, name, continent, neighbours, _ in self._db.execute("SELECT * FROM country"):
            self._countries[iso3] = _CountryInfo(Country(iso2, iso3, name), continent,
                                                 frozenset(n for n in (neighbours or "").split(",") if n))
        self._country_keys: dict[str, str] = {}
        for key, iso3, kind in self._db.execute(
                "SELECT n.key, p.iso3, n.kind FROM name n JOIN place p ON p.id = n.place "
                "WHERE p.feature = 'country' ORDER BY n.kind DESC"):
            self._country_keys[key] = iso3  # lower kinds written last win
        # ISO codes are matched in `country` as written ("IN", "AZE"): folded, "in" would be India
        self._demonyms = dict(self._db.execute("SELECT key, iso3 FROM demonym"))
        self._common_words = frozenset(r[0] for r in self._db.execute("SELECT key FROM common_word"))
        self._rows = lru_cache(maxsize=100_000)(self._rows_uncached)
        self._loose_rows = lru_cache(maxsize=20_000)(self._loose_rows)  # type: ignore[method-assign]
        self._context_cached = lru_cache(maxsize=4096)(self._context_uncached)
        self._resolved = lru_cache(maxsize=100_000)(self._resolve_uncached)
        self.trace: list[tuple[tuple[_Row, ...], list[list[float]]]] | None = None

    def __reduce__(self) -> tuple[type, tuple[Path]]:
        """Pickles as its path (for worker processes): the receiver opens the index itself."""
        return (Gazetteer, (self.path,))

    def meta(self, key: str) -> str | None:
        """A build fact stored in the index ("schema", "fingerprint", "built")."""
        row = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return row[0][0] if row else None

    # --- lookups -------------------------------------------------------------------------
    def _query(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _rows_uncached(self, key: str) -> tuple[_Row, ...]:
        """All places a folded key names (largest first), each once with its best match kind:
        exact matches, else matches without a leading article, else loose matches. When the exact
        matches are all units, towns of a looser spelling join them: "Adan Yabaal" is the district
        exactly and its town "Aadan Yabaal" loosely (Somali doubled vowels, "Ceel Dheer" / "Ceeldheer")."""
        exact = self._exact_rows(key)
        if exact and any(r.feature == "city" for r in exact):
            return exact
        loose = self._loose_rows(key)
        if not exact:
            return loose
        ids = {r.id for r in exact}
        return exact + tuple(r for r in loose if r.feature == "city" and r.id not in ids)

    def _exact_rows(self, key: str) -> tuple[_Row, ...]:
        sql = f"{_SELECT} WHERE n.key = ? ORDER BY p.population DESC LIMIT {_MAX_ROWS}"
        rows = self._query(sql, (key,))
        bare = strip_article(key)
        if not rows and bare != key:
            rows = self._query(sql, (bare,))
        return _best_per_place((*r, 100.0) for r in rows)

    def _loose_rows(self, key: str) -> tuple[_Row, ...]:
        loose = loose_key(key)
        if len(key) < 4 or len(loose) < 3:
            return ()
        found = self._query(
            "SELECT n.key, p.id, p.geonameid, p.name, p.feature, p.iso3, p.admin1, p.admin2, p.lat,"
            " p.lon, p.population, p.code, p.approx, p.source, n.kind FROM name n JOIN place p ON p.id = n.place"
            f" WHERE n.loose = ? ORDER BY p.population DESC LIMIT {_MAX_ROWS}", (loose,))
        scored = ((*r[1:], fuzz.ratio(key, r[0])) for r in found)
        return _best_per_place(r for r in scored if r[-1] >= _LOOSE_MIN_SIMILARITY)

    def _context_info(self, context: Sequence[str]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The story's countries, their neighbours and their continents."""
        return self._context_cached(tuple(context))

    def _context_uncached(self, context: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        ctx = frozenset(c for c in (self._iso3(x) for x in context) if c)
        neighbours = frozenset(n for c in ctx for n in self._countries[c].neighbours) - ctx
        continents = frozenset(self._countries[c].continent for c in ctx if self._countries[c].continent)
        return ctx, neighbours, continents  # type: ignore[return-value]

    def _iso3(self, code: str) -> str | None:
        if code in self._countries:
            return code
        c = self.country(code)
        return c.iso3 if c else None

    def _scored(self, rows: Sequence[_Row], ctx: frozenset[str], neighbours: frozenset[str],
                continents: frozenset[str], prefer: str | None, near: tuple[float, float] | None) -> list[float]:
        """The ranker's score of each candidate (`_rank`: learned weights over its features)."""
        far = frozenset(r.iso3 for r in rows if ctx and r.iso3 not in ctx and r.iso3 not in neighbours
                        and self._continent(r.iso3) not in continents)
        vectors = _rank.features(rows, ctx, neighbours, far, prefer, near)
        if self.trace is not None:  # scripts/geo_ranker.py: the groups the ranker is fitted on
            self.trace.append((tuple(rows), vectors))
        return _rank.scores(vectors)

    def _continent(self, iso3: str) -> str | None:
        info = self._countries.get(iso3)
        return info.continent if info else None

    def _place(self, row: _Row, score: float) -> Place:
        info = self._countries.get(row.iso3)
        return Place(name=row.name, geonameid=row.geonameid, latitude=row.lat, longitude=row.lon,
                     country=info.country.name if info else None, iso3=row.iso3, admin1=row.admin1,
                     admin2=row.admin2, geo_precision=3 if row.approx else _PRECISION.get(row.feature, 3),
                     feature=row.feature, population=row.population, score=round(score, 4))

    def _ranked(self, name: str, context: Sequence[str], prefer: str | None = None,
                near: tuple[float, float] | None = None, within: str | None = None) -> list[tuple[float, _Row]]:
        key = fold(name)
        if not key:
            return []
        rows = self._rows(key)
        if _ACRONYM.fullmatch(name.strip()):
            # "SNA", "UPC" written in capitals are acronyms of armies and parties: a place only by its own
            # name or English alias ("UAE"), never by an alternate name that happens to be a code (Sanaa's "SNA")
            rows = tuple(r for r in rows if r.kind <= ALIAS)
        ctx, neighbours, continents = self._context_info(context)
        if within:  # "X, Y": only the candidates inside Y (a country or an admin unit)
            rows = self._within(rows, within, context)
        if prefer != "admin":
            rows = _drop_units_named_like_their_town(rows)
        scored = list(zip(self._scored(rows, ctx, neighbours, continents, prefer, near), rows))
        # the unit word is the text's own say: "the Donetsk region" is the province, "the town of X"
        # a town, whatever the ranker makes of their sizes (in the story's countries, when it has any)
        wanted = _WANTED.get(prefer or "", ())
        scored.sort(key=lambda t: (not (t[1].feature in wanted and (not ctx or t[1].iso3 in ctx)),
                                   -t[0], -(t[1].population or 0)))
        return scored

    def _units(self, qualifier: str, context: Sequence[str]) -> tuple[_Row, ...]:
        """The admin units or regions a qualifier ("..., Helmand", "..., Barinas state") may
        name: exact matches, else loose ones; those in the story's countries when there are
        any; of the level its unit word says ("state": admin1, "district": admin2) when any."""
        level = None
        if m := (_UNIT_AFTER.match(qualifier) or _UNIT_BEFORE.match(qualifier)):
            qualifier = m["place"]
            level = "admin2" if _ADMIN2_WORDS.search(m.group(0)) else "admin1"
        key = fold(qualifier)
        kinds = ("admin1", "admin2", "region")
        units = [r for r in self._rows(key) if r.feature in kinds] or \
            [r for r in self._loose_rows(key) if r.feature in kinds]
        ctx = self._context_info(context)[0]
        in_ctx = [u for u in units if u.iso3 in ctx]
        if not in_ctx and ctx:
            # a province name that only one country has qualifies whatever the story's countries
            top = [u for u in units if u.feature in ("admin1", "region") and u.similarity >= 100]
            units = top if len({u.iso3 for u in top}) == 1 else []
        units = in_ctx or units
        # a unit by its own name or English alias, not another unit that lists the name among its
        # variants ("Tangail" is Tangail district, not Sherpur, whose alternate names include it)
        units = [u for u in units if u.kind <= ALIAS] or units
        return tuple([u for u in units if u.feature == level] or units)

    def _within(self, rows: tuple[_Row, ...], qualifier: str, context: Sequence[str]) -> tuple[_Row, ...]:
        country = self.country(qualifier)
        if country:
            return tuple(r for r in rows if r.iso3 == country.iso3)
        units = self._units(qualifier, context)
        names = {(u.iso3, fold(u.name)) for u in units}
        ids = {u.id for u in units}  # a unit is not inside itself
        inside = tuple(r for r in rows if r.id not in ids and (
            (r.iso3, fold(r.admin1 or "")) in names or (r.iso3, fold(r.admin2 or "")) in names))
        if inside:
            return inside
        # GeoNames and the dumps can file a place under another division than the one the text
        # names (Bouca under Ouham-Fafa, carved out of Ouham in 2020): a place counts as inside a
        # unit when it lies near the unit's point, the nearest first.
        # A district whose point is only its province's says no more than "in that province".
        near = []
        for r in rows:
            if r.id in ids or r.lat is None or r.lon is None or r.similarity < 100:
                continue  # a transliteration guess must sit inside the unit by name
            d, unit = min(((0.0 if u.approx and (r.admin1, r.iso3) == (u.admin1, u.iso3)
                            else 2.0 if u.approx else distance_km(u.lat, u.lon, r.lat, r.lon) / _NEAR_UNIT_KM[u.feature], u)
                           for u in units if u.iso3 == r.iso3 and u.lat is not None and u.lon is not None),
                          default=(2.0, None), key=lambda t: t[0])
            if unit is not None and d <= (2.0 if r.admin1 is None else 1.0):
                # the province as the text (and ACLED) names it; a village the dump files under no
                # province at all may lie twice as far from the unit's point
                near.append((d, r._replace(admin1=unit.name) if unit.feature == "admin1" else
                             r._replace(admin1=r.admin1 or unit.admin1, admin2=unit.name) if unit.feature == "admin2" else r))
        return tuple(r for _, r in sorted(near, key=lambda t: t[0]))

    # --- public API ----------------------------------------------------------------------
    def candidates(self, name: str, context: Sequence[str] = (), limit: int = 10) -> list[Place]:
        """Ranked places a name may refer to, best first, each with its score."""
        return [self._place(r, s) for s, r in self._ranked(name, context)[:limit]]

    def resolve(self, name: str, context: Sequence[str] = (), dateline: str | None = None,
                near: tuple[float, float] | None = None) -> Place:
        """The best candidate, or Place(name, unresolved_reason=...) when there is none worth
        giving: never a small place on another continent than the story's countries. `near`, a
        point the story is about (its other places), is preferred like the dateline's."""
        if near is not None:
            near = (round(near[0], 2), round(near[1], 2))  # a cache key that repeats
        return dataclasses.replace(self._resolved(name, tuple(context), dateline, None, None, near))

    def _dateline_point(self, dateline: str | None, context: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[float, float] | None]:
        if not dateline:
            return context, None
        d = self._resolved(dateline, context, None, None)
        if d.unresolved_reason or d.latitude is None or d.longitude is None:
            return context, None
        ctx = context if (d.iso3 in context or not d.iso3) else (*context, d.iso3)
        return ctx, (d.latitude, d.longitude)

    def _resolve_uncached(self, name: str, context: tuple[str, ...], dateline: str | None,
                          prefer: str | None, within: str | None = None,
                          anchor: tuple[float, float] | None = None) -> Place:
        context, near = self._dateline_point(dateline, context)
        near = anchor or near
        if fold(name) in _WORLD_REGIONS:
            return Place(name=name, unresolved_reason=f"{name!r} names a continent or world region, not a place")
        ranked = self._ranked(name, context, prefer=prefer, near=near, within=within)
        if not ranked:
            return Place(name=name, unresolved_reason=f"no place named {name!r} in the gazetteer")
        score, best = ranked[0]
        ctx, neighbours, continents = self._context_info(context)
        if fold(name) in self._common_words and best.iso3 not in ctx and not (
                best.similarity >= 100 and best.kind <= ALIAS and best.feature in ("city", "country")
                and (best.population or 0) >= 1_000_000):
            # "Split", "Nice", "Central" name places only in a story about their country
            return Place(name=name, unresolved_reason=f"{name!r} is a common English word, not a place here")
        reason = _implausible_row(name, best, ctx, neighbours)
        if reason:
            return Place(name=name, unresolved_reason=reason)
        if not ctx and best.feature == "city" and (best.population or 0) < 1000 and len(ranked) > 1:
            runner = ranked[1]
            if runner[1].iso3 != best.iso3 and runner[0] > score - 0.05:
                return Place(name=name, unresolved_reason=(
                    f"{name!r} is ambiguous without context: small places in {best.iso3} and {runner[1].iso3}"))
        if best.source is not None and best.feature == "city" and not best.population and not within and near is None:
            # a dump's village named bare, with nothing in the text to say which: when the country
            # holds several of that name, any one is a guess (the story's region is a better code)
            same = sum(1 for _, r in ranked if r.iso3 == best.iso3 and r.feature == "city" and not r.population)
            if same > 1:
                return Place(name=name, unresolved_reason=(
                    f"{name!r} names {same} villages in {best.iso3}; nothing in the text says which"))
        if best.approx and best.feature == "admin2":
            # a district GeoNames gives no member town ("Dehloran county"): its namesake town in
            # the same province, when there is one, is a better point than the province's capital;
            # also when the text spells the district otherwise than the town ("Bossaso": Bosaso district)
            towns = [r for _, r in ranked] + list(self._rows(fold(best.name)))
            town = next((r for r in towns if r.feature == "city" and r.iso3 == best.iso3
                         and r.admin1 == best.admin1 and loose_key(r.name) == loose_key(best.name)), None)
            if town is not None:
                best = best._replace(lat=town.lat, lon=town.lon, approx=0)
        return self._place(best, score)


    def place_names(self, text: str) -> list[str]:
        """The bare place names in a location phrase: "12 km north of Ganja" -> ["Ganja"],
        "Lashkar Gah, Helmand" -> ["Lashkar Gah", "Helmand"], "the Idlib province" -> ["Idlib"]."""
        phrase = _LEADING.sub("", re.sub(r"\s+", " ", text).strip(" .,;:"))
        for pattern in (_OFFSET, _DISTANCE_ONLY, _NEAR, _TOWN_OF, _UNIT_BEFORE, _UNIT_AFTER):
            if m := pattern.match(phrase):
                return self.place_names(m["place"])
        phrase = re.sub(r"^the\s+", "", phrase, flags=re.I)
        return [p.strip() for p in phrase.split(",") if p.strip()]

    def infer_context(self, texts: Sequence[str], context: Sequence[str] = ()) -> tuple[str, ...]:
        """The story's countries: `context` (ISO3 codes or names) plus the country its place
        names agree on, when they clearly do. Each name spreads one vote over the countries it
        may be in ("Bafoussam": Cameroon 1; "Ouest": a tenth to each of ten countries); the
        leading country joins the context with at least one full vote and half again as many
        as the next. A note saying "in Bafoussam town (Mifi, Ouest)" then puts "Ouest" in
        Cameroon, and "Nabha district (Punjab)" puts Punjab in India."""
        ctx = [c for c in (self._iso3(x) for x in context) if c]
        votes: dict[str, float] = {}
        for text in texts:
            for name in self.place_names(text):
                countries = self._countries_named(fold(name))
                for iso3 in countries:
                    votes[iso3] = votes.get(iso3, 0.0) + 1.0 / len(countries)
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= _INFER_MIN_VOTES and (
                len(ranked) == 1 or ranked[0][1] >= _INFER_LEAD * ranked[1][1]):
            if ranked[0][0] not in ctx:
                ctx.append(ranked[0][0])
        return tuple(ctx)

    def _countries_named(self, key: str) -> frozenset[str]:
        """Countries where a folded name plausibly names a place: the country itself, an admin
        unit or region, or a town of 1,000 people (by its own name or any alternate)."""
        country = self._country_keys.get(key)
        if country and len(key) > 3:
            return frozenset({country})
        if key in self._common_words:
            return frozenset()
        return frozenset(r.iso3 for r in self._exact_rows(key)
                         if r.feature != "city" or (r.population or 0) >= 1000)

    def resolve_many(self, texts: Sequence[str], context: Sequence[str] = (),
                     dateline: str | None = None) -> list[Place]:
        """Resolve every location phrase of one story together: `infer_context` first, then
        `resolve_expression` on each with that context."""
        ctx = self.infer_context(texts, context)
        return [self.resolve_expression(t, ctx, dateline) for t in texts]

    def resolve_expression(self, text: str, context: Sequence[str] = (), dateline: str | None = None) -> Place:
        """Resolve a location phrase: "near X", "outskirts of X" and "N km north of X" give
        geo_precision 2 (with the offset applied); "X province/region", "the X region" give the
        unit at its capital with geo_precision 3, "X district" (an admin2 unit, or a town
        standing for it) 2, as ACLED codes them; "X, Y" looks for X inside Y."""
        ctx = tuple(context)
        phrase = re.sub(r"\s+", " ", text).strip(" .,;:")
        phrase = _LEADING.sub("", phrase)
        if m := _OFFSET.match(phrase):
            place = self.resolve_expression(m["place"], ctx, dateline)
            if place.unresolved_reason or place.latitude is None or place.longitude is None:
                return place
            km = float(m["dist"].replace(",", "."))
            if m["unit"].lower().startswith("mi"):
                km *= 1.609344
            bearing = _bearing(m["dir"])
            if bearing is not None:
                place.latitude, place.longitude = offset_point(place.latitude, place.longitude, km, bearing)
            place.geo_precision = max(place.geo_precision or 1, 2)
            return place
        for pattern in (_DISTANCE_ONLY, _NEAR):
            if m := pattern.match(phrase):
                place = self.resolve_expression(m["place"], ctx, dateline)
                if not place.unresolved_reason:
                    place.geo_precision = max(place.geo_precision or 1, 2)
                return place
        if m := _TOWN_OF.match(phrase):
            return self._resolve_plain(m["place"], ctx, dateline, prefer="town")
        if "," not in phrase and (m := (_UNIT_BEFORE.match(phrase) or _UNIT_AFTER.match(phrase))):
            # ("X, Y state" is X inside Y: _resolve_plain reads the qualifier)
            place = self._resolve_plain(m["place"], ctx, dateline, prefer="admin")
            if place.unresolved_reason:  # "Shusha district" where only the whole phrase is a name
                whole = self._resolve_plain(phrase, ctx, dateline, prefer="admin")
                place = whole if not whole.unresolved_reason else place
            if not place.unresolved_reason:  # a district is 2 in ACLED's dev rows, a province 3
                place.geo_precision = max(2, place.geo_precision or 2)
            return place
        if m := _BRACKETED.match(phrase):  # "Hays (Hays, Al Hudaydah)": the brackets qualify
            phrase = f"{m['head']}, {m['inner']}"
        if phrase.count(",") >= 2:
            return self._resolve_nested(phrase, ctx, dateline)
        return self._resolve_plain(phrase, ctx, dateline)

    def _resolve_nested(self, phrase: str, context: tuple[str, ...], dateline: str | None) -> Place:
        """"X, District, Province": X inside the narrowest qualifier that holds a place so named,
        else inside the broadest that does; else the narrowest unit the text names (the district,
        looked for inside the province, or the town standing for it), at geo_precision 2 or 3."""
        head, *tails = [p.strip() for p in phrase.split(",") if p.strip()]
        if not tails:
            return self._resolve_plain(head, context, dateline)
        rows = self._rows(fold(_strip_unit(head)))
        # the district the text names first: a village of the name filed under another district
        # of the province is another village ("Hamam of Shindand district, Herat" is not Karukh's Hamam)
        districts = [u for u in self._units(tails[0], context) if u.feature == "admin2"] if len(tails) >= 2 else []
        for i, tail in enumerate(tails):
            inside = self._within(rows, tail, context)
            if inside and not (i and districts and all(_elsewhere(r, districts) for r in inside)):
                return self._resolve_plain(f"{head}, {tail}", context, dateline)
        if len(tails) >= 2:
            unit = self._resolve_nested(", ".join(tails), context, dateline)
            if not unit.unresolved_reason and unit.feature != "country":  # the unit, or the town standing for it
                unit.geo_precision = max(2, unit.geo_precision or 2)
                return unit
        return self._resolve_plain(f"{head}, {tails[0]}", context, dateline)

    def _resolve_plain(self, phrase: str, context: tuple[str, ...], dateline: str | None,
                       prefer: str | None = None) -> Place:
        phrase = re.sub(r"^the\s+", "", phrase.strip(), flags=re.I)
        within = None
        if "," in phrase:  # "Lashkar Gah, Helmand" / "Tripoli, Lebanon" / "Socopo, Barinas state"
            head, tail = (p.strip() for p in phrase.rsplit(",", 1))
            if self.country(tail) or self._units(tail, context) or self._within(self._rows(fold(head)), tail, ()):
                # (also a unit outside the story's countries that holds a place so named: "Robe, Bale"
                # is Ethiopia's Robe although "Bale" alone would be Basel)
                phrase, within = head, tail
            elif not self._rows(fold(phrase)):  # a qualifier the gazetteer does not know
                phrase = head
        if within:  # "X, Michoacan" in a story whose other names point elsewhere: X is in Mexico
            named = self.country(within)
            isos = {named.iso3} if named else {u.iso3 for u in self._units(within, context)}
            if len(isos) == 1 and not isos & set(self._context_info(context)[0]):
                context = (*context, *isos)
        unit_word = _UNIT_AFTER.match(phrase) or _UNIT_BEFORE.match(phrase)
        if within and unit_word:  # "Garmsir district, Helmand"
            phrase, prefer = unit_word["place"], "admin"
        place = dataclasses.replace(self._resolve_cached(phrase, context, dateline, prefer, within))
        if unit_word and within and not place.unresolved_reason:
            place.geo_precision = max(2, place.geo_precision or 2)
        if place.unresolved_reason and within and not self.country(within):
            # "Rurrenabaque, Beni" in a story whose other names also fit Congo's Beni: the one
            # country where a unit so named holds a place so named
            isos = {r.iso3 for r in self._within(self._rows(fold(phrase)), within, ())}
            if len(isos) == 1 and not isos & set(self._context_info(context)[0]):
                again = self._resolve_cached(phrase, (*context, *isos), dateline, prefer, within)
                if not again.unresolved_reason:
                    place = dataclasses.replace(again)
                    if unit_word:
                        place.geo_precision = max(2, place.geo_precision or 2)
        if place.unresolved_reason and within and fold(_strip_unit(within)) == fold(phrase):
            # "San Juan (San Juan)": the town in its namesake unit, else the town wherever
            # GeoNames files it ("Buenos Aires, Buenos Aires": the city is not in the province)
            alone = dataclasses.replace(self._resolve_cached(phrase, context, dateline, prefer, None))
            if not alone.unresolved_reason:
                return alone
        if place.unresolved_reason and within and not self.country(within):
            # "Kansafra, Idlib" with the village unknown: the unit the text names, as ACLED
            # codes a report it can only place in a region.
            ctx, neighbours, continents = self._context_info(context)
            units = list(self._units(within, context))
            ranks = self._scored(units, ctx, neighbours, continents, "admin", None)
            units = [u for _, u in sorted(zip(ranks, units), key=lambda t: -t[0])]
            if units:
                unit = self._place(units[0], 0.0)
                unit.geo_precision = max(2, unit.geo_precision or 2)
                return unit
        return place

    def _resolve_cached(self, phrase: str, context: tuple[str, ...], dateline: str | None,
                        prefer: str | None, within: str | None) -> Place:
        if within is None:
            return self._resolved(phrase, context, dateline, prefer)
        return self._resolve_uncached(phrase, context, dateline, prefer, within)

    def country(self, name_or_code: str) -> Country | None:
        """A country by name, alias, ISO2 or ISO3 code ("Azerbaijan", "AZ", "AZE", "the U.S.")."""
        raw = re.sub(r"^the\s+", "", name_or_code.strip(), flags=re.I)
        if len(raw) == 3 and raw.isupper() and raw in self._countries:
            return self._countries[raw].country
        key = re.sub(r"^the ", "", fold(raw))
        if len(key.replace(" ", "")) <= 3 and not raw.replace(".", "").replace(" ", "").isupper():
            return None  # acronyms only as written: "US", "U.S.", "CAR", never "us" or "car"
        iso3 = self._country_keys.get(key)
        if iso3 is None and len(raw) == 2 and raw.isupper():
            iso3 = next((i.country.iso3 for i in self._countries.values() if i.country.iso2 == raw), None)
        return self._countries[iso3].country if iso3 in self._countries else None

    def demonym(self, word: str) -> str | None:
        """ISO3 of the country a demonym or adjective names ("Azeri" -> "AZE")."""
        key = fold(word)
        return self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)

    def is_place(self, text: str) -> bool:
        """Whether the text is a place name worth resolving: a country, admin unit or region, or
        a town of 1,000 people or more by its own name or an English alias. Common English words
        ("Police", "Mobile") count only for places of a million people."""
        key = fold(text)
        if not key:
            return False
        if self.country(text):
            return True
        rows = self._rows(key)
        if key in self._common_words:
            return any((r.population or 0) >= 1_000_000 and r.similarity >= 100 for r in rows)
        return any(r.similarity >= 100 and (r.feature != "city" or (r.population or 0) >= 1000
                                            or (r.kind <= ALIAS and r.source is None)) for r in rows)

    def admin1_names(self, iso3: str | None, name: str | None) -> frozenset[str]:
        """Every name (folded) the gazetteer has for the admin1 unit of country `iso3` that it
        writes `name` ("Attiki": attiki, attica; "Chattogram": chattogram, chittagong, ...): so
        a comparison can accept another spelling of the same unit, never a different unit."""
        if not name or not iso3:
            return frozenset()
        ids = [r[0] for r in self._query(
            "SELECT p.id FROM name n JOIN place p ON p.id = n.place WHERE n.key = ? AND n.kind = ? "
            "AND p.feature = 'admin1' AND p.iso3 = ?", (fold(name), PRIMARY, iso3))]
        if not ids:
            return frozenset()
        marks = ",".join("?" * len(ids))
        return frozenset(r[0] for r in self._query(f"SELECT key FROM name WHERE place IN ({marks})", tuple(ids)))

    def names_unit(self, text: str, context: Sequence[str] = ()) -> bool:
        """Whether the text names an admin unit or region (in the story's countries when there
        are any), also when it is better known as a town ("Idleb" the town and its province)."""
        return bool(self._units(text, context))

    def has_name(self, text: str) -> bool:
        """Whether the text is the own name, an alias or an alternate name of some place (not a
        common English word), or a name of several words that is a close spelling variant of one
        ("Ras Al Ain" / "Ra's al Ayn"): used to mend place names the parser cut in two ("Ras" +
        "Al Ain", "Santa Maria" + "de Ostula")."""
        key = fold(text)
        if len(key) < 3 or key in self._common_words or key in _WORLD_REGIONS:
            return False
        if self._exact_rows(key):
            return True
        return " " in key and len(key) >= 8 and any(
            r.similarity >= _MENDING_MIN_SIMILARITY for r in self._loose_rows(key))

    def ruler_patterns(self, min_population: int = 15000) -> list[dict[str, str]]:
        """spaCy EntityRuler patterns for countries, admin1 units, regions and towns of at least
        `min_population` people (floored at the build's RULER_MIN_POPULATION)."""
        rows = self._query("SELECT label, pattern, id FROM ruler WHERE population >= ?", (min_population,))
        return [{"label": label, "pattern": pattern, "id": pid} for label, pattern, pid in rows]


def _elsewhere(row: _Row, districts: list[_Row]) -> bool:
    """The place is filed under another district than these and lies away from all of them."""
    return bool(row.admin2) and all(
        fold(row.admin2 or "") != fold(d.name) and (row.lat is None or d.lat is None or distance_km(
            d.lat, d.lon, row.lat, row.lon) > _NEAR_UNIT_KM["admin2"]) for d in districts)  # type: ignore[arg-type]


_CACHE: dict[Path, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()


def get_gazetteer(settings: Settings | None = None) -> Gazetteer:
    """The gazetteer over `settings.gazetteer_path`, opened once per path. An index built from
    other code or data tables than these is refused (SetupError) rather than silently used."""
    path = (settings or Settings()).gazetteer_path
    with _CACHE_LOCK:
        gaz = _CACHE.get(path)
        if gaz is None:
            gaz = Gazetteer(path)
            if gaz.meta("fingerprint") != source_fingerprint():
                raise SetupError(f"gazetteer index {path} was built from other sources: run `wirewatch setup`")
            _CACHE[path] = gaz
        return gaz


def geocode(name: str, context: Sequence[str] | None = None, limit: int = 10,
            settings: Settings | None = None) -> list[Place]:
    """Ranked candidates with scores: `geocode("Khankendi", context=["AZE", "ARM"])`."""
    return get_gazetteer(settings).candidates(name, context or (), limit=limit)
