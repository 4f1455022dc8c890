"""`make extract-diff`: run extraction over the snapshot inputs and show what changed.

    python scripts/extract_diff.py              # compare; exit 1 on any difference
    python scripts/extract_diff.py --update     # rewrite the snapshot (review it, commit it with the change)
    python scripts/extract_diff.py --gather     # re-gather the test sentences into tests/snapshot/sentences.jsonl

The logic is wirewatch.evaluate.snapshot; docs/snapshot.md says how to review a change.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAP = ROOT / "tests" / "snapshot"


def main(argv: list[str] | None = None) -> int:
    from wirewatch.evaluate import snapshot as snap
    from wirewatch.pipeline import Pipeline

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="rewrite the snapshot files instead of failing")
    ap.add_argument("--gather", action="store_true", help="re-gather sentences from the tests first")
    ap.add_argument("--own-only", action="store_true", help="skip the training-file sample")
    ap.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "train" / "acled_train.csv",
                    help="ACLED training file to sample (never a dev or evaluation file)")
    args = ap.parse_args(argv)

    if args.gather:
        n = snap.write_sentences(SNAP / "sentences.jsonl", snap.gather_sentences(ROOT))
        print(f"gathered {n} sentences into {SNAP / 'sentences.jsonl'}")
    else:
        have = {c.case_id for c in snap.sentence_cases(SNAP / "sentences.jsonl")}
        missing = [s for s in snap.gather_sentences(ROOT) if snap.sentence_id(s) not in have]
        if missing:
            print(f"{len(missing)} test sentences are not snapshot inputs yet (make extract-diff GATHER=1 UPDATE=1)")
    settings = snap.snapshot_settings()
    pipeline = Pipeline(settings)
    sets = [("own", lambda: snap.own_cases(ROOT, SNAP / "sentences.jsonl", settings))]
    if args.own_only:
        pass
    elif args.train.exists():
        if "eval" in args.train.parts or "dev" in args.train.name:
            ap.error("the snapshot samples training rows only, never a dev or evaluation file")
        sets.append(("train", lambda: snap.train_cases(args.train)))
    else:
        print(f"{args.train} is not present: the training sample is not compared")
    different = 0
    for name, load in sets:
        cases = load()
        results = snap.run_cases(cases, pipeline)
        path = SNAP / f"{name}.jsonl"
        if args.update:
            snap.write_snapshot(path, results)
            print(f"{name}: {len(results)} inputs written to {path.relative_to(ROOT)}")
            continue
        changes = snap.diff(snap.read_snapshot(path), results)
        if changes:
            different += 1
            print(snap.format_changes(changes, {c.case_id: c.article.text for c in cases}))
        print(f"{name}: {len(results)} inputs, {len({c.case_id for c in changes})} changed")
    if different:
        print("extraction output differs from the snapshot: review it, then `make extract-diff UPDATE=1` "
              "and commit the snapshot with the change", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
