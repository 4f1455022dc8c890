"""Feature strings -> one sparse row, by hashing (no vocabulary to fit per fold or to ship).

Two blocks, each hashed into its own range with CRC-32 (stdlib, the same on every machine and
every run, unlike Python's hash):

* `parse`: the word and parse features of features.frame_features;
* `char`: character 2-5-grams of each masked word, padded with spaces (as scikit-learn's
  `char_wb` analyzer cuts them), so spelling variants and word parts ("airstrike", "air strike",
  "shelling", "shelled") meet without a lemma;
* `rule` (when `rule_bits` > 0): the grammar rules' reading of the frame (extract/coding.py
  `rule_features`: the rule's event type, sub-event type, the kinds of the two sides), a few
  strings in a small space of their own, so the model learns when the rule is right.

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
_SEED = {"parse": 0x5EED, "char": 0xC4A2, "rule": 0x7E1E}
BLOCKS = ("parse", "char", "rule")


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
    rule_bits: int = 0                   # 0: no rule block (models from before it)
    rule_weight: float = 1.0
    idf: np.ndarray | None = None

    @property
    def width(self) -> int:
        return (1 << self.parse_bits) + (1 << self.char_bits) + ((1 << self.rule_bits) if self.rule_bits else 0)

    @property
    def rule_offset(self) -> int:
        return (1 << self.parse_bits) + (1 << self.char_bits)

    def raw(self, parse_feats: Sequence[str], words: Sequence[str],
            rules: Sequence[str] = ()) -> tuple[Counter[int], ...]:
        """Bucket counts of the blocks (column offsets already applied to the char and rule blocks)."""
        p = bucket_counts(parse_feats, _SEED["parse"], self.parse_bits)
        off = 1 << self.parse_bits
        c = bucket_counts(char_grams(words), _SEED["char"], self.char_bits)
        out = [p, Counter({k + off: v for k, v in c.items()})]
        if self.rule_bits:
            r = bucket_counts(rules, _SEED["rule"], self.rule_bits)
            out.append(Counter({k + self.rule_offset: v for k, v in r.items()}))
        return tuple(out)

    def _block(self, buckets: np.ndarray, block_weight: float) -> tuple[np.ndarray, np.ndarray]:
        if not len(buckets) or block_weight == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        idx, counts = np.unique(buckets, return_counts=True)
        vals = (1.0 + np.log(counts)) * (self.idf[idx] if self.idf is not None else 1.0)
        norm = float(np.sqrt(np.dot(vals, vals))) or 1.0
        return idx, (block_weight * vals / norm).astype(np.float32)

    def row(self, parse_feats: Sequence[str], words: Sequence[str],
            rules: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
        """(column indices, values) of one frame: what training.transform makes of its raw row."""
        i1, v1 = self._block(_buckets(parse_feats, _SEED["parse"], self.parse_bits), self.parse_weight)
        grams = char_grams(words)
        i2, v2 = self._block(_buckets(grams, _SEED["char"], self.char_bits) + (1 << self.parse_bits), self.char_weight)
        if not self.rule_bits:
            return np.concatenate([i1, i2]), np.concatenate([v1, v2])
        i3, v3 = self._block(_buckets(rules, _SEED["rule"], self.rule_bits) + self.rule_offset, self.rule_weight)
        return np.concatenate([i1, i2, i3]), np.concatenate([v1, v2, v3])

    def block_of(self, columns: np.ndarray) -> np.ndarray:
        """0 (parse), 1 (char) or 2 (rule) for each column index."""
        return (columns >= (1 << self.parse_bits)).astype(np.int64) + (columns >= self.rule_offset)

    def weights(self) -> tuple[float, float, float]:
        return self.parse_weight, self.char_weight, self.rule_weight

    def config(self) -> dict:
        out: dict[str, Any] = {"parse_bits": self.parse_bits, "char_bits": self.char_bits,
                               "char_weight": self.char_weight, "parse_weight": self.parse_weight}
        if self.rule_bits:
            out |= {"rule_bits": self.rule_bits, "rule_weight": self.rule_weight}
        return out


def frame_row(vec: Vectorizer, frame: Any, rules: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    from .features import frame_features
    return vec.row(frame_features(frame), masked_words(frame), rules)
