"""The trained event coder at run time: a linear model over hashed frame features (vectorize.py).

The artefact (`_data/coder.json` + `_data/coder.npz`, written by `make train`) holds the label
sets, the hashing settings, and for each hashed column training kept its IDF and one weight per
class of every head. Scoring a frame is a weighted sum of a few hundred to a few thousand weight
rows and a softmax per head: numpy only, no scikit-learn and no pickle at run time.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from spacy.tokens import Doc, Span

from ..errors import SetupError
from .features import clean_note, frame_features, masked_words
from .labels import ACTOR_TYPES, SUB_TO_TYPE
from .vectorize import Vectorizer

DATA_DIR = Path(__file__).parent / "_data"
HEADS = ("event_type", "sub_event_type", "interaction", "is_event")
Frame = str | Doc | Span


@dataclass(frozen=True)
class Prediction:
    """The coder's reading of one frame. `sub_event_type` is always one of `event_type`'s
    sub-event types in ACLED's taxonomy. `actor1_type`/`actor2_type` are ACLED actor types
    ("State forces", ..., "External/Other forces"; actor2_type "" when one side acted alone), in
    ACLED's interaction order (lower inter code first), so they say which types met, not which
    named actor was the attacker: that is the grammar's job (extract/)."""

    event_type: str
    event_type_prob: float
    sub_event_type: str
    sub_event_type_prob: float
    is_event_prob: float
    interaction: str          # ACLED's words: "State forces-Civilians", "Protesters only"
    interaction_prob: float
    actor1_type: str
    actor2_type: str
    event_type_probs: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    sub_event_type_probs: dict[str, float] = field(default_factory=dict, compare=False, repr=False)


class Coder:
    """Scores frames with the committed model. Build with `load_coder()` (cached)."""

    def __init__(self, meta: dict, rows: np.ndarray, weights: np.ndarray, bias: np.ndarray, idf: np.ndarray):
        """`rows`: the hashed columns training kept (IDF > 0); `weights` and `idf` one row each."""
        self.meta = meta
        self.vectorizer = Vectorizer(**meta["vectorizer"])
        self.rows = rows.astype(np.int64)
        self.vectorizer.idf = np.zeros(self.vectorizer.width, dtype=np.float32)
        self.vectorizer.idf[self.rows] = idf
        # hashed column -> row of W (-1: dropped, its IDF is 0 so it never carries a value)
        self.lookup = np.full(self.vectorizer.width, -1, dtype=np.int32)
        self.lookup[self.rows] = np.arange(len(self.rows), dtype=np.int32)
        self.classes: dict[str, list[str]] = meta["classes"]
        self.slices: dict[str, slice] = {}
        start = 0
        for head in HEADS:
            n = len(self.classes[head])
            self.slices[head] = slice(start, start + n)
            start += n
        self.W = weights.astype(np.float32)
        self.b = bias.astype(np.float32)
        self.et_weight = float(meta.get("event_type_head_weight", 0.5))
        # post-hoc logit adjustment (Menon et al. 2020): tau x log(training prior) is taken off a
        # head's scores, so a rare class is not lost to a common one it resembles (docs/model.md)
        self.prior_tau: dict[str, float] = {h: float(t) for h, t in meta.get("prior_tau", {}).items()}
        self.log_prior: dict[str, np.ndarray] = {}
        for head, counts in meta.get("class_counts", {}).items():
            c = np.array([counts.get(name, 0) for name in self.classes[head]], dtype=np.float64) + 1.0
            self.log_prior[head] = np.log(c / c.sum()).astype(np.float32)
        subs = self.classes["sub_event_type"]
        ets = self.classes["event_type"]
        # for each event type, the columns of its sub-event types
        self._subs_of = [np.array([j for j, s in enumerate(subs) if SUB_TO_TYPE.get(s) == et], dtype=int)
                         for et in ets]

    # -- scoring ---------------------------------------------------------------------------------
    @property
    def reads_rules(self) -> bool:
        """Whether this model was trained with the grammar rules' reading as features."""
        return bool(self.vectorizer.rule_bits)

    def scores(self, parse_features: Sequence[str], words: Sequence[str], rules: Sequence[str] = ()) -> np.ndarray:
        """Raw scores (all heads' columns) for one frame's parse features, masked words and the
        rules' reading of it (extract/coding.py rule_features; ignored by a model without them)."""
        idx, vals = self.vectorizer.row(parse_features, words, rules)
        at = self.lookup[idx]
        keep = at >= 0
        if not keep.any():
            return self.b.copy()
        return vals[keep] @ self.W[at[keep]] + self.b

    def predict_frame(self, frame: Doc | Span, rules: Sequence[str] = ()) -> Prediction:
        return self.predict_features(frame_features(frame), masked_words(frame), rules)

    def predict_features(self, parse_features: Sequence[str], words: Sequence[str],
                         rules: Sequence[str] = ()) -> Prediction:
        return self.predict_scores(self.scores(parse_features, words, rules))

    def predict_scores(self, z: np.ndarray) -> Prediction:
        """The Prediction for one frame's raw scores (all heads' columns)."""
        p = {h: _softmax(self._adjusted(h, z[self.slices[h]])) for h in HEADS}
        ets, subs = self.classes["event_type"], self.classes["sub_event_type"]
        # event type: the event-type head and the summed sub-event probabilities together, so the
        # sub-event type is then chosen inside the chosen type and the two never contradict
        p_sub = p["sub_event_type"]
        p_et = np.array([self.et_weight * p["event_type"][i] + (1 - self.et_weight) * p_sub[cols].sum()
                         for i, cols in enumerate(self._subs_of)])
        i = int(p_et.argmax())
        cols = self._subs_of[i]
        j = int(cols[p_sub[cols].argmax()]) if len(cols) else int(p_sub.argmax())
        k = int(p["interaction"].argmax())
        inter = self.classes["interaction"][k]
        a, b = _sides(inter)
        ev = p["is_event"][self.classes["is_event"].index("event")]
        return Prediction(
            event_type=ets[i], event_type_prob=float(p_et[i]),
            sub_event_type=subs[j], sub_event_type_prob=float(p_sub[j] / max(p_sub[cols].sum(), 1e-9)),
            is_event_prob=float(ev), interaction=inter, interaction_prob=float(p["interaction"][k]),
            actor1_type=a, actor2_type=b,
            event_type_probs={e: float(x) for e, x in zip(ets, p_et)},
            sub_event_type_probs={s: float(x) for s, x in zip(subs, p_sub)})

    def _adjusted(self, head: str, z: np.ndarray) -> np.ndarray:
        tau = self.prior_tau.get(head, 0.0)
        if not tau:
            return z
        if head not in self.log_prior:
            raise SetupError(f"the coder's {head} head has a prior adjustment but no class counts; run `make train`")
        return z - tau * self.log_prior[head]

    def predict(self, frames: Iterable[Frame], rules: Sequence[Sequence[str]] | None = None) -> list[Prediction]:
        """One Prediction per frame. A frame is a spaCy Doc or Span from the project's pipeline
        (wirewatch.nlp.load_pipeline(); its parse is used as is, no second parse) or a plain string
        (parsed here with that pipeline). `rules`: per frame, the grammar rules' reading of it
        (extract/coding.py rule_features); without it a model that reads rules sees "no reading"."""
        frames = list(frames)
        texts = [i for i, f in enumerate(frames) if isinstance(f, str)]
        if texts:
            from ..nlp import load_pipeline
            nlp = load_pipeline()
            for i, doc in zip(texts, nlp.pipe(clean_note(frames[i]) for i in texts)):  # type: ignore[arg-type]
                frames[i] = doc
        readings = list(rules) if rules is not None else [()] * len(frames)
        return [self.predict_frame(f, r) for f, r in zip(frames, readings)]  # type: ignore[arg-type]


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def _sides(interaction: str) -> tuple[str, str]:
    if interaction.endswith(" only"):
        return interaction[: -len(" only")], ""
    for name in ACTOR_TYPES.values():
        if interaction.startswith(name + "-"):
            return name, interaction[len(name) + 1:]
    return interaction, ""


def save_model(path_stem: Path, coder: Coder) -> None:
    """Writes <stem>.json (classes, hashing settings, provenance) and <stem>.npz: the rows of the
    hashed columns that training kept (IDF > 0), weights as int8 with one scale per class column
    (a quarter of float32; the rounding moves no decision we measured), IDF as float16."""
    path_stem.parent.mkdir(parents=True, exist_ok=True)
    idf = coder.vectorizer.idf
    assert idf is not None, "a Coder always holds its IDF"
    scale = np.abs(coder.W).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(coder.W / scale).astype(np.int8)
    Path(f"{path_stem}.json").write_text(json.dumps(coder.meta, ensure_ascii=False, indent=1) + "\n")
    np.savez_compressed(f"{path_stem}.npz", rows=coder.rows.astype(np.int32), W=q, scale=scale.astype(np.float32),
                        b=coder.b.astype(np.float32), idf=idf[coder.rows].astype(np.float16))


def read_model(path_stem: Path) -> Coder:
    try:
        meta = json.loads(Path(f"{path_stem}.json").read_text())
        with np.load(f"{path_stem}.npz", allow_pickle=False) as arrays:
            W = arrays["W"].astype(np.float32) * arrays["scale"]
            return Coder(meta, arrays["rows"], W, arrays["b"], arrays["idf"].astype(np.float32))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise SetupError(f"event coder model {path_stem} is missing or unreadable ({e}); run `make train`") from e


class CoderUnavailable(ImportError):
    """No coder the product may use. An ImportError on purpose: callers that run without the
    coder package (extract/coding.py) run the same way without a validated model."""


# The parts of the coder the product can switch on one by one (extract/coding.py): "type" (event
# type, sub-event type, and whether a frame reports an event) and "interaction" (the actor types).
PARTS = ("type", "interaction")


def validated_parts(meta: dict) -> frozenset[str]:
    """The parts `make train` found validated by `make loco` (docs/model.md); an older artefact's
    single `validated` flag covers all of them."""
    if "parts" in meta:
        return frozenset(p for p, ok in meta["parts"].items() if ok)
    return frozenset(PARTS) if meta.get("validated") else frozenset()


@functools.lru_cache(maxsize=4)
def load_coder(path_stem: str | None = None, *, require_validated: bool = True) -> Coder:
    """The committed coder (src/wirewatch/coder/_data/coder.*), loaded once.

    The product only uses the parts of a model that passed `make loco` (`parts` in its metadata,
    written by `make train` from `make loco`'s summary); a model with none raises CoderUnavailable
    and extraction stays with its rules. `require_validated=False` loads it anyway (tests,
    benchmarks, measuring)."""
    coder = read_model(Path(path_stem) if path_stem else DATA_DIR / "coder")
    if require_validated and not validated_parts(coder.meta):
        raise CoderUnavailable(f"the event coder is not validated ({coder.meta.get('validation', 'no make loco figures')}); "
                               "extraction uses its rules")
    return coder
