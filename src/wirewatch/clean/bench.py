"""Throughput of read + clean (no NLP): `python -m wirewatch.clean.bench SOURCE... [--seconds N]`.

Prints one JSON line: {"documents": n, "errors": n, "clean_docs_per_s": x, "ms_per_doc": x}.
Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import time

from ..errors import InputError
from ..ingest import read_inputs
from ..model import Document
from ..settings import Settings
from . import clean_document


def bench(sources: list[str], seconds: float = 3.0, settings: Settings | None = None) -> dict[str, float]:
    settings = settings or Settings()
    items = list(read_inputs(sources, settings))
    docs = [d for d in items if isinstance(d, Document)]
    errors = sum(isinstance(d, InputError) for d in items)
    if not docs:
        return {"documents": 0, "errors": errors, "clean_docs_per_s": 0.0, "ms_per_doc": 0.0}
    _ok(docs[0], settings)  # warm up lazy imports (trafilatura)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for doc in docs:
            _ok(doc, settings)
            done += 1
    elapsed = time.perf_counter() - start
    return {"documents": len(docs), "errors": errors, "clean_docs_per_s": round(done / elapsed, 1),
            "ms_per_doc": round(1000 * elapsed / done, 2)}


def _ok(doc: Document, settings: Settings) -> bool:
    try:
        clean_document(doc, settings)
        return True
    except InputError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    print(json.dumps(bench(args.sources, args.seconds)))


if __name__ == "__main__":
    main()
