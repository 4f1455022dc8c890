"""The one vocabulary: every class compiles, the regexes built from it match what the classes
say, weapons keep their rank, nationality words come from demonyms.tsv."""
import re

import pytest

from wirewatch.extract import actors, lexicon, vocabulary as vocab
from wirewatch.extract.casualties import find_casualties


def test_every_class_and_lemma_set_loads():
    data = vocab._data()
    for name in data["classes"]:
        assert vocab.pattern(name).pattern.startswith(r"\b(?:")
        assert vocab.words(name)
    for name in data["lemmas"]:
        words = vocab.lemmas(name)
        assert words and all(w == w.lower() for w in words), name


@pytest.mark.parametrize("cls, text, hit", [
    ("military", "Azerbaijani forces shelled the town", True),
    ("police", "riot police fired tear gas", True),
    ("unknown_armed", "unidentified gunmen opened fire", True),
    ("civilians", "the villagers fled", True),
    ("civilians", "the soldiers advanced", False),
    ("named_armed_groups", "IS fighters attacked", True),
    ("named_armed_groups", "it is what it is", False),   # case-sensitive class: 'is' is not 'IS'
])
def test_classes_match_whole_words(cls, text, hit):
    assert bool(vocab.pattern(cls).search(text)) is hit


def test_actor_regexes_are_the_vocabulary_classes():
    assert actors.MILITARY.pattern == vocab.pattern("military").pattern
    assert actors.GROUPISH.flags & re.I == 0


def test_weapons_most_specific_first():
    names = [name for _, name in lexicon.WEAPONS]
    assert names.index("ballistic missile") < names.index("missile") < names.index("firearms")
    assert vocab.weapon_rank("car bomb") < vocab.weapon_rank("explosive device")
    assert vocab.weapon_rank("no such weapon") == 99
    assert lexicon.weapon_in("a suicide bomber blew himself up") == "suicide bomb"
    assert lexicon.weapon_in("they were shelled overnight") == "artillery"


def test_nationality_words_come_from_demonyms():
    words = vocab.nationality_plurals()
    assert {"Palestinians", "Afghans", "Eritreans", "Ukrainians"} <= set(words)
    assert all(w[:1].isupper() for w in words)


@pytest.mark.parametrize("text, killed, injured", [
    # "Eritreans"/"Ethiopians" were never in the hand-picked list; demonyms.tsv has them
    ("At least 5 Eritreans, including a child, were killed.", 5, None),
    ("2 Ethiopians and 3 Eritreans were killed", 5, None),
    ("Three Palestinians and two Eritreans were injured.", None, 5),
])
def test_toll_counts_any_nationality(text, killed, injured):
    c = find_casualties(text)
    assert (c.killed and c.killed.best, c.injured and c.injured.best) == (killed, injured)
