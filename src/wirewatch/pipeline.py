"""The whole pipeline without a database: inputs -> clean Articles -> events.

    articles, errors = wirewatch.extract(["story.txt", "page.html"])
    article = wirewatch.extract_text("...", published="2020-10-17")
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from .errors import InputError
from .model import Article, Document
from .settings import Settings


MAX_SEGMENT_CHARS = 20_000   # the longest text one spaCy Doc gets (a long triage span is cut at sentence ends)
SCAN_FACTOR = 10             # triage reads at most this many times max_parse_chars of an article


def bounded_spans(text: str, spans: list[tuple[int, int]], max_segment: int,
                  budget: int) -> tuple[list[tuple[int, int]], bool]:
    """`spans` cut into pieces of at most `max_segment` characters (at sentence ends, else at a
    space), kept in order while their total stays within `budget`; and whether any were dropped."""
    out: list[tuple[int, int]] = []
    used = 0
    for start, end in spans:
        for s, e in _pieces(text, start, end, max_segment):
            if used + (e - s) > budget:  # what still fits of this piece, cut at a sentence end
                head = next(_pieces(text, s, e, budget - used), None) if budget > used else None
                if head is not None and head[1] - head[0] <= budget - used:
                    out.append(head)
                return out, True
            out.append((s, e))
            used += e - s
    return out, False


def _pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    if end - start <= limit:
        yield start, end
        return
    from .triage import split_sentences

    units: list[tuple[int, int]] = []
    for s, e in ((start + s, start + e) for s, e in split_sentences(text[start:end])):
        while e - s > limit:  # one "sentence" longer than a segment: cut at its last space in reach
            cut = text.rfind(" ", s + 1, s + limit)
            cut = cut if cut > s else s + limit
            units.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            units.append((s, e))
    first, last = units[0] if units else (start, start)
    for s, e in units[1:]:
        if e - first <= limit:
            last = e
        else:
            yield first, last
            first, last = s, e
    if last > first:
        yield first, last


def _triage() -> tuple[Callable[..., bool], Callable[..., list[tuple[int, int]]]] | None:
    try:
        from .triage import event_sentences, is_relevant
    except ImportError:  # triage is optional: without it every article is parsed whole
        return None
    return is_relevant, event_sentences


@dataclass
class ExtractResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def __iter__(self) -> Iterator[Any]:  # allows `articles, errors = extract(...)`
        return iter((self.articles, self.errors))


class Pipeline:
    """Loads spaCy and the gazetteer once; `process` runs triage, parsing and extraction in batches."""

    def __init__(self, settings: Settings | None = None, *, sentence_triage: bool = True):
        self.settings = settings or Settings()
        from .clean.truecase import Truecaser, english_words
        from .geo import get_gazetteer
        from .nlp import load_pipeline
        self.gazetteer = get_gazetteer(self.settings)
        self.nlp = load_pipeline(self.settings)
        # upper-case wire copy is parsed in its usual case (clean/truecase.py); the article keeps its text
        self.truecase = Truecaser(english_words(self.nlp), self.gazetteer.is_place)
        self.sentence_triage = sentence_triage
        self.timings: dict[str, float] = {"triage": 0.0, "parse": 0.0, "extract": 0.0}

    def process(self, articles: Sequence[Article]) -> list[Article]:
        """Triage, parse and extract `articles` (changed in place and returned).

        Memory stays flat whatever the batch or article size: the texts are streamed through
        `nlp.pipe` and each article's parsed Docs are dropped once its events are extracted;
        no spaCy Doc covers more than MAX_SEGMENT_CHARS; an article is parsed for at most
        `settings.max_parse_chars` characters of event sentences, past which it is marked
        `truncated` (its events come from the part that was read)."""
        from .extract.dates import parse_published
        from .extract.events import extract_events
        tri = _triage()
        t0 = time.perf_counter()
        budget = self.settings.max_parse_chars
        plan: list[tuple[Article, str, list[tuple[int, int]]]] = []
        for a in articles:
            text = self.truecase(a.text)   # same length and offsets as a.text
            # triage reads at most SCAN_FACTOR times the parse budget: beyond that nothing would be parsed
            scanned = text[: budget * SCAN_FACTOR]
            if tri is not None:
                a.relevant = tri[0](scanned, a.title)
                spans = tri[1](scanned) if (a.relevant and self.sentence_triage) else ([(0, len(scanned))] if a.relevant else [])
            else:
                a.relevant = True
                spans = [(0, len(scanned))]
            spans, cut = bounded_spans(scanned, spans, MAX_SEGMENT_CHARS, budget)
            a.truncated = bool(a.relevant) and (cut or len(scanned) < len(a.text))
            plan.append((a, text, spans))
        t1 = time.perf_counter()
        parse_time = 0.0

        def texts() -> Iterator[str]:
            for _, text, spans in plan:
                for s, e in spans:
                    yield text[s:e]

        stream = self.nlp.pipe(texts(), batch_size=self.settings.batch_size)
        for a, text, spans in plan:
            started = time.perf_counter()
            segments = [(next(stream), s) for s, _ in spans]
            parse_time += time.perf_counter() - started
            a.events = extract_events(a.article_id, text, segments, self.gazetteer,
                                      parse_published(a.published), a.dateline_place) if segments else []
            del segments  # this article's Docs go now, not at the end of the batch
            if a.relevant and not a.events and tri is None:
                a.relevant = False
        t3 = time.perf_counter()
        self.timings["triage"] += t1 - t0
        self.timings["parse"] += parse_time
        self.timings["extract"] += (t3 - t1) - parse_time
        return list(articles)

    def extract_text(self, text: str, *, published: str | None = None, title: str | None = None,
                     publisher: str | None = None, url: str | None = None) -> Article:
        aid = hashlib.sha1((url or text).encode("utf-8")).hexdigest()[:16]
        art = Article(article_id=aid, text=text, url=url, title=title, published=published, publisher=publisher)
        return self.process([art])[0]


_PIPELINES: dict[str, Pipeline] = {}


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    settings = settings or Settings()
    key = str(settings.gazetteer_path)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]


def clean_all(sources: Iterable[str | Document], settings: Settings, overrides: dict[str, Any] | None = None,
              on_progress: Callable[[], None] | None = None) -> ExtractResult:
    """Read and clean every input; rejected inputs are collected, never raised."""
    from .clean import clean_document
    from .ingest import read_inputs
    out = ExtractResult()
    docs: list[Document | InputError] = []
    names = [s for s in sources if isinstance(s, str)]
    docs.extend(d for d in sources if isinstance(d, Document))
    if names:
        docs.extend(read_inputs(names, settings, overrides=overrides))
    for d in docs:
        if isinstance(d, InputError):
            out.errors.append(d)
            continue
        try:
            out.articles.append(clean_document(d, settings))
        except InputError as e:
            out.errors.append(e)
        if on_progress:
            on_progress()
    return out


def extract(sources: Iterable[str | Document], settings: Settings | None = None, *, published: str | None = None,
            publisher: str | None = None, url: str | None = None) -> ExtractResult:
    """Run the whole pipeline on files, folders, URLs, feeds or JSONL, without a database."""
    settings = settings or Settings()
    overrides = {k: v for k, v in (("published", published), ("publisher", publisher), ("url", url)) if v}
    result = clean_all(list(sources), settings, overrides or None)
    if result.articles:
        _cluster(result.articles)
        get_pipeline(settings).process(result.articles)
    return result


def _cluster(articles: list[Article]) -> None:
    """Syndication clusters within one batch; agencies found on any copy are shared."""
    try:
        from .dedup import assign_clusters
    except ImportError:
        for a in articles:
            a.syndication_cluster = a.syndication_cluster or a.article_id
        return
    assign_clusters(articles)


def extract_text(text: str, *, published: str | None = None, title: str | None = None, publisher: str | None = None,
                 url: str | None = None, settings: Settings | None = None) -> Article:
    return get_pipeline(settings).extract_text(text, published=published, title=title, publisher=publisher, url=url)
