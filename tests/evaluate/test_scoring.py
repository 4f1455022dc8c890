"""The scoring logic on hand-written example rows with a fake pipeline (no spaCy needed)."""
from __future__ import annotations

import io
import json

import pytest

from wirewatch.evaluate import choose_mention, evaluate, load_cases, split_of
from wirewatch.evaluate.acled import AcledKind, clean_notes, parse_date
from wirewatch.evaluate.gtd import GtdKind
from wirewatch.evaluate.split import in_split
from wirewatch.model import Mention

from .fakes import FakePipeline, acled_events, fake_geocoder, write_acled, write_gtd


@pytest.fixture
def acled_file(tmp_path):
    return write_acled(tmp_path / "acled_example.csv")


def _acc(report, name):
    s = report.fields[name]
    return (s.hits, s.n, s.excluded)


def test_acled_scoring_on_five_rows(acled_file):
    errors = io.StringIO()
    report = evaluate(acled_file, "acled", pipeline=FakePipeline(acled_events()), errors=errors)
    assert report.rows == 5
    assert _acc(report, "event_found") == (4, 5, 0)
    assert _acc(report, "event_type") == (4, 5, 0)         # old "Remote violence" maps to the current type
    assert _acc(report, "sub_event_type") == (2, 4, 1)     # ... but says no sub-type: left out
    assert _acc(report, "event_date") == (3, 5, 0)
    assert _acc(report, "location_25km") == (4, 5, 0)
    assert _acc(report, "admin1") == (4, 5, 0)
    assert _acc(report, "country") == (4, 5, 0)
    assert _acc(report, "fatalities") == (3, 5, 0)         # null read as ACLED's 0
    assert _acc(report, "fatalities_strict") == (1, 5, 0)  # null is not 0
    assert _acc(report, "fatalities_10pct") == (3, 5, 0)
    assert _acc(report, "fatalities_nonzero") == (1, 3, 2)
    assert _acc(report, "actor1_country") == (4, 5, 0)
    assert _acc(report, "actor2_country") == (1, 2, 3)     # no country in the name, or no actor2: left out
    assert _acc(report, "time_precision") == (4, 5, 0)
    assert _acc(report, "interaction") == (3, 5, 0)
    assert report.mentions == {"new": 4, "none": 1}
    parts = report.to_json()["splits"]
    assert set(parts) == {"dev", "heldout"}
    assert parts["dev"]["rows"] + parts["heldout"]["rows"] == 5
    assert sum(p["fields"]["event_type"]["hits"] for p in parts.values()) == 4
    out = report.to_json()
    assert out["rows"] == 5
    assert out["fields"]["event_type"]["accuracy"] == 0.8
    lo, hi = out["fields"]["event_type"]["ci95"]
    assert lo < 0.8 < hi
    patterns = out["error_patterns"]["sub_event_type"]
    assert {"gold": "Air/drone strike", "predicted": "Shelling/artillery/missile attack", "count": 1} in patterns
    lines = [json.loads(line) for line in errors.getvalue().splitlines()]
    assert {(e["row"], e["field"]) for e in lines} >= {("EX4", "event_type"), ("EX3", "fatalities"),
                                                        ("EX5", "event_date")}
    assert all(e["text"] for e in lines)
    assert not any(e["row"] == "EX1" for e in lines)


def test_acled_articles_carry_year_context_and_no_coder_tags(acled_file):
    cases = load_cases(acled_file, AcledKind())
    ex2 = next(c for c in cases if c.case_id == "EX2")
    assert ex2.article.published == "2021-12-31"
    assert "[size" not in ex2.article.text and ex2.article.text.endswith("over taxes.")
    assert ex2.unit == "Kenya"


def test_limit_and_batches(acled_file):
    fake = FakePipeline(acled_events())
    report = evaluate(acled_file, "acled", limit=2, pipeline=fake)
    assert report.rows == 2 and fake.calls == 1


def test_split_partitions_rows_by_country(acled_file):
    dev = load_cases(acled_file, AcledKind(), split="dev")
    held = load_cases(acled_file, AcledKind(), split="heldout")
    assert len(dev) + len(held) == 5
    assert {c.unit for c in dev}.isdisjoint({c.unit for c in held})
    assert split_of("Kenya") == split_of("kenya")   # folded: stable across spellings of case
    with pytest.raises(ValueError):
        in_split("Kenya", "test")


def test_best_match_is_a_diagnostic_over_new_and_prior(acled_file):
    events = acled_events()
    wrong_first = Mention("w", event_date="2021-03-01", event_type="Protests", mention="new")
    events["EX1"] = [wrong_first] + events["EX1"]
    first = evaluate(acled_file, "acled", pipeline=FakePipeline(events), match="first")
    best = evaluate(acled_file, "acled", pipeline=FakePipeline(events), match="best")
    assert _acc(first, "event_type")[0] == 3
    assert _acc(best, "event_type")[0] == 4


@pytest.mark.parametrize("mentions,want", [
    ([Mention("a", mention="background"), Mention("b", mention="new")], "b"),
    ([Mention("a", mention="prior"), Mention("b", mention="new")], "b"),
    ([Mention("a", mention="background"), Mention("b", mention="prior")], "b"),
    ([Mention("a", mention="background")], "a"),   # a one-event gold row: the label is the stand-in date's
    ([], None),
])
def test_choose_mention(mentions, want):
    chosen = choose_mention(mentions)
    assert (chosen.event_id if chosen else None) == want


def test_pipeline_failure_costs_one_row(acled_file):
    class Flaky(FakePipeline):
        def process(self, articles):
            if any(a.article_id.endswith("EX3") for a in articles):
                raise RuntimeError("boom")
            return super().process(articles)

    report = evaluate(acled_file, "acled", pipeline=Flaky(acled_events()))
    assert report.rows == 5
    assert _acc(report, "event_found") == (3, 5, 0)
    assert any("EX3" in note for note in report.notes)


def test_gtd_scoring(tmp_path):
    path = write_gtd(tmp_path / "gtd_example.csv")
    events = {
        "1": [Mention("g1", event_date="2017-06-02", event_type="Explosions/Remote violence",
                      sub_event_type="Remote explosive/landmine/IED", fatalities=3, latitude=2.04, longitude=45.34,
                      iso3="SOM", admin1="Banaadir")],
        "2": [Mention("g2", event_date="2017-06-03", event_type="Battles", sub_event_type="Armed clash",
                      fatalities=None, latitude=11.85, longitude=13.16, iso3="NGA", admin1="Borno")],
        "4": [Mention("g4", event_date="2017-06-05", event_type="Violence against civilians",
                      sub_event_type="Attack", fatalities=1, latitude=11.85, longitude=13.16, iso3="NGA")],
    }
    kind = GtdKind(fake_geocoder)
    cases = load_cases(path, kind)
    assert cases[0].article.text.startswith("06/02/2017:")     # the summary goes in verbatim
    assert cases[0].article.published == "2017-12-31"
    from wirewatch.evaluate.core import score_cases
    report = score_cases(kind, cases, FakePipeline(events))
    assert _acc(report, "event_date") == (3, 4, 0)
    assert _acc(report, "nkill") == (2, 3, 1)                   # GTD's empty nkill: unknown, left out
    assert _acc(report, "nkill_unknown_as_null") == (3, 4, 0)
    assert _acc(report, "location_25km") == (3, 3, 1)           # Nowhereville cannot be placed
    assert _acc(report, "attack_type") == (2, 3, 1)             # "Unknown" left out
    assert _acc(report, "acled_event_type") == (2, 3, 1)
    assert kind.unresolved == 1
    assert list(report.to_json()["fields"])[:4] == ["event_date", "nkill", "location_25km", "attack_type"]


def test_parse_date_formats():
    assert parse_date("2020-05-03") == "2020-05-03"
    assert parse_date("03 May 2020") == "2020-05-03"
    assert parse_date("03-May-2020") == "2020-05-03"
    assert parse_date("") is None


def test_clean_notes_keeps_ordinary_brackets():
    assert clean_notes("A clash [in the north] happened. [size=no report]") == "A clash [in the north] happened."


def test_gold_city_skips_namesakes_in_other_provinces():
    from wirewatch.evaluate.gtd import _resolve_city
    from wirewatch.model import Place

    class Gaz:
        def candidates(self, name, context=(), limit=10):
            if name != "Springfield":   # "Springfield district" is retried without "district"
                return []
            return [Place("Springfield", latitude=1.0, longitude=1.0, iso3="USA", admin1="Ohio", feature="city"),
                    Place("Springfield", latitude=2.0, longitude=2.0, iso3="USA", admin1="Illinois", feature="city"),
                    Place("Illinois", latitude=3.0, longitude=3.0, iso3="USA", admin1="Illinois", feature="admin1")]

    assert _resolve_city(Gaz(), "Springfield district", "Illinois", "USA") == (2.0, 2.0)
    assert _resolve_city(Gaz(), "Springfield", "Vermont", "USA") is None
    assert _resolve_city(Gaz(), "Springfield", "Illinois", "CAN") is None


def test_gold_city_lookup_failure_is_logged_and_unknown_but_a_bug_still_raises(caplog):
    import sqlite3

    from wirewatch.evaluate.gtd import _resolve_city

    class Damaged:
        def candidates(self, name, context=(), limit=10):
            raise sqlite3.DatabaseError("database disk image is malformed")

    class Buggy:
        def candidates(self, name, context=(), limit=10):
            raise AttributeError("no attribute 'rank'")

    with caplog.at_level("WARNING", logger="wirewatch.evaluate.gtd"):
        assert _resolve_city(Damaged(), "Springfield", "Illinois", "USA") is None
    assert [r.getMessage() for r in caplog.records] == [
        "GTD gold province 'Illinois': gazetteer lookup failed (database disk image is malformed); compared as written",
        "GTD gold city 'Springfield': gazetteer lookup failed (database disk image is malformed); its point is left unknown"]
    with pytest.raises(AttributeError):
        _resolve_city(Buggy(), "Springfield", "Illinois", "USA")


def test_miss_kinds_in_report(acled_file):
    report = evaluate(acled_file, "acled", pipeline=FakePipeline(acled_events()))
    kinds = report.to_json()["miss_kinds"]
    assert kinds["event_date"] == {"no event": 1, "off by 1 day": 1}
    assert kinds["fatalities"] == {"no event": 1, "too high": 1}
    assert kinds["event_found"] == {"triaged as not relevant": 1}   # the fake marks event-less texts irrelevant


def test_shouting_headers_and_empty_notes(tmp_path):
    from .fakes import ACLED_HEADER, ACLED_ROWS
    rows = [list(r) for r in ACLED_ROWS]
    rows[1][ACLED_HEADER.index("notes")] = ""
    path = write_acled(tmp_path / "old_export.csv", rows)
    text = path.read_text().splitlines()
    text[0] = text[0].upper()
    path.write_text("\n".join(text) + "\n")
    kind = AcledKind()
    cases = load_cases(path, kind)
    assert [c.case_id for c in cases] == ["EX1", "EX3", "EX4", "EX5"]
    assert kind.notes == ["1 rows without notes skipped"]


@pytest.mark.parametrize("value,code", [
    ("17", 17), ("60", 60), ("State forces-Civilians", 17), ("Civilians-State forces", 17),
    ("Protesters only", 60), ("Rebel group-Political militia", 23), ("Identity militia-Civilians", 47),
    ("External/Other forces-State forces", 18), ("", None), ("something", None),
])
def test_interaction_codes_old_and_new(value, code):
    from wirewatch.evaluate.acled import interaction_code
    assert interaction_code(value) == code


def test_gtd_combined_tolls_left_out_of_single_incident_field(tmp_path):
    from .fakes import GTD_HEADER
    path = tmp_path / "gtd_combined.csv"
    import csv as _csv
    with path.open("w", newline="") as f:
        w = _csv.writer(f)
        w.writerow(GTD_HEADER)
        w.writerow(["9", "2017", "6", "9", "Somalia", "Banadir", "Mogadishu",
                    "06/09/2017: Example: assailants attacked two posts. This was one of two related attacks. "
                    "Ten people were killed across both attacks.", "Armed Assault", "Military", "Firearms", "5"])
    events = {"9": [Mention("g9", event_date="2017-06-09", event_type="Battles", sub_event_type="Armed clash",
                            fatalities=10)]}
    from wirewatch.evaluate.core import score_cases
    kind = GtdKind(fake_geocoder)
    report = score_cases(kind, load_cases(path, kind), FakePipeline(events))
    assert _acc(report, "nkill") == (0, 1, 0)                   # GTD gives this row half the reported toll
    assert _acc(report, "nkill_single_incident") == (0, 0, 1)


def test_acled_coded_tolls_left_out_of_as_stated(tmp_path):
    from .fakes import ACLED_ROWS, ACLED_HEADER
    row = list(ACLED_ROWS[0])
    row[ACLED_HEADER.index("notes")] = ("Example: On 4 March 2021, soldiers clashed with militants near Maiduguri; "
                                        "8 were killed. Fatalities are split across 2 events (4).")
    row[ACLED_HEADER.index("fatalities")] = "4"
    path = write_acled(tmp_path / "coded.csv", [row])
    events = {"EX1": [Mention("e1", event_date="2021-03-04", event_type="Battles", fatalities=8)]}
    report = evaluate(path, "acled", pipeline=FakePipeline(events))
    assert _acc(report, "fatalities") == (0, 1, 0)
    assert _acc(report, "fatalities_as_stated") == (0, 0, 1)


def test_a_broken_pipeline_is_an_error_not_zero_accuracy(acled_file):
    import pytest

    from wirewatch.errors import WirewatchError

    class Broken(FakePipeline):
        def process(self, articles):
            raise RuntimeError("bad regex")

    with pytest.raises(WirewatchError, match="every article"):
        evaluate(acled_file, "acled", pipeline=Broken(acled_events()))
