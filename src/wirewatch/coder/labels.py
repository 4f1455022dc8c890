"""ACLED's label sets as the coder uses them: event types and sub-event types (from
evaluate/taxonomy.py), actor types and the interaction code that pairs them."""
from __future__ import annotations

from ..evaluate.taxonomy import ACLED_TAXONOMY, SUB_TO_TYPE

__all__ = ["ACLED_TAXONOMY", "SUB_TO_TYPE", "ACTOR_TYPES", "parse_interaction", "interaction_label",
           "legacy_event_type", "NO_ACTOR"]

# ACLED's inter codes 1-8 (codebook); 0 means no second side.
ACTOR_TYPES: dict[int, str] = {
    1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}
NO_ACTOR = ""
_BY_NAME = {v.lower(): k for k, v in ACTOR_TYPES.items()}


def parse_interaction(value: object) -> tuple[int, int] | None:
    """ACLED's interaction cell -> (lower inter code, higher inter code or 0).

    Older exports write a number ("17", "60"); newer ones words ("State forces-Civilians",
    "Protesters only"). Both order the two codes lowest first, so the pair says which types met,
    not which side was actor 1. None when the cell is empty or unreadable."""
    if value is None:
        return None
    text = str(value).strip()
    if not text or text.lower() == "nan":
        return None
    if text.replace(".0", "").isdigit():
        digits = text.replace(".0", "")
        if len(digits) == 1:
            digits += "0"
        a, b = int(digits[0]), int(digits[1])
        if a not in ACTOR_TYPES or (b and b not in ACTOR_TYPES):
            return None
        return (min(a, b) if b else a, max(a, b) if b else 0)
    low = text.lower()
    if low.endswith(" only"):
        code = _BY_NAME.get(low[: -len(" only")])
        return (code, 0) if code else None
    # "External/Other forces" contains no hyphen, so the one hyphen between known names splits it
    for i, ch in enumerate(low):
        if ch == "-" and low[:i] in _BY_NAME and low[i + 1:] in _BY_NAME:
            a, b = _BY_NAME[low[:i]], _BY_NAME[low[i + 1:]]
            return (min(a, b), max(a, b))
    return None


def interaction_label(pair: tuple[int, int]) -> str:
    """(1, 7) -> "State forces-Civilians"; (6, 0) -> "Protesters only" (ACLED's words)."""
    a, b = pair
    return f"{ACTOR_TYPES[a]} only" if not b else f"{ACTOR_TYPES[a]}-{ACTOR_TYPES[b]}"


def legacy_event_type(event_type: str, pair: tuple[int, int] | None) -> tuple[str | None, str | None]:
    """A pre-2019 row's (event type, sub-event type) where it maps cleanly, else None parts.

    `Riots/Protests` is split by who took part: protesters alone or facing others -> Protests,
    rioters -> Riots (the interaction code says which); the sub-event type stays unknown."""
    et = (event_type or "").strip().lower()
    if et.startswith("battle"):
        if "government regains" in et:
            return "Battles", "Government regains territory"
        if "overtake" in et:
            return "Battles", "Non-state actor overtakes territory"
        return "Battles", None
    if et == "remote violence":
        return "Explosions/Remote violence", None
    if et.startswith("strategic development"):
        return "Strategic developments", None
    if et.startswith("non-violent transfer"):
        return "Strategic developments", "Non-violent transfer of territory"
    if et == "riots/protests" and pair:
        if 5 in pair:
            return "Riots", None
        if pair[0] == 6 or pair[1] == 6:
            return "Protests", None
    if et.startswith("violence against civilians"):
        return "Violence against civilians", None
    return None, None
