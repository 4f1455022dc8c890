"""wirewatch gold JSON (the format of shared/fixtures/ganja/gold.json): one article, several gold
events. Each gold event is scored against the extracted event that matches it best.

The article text is the gold's `article.text` when present, else `article.txt` next to the gold
file; `meta.json` there supplies title and publication date when the gold does not. GOLD may be a
gold file or a folder searched for `gold.json` files (one case per file).

Matching: a predicted event *finds* a gold event when it has the gold's event type (when given),
its date, and lies within 25 km of it (when the gold has coordinates). Among the events that find
it, the one agreeing on most fields is scored; a gold event nobody finds misses every field.
`new_event_precision` counts how many predicted `new` events find some gold event.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Mention
from .core import GoldCase, Outcome, count_hits
from .countries import country_iso3
from .metrics import fold, iso_date, same_label, within_km

# Compared exactly when the gold gives them (null included: gold null fatalities = "no number").
EXACT_FIELDS = ("time_precision", "actor1_country", "actor2_country", "geo_precision", "fatalities", "injuries",
                "ceasefire_violation", "status", "mention", "agreement")
CATEGORICAL = {"event_type", "sub_event_type", "actor1_country", "actor2_country", "status", "mention", "country"}


def gold_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(path.rglob("gold.json"))
        if not files:
            raise InputError(str(path), "no gold.json found in this folder")
        return files
    return [path]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(str(path), f"not a readable JSON file ({e})") from e


def load_case(path: Path) -> GoldCase:
    gold = _read_json(path)
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        raise InputError(str(path), "not a wirewatch gold file: no 'events' list")
    info = gold.get("article") or {}
    meta_path = path.parent / "meta.json"
    meta = _read_json(meta_path) if meta_path.is_file() else {}
    text = info.get("text")
    if text is None:
        text_path = path.parent / (info.get("text_file") or "article.txt")
        if not text_path.is_file():
            raise InputError(str(path), f"no article text: neither article.text nor {text_path.name}")
        text = text_path.read_text(encoding="utf-8")
    article = Article(
        article_id=f"gold:{path.parent.name}", text=text, url=meta.get("url"), title=meta.get("title"),
        published=info.get("published") or meta.get("published"), publisher=info.get("publisher") or meta.get("publisher"),
        language=meta.get("language"), source=str(path),
    )
    return GoldCase(case_id=str(path), article=article, unit=path.parent.name, gold=gold)


def finds(m: Mention, g: dict[str, Any]) -> bool:
    """The score script's matching rule: same type (when given) and date, within 25 km (when placed)."""
    if g.get("event_type") and not same_label(m.event_type, g["event_type"]):
        return False
    if iso_date(m.event_date) != g.get("event_date"):
        return False
    if g.get("latitude") is not None and g.get("longitude") is not None:
        return within_km((m.latitude, m.longitude), (float(g["latitude"]), float(g["longitude"])))
    return True


def score_event(g: dict[str, Any], m: Mention) -> list[Outcome]:
    """The fields this gold event states, against one predicted event."""
    out: list[Outcome] = []
    for name in ("event_type", "sub_event_type"):
        if name in g:
            out.append(Outcome(name, same_label(getattr(m, name), g[name]), g[name], getattr(m, name), True))
    if "event_date" in g:
        out.append(Outcome("event_date", iso_date(m.event_date) == g["event_date"], g["event_date"], m.event_date))
    if g.get("latitude") is not None and g.get("longitude") is not None:
        gold_point = (float(g["latitude"]), float(g["longitude"]))
        out.append(Outcome("location_25km", within_km((m.latitude, m.longitude), gold_point),
                           list(gold_point), [m.latitude, m.longitude]))
    if "country" in g:
        hit = fold(m.country) == fold(g["country"]) or (m.iso3 or "") == (country_iso3(g["country"]) or "-")
        out.append(Outcome("country", hit, g["country"], m.country, True))
    for name in EXACT_FIELDS:
        if name in g:
            out.append(Outcome(name, getattr(m, name) == g[name], g[name], getattr(m, name), name in CATEGORICAL))
    if "weapon" in g:
        out.append(Outcome("weapon", fold(g["weapon"]) in fold(m.weapon), g["weapon"], m.weapon))
    if "actor2" in g:
        out.append(Outcome("actor2", fold(g["actor2"]) in fold(m.actor2), g["actor2"], m.actor2))
    for name in ("parties", "mediators"):
        if name in g:
            pred = sorted(getattr(m, name) or [])
            out.append(Outcome(name, pred == sorted(g[name]), g[name], pred))
    for want in g.get("claims", []):
        out.append(Outcome("claims", _claim_found(m, want), want, None))
    return out


def _claim_found(m: Mention, want: dict[str, Any]) -> bool:
    for c in m.claims:
        if c.stance != want.get("stance"):
            continue
        if want.get("claimant_country") and c.claimant_country != want["claimant_country"]:
            continue
        if want.get("speaker") and fold(want["speaker"]) not in fold(c.speaker):
            continue
        return True
    return False


class WirewatchKind:
    """`--kind wirewatch`: per-field accuracy over gold events."""

    name: str = "wirewatch"
    splittable = False  # a handful of gold articles: a held-back split of them says nothing
    fields: tuple[str, ...] = ("event_found", "event_type", "sub_event_type", "event_date", "location_25km", "country",
              "fatalities", "actor1_country", "actor2_country", "mention", "status", "new_event_precision",
              "background_not_new", "aggregate_not_attached", "no_stray_event", "new_events_within_cap")

    def load(self, path: Path) -> Iterator[GoldCase]:
        for file in gold_files(path):
            yield load_case(file)

    def score(self, case: GoldCase, article: Article, match: str) -> list[Outcome]:
        events = [e for e in article.events if e.mention != "background"]
        out: list[Outcome] = []
        for g in case.gold.get("events", []):
            found = [m for m in events if finds(m, g)]
            key = g.get("key") or g.get("location")
            if found:
                best = max(found, key=lambda m: count_hits(score_event(g, m)))
                out.append(Outcome("event_found", True, key, best.mention))
                out.extend(score_event(g, best))
            else:
                out.append(Outcome("event_found", False, key, None))
                out.extend(Outcome(o.field, False, o.gold, None, o.categorical, no_event=True)
                           for o in score_event(g, Mention(event_id="")))
        for m in article.events:
            if m.mention == "new":
                hit = any(finds(m, g) for g in case.gold.get("events", []))
                out.append(Outcome("new_event_precision", hit, None, f"{m.event_type} {m.event_date} {m.location}"))
        out.extend(must_not(case.gold, article))
        return out


def must_not(gold: dict[str, Any], article: Article) -> list[Outcome]:
    """What must not happen, one trial each: background dated as news, cumulative figures attached
    to an event, stray events on the publication day, too many new events."""
    out: list[Outcome] = []
    events = article.events
    news = [g for g in gold.get("events", []) if g.get("mention") == "new"]
    for bg in gold.get("background", []):
        for when in list(bg.get("dates", [])) + ([bg["date"]] if "date" in bg else []):
            wrong = [e for e in events if e.mention == "new" and str(e.event_date or "").startswith(str(when))]
            out.append(Outcome("background_not_new", not wrong, f"{bg.get('about')} ({when})",
                               [f"{e.event_type} {e.event_date}" for e in wrong] or None))
    for agg in gold.get("aggregates", []):
        n = agg.get("count")
        bad = [e for e in events if n in (e.fatalities, e.fatalities_low, e.fatalities_high)]
        out.append(Outcome("aggregate_not_attached", not bad, agg.get("about"),
                           [f"{e.event_type} at {e.location}" for e in bad] or None))
    published = iso_date((gold.get("article") or {}).get("published") or article.published)
    if published:
        stray = [e for e in events if iso_date(e.event_date) == published and e.mention != "background"
                 and not any(g.get("latitude") is not None and within_km(
                     (e.latitude, e.longitude), (float(g["latitude"]), float(g["longitude"]))) for g in news)]
        out.append(Outcome("no_stray_event", not stray, published,
                           [f"{e.event_type} at {e.location}" for e in stray] or None))
    cap = gold.get("max_new_events", len(news) + 1)
    new_count = sum(1 for e in events if e.mention == "new")
    out.append(Outcome("new_events_within_cap", new_count <= cap, cap, new_count))
    return out
