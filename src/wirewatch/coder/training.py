"""Fitting the coder (scikit-learn, used only here: `make train`, `make loco`).

One multinomial logistic regression per head over the binary frame features of features.py,
rows L2-normalised exactly as model.Coder.scores does at run time, so the fitted coefficients
are the run-time weights. Class weights (count/n)^-alpha keep the rare sub-event types (grenades,
chemical weapons, sexual violence) from being swallowed by the common ones.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from .model import HEADS, Coder
from .labels import interaction_label

SEED = 13


@dataclass
class Config:
    min_df: int = 3
    C: float = 4.0                           # for solver "lbfgs"
    reg: float = 2e-5                        # for solver "sgd": L2 strength per row
    epochs: int = 12
    solver: str = "sgd"                      # sgd: one-vs-rest log loss, seconds; lbfgs: softmax, minutes
    alpha: float = 0.5                       # 0: no class weights, 1: 'balanced'
    event_type_head_weight: float = 0.5
    max_iter: int = 300
    heads: Sequence[str] = field(default_factory=lambda: list(HEADS))


@dataclass
class Example:
    features: list[str]
    event_type: str | None = None
    sub_event_type: str | None = None
    interaction: str | None = None
    is_event: str | None = None
    weight: float = 1.0


def build_matrix(examples: Sequence[Example], vocab: dict[str, int]) -> sparse.csr_matrix:
    indptr, indices = [0], []
    for ex in examples:
        idx = sorted({vocab[f] for f in ex.features if f in vocab})
        indices.extend(idx)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    X = sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(examples), len(vocab)))
    counts = np.diff(X.indptr)
    scale = np.where(counts > 0, 1.0 / np.sqrt(np.maximum(counts, 1)), 0.0)
    return sparse.diags(scale) @ X


def make_vocab(examples: Sequence[Example], min_df: int) -> list[str]:
    df: Counter[str] = Counter()
    for ex in examples:
        df.update(set(ex.features))
    return sorted(f for f, n in df.items() if n >= min_df)


def _class_weights(labels: Sequence[str], alpha: float) -> dict[str, float]:
    counts = Counter(labels)
    n, k = len(labels), len(counts)
    return {c: (n / (k * m)) ** alpha for c, m in counts.items()}


def fit(examples: Sequence[Example], cfg: Config, provenance: dict | None = None) -> Coder:
    from sklearn.linear_model import LogisticRegression, SGDClassifier  # type: ignore[import-untyped]

    features = make_vocab(examples, cfg.min_df)
    vocab = {f: i for i, f in enumerate(features)}
    X = build_matrix(examples, vocab)
    cols_W, cols_b, classes = [], [], {}
    for head in HEADS:
        rows = [i for i, ex in enumerate(examples) if getattr(ex, head) is not None] if head in cfg.heads else []
        y = [getattr(examples[i], head) for i in rows]
        labels = sorted(set(y))
        if len(labels) < 2:   # head not trained (or one class): constant output
            labels = labels or ["event"] if head == "is_event" else labels or ["none"]
            if head == "is_event" and "none" not in labels:
                labels = sorted(set(labels) | {"event", "none"})
            classes[head] = labels
            cols_W.append(np.zeros((len(vocab), len(labels))))
            cols_b.append(np.array([1.0 if c == "event" else 0.0 for c in labels]))
            continue
        cw = _class_weights(y, cfg.alpha)
        sw = np.array([examples[i].weight for i in rows])
        if cfg.solver == "sgd":
            # one-vs-rest logistic losses; their scores go through one softmax at run time
            clf = SGDClassifier(loss="log_loss", alpha=cfg.reg, max_iter=cfg.epochs, tol=None, class_weight=cw,
                                random_state=SEED, average=True, n_jobs=1)
        else:
            clf = LogisticRegression(C=cfg.C, class_weight=cw, max_iter=cfg.max_iter, random_state=SEED, tol=1e-4)
        clf.fit(X[rows], y, sample_weight=sw)
        coef, icpt = clf.coef_, clf.intercept_
        if coef.shape[0] == 1:   # binary: softmax over [0, z] is the logistic
            coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
            icpt = np.array([0.0, icpt[0]])
        classes[head] = [str(c) for c in clf.classes_]
        cols_W.append(coef.T)
        cols_b.append(icpt)
    meta = {"format": 1, "features": features, "classes": classes,
            "event_type_head_weight": cfg.event_type_head_weight,
            "config": {"min_df": cfg.min_df, "C": cfg.C, "alpha": cfg.alpha, "seed": SEED},
            "provenance": provenance or {}}
    return Coder(meta, np.hstack(cols_W).astype(np.float32), np.concatenate(cols_b).astype(np.float32))


def pair_label(pair: tuple[int, int] | None) -> str | None:
    return interaction_label(pair) if pair else None
