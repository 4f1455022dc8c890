"""The training corpus: ACLED rows read from ../shared/train, their notes parsed once and cached.

Used by `make train` and `make loco` (scripts/train_coder.py); the product never imports it."""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .features import clean_note
from .labels import legacy_event_type, parse_interaction

CACHE_DIR = Path("build/coder")


@dataclass
class Row:
    note: str               # cleaned note (label prefix removed)
    country: str
    event_type: str | None
    sub_event_type: str | None
    pair: tuple[int, int] | None
    legacy: bool


def read_rows(train_dir: Path) -> list[Row]:
    rows: list[Row] = []
    for name, legacy in (("acled_train.csv", False), ("acled_train_legacy.csv", True)):
        path = train_dir / name
        if not path.exists():
            if legacy:
                continue
            raise FileNotFoundError(f"{path}: training data not found (see ../shared/train/README.md)")
        with path.open(newline="", encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                note = clean_note(rec.get("notes") or "")
                if not note:
                    continue
                pair = parse_interaction(rec.get("interaction"))
                if legacy:
                    et, sub = legacy_event_type(rec.get("event_type") or "", pair)
                else:
                    et, sub = (rec.get("event_type") or None), (rec.get("sub_event_type") or None)
                rows.append(Row(note, (rec.get("country") or "").strip(), et, sub, pair, legacy))
    return rows


def parse_notes(notes: list[str], cache_dir: Path = CACHE_DIR, batch_size: int = 256) -> list[Doc]:
    """Parsed Docs for `notes` (unique strings), with the project's own pipeline, cached in a DocBin
    keyed by the notes' hash so `make loco` and `make train` parse once."""
    from spacy.tokens import DocBin

    from ..nlp import load_pipeline

    nlp = load_pipeline()
    key = hashlib.sha1("\n".join(notes).encode()).hexdigest()[:16]
    path = cache_dir / f"parses-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    cache_dir.mkdir(parents=True, exist_ok=True)
    docbin = DocBin(attrs=["ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"],
                    store_user_data=False)
    docs = []
    for i, doc in enumerate(nlp.pipe(notes, batch_size=batch_size)):
        docbin.add(doc)
        docs.append(doc)
        if i % 5000 == 0:
            print(f"  parsed {i}/{len(notes)}", flush=True)
    docbin.to_disk(path)
    return docs
