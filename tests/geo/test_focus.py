"""The province a story's place names agree on (geo/focus.py), on the set-up index."""
from __future__ import annotations

from wirewatch.geo.focus import story_province


def test_names_agreeing_on_one_province(gazetteer) -> None:
    """Marion has namesakes in many states, Salina in two, Topeka in one: together, Kansas."""
    assert story_province(gazetteer, ["Marion", "Salina", "Topeka"], ["USA"]) == ("USA", "Kansas")


def test_one_name_or_names_that_disagree_choose_nothing(gazetteer) -> None:
    """A single name, however plain, is no agreement; nor are names spread over many states."""
    assert story_province(gazetteer, ["Topeka"], ["USA"]) is None
    assert story_province(gazetteer, ["Topeka", "Topeka", "Sacramento"], ["USA"]) is None


def test_county_and_its_town_agree(gazetteer) -> None:
    """"Sumter" and "Sumter County" are one name: it supports its province once, not twice."""
    assert story_province(gazetteer, ["Sumter", "Sumter County"], ["USA"]) is None
