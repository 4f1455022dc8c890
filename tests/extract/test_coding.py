"""extract/coding.py: who wins between the trained coder and the rules (no model file needed: a
stand-in prediction says what the coder would)."""
from dataclasses import dataclass

from wirewatch.extract import coding


@dataclass
class Pred:
    event_type: str
    event_type_prob: float
    sub_event_type: str
    sub_event_type_prob: float
    is_event_prob: float = 0.9
    interaction: str = "State forces-Civilians"
    interaction_prob: float = 0.8


def test_a_sure_coder_decides_the_type_and_says_so():
    c = coding.decide("attack", "Attack", "rule cue 'attacked'", Pred("Battles", 0.95, "Armed clash", 0.9))
    assert (c.family, c.event_type, c.sub_event_type) == ("clash", "Battles", "Armed clash")
    assert c.decided_by["event_type"].startswith("model p=0.95 over rule cue 'attacked'")


def test_an_unsure_coder_leaves_the_rule_standing():
    c = coding.decide("attack", "Attack", "rule armed-target", Pred("Battles", 0.6, "Armed clash", 0.9))
    assert (c.family, c.event_type, c.sub_event_type) == ("attack", "Violence against civilians", "Attack")
    assert c.decided_by["event_type"] == "rule armed-target"


def test_agreements_stay_with_the_rules():
    c = coding.decide("agreement", "Agreement", "rule cue 'ceasefire'", Pred("Battles", 0.99, "Armed clash", 0.99))
    assert c.event_type == "Strategic developments" and c.family == "agreement"


def test_interaction_is_the_coders_actor_types():
    c = coding.decide("attack", "Attack", "rule", Pred("Violence against civilians", 0.99, "Attack", 0.9))
    assert c.interaction == (1, 7) and coding.interaction_code(c.interaction) == 17
    assert coding.interaction_pair("Protesters only") == (6, 0)
    assert coding.interaction_pair("Rebel group-External/Other forces") == (2, 8)
    assert coding.order_sides((1, 7), 7) == (7, 1)
    assert coding.order_sides((6, 0), 6) == (6, None)


def test_no_coder_no_prediction():
    saved = coding.coder
    coding.coder = lambda: None
    try:
        assert coding.predict(object()) is None
    finally:
        coding.coder = saved
