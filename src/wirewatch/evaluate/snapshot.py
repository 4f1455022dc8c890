"""The behaviour snapshot: what extraction makes of a fixed set of inputs, kept in the repository so
that a change in one rule shows what it does to everything else.

    results = run_cases(own_cases(ROOT), pipeline)
    changes = diff(read_snapshot(path), results)
    print(format_changes(changes, texts))

Inputs: the project's own sentences (gathered once from tests/ into tests/snapshot/sentences.jsonl),
examples/articles and examples/bench, and, in `make extract-diff` only, a fixed sample of rows of
../shared/train/acled_train.csv (never the dev or evaluation files). Only the key fields of each
Mention are kept (KEY_FIELDS, plus the deciding rule or model when the Mention carries one).
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import Article, Mention
from ..settings import Settings

KEY_FIELDS = ("event_type", "sub_event_type", "event_date", "location", "iso3", "geonameid",
              "fatalities", "fatalities_low", "fatalities_high", "mention", "status")
# The rule or model that decided a field; snapshotted when the Mention has such a field.
DECIDER_FIELDS = ("decided_by", "explain")
SENTENCE_PUBLISHED = "2021-03-06"   # one publication date for every gathered sentence
TRAIN_SAMPLE = 2000
TRAIN_SEED = 18
# Where the project's own sentences are gathered from (tests that run text through extraction).
SENTENCE_SOURCES = ("tests/extract/*.py", "tests/test_triage.py")
EXAMPLE_GLOBS = ("examples/articles/*.txt", "examples/bench/*.txt")

Record = list[dict[str, Any]]


@dataclass
class Case:
    """One input of the snapshot: an id stable across runs and the Article to run."""

    case_id: str
    article: Article


@dataclass
class Change:
    case_id: str
    event: int | None          # 1-based event number; None: the whole input is new or gone
    field: str
    old: Any
    new: Any


def snapshot_settings() -> Settings:
    """The packaged gazetteer index that `wirewatch setup` builds, whatever WIREWATCH_DATA says:
    the snapshot must not move with an extra gazetteer someone has set up locally."""
    return Settings(data_dir=Path(__file__).resolve().parents[1] / "geo" / "_data")


def key_fields() -> tuple[str, ...]:
    names = {f.name for f in dataclasses.fields(Mention)}
    return KEY_FIELDS + tuple(f for f in DECIDER_FIELDS if f in names)


def summarise(events: Iterable[Mention]) -> Record:
    """The key fields of each event, in the pipeline's order."""
    fields = key_fields()
    return [{f: _plain(getattr(m, f, None)) for f in fields} for m in events]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


# --- inputs -------------------------------------------------------------------------------------

def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def gather_sentences(root: Path, sources: Sequence[str] = SENTENCE_SOURCES) -> list[str]:
    """Every string literal of six words or more in the given test files (docstrings left out), in
    file order, without repeats: the texts the tests run through extraction."""
    seen: dict[str, None] = {}
    for pattern in sources:
        for path in sorted(root.glob(pattern)):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _docstring_nodes(tree)
            found = sorted((n.lineno, n.col_offset, n.value) for n in ast.walk(tree)
                           if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip)
            for _, _, value in found:
                text = value.strip()
                if len(text.split()) >= 6 and any(c.islower() for c in text):
                    seen.setdefault(text, None)
    return list(seen)


def sentence_id(text: str) -> str:
    return "sentence:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def write_sentences(path: Path, sentences: Iterable[str]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": sentence_id(s), "text": s}, ensure_ascii=False) for s in sentences]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def sentence_cases(path: Path) -> list[Case]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cases.append(Case(row["id"], Article(article_id=row["id"], text=row["text"],
                                                 published=SENTENCE_PUBLISHED)))
    return cases


def example_cases(root: Path, settings: Settings, globs: Sequence[str] = EXAMPLE_GLOBS) -> list[Case]:
    """The example articles read and cleaned as `wirewatch extract` does (with their .meta.json)."""
    from ..pipeline import _cluster, clean_all
    paths = [p for g in globs for p in sorted(root.glob(g))]
    result = clean_all([str(p) for p in paths], settings)
    if result.errors:
        raise ValueError(f"snapshot example unreadable: {result.errors[0]}")
    _cluster(result.articles)
    return [Case(str(Path(a.source or a.article_id).resolve().relative_to(root.resolve())), a)
            for a in result.articles]


def own_cases(root: Path, sentences: Path, settings: Settings) -> list[Case]:
    """The inputs the project holds: its gathered test sentences and its example articles."""
    return sentence_cases(sentences) + example_cases(root, settings)


def train_cases(path: Path, n: int = TRAIN_SAMPLE, seed: int = TRAIN_SEED) -> list[Case]:
    """A fixed sample of rows of an ACLED training file (rows with notes), read as `evaluate` reads them."""
    from .acled import AcledKind
    rows = list(AcledKind().load(path))
    picked = sorted(random.Random(seed).sample(range(len(rows)), min(n, len(rows))))
    cases = []
    for i in picked:
        article = rows[i].article
        line = (article.source or "").rsplit(":", 1)[-1]
        cases.append(Case(f"{path.name}:{line}", article))
    return cases


# --- running and comparing ----------------------------------------------------------------------

def run_cases(cases: Sequence[Case], pipeline: Any, batch: int = 64) -> dict[str, Record]:
    """Each case's key fields, through `pipeline.process` in batches."""
    out: dict[str, Record] = {}
    for start in range(0, len(cases), batch):
        part = cases[start:start + batch]
        pipeline.process([c.article for c in part])
        for c in part:
            out[c.case_id] = summarise(c.article.events)
    return out


def read_snapshot(path: Path) -> dict[str, Record]:
    if not path.exists():
        return {}
    out: dict[str, Record] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["id"]] = row["events"]
    return out


def write_snapshot(path: Path, results: dict[str, Record]) -> None:
    """One line per input, sorted by id, so a review diff shows only the inputs that moved."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": k, "events": results[k]}, ensure_ascii=False, sort_keys=False)
             for k in sorted(results, key=_natural)]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _natural(case_id: str) -> tuple[str, int]:
    """'acled_train.csv:34' before 'acled_train.csv:925'."""
    head, _, tail = case_id.rpartition(":")
    return (head, int(tail)) if tail.isdigit() else (case_id, -1)


def diff(old: dict[str, Record], new: dict[str, Record]) -> list[Change]:
    """Field-level changes between two snapshots, event by event in order."""
    changes: list[Change] = []
    for case_id in sorted(set(old) | set(new), key=_natural):
        if case_id not in new:
            changes.append(Change(case_id, None, "input", "in snapshot", "not run"))
            continue
        if case_id not in old:
            changes.append(Change(case_id, None, "input", "not in snapshot", _brief_all(new[case_id])))
            continue
        a, b = old[case_id], new[case_id]
        for i in range(max(len(a), len(b))):
            if i >= len(a):
                changes.append(Change(case_id, i + 1, "event", None, _brief(b[i])))
            elif i >= len(b):
                changes.append(Change(case_id, i + 1, "event", _brief(a[i]), None))
            else:
                for f in sorted(set(a[i]) | set(b[i]), key=_field_order):
                    if a[i].get(f) != b[i].get(f):
                        changes.append(Change(case_id, i + 1, f, a[i].get(f), b[i].get(f)))
    return changes


def _field_order(name: str) -> tuple[int, str]:
    order = key_fields()
    return (order.index(name) if name in order else len(order), name)


def _brief(event: dict[str, Any]) -> str:
    toll = event.get("fatalities")
    parts = [event.get("event_type"), event.get("sub_event_type"), event.get("event_date"),
             event.get("location"), event.get("iso3"), None if toll is None else f"toll {toll}",
             event.get("mention"), event.get("status")]
    return " | ".join(str(p) for p in parts if p is not None)


def _brief_all(events: Record) -> str:
    return "; ".join(_brief(e) for e in events) or "no events"


def _show(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def format_changes(changes: Sequence[Change], texts: dict[str, str] | None = None, width: int = 100) -> str:
    """Readable: each moved input with the start of its text, then `event N field: old -> new`."""
    texts = texts or {}
    lines: list[str] = []
    current = None
    for c in changes:
        if c.case_id != current:
            current = c.case_id
            text = " ".join(texts.get(c.case_id, "").split())
            lines.append(f"{c.case_id}  {text[:width] + ('...' if len(text) > width else '')}".rstrip())
        where = "" if c.event is None else f"event {c.event} "
        lines.append(f"    {where}{c.field}: {_show(c.old)} -> {_show(c.new)}")
    moved = len({c.case_id for c in changes})
    if changes:
        lines.append(f"{len(changes)} changes in {moved} inputs")
    return "\n".join(lines)
