"""Mapping tables: old ACLED labels, GTD attack types, and every label the dev files use."""
from __future__ import annotations

import csv

import pytest

from wirewatch.evaluate.countries import actor_iso3, country_iso3
from wirewatch.evaluate.taxonomy import (
    ACLED_TAXONOMY, GTD_ATTACK_TYPES, acled_label, gtd_families, gtd_to_acled, normalize_sub,
)


@pytest.mark.parametrize("et,sub,types,subs", [
    ("Battles", "Armed clash", {"Battles"}, {"Armed clash"}),
    ("Battle-No change of territory", "", {"Battles"}, {"Armed clash"}),
    ("Battle-Government regains territory", None, {"Battles"}, {"Government regains territory"}),
    ("Remote violence", "", {"Explosions/Remote violence"}, None),
    ("Remote violence", "Remote explosive/landmine/IED", {"Explosions/Remote violence"},
     {"Remote explosive/landmine/IED"}),
    ("Violence against civilians", "", {"Violence against civilians"}, None),
    ("VIOLENCE AGAINST CIVILIANS", "attack", {"Violence against civilians"}, {"Attack"}),
    ("Riots/Protests", "", {"Riots", "Protests"}, None),
    ("Strategic development", "", {"Strategic developments"}, None),
    ("Non-violent transfer of territory", "", {"Strategic developments"}, {"Non-violent transfer of territory"}),
    ("Something else", "", None, None),
])
def test_acled_label(et, sub, types, subs):
    label = acled_label(et, sub)
    assert (set(label.event_type) if label.event_type else None) == types
    assert (set(label.sub_event_type) if label.sub_event_type else None) == subs


def test_every_current_sub_type_normalises_to_itself():
    for subs in ACLED_TAXONOMY.values():
        for sub in subs:
            assert normalize_sub(sub) == sub
            assert normalize_sub(sub.upper()) == sub


@pytest.mark.parametrize("attack,target,weapon,want", [
    ("Bombing/Explosion", "Police", "Explosives", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Armed Assault", "Police", "Firearms", ("Battles", "Armed clash")),
    ("Armed Assault", "Private Citizens & Property", "Firearms", ("Violence against civilians", "Attack")),
    ("Hostage Taking (Kidnapping)", "Business", "Firearms",
     ("Violence against civilians", "Abduction/forced disappearance")),
    ("Assassination", "Government (General)", "Firearms", ("Violence against civilians", "Attack")),
    ("Facility/Infrastructure Attack", "Business", "Incendiary",
     ("Strategic developments", "Looting/property destruction")),
    ("Unarmed Assault", "Private Citizens & Property", "Melee", ("Violence against civilians", "Attack")),
    ("Hijacking", "Transportation", "Firearms", ("Violence against civilians", "Abduction/forced disappearance")),
])
def test_gtd_forward_and_back(attack, target, weapon, want):
    label = gtd_to_acled(attack, target, weapon)
    assert want[0] in label.event_type and want[1] in label.sub_event_type
    assert attack in gtd_families(*want)   # the reverse map used for attack_type sends it home


def test_gtd_armed_assault_on_police_is_not_violence_against_civilians():
    label = gtd_to_acled("Armed Assault", "Police", "Firearms")
    assert "Violence against civilians" not in label.event_type


def test_gtd_unknown_and_protests():
    assert gtd_to_acled("Unknown").event_type is None
    assert gtd_families("Protests", "Peaceful protest") == frozenset()
    assert "Bombing/Explosion" in gtd_families("Explosions/Remote violence", None)


@pytest.mark.parametrize("actor,iso", [
    ("Military Forces of Israel (2009-)", "ISR"),
    ("Police Forces of Mexico (2018-) National Guard", "MEX"),
    ("Military Forces of the United States (2017-2021)", "USA"),
    ("Government of Democratic Republic of Congo (2019-)", "COD"),
    ("Protesters (Brazil)", "BRA"),
    ("Unidentified Armed Group (Ivory Coast)", "CIV"),
    ("Civilians (International)", None),
    ("Taliban", None),
    (None, None),
])
def test_actor_iso3(actor, iso):
    assert actor_iso3(actor) == iso


def test_country_names():
    assert country_iso3("Turkey") == "TUR"
    assert country_iso3("Kosovo") == "XKX"
    assert country_iso3("Curaçao") == "CUW"
    assert country_iso3("Narnia") is None


def _column(path, name):
    with path.open(newline="", encoding="utf-8") as f:
        return {row[name] for row in csv.DictReader(f)}


def test_every_acled_dev_label_maps(shared_eval):
    path = shared_eval / "acled_dev.csv"
    with path.open(newline="", encoding="utf-8") as f:
        pairs = {(r["event_type"], r["sub_event_type"]) for r in csv.DictReader(f)}
    unmapped = [p for p in pairs if acled_label(*p).event_type is None or acled_label(*p).sub_event_type is None]
    assert not unmapped


def test_every_gtd_dev_attack_type_is_known(shared_eval):
    types = _column(shared_eval / "gtd_dev.csv", "attacktype1_txt")
    assert types <= set(GTD_ATTACK_TYPES)
    for t in types - {"Unknown"}:
        assert gtd_to_acled(t).event_type, t


def test_every_dev_country_has_an_iso3(shared_eval):
    names = _column(shared_eval / "acled_dev.csv", "country") | _column(shared_eval / "gtd_dev.csv", "country_txt")
    assert [n for n in names if not country_iso3(n)] == []
