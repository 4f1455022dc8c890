"""The candidate ranker (geo/_rank.py): the committed weights fit its features, the features say
what they claim, and the training script keeps the error-analysis and held-out rows out."""
from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

from wirewatch.geo import _rank
from wirewatch.geo._candidates import Row
from wirewatch.geo.build import ALTERNATE, PRIMARY

ROOT = Path(__file__).resolve().parents[2]


def _row(id: int, iso3: str, lat: float, lon: float, population: int = 0, feature: str = "city",
         source: int | None = 1, kind: int = PRIMARY, similarity: float = 100.0) -> Row:
    return Row(id, id, f"place {id}", feature, iso3, None, None, lat, lon, population, str(id), 0, source, kind, similarity)


def test_committed_weights_fit_the_features() -> None:
    data = json.loads(_rank.WEIGHTS_PATH.read_text())
    assert tuple(data["features"]) == _rank.FEATURES and len(data["weights"]) == len(_rank.FEATURES)
    weights, _ = _rank.weights()
    assert len(weights) == len(_rank.FEATURES)


def test_features_describe_the_candidate_not_its_name() -> None:
    rows = [_row(1, "KEN", -1.31, 36.79), _row(2, "COD", -4.3, 15.3, population=20000, source=None, kind=ALTERNATE),
            _row(3, "KEN", -1.0, 36.0, similarity=85.0)]
    vectors = _rank.features(rows, frozenset({"KEN"}), frozenset({"UGA"}), frozenset({"COD"}), None, (-1.3, 36.8))
    f = [dict(zip(_rank.FEATURES, v)) for v in vectors]
    assert f[0]["in_context"] == 1 and f[0]["dump_village"] == 1 and f[0]["primary"] == 1
    assert f[1]["far"] == 1 and f[1]["alternate"] == 1 and f[1]["rel_pop"] == 0 and f[0]["rel_pop"] < -4
    assert f[2]["loose"] == 0.85 and f[2]["primary"] == 0
    assert f[0]["near_30"] > 0.9 > f[2]["near_30"] and f[1]["near_150"] < 0.01
    # without story countries nothing is in, near or far from them
    bare = _rank.features(rows, frozenset(), frozenset(), frozenset(), None, None)
    assert all(dict(zip(_rank.FEATURES, v))["in_context"] == 0 == dict(zip(_rank.FEATURES, v))["near_150"] for v in bare)


def test_learned_order_prefers_what_the_text_says() -> None:
    # two villages of one name: the one in the story's country, and the one near its other places
    a, b = _row(1, "SOM", 2.0, 45.0), _row(2, "ETH", 9.0, 40.0)
    in_ctx = _rank.scores(_rank.features([a, b], frozenset({"SOM"}), frozenset({"ETH"}), frozenset(), None, None))
    assert in_ctx[0] > in_ctx[1]
    c = _row(3, "SOM", 2.1, 45.1)
    d = _row(4, "SOM", 10.0, 48.0)
    near = _rank.scores(_rank.features([c, d], frozenset({"SOM"}), frozenset(), frozenset(), None, (2.0, 45.0)))
    assert near[0] > near[1]


def test_training_rows_leave_out_the_analysis_and_held_out_buckets(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("geo_ranker", ROOT / "scripts" / "geo_ranker.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path = tmp_path / "train.csv"
    notes = [f"On {i} May, gunmen attacked village {i}." for i in range(400)]
    with path.open("w", newline="") as f:
        w = csv.DictWriter(f, ["event_id_cnty", "country", "latitude", "longitude", "notes"])
        w.writeheader()
        for i, n in enumerate(notes):
            w.writerow({"event_id_cnty": f"X{i}", "country": "Netherlands" if i % 50 == 0 else "Kenya",
                        "latitude": "1.0" if i % 7 else "", "longitude": "36.0", "notes": n})
    rows = script.training_rows(path, 10_000)
    assert rows and all(script.bucket(r["notes"]) >= 60 and r["latitude"] and r["country"] != "Netherlands" for r in rows)
    assert [r["event_id_cnty"] for r in rows] == [r["event_id_cnty"] for r in script.training_rows(path, 10_000)]
    assert len(script.training_rows(path, 5)) == 5
