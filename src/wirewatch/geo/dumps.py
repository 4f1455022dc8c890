"""Reading GeoNames dump files as a stream: `XX.txt`, `XX.txt.gz`, `XX.zip`, `allCountries.zip`,
`cities1000.zip` (one 19-column tab-separated row per place) and the admin code tables
(`admin1CodesASCII.txt`, `admin2Codes.txt`). Rows are yielded one at a time, so a 1.5 GB
`allCountries.txt` is read in constant memory.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import InputError

ADMIN_TABLES = ("admin1CodesASCII.txt", "admin2Codes.txt")
_DUMP_SUFFIXES = (".txt", ".txt.gz", ".zip")
# Files in GeoNames' export folder that are not place dumps
_NOT_DUMPS = {"readme.txt", "admin1codesascii.txt", "admin2codes.txt", "admin1codes.txt",
              "countryinfo.txt", "featurecodes_en.txt", "timezones.txt", "iso-languagecodes.txt",
              "hierarchy.txt", "alternatenames.txt", "userTags.txt".lower(), "shapes_simplified_low.json.zip",
              "nocountry.txt"}


@dataclass(frozen=True)
class DumpRow:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country: str        # ISO2
    admin1: str         # GeoNames admin1 code within the country ("14"), may be empty
    admin2: str
    population: int


def is_dump_name(name: str) -> bool:
    low = name.lower()
    return low.endswith(_DUMP_SUFFIXES) and Path(low).name not in _NOT_DUMPS and not low.startswith("alternatenames")


def dump_files(source: Path) -> list[Path]:
    """The dump files a source names: the file itself, or every dump file in a folder (sorted)."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.is_file() and is_dump_name(p.name))
        if not files:
            raise InputError(str(source), "no GeoNames dump files (XX.txt, XX.txt.gz, XX.zip) in this folder")
        return files
    if not source.exists():
        raise InputError(str(source), "no such file or folder")
    if not is_dump_name(source.name):
        raise InputError(str(source), "not a GeoNames dump (expected XX.txt, XX.txt.gz or XX.zip)")
    return [source]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_text(path: Path) -> Iterator[IO[str]]:
    """The text stream(s) of a dump file: a .txt, a .txt.gz, or the dump members of a .zip."""
    low = path.name.lower()
    try:
        if low.endswith(".zip"):
            with zipfile.ZipFile(path) as z:
                members = [m for m in z.namelist() if is_dump_name(Path(m).name) and m.lower().endswith(".txt")]
                if not members:
                    raise InputError(str(path), "the zip holds no GeoNames dump (.txt)")
                for member in members:
                    with z.open(member) as raw:
                        yield io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        elif low.endswith(".gz"):
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                yield f
        else:
            with path.open(encoding="utf-8", errors="replace") as f:
                yield f
    except (zipfile.BadZipFile, gzip.BadGzipFile, EOFError) as e:
        raise InputError(str(path), f"damaged archive ({e})") from None


def read_rows(path: Path, bad: list[int] | None = None) -> Iterator[DumpRow]:
    """Every place row of a dump file, streamed; a malformed line is skipped (and counted in `bad`)."""
    for stream in open_text(path):
        for line in stream:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                if line.strip() and bad is not None:
                    bad.append(1)
                continue
            try:
                row = DumpRow(
                    geonameid=int(cols[0]), name=cols[1].strip(), asciiname=cols[2].strip(),
                    alternatenames=tuple(a for a in cols[3].split(",") if a) if cols[3] else (),
                    lat=float(cols[4]), lon=float(cols[5]), feature_class=cols[6], feature_code=cols[7],
                    country=cols[8], admin1=cols[10], admin2=cols[11],
                    population=int(cols[14]) if cols[14].strip() else 0)
            except ValueError:
                if bad is not None:
                    bad.append(1)
                continue
            if not row.name or not (-90 <= row.lat <= 90 and -180 <= row.lon <= 180):
                if bad is not None:
                    bad.append(1)
                continue
            yield row


def read_admin_table(path: Path) -> dict[str, str]:
    """An admin code table: "UA.14" (or "UA.14.1234") -> the unit's ASCII name."""
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[0]:
                out[cols[0]] = cols[2] or cols[1]
    return out
