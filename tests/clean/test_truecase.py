"""Upper-case wire copy restored to its usual case before parsing (clean/truecase.py). The sentences
are invented for these tests."""
from __future__ import annotations

import pytest

from wirewatch.clean.truecase import Truecaser, english_words, is_upper_copy, truecase

UPPER = ("LIMA, 14 MAY 90 (EFE) -- [TEXT] TEN TERRORISTS HURLED DYNAMITE STICKS AT THE U.S. EMBASSY IN "
         "THE CAPITAL, THE NATIONAL POLICE REPORTED TODAY. THE ARMY MAY PATROL THE AREA.")


@pytest.mark.parametrize("text, expected", [
    (UPPER, True),
    ("Ten militants attacked a police post in the capital on Monday, the army said.", False),
    ("BOMB IN KABUL", False),                  # a headline: too short to judge
    ("THE POLICE SAID. " * 3 + "but one lower-case sentence here and there " * 2, False),
])
def test_is_upper_copy(text, expected):
    assert is_upper_copy(text) is expected


def test_mixed_case_text_is_left_alone():
    text = "Ten militants attacked a police post in the capital on Monday, the army said, and left."
    assert truecase(text) == text


def test_length_and_offsets_are_kept():
    out = truecase(UPPER)
    assert len(out) == len(UPPER)
    assert out.lower() == UPPER.lower()


def test_words_take_their_usual_form(nlp):
    out = Truecaser(english_words(nlp), is_place=lambda name: name == "Lima")(UPPER)
    assert out.startswith("Lima, 14 May 90")          # a month next to a number; a place from ACLED's notes
    assert "terrorists hurled dynamite" in out       # common words, from the casing table or the lemmatizer's
    assert "the U.S. embassy" in out                 # single letters before a full stop stay capitals
    assert "the national police" in out              # lower case when it is a fair share of the uses
    assert "The army may patrol" in out              # a sentence's first word; "MAY" away from a number is the modal
    assert "(EFE)" in out                            # an unknown short word stays in capitals (an acronym)


def test_fallbacks_place_then_english_then_name():
    tc = Truecaser(english=frozenset({"leaflet"}), is_place=lambda name: name == "Usulutan")
    out = tc("GUERRILLAS DISTRIBUTED LEAFLETS IN USULUTAN AND NEAR ZAPOTITAN ON SUNDAY, THE COMMANDER REPORTED.")
    assert "leaflets in Usulutan" in out             # an English word (plural of a known one); a known place
    assert "Zapotitan" in out                        # unknown and long: a name
    assert "Sunday" in out


def test_english_words_from_the_lemmatizer(nlp):
    words = english_words(nlp)
    assert {"dynamite", "leaflet", "derail"} <= words


def test_pipeline_parses_upper_case_copy(pipeline):
    """Upper-case copy yields the event the same copy in ordinary case yields, and the article keeps
    the text it came with."""
    text = ("SAN SALVADOR, 14 MAY 89 (AFP) -- TERRORISTS PLACED A BOMB UNDER A BUS IN SOYAPANGO TODAY, "
            "KILLING THREE PASSENGERS AND WOUNDING FIVE OTHERS, THE POLICE REPORTED.")
    art = pipeline.extract_text(text, published="1989-05-14")
    assert art.text == text
    events = [e for e in art.events if e.mention != "background"]
    assert events and events[0].event_type == "Explosions/Remote violence"
    assert events[0].fatalities == 3
