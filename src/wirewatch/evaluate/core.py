"""The evaluation loop shared by every gold format: load cases, run the pipeline in batches, pick the
scored event, tally per-field outcomes, collect misses and error patterns.

A gold format ("kind") supplies two things: `load(path)` -> GoldCase records (an Article to run plus
the gold) and `score(case, article, match)` -> Outcome records. Everything else lives here.
"""
from __future__ import annotations

import csv
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from ..errors import InputError, WirewatchError
from ..model import Article, Mention
from .diagnose import miss_kind
from .metrics import Confusions, FieldScore
from .split import split_of

MATCH_RULES = ("first", "best")


@dataclass
class GoldCase:
    """One gold row (or gold article) ready to run: the Article built from its text and its gold."""

    case_id: str
    article: Article
    unit: str                 # what the held-back split is drawn over (a country, a province)
    gold: Any                 # kind-specific gold record


@dataclass
class Outcome:
    """The verdict on one field of one case. `hit` None: gold unknown, left out of the field's n."""

    field: str
    hit: bool | None
    gold: Any = None
    predicted: Any = None
    categorical: bool = False  # record (gold, predicted) of misses as an error pattern
    no_event: bool = False     # a miss because the row got no event at all


class PipelineLike(Protocol):
    def process(self, articles: list[Article]) -> list[Article]: ...


class Kind(Protocol):
    """A gold format."""

    name: str
    fields: tuple[str, ...]   # reported in this order, extras after the contract fields

    def load(self, path: Path) -> Iterator[GoldCase]: ...

    def score(self, case: GoldCase, article: Article, match: str) -> list[Outcome]: ...


@dataclass
class Report:
    """What `wirewatch evaluate` prints: per-field accuracy with 95% Wilson intervals."""

    kind: str
    split: str
    rows: int = 0
    fields: dict[str, FieldScore] = field(default_factory=dict)
    confusions: Confusions = field(default_factory=Confusions)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    match: str = "first"
    mentions: Counter[str] = field(default_factory=Counter)  # mention label of each scored event
    splits: dict[str, Report] = field(default_factory=dict)  # with split "all": the dev and heldout parts
    miss_kinds: dict[str, Counter[str]] = field(default_factory=dict)  # field -> shape of its misses


    def add(self, outcome: Outcome, published: str | None = None) -> None:
        score = self.fields.setdefault(outcome.field, FieldScore())
        if outcome.field == "event_found" and outcome.hit is not None:
            self.mentions[str(outcome.predicted) if outcome.hit else "none"] += 1
        if outcome.hit is None:
            score.excluded += 1
            return
        score.add(outcome.hit)
        if outcome.hit:
            return
        if outcome.categorical:
            self.confusions.add(outcome.field, outcome.gold, outcome.predicted)
        kind = miss_kind(outcome.field, outcome.gold, outcome.predicted, no_event=outcome.no_event,
                         published=published)
        if kind is not None:
            self.miss_kinds.setdefault(outcome.field, Counter())[kind] += 1

    def accuracy(self, name: str) -> float | None:
        score = self.fields.get(name)
        return score.accuracy if score else None

    def to_json(self, top: int = 10) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "fields": {name: score.to_json() for name, score in self.fields.items()},
            "kind": self.kind,
            "split": self.split,
            "match": self.match,
            "seconds": round(self.seconds, 2),
            "rows_per_s": round(self.rows / self.seconds, 2) if self.seconds else None,
            "error_patterns": {
                name: [{"gold": g, "predicted": p, "count": c} for g, p, c in self.confusions.top(name, top)]
                for name in self.fields if self.confusions.top(name, 1)
            },
            "miss_kinds": {name: dict(kinds.most_common()) for name, kinds in self.miss_kinds.items()},
            "scored_mentions": dict(self.mentions),
            "splits": {name: {"rows": part.rows, "fields": {f: sc.to_json() for f, sc in part.fields.items()}}
                       for name, part in self.splits.items()},
            "notes": self.notes,
        }


MENTION_ORDER = ("new", "prior", "background")


def csv_rows(path: Path, required: Sequence[str], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a gold CSV, column names lower-cased (older ACLED exports shout:
    EVENT_DATE, NOTES); a file without the `required` columns is an InputError naming it."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(str(path), f"not {what} file: missing column(s) {', '.join(missing)}")
        for line, values in enumerate(reader, start=2):  # line numbers as an editor shows them
            if values:
                yield line, dict(zip(header, values))


def cell_int(value: str | None) -> int | None:
    """A CSV cell as an integer ("3", "3.0"); None when empty or not a number."""
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def choose_mention(
    events: Sequence[Mention], match: str = "first",
    score: Callable[[Mention], int] | None = None,
) -> Mention | None:
    """The event a one-event gold row (an ACLED note, a GTD summary) is scored against.

    "first": the first event the pipeline marks `new`, else the first `prior`, else the first
    `background` one. A gold row describes exactly one event, and the evaluator can only give the
    pipeline a stand-in publication date (31 December of the event's year), so an event months
    before it is often labelled prior or background: that label is an artefact of the stand-in
    date, not a verdict on the event, and `Report.mentions` counts how often it happened.
    "best": among all events, the one agreeing with the gold on most fields (an optimistic
    diagnostic: it peeks at the gold; ties go to the "first" order).
    """
    if match not in MATCH_RULES:
        raise ValueError(f"match must be one of {MATCH_RULES}, not {match!r}")
    ranked = [e for kind in MENTION_ORDER for e in events if e.mention == kind]
    ranked += [e for e in events if e.mention not in MENTION_ORDER]
    if not ranked:
        return None
    if match == "best" and score is not None and len(ranked) > 1:
        return max(ranked, key=score)  # max keeps the earliest of equals: "first" breaks ties
    return ranked[0]


def why_no_event(article: Article) -> str:
    """Tells a triage miss from an extraction miss, for the `event_found` error patterns."""
    return "triaged as not relevant" if article.relevant is False else "relevant, no event extracted"


def count_hits(outcomes: Iterable[Outcome]) -> int:
    return sum(1 for o in outcomes if o.hit)


def miss_everything(outcomes: list[Outcome], predicted: Any = None) -> list[Outcome]:
    """No event for a row: every field whose gold is known is a miss."""
    return [o if o.hit is None else Outcome(o.field, False, o.gold, predicted, o.categorical, no_event=True)
            for o in outcomes]


def batched(items: Sequence[GoldCase], size: int) -> Iterator[Sequence[GoldCase]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def run_pipeline(pipeline: PipelineLike, articles: list[Article], notes: list[str]) -> list[Article]:
    """Process a batch; if the batch fails, retry one by one so one bad text costs one row, not 256."""
    try:
        out = pipeline.process(articles)
        if len(out) == len(articles):
            return out
        notes.append(f"pipeline returned {len(out)} articles for a batch of {len(articles)}; retried one by one")
    except Exception as e:  # noqa: BLE001 - the pipeline is someone else's code: score around its failures
        notes.append(f"pipeline failed on a batch ({type(e).__name__}: {e}); retried one by one")
    done: list[Article] = []
    failures: list[Exception] = []
    for article in articles:
        try:
            done.extend(pipeline.process([article])[:1] or [article])
        except Exception as e:  # noqa: BLE001
            notes.append(f"{article.article_id}: pipeline failed ({type(e).__name__}: {e}); scored as no event")
            failures.append(e)
            article.events = []
            done.append(article)
    if len(articles) > 1 and len(failures) == len(articles):
        # every text failing means the pipeline is broken, not the texts: scoring zeros would hide it
        raise WirewatchError(f"the pipeline failed on every article of a batch: {failures[-1]!r}") from failures[-1]
    return done


def score_cases(
    kind: Kind,
    cases: Sequence[GoldCase],
    pipeline: PipelineLike,
    *,
    split: str = "all",
    match: str = "first",
    batch_size: int = 256,
    errors: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Run `pipeline` over `cases` in batches and tally every field. `progress(k)` after each batch."""
    report = Report(kind=kind.name, split=split, match=match)
    for name in kind.fields:  # contract fields first, in a stable order, even when nothing is scored
        report.fields[name] = FieldScore()
    if split == "all" and getattr(kind, "splittable", True):  # report both halves of the held-back split from the same run
        for half in ("dev", "heldout"):
            report.splits[half] = Report(kind=kind.name, split=half, match=match)
            report.splits[half].fields = {name: FieldScore() for name in kind.fields}
    start = time.perf_counter()
    for batch in batched(cases, batch_size):
        articles = run_pipeline(pipeline, [c.article for c in batch], report.notes)
        for case, article in zip(batch, articles):
            part = report.splits.get(split_of(case.unit)) if report.splits else None
            report.rows += 1
            if part is not None:
                part.rows += 1
            published = case.article.published
            for outcome in kind.score(case, article, match):
                report.add(outcome, published)
                if part is not None:
                    part.add(outcome, published)
                if errors is not None and outcome.hit is False:
                    write_error(errors, case, outcome)
        if progress is not None:
            progress(len(batch))
    report.seconds = time.perf_counter() - start
    return report


def write_error(out: IO[str], case: GoldCase, outcome: Outcome) -> None:
    """One JSONL line per miss: enough to read the row without opening the gold file."""
    out.write(json.dumps({
        "row": case.case_id, "unit": case.unit, "field": outcome.field,
        "gold": _jsonable(outcome.gold), "predicted": _jsonable(outcome.predicted),
        "text": case.article.text,
    }, ensure_ascii=False) + "\n")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value
