"""Fit the gazetteer's candidate ranker (src/wirewatch/geo/ranker.json) on ../shared/train ACLED rows.

    WIREWATCH_DATA=src/wirewatch/geo/_data/full .venv/bin/python scripts/geo_ranker.py \
        --train ../shared/train/acled_train.csv [--rows 3000] [--out src/wirewatch/geo/ranker.json]

`make geo-ranker` runs it over the index with ../shared/gazetteer's dumps (`make gazetteer`). Each
training row's notes go through the whole pipeline as `wirewatch evaluate` runs them; every candidate
list the gazetteer ranks on the way is kept with its feature vectors (`geo/_rank.py`), and a candidate
is a right one when it lies within 25 km of the row's gold point (the lists are collected under the
hand-set weights, so a refit does not depend on the fit before it). Lists with no right candidate (the
note's other places, villages the index lacks) or no wrong one teach nothing and are left out. A
conditional logit (one softmax over each list: how likely the right candidates are the ones picked)
gives the weights, pulled towards the hand-set weights it replaced (`_rank.PRIOR`); the fit is
deterministic (damped Newton steps, rows in a fixed order). The rows: those of acled_train.csv with a point and notes (not the Netherlands' protest
rows) whose bucket, sha1("gaz13:" + notes) mod 100, is 60 or more; buckets 0-3 are the error-analysis
split and 50-59 are held out (docs/geo.md). Identical notes share a bucket. Licence: ACLED's terms
apply to the data the weights were fitted on.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from wirewatch.evaluate.acled import AcledKind
from wirewatch.geo import _rank, get_gazetteer
from wirewatch.geo._phrases import distance_km
from wirewatch.settings import Settings

TRAIN_BUCKETS = range(60, 100)
RIGHT_KM = 25.0


def bucket(notes: str) -> int:
    return int(hashlib.sha1(f"gaz13:{notes}".encode()).hexdigest(), 16) % 100


def training_rows(path: Path, limit: int) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("latitude") and (r.get("notes") or "").strip()
                and r.get("country") != "Netherlands" and bucket(r["notes"]) in TRAIN_BUCKETS]
    # a fixed order that mixes countries and years: by the hash of the row's id and notes
    rows.sort(key=lambda r: hashlib.sha1(f"order:{r.get('event_id_cnty')}:{r['notes']}".encode()).hexdigest())
    return rows[:limit]


def collect(rows: list[dict[str, str]]) -> tuple[list[list[float]], list[int], list[int]]:
    from wirewatch.pipeline import Pipeline

    # the lists are collected under the hand-set weights, whatever ranker.json holds now, so a refit
    # does not depend on the fit before it
    prior = tuple(_rank.PRIOR.get(f, 0.0) for f in _rank.FEATURES)
    _rank.weights = lambda: (prior, 0.0)  # type: ignore[assignment]
    settings = Settings()
    gaz = get_gazetteer(settings)
    pipeline = Pipeline(settings)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "rows.csv"
        with sample.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        cases = list(AcledKind().load(sample))
    xs: list[list[float]] = []
    ys: list[int] = []
    group_of: list[int] = []
    groups = 0
    started = time.monotonic()
    for i, case in enumerate(cases, 1):
        gold = case.gold
        gaz.trace = []
        gaz._resolved.cache_clear()  # every resolution of this row goes through the ranker again
        pipeline.process([case.article])
        for cands, vectors in gaz.trace:
            labels = [int(r.lat is not None and r.lon is not None and distance_km(
                gold.latitude, gold.longitude, r.lat, r.lon) <= RIGHT_KM) for r in cands]
            if 0 < sum(labels) < len(labels):
                xs.extend(vectors)
                ys.extend(labels)
                group_of.extend([groups] * len(labels))
                groups += 1
        if i % 250 == 0:
            print(f"{i}/{len(cases)} rows, {groups} candidate lists, {time.monotonic() - started:.0f} s", file=sys.stderr)
    gaz.trace = None
    return xs, ys, group_of


def fit(xs: list[list[float]], ys: list[int], group_of: list[int], prior: list[float], c: float) -> list[float]:
    """A conditional logit (one softmax over each candidate list: the chance that the right places
    are the ones picked) by damped Newton steps, its weights pulled towards `prior` by an L2 penalty
    of 1/c. Ranking within a list is what the resolver does, so only differences between candidates
    of one list are learnt; deterministic, and a feature never set keeps its prior weight."""
    import numpy as np

    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    g = np.asarray(group_of)
    n = int(g.max()) + 1
    w0 = np.asarray(prior, dtype=float)
    lam = 1.0 / c

    def parts(w: Any) -> tuple[float, Any, Any]:
        z = x @ w
        zmax = np.full(n, -np.inf)
        np.maximum.at(zmax, g, z)
        e = np.exp(z - zmax[g])
        total = np.bincount(g, e, n)
        right = np.bincount(g, e * y, n)
        p = e / total[g]                      # each candidate's share of its list
        q = e * y / right[g]                  # its share among the list's right ones
        loss = float(np.sum(np.log(total) - np.log(right)) + 0.5 * lam * np.sum((w - w0) ** 2))
        grad = x.T @ (p - q) + lam * (w - w0)
        # Hessian of the softmax part minus that of the right-ones part, summed over lists
        def cov(share: Any) -> Any:
            mean = np.zeros((n, x.shape[1]))
            np.add.at(mean, g, x * share[:, None])
            centred = x - mean[g]
            return (centred * share[:, None]).T @ centred
        hess = cov(p) - cov(q) + lam * np.eye(len(w))
        return loss, grad, hess

    w = w0.copy()
    current, grad, hess = parts(w)
    for _ in range(100):
        step = np.linalg.solve(hess + 1e-6 * np.eye(len(w)), grad)
        rate = 1.0
        while parts(w - rate * step)[0] > current and rate > 1e-6:  # damped: never a step uphill
            rate /= 2
        w = w - rate * step
        previous = current
        current, grad, hess = parts(w)
        if previous - current < 1e-9 * max(1.0, abs(current)):
            break
    return [float(v) for v in w]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, required=True, help="acled_train.csv")
    ap.add_argument("--rows", type=int, default=3000, help="training rows to run (default 3000)")
    ap.add_argument("--out", type=Path, default=_rank.WEIGHTS_PATH)
    ap.add_argument("--data", type=Path, default=None,
                    help="a JSON file of the collected candidates: read when it exists (no pipeline run), else written")
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength of the logistic regression")
    args = ap.parse_args()
    if not args.train.is_file():
        print(f"geo_ranker: {args.train} is missing", file=sys.stderr)
        return 1
    rows = training_rows(args.train, args.rows)
    if args.data and args.data.is_file():
        xs, ys, group_of = json.loads(args.data.read_text())
    else:
        xs, ys, group_of = collect(rows)
        if args.data:
            args.data.write_text(json.dumps([xs, ys, group_of]))
    groups = len(set(group_of))
    if not groups:
        print("geo_ranker: no candidate list to learn from", file=sys.stderr)
        return 1
    weights = fit(xs, ys, group_of, [_rank.PRIOR.get(f, 0.0) for f in _rank.FEATURES], args.C)
    seen = [sum(1 for x in xs if x[i]) for i in range(len(_rank.FEATURES))]
    out = {
        "about": ("conditional logit (a softmax over each candidate list) over candidate features (geo/_rank.py), fitted by scripts/geo_ranker.py "
                  f"on {len(rows)} ../shared/train ACLED rows (ACLED's terms of use apply): "
                  f"{groups} candidate lists, {len(ys)} candidates, {sum(ys)} within {RIGHT_KM:.0f} km of the gold point; "
                  f"L2 towards the hand-set weights (_rank.PRIOR), C={args.C}"),
        "features": list(_rank.FEATURES),
        "weights": [round(w, 4) for w in weights],
        "intercept": 0.0,
        "seen": seen,  # training candidates with the feature set (0: the weight is the prior's)
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n")
    print(json.dumps({"rows": len(rows), "groups": groups, "candidates": len(ys), "right": sum(ys),
                      "weights": dict(zip(_rank.FEATURES, out["weights"])), "seen": dict(zip(_rank.FEATURES, seen))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
