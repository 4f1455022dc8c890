"""The rules kept as data (extract/refine.py's REFINE_RULES): every example is coded as the table
says and decided by its rule; every counter-example is coded as the table says and not by it.
The trained coder is switched off here, so what is tested is the rule, not the model."""
import pytest

from wirewatch.extract import coding
from wirewatch.extract.refine import REFINE_RULES

CASES = [pytest.param(r.name, ex.text, ex.sub_event_type, True, id=f"{r.name}:example{i}")
         for r in REFINE_RULES for i, ex in enumerate(r.examples)] + \
        [pytest.param(r.name, ex.text, ex.sub_event_type, False, id=f"{r.name}:counter{i}")
         for r in REFINE_RULES for i, ex in enumerate(r.counter_examples)]


@pytest.fixture(scope="module")
def rules_only():
    from wirewatch.pipeline import Pipeline
    saved = coding.coder
    coding.coder = lambda: None
    yield Pipeline()
    coding.coder = saved


@pytest.mark.parametrize("name, text, sub_event_type, decides", CASES)
def test_rule_table(rules_only, name, text, sub_event_type, decides):
    events = rules_only.extract_text(text, published="2021-03-06").events
    assert events, text
    first = events[0]
    assert first.sub_event_type == sub_event_type
    assert (f"rule {name} (" in (first.decided_by or "")) is decides, first.decided_by


def test_every_rule_is_named_once_and_explained():
    names = [r.name for r in REFINE_RULES]
    assert len(names) == len(set(names))
    assert all(r.construction and r.families for r in REFINE_RULES)
