"""Time of the event coder per frame, apart from the parse (the pipeline parses anyway).

    PYTHONPATH=src python scripts/bench_coder.py [--n 2000]

Frames are sentences written here, repeated; features + scoring are timed per frame."""
from __future__ import annotations

import argparse
import time

from wirewatch.coder import load_coder
from wirewatch.nlp import load_pipeline

SENTENCES = [
    "Government troops and fighters of an armed opposition movement exchanged fire for several hours outside the town.",
    "Hundreds of teachers marched through the city centre on Tuesday to demand unpaid salaries, witnesses said.",
    "Unidentified gunmen stormed a village at night, shot dead four farmers and abducted two women.",
    "A military aircraft bombed a suspected militant hideout in the hills, killing at least 12 fighters.",
    "An angry crowd set fire to a police post and threw stones at passing cars after a boy was killed.",
    "Police arrested 14 opposition activists ahead of the planned rally, a party spokesman said.",
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    args = ap.parse_args()
    t = time.perf_counter()
    coder = load_coder(require_validated=False)
    load_s = time.perf_counter() - t
    nlp = load_pipeline()
    docs = list(nlp.pipe(SENTENCES))
    frames = [docs[i % len(docs)][:] for i in range(args.n)]
    t, c = time.perf_counter(), time.process_time()
    for f in frames:
        coder.predict_frame(f)
    per = (time.perf_counter() - t) / args.n
    cpu = (time.process_time() - c) / args.n
    # CPU time beside wall time: on a shared machine the wall clock counts other people's work
    print(f"coder load {load_s * 1000:.0f} ms; features + scoring {per * 1000:.3f} ms per frame wall, "
          f"{cpu * 1000:.3f} ms CPU, over {args.n} frames")


if __name__ == "__main__":
    main()
