"""Candidate ranking: what a candidate place looks like to the ranker (`features`) and the
learned weights that turn it into a score (`ranker.json`, a logistic regression fitted by
`scripts/geo_ranker.py` on ../shared/train ACLED rows: a candidate within 25 km of the row's
gold point is a right one). The score is the model's logit; only its order and its gaps matter."""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ._candidates import _SEAT_POPULATION, Row
from ._phrases import distance_km
from .build import ALIAS, ALTERNATE, PRIMARY

WEIGHTS_PATH = Path(__file__).with_name("ranker.json")

# One entry per feature, in the order of the weights. A candidate is described only by what the
# index and the call know (how its name matched, its size and kind, where it lies against the story's
# countries and other places), never by its name: the product meets places the training rows never name.
FEATURES = (
    "primary", "alias", "alternate", "loose",     # how the name matched (loose: the similarity, 0-1)
    "log_pop_town", "log_pop_unit",               # log10 of people: a town's or country's own, a unit's summed towns
    "rel_pop",                                    # log10 people against the largest candidate (<= 0)
    "seat", "dump_village",                       # cities500 seat without a population; a dump village (population 0)
    "country", "region", "admin1", "admin2", "approx",  # the kind of place (town: none of these)
    "wants_unit", "wants_unit_country", "wants_town",   # the phrase's unit word ("province", "town") met
    "in_context", "neighbour", "far",             # against the story's countries (all 0 without any)
    "near_150", "near_30",                        # closeness to the story's other places: exp(-km/150), exp(-km/30)
)

# The hand-set weights this ranker replaced (the scoring constants of the first resolver). The fit is
# pulled towards them (an L2 penalty on the difference), so a feature the training rows never show
# ("town of X", a unit word before "country") keeps its hand weight instead of dropping to nothing.
PRIOR = {"primary": 1.0, "alias": 0.9, "alternate": 0.75, "loose": 0.45, "log_pop_town": 0.12, "log_pop_unit": 0.12,
         "country": 0.5, "region": 0.5, "admin1": -0.12, "admin2": -0.17, "wants_unit": 0.8,
         "wants_unit_country": 0.3, "wants_town": 0.5, "in_context": 1.0, "neighbour": 0.3, "far": -0.5, "near_150": 0.6}


def _log_people(row: Row) -> float:
    pop = row.population or (_SEAT_POPULATION if row.feature == "city" and row.source is None else 0)
    return math.log10(pop + 1)


def features(rows: Sequence[Row], ctx: frozenset[str], neighbours: frozenset[str], far: frozenset[str],
             prefer: str | None, near: tuple[float, float] | None) -> list[list[float]]:
    """The feature vectors of a group of candidates for one name; `far` is the candidates' countries
    on another continent than every story country."""
    people = [_log_people(r) for r in rows]
    top = max(people, default=0.0)
    out = []
    for r, lp in zip(rows, people):
        exact = r.similarity >= 100
        unit = r.feature in ("admin1", "admin2", "region")
        d = distance_km(near[0], near[1], r.lat, r.lon) if near and r.lat is not None and r.lon is not None else None
        out.append([
            float(exact and r.kind == PRIMARY), float(exact and r.kind == ALIAS), float(exact and r.kind >= ALTERNATE),
            0.0 if exact else r.similarity / 100,
            0.0 if unit else lp, lp if unit else 0.0, lp - top,
            float(r.feature == "city" and not r.population and r.source is None),
            float(r.feature == "city" and not r.population and r.source is not None),
            float(r.feature == "country"), float(r.feature == "region"), float(r.feature == "admin1"),
            float(r.feature == "admin2"), float(bool(r.approx)),
            float(prefer == "admin" and unit), float(prefer == "admin" and r.feature == "country"),
            float(prefer == "town" and r.feature == "city"),
            float(bool(ctx) and r.iso3 in ctx), float(bool(ctx) and r.iso3 in neighbours),
            float(bool(ctx) and r.iso3 in far),
            math.exp(-d / 150) if d is not None else 0.0, math.exp(-d / 30) if d is not None else 0.0,
        ])
    return out


@lru_cache(maxsize=1)
def weights() -> tuple[tuple[float, ...], float]:
    """The fitted weights (in FEATURES' order) and the intercept."""
    data = json.loads(WEIGHTS_PATH.read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS_PATH} was fitted on other features: rerun `make geo-ranker`")
    return tuple(float(w) for w in data["weights"]), float(data["intercept"])


def scores(vectors: Sequence[Sequence[float]]) -> list[float]:
    """The model's logit for each candidate."""
    w, b = weights()
    return [b + sum(wi * xi for wi, xi in zip(w, x)) for x in vectors]
