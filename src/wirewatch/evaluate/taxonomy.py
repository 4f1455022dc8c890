"""Mapping tables between event taxonomies, written out so they can be read and argued with.

1. `ACLED_TAXONOMY`: ACLED's current event types and their sub-event types (codebook 2019-).
2. `OLD_ACLED`: labels from ACLED's pre-2019 codebook and spelling variants -> the current labels.
   Where an old label does not say which current label it is (e.g. "Riots/Protests"), the gold is
   the *set* of acceptable current labels and a prediction of any of them is a hit.
3. `gtd_to_acled(attack, target, weapon)`: the ACLED codings consistent with a GTD incident.
   `gtd_families(event_type, sub_event_type)`: the GTD attack types an ACLED coding can stand for;
   this is how `attack_type` is scored (prediction mapped back to GTD families).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .metrics import fold

BATTLES = "Battles"
ERV = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
SD = "Strategic developments"

ACLED_TAXONOMY: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    ERV: ("Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
          "Remote explosive/landmine/IED", "Grenade"),
    VAC: ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    SD: ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
         "Headquarters or base established", "Looting/property destruction",
         "Non-violent transfer of territory", "Other"),
}
SUB_TO_TYPE: dict[str, str] = {sub: et for et, subs in ACLED_TAXONOMY.items() for sub in subs}


@dataclass(frozen=True)
class Label:
    """Gold event coding after mapping: each part is the set of acceptable current labels, or
    None when the gold does not determine it (that row is then left out of the field's n)."""

    event_type: frozenset[str] | None
    sub_event_type: frozenset[str] | None


def _one(et: str | None, sub: str | None = None) -> Label:
    return Label(frozenset([et]) if et else None, frozenset([sub]) if sub else None)


# Old event types (ACLED codebooks before 2019, still in older exports) and variants seen in the wild.
# The value is (event types, sub-event types); an empty sub-event set means "not determined".
OLD_ACLED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "battle-no change of territory": ((BATTLES,), ("Armed clash",)),
    "battle-government regains territory": ((BATTLES,), ("Government regains territory",)),
    "battle-non-state actor overtakes territory": ((BATTLES,), ("Non-state actor overtakes territory",)),
    "battle": ((BATTLES,), ()),
    "remote violence": ((ERV,), ()),
    "explosions": ((ERV,), ()),
    "explosions remote violence": ((ERV,), ()),
    "violence against civilians": ((VAC,), ()),
    "violence against civilian": ((VAC,), ()),
    "violence against civilians attack": ((VAC,), ("Attack",)),
    "violence against civilians abduction": ((VAC,), ("Abduction/forced disappearance",)),
    "riots protests": ((PROTESTS, RIOTS), ()),
    "riots": ((RIOTS,), ()),
    "protests": ((PROTESTS,), ()),
    "strategic development": ((SD,), ()),
    "strategic developments": ((SD,), ()),
    "headquarters or base established": ((SD,), ("Headquarters or base established",)),
    "non-violent transfer of territory": ((SD,), ("Non-violent transfer of territory",)),
    "non violent transfer of territory": ((SD,), ("Non-violent transfer of territory",)),
}
# Old or variant sub-event labels -> current.
OLD_SUB: dict[str, str] = {
    "remote explosive landmine ied": "Remote explosive/landmine/IED",
    "remote explosive": "Remote explosive/landmine/IED",
    "landmine": "Remote explosive/landmine/IED",
    "ied": "Remote explosive/landmine/IED",
    "shelling artillery missile attack": "Shelling/artillery/missile attack",
    "air drone strike": "Air/drone strike",
    "abduction forced disappearance": "Abduction/forced disappearance",
    "abduction": "Abduction/forced disappearance",
    "looting property destruction": "Looting/property destruction",
    "peaceful protest": "Peaceful protest",
    "protest with intervention": "Protest with intervention",
    "excessive force against protesters": "Excessive force against protesters",
}


@lru_cache(maxsize=1)
def _current_subs() -> dict[str, str]:
    return {fold(sub): sub for sub in SUB_TO_TYPE}


@lru_cache(maxsize=1)
def _old_types() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {fold(k): v for k, v in OLD_ACLED.items()}


@lru_cache(maxsize=1)
def _current_types() -> dict[str, str]:
    return {fold(et): et for et in ACLED_TAXONOMY}


def normalize_sub(sub: str | None) -> str | None:
    """A sub-event label in the current taxonomy, or None when it is not one."""
    if not sub or not sub.strip():
        return None
    key = fold(sub)
    return _current_subs().get(key) or OLD_SUB.get(key)


def acled_label(event_type: str | None, sub_event_type: str | None) -> Label:
    """Gold (event_type, sub_event_type) in any ACLED vintage -> acceptable current labels.

    A current sub-event type decides the event type too (ACLED sub-types belong to one type), which
    repairs rows whose event type is an old label.
    """
    sub = normalize_sub(sub_event_type)
    et_key = fold(event_type)
    current_et = _current_types().get(et_key)
    if current_et:
        return Label(frozenset([current_et]), frozenset([sub]) if sub else None)
    old = _old_types().get(et_key)
    if sub:
        return _one(SUB_TO_TYPE[sub], sub)
    if old:
        types, subs = old
        return Label(frozenset(types), frozenset(subs) if subs else None)
    return Label(None, None)


# --- GTD -------------------------------------------------------------------------------------

GTD_ATTACK_TYPES: tuple[str, ...] = (
    "Assassination", "Armed Assault", "Bombing/Explosion", "Hijacking", "Hostage Taking (Barricade Incident)",
    "Hostage Taking (Kidnapping)", "Facility/Infrastructure Attack", "Unarmed Assault", "Unknown",
)
# GTD targets that ACLED would count as armed parties: an armed assault on them is a battle.
ARMED_TARGETS = frozenset({"Military", "Police", "Terrorists/Non-State Militia", "Violent Political Party"})
EXPLOSIVE_SUBS = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Shelling/artillery/missile attack",
                  "Air/drone strike")

# attack type -> ACLED (event_type, sub_event_type) codings, before target/weapon refinements.
GTD_BASE: dict[str, tuple[tuple[str, str], ...]] = {
    # Bombs, including ones defused before going off (GTD keeps failed attempts): ACLED codes those
    # as Strategic developments / Disrupted weapons use.
    "Bombing/Explosion": tuple((ERV, s) for s in EXPLOSIVE_SUBS) + ((SD, "Disrupted weapons use"),),
    "Armed Assault": ((VAC, "Attack"),),                   # + Battles/Armed clash on armed targets
    "Assassination": ((VAC, "Attack"),),                   # + armed targets, + explosives
    "Unarmed Assault": ((VAC, "Attack"), (VAC, "Sexual violence")),
    "Hostage Taking (Kidnapping)": ((VAC, "Abduction/forced disappearance"),),
    "Hostage Taking (Barricade Incident)": ((VAC, "Abduction/forced disappearance"), (BATTLES, "Armed clash")),
    "Hijacking": ((VAC, "Abduction/forced disappearance"),),
    "Facility/Infrastructure Attack": ((SD, "Looting/property destruction"),),  # arson, sabotage; + explosives
    "Unknown": (),
}


def gtd_to_acled(attack_type: str, target_type: str | None = None, weapon_type: str | None = None) -> Label:
    """ACLED codings consistent with a GTD incident (its attack type refined by target and weapon).

    Armed Assault / Assassination against military, police or armed groups -> Battles / Armed clash;
    otherwise Violence against civilians / Attack. Assassination or facility attack with explosives
    -> the explosive sub-types too. "Unknown" determines nothing.
    """
    codings = set(GTD_BASE.get(attack_type, ()))
    if attack_type in ("Armed Assault", "Assassination") and target_type in ARMED_TARGETS:
        codings.add((BATTLES, "Armed clash"))
        if attack_type == "Armed Assault":
            codings.discard((VAC, "Attack"))  # attacks on armed forces are never violence against civilians
    if attack_type in ("Assassination", "Facility/Infrastructure Attack") and weapon_type == "Explosives":
        codings.update((ERV, s) for s in EXPLOSIVE_SUBS)
    if not codings:
        return Label(None, None)
    return Label(frozenset(et for et, _ in codings), frozenset(sub for _, sub in codings))


@lru_cache(maxsize=1)
def _families() -> dict[tuple[str, str], frozenset[str]]:
    """Reverse of `gtd_to_acled` over every target and weapon."""
    out: dict[tuple[str, str], set[str]] = {}
    for attack in GTD_ATTACK_TYPES:
        for target in (None, "Military"):
            for weapon in (None, "Explosives"):
                label = gtd_to_acled(attack, target, weapon)
                if label.event_type is None or label.sub_event_type is None:
                    continue
                for sub in label.sub_event_type:
                    out.setdefault((SUB_TO_TYPE[sub], sub), set()).add(attack)
    return {k: frozenset(v) for k, v in out.items()}


def gtd_families(event_type: str | None, sub_event_type: str | None) -> frozenset[str]:
    """GTD attack types a predicted ACLED coding can stand for; empty when none (e.g. Protests).

    With a sub-event type the mapping is exact; with only an event type it is the union over that
    type's sub-types.
    """
    sub = normalize_sub(sub_event_type)
    if sub:
        return _families().get((SUB_TO_TYPE[sub], sub), frozenset())
    et = _current_types().get(fold(event_type))
    if not et:
        return frozenset()
    return frozenset().union(*(v for (t, _), v in _families().items() if t == et))
