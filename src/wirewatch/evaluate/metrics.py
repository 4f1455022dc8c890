"""Small, dependency-free measuring tools: Wilson intervals, distances, field comparators.

Everything here is pure: values in, verdicts out, so the scoring of each gold format can be read
(and tested) without the pipeline.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

EARTH_RADIUS_KM = 6371.0088
Z95 = 1.959963984540054  # two-sided 95% normal quantile


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion; (0, 1) when nothing was scored.

    Chosen over the normal approximation because it stays inside [0, 1] and behaves at 0% and 100%,
    which is where small per-field samples often land.
    """
    if n <= 0:
        return (0.0, 1.0)
    if not 0 <= hits <= n:
        raise ValueError(f"hits={hits} outside 0..n={n}")
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    # clamp rounding noise so 100% gives an upper bound of exactly 1
    return (max(0.0, centre - half), min(1.0, centre + half))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def within_km(pred: tuple[float | None, float | None], gold: tuple[float, float], km: float = 25.0) -> bool:
    """True when the predicted point exists and lies within `km` of the gold point."""
    lat, lon = pred
    if lat is None or lon is None:
        return False
    return haversine_km(float(lat), float(lon), gold[0], gold[1]) <= km


def fatalities_hit(pred: int | None, gold: int, *, null_is_zero: bool = True, tolerance: float = 0.0) -> bool:
    """Exact (tolerance 0) or relative match of a death toll.

    `null_is_zero` applies ACLED's convention to the prediction: ACLED writes 0 when a report gives
    no number, wirewatch writes null. With `tolerance`, |pred - gold| <= tolerance * gold, so a gold 0
    still needs an exact 0.
    """
    if pred is None:
        if not null_is_zero:
            return False
        pred = 0
    return abs(int(pred) - gold) <= tolerance * gold


_ADMIN_WORDS = {
    "province", "provincia", "state", "estado", "region", "governorate", "gouvernorat", "department",
    "departamento", "oblast", "district", "division", "territory", "municipality", "prefecture",
    "county", "wilaya", "muhafazah", "of", "the", "de", "del", "la", "el", "al", "autonomous", "federal",
    "capital", "area",
}


def fold(text: str | None) -> str:
    """Lower-case, accents removed, punctuation to spaces: 'São Paulo' -> 'sao paulo'."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold()).split())


# Compass words in the languages admin names come in, so 'Nord-Kivu' meets 'North Kivu', while
# 'East Darfur' never meets 'West Darfur' however close the spelling.
_COMPASS = {
    "nord": "north", "norte": "north", "north": "north", "sud": "south", "sur": "south", "south": "south",
    "est": "east", "este": "east", "east": "east", "ouest": "west", "oeste": "west", "west": "west",
    "centre": "central", "center": "central", "centro": "central", "central": "central",
    "northern": "north", "southern": "south", "eastern": "east", "western": "west",
}


# Words that make a name another unit when added: 'Mexico City' / 'Mexico', 'Santa Cruz Islands'.
_DISTINCT_TAIL = {"city", "island", "islands", "town", "metropolitan"}


# The Arabic article in its written forms, dropped by many spellings: 'Ar-Raqqa' / 'Raqqa'.
_ARTICLE = re.compile(r"\b(?:al|el|ar|as|ash|ad|adh|at|ath|az|an)[-‐'’ ](?=\w)", re.I)


def place_key(name: str | None) -> str:
    """A place name reduced to its distinctive words: 'Idlib Governorate' and 'Idleb' stay close."""
    name = _ARTICLE.sub("", name or "")
    words = [_COMPASS.get(w, w) for w in fold(name).split() if w not in _ADMIN_WORDS]
    return " ".join(words) or fold(name)


def skeleton(key: str) -> str:
    """Consonants of a folded name, doubles collapsed: where transliterations of one name differ
    (vowels, spacing, doubled letters) and different names rarely meet."""
    out = re.sub(r"[^a-z]|[aeiouy]", "", key)
    return re.sub(r"(.)\1+", r"\1", out)


def same_place_name(pred: str | None, gold: str | None, *, threshold: float = 80.0) -> bool:
    """Admin-area names compared loosely: accents, admin words ('Province') and spelling variants
    ('Idlib'/'Idleb', 'Nord-Kivu'/'North Kivu') should not count as misses; a different compass
    word always does."""
    if not pred or not gold:
        return False
    a, b = place_key(pred), place_key(gold)
    if a == b:
        return True
    compass = set(_COMPASS.values())
    if {w for w in a.split() if w in compass} != {w for w in b.split() if w in compass}:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    # 'Veracruz' and GeoNames' 'Veracruz de Ignacio de la Llave'; but 'Mexico City' is not 'Mexico'
    if long[:len(short)] == short and not _DISTINCT_TAIL & set(long[len(short):]):
        return True
    if len(skeleton(a)) >= 3 and skeleton(a) == skeleton(b):  # transliterations: 'Sari Pul' / 'Sar-e Pol'
        return True
    from rapidfuzz import fuzz  # imported lazily: only admin-area scoring needs it

    return fuzz.ratio(a, b) >= threshold


def same_label(pred: str | None, gold: str | frozenset[str] | None) -> bool:
    """Taxonomy labels compared case- and spacing-insensitively; `gold` may be a set of acceptable labels."""
    if pred is None or gold is None:
        return False
    golds = [gold] if isinstance(gold, str) else list(gold)
    p = fold(pred)
    return any(p == fold(g) for g in golds)


def iso_date(value: Any) -> str | None:
    """The YYYY-MM-DD part of a date, datetime or ISO string."""
    if value is None:
        return None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    m = re.match(r"\d{4}-\d{2}-\d{2}", text.strip())
    return m.group(0) if m else None


@dataclass
class FieldScore:
    """Running tally of one field: rows scored, hits, rows left out because the gold is unknown."""

    hits: int = 0
    n: int = 0
    excluded: int = 0

    def add(self, hit: bool) -> None:
        self.n += 1
        self.hits += bool(hit)

    @property
    def accuracy(self) -> float | None:
        return self.hits / self.n if self.n else None

    @property
    def ci95(self) -> tuple[float, float]:
        return wilson(self.hits, self.n)

    def to_json(self) -> dict[str, Any]:
        acc = self.accuracy
        lo, hi = self.ci95
        return {
            "accuracy": None if acc is None else round(acc, 4),
            "n": self.n,
            "ci95": [round(lo, 4), round(hi, 4)],
            "hits": self.hits,
            "excluded": self.excluded,
        }


@dataclass
class Confusions:
    """Counts of (gold, predicted) pairs for the misses of categorical fields: the error patterns."""

    pairs: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    def add(self, name: str, gold: Any, pred: Any) -> None:
        self.pairs.setdefault(name, Counter())[(_show(gold), _show(pred))] += 1

    def top(self, name: str, k: int = 10) -> list[tuple[str, str, int]]:
        return [(g, p, c) for (g, p), c in self.pairs.get(name, Counter()).most_common(k)]


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, (set, frozenset)):
        return " | ".join(sorted(map(str, value)))
    return str(value)
