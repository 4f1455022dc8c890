"""The benchmark behind `make bench` / `wirewatch bench`.

One run builds a mixed corpus (a fifth conflict articles, the rest other beats), then measures:

* the whole pipeline (`Pipeline.process`: triage, parse, extraction) on the conflict articles,
  against a bare `nlp.pipe` of the stock spaCy model over the same texts (the ratio of the times);
* the mixed feed: the pipeline over every article against parsing every article (the speedup
  that relevance triage buys);
* triage throughput and recall (dev rows from ../shared/eval when present), peak memory and the
  pipeline's per-stage time shares.

The corpus, and how it is varied, is described in `build_corpus` and docs/scale.md.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import json
import random
import re
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import SetupError
from .model import Article
from .settings import Settings

__all__ = ["BenchArticle", "BenchResult", "build_corpus", "run_bench", "CONFLICT_SHARE"]

CONFLICT_SHARE = 0.2          # the mixed feed: a fifth of the articles are about conflict
TARGET_WORDS = 500            # articles of about 500 words
DEV_EVENT_SHARE = 0.45        # of a dev-row article, the rest is background (see _dev_article)
_ROOT = Path(__file__).resolve().parents[2]   # the checkout (editable install): examples/, ../shared
Progress = Callable[[str, int, int], None]    # (phase, done, total)


@dataclass
class BenchArticle:
    text: str
    conflict: bool
    origin: str               # "example", "acled", "gtd", "nonconflict", "fixture"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class BenchResult:
    articles: int
    conflict_articles: int
    conflict_words: int
    other_words: int
    pipeline_s: float                 # pipeline over the conflict articles (wall clock)
    parse_s: float                    # bare nlp.pipe over the same texts (wall clock)
    pipeline_cpu_s: float             # the same in CPU time of this process: what a shared,
    parse_cpu_s: float                # busy machine does not distort
    pipeline_articles_per_s: float
    pipeline_words_per_s: float
    parse_articles_per_s: float
    parse_words_per_s: float
    ratio_to_parse: float             # pipeline_s / parse_s (target <= 1.3)
    pipeline_articles_per_cpu_s: float
    parse_articles_per_cpu_s: float
    ratio_to_parse_cpu: float         # pipeline_cpu_s / parse_cpu_s
    mixed_pipeline_s: float           # pipeline over the whole mixed feed
    mixed_parse_s: float              # parsing every article of the mixed feed
    mixed_feed_speedup: float         # mixed_parse_s / mixed_pipeline_s (target >= 3)
    triage_articles_per_s: float
    triage_words_per_s: float
    triage_articles_per_cpu_s: float
    triage_recall: float              # on the dev rows when present, else the corpus's conflict articles
    triage_recall_on: str
    triage_corpus_recall: float       # conflict articles of the corpus flagged relevant
    triage_false_positive_rate: float  # non-conflict articles of the corpus flagged relevant
    parsed_share: float               # characters of the conflict articles the pipeline parsed
    peak_rss_mb: float                # the process's peak while only the pipeline was loaded
    stage_shares: dict[str, float] = field(default_factory=dict)   # of the pipeline's conflict run
    corpus: dict[str, int] = field(default_factory=dict)           # articles per origin
    pipeline_impl: str = "wirewatch.pipeline.Pipeline"

    def contract(self) -> dict[str, Any]:
        """The fields `wirewatch bench --json` prints on its last line (../shared/CONTRACT.md)."""
        return {
            "articles": self.articles,
            "pipeline_articles_per_s": self.pipeline_articles_per_s,
            "parse_articles_per_s": self.parse_articles_per_s,
            "ratio_to_parse": self.ratio_to_parse,
            "mixed_feed_speedup": self.mixed_feed_speedup,
            "triage_recall": self.triage_recall,
            "peak_rss_mb": self.peak_rss_mb,
        }

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), **self.contract()}


# --- the corpus --------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"(?<![\d.,])\d+(?:,\d{3})*(?![\d,A-Za-z]|\.\d)")
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


def _swap_numbers(text: str, rng: random.Random) -> str:
    """Replace each figure by another of similar size (years are left alone)."""
    def repl(m: re.Match[str]) -> str:
        raw = m.group(0)
        value = int(raw.replace(",", ""))
        if _YEAR_RE.match(raw) or value == 0:
            return raw
        new = max(1, rng.randint(max(1, value // 2), value * 3 // 2 + 1))
        return f"{new:,}" if "," in raw else str(new)
    return _NUMBER_RE.sub(repl, text)


def _vary_article(text: str, rng: random.Random) -> str:
    """Keep the lead paragraph, shuffle the others, swap the numbers."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    return _swap_numbers("\n\n".join(head + body), rng)


def _example_texts(root: Path) -> list[str]:
    paths = sorted((root / "examples" / "articles").glob("*.txt")) + sorted((root / "examples" / "bench").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


@dataclass
class _DevRow:
    text: str
    places: list[str]                 # the row's place names, swappable with another row's


def _dev_rows(shared: Path) -> dict[str, list[_DevRow]]:
    """ACLED notes and GTD summaries, each with the place names it mentions."""
    specs = {"acled": ("acled_dev.csv", "notes", ("location", "admin2", "admin1")),
             "gtd": ("gtd_dev.csv", "summary", ("city", "provstate"))}
    rows: dict[str, list[_DevRow]] = {}
    for kind, (name, column, place_cols) in specs.items():
        path = shared / "eval" / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text = row.get(column) or ""
                places = [row[c] for c in place_cols if row.get(c) and row[c] in text]
                if text.strip():
                    rows.setdefault(kind, []).append(_DevRow(text.strip(), places))
    return rows


def _dev_article(rows: list[_DevRow], place_pool: list[str], background: list[str], rng: random.Random) -> str:
    """About 500 words: dev rows (places swapped for other rows' places, numbers swapped) for
    DEV_EVENT_SHARE of them, the rest background paragraphs; the lead row first, the others mixed."""
    events: list[str] = []
    words = 0
    while words < DEV_EVENT_SHARE * TARGET_WORDS:
        row = rng.choice(rows)
        text = row.text
        for place in sorted(set(row.places), key=len, reverse=True):
            text = re.sub(rf"\b{re.escape(place)}\b", rng.choice(place_pool), text)
        events.append(_swap_numbers(text, rng))
        words += len(text.split())
    rest = events[1:] + _fill(background, TARGET_WORDS - words, rng)
    rng.shuffle(rest)
    return "\n\n".join(events[:1] + rest)


def _fill(paragraphs: Sequence[str], words: int, rng: random.Random) -> list[str]:
    """Paragraphs drawn without repeats until they reach `words` words."""
    pool = list(paragraphs)
    rng.shuffle(pool)
    out: list[str] = []
    while pool and words > 0:
        out.append(pool.pop())
        words -= len(out[-1].split())
    return out


def _data_paragraphs(name: str) -> list[dict[str, str]]:
    path = resources.files("wirewatch") / "data" / name
    paragraphs: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))["paragraphs"]
    return paragraphs


def _fixture_nonconflict(shared: Path) -> list[str]:
    """The fixture feed's cricket story, when ../shared is present."""
    path = shared / "fixtures" / "feed" / "articles" / "cricket.html"
    if not path.is_file():
        return []
    import trafilatura
    text = trafilatura.extract(path.read_text(encoding="utf-8")) or ""
    return [text] if text.strip() else []


def _nonconflict_article(paragraphs: list[dict[str, str]], extra: list[str], rng: random.Random) -> str:
    """About 500 words of paragraphs, mostly from one beat, in random order, numbers swapped."""
    beat = rng.choice(paragraphs)["beat"]
    same = [p["text"] for p in paragraphs if p["beat"] == beat] + extra
    others = [p["text"] for p in paragraphs if p["beat"] != beat]
    rng.shuffle(same)
    rng.shuffle(others)
    chosen: list[str] = []
    for text in same + others:
        chosen.append(text)
        if sum(len(t.split()) for t in chosen) >= TARGET_WORDS:
            break
    return _swap_numbers("\n\n".join(chosen), rng)


def build_corpus(n_articles: int, *, seed: int = 0, root: Path | None = None,
                 shared: Path | None = None) -> list[BenchArticle]:
    """A mixed feed of `n_articles` (a fifth conflict, at least one), shuffled deterministically.

    Conflict articles alternate between the project's example articles (examples/articles,
    examples/bench: lead kept, other paragraphs shuffled, numbers swapped) and, when ../shared/eval
    is present, ~500-word articles of ACLED notes or GTD summaries (rows drawn at random, place
    names swapped for other rows' places, numbers swapped; 45% of the words) with hand-written
    background paragraphs (wirewatch/data/conflict_background.json). Other articles are ~500-word
    compilations of the hand-written non-conflict paragraphs (wirewatch/data), mostly one beat per
    article, plus the fixture feed's cricket story.
    """
    root = root or _ROOT
    shared = shared or root.parent / "shared"
    rng = random.Random(seed)
    examples = _example_texts(root)
    dev = _dev_rows(shared)
    if not examples and not dev:
        raise SetupError(f"no conflict text for the benchmark: neither {root / 'examples'} nor {shared / 'eval'} has any")
    place_pool = sorted({p for rows in dev.values() for r in rows for p in r.places})
    n_conflict = max(1, round(n_articles * CONFLICT_SHARE))
    background = [p["text"] for p in _data_paragraphs("conflict_background.json")]
    makers: list[tuple[str, Callable[[], str]]] = []
    if examples:
        makers.append(("example", lambda: _vary_article(rng.choice(examples), rng)))
    for kind, rows in sorted(dev.items()):
        makers.append((kind, lambda rows=rows: _dev_article(rows, place_pool, background, rng)))  # type: ignore[misc]
    corpus = []
    for i in range(n_conflict):
        origin, make = makers[i % len(makers)]
        corpus.append(BenchArticle(make(), True, origin))
    paragraphs = _data_paragraphs("nonconflict_examples.json")
    fixture = _fixture_nonconflict(shared)
    for _ in range(n_articles - n_conflict):
        corpus.append(BenchArticle(_nonconflict_article(paragraphs, fixture, rng), False, "nonconflict"))
    rng.shuffle(corpus)
    return corpus


# --- the measurements --------------------------------------------------------------------------

def _articles(items: Sequence[BenchArticle], tag: str) -> list[Article]:
    return [Article(article_id=hashlib.sha1(f"{tag}{i}".encode()).hexdigest()[:16], text=a.text)
            for i, a in enumerate(items)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of this process, result) of fn()."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - start, time.process_time() - cpu, out


def _rate(n: float, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


def _dev_recall(shared: Path) -> float | None:
    from .triage import is_relevant
    texts = [r.text for rows in _dev_rows(shared).values() for r in rows]
    return round(sum(map(is_relevant, texts)) / len(texts), 4) if texts else None


def _triage_throughput(texts: Sequence[str], min_seconds: float) -> tuple[float, float, float]:
    """(articles/s, words/s, articles per CPU-second) of is_relevant over `texts`, repeated."""
    from .triage import is_relevant
    words = sum(len(t.split()) for t in texts)
    rounds, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for t in texts:
            is_relevant(t)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            n = rounds * len(texts)
            return _rate(n, elapsed), _rate(rounds * words, elapsed), _rate(n, time.process_time() - cpu)


def _parsed_share(articles: Sequence[Article], pipeline: Any) -> float:
    """Share of characters the pipeline sends to the parser (sentence-level triage)."""
    from .triage import DEFAULT_WINDOW, event_sentences
    if not getattr(pipeline, "sentence_triage", False):
        return 1.0
    window = getattr(pipeline, "sentence_window", DEFAULT_WINDOW)   # unless the pipeline says otherwise
    total = sum(len(a.text) for a in articles)
    parsed = sum(e - s for a in articles for s, e in event_sentences(a.text, window))
    return round(parsed / total, 3) if total else 1.0


def run_bench(n_articles: int = 2000, *, settings: Settings | None = None, seed: int = 0,
              quick: bool = False, progress: Progress | None = None,
              root: Path | None = None, shared: Path | None = None) -> BenchResult:
    """Build the corpus and time everything in one process; see the module docstring."""
    import spacy

    from .nlp import MODEL
    from .pipeline import Pipeline

    settings = settings or Settings()
    root = root or _ROOT
    shared = shared or root.parent / "shared"
    step = progress or (lambda phase, done, total: None)
    phases = 7
    step("building corpus", 0, phases)
    corpus = build_corpus(n_articles, seed=seed, root=root, shared=shared)
    conflict = [a for a in corpus if a.conflict]
    other = [a for a in corpus if not a.conflict]

    step("loading pipeline", 1, phases)
    pipeline = Pipeline(settings)
    pipeline.process(_articles(conflict[:2], "warm"))        # first-batch set-up is not throughput
    pipeline.timings = {k: 0.0 for k in pipeline.timings}

    step("pipeline: conflict articles", 2, phases)
    conflict_articles = _articles(conflict, "c")
    pipeline_s, pipeline_cpu, _ = _timed(lambda: pipeline.process(conflict_articles))
    conflict_timings = dict(pipeline.timings)
    step("pipeline: other articles", 3, phases)
    other_pipeline_s, _, _ = _timed(lambda: pipeline.process(_articles(other, "o")))
    peak = _peak_rss_mb()             # before the bare model is loaded next to it
    parsed_share = _parsed_share(conflict_articles, pipeline)
    del pipeline
    gc.collect()

    step("bare spaCy parse", 4, phases)
    nlp = spacy.load(MODEL)
    batch = settings.batch_size
    list(nlp.pipe([a.text for a in conflict[:2]], batch_size=batch))
    parse_s, parse_cpu, _ = _timed(lambda: list(nlp.pipe([a.text for a in conflict], batch_size=batch)))
    step("bare spaCy parse: other articles", 5, phases)
    other_parse_s, _, _ = _timed(lambda: list(nlp.pipe([a.text for a in other], batch_size=batch)))
    del nlp

    step("triage", 6, phases)
    from .triage import is_relevant
    triage_aps, triage_wps, triage_apcs = _triage_throughput([a.text for a in corpus], 0.2 if quick else 2.0)
    dev_recall = None if quick else _dev_recall(shared)
    corpus_recall = round(sum(is_relevant(a.text) for a in conflict) / len(conflict), 4)
    fp_rate = round(sum(is_relevant(a.text) for a in other) / len(other), 4) if other else 0.0
    step("done", phases, phases)

    conflict_words = sum(a.words for a in conflict)
    total_stage = sum(conflict_timings.values())
    mixed_pipeline_s = pipeline_s + other_pipeline_s
    mixed_parse_s = parse_s + other_parse_s
    origins: dict[str, int] = {}
    for a in corpus:
        origins[a.origin] = origins.get(a.origin, 0) + 1
    return BenchResult(
        articles=len(corpus),
        conflict_articles=len(conflict),
        conflict_words=conflict_words,
        other_words=sum(a.words for a in other),
        pipeline_s=round(pipeline_s, 3),
        parse_s=round(parse_s, 3),
        pipeline_cpu_s=round(pipeline_cpu, 3),
        parse_cpu_s=round(parse_cpu, 3),
        pipeline_articles_per_s=_rate(len(conflict), pipeline_s),
        pipeline_words_per_s=_rate(conflict_words, pipeline_s),
        parse_articles_per_s=_rate(len(conflict), parse_s),
        parse_words_per_s=_rate(conflict_words, parse_s),
        ratio_to_parse=round(pipeline_s / parse_s, 3) if parse_s else 0.0,
        pipeline_articles_per_cpu_s=_rate(len(conflict), pipeline_cpu),
        parse_articles_per_cpu_s=_rate(len(conflict), parse_cpu),
        ratio_to_parse_cpu=round(pipeline_cpu / parse_cpu, 3) if parse_cpu else 0.0,
        mixed_pipeline_s=round(mixed_pipeline_s, 3),
        mixed_parse_s=round(mixed_parse_s, 3),
        mixed_feed_speedup=round(mixed_parse_s / mixed_pipeline_s, 2) if mixed_pipeline_s else 0.0,
        triage_articles_per_s=triage_aps,
        triage_words_per_s=triage_wps,
        triage_articles_per_cpu_s=triage_apcs,
        triage_recall=dev_recall if dev_recall is not None else corpus_recall,
        triage_recall_on="acled+gtd dev rows" if dev_recall is not None else "corpus conflict articles",
        triage_corpus_recall=corpus_recall,
        triage_false_positive_rate=fp_rate,
        parsed_share=parsed_share,
        peak_rss_mb=round(peak, 1),
        stage_shares={k: round(v / total_stage, 3) for k, v in conflict_timings.items()} if total_stage else {},
        corpus=dict(sorted(origins.items())),
    )
