"""Where the trained coder (wirewatch.coder) and the grammar rules meet.

The coder reads an event's frame (its sentences) and says which of ACLED's event and sub-event
types it is, how sure it is, whether the frame reports an event at all, and which actor types met
(ACLED's interaction). The rules say who did what to whom, where, when, how many, and who claims
it. Who wins where they disagree:

* the coder reads the rules' own decision as features (rule_features: the rule's event type,
  sub-event type and the kinds of the two sides), so it learnt from ACLED's rows when the rule's
  reading is right and when the words say otherwise.
* event type and sub-event type: the coder, when its probability reaches MODEL_TYPE_MIN. It learnt
  ACLED's own coding from 35,000 rows, the rule's reading among its features; a type rule was
  written from a sentence or two. Below that the rule's family stands.
* except for agreements (the rule found the parties and the verb of agreeing: grammar) and events
  whose trigger is a reference the rules resolved (denials), which never reach the coder.
* interaction: the coder's actor types, when its probability reaches MODEL_INTERACTION_MIN; else the
  actor kinds the grammar found. The named actors (actor1/actor2 and their countries) stay the
  grammar's: the coder says which kinds of actors met, not who they were.
* is-event: a frame the rules drop for lack of a date or a place still yields its event when the
  coder reads an event in it with MODEL_EVENT_MIN; an article the rules find nothing in yields the
  coder's event when it reads one in the opening sentences with MODEL_ONLY_MIN. Whatever the parts,
  its is-event reading (`Coding.event_reading`) vets the one event a short note with no day and no
  place keeps (events._finish): it can only take away what that rule adds ("the guns on display at
  the museum were found", a game's "bomb on a train"), never an event the rules found placed or dated.

Each part is used only when `make loco` validated it (coder.validated_parts: "type" covers the
types and is-event, "interaction" the actor types); a part not validated leaves the rules' answer.
The one exception is the veto on a short note's dayless, placeless event above: it uses the is-event
reading whenever a coder is installed, because that rule is new and only ever removes what it adds
(on the error-analysis split below, countries the coder never saw, the reading found events better
than the rules at any level).
"""
from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from typing import Any, Sequence

from . import lexicon as lx

log = logging.getLogger(__name__)

# Set on an error-analysis split of ../shared/train (800 rows of Benin and Afghanistan, scored with a
# coder trained without those two countries), never on the dev files. There (2026-12-02) the rules
# alone coded 81.5% of event types, the coder alone 76.1% (80.6% reading whole notes), the coder
# above 0.9 and the rules below it 82.0%: off the notes it learnt from, the coder is right more
# often than the rules only when it is nearly sure. Its interaction (54.9% against the rules'
# 40.5%) and its is-event reading (event found 96.9% against 93.4%) are better at any level.
MODEL_TYPE_MIN = 0.9
MODEL_INTERACTION_MIN = 0.0
MODEL_EVENT_MIN = 0.5
MODEL_ONLY_MIN = 0.6

def type_min() -> float:
    """The arbitration threshold: the artefact's `type_min` (make train takes it from make loco, the
    T at which "coder where p >= T, else the rule" coded the held-out countries best), else
    MODEL_TYPE_MIN."""
    c = coder()
    return float(c.meta.get("type_min", MODEL_TYPE_MIN)) if c is not None else MODEL_TYPE_MIN


# Families the rules decide whatever the coder says (see the module docstring).
RULE_FAMILIES = {"agreement"}

# sub-event type -> the family the rest of extraction works with
FAMILY_OF_SUB: dict[str, str] = {sub: fam for fam, (_, sub) in lx.FAMILIES.items()}
FAMILY_OF_SUB.update({"Protest with intervention": "protest", "Excessive force against protesters": "protest",
                      "Chemical weapon": "chemical"})

# ACLED's actor types by inter code (its codebook)
ACTOR_TYPES = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
               5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
_CODE = {v.lower(): k for k, v in ACTOR_TYPES.items()}


# WIREWATCH_CODER_PARTS="type,interaction" (or "interaction", or "none") uses exactly those parts of
# the committed coder, validated or not: for measuring a part before make loco validates it.
PARTS_ENV = "WIREWATCH_CODER_PARTS"


def _parts_override() -> frozenset[str] | None:
    value = os.environ.get(PARTS_ENV)
    if value is None:
        return None
    return frozenset(p.strip() for p in value.split(",") if p.strip() and p.strip() != "none")


@functools.lru_cache(maxsize=1)
def coder() -> Any | None:
    """The committed coder, or None where this installation has no coder package or no validated part."""
    override = _parts_override()
    try:
        from ..coder import load_coder  # type: ignore[import-not-found,unused-ignore]
        if override is not None:
            return load_coder(require_validated=False) if override else None
        return load_coder()
    except ImportError as e:  # no coder package, or no validated part (coder.CoderUnavailable is an ImportError)
        log.info("extraction uses its rules only: %s", e)
        return None


def active_parts() -> frozenset[str]:
    """The coder's parts extraction uses: "type" and/or "interaction" (empty without a coder)."""
    c = coder()
    if c is None:
        return frozenset()
    override = _parts_override()
    if override is not None:
        return override
    from ..coder import validated_parts  # type: ignore[import-not-found,unused-ignore]
    return frozenset(validated_parts(c.meta))


# The rules' reading when no rule found an event in the frame (the coder alone reads it).
NO_RULE = ("rule:none",)


def rule_features(family: str, sub: str, agent_kind: str | None, target_kind: str | None,
                  killed: bool) -> list[str]:
    """The grammar rules' reading of a frame as the coder's features (its `rule` block): the rule's
    event type and sub-event type, the kinds of the two sides the grammar found, whether it found
    people killed, and their pairs. Computed the same way for every training note
    (scripts/train_coder.py runs the rules on it) and at run time (events._code)."""
    etype = lx.FAMILIES[family][0]
    a, t = agent_kind or "-", target_kind or "-"
    k = "killed" if killed else "nokill"
    return [f"et={etype}", f"sub={sub}", f"fam={family}", f"a={a}", f"t={t}", k,
            f"et={etype}|a={a}", f"et={etype}|t={t}", f"a={a}|t={t}", f"et={etype}|{k}"]


@dataclass
class Coding:
    """What one event is coded as, and what decided each part."""
    family: str
    event_type: str
    sub_event_type: str
    interaction: tuple[int, int] | None     # (lower inter code, higher or 0), from the coder
    is_event: float | None                  # the coder's probability that the frame reports an event
    decided_by: dict[str, str]
    event_reading: float | None = None      # the same reading whether or not the type part is validated


def predict(frame: Any, rules: Sequence[str] = ()) -> Any | None:
    """The coder's Prediction for a spaCy Span/Doc and the rules' reading of it, or None without a coder."""
    c = coder()
    if c is None or frame is None:
        return None
    return c.predict([frame], [rules])[0]


def code(rule_family: str, rule_sub: str, rule_by: str, frame: Any, agent_kind: str | None,
         target_kind: str | None, killed: bool) -> Coding:
    """An event's coding: the rules' reading, read again by the coder with the frame's words."""
    pred = predict(frame, rule_features(rule_family, rule_sub, agent_kind, target_kind, killed)) \
        if frame is not None else None
    return decide(rule_family, rule_sub, rule_by, pred)


def interaction_pair(words: str | None) -> tuple[int, int] | None:
    """"State forces-Civilians" -> (1, 7); "Protesters only" -> (6, 0)."""
    if not words:
        return None
    low = words.lower()
    if low.endswith(" only"):
        code = _CODE.get(low[: -len(" only")])
        return (code, 0) if code else None
    for i, ch in enumerate(low):
        if ch == "-" and low[:i] in _CODE and low[i + 1:] in _CODE:
            a, b = _CODE[low[:i]], _CODE[low[i + 1:]]
            return (min(a, b), max(a, b))
    return None


def decide(rule_family: str, rule_sub: str, rule_by: str, pred: Any | None,
           parts: frozenset[str] | None = None, threshold: float | None = None) -> Coding:
    """The event's family, types and interaction from the rule's family and the coder's reading,
    using the coder's `parts` (default: the validated ones, active_parts) and its type where its
    probability reaches `threshold` (default: type_min())."""
    etype = lx.FAMILIES[rule_family][0]
    by = {"event_type": rule_by, "sub_event_type": rule_by}
    family, sub = rule_family, rule_sub
    pair = None
    is_event = None
    if pred is None:
        parts = frozenset()
    elif parts is None:
        parts = active_parts()
    if pred is not None and "type" in parts:
        is_event = pred.is_event_prob
        if rule_family not in RULE_FAMILIES and pred.event_type_prob >= (type_min() if threshold is None else threshold) \
                and pred.sub_event_type in FAMILY_OF_SUB:
            if pred.event_type != etype:
                etype, by["event_type"] = pred.event_type, f"model p={pred.event_type_prob:.2f} over {rule_by} ({etype})"
            else:
                by["event_type"] = f"{rule_by}, model agrees p={pred.event_type_prob:.2f}"
            if pred.sub_event_type != sub:
                by["sub_event_type"] = f"model p={pred.sub_event_type_prob:.2f} over {rule_by} ({sub})"
                sub = pred.sub_event_type
            else:
                by["sub_event_type"] = f"{rule_by}, model agrees p={pred.sub_event_type_prob:.2f}"
            family = FAMILY_OF_SUB[sub]
    if pred is not None and "interaction" in parts:
        if pred.interaction_prob >= MODEL_INTERACTION_MIN:
            pair = interaction_pair(pred.interaction)
            if pair is not None:
                by["interaction"] = f"model p={pred.interaction_prob:.2f}"
    return Coding(family, etype, sub, pair, is_event, by, pred.is_event_prob if pred is not None else None)


def interaction_code(pair: tuple[int, int]) -> int:
    a, b = pair
    return a * 10 + b


def order_sides(pair: tuple[int, int], inter1: int | None) -> tuple[int, int | None]:
    """inter1/inter2 for the coder's pair, keeping the grammar's doer first where it is one of them."""
    a, b = pair
    if not b:
        return a, None
    if inter1 == b:
        return b, a
    return a, b
