"""A held-back split drawn over places, so "held-back" simulates places the coder never saw.

A unit (ACLED: the country; GTD: country and province, since the GTD file is almost all one
country) goes to the held-back split when a salted SHA-1 of its folded name falls in the lowest
`HELDOUT_SHARE` of the hash range. Deterministic across machines and Python versions (no `hash()`),
independent of file order, and a unit never straddles both splits.
"""
from __future__ import annotations

import hashlib

from .metrics import fold

SPLITS = ("all", "dev", "heldout")
HELDOUT_SHARE = 0.2
SALT = "wirewatch-heldout-v1"


def split_of(unit: str, share: float = HELDOUT_SHARE, salt: str = SALT) -> str:
    """'heldout' or 'dev' for a unit name."""
    digest = hashlib.sha1(f"{salt}:{fold(unit)}".encode()).digest()
    return "heldout" if int.from_bytes(digest[:8], "big") / 2**64 < share else "dev"


def in_split(unit: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return split == "all" or split_of(unit) == split
