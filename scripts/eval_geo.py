"""Measure the gazetteer on the development gold files (read from ../shared, never copied).

    .venv/bin/python scripts/eval_geo.py [--acled PATH] [--gtd PATH] [--no-context] [--misses N]

ACLED: each row's `location` is resolved (context: the row's country) and compared with the
row's coordinates (within 25 km) and `admin1` (compared as `wirewatch evaluate` does). GTD: each row's `city` is
resolved as "city, provstate" with the country as context: how often the town itself is
found (`town_found`), and how often the result lies in the right country and admin1 (a town
the gazetteer lacks falls back to its province). This isolates geocoding from extraction; `wirewatch evaluate` measures the pipeline.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from wirewatch.evaluate.metrics import same_place_name
from wirewatch.geo import distance_km, fold, get_gazetteer

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def acled(path: Path, use_context: bool, show: int) -> dict[str, float]:
    gaz = get_gazetteer()
    n = n1 = hit = hit1 = adm = adm_exact = 0
    misses: list[str] = []
    by_region: dict[str, list[int]] = {}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        country = gaz.country(row["country"])
        ctx = [country.iso3] if (country and use_context) else []
        place = gaz.resolve_expression(row["location"], ctx)
        n += 1
        prec1 = row["geo_precision"] == "1"
        n1 += prec1
        ok = (place.latitude is not None and place.longitude is not None and distance_km(
            place.latitude, place.longitude, float(row["latitude"]), float(row["longitude"])) <= 25)
        hit += ok
        hit1 += ok and prec1
        tally = by_region.setdefault(row.get("region") or "?", [0, 0])
        tally[0] += ok
        tally[1] += 1
        adm += same_place_name(place.admin1, row["admin1"])
        adm_exact += bool(place.admin1) and fold(place.admin1 or "") == fold(row["admin1"])
        if not ok and len(misses) < show:
            misses.append(f"{row['country']} | {row['location']} ({row['admin1']}) -> {place.name} "
                          f"{place.iso3} {place.admin1} {place.feature} {place.unresolved_reason or ''}")
    for m in misses:
        print("  miss:", m)
    print("  by region (location within 25 km):", ", ".join(
        f"{r} {h / t:.2f} ({t})" for r, (h, t) in sorted(by_region.items(), key=lambda kv: -kv[1][1])))
    return {"rows": n, "location_25km": hit / n, "location_25km_prec1": hit1 / max(n1, 1),
            "admin1": adm / n, "admin1_exact": adm_exact / n}


def gtd(path: Path, use_context: bool, show: int) -> dict[str, float]:
    gaz = get_gazetteer()
    n = found = right_country = adm = 0
    misses: list[str] = []
    for row in csv.DictReader(path.open(encoding="utf-8")):
        city = row["city"].strip()
        if not city or city.lower() == "unknown":
            continue
        n += 1
        country = gaz.country(row["country_txt"])
        ctx = [country.iso3] if (country and use_context) else []
        place = gaz.resolve_expression(f"{city}, {row['provstate']}" if row["provstate"] else city, ctx)
        found += not place.unresolved_reason and place.geo_precision == 1
        right_country += bool(country) and place.iso3 == (country.iso3 if country else None)
        ok = same_place_name(place.admin1, row["provstate"])
        adm += ok
        if not ok and len(misses) < show:
            misses.append(f"{row['country_txt']} | {city} ({row['provstate']}) -> {place.name} {place.iso3} "
                          f"{place.admin1} {place.feature} {place.unresolved_reason or ''}")
    for m in misses:
        print("  miss:", m)
    return {"rows": n, "town_found": found / n, "country": right_country / n, "admin1": adm / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--acled", type=Path, default=SHARED / "acled_dev.csv")
    ap.add_argument("--gtd", type=Path, default=SHARED / "gtd_dev.csv")
    ap.add_argument("--no-context", action="store_true", help="resolve without the row's country")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses per file")
    args = ap.parse_args()
    for name, fn, path in (("acled", acled, args.acled), ("gtd", gtd, args.gtd)):
        if not path.exists():
            print(f"{path}: not found, skipped", file=sys.stderr)
            continue
        result = fn(path, not args.no_context, args.misses)
        print(name, " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
