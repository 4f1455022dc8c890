"""Fitting the coder (scikit-learn, used only here: `make train`, `make loco`).

Rows are hashed once (vectorize.py: parse features + character n-grams of the masked words) into
raw counts; a fit learns the IDF of its own training rows, weighs and normalises the rows exactly
as vectorize.Vectorizer.row does at run time, and fits one linear model per head (one-vs-rest
log loss, scikit-learn's SGDClassifier, averaged, fixed seed; or `solver="softmax"`: one
multinomial logistic regression, SAGA, fixed seed and epochs). Class weights (n / (k count))^alpha
keep the rare sub-event types (grenades, chemical weapons, sexual violence) from being swallowed
by the common ones.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]

from .model import HEADS, Coder
from .vectorize import Vectorizer

SEED = 13


@dataclass
class Config:
    parse_bits: int = 18
    char_bits: int = 18
    char_weight: float = 1.0
    parse_weight: float = 1.0
    rule_bits: int = 0                       # the rule block (vectorize.py); 0: off
    rule_weight: float = 1.0
    min_df: int = 2                          # buckets seen in fewer training rows stay zero
    reg: float = 2e-5                        # L2 strength per row (SGDClassifier alpha)
    epochs: int = 8
    alpha: float = 0.5                       # class weights: 0 none, 1 'balanced'
    solver: str = "ovr"                      # "ovr": one-vs-rest SGD; "softmax": multinomial (SAGA)
    event_type_head_weight: float = 0.5
    sub_prior_tau: float = 0.25              # logit adjustment of the sub-event-type head (model.py; docs/model.md)
    type_prior_tau: float = 0.0              # the same for the event-type head
    legacy_weight: float = 1.0               # pre-2019 rows (weak labels: event type and interaction only)
    heads: Sequence[str] = field(default_factory=lambda: list(HEADS))

    def vectorizer(self) -> Vectorizer:
        return Vectorizer(self.parse_bits, self.char_bits, self.char_weight, self.parse_weight,
                          self.rule_bits, self.rule_weight)


def raw_matrix(items: Sequence[Sequence[Sequence[str]]], vec: Vectorizer) -> sparse.csr_matrix:
    """Bucket counts (all blocks) of (parse features, masked words[, rule features]): one row each."""
    indptr, indices, data = [0], [], []
    for item in items:
        for counts in vec.raw(*item):
            for k in sorted(counts):
                indices.append(k)
                data.append(counts[k])
        indptr.append(len(indices))
    return sparse.csr_matrix((np.array(data, dtype=np.float32), np.array(indices, dtype=np.int64),
                              np.array(indptr, dtype=np.int64)), shape=(len(items), vec.width))


def fit_idf(X_raw: sparse.csr_matrix, min_df: int) -> np.ndarray:
    """Smoothed IDF per column (scikit-learn's formula); 0 for columns in fewer than min_df rows."""
    n = X_raw.shape[0]
    df = np.bincount(X_raw.indices, minlength=X_raw.shape[1])
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    idf[df < min_df] = 0.0
    return idf


def transform(X_raw: sparse.csr_matrix, vec: Vectorizer) -> sparse.csr_matrix:
    """Vectorizer.row for every row at once: (1 + log count) x IDF, each block L2-normalised."""
    assert vec.idf is not None, "transform needs a fitted IDF"
    X = X_raw.copy().astype(np.float64)
    X.data = (1.0 + np.log(X.data)) * vec.idf[X.indices]
    row = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    block = vec.block_of(X.indices)
    out = np.empty_like(X.data)
    for b, w in enumerate(vec.weights()):
        mask = block == b
        sq = np.bincount(row[mask], weights=X.data[mask] ** 2, minlength=X.shape[0])
        norm = np.sqrt(sq)
        norm[norm == 0] = 1.0
        out[mask] = w * X.data[mask] / norm[row[mask]]
    X.data = out
    X.eliminate_zeros()
    return X


def class_weights(labels: Sequence[str], alpha: float) -> dict[str, float]:
    counts = Counter(labels)
    n, k = len(labels), len(counts)
    return {c: (n / (k * m)) ** alpha for c, m in counts.items()}


def fit_head(X: sparse.csr_matrix, y: Sequence[str], cfg: Config,
             sample_weight: np.ndarray | None = None) -> tuple[list[str], np.ndarray, np.ndarray]:
    import warnings

    from sklearn.exceptions import ConvergenceWarning  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression, SGDClassifier  # type: ignore[import-untyped]

    weights = class_weights(y, cfg.alpha)
    if cfg.solver == "softmax":
        # one softmax over the classes (probabilities that compete, unlike one-vs-rest); the same
        # L2 per row as SGD's `alpha` (C = 1 / (reg n)), a fixed number of SAGA epochs
        clf = LogisticRegression(solver="saga", C=1.0 / (cfg.reg * X.shape[0]), max_iter=cfg.epochs,
                                 tol=1e-6, class_weight=weights, random_state=SEED)
    elif cfg.solver == "ovr":
        clf = SGDClassifier(loss="log_loss", alpha=cfg.reg, max_iter=cfg.epochs, tol=None,
                            class_weight=weights, random_state=SEED, average=True)
    else:
        raise ValueError(f"unknown solver {cfg.solver!r} (ovr or softmax)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)   # a fixed epoch budget, on purpose
        clf.fit(X, list(y), sample_weight=sample_weight)
    coef, icpt = clf.coef_, clf.intercept_
    if coef.shape[0] == 1:   # binary: softmax over [0, z] is the logistic
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        icpt = np.array([0.0, icpt[0]])
    return [str(c) for c in clf.classes_], coef.T, icpt


def fit(X_raw: sparse.csr_matrix, labels: dict[str, Sequence[str | None]], cfg: Config,
        sample_weight: np.ndarray | None = None, provenance: dict | None = None) -> Coder:
    """A Coder from raw rows (raw_matrix) and, per head, one label (or None) per row."""
    vec = cfg.vectorizer()
    vec.idf = fit_idf(X_raw, cfg.min_df)
    X = transform(X_raw, vec)
    cols_W, cols_b, classes, counts = [], [], {}, {}
    for head in HEADS:
        ys = labels.get(head) if head in cfg.heads else None
        rows = [i for i, v in enumerate(ys) if v is not None] if ys is not None else []
        if ys is None or len({ys[i] for i in rows}) < 2:   # head not trained: constant output
            names = ["event", "none"] if head == "is_event" else ["none"]
            classes[head] = names
            cols_W.append(np.zeros((X.shape[1], len(names)), dtype=np.float32))
            cols_b.append(np.array([1.0 if c == "event" else 0.0 for c in names]))
            continue
        sw = sample_weight[rows] if sample_weight is not None else None
        names, W, b = fit_head(X[rows], [str(ys[i]) for i in rows], cfg, sw)
        classes[head] = names
        counts[head] = dict(Counter(str(ys[i]) for i in rows))
        cols_W.append(W.astype(np.float32))
        cols_b.append(b)
    meta = {"format": 2, "vectorizer": vec.config(), "classes": classes,
            "event_type_head_weight": cfg.event_type_head_weight, "class_counts": counts,
            "prior_tau": {"sub_event_type": cfg.sub_prior_tau, "event_type": cfg.type_prior_tau},
            "config": {"min_df": cfg.min_df, "reg": cfg.reg, "epochs": cfg.epochs, "alpha": cfg.alpha,
                       "solver": cfg.solver, "seed": SEED},
            "provenance": provenance or {}}
    keep = np.flatnonzero(vec.idf > 0)
    return Coder(meta, keep, np.hstack(cols_W)[keep], np.concatenate(cols_b).astype(np.float32), vec.idf[keep])
