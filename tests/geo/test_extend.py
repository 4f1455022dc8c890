"""`wirewatch gazetteer add/list/remove`: GeoNames dumps added to a copy of the set-up index.

The dumps are written here in GeoNames' 19-column format with invented village names (checked
absent from cities500 first); the download path runs against a loopback HTTP server."""
from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from wirewatch.errors import InputError
from wirewatch.geo import Gazetteer
from wirewatch.geo.extend import add_sources, list_sources, remove_source
from wirewatch.testing import loopback

# geonameid, name, alternate names, lat, lon, class, code, country, admin1, admin2, population
_ROWS = [
    (990000001, "Zoryanopilske", "Zorianopilske,Zoryanopol'skoye", 48.01, 37.61, "P", "PPL", "UA", "05", "", 0),
    (990000002, "Kamyshevatka Nova", "", 48.20, 37.90, "P", "PPL", "UA", "05", "", 0),   # Donetsk
    (990000003, "Kamyshevatka Nova", "", 49.80, 24.10, "P", "PPL", "UA", "15", "", 0),   # Lviv
    (990000004, "Ruinvillehist", "", 48.0, 37.0, "P", "PPLH", "UA", "05", "", 0),        # historical: skipped
    (990000005, "Olkhovatsky Raion", "Olkhovatskyi", 48.30, 38.20, "A", "ADM2", "UA", "05", "9901", 0),
    (703448, "Kyiv", "Kyivtestgrad", 50.45, 30.52, "P", "PPLC", "UA", "12", "", 2797553),  # in cities500
]


def _line(r: tuple) -> str:
    gid, name, alt, lat, lon, fclass, fcode, cc, a1, a2, pop = r
    cols = [str(gid), name, name, alt, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "", str(pop),
            "", "", "Europe/Kyiv", "2024-01-01"]
    return "\t".join(cols) + "\n"


def _dump_text(rows: list[tuple] = _ROWS) -> str:
    return "".join(_line(r) for r in rows)


@pytest.fixture
def index(tmp_path: Path, settings) -> Path:
    """A private copy of the set-up index (the session's own stays untouched)."""
    path = tmp_path / "data" / "gazetteer.sqlite"
    path.parent.mkdir()
    shutil.copyfile(settings.gazetteer_path, path)
    return path


def _zip(path: Path, member: str, text: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, text)
    return path


def test_villages_are_absent_before_and_found_after(index: Path) -> None:
    dump = index.parent / "UA.txt"
    dump.write_text(_dump_text(), encoding="utf-8")
    before = Gazetteer(index)
    assert before.resolve("Zoryanopilske", ["UKR"]).unresolved_reason
    set_up = _count(index, "SELECT count(*) FROM place WHERE source IS NULL")

    [result] = add_sources(index, [dump])
    assert (result.places, result.merged, result.bad_lines) == (4, 1, 0)   # the PPLH row is skipped
    gaz = Gazetteer(index)
    village = gaz.resolve("Zoryanopilske", ["UKR"])
    assert (village.geonameid, village.admin1, village.geo_precision) == (990000001, "Donetsk", 1)
    assert gaz.resolve("Zorianopilske", ["UKR"]).geonameid == 990000001   # an alternate name
    assert gaz.resolve("Kyivtestgrad", ["UKR"]).geonameid == 703448        # merged into cities500's Kyiv
    assert gaz.resolve("Ruinvillehist", ["UKR"]).unresolved_reason
    assert _count(index, "SELECT count(*) FROM place WHERE source IS NULL") == set_up  # cities500 stays


def test_the_named_province_picks_the_village(index: Path) -> None:
    (index.parent / "UA.txt").write_text(_dump_text(), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    gaz = Gazetteer(index)
    assert gaz.resolve_expression("Kamyshevatka Nova, Donetsk", ["UKR"]).geonameid == 990000002
    assert gaz.resolve_expression("Kamyshevatka Nova, Lviv", ["UKR"]).geonameid == 990000003
    assert gaz.resolve_expression("Kamyshevatka Nova (Lviv)", ["UKR"]).geonameid == 990000003


def test_the_story_s_other_places_break_a_tie_by_distance(index: Path) -> None:
    (index.parent / "UA.txt").write_text(_dump_text(), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    gaz = Gazetteer(index)
    assert gaz.resolve("Kamyshevatka Nova", ["UKR"], near=(48.0, 37.8)).geonameid == 990000002
    assert gaz.resolve("Kamyshevatka Nova", ["UKR"], near=(49.9, 24.0)).geonameid == 990000003


def test_a_village_filed_under_another_division_is_inside_the_named_one(index: Path) -> None:
    """The dump files the village under a province whose code the set-up index names otherwise;
    near the named province's point it still counts as inside it, with the province as named."""
    rows = [(990000011, "Pidhirne Vyshche", "", 48.05, 37.75, "P", "PPL", "UA", "99", "", 0)]
    (index.parent / "UA.txt").write_text(_dump_text(rows), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    place = Gazetteer(index).resolve_expression("Pidhirne Vyshche, Donetsk", ["UKR"])
    assert (place.geonameid, place.admin1) == (990000011, "Donetsk")
    far = Gazetteer(index).resolve_expression("Pidhirne Vyshche, Lviv", ["UKR"])
    assert far.geonameid != 990000011


def test_a_district_without_a_town_is_the_district(index: Path) -> None:
    (index.parent / "UA.txt").write_text(_dump_text(), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    place = Gazetteer(index).resolve_expression("Olkhovatskyi district", ["UKR"])
    assert (place.feature, place.geo_precision, place.admin1) == ("admin2", 2, "Donetsk")
    assert (place.latitude, place.longitude) == (48.30, 38.20)


def test_adding_again_is_a_no_op_and_list_shows_the_checksum(index: Path) -> None:
    dump = index.parent / "UA.txt.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as f:
        f.write(_dump_text())
    add_sources(index, [dump])
    size = _count(index, "SELECT count(*) FROM name")
    [again] = add_sources(index, [dump])
    assert again.skipped == "already loaded"
    assert _count(index, "SELECT count(*) FROM name") == size
    [info] = list_sources(index)
    assert (info.label, info.countries, info.places) == ("UA.txt.gz", ("UA",), 4)
    assert info.sha256 == hashlib.sha256(dump.read_bytes()).hexdigest()


def test_a_new_version_of_a_file_replaces_the_old(index: Path) -> None:
    dump = index.parent / "UA.txt"
    dump.write_text(_dump_text(), encoding="utf-8")
    add_sources(index, [dump])
    dump.write_text(_dump_text(_ROWS[1:3]), encoding="utf-8")
    add_sources(index, [dump])
    [info] = list_sources(index)
    assert info.places == 2
    assert Gazetteer(index).resolve("Zoryanopilske", ["UKR"]).unresolved_reason


def test_remove_by_country_takes_out_exactly_what_was_added(index: Path) -> None:
    before = _count(index, "SELECT count(*) FROM name")
    _zip(index.parent / "UA.zip", "UA.txt", _dump_text())
    add_sources(index, [index.parent / "UA.zip"])
    places, names = remove_source(index, "UA")
    assert places == 4 and names > 4
    assert _count(index, "SELECT count(*) FROM name") == before
    assert list_sources(index) == []
    gaz = Gazetteer(index)
    assert gaz.resolve("Kyivtestgrad", ["UKR"]).unresolved_reason
    assert gaz.resolve("Kyiv", ["UKR"]).geonameid == 703448
    with pytest.raises(InputError, match="not loaded"):
        remove_source(index, "UA")


def test_folder_skips_code_tables_and_counts_bad_lines(index: Path) -> None:
    folder = index.parent / "dumps"
    folder.mkdir()
    (folder / "UA.txt").write_text(_dump_text() + "not\ta\tdump line\n", encoding="utf-8")
    (folder / "admin1CodesASCII.txt").write_text("UA.05\tDonetsk\tDonetsk\t709716\n", encoding="utf-8")
    (folder / "README.md").write_text("notes\n", encoding="utf-8")
    [result] = add_sources(index, [folder])
    assert (result.label, result.places, result.bad_lines) == ("UA.txt", 4, 1)


def test_not_a_dump_is_a_clear_error(index: Path) -> None:
    bad = index.parent / "notes.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoNames dump"):
        add_sources(index, [bad])
    broken = index.parent / "XX.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="damaged"):
        add_sources(index, [broken])
    assert list_sources(index) == []   # the index is untouched


# --- download: a loopback server stands in for download.geonames.org --------------------------

@pytest.fixture
def dump_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, bytes]]]:
    served = tmp_path / "served"
    served.mkdir()
    files = {
        "UA.zip": _zip(served / "UA.zip", "UA.txt", _dump_text()).read_bytes(),
        "admin1CodesASCII.txt": b"UA.05\tDonetsk\tDonetsk\t709716\n",
        "admin2Codes.txt": b"UA.05.9901\tOlkhovatskyi Raion\tOlkhovatskyi Raion\t990000005\n",
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            body = files.get(self.path.rsplit("/", 1)[-1])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as base:
        yield f"{base}/export/dump/", files


def test_country_code_downloads_through_the_fetcher(index: Path, settings, dump_server) -> None:
    url, files = dump_server
    local = replace(settings, data_dir=index.parent, allow_private=True)
    [result] = add_sources(index, ["UA"], settings=local, base_url=url)
    stored = index.parent / "dumps" / "UA.zip"
    assert stored.read_bytes() == files["UA.zip"]
    assert result.sha256 == hashlib.sha256(files["UA.zip"]).hexdigest()
    assert (index.parent / "dumps" / "admin2Codes.txt").exists()
    assert Gazetteer(index).resolve("Zoryanopilske", ["UKR"]).geonameid == 990000001


def test_download_refuses_loopback_unless_allowed(index: Path, settings, dump_server) -> None:
    url, _ = dump_server
    with pytest.raises(InputError, match="private address"):
        add_sources(index, ["UA"], settings=replace(settings, data_dir=index.parent), base_url=url)


def test_cli_add_list_remove(index: Path, settings, dump_server) -> None:
    from wirewatch.cli import main
    (index.parent / "UA.txt").write_text(_dump_text(), encoding="utf-8")
    runner = CliRunner()
    added = runner.invoke(main, ["gazetteer", "add", str(index.parent / "UA.txt"), "--path", str(index)])
    assert added.exit_code == 0, added.output
    assert "4 places added" in added.output
    listed = runner.invoke(main, ["gazetteer", "list", "--path", str(index)])
    assert "UA.txt\tUA\t4 places" in listed.output
    removed = runner.invoke(main, ["gazetteer", "remove", "UA", "--path", str(index)])
    assert removed.exit_code == 0 and "removed 4 places" in removed.output
    missing = runner.invoke(main, ["gazetteer", "add", str(index.parent / "nope.txt"), "--path", str(index)])
    assert missing.exit_code == 1 and "no such file" in missing.output


def _count(index: Path, sql: str) -> int:
    with sqlite3.connect(index) as db:
        return db.execute(sql).fetchone()[0]


def test_setup_rebuild_adds_the_loaded_dumps_again(index: Path) -> None:
    from wirewatch.cli import main
    dump = index.parent / "UA.txt"
    dump.write_text(_dump_text(), encoding="utf-8")
    add_sources(index, [dump])
    result = CliRunner().invoke(main, ["setup", "--force", "--path", str(index)])
    assert result.exit_code == 0, result.output
    assert "added again: UA.txt (4 places)" in result.output
    assert Gazetteer(index).resolve("Zoryanopilske", ["UKR"]).geonameid == 990000001


def test_a_bare_name_of_several_villages_stays_unresolved(index: Path) -> None:
    (index.parent / "UA.txt").write_text(_dump_text(), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    place = Gazetteer(index).resolve("Kamyshevatka Nova", ["UKR"])
    assert place.unresolved_reason and "2 villages" in place.unresolved_reason
    assert Gazetteer(index).resolve("Zoryanopilske", ["UKR"]).geonameid == 990000001   # one of its name


def test_a_village_filed_under_another_district_is_not_the_one_meant(index: Path) -> None:
    """"X of D district, P": a village of the name that the dump files under another district of
    P, far from D, is another village; the text's district is the place."""
    rows = _ROWS + [(990000021, "Hamamivka Test", "", 49.20, 38.90, "P", "PPL", "UA", "05", "9902", 0),
                    (990000022, "Dalnii Raion", "", 49.25, 38.95, "A", "ADM2", "UA", "05", "9902", 0)]
    (index.parent / "UA.txt").write_text(_dump_text(rows), encoding="utf-8")
    (index.parent / "admin2Codes.txt").write_text("UA.05.9901\tOlkhovatskyi\tOlkhovatskyi\t990000005\n"
                                                  "UA.05.9902\tDalnii\tDalnii\t990000022\n", encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    gaz = Gazetteer(index)
    assert gaz.resolve_expression("Hamamivka Test, Dalnii district, Donetsk", ["UKR"]).geonameid == 990000021
    place = gaz.resolve_expression("Hamamivka Test, Olkhovatskyi district, Donetsk", ["UKR"])
    assert (place.feature, place.geo_precision, place.latitude) == ("admin2", 2, 48.30)


def test_a_village_filed_under_no_province_counts_inside_the_named_one(index: Path) -> None:
    """A dump row without an admin1 code ("Shahda town (Taleex, Sool)") still lies in the province
    the text names when it is within twice the usual reach of the province's point, and takes its name."""
    rows = [(990000031, "Shahdavka Test", "", 49.60, 39.60, "P", "PPL", "UA", "", "", 0)]   # ~220 km from Donetsk
    (index.parent / "UA.txt").write_text(_dump_text(rows), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    place = Gazetteer(index).resolve_expression("Shahdavka Test, Donetsk", ["UKR"])
    assert (place.geonameid, place.admin1) == (990000031, "Donetsk")


def test_a_unit_by_its_own_name_before_one_listing_it_as_a_variant(index: Path) -> None:
    """A district whose alternate names include another district's name ("Sherpur" listing
    "Tangail") does not stand for that district when the text names it."""
    rows = [(990000041, "Vovchansk Raion", "Kramatorsk", 49.90, 37.50, "A", "ADM2", "UA", "05", "9903", 0),
            (990000042, "Lisne Test", "", 49.95, 37.55, "P", "PPL", "UA", "05", "9903", 800),
            (990000043, "Lisne Test", "", 48.75, 37.60, "P", "PPL", "UA", "05", "", 0)]
    (index.parent / "UA.txt").write_text(_dump_text(rows), encoding="utf-8")
    add_sources(index, [index.parent / "UA.txt"])
    place = Gazetteer(index).resolve_expression("Lisne Test, Kramatorsk, Donetsk", ["UKR"])
    assert place.geonameid == 990000043
