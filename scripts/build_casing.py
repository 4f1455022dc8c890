"""Build the casing table the truecaser uses for upper-case wire copy (src/wirewatch/data/casing.tsv).

    PYTHONPATH=src python scripts/build_casing.py ../shared/train/acled_train.csv ../shared/train/acled_train_legacy.csv

For every word of the ACLED notes that is not the first of its sentence, the commonest written form
("police", "Kabul", "FMLN", "al-Shabaab" as "al" + "Shabaab") is kept, lower case whenever it
makes up LOWER_SHARE of the uses; words seen fewer than
MIN_COUNT times are left out (the truecaser's fallbacks handle them). Only words are written, one a
line, sorted: no note text. Deterministic: the same files give the same table. ACLED's terms of use
apply to the data the table is derived from (../shared/train/README.md).
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "wirewatch" / "data" / "casing.tsv"
MIN_COUNT = 2
LOWER_SHARE = 0.3    # lower case wins from this share of the uses on
WORD = re.compile(r"[A-Za-z]+")
SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")


def build(paths: list[str]) -> dict[str, str]:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    csv.field_size_limit(sys.maxsize)
    for path in paths:
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                notes = {k.lower(): v for k, v in row.items() if k}.get("notes") or ""
                for sentence in SENTENCE.split(notes):
                    for i, m in enumerate(WORD.finditer(sentence)):
                        if i:  # a sentence's first word is capitalised whatever it is
                            forms[m.group(0).lower()][m.group(0)] += 1
    table = {}
    for key, counts in forms.items():
        if sum(counts.values()) >= MIN_COUNT:
            # the commonest form, but lower case whenever it is a fair share of the uses: "national"
            # (National Police) and "army" (National Army) are common nouns that names borrow
            total = sum(counts.values())
            form = max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
            table[key] = key if counts[key] >= LOWER_SHARE * total else form
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="+", help="ACLED CSVs with a notes column (../shared/train/*.csv)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    table = build(args.csv)
    lines = sorted(table.values(), key=lambda w: (w.lower(), w))
    Path(args.out).write_text("# casing.tsv: the commonest written form of each word in ACLED notes "
                              "(scripts/build_casing.py)\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
