"""Syndication clustering: copies of one story share a cluster, different stories do not."""
from __future__ import annotations

import numpy as np
import pytest

from wirewatch import dedup

STORY = ("Officials in the provincial capital said on Tuesday that three people were killed when "
         "artillery shells hit a market near the river crossing, and that rescue teams were still "
         "searching the rubble. The defence ministry blamed rebel units positioned in the hills, "
         "while the rebels said government troops had fired first. ") * 2
OTHER = ("The national football team won its qualifying match on Sunday evening after a late goal "
         "from the captain, and the coach praised the young defenders for their discipline. Fans "
         "celebrated in the streets of the capital until midnight, police said. ") * 2


def test_shingles_are_stable_and_ignore_case_and_punctuation():
    a = dedup.shingles("Shells hit the market, officials said.")
    b = dedup.shingles("shells HIT the market officials said")
    assert np.array_equal(a, b)
    assert len(a) == 2  # 6 words -> 2 five-word shingles
    assert dedup.shingles("") .size == 0


@pytest.mark.parametrize("copy, expected", [
    ("Breaking | Example Herald. " + STORY + " Follow us on social media for more.", True),  # boilerplate
    (STORY.replace("three", "four").replace("Tuesday", "Monday"), True),                   # edits
    (STORY[: len(STORY) * 2 // 3], True),                                                   # truncated copy
    (OTHER, False),
    (STORY[:120], False),                                                                   # too little shared
])
def test_is_copy(copy, expected):
    assert dedup.is_copy(dedup.shingles(STORY), dedup.shingles(copy)) is expected


def test_cluster_groups_copies_and_keeps_the_earliest_id():
    texts = [OTHER, STORY, "Example Herald: " + STORY, STORY.replace("three", "five"), OTHER.upper()]
    assert dedup.cluster(texts, ids=["o", "s", "s2", "s3", "o2"]) == ["o", "s", "s", "s", "o"]


def test_band_keys_match_exactly_when_signatures_agree():
    sigs = dedup.signatures([dedup.shingles(STORY), dedup.shingles(STORY), dedup.shingles(OTHER)])
    keys = dedup.band_keys(sigs)
    assert keys.shape == (3, dedup.BANDS) and keys.dtype == np.int64
    assert (keys[0] == keys[1]).all() and not (keys[0] == keys[2]).any()


def test_minhash_estimates_jaccard():
    a, b = dedup.shingles(STORY), dedup.shingles(STORY.replace("three", "four"))
    sigs = dedup.signatures([a, b])
    estimate = float((sigs[0] == sigs[1]).mean())
    assert abs(estimate - dedup.similarity(a, b)[0]) < 0.15


def test_small_benchmark_precision_and_recall():
    result = dedup.benchmark(3000, seed=1)
    assert result.precision >= 0.98 and result.recall >= 0.98
    assert result.true_pairs > 500  # the corpus really has copies


def test_assign_clusters_shares_the_wire_agency():
    from wirewatch.model import Article
    articles = [Article("x", "Example Herald: " + STORY), Article("y", STORY, wire_agency="EXW"),
                Article("z", OTHER)]
    dedup.assign_clusters(articles)
    assert [a.syndication_cluster for a in articles] == ["x", "x", "z"]
    assert [a.wire_agency for a in articles] == ["EXW", "EXW", None]
