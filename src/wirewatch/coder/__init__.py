"""A trained event coder: ACLED's coding of an event frame learned from ACLED's own rows.

    from wirewatch.coder import load_coder
    coder = load_coder()                      # cached; reads the committed artefact in _data/;
                                              # CoderUnavailable (an ImportError) unless it passed make loco
    [pred] = coder.predict([span])            # spaCy Span/Doc from wirewatch.nlp, or a str
    pred.event_type, pred.event_type_prob     # "Battles", 0.93
    pred.sub_event_type, pred.sub_event_type_prob   # "Armed clash" (always a sub-type of event_type)
    pred.is_event_prob                        # does the frame report an event at all
    pred.interaction, pred.actor1_type, pred.actor2_type   # "State forces-Rebel group", ...

A frame is the sentence (or sentences) an event is read from. Features are masked words and the
parse (features.py); the model is linear, stored as JSON + .npz (model.py). `make train` rebuilds
it from ../shared/train (scripts/train_coder.py, training.py); docs/model.md is the model card.
"""
from .labels import ACTOR_TYPES, interaction_label, parse_interaction
from .model import PARTS, Coder, CoderUnavailable, Prediction, load_coder, validated_parts

__all__ = ["Coder", "CoderUnavailable", "Prediction", "load_coder", "validated_parts", "PARTS", "ACTOR_TYPES", "parse_interaction", "interaction_label"]
