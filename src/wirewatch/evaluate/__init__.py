"""`wirewatch evaluate`: run the pipeline over gold data (ACLED, GTD, wirewatch gold JSON) and
report per-field accuracy with 95% Wilson intervals.

    from wirewatch.evaluate import evaluate
    report = evaluate("acled_dev.csv", "acled", limit=200, split="heldout")
    report.to_json()["fields"]["event_type"]   # {"accuracy": .., "n": .., "ci95": [lo, hi], ...}
"""
from __future__ import annotations

import csv
from collections.abc import Callable, Collection
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .core import MATCH_RULES, GoldCase, Kind, Outcome, PipelineLike, Report, choose_mention, score_cases
from .split import SPLITS, in_split, split_of

KINDS = ("acled", "gtd", "wirewatch")

__all__ = [
    "evaluate", "load_cases", "make_kind", "detect_kind", "Report", "GoldCase", "Outcome", "Kind",
    "choose_mention", "score_cases", "split_of", "KINDS", "SPLITS", "MATCH_RULES",
]


class _NoPipeline:
    def process(self, articles: list[Article]) -> list[Article]:
        return articles


def detect_kind(path: Path) -> str:
    """Guess the gold format from the file: a JSON file or folder is wirewatch gold, a CSV with
    `attacktype1_txt` is GTD, one with `sub_event_type` is ACLED."""
    if path.is_dir() or path.suffix.lower() == ".json":
        return "wirewatch"
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f), [])
    except OSError as e:
        raise InputError(str(path), f"cannot read ({e.strerror or e})") from e
    if "attacktype1_txt" in header:
        return "gtd"
    if "sub_event_type" in header or "event_type" in header:
        return "acled"
    raise InputError(str(path), "cannot tell the gold format; pass --kind acled|gtd|wirewatch")


def make_kind(kind: str, settings: Settings | None = None) -> Kind:
    """The scorer for a gold format. GTD's needs the gazetteer to place its gold cities."""
    if kind == "acled":
        from .acled import AcledKind
        return AcledKind()
    if kind == "gtd":
        from .gtd import GtdKind, gazetteer_geocoder
        geocoder, note = gazetteer_geocoder(settings or Settings())
        return GtdKind(geocoder, note)
    if kind == "wirewatch":
        from .wirewatch_gold import WirewatchKind
        return WirewatchKind()
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def load_cases(path: str | Path, kind: Kind, *, split: str = "all", limit: int | None = None,
               countries: Collection[str] | None = None) -> list[GoldCase]:
    """The gold cases of `path` in file order, restricted to a split and to the gold countries
    `countries` (ISO3) when given, at most `limit` of them."""
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file or folder")
    cases: list[GoldCase] = []
    for case in kind.load(path):
        if not in_split(case.unit, split):
            continue
        if countries is not None and case_country(case) not in countries:
            continue
        cases.append(case)
        if limit is not None and len(cases) >= limit:
            break
    return cases


def case_country(case: GoldCase) -> str | None:
    """ISO3 of a gold case's country (ACLED's and GTD's `country` columns)."""
    from .countries import country_iso3
    return country_iso3(getattr(case.gold, "country", None) or case.unit)


def evaluate(
    path: str | Path,
    kind: str = "auto",
    limit: int | None = None,
    *,
    split: str = "all",
    match: str = "first",
    settings: Settings | None = None,
    pipeline: PipelineLike | None = None,
    errors: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    countries: Collection[str] | None = None,
) -> Report:
    """Score the pipeline on a gold file.

    `pipeline` defaults to `wirewatch.pipeline.Pipeline(settings)` (loaded once, after the gold file
    parsed, so a bad file fails fast). `errors` receives one JSONL line per miss; `progress(k)` is
    called after each batch of k cases and `on_total(n)` once the number of cases is known.
    `countries` (ISO3 codes) keeps only the rows of those gold countries.
    """
    settings = settings or Settings()
    path = Path(path)
    if kind == "auto":
        kind = detect_kind(path)
    scorer = make_kind(kind, settings)
    cases = load_cases(path, scorer, split=split, limit=limit, countries=countries)
    if on_total is not None:
        on_total(len(cases))
    if pipeline is None and not cases:
        pipeline = _NoPipeline()  # nothing to run: do not spend seconds loading spaCy
    if pipeline is None:
        from ..pipeline import Pipeline
        pipeline = Pipeline(settings)
    report = score_cases(scorer, cases, pipeline, split=split, match=match, errors=errors, progress=progress,
                         batch_size=max(1, 4 * settings.batch_size))
    report.notes[:0] = list(getattr(scorer, "notes", []))
    unresolved = getattr(scorer, "unresolved", 0)
    if unresolved:
        report.notes.append(f"location_25km: {unresolved} rows' gold city not found in the gazetteer "
                            "(left out of n, counted in excluded)")
    return report
