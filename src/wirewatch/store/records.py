"""Records to and from plain dicts (JSON columns, JSONL inputs, exports)."""
from __future__ import annotations

from dataclasses import fields
from functools import lru_cache
from typing import Any, Mapping, TypeVar, cast

from ..model import Article, Claim, Event, Mention, Revision, Source, Span, to_dict

T = TypeVar("T")

__all__ = ["to_dict", "build", "mention_from_dict", "event_from_dict", "article_from_dict"]


@lru_cache(maxsize=None)
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def build(cls: type[T], data: Mapping[str, Any]) -> T:
    """`cls(**data)` keeping only the fields `cls` has (extra keys are ignored)."""
    names = _field_names(cast(type, cls))  # a class is hashable; mypy cannot tell for type[T]
    return cls(**{k: v for k, v in data.items() if k in names})


def _nested(data: Mapping[str, Any]) -> dict[str, Any]:
    d = dict(data)
    d["claims"] = [build(Claim, c) for c in d.get("claims") or []]
    d["evidence"] = [build(Span, s) for s in d.get("evidence") or []]
    return d


def mention_from_dict(data: Mapping[str, Any]) -> Mention:
    return build(Mention, _nested(data))


def event_from_dict(data: Mapping[str, Any]) -> Event:
    d = _nested(data)
    d["sources"] = [build(Source, s) for s in d.get("sources") or []]
    d["history"] = [build(Revision, r) for r in d.get("history") or []]
    return build(Event, d)


def article_from_dict(data: Mapping[str, Any]) -> Article:
    d = dict(data)
    d["events"] = [mention_from_dict(m) for m in d.get("events") or []]
    d["provenance"] = d.get("provenance") or {}
    return build(Article, d)
