"""A small engine for rules kept as data: an ordered table of named rules, each with the
construction it handles, examples it must get right and counter-examples it must leave alone.

The first rule whose families include the frame's family and whose test holds decides; a rule may
decide to keep the family (an exception that stops the rules below it). The table's examples and
counter-examples are run by one parametrised test (tests/extract/test_rules.py), with the trained
coder switched off so that the test sees the rule, not the model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from .frames import Frame


@dataclass(frozen=True)
class Case:
    """What a rule does to one frame."""
    family: str            # the family the cues gave
    frame: Frame           # its sides, casualties, sentence
    text: str              # the sentence


@dataclass(frozen=True)
class Example:
    text: str              # a sentence (published 2021-03-06)
    sub_event_type: str    # what extraction must code its first event as


@dataclass(frozen=True)
class Rule:
    name: str
    construction: str                      # the construction it handles, in words
    families: frozenset[str]               # the families it may recode
    when: Callable[[Case], bool]
    then: Callable[[Case], str]
    examples: tuple[Example, ...] = ()     # decided by this rule, coded as given
    counter_examples: tuple[Example, ...] = field(default=())   # near misses: not decided by it


def rule(name: str, construction: str, families: Sequence[str], when: Callable[[Case], bool],
         then: str | Callable[[Case], str], examples: Sequence[tuple[str, str]] = (),
         counter_examples: Sequence[tuple[str, str]] = ()) -> Rule:
    result = then if callable(then) else (lambda c, f=then: f)
    return Rule(name, construction, frozenset(families), when, result,
                tuple(Example(t, s) for t, s in examples), tuple(Example(t, s) for t, s in counter_examples))


def run(rules: Sequence[Rule], family: str, frame: Frame, text: str) -> tuple[str, Rule | None]:
    """(family, the rule that decided it or None when none applied)."""
    case = Case(family, frame, text)
    for r in rules:
        if family in r.families and r.when(case):
            return r.then(case), r
    return family, None
