"""Memory that does not grow with the input (issue 14): spans cut to bounded segments, parsed
Docs streamed article by article, work per article capped with `truncated` in the output."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from wirewatch.model import Article
from wirewatch.pipeline import MAX_SEGMENT_CHARS, bounded_spans

STORY = ("Militants attacked a police post near Kidal on Monday, killing three officers, the governor said. "
         "Residents said markets reopened on Tuesday. ")


def test_long_spans_are_cut_at_sentence_ends_within_the_budget() -> None:
    text = STORY * 2000  # ~ 230 KB, one merged triage span
    spans, cut = bounded_spans(text, [(0, len(text))], 5000, 50_000)
    assert cut and sum(e - s for s, e in spans) <= 50_000
    assert all(e - s <= 5000 for s, e in spans)
    assert all(text[e - 1] == "." for s, e in spans)  # ends of sentences
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    whole, cut = bounded_spans(STORY, [(0, len(STORY))], 5000, 50_000)
    assert whole == [(0, len(STORY))] and not cut


def test_one_endless_sentence_is_still_cut() -> None:
    text = "word " * 50_000
    spans, cut = bounded_spans(text, [(0, len(text))], MAX_SEGMENT_CHARS, 10**9)
    assert not cut and all(e - s <= MAX_SEGMENT_CHARS for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans).split() == text.split()


@pytest.mark.slow
def test_article_over_the_budget_is_truncated_and_says_so(pipeline: Any) -> None:
    settings = pipeline.settings
    small = replace(settings, max_parse_chars=2_000)
    pipeline.settings = small
    try:
        long = Article(article_id="long", text=STORY * 200, published="2024-03-04")
        short = Article(article_id="short", text=STORY, published="2024-03-04")
        out = pipeline.process([long, short])
    finally:
        pipeline.settings = settings
    assert out[0].truncated and not out[1].truncated
    assert out[0].events and all(e.evidence[0].start < 2_500 for e in out[0].events if e.evidence)


@pytest.mark.slow
def test_docs_are_streamed_article_by_article(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the first article's events are extracted, the parser has not read the whole batch."""
    import wirewatch.extract.events as events_module

    consumed: list[int] = []
    real_pipe = pipeline.nlp.pipe

    def counting_pipe(texts: Any, **kwargs: Any) -> Any:
        def counted() -> Any:
            for t in texts:
                consumed.append(len(t))
                yield t
        return real_pipe(counted(), **kwargs)

    seen_at_extract: list[int] = []
    real_extract = events_module.extract_events

    def spying_extract(*args: Any, **kwargs: Any) -> Any:
        seen_at_extract.append(len(consumed))
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(pipeline.nlp, "pipe", counting_pipe)
    monkeypatch.setattr(events_module, "extract_events", spying_extract)
    settings = pipeline.settings
    pipeline.settings = replace(settings, batch_size=2)
    try:
        articles = [Article(article_id=f"a{i}", text=STORY, published="2024-03-04") for i in range(12)]
        pipeline.process(articles)
    finally:
        pipeline.settings = settings
    assert len(consumed) >= 12
    assert seen_at_extract[0] < len(consumed)  # the first article was done before the last was parsed
