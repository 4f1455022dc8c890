"""`/api/places`: town and province names and the towns behind the map's approximate province
boundaries, from the built-in gazetteer (offline). Needs the index `make setup` builds."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wirewatch.api._places import PlaceNames
from wirewatch.settings import Settings

SOUTH_CAUCASUS = "44,39,51,42"


def built() -> Path:
    path = Settings().gazetteer_path
    if not path.exists():
        pytest.skip(f"the gazetteer index {path} is not built (make setup)")
    return path


def test_names_by_zoom(client: Any) -> None:
    built()
    far = client.get("/api/places", params={"bbox": SOUTH_CAUCASUS, "zoom": 4}).json()
    near = client.get("/api/places", params={"bbox": SOUTH_CAUCASUS, "zoom": 8}).json()
    assert {p["name"] for p in far["places"]} == {"Baku", "Yerevan", "Tbilisi"}     # 1M+ towns only, far out
    towns = [p["name"] for p in near["places"] if p["kind"] == "town"]
    assert {"Ganja", "Gori", "Vanadzor"} <= set(towns)
    assert len(towns) == len(set(towns))                 # one name per town (GeoNames has "Baki" too)
    assert any(p["kind"] == "region" for p in near["places"])          # provinces named when zoomed in
    assert all(39 <= p["latitude"] <= 42 and 44 <= p["longitude"] <= 51 for p in near["places"])


def test_province_sites(client: Any) -> None:
    built()
    body = client.get("/api/places", params={"bbox": SOUTH_CAUCASUS, "zoom": 6}).json()["provinces"]
    keys = body["keys"]
    countries = {k.split("/")[0] for k in keys}
    assert {"AZE", "ARM", "GEO"} <= countries
    assert "AZE/Ganja" in keys or any(k.startswith("AZE/Ganca") for k in keys)
    assert len(body["sites"]) > 100 and all(0 <= s[2] < len(keys) for s in body["sites"])
    # the margin around the box gives the edge cells neighbours, and no more than that
    assert all(38 <= s[0] <= 43 and 42 <= s[1] <= 53 for s in body["sites"])
    world = client.get("/api/places", params={"bbox": "-180,-80,180,80", "zoom": 2}).json()
    assert world["provinces"]["sites"] == [] and len(world["places"]) <= 14 * 14


def test_bad_box_and_missing_index(client: Any, tmp_path: Path) -> None:
    r = client.get("/api/places", params={"bbox": "1,2,3", "zoom": 5})
    assert r.status_code == 422 and r.json()["detail"].startswith("bbox: expected W,S,E,N")
    r = client.get("/api/places", params={"bbox": "1,2,3,4", "country": "AZE"})
    assert r.status_code == 422 and "country" in r.json()["detail"]
    names = PlaceNames(tmp_path / "none.sqlite")
    answer = names.within((0, 0, 10, 10), 8)
    assert answer["places"] == [] and answer["provinces"]["sites"] == []
    assert "unreadable" in (answer["message"] or "")
