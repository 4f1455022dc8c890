"""Feature strings -> one sparse row, by hashing (no vocabulary to fit per fold or to ship).

Two blocks, each hashed into its own range with CRC-32 (stdlib, the same on every machine and
every run, unlike Python's hash):

* `parse`: the word and parse features of features.frame_features;
* `char`: character 2-5-grams of each masked word, padded with spaces (as scikit-learn's
  `char_wb` analyzer cuts them), so spelling variants and word parts ("airstrike", "air strike",
  "shelling", "shelled") meet without a lemma.

A value is (1 + log count) x the bucket's IDF (learnt from the training rows), each block is
L2-normalised on its own (the character block has five times the entries and would otherwise
drown the parse) and scaled by its block weight. Training (training.py) and run time
(model.Coder) both build rows with `Vectorizer.row`, so what is fitted is what is scored.
"""
from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from .features import masked_words

# CRC-32 start values: one hash space per block
_SEED = {"parse": 0x5EED, "char": 0xC4A2}
BLOCKS = ("parse", "char")


def char_grams(words: Sequence[str], lo: int = 2, hi: int = 5) -> list[str]:
    """Character n-grams of each word padded with spaces (" shell", "ed "), lo..hi long."""
    out: list[str] = []
    for w in words:
        p = f" {w} "
        n_max = min(hi, len(p))
        for n in range(lo, n_max + 1):
            out.extend(p[i:i + n] for i in range(len(p) - n + 1))
        if len(p) < lo:
            out.append(p)
    return out


def bucket_counts(strings: Sequence[str], seed: int, bits: int) -> Counter[int]:
    mask = (1 << bits) - 1
    crc = zlib.crc32
    return Counter(crc(s.encode("utf-8"), seed) & mask for s in strings)


def _buckets(strings: Sequence[str], seed: int, bits: int) -> np.ndarray:
    mask = (1 << bits) - 1
    crc = zlib.crc32
    return np.fromiter((crc(s.encode("utf-8"), seed) & mask for s in strings), dtype=np.int64, count=len(strings))


@dataclass
class Vectorizer:
    """Hash sizes and block weights; `idf` (one float per column, all blocks) is set by training."""
    parse_bits: int = 18
    char_bits: int = 18
    char_weight: float = 1.0
    parse_weight: float = 1.0
    idf: np.ndarray | None = None

    @property
    def width(self) -> int:
        return (1 << self.parse_bits) + (1 << self.char_bits)

    def raw(self, parse_feats: Sequence[str], words: Sequence[str]) -> tuple[Counter[int], Counter[int]]:
        """Bucket counts of the two blocks (column offsets already applied to the char block)."""
        p = bucket_counts(parse_feats, _SEED["parse"], self.parse_bits)
        off = 1 << self.parse_bits
        c = bucket_counts(char_grams(words), _SEED["char"], self.char_bits)
        return p, Counter({k + off: v for k, v in c.items()})

    def _block(self, buckets: np.ndarray, block_weight: float) -> tuple[np.ndarray, np.ndarray]:
        if not len(buckets) or block_weight == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        idx, counts = np.unique(buckets, return_counts=True)
        vals = (1.0 + np.log(counts)) * (self.idf[idx] if self.idf is not None else 1.0)
        norm = float(np.sqrt(np.dot(vals, vals))) or 1.0
        return idx, (block_weight * vals / norm).astype(np.float32)

    def row(self, parse_feats: Sequence[str], words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, values) of one frame: what training.transform makes of its raw row."""
        i1, v1 = self._block(_buckets(parse_feats, _SEED["parse"], self.parse_bits), self.parse_weight)
        grams = char_grams(words)
        i2, v2 = self._block(_buckets(grams, _SEED["char"], self.char_bits) + (1 << self.parse_bits), self.char_weight)
        return np.concatenate([i1, i2]), np.concatenate([v1, v2])

    def config(self) -> dict:
        return {"parse_bits": self.parse_bits, "char_bits": self.char_bits,
                "char_weight": self.char_weight, "parse_weight": self.parse_weight}


def frame_row(vec: Vectorizer, frame: Any) -> tuple[np.ndarray, np.ndarray]:
    from .features import frame_features
    return vec.row(frame_features(frame), masked_words(frame))
