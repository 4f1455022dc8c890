"""Records -> JSON for the API: events, GeoJSON features, and articles with their evidence marked."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Article, Event, to_dict

# Fields the map needs for a marker; the full record is one request away (/api/events/{id}).
SUMMARY_FIELDS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injuries", "interaction",
    "status", "mention", "independent_sources", "notes",
)


def field_of(obj: Any, name: str, default: Any = None) -> Any:
    """Read a field from a dataclass or a dict alike (the store may hand back either)."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


_SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """JSON-ready copy of a record: like `model.to_dict`, but reads `__dict__` directly, which
    matters when a page holds thousands of events (it is the API's hot path)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return [plain(v) for v in value]
    if kind is dict:
        return {k: plain(v) for k, v in value.items()}
    if hasattr(kind, "__dataclass_fields__"):
        return {k: plain(v) for k, v in value.__dict__.items()}
    return to_dict(value)


def event_json(event: Event | dict[str, Any]) -> dict[str, Any]:
    data = plain(event)
    return data if isinstance(data, dict) else dict(data)


def dumps(data: Any) -> bytes:
    """Compact JSON; anything unusual (a date, a Decimal) is written as its string."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def event_summary(event: Event | dict[str, Any]) -> dict[str, Any]:
    """The marker's and the table's fields, with the number of claims (sorted by as `sort=claims`)."""
    out = {k: field_of(event, k) for k in SUMMARY_FIELDS}
    out["claims_count"] = len(field_of(event, "claims") or [])
    return out


def columns_json(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """Rows as one array per column; a text column with few distinct values as a dictionary
    (`{"values": [...], "codes": [...]}`, -1 for null): the map's 100,000 events in a few MB.
    Transposed and encoded with zip, set and map (loops in C): 1.4 million values per 100,000
    events would cost ~0.4 s of the answer's time as Python loops."""
    columns = list(zip(*rows)) if rows else [() for _ in names]
    out: dict[str, Any] = {}
    for name, column in zip(names, columns):
        distinct = set(column)
        distinct.discard(None)
        if distinct and len(distinct) * 4 < len(column) and all(isinstance(v, str) for v in distinct):
            index: dict[Any, int] = {v: k for k, v in enumerate(sorted(distinct))}
            values = list(index)
            index[None] = -1
            out[name] = {"values": values, "codes": list(map(index.__getitem__, column))}
        else:
            out[name] = list(column)
    return out


def event_feature(props: dict[str, Any]) -> dict[str, Any]:
    lat, lon = props.get("latitude"), props.get("longitude")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]}
    return {"type": "Feature", "id": props.get("event_id"), "geometry": geometry, "properties": props}


def feature_collection(events: Iterable[dict[str, Any]], **members: Any) -> dict[str, Any]:
    """A GeoJSON FeatureCollection; `members` (total, limit, offset) ride along as foreign members."""
    return {"type": "FeatureCollection", "features": [event_feature(e) for e in events], **members}


# ---- articles with evidence marked -------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str          # "evidence" | "asserts" | "denies"
    event_id: str | None


def _spans_of(mention: Any, event_id: str | None, article_id: str | None) -> list[Mark]:
    marks: list[Mark] = []
    for span in field_of(mention, "evidence") or []:
        owner = field_of(span, "article_id")
        if owner is not None and article_id is not None and owner != article_id:
            continue
        start, end = field_of(span, "start"), field_of(span, "end")
        if isinstance(start, int) and isinstance(end, int):
            marks.append(Mark(start, end, "evidence", event_id))
    for claim in field_of(mention, "claims") or []:
        owner = field_of(claim, "article_id")
        if owner is not None and article_id is not None and owner != article_id:
            continue
        start, end = field_of(claim, "start"), field_of(claim, "end")
        stance = field_of(claim, "stance") or "asserts"
        if isinstance(start, int) and isinstance(end, int):
            marks.append(Mark(start, end, "denies" if stance == "denies" else "asserts", event_id))
    return marks


def article_marks(article: Article, event: Event | None = None) -> list[Mark]:
    """Spans of `article.text` to highlight: its mentions' evidence and claim sentences.

    With `event`, only the mentions fused into that event. When the article carries no
    mentions, fall back to the event's own spans if they can only belong to this article.
    """
    wanted: set[str] | None = None
    if event is not None:
        wanted = {str(m) for m in (field_of(event, "mention_ids") or [])} | {str(field_of(event, "event_id"))}
    marks: list[Mark] = []
    for mention in article.events or []:
        mention_id = field_of(mention, "event_id")
        # The store names a mention "<article_id>:<extraction event_id>" in an event's mention_ids.
        if wanted is not None and not {str(mention_id), f"{article.article_id}:{mention_id}"} & wanted:
            continue
        marks.extend(_spans_of(mention, field_of(event, "event_id") if event else mention_id, article.article_id))
    if not marks and event is not None:
        sources = field_of(event, "sources") or []
        only_source = len(sources) == 1 and field_of(sources[0], "article_id") == article.article_id
        spans = _spans_of(event, field_of(event, "event_id"), article.article_id)
        # Spans that name their article are safe; unnamed ones only when this is the sole source.
        if only_source:
            marks = spans
        else:
            marks = [m for m in spans if _names_article(event, m)]
    n = len(article.text or "")
    clipped = [Mark(max(0, m.start), min(n, m.end), m.kind, m.event_id) for m in marks]
    return sorted({m for m in clipped if m.start < m.end}, key=lambda m: (m.start, m.end, m.kind))


def _names_article(event: Any, mark: Mark) -> bool:
    for item in list(field_of(event, "evidence") or []) + list(field_of(event, "claims") or []):
        if field_of(item, "start") == mark.start and field_of(item, "end") == mark.end:
            return field_of(item, "article_id") is not None
    return False


def segments(text: str, marks: Sequence[Mark]) -> list[dict[str, Any]]:
    """Cut `text` at every mark boundary; each piece lists the kinds of marks covering it.

    The page renders each piece with textContent (inside <mark> when covered), so the text
    is never parsed as HTML.
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[dict[str, Any]] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted({m.kind for m in marks if m.start <= a and b <= m.end})
        out.append({"start": a, "end": b, "text": text[a:b], "marks": covering})
    return out


def article_json(article: Article, event: Event | None = None,
                 fused: dict[str, str | None] | None = None) -> dict[str, Any]:
    """`fused`: {mention_id: event_id} from the store; `event_ids` are those fused events (what
    /api/events/{id} resolves), once each in reading order, `mention_ids` the article's mentions."""
    marks = article_marks(article, event)
    data = to_dict(article)
    data.pop("events", None)
    fused = fused or {}
    return {
        "article": data,
        "event_ids": list(dict.fromkeys(e for e in fused.values() if e)),
        "mention_ids": list(fused),
        "marks": [m.__dict__ for m in marks],
        "segments": segments(article.text or "", marks),
    }


def article_html(article: Article, event: Event | None = None) -> str:
    """The article as a small standalone HTML page, evidence in <mark>, every string escaped."""
    from html import escape

    body = []
    for seg in segments(article.text or "", article_marks(article, event)):
        piece = escape(seg["text"]).replace("\n", "<br>\n")
        if seg["marks"]:
            piece = f'<mark class="{" ".join(seg["marks"])}">{piece}</mark>'
        body.append(piece)
    title = escape(article.title or article.article_id)
    meta = escape(" · ".join(x for x in (article.publisher, article.published, article.url) if x))
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        f"<title>{title}</title>"
        "<style>mark.denies{background:#f8c4c4}mark.asserts{background:#c9e4ff}"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:46em;margin:2em auto}</style>"
        f"</head><body><h1>{title}</h1><p class=\"meta\">{meta}</p><div>{''.join(body)}</div></body></html>"
    )
