"""The one vocabulary of extraction, loaded once from `data/vocabulary.json` (word classes, lemma
sets, weapons most specific first) and `geo/data/demonyms.tsv` (nationality words). Modules build
their regexes from it here instead of restating word lists; a word added to a class reaches every
rule that uses the class.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = resources.files("wirewatch.extract").joinpath("data/vocabulary.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def words(name: str) -> list[str]:
    """The word forms (regex fragments) of one class of `classes`."""
    return list(_data()["classes"][name]["words"])


def lemmas(name: str) -> frozenset[str]:
    """One lemma set of `lemmas` (lower-case words compared with a token's lemma or text)."""
    return frozenset(_data()["lemmas"][name]["words"])


def alternation(*names: str) -> str:
    """`(?:a|b|...)` over the forms of the classes named, in file order."""
    return "(?:" + "|".join(w for n in names for w in words(n)) + ")"


def pattern(*names: str) -> re.Pattern[str]:
    """A whole-word regex over the classes named; case-insensitive unless the (first) class says otherwise."""
    case = _data()["classes"][names[0]].get("case_sensitive", False)
    return re.compile(rf"\b{alternation(*names)}\b", 0 if case else re.I)


@lru_cache(maxsize=1)
def weapons() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, weapon name), most specific first: the `weapon` field names the first that matches."""
    return tuple((re.compile("|".join(rf"\b{f}\b" for f in w["forms"]), re.I), w["name"]) for w in _data()["weapons"])


def weapon_rank(name: str | None) -> int:
    """Position of a weapon name in the vocabulary (lower is more specific); 99 for names it lacks."""
    names = [w["name"] for w in _data()["weapons"]]
    return names.index(name) if name in names else 99


@lru_cache(maxsize=1)
def nationality_plurals() -> tuple[str, ...]:
    """Nationality words for groups of people ("Palestinians", "Afghans"), from demonyms.tsv."""
    text = resources.files("wirewatch.geo").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        out.update(w for w in line.split("\t", 1)[1].split("|") if w.endswith("s") and w[:1].isupper())
    return tuple(sorted(out, key=lambda w: (-len(w), w)))
