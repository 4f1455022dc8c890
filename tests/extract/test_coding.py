"""extract/coding.py: who wins between the trained coder and the rules (no model file needed: a
stand-in prediction says what the coder would)."""
from dataclasses import dataclass

from wirewatch.extract import coding

ALL = frozenset({"type", "interaction"})


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
    c = coding.decide("attack", "Attack", "rule cue 'attacked'", Pred("Battles", 0.95, "Armed clash", 0.9), ALL, 0.9)
    assert (c.family, c.event_type, c.sub_event_type) == ("clash", "Battles", "Armed clash")
    assert c.decided_by["event_type"].startswith("model p=0.95 over rule cue 'attacked'")


def test_an_unsure_coder_leaves_the_rule_standing():
    c = coding.decide("attack", "Attack", "rule armed-target", Pred("Battles", 0.6, "Armed clash", 0.9), ALL, 0.9)
    assert (c.family, c.event_type, c.sub_event_type) == ("attack", "Violence against civilians", "Attack")
    assert c.decided_by["event_type"] == "rule armed-target"


def test_agreements_stay_with_the_rules():
    c = coding.decide("agreement", "Agreement", "rule cue 'ceasefire'", Pred("Battles", 0.99, "Armed clash", 0.99), ALL, 0.9)
    assert c.event_type == "Strategic developments" and c.family == "agreement"


def test_interaction_is_the_coders_actor_types():
    c = coding.decide("attack", "Attack", "rule", Pred("Violence against civilians", 0.99, "Attack", 0.9), ALL, 0.9)
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


def test_only_the_validated_parts_are_used():
    """A coder whose actor types passed make loco but whose types did not: the rule keeps the type,
    the coder gives the interaction, and its is-event reading is not used."""
    pred = Pred("Battles", 0.99, "Armed clash", 0.99, interaction="State forces-Rebel group")
    c = coding.decide("attack", "Attack", "rule cue 'attacked'", pred, frozenset({"interaction"}), 0.5)
    assert (c.family, c.event_type, c.sub_event_type) == ("attack", "Violence against civilians", "Attack")
    assert c.interaction == (1, 2) and c.is_event is None
    assert c.decided_by["event_type"] == "rule cue 'attacked'" and c.decided_by["interaction"].startswith("model")
    c = coding.decide("attack", "Attack", "rule", pred, frozenset({"type"}), 0.5)
    assert c.event_type == "Battles" and c.interaction is None and c.is_event == 0.9
    c = coding.decide("attack", "Attack", "rule", pred, frozenset(), 0.5)
    assert c.event_type == "Violence against civilians" and c.interaction is None


def test_the_rules_reading_as_the_coders_features():
    feats = coding.rule_features("attack", "Attack", "military", None, True)
    assert {"et=Violence against civilians", "sub=Attack", "a=military", "t=-", "killed"} <= set(feats)
    assert "a=military|t=-" in feats
    assert coding.rule_features("protest", "Peaceful protest", None, None, False)[0] == "et=Protests"
    assert coding.NO_RULE == ("rule:none",)


def test_the_coder_is_asked_with_the_rules_reading():
    """events._code goes through coding.code: the coder is asked with the frame and the rules' reading."""
    seen = []
    saved = coding.predict
    coding.predict = lambda frame, rules=(): seen.append((frame, list(rules)))  # type: ignore[assignment]
    try:
        c = coding.code("shell", "Shelling/artillery/missile attack", "rule cue 'shelled'", "FRAME", "military", "rebel", False)
    finally:
        coding.predict = saved
    assert seen == [("FRAME", coding.rule_features("shell", "Shelling/artillery/missile attack", "military", "rebel", False))]
    assert c.event_type == "Explosions/Remote violence" and c.interaction is None
