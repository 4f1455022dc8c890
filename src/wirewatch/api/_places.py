"""What the map shows offline besides country borders, from the project's own gazetteer index
(GeoNames, built by `make setup`): town and province names, and the towns the page draws
approximate province (admin-1) boundaries from.

No offline package of admin-1 outlines is available to the project (world-atlas has countries
only), so the page derives them: each town belongs to a province in GeoNames, the page cuts the
map into the towns' Voronoi cells (d3-delaunay) and draws the cell edges between towns of
different provinces of one country. Lines are approximate: about half the spacing of the towns
the answer holds, coarser where towns are sparse. Read once into memory (numpy arrays), then
filtered by box and zoom.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger("wirewatch.api")

# the smallest town named at a zoom: big cities first, smaller towns as the map zooms in
_MIN_POPULATION = ((4, 1_000_000), (5, 500_000), (6, 200_000), (7, 80_000), (8, 30_000))
_NAME_FLOOR = 10_000      # no smaller town is named
MAX_NAMES = 400           # names per answer: the largest first
PROVINCE_ZOOM = 4         # province boundaries from this zoom on, their names from the next
_LABEL_GRID = 14          # town names: at most one per cell of a 14 x 14 grid over the box
_GRID = 90                # boundary towns: at most one per cell of a 90 x 90 grid over the box


@dataclass
class _Index:
    name: list[str]
    region: np.ndarray      # bool: an admin-1 unit (its label point), else a town
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    province: np.ndarray    # index into provinces, -1 when GeoNames gives none
    provinces: list[str]    # "ISO3/admin-1 name"


class PlaceNames:
    def __init__(self, index: Path):
        self.index = index
        self._data: _Index | None = None
        self._lock = threading.Lock()
        self.message: str | None = None

    def _load(self) -> _Index:
        with self._lock:
            if self._data is None:
                self._data = self._read()
        return self._data

    def _read(self) -> _Index:
        rows: list[tuple[Any, ...]] = []
        try:
            conn = sqlite3.connect(f"file:{self.index}?mode=ro", uri=True)
            try:
                # largest first, so that the first town met in a grid cell is the one kept
                rows = conn.execute(
                    "SELECT name, feature = 'admin1', lat, lon, COALESCE(population, 0), iso3, admin1 FROM place "
                    "WHERE lat IS NOT NULL AND lon IS NOT NULL AND feature IN ('city', 'admin1') "
                    "ORDER BY COALESCE(population, 0) DESC").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as e:   # no index yet (make setup), or another layout
            self.message = f"no place names: gazetteer index {self.index} unreadable ({e})"
            log.warning("%s", self.message)
        keys: dict[str, int] = {}
        province = [keys.setdefault(f"{r[5]}/{r[6]}", len(keys)) if r[5] and r[6] else -1 for r in rows]
        return _Index(
            name=[r[0] for r in rows],
            region=np.array([bool(r[1]) for r in rows], dtype=bool),
            lat=np.array([r[2] for r in rows], dtype=np.float64),
            lon=np.array([r[3] for r in rows], dtype=np.float64),
            population=np.array([r[4] for r in rows], dtype=np.int64),
            province=np.array(province, dtype=np.int64),
            provinces=list(keys),
        )

    def within(self, bbox: tuple[float, float, float, float], zoom: int) -> dict[str, Any]:
        """For a map showing W,S,E,N at `zoom`: `places` to name (provinces from PROVINCE_ZOOM,
        towns by size) and `provinces`: the towns to draw province boundaries from, as
        `sites` [lat, lon, k] with `keys[k]` = "ISO3/admin-1" (empty below PROVINCE_ZOOM)."""
        data = self._load()
        west, south, east, north = bbox
        inside = (data.lat >= south) & (data.lat <= north) & (data.lon >= west) & (data.lon <= east)
        floor = next((p for z, p in _MIN_POPULATION if zoom <= z), _NAME_FLOOR)
        towns = _thin(np.flatnonzero(inside & ~data.region & (data.population >= floor)), data, bbox, _LABEL_GRID)
        regions = np.flatnonzero(inside & data.region) if zoom >= PROVINCE_ZOOM + 1 else towns[:0]
        named = np.concatenate([towns, regions])
        places = [{"name": data.name[i], "kind": "region" if data.region[i] else "town",
                   "latitude": float(data.lat[i]), "longitude": float(data.lon[i]),
                   "population": int(data.population[i]) or None}
                  for i in named[:MAX_NAMES]]
        return {"places": places, "provinces": self._sites(data, bbox, zoom), "message": self.message}

    def _sites(self, data: _Index, bbox: tuple[float, float, float, float], zoom: int) -> dict[str, Any]:
        if zoom < PROVINCE_ZOOM:
            return {"keys": [], "sites": []}
        west, south, east, north = bbox
        # a margin around the box, so that the cells at its edge have neighbours beyond it
        mx, my = (east - west) * 0.25 + 0.2, (north - south) * 0.25 + 0.2
        west, east, south, north = west - mx, east + mx, south - my, north + my
        pick = np.flatnonzero(~data.region & (data.province >= 0) & (data.lat >= south) & (data.lat <= north)
                              & (data.lon >= west) & (data.lon <= east))
        kept = _thin(pick, data, (west, south, east, north), _GRID)
        used: dict[int, int] = {}
        sites = [[round(float(data.lat[i]), 4), round(float(data.lon[i]), 4),
                  used.setdefault(int(data.province[i]), len(used))] for i in kept]
        return {"keys": [data.provinces[k] for k in used], "sites": sites}


def _thin(pick: np.ndarray, data: _Index, bbox: tuple[float, float, float, float], grid: int) -> np.ndarray:
    """`pick` (indices, largest town first) keeping the largest of each cell of a grid x grid
    net over the box: evenly spread, and one name where GeoNames has two for one city."""
    west, south, east, north = bbox
    cell = max(east - west, north - south, 1e-6) / grid
    row = np.floor((data.lat[pick] - south) / cell).astype(np.int64)
    col = np.floor((data.lon[pick] - west) / cell).astype(np.int64)
    _, first = np.unique(row * (grid * 4) + col, return_index=True)
    return pick[np.sort(first)]
