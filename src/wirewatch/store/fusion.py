"""An analyst's corrections to fusion: split a wrong merge, merge what fusion kept apart.

    split_event(store, event_id, mention_ids=None) -> [event ids]
    merge_events(store, keep_id, other_id) -> event id
    export_overrides(store) -> [{kind, mention_a, mention_b, at}]
    import_overrides(store, rows) -> {recorded, merged, split, missing, refused}

Both run in one transaction, record a Revision on every event they change (the changes, and
`override: [null, "split" | "merged"]`) and a decision (`verdict: split | merged`) in the
event's fusion record, and store the pairs of reports kept apart or put together in
`fusion_overrides`. The overrides live in the database, keyed by mention ids (stable: the article
id and the extraction's event id), so a re-ingest, which skips stored articles, never undoes
them, and a new article's report joins one of the split events without re-merging them.

Exported, the overrides carry an analyst's corrections to another database built from the same
articles (mention ids are the same there): importing records the pairs and redoes the merges and
splits they imply.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from itertools import product
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from .. import fuse
from ..errors import InputError
from ..model import Event, Revision
from . import queries as Q

if TYPE_CHECKING:
    from .sqlite import SQLiteStore

__all__ = ["split_event", "merge_events", "overrides", "export_overrides", "import_overrides"]
KINDS = ("apart", "together")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def _transaction(store: "SQLiteStore") -> Iterator[None]:
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise


def _load(store: "SQLiteStore", event_id: str) -> tuple[Event, list[fuse.Report]]:
    event = store.event(event_id)
    if event is None:
        raise InputError(event_id, "no such event")
    return event, store._reports(event_id)


def _record(store: "SQLiteStore", kind: str, left: Sequence[str], right: Sequence[str], at: str) -> None:
    pairs = [tuple(sorted(p)) for p in product(left, right)]
    opposite = "together" if kind == "apart" else "apart"
    store.conn.executemany(Q.DELETE_OVERRIDE, [(opposite, a, b) for a, b in pairs])
    store.conn.executemany(Q.INSERT_OVERRIDE, [(kind, a, b, at) for a, b in pairs])


def _decisions(store: "SQLiteStore", event_id: str, keys: Sequence[str], verdict: str, reason: str,
               at: str) -> None:
    store._write_decisions([{"mention_id": k, "event_id": event_id, "verdict": verdict, "reason": reason,
                             "compared_with": None, "at": at, "evidence": {}} for k in keys])


def _rewrite(store: "SQLiteStore", old: Event | None, event_id: str, reports: list[fuse.Report],
             override: str, at: str) -> Event:
    """Recombine an event from `reports` and write it with one Revision saying why."""
    new = fuse.combine(event_id, reports, old.history if old else [])
    new.fusion = list(old.fusion) if old else []
    changes: dict[str, Any] = {**fuse.changes(old, new), "override": [None, override]}
    revision = Revision(at=at, article_id=reports[0].source.article_id, changes=changes)
    store._write_event(new, reports, created=old is None, revisions=[revision])
    new.history.append(revision)
    return new


def split_event(store: "SQLiteStore", event_id: str, mention_ids: Sequence[str] | None = None) -> list[str]:
    """Take reports out of an event. With `mention_ids`, those reports become one new event;
    without, every report becomes an event of its own. The group holding the event's first
    report keeps its id. Returns the ids of the events the reports are now in."""
    with _transaction(store):
        old, reports = _load(store, event_id)
        keys = [fuse.mention_key(r) for r in reports]
        if mention_ids:
            unknown = sorted(set(mention_ids) - set(keys))
            if unknown:
                raise InputError(event_id, f"has no report {unknown[0]} (its reports: {', '.join(keys)})")
            groups = [[r for r in reports if fuse.mention_key(r) not in mention_ids],
                      [r for r in reports if fuse.mention_key(r) in mention_ids]]
        else:
            groups = [[r] for r in reports]
        if len(groups) < 2 or not all(groups):
            raise InputError(event_id, "nothing to split: the event would keep all its reports or none")
        at = _now()
        for i, j in ((i, j) for i in range(len(groups)) for j in range(i + 1, len(groups))):
            _record(store, "apart", [fuse.mention_key(r) for r in groups[i]],
                    [fuse.mention_key(r) for r in groups[j]], at)
        first = fuse.mention_key(fuse._order(reports)[0])
        keep = next(g for g in groups if first in {fuse.mention_key(r) for r in g})
        out = [event_id]
        for group in groups:
            if group is keep:
                continue
            new_id = fuse.fused_id(fuse._order(group)[0])
            if store.event(new_id) is not None:  # split off before and merged back: a fresh id
                new_id = f"{new_id}-{len(out)}"
            moved = [fuse.mention_key(r) for r in group]
            _rewrite(store, None, new_id, group, "split", at)
            store.conn.executemany(Q.MOVE_MENTION, [(new_id, k) for k in moved])
            _decisions(store, new_id, moved, "split", f"split from {event_id} by an analyst", at)
            _decisions(store, event_id, moved, "split", f"moved to {new_id} by an analyst", at)
            out.append(new_id)
        _rewrite(store, old, event_id, keep, "split", at)
        return out


def merge_events(store: "SQLiteStore", keep_id: str, other_id: str) -> str:
    """Put the reports of `other_id` into `keep_id` (which keeps its id; the other's history and
    decisions move with its reports, and it is deleted). Returns `keep_id`."""
    if keep_id == other_id:
        raise InputError(keep_id, "cannot merge an event with itself")
    with _transaction(store):
        keep, reports = _load(store, keep_id)
        _, others = _load(store, other_id)
        both = {r.source.article_id for r in reports} & {r.source.article_id for r in others}
        if both:
            raise InputError(other_id, f"article {sorted(both)[0]} reports both events (one report per "
                                       "article per event): split that article's report off first")
        at = _now()
        moved = [fuse.mention_key(r) for r in others]
        _record(store, "together", [fuse.mention_key(r) for r in reports], moved, at)
        store.conn.executemany(Q.MOVE_MENTION, [(keep_id, k) for k in moved])
        store.conn.execute(Q.MOVE_REVISIONS, (keep_id, other_id))
        store.conn.execute(Q.MOVE_DECISIONS, (keep_id, other_id))
        store.conn.execute(Q.DELETE_CLAIMS, (other_id,))
        rowid = store.conn.execute(Q.EVENT_ROWID, (other_id,)).fetchone()[0]
        store.conn.execute(Q.DELETE_RTREE, (rowid,))
        store.conn.execute(Q.DELETE_EVENT, (other_id,))
        _rewrite(store, keep, keep_id, reports + others, "merged", at)
        _decisions(store, keep_id, moved, "merged", f"merged from {other_id} by an analyst", at)
        return keep_id


def overrides(store: "SQLiteStore", mention_ids: Sequence[str]) -> frozenset[frozenset[str]]:
    """The pairs among (or touching) these mentions that an analyst kept apart."""
    if not mention_ids:
        return frozenset()
    marks = ",".join("?" * len(mention_ids))
    rows = store.conn.execute(Q.OVERRIDES_OF.format(marks=marks), [*mention_ids, *mention_ids]).fetchall()
    return frozenset(frozenset((a, b)) for kind, a, b in rows if kind == "apart")


def export_overrides(store: "SQLiteStore") -> list[dict[str, str]]:
    """Every pair of reports an analyst kept apart or put together, oldest first."""
    return [{"kind": kind, "mention_a": a, "mention_b": b, "at": at}
            for kind, a, b, at in store.conn.execute(Q.ALL_OVERRIDES).fetchall()]


def _event_of(store: "SQLiteStore", mention_id: str) -> str | None:
    row = store.conn.execute(Q.EVENT_OF_MENTION, (mention_id,)).fetchone()
    return row[0] if row else None


def import_overrides(store: "SQLiteStore", rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Record exported override pairs (`export_overrides`' rows) and make the events agree: the
    events of two reports put together are merged, and an event holding reports kept apart is
    split (each time, the reports kept apart from one of them leave together). Pairs naming a
    report this database does not hold are counted as `missing`; a merge the store refuses (one
    article reporting both events) is listed in `refused`. Importing twice changes nothing."""
    checked = []
    for n, row in enumerate(rows, 1):
        kind, a, b = row.get("kind"), row.get("mention_a"), row.get("mention_b")
        if kind not in KINDS or not isinstance(a, str) or not isinstance(b, str) or a == b:
            raise InputError(f"override {n}", f"expected kind apart|together and two different mention ids, got {row!r}")
        checked.append((kind, *sorted((a, b)), str(row.get("at") or _now())))
    out: dict[str, Any] = {"pairs": len(checked), "recorded": 0, "merged": 0, "split": 0, "missing": 0, "refused": []}
    present = []
    for kind, a, b, at in checked:
        if _event_of(store, a) is None or _event_of(store, b) is None:
            out["missing"] += 1
        else:
            present.append((kind, a, b, at))
    with _transaction(store):
        for kind, a, b, at in present:
            _record(store, kind, [a], [b], at)
    out["recorded"] = len(present)
    apart = {frozenset((a, b)) for kind, a, b, _ in present if kind == "apart"}
    # take apart first (a merge may be refused while an event still holds a report of the same
    # article), then put together, then take apart what the merges brought back together
    out["split"] += _take_apart(store, apart)
    for kind, a, b, _ in present:
        ev_a, ev_b = _event_of(store, a), _event_of(store, b)
        if kind == "together" and ev_a and ev_b and ev_a != ev_b:
            try:
                merge_events(store, ev_a, ev_b)
                out["merged"] += 1
            except InputError as e:
                out["refused"].append(str(e))
    out["split"] += _take_apart(store, apart)
    return out


def _take_apart(store: "SQLiteStore", apart: set[frozenset[str]]) -> int:
    """Split every event holding a pair of reports kept apart: the reports kept apart from the
    pair's first leave together. Splits only separate, so one pass in a fixed order suffices."""
    splits = 0
    for pair in sorted(apart, key=sorted):
        a, b = sorted(pair)
        event_id = _event_of(store, a)
        if event_id is None or event_id != _event_of(store, b):
            continue
        event = store.event(event_id)
        assert event is not None
        split_event(store, event_id, [m for m in event.mention_ids if frozenset((m, a)) in apart])
        splits += 1
    return splits
