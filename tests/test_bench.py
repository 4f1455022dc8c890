"""The benchmark: its corpus, and a tiny end-to-end run of `wirewatch bench --json`."""
from __future__ import annotations

import json
import random
import re

import pytest
from click.testing import CliRunner

from wirewatch.bench import _swap_numbers, _vary_article, build_corpus
from wirewatch.cli import main

CONTRACT_KEYS = {"articles", "pipeline_articles_per_s", "parse_articles_per_s", "ratio_to_parse",
                 "mixed_feed_speedup", "triage_recall", "peak_rss_mb"}


def test_corpus_is_mixed_one_fifth_conflict() -> None:
    corpus = build_corpus(50, seed=1)
    assert len(corpus) == 50
    assert sum(a.conflict for a in corpus) == 10
    assert all(a.words >= 150 for a in corpus if a.origin != "example")
    assert {a.origin for a in corpus if not a.conflict} == {"nonconflict"}


def test_corpus_is_deterministic_and_varied() -> None:
    a = [x.text for x in build_corpus(30, seed=3)]
    assert a == [x.text for x in build_corpus(30, seed=3)]
    assert a != [x.text for x in build_corpus(30, seed=4)]
    assert len(set(a)) == len(a)   # no two articles alike


def test_corpus_uses_dev_rows_when_shared_is_present(shared_eval) -> None:
    origins = {a.origin for a in build_corpus(30) if a.conflict}
    assert {"acled", "gtd"} <= origins


def test_swap_numbers_keeps_years_and_shape() -> None:
    text = "In 2020, 40 people died and 1,200 fled; 0 arrests."
    assert _swap_numbers(text, random.Random(0)) == "In 2020, 44 people died and 1,461 fled; 0 arrests."
    for seed in range(20):  # each figure stays within half to one and a half times itself
        m = re.fullmatch(r"In 2020, (\d+) people died and (\d{1,3}(?:,\d{3})?) fled; 0 arrests\.",
                         _swap_numbers(text, random.Random(seed)))
        assert m and 20 <= int(m[1]) <= 61 and 600 <= int(m[2].replace(",", "")) <= 1801


def test_vary_article_keeps_the_lead() -> None:
    text = "LEAD paragraph 12.\n\nSecond 3.\n\nThird.\n\nFourth."
    out = _vary_article(text, random.Random(0))
    assert out.startswith("LEAD paragraph")
    assert sorted(p.rstrip("0123456789.") for p in out.split("\n\n")[1:]) == sorted(
        p.rstrip("0123456789.") for p in text.split("\n\n")[1:])


@pytest.mark.slow
def test_bench_json_contract() -> None:
    result = CliRunner().invoke(main, ["bench", "--articles", "20", "--json", "--quick"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert set(last) == CONTRACT_KEYS
    assert last["articles"] == 20
    assert last["pipeline_articles_per_s"] > 0 and last["parse_articles_per_s"] > 0
    assert last["ratio_to_parse"] > 0 and last["mixed_feed_speedup"] > 0
    assert 0 <= last["triage_recall"] <= 1
    assert last["peak_rss_mb"] > 0
