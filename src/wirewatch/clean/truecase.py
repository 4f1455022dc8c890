"""Upper-case wire copy ("TERRORISTS HURLED DYNAMITE STICKS AT THE EMBASSY") restored to ordinary case
before it is parsed.

The tagger reads an all-capitals word as a proper noun, so in such copy no event word is a verb or a
common noun and no place stands out from the words around it. `truecase` gives every word the form it
usually has in writing, without changing the text's length (character offsets stay valid):

1. a month name next to a number takes a capital ("12 MAY"), otherwise it is lower case ("MAY ATTACK"),
   and so are function words (spaCy's English stop words);
2. otherwise the commonest form in ACLED's notes (`data/casing.tsv`, built by scripts/build_casing.py);
3. else a place the gazetteer knows keeps a capital ("Usulutan");
4. else an English word the lemmatizer's tables know is lower case ("dynamite");
5. else a short word (four letters or fewer) stays in capitals, as acronyms do ("MRTA"), and a longer
   one takes a capital ("Cristiani").
A sentence's first word takes a capital, and so does a single letter before a full stop ("U.S.").
Only texts whose letters are almost all capitals are touched (`is_upper_copy`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

__all__ = ["is_upper_copy", "truecase", "Truecaser", "english_words"]

MIN_LETTERS = 40          # shorter texts (a headline) are left as they are
MIN_UPPER_SHARE = 0.85    # share of cased letters that are capitals
ACRONYM_MAX = 4           # an unknown word this short stays in capitals

_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"(?:[.!?]|--|\])[\"')\]]*\s+$|\n\s*\n\s*$|^\s*$")
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_NUMBER_NEAR = re.compile(r"\d")


def is_upper_copy(text: str) -> bool:
    """Almost every letter is a capital, over enough letters to judge."""
    upper = lower = 0
    for ch in text:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return upper + lower >= MIN_LETTERS and upper >= MIN_UPPER_SHARE * (upper + lower)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    text = resources.files("wirewatch").joinpath("data/casing.tsv").read_text(encoding="utf-8")
    return {w.lower(): w for w in text.split("\n") if w and not w.startswith("#")}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def english_words(nlp: Any) -> frozenset[str]:
    """Lower-case English words from the pipeline's lemmatizer tables (base forms and irregular
    forms); empty when the pipeline has none."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
    except (KeyError, AttributeError):
        return frozenset()
    words: set[str] = set()
    for name in ("lemma_index", "lemma_exc"):
        if not lookups.has_table(name):
            continue
        table = lookups.get_table(name)
        for pos in table.keys():
            entry = table[pos]
            words.update(w for w in (entry if isinstance(entry, (list, tuple, set)) else entry.keys()) if w.isalpha())
    return frozenset(words)


_SUFFIXES = ("ies", "es", "s", "ed", "ing", "ly", "er", "ers")


class Truecaser:
    """Give each word of upper-case copy its usual written form (module docstring)."""

    def __init__(self, english: frozenset[str] = frozenset(), is_place: Callable[[str], bool] | None = None):
        self.english = english
        self.is_place = is_place

    def __call__(self, text: str) -> str:
        return self.truecase(text) if is_upper_copy(text) else text

    def _known_english(self, key: str) -> bool:
        if key in self.english:
            return True
        for suffix in _SUFFIXES:
            if key.endswith(suffix) and len(key) - len(suffix) >= 3:
                stem = key[: -len(suffix)]
                if stem in self.english or stem + "e" in self.english or (suffix == "ies" and stem + "y" in self.english):
                    return True
        return False

    def word_form(self, word: str, before: str, after: str) -> str:
        """The usual form of `word` (found in capitals) between the texts `before` and `after`."""
        key = word.lower()
        if key in _MONTHS:   # "12 MAY", "MARCH 1989"; otherwise the verb or modal ("MAY ATTACK")
            near = _NUMBER_NEAR.search(before[-4:]) or _NUMBER_NEAR.search(after[:4])
            return word[0] + key[1:] if near else key
        if key in _DAYS:
            return word[0] + key[1:]
        if key in _stop_words():
            return key
        if len(key) == 1 and after.startswith("."):
            return word       # "U.S.", "J. Smith"
        form = _table().get(key)
        if form is not None:
            return form
        if self.is_place is not None and len(key) > 2 and self.is_place(word[0] + key[1:]):
            return word[0] + key[1:]
        if self._known_english(key):
            return key
        if len(key) <= ACRONYM_MAX:
            return word
        return word[0] + key[1:]

    def truecase(self, text: str) -> str:
        out: list[str] = []
        last = 0
        for m in _WORD.finditer(text):
            word = m.group(0)
            out.append(text[last:m.start()])
            last = m.end()
            if not word.isupper():
                out.append(word)
                continue
            before = text[max(0, m.start() - 12):m.start()]
            form = self.word_form(word, before, text[m.end():m.end() + 6])
            if before.endswith("'") and len(word) <= 2:
                form = word.lower()                     # "FMLN'S", "DON'T"
            elif form[:1].islower() and _starts_sentence(text, m.start()):
                form = form[0].upper() + form[1:]
            out.append(form if len(form) == len(word) else word)
        out.append(text[last:])
        return "".join(out)


_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\b(?:MR|MRS|MS|DR|GEN|COL|LT|MAJ|CAPT|SGT|GOV|SEN|REP|REV|ST|JR|NO|MSGR|BRIG|GEN))\.\s+$", re.I)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start]
    return bool(_SENTENCE_END.search(before)) and not _ABBREVIATION.search(before)


def truecase(text: str, english: frozenset[str] = frozenset(), is_place: Callable[[str], bool] | None = None) -> str:
    """`text` with its words in their usual case when it is upper-case copy; otherwise unchanged."""
    return Truecaser(english, is_place)(text)
