"""Syndication clustering: copies of one wire story (new headline, outlet boilerplate, a few
edited words) share a `syndication_cluster`.

Steps, each usable alone:
    shingles(text)      word 5-shingles of the normalised clean text, as sorted uint64 hashes
    signatures(sets)    MinHash signatures (numpy, vectorised over a whole batch)
    band_keys(sigs)     LSH band keys: articles sharing any key are candidate copies
    similarity(a, b)    exact Jaccard (or containment, for truncated copies) that confirms a candidate
    cluster(texts)      all of the above plus union-find over a batch held in memory
    assign_clusters(articles)  the same on Articles: sets syndication_cluster, shares wire agencies

The store persists band keys in a table so an incremental ingest finds earlier copies with one
indexed lookup and confirms them against their stored text.

Hashes are stable across processes (crc32 of the tokens, fixed permutation seeds), which band
keys persisted in a database need; Python's `hash()` is salted per process and would not do.
"""
from __future__ import annotations

import re
import time
import unicodedata
import zlib
from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 126
BANDS = 42            # 42 bands x 3 rows: a pair with Jaccard 0.5 becomes a candidate with p > 0.99
ROWS = NUM_PERM // BANDS
JACCARD = 0.5         # exact Jaccard that confirms a candidate pair ...
CONTAINMENT = 0.9     # ... or this share of the shorter copy found in the longer (truncated copies)
MIN_SHINGLES = 25     # a shorter text (a teaser, a shared lead) is not called a copy on containment alone

_TOKEN = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MAX = np.uint64(np.iinfo(np.uint64).max)
_rng = np.random.default_rng(20201017)
_MIX = _rng.integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64) | np.uint64(1)
_BAND_MIX = _rng.integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
_EMPTY = np.zeros(0, dtype=np.uint64)


def normalise(text: str) -> list[str]:
    """Lower-cased word tokens, accents and punctuation dropped: what copies keep in common."""
    text = unicodedata.normalize("NFKD", text.lower())
    return _TOKEN.findall(text)


def token_hashes(text: str) -> np.ndarray:
    """crc32 of each normalised word (stable across processes, unlike `hash()`)."""
    words = normalise(text)
    return np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))


def _shingle_hashes(h: np.ndarray) -> np.ndarray:
    """Hash of each run of SHINGLE_WORDS consecutive word hashes in `h` (one run of all of them
    when the text is shorter), not deduplicated. Works on many texts concatenated too: the
    caller drops the runs that cross a boundary."""
    if not len(h):
        return _EMPTY
    k = min(SHINGLE_WORDS, len(h))
    n = len(h) - k + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint64)
        for i in range(k):
            acc = acc * np.uint64(0x9E3779B97F4A7C15) + h[i:i + n] * _MIX[i]
        acc ^= acc >> np.uint64(29)
    return acc >> np.uint64(32)


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes (as uint64) of the word 5-shingles of `text`."""
    return np.unique(_shingle_hashes(token_hashes(text)))


def batch_shingles(texts: Sequence[str]) -> list[np.ndarray]:
    """The shingle hashes of each text (unsorted, with repeats: enough for signatures), hashed
    in one vectorised pass over all texts instead of a dozen numpy calls per text."""
    tokens = [token_hashes(t) for t in texts]
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    if not len(tokens) or not lengths.sum():
        return [_EMPTY for _ in tokens]
    flat = _shingle_hashes(np.concatenate(tokens))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    out = []
    for i, (start, length) in enumerate(zip(starts.tolist(), lengths.tolist())):
        if length >= SHINGLE_WORDS:
            out.append(flat[start:start + length - SHINGLE_WORDS + 1])
        else:  # too short for one full shingle: hashed alone, as `shingles` does
            out.append(_shingle_hashes(tokens[i]))
    return out


def signatures(sets: Sequence[np.ndarray]) -> np.ndarray:
    """MinHash signatures, shape (len(sets), NUM_PERM), one row per shingle set.

    One-permutation MinHash with rotation densification (Shrivastava & Li, 2014): each shingle
    is hashed once and falls in one of NUM_PERM bins; a signature value is the minimum in its
    bin, and an empty bin borrows from the next non-empty one. Same collision probability as
    NUM_PERM independent permutations (the Jaccard similarity), at the cost of one hash per
    shingle instead of NUM_PERM: the per-article loop and per-permutation hashing of classic
    MinHash are what make 100,000 articles slow. Empty sets get all-max rows."""
    n = len(sets)
    lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=n)
    out = np.full(n * NUM_PERM, _MAX, dtype=np.uint64)
    if lengths.sum():
        flat = np.concatenate([s for s in sets if len(s)])
        with np.errstate(over="ignore"):
            g = flat * np.uint64(0x9E3779B97F4A7C15)
            g ^= g >> np.uint64(31)
            g *= np.uint64(0xBF58476D1CE4E5B9)
            g ^= g >> np.uint64(29)
        cell = np.repeat(np.arange(n, dtype=np.uint64), lengths) * np.uint64(NUM_PERM) \
            + (g >> np.uint64(32)) % np.uint64(NUM_PERM)
        np.minimum.at(out, cell.astype(np.intp), g & _MASK32)
    return _densify(out.reshape(n, NUM_PERM))


def _densify(sig: np.ndarray) -> np.ndarray:
    """Fill each empty bin from the next non-empty bin to its right (circularly), offset by the
    distance, so two sets still agree on a bin with probability about their Jaccard."""
    empty = sig == _MAX
    fill = empty.any(axis=1) & ~empty.all(axis=1)
    if not fill.any():
        return sig
    rows = sig[fill]
    k = NUM_PERM
    doubled = np.concatenate([rows, rows], axis=1)
    pos = np.where(doubled != _MAX, np.arange(2 * k), 2 * k)
    nxt = np.minimum.accumulate(pos[:, ::-1], axis=1)[:, ::-1][:, :k]
    dist = (nxt - np.arange(k)).astype(np.uint64)
    borrowed = np.take_along_axis(rows, nxt % k, axis=1)
    sig[fill] = np.where(rows == _MAX, (borrowed + dist * np.uint64(0x5BD1E995)) & _MASK32, rows)
    return sig


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """LSH band keys, shape (n, BANDS), as int64 (what SQLite stores). Two articles share the key
    of band i exactly when their signatures agree on all ROWS values of that band."""
    bands = sigs.reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        acc = np.zeros(bands.shape[:2], dtype=np.uint64)
        for r in range(ROWS):
            acc = acc * np.uint64(0xC2B2AE3D27D4EB4F) + bands[:, :, r] * _BAND_MIX[r]
        acc ^= acc >> np.uint64(31)
    return acc.view(np.int64)


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sorted shingle sets."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def is_copy(a: np.ndarray, b: np.ndarray) -> bool:
    """Confirms an LSH candidate: same wire copy when Jaccard >= JACCARD, or when one is a
    truncated version of the other (containment >= CONTAINMENT on a long enough text)."""
    jac, cont = similarity(a, b)
    return jac >= JACCARD or (cont >= CONTAINMENT and min(len(a), len(b)) >= MIN_SHINGLES)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)  # the earliest member stays the root


def candidate_pairs(keys: np.ndarray, max_group: int = 50) -> np.ndarray:
    """Unique (i, j) pairs, i < j, of rows sharing a band key. Groups larger than `max_group`
    (boilerplate-only texts) are linked to their first member only, not all pairs."""
    n = len(keys)
    found: list[np.ndarray] = []
    for band in range(keys.shape[1]):
        col = keys[:, band]
        order = np.argsort(col, kind="stable")
        sorted_keys = col[order]
        same_as_prev = sorted_keys[1:] == sorted_keys[:-1]
        if not same_as_prev.any():
            continue
        # start index (in sorted order) of the group each position belongs to
        starts = np.flatnonzero(np.concatenate(([True], ~same_as_prev)))
        group_of = np.repeat(starts, np.diff(np.append(starts, n)))
        members = np.flatnonzero(np.concatenate(([False], same_as_prev)))
        first = order[group_of[members]]
        found.append(np.stack([first, order[members]], axis=1))
        # small groups: also consecutive members, so copies that differ from the first still meet
        found.append(np.stack([order[members - 1], order[members]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    pairs.sort(axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    codes = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([codes // n, codes % n], axis=1)


def cluster(texts: Sequence[str], ids: Sequence[str] | None = None) -> list[str]:
    """Syndication cluster of each text: the id of the earliest text it is a copy of (itself when
    none). `ids` default to the positions as strings."""
    labels = cluster_sets(batch_shingles(texts))
    names = list(ids) if ids is not None else [str(i) for i in range(len(texts))]
    return [names[i] for i in labels]


def assign_clusters(articles: Sequence[Any]) -> None:
    """Set `syndication_cluster` on each article of one batch (no database: `wirewatch extract`)
    and share the wire agency found on any copy with the copies that have none."""
    labels = cluster([a.text for a in articles], [a.article_id for a in articles])
    agency: dict[str, str] = {}
    for article, label in zip(articles, labels):
        article.syndication_cluster = label
        if article.wire_agency:
            agency.setdefault(label, article.wire_agency)
    for article in articles:
        article.wire_agency = article.wire_agency or agency.get(article.syndication_cluster)


def cluster_sets(hashes: Sequence[np.ndarray]) -> list[int]:
    """Index of the cluster root (earliest member) of each text, given its shingle hashes
    (repeats allowed): LSH candidates, confirmed by exact similarity, joined by union-find."""
    uf = _UnionFind(len(hashes))
    sets: dict[int, np.ndarray] = {}  # exact sets, built only for texts that have candidates

    def exact(i: int) -> np.ndarray:
        if i not in sets:
            sets[i] = np.unique(hashes[i])
        return sets[i]

    if len(hashes) > 1:
        keys = band_keys(signatures(hashes))
        for i, j in candidate_pairs(keys).tolist():
            if not len(hashes[i]) or not len(hashes[j]) or uf.find(i) == uf.find(j):
                continue
            if is_copy(exact(i), exact(j)):
                uf.union(i, j)
    return [uf.find(i) for i in range(len(hashes))]


# ---------------------------------------------------------------- benchmark (not a unit test)

@dataclass
class BenchResult:
    articles: int
    originals: int
    seconds: float          # wall clock
    cpu_seconds: float      # this process's CPU time (the machine may be shared)
    articles_per_s: float
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int


def synthetic_corpus(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """`n` synthetic articles and the original each was copied from. Originals are Zipf-sampled
    pseudo-words, 40% of them ending with one of 300 shared background paragraphs (text that
    different stories share without being copies); a copy gets an outlet's boilerplate before
    and after, 0.5-2% of its words replaced, inserted or deleted, and sometimes its end cut. Written here, for the
    benchmark only: no real article is involved."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocab = ["".join(rng.choice(letters, size=int(k))) for k in rng.integers(2, 11, size=30_000)]
    zipf_p = 1.0 / np.arange(1, len(vocab) + 1) ** 1.05
    zipf_p /= zipf_p.sum()
    outlets = [" ".join(rng.choice(vocab[:3000], size=int(rng.integers(15, 40)))) for _ in range(40)]

    def fresh(length: int) -> list[str]:
        return [vocab[i] for i in rng.choice(len(vocab), size=length, p=zipf_p)]

    # background paragraphs that different stories reuse (the war's history, a standard
    # "the conflict began in..." passage): hard negatives that share text but are not copies
    backgrounds = [fresh(int(rng.integers(30, 70))) for _ in range(300)]

    texts: list[str] = []
    truth: list[int] = []
    while len(texts) < n:
        origin = len(texts)
        words = fresh(int(rng.integers(120, 450)))
        if rng.random() < 0.4:
            words += backgrounds[int(rng.integers(0, len(backgrounds)))]
        texts.append(" ".join(words))
        truth.append(origin)
        copies = min(int(rng.geometric(0.45)) - 1, n - len(texts))  # 55% have no copy
        for _ in range(copies):
            w = list(words)
            if rng.random() < 0.3:
                w = w[: int(len(w) * rng.uniform(0.8, 0.95))]        # last paragraph cut
            for _ in range(max(1, int(len(w) * rng.uniform(0.005, 0.02)))):
                pos = int(rng.integers(0, len(w)))
                op = rng.random()
                if op < 0.5:
                    w[pos] = vocab[int(rng.integers(0, len(vocab)))]
                elif op < 0.75:
                    w.insert(pos, vocab[int(rng.integers(0, len(vocab)))])
                elif len(w) > 50:
                    del w[pos]
            outlet = outlets[int(rng.integers(0, len(outlets)))]
            texts.append(f"{outlet} {' '.join(w)} {outlet[::-1]}")
            truth.append(origin)
    return texts, truth


def _pairs_in(groups: Iterable[int]) -> int:
    return sum(c * (c - 1) // 2 for c in groups)


def pair_scores(predicted: Sequence[Any], truth: Sequence[Any]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of a clustering against the true grouping."""
    from collections import Counter
    both = _pairs_in(Counter(zip(predicted, truth)).values())
    pred = _pairs_in(Counter(predicted).values())
    true = _pairs_in(Counter(truth).values())
    return (both / pred if pred else 1.0), (both / true if true else 1.0), true, pred


def benchmark(n: int = 100_000, seed: int = 0) -> BenchResult:
    """Cluster `n` synthetic articles and score against the known copies (time excludes
    generating the corpus)."""
    texts, truth = synthetic_corpus(n, seed)
    t0, cpu0 = time.perf_counter(), time.process_time()
    labels = cluster_sets(batch_shingles(texts))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    precision, recall, true_pairs, pred_pairs = pair_scores(labels, truth)
    return BenchResult(
        articles=n, originals=len(set(truth)), seconds=round(seconds, 2), cpu_seconds=round(cpu, 2),
        articles_per_s=round(n / seconds, 1), precision=round(precision, 4), recall=round(recall, 4),
        true_pairs=true_pairs, predicted_pairs=pred_pairs)


def bench_json(n: int = 100_000, seed: int = 0) -> dict[str, Any]:
    return asdict(benchmark(n, seed))
