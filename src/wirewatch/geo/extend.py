"""Adding GeoNames country dumps to the gazetteer index (`wirewatch gazetteer add/list/remove`).

The index built by `wirewatch setup` (cities500) stays; a dump adds its villages and districts,
and the alternate names of places the index already holds, each row tagged with the `source` it
came from so that `remove` takes exactly those rows out again. Adding is idempotent (a file whose
checksum is loaded is skipped; a new version of a loaded file replaces the old one), streams the
dump in batches (constant memory whatever its size), and works on a private copy of the index that
is renamed into place at the end: readers never see half an index, and a failure leaves the old
one untouched.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, SetupError
from ..settings import Settings
from ._fold import fold, is_latin, loose_from_folded, plain, strip_article
from .build import ALTERNATE, PRIMARY, SCHEMA_VERSION, display_name, is_code
from .dumps import ADMIN_TABLES, DumpRow, dump_files, read_admin_table, read_rows, sha256_of

GEONAMES_DUMP_URL = "https://download.geonames.org/export/dump/"
DOWNLOAD_MAX_BYTES = 512 * 1024 * 1024  # the largest country zip is ~100 MB; allCountries is not downloaded
DOWNLOAD_DEADLINE_S = 1800.0             # per file, start to finish
Progress = Callable[[str, int], None]    # (what, places read so far in this file)

_BATCH = 5000
# Populated places that are no longer places
_DEAD = {"PPLH", "PPLQ", "PPLW", "PPLCH"}
_HAS_DIGIT = re.compile(r"\d")
_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")


@dataclass
class SourceInfo:
    """One loaded dump: its file name, where it came from, its checksum and what it added."""

    id: int
    label: str
    origin: str
    sha256: str
    countries: tuple[str, ...]   # ISO2 codes of the places it added
    places: int                  # new places
    names: int                   # names added (to new places and to places already indexed)
    added: str


@dataclass
class AddResult:
    label: str
    origin: str
    sha256: str
    places: int = 0
    merged: int = 0              # places already in the index that gained names
    names: int = 0
    bad_lines: int = 0
    skipped: str | None = None   # why nothing was added ("already loaded")
    seconds: float = 0.0


def list_sources(index: Path) -> list[SourceInfo]:
    """The dumps loaded into the index, oldest first."""
    db = _connect(index, readonly=True)
    try:
        return _sources(db)
    finally:
        db.close()


def _sources(db: sqlite3.Connection) -> list[SourceInfo]:
    return [SourceInfo(r[0], r[1], r[2], r[3], tuple(c for c in (r[4] or "").split(",") if c), r[5], r[6], r[7])
            for r in db.execute("SELECT id, label, origin, sha256, countries, places, names, added FROM source ORDER BY id")]


def add_sources(index: Path, sources: Sequence[str | Path], *, settings: Settings | None = None,
                progress: Progress | None = None, base_url: str = GEONAMES_DUMP_URL,
                locked: bool = False) -> list[AddResult]:
    """Add GeoNames dumps to the index: files (`XX.txt`, `XX.txt.gz`, `XX.zip`, `allCountries.zip`,
    `cities1000.zip`), folders of them, or bare country codes ("UA"), which are downloaded from
    `base_url` into `<data dir>/dumps/` first (only when asked: this is the one place that
    downloads). The admin code tables next to a dump name its districts. `locked`: the caller
    already holds the index's lock (`wirewatch setup` re-adding after a rebuild)."""
    settings = settings or Settings()
    files: list[Path] = []
    for source in sources:
        text = str(source)
        if _COUNTRY_CODE.match(text) and not Path(text).exists():
            files.append(download_country(text.upper(), settings.data_dir / "dumps", settings,
                                          base_url=base_url, progress=progress))
        else:
            files.extend(dump_files(Path(source)))
    results: list[AddResult] = []
    with _private_copy(index, locked) as db:
        _drop_name_indexes(db)
        try:
            for path in files:
                results.append(_add_file(db, path, progress))
        finally:
            _create_name_indexes(db)
    return results


def loaded_files(index: Path) -> list[Path]:
    """The dump files loaded into an index that are still where they were loaded from (for
    `wirewatch setup` to add again after a rebuild); [] for a missing or older index."""
    try:
        return [Path(s.origin) for s in list_sources(index) if Path(s.origin).is_file()]
    except (SetupError, sqlite3.DatabaseError):
        return []


def remove_source(index: Path, what: str) -> tuple[int, int]:
    """Take out what dumps added: for a country code ("UA"), every added place in that country and
    every name added to one; for a loaded file's label ("UA.zip"), everything that file added.
    Returns (places, names) removed; InputError when nothing loaded matches."""
    with _private_copy(index) as db:
        sources = _sources(db)
        by_label = [s for s in sources if s.label == what or s.origin == what]
        if by_label:
            ids = ",".join(str(s.id) for s in by_label)
            names = db.execute(f"DELETE FROM name WHERE source IN ({ids})").rowcount
            places = db.execute(f"DELETE FROM place WHERE source IN ({ids})").rowcount
            db.execute(f"DELETE FROM source WHERE id IN ({ids})")
        elif _COUNTRY_CODE.match(what) and any(what.upper() in s.countries for s in sources):
            iso2 = what.upper()
            row = db.execute("SELECT iso3 FROM country WHERE iso2 = ?", (iso2,)).fetchone()
            if row is None:
                raise InputError(what, "no such country code")
            names = db.execute("DELETE FROM name WHERE source IS NOT NULL AND place IN "
                               "(SELECT id FROM place WHERE iso3 = ?)", (row[0],)).rowcount
            places = db.execute("DELETE FROM place WHERE source IS NOT NULL AND iso3 = ?", (row[0],)).rowcount
            for s in sources:
                if iso2 in s.countries:
                    left = [c for c in s.countries if c != iso2]
                    if left:
                        db.execute("UPDATE source SET countries = ? WHERE id = ?", (",".join(left), s.id))
                    else:
                        db.execute("DELETE FROM source WHERE id = ?", (s.id,))
        else:
            loaded = ", ".join(s.label for s in sources) or "none"
            raise InputError(what, f"not loaded (loaded: {loaded})")
        db.commit()
        db.execute("VACUUM")
    return places, names


def download_country(code: str, dest: Path, settings: Settings, *, base_url: str = GEONAMES_DUMP_URL,
                     progress: Progress | None = None) -> Path:
    """Download `XX.zip` and the admin code tables from GeoNames (or `base_url`) into `dest`
    through the project's fetcher (size cap, deadline, address and robots checks; each file is
    written whole or not at all). Returns the zip's path."""
    from ..ingest.fetch import fetch_to_file

    dest.mkdir(parents=True, exist_ok=True)
    for name in (f"{code}.zip", *ADMIN_TABLES):
        def tick(done: int, total: int | None, name: str = name) -> None:
            if progress:
                progress(f"downloading {name}" + (f" ({total / 1e6:.1f} MB)" if total else ""), done)
        fetch_to_file(base_url.rstrip("/") + "/" + name, dest / name, max_bytes=DOWNLOAD_MAX_BYTES,
                      deadline=DOWNLOAD_DEADLINE_S, progress=tick, settings=settings)
    return dest / f"{code}.zip"


# --- writing ---------------------------------------------------------------------------------

def _connect(index: Path, readonly: bool = False) -> sqlite3.Connection:
    if not index.exists():
        raise SetupError(f"gazetteer index {index} is missing: run `wirewatch setup`")
    uri = f"file:{index}?mode=ro" if readonly else f"file:{index}"
    db = sqlite3.connect(uri, uri=True)
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as e:
        db.close()
        raise SetupError(f"gazetteer index {index} is unreadable ({e}): run `wirewatch setup`") from e
    if not row or row[0] != SCHEMA_VERSION:
        db.close()
        raise SetupError(f"gazetteer index {index} is from another version: run `wirewatch setup`")
    return db


class _private_copy:
    """The index copied to a private file, opened for writing; renamed over the index on success.
    A lock file serialises writers (and `wirewatch setup`)."""

    def __init__(self, index: Path, locked: bool = False):
        self.index = index
        self.locked = locked
        self.tmp = index.with_name(f"{index.name}.{os.getpid()}.tmp")

    def __enter__(self) -> sqlite3.Connection:
        import fcntl
        self.lock = self.index.with_name(self.index.name + ".lock").open("a")
        if not self.locked:
            fcntl.flock(self.lock, fcntl.LOCK_EX)
        _connect(self.index, readonly=True).close()  # refuse a missing or old index before copying
        shutil.copyfile(self.index, self.tmp)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            if exc_type is None:
                self.db.commit()
                self.db.close()
                os.replace(self.tmp, self.index)
            else:
                self.db.close()
        finally:
            self.tmp.unlink(missing_ok=True)
            self.lock.close()


def _drop_name_indexes(db: sqlite3.Connection) -> None:
    # bulk inserts are several times faster into an unindexed table; the indexes are rebuilt once
    db.executescript("DROP INDEX IF EXISTS name_key; DROP INDEX IF EXISTS name_loose;")


def _create_name_indexes(db: sqlite3.Connection) -> None:
    db.executescript("CREATE INDEX IF NOT EXISTS name_key ON name(key);"
                     "CREATE INDEX IF NOT EXISTS name_loose ON name(loose) WHERE loose IS NOT NULL;")


def _batches(rows: Iterable[DumpRow], size: int) -> Iterator[list[DumpRow]]:
    batch: list[DumpRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _kind_of(row: DumpRow) -> str | None:
    if row.feature_class == "P" and row.feature_code not in _DEAD:
        return "city"
    if row.feature_class == "A" and row.feature_code in ("ADM1", "ADM2"):
        return row.feature_code.lower().replace("adm", "admin")
    return None


def _add_file(db: sqlite3.Connection, path: Path, progress: Progress | None) -> AddResult:
    started = time.perf_counter()
    digest = sha256_of(path)
    result = AddResult(label=path.name, origin=str(path.resolve()), sha256=digest)
    if db.execute("SELECT 1 FROM source WHERE sha256 = ?", (digest,)).fetchone():
        result.skipped = "already loaded"
        return result
    for (old,) in db.execute("SELECT id FROM source WHERE label = ?", (path.name,)).fetchall():
        db.execute("DELETE FROM name WHERE source = ?", (old,))  # a new version replaces the old
        db.execute("DELETE FROM place WHERE source = ?", (old,))
        db.execute("DELETE FROM source WHERE id = ?", (old,))
    source = int(db.execute("INSERT INTO source(label, origin, sha256, added) VALUES (?,?,?,?)",
                            (path.name, result.origin, digest, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))).lastrowid or 0)
    iso3_of = dict(db.execute("SELECT iso2, iso3 FROM country"))
    units = {code.split(":", 1)[1]: name for code, name in db.execute(
        "SELECT code, name FROM place WHERE feature IN ('admin1', 'admin2') AND source IS NULL")}
    admin2_table = read_admin_table(path.parent / "admin2Codes.txt") if (path.parent / "admin2Codes.txt").exists() else {}
    next_id = (db.execute("SELECT max(id) FROM place").fetchone()[0] or 0) + 1
    countries: set[str] = set()
    bad: list[int] = []
    read = 0
    for batch in _batches(read_rows(path, bad), _BATCH):
        read += len(batch)
        gids = [r.geonameid for r in batch]
        marks = ",".join("?" * len(gids))
        existing: dict[int, tuple[int, int, str]] = {}
        for gid, pid, approx, feature in db.execute(
                f"SELECT geonameid, id, approx, feature FROM place WHERE geonameid IN ({marks})", gids):
            if gid not in existing or not approx:
                existing[gid] = (pid, approx, feature)
        places: list[tuple] = []
        names: list[tuple] = []
        for row in batch:
            feature = _kind_of(row)
            iso3 = iso3_of.get(row.country)
            if feature is None or iso3 is None:
                continue
            have = existing.get(row.geonameid)
            latin = [a for a in row.alternatenames if is_latin(a) and not _HAS_DIGIT.search(a) and not is_code(a)]
            if have is not None and not (have[1] and have[2] == "admin2" and feature == "admin2"):
                n = _names(names, have[0], row, latin, source)
                result.merged += bool(n)
                result.names += n
                continue
            if feature == "admin1":
                continue  # provinces come from GeoNames' own tables at set-up
            a1 = units.get(f"{row.country}.{row.admin1}") if row.admin1 else None
            a2code = f"{row.country}.{row.admin1}.{row.admin2}" if row.admin1 and row.admin2 else None
            a2 = (units.get(a2code) or (display_name(admin2_table[a2code], []) if a2code in admin2_table else None)) if a2code else None
            name = plain(row.name)
            if feature == "admin2":
                name = display_name(row.name, latin)
                a2 = name
                code = f"admin2:{a2code or row.geonameid}"
            else:
                code = str(row.geonameid)
            pid = next_id
            next_id += 1
            places.append((pid, row.geonameid, name, feature, iso3, a1, a2, row.lat, row.lon,
                           row.population, code, 0, source))
            if feature == "admin2" and fold(name) != fold(row.name):
                latin.append(name)
            result.names += _names(names, pid, row, latin, source)
            result.places += 1
            countries.add(row.country)
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO name VALUES (?,?,?,?,?)", names)
        if progress:
            progress(path.name, read)
    result.bad_lines = len(bad)
    db.execute("UPDATE source SET countries = ?, places = ?, names = ? WHERE id = ?",
               (",".join(sorted(countries)), result.places, result.names, source))
    result.seconds = time.perf_counter() - started
    return result


def _names(out: list[tuple], pid: int, row: DumpRow, latin: list[str], source: int) -> int:
    """Index a dump row's names under place `pid`: its own and ASCII names (with loose keys, so
    transliteration variants meet them), and its Latin alternate names (exact keys only for
    villages: a transliteration guess on those is more often wrong than right)."""
    seen: set[str] = set()
    before = len(out)
    loose_alternates = row.population >= 1000
    for text, kind, loose in ((row.name, PRIMARY, True), (row.asciiname, PRIMARY, True),
                              *((a, ALTERNATE, loose_alternates) for a in latin)):
        key = fold(text)
        if len(key) < 2 or key in seen:
            continue
        seen.add(key)
        lk = loose_from_folded(key) if loose else None
        out.append((key, lk, pid, kind, source))
        bare = strip_article(key)
        if bare != key and bare not in seen:
            seen.add(bare)
            out.append((bare, lk, pid, ALTERNATE, source))
    return len(out) - before
