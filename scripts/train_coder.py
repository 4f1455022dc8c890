"""Train, validate and measure the event coder (docs/model.md).

    python scripts/train_coder.py train      # make train: fit on all of ../shared/train, write the artefact
    python scripts/train_coder.py loco       # make loco: leave-one-country-out + TF-IDF baseline
    python scripts/train_coder.py analysis   # the error-analysis split (countries under 300 rows)
    python scripts/train_coder.py dev        # read-only: the committed model on ../shared/eval/acled_dev.csv

Parses are cached in build/coder/ (first run parses ~41,000 notes: tens of minutes on one core).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from wirewatch.coder.corpus import Row, parse_notes, read_rows
from wirewatch.coder.features import clean_note, frame_features
from wirewatch.coder.labels import SUB_TO_TYPE, interaction_label, parse_interaction
from wirewatch.coder.model import DATA_DIR, Coder, load_coder, save_model
from wirewatch.coder.training import Config, Example, fit
from wirewatch.triage import event_sentences

ROOT = Path(__file__).resolve().parents[1]
MIN_LOCO_ROWS = 300


def _examples(rows: list[Row], feats: dict[str, list[str]]) -> list[Example]:
    return [Example(feats[r.note], r.event_type, r.sub_event_type if r.sub_event_type in SUB_TO_TYPE else None,
                    interaction_label(r.pair) if r.pair else None) for r in rows]


def _is_event_examples(notes: list[str], docs) -> list[Example]:
    """Positives: each note's first sentence (ACLED leads with the event). Negatives: later
    sentences of a note in which triage's lexicon finds no event cue (background, reactions,
    motives). Weak labels, documented as such in docs/model.md."""
    out = []
    for note, doc in zip(notes, docs):
        sents = list(doc.sents)
        if not sents:
            continue
        out.append(Example(frame_features(sents[0]), is_event="event"))
        kept = event_sentences(note, window=0)
        for sent in sents[1:]:
            c = sent.start_char
            if len(sent) >= 4 and not any(a <= c < b for a, b in kept):
                out.append(Example(frame_features(sent), is_event="none"))
    return out


def load(train_dir: Path):
    rows = read_rows(train_dir)
    notes = sorted({r.note for r in rows})
    t = time.time()
    docs = parse_notes(notes)
    print(f"{len(rows)} rows, {len(notes)} distinct notes, parses ready in {time.time() - t:.0f}s", file=sys.stderr)
    feats = {n: frame_features(d) for n, d in zip(notes, docs)}
    return rows, notes, docs, feats


def _score(coder: Coder, rows: list[Row], feats: dict[str, list[str]]):
    preds = [coder.predict_features(feats[r.note]) for r in rows]
    return preds


def _metrics(rows: list[Row], preds) -> dict:
    et = [p.event_type == r.event_type for r, p in zip(rows, preds) if r.event_type]
    sub = [p.sub_event_type == r.sub_event_type for r, p in zip(rows, preds) if r.sub_event_type]
    inter = [p.interaction == interaction_label(r.pair) for r, p in zip(rows, preds) if r.pair]
    return {"n": len(rows), "event_type": float(np.mean(et)) if et else None,
            "sub_event_type": float(np.mean(sub)) if sub else None,
            "interaction": float(np.mean(inter)) if inter else None}


def _macro_recall(rows: list[Row], preds, train_counts: Counter, min_rows: int = 50) -> tuple[float, dict]:
    hit, tot = Counter(), Counter()
    for r, p in zip(rows, preds):
        if r.sub_event_type and train_counts[r.sub_event_type] >= min_rows:
            tot[r.sub_event_type] += 1
            hit[r.sub_event_type] += p.sub_event_type == r.sub_event_type
    rec = {s: hit[s] / tot[s] for s in tot}
    return (float(np.mean(list(rec.values()))) if rec else 0.0), rec


def _baseline(train: list[Row], test: list[Row]) -> dict:
    """TF-IDF word (1-2) + character (2-5) n-grams, logistic regression (the same SGD log-loss
    solver and class weighting as the coder, so the comparison is of features), same rows and folds."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    from wirewatch.coder.training import SEED, _class_weights

    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=200000)
    tr = [r.note for r in train]
    Xtr = hstack([word.fit_transform(tr), char.fit_transform(tr)]).tocsr()
    Xte = hstack([word.transform([r.note for r in test]), char.transform([r.note for r in test])]).tocsr()
    out = {}
    for field in ("event_type", "sub_event_type"):
        idx = [i for i, r in enumerate(train) if getattr(r, field)]
        y = [getattr(train[i], field) for i in idx]
        cfg = Config()
        clf = SGDClassifier(loss="log_loss", alpha=cfg.reg, max_iter=cfg.epochs, tol=None, random_state=SEED,
                            class_weight=_class_weights(y, cfg.alpha), average=True)
        clf.fit(Xtr[idx], y)
        te = [i for i, r in enumerate(test) if getattr(r, field)]
        pred = clf.predict(Xte[te])
        out[field] = float(np.mean([p == getattr(test[i], field) for p, i in zip(pred, te)]))
    return out


def cmd_loco(args) -> None:
    rows, notes, docs, feats = load(args.train_dir)
    current = Counter(r.country for r in rows if not r.legacy)
    countries = sorted((c for c, n in current.items() if n >= MIN_LOCO_ROWS), key=lambda c: -current[c])
    cfg = Config(heads=["event_type", "sub_event_type", "interaction"])
    table, pooled_rows, pooled_preds, train_counts = [], [], [], Counter()
    for country in countries:
        t = time.time()
        test = [r for r in rows if r.country == country and not r.legacy]
        test_notes = {r.note for r in test}
        # identical notes stay in one fold: a training row may not repeat a held-out note
        train = [r for r in rows if r.country != country and r.note not in test_notes]
        coder = fit(_examples(train, feats), cfg)
        preds = _score(coder, test, feats)
        m = _metrics(test, preds)
        m["country"] = country
        if not args.no_baseline:
            b = _baseline(train, test)
            m["baseline_event_type"], m["baseline_sub_event_type"] = b["event_type"], b["sub_event_type"]
        table.append(m)
        pooled_rows += test
        pooled_preds += preds
        train_counts.update(r.sub_event_type for r in train if r.sub_event_type)
        print(json.dumps(m), f"{time.time() - t:.0f}s", file=sys.stderr, flush=True)
    # a sub-event type counts when it has 50+ training rows in the fold's training data (on average)
    avg_counts = Counter({k: v / len(countries) for k, v in train_counts.items()})
    macro, rec = _macro_recall(pooled_rows, pooled_preds, avg_counts)
    summary = {
        "countries": len(table),
        "event_type_mean": float(np.mean([m["event_type"] for m in table])),
        "event_type_worst": float(min(m["event_type"] for m in table)),
        "sub_event_type_mean": float(np.mean([m["sub_event_type"] for m in table if m["sub_event_type"] is not None])),
        "interaction_mean": float(np.mean([m["interaction"] for m in table if m["interaction"] is not None])),
        "macro_recall_sub_50plus": macro, "recall_by_sub": rec,
    }
    if not args.no_baseline:
        summary["baseline_event_type_mean"] = float(np.mean([m["baseline_event_type"] for m in table]))
        summary["baseline_sub_event_type_mean"] = float(np.mean([m["baseline_sub_event_type"] for m in table]))
    result = {"date": time.strftime("%Y-%m-%d"), "folds": table, "summary": summary}
    out = Path(args.out or "build/coder/loco.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    _print_table(table, summary)


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _print_table(table, summary) -> None:
    print("| country | rows | event_type | sub_event_type | interaction | baseline event_type | baseline sub_event_type |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for m in table:
        print(f"| {m['country']} | {m['n']} | {_pct(m['event_type'])} | {_pct(m['sub_event_type'])} | "
              f"{_pct(m['interaction'])} | {_pct(m.get('baseline_event_type'))} | {_pct(m.get('baseline_sub_event_type'))} |")
    s = summary
    print(f"| **mean** | | {_pct(s['event_type_mean'])} (worst {_pct(s['event_type_worst'])}) | {_pct(s['sub_event_type_mean'])} | "
          f"{_pct(s['interaction_mean'])} | {_pct(s.get('baseline_event_type_mean'))} | {_pct(s.get('baseline_sub_event_type_mean'))} |")
    print(f"macro recall over sub-event types with 50+ training rows: {s['macro_recall_sub_50plus']:.3f}")


def cmd_analysis(args) -> None:
    """Fixed split for error analysis and tuning: train on the 300+-row countries, test on the
    rows of the smaller countries (never reported as a validation figure)."""
    rows, notes, docs, feats = load(args.train_dir)
    current = Counter(r.country for r in rows if not r.legacy)
    small = {c for c, n in current.items() if n < MIN_LOCO_ROWS}
    test = [r for r in rows if r.country in small and not r.legacy]
    test_notes = {r.note for r in test}
    train = [r for r in rows if r.country not in small and r.note not in test_notes]
    cfg = Config(heads=["event_type", "sub_event_type", "interaction"], C=args.C, alpha=args.alpha,
                 min_df=args.min_df, event_type_head_weight=args.etw)
    coder = fit(_examples(train, feats), cfg)
    preds = _score(coder, test, feats)
    print(json.dumps(_metrics(test, preds)))
    macro, rec = _macro_recall(test, preds, Counter(r.sub_event_type for r in train if r.sub_event_type))
    print(f"macro recall {macro:.3f}", {k: round(v, 2) for k, v in rec.items()})
    if args.show:
        for r, p in zip(test, preds):
            if p.event_type != r.event_type:
                print(f"- gold {r.event_type}/{r.sub_event_type} pred {p.event_type}/{p.sub_event_type}: {r.note[:200]}")


def cmd_train(args) -> None:
    rows, notes, docs, feats = load(args.train_dir)
    examples = _examples(rows, feats) + _is_event_examples(notes, docs)
    cfg = Config()
    t = time.time()
    coder = fit(examples, cfg, provenance={
        "trained": time.strftime("%Y-%m-%d"), "data": "ACLED rows in ../shared/train (ACLED terms of use apply)",
        "rows": len(rows), "is_event_examples": Counter(e.is_event for e in examples if e.is_event)})
    print(f"fitted {len(coder.vocab)} features in {time.time() - t:.0f}s", file=sys.stderr)
    coder.meta.update(_validation(Path(args.loco)))
    out = Path(args.out) if args.out else DATA_DIR / "coder"
    save_model(out, coder.meta, coder.W, coder.b)
    print(f"wrote {out}.json/.npz", file=sys.stderr)


# issue 12's bar for leave-one-country-out; the product uses the model only when it is met
BAR = {"event_type_mean": 0.88, "event_type_worst": 0.80, "sub_event_type_mean": 0.78, "macro_recall_sub_50plus": 0.70}


def _validation(loco_path: Path) -> dict:
    """`validated` for the artefact: make loco's summary (same code, same config) meets the bar."""
    if not loco_path.exists():
        return {"validated": False, "validation": f"no {loco_path}: run make loco"}
    loco = json.loads(loco_path.read_text())
    s = loco["summary"]
    short = [f"{k} {s[k]:.3f} < {v}" for k, v in BAR.items() if s.get(k, 0) < v]
    if s.get("countries", 0) < 8:
        short.append(f"only {s.get('countries', 0)} countries scored")
    base = s.get("baseline_event_type_mean")
    if base is None or s["event_type_mean"] < base + 0.04:
        short.append("event_type not 4 points above the TF-IDF baseline")
    return {"validated": not short, "validation": f"make loco {loco['date']}: " + ("; ".join(short) or "bar met")}


def cmd_dev(args) -> None:
    """Read-only measurement of the committed model on the dev notes (never used to fit or tune)."""
    coder = load_coder(args.model, require_validated=False)
    with open(args.dev, newline="", encoding="utf-8") as fh:
        recs = list(csv.DictReader(fh))
    train_countries = {r.country for r in read_rows(args.train_dir)}
    notes = sorted({clean_note(r["notes"]) for r in recs if r.get("notes")})
    docs = dict(zip(notes, parse_notes(notes)))
    groups = defaultdict(list)
    for r in recs:
        note = clean_note(r.get("notes") or "")
        if not note:
            continue
        p = coder.predict_features(frame_features(docs[note]))
        pair = parse_interaction(r.get("interaction"))
        row = (r["event_type"], r["sub_event_type"], interaction_label(pair) if pair else None, p)
        groups["all"].append(row)
        groups["countries absent from train" if r["country"] not in train_countries else "countries in train"].append(row)
    for name, g in groups.items():
        print(f"{name}: n={len(g)} event_type {_pct(np.mean([p.event_type == et for et, _, _, p in g]))} "
              f"sub_event_type {_pct(np.mean([p.sub_event_type == s for _, s, _, p in g]))} "
              f"interaction {_pct(np.mean([p.interaction == i for _, _, i, p in g if i]))}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["train", "loco", "analysis", "dev"])
    ap.add_argument("--train-dir", type=Path, default=ROOT.parent / "shared" / "train")
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "acled_dev.csv"))
    ap.add_argument("--model", default=None, help="model path stem (default: the committed one)")
    ap.add_argument("--out", default=None)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--loco", default="build/coder/loco.json", help="make loco's summary, for `validated`")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--C", type=float, default=Config.C)
    ap.add_argument("--alpha", type=float, default=Config.alpha)
    ap.add_argument("--min-df", type=int, default=Config.min_df)
    ap.add_argument("--etw", type=float, default=Config.event_type_head_weight)
    args = ap.parse_args(argv)
    {"train": cmd_train, "loco": cmd_loco, "analysis": cmd_analysis, "dev": cmd_dev}[args.command](args)


if __name__ == "__main__":
    main()
