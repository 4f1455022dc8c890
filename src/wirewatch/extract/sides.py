"""Who did what to whom: the agent and the target of an event trigger, read from the parse, as ActorRefs."""
from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from . import vocabulary as vocab
from .actors import MILITARY, POLICE, STATE, ActorRef, classify_actor, country_of_phrase, phrase
from .claims import ClaimCue

ARMED = vocab.pattern("armed")

# People ACLED treats as one armed side: gang members, traffickers, guards ("armed men killed an alleged
# drug dealer" is an armed clash, not an attack on a civilian).
ARMED_PERSON = vocab.pattern("armed_persons")


def agent_target(trigger: Token | None, sent: Span, lookup: Any, claims: list[ClaimCue]) -> tuple[ActorRef | None, ActorRef | None]:
    if trigger is None:
        return None, None
    agent_tok: Token | None = None
    target_tok: Token | None = None
    by_agent = False   # named in a passive's "by" phrase: the doer, whoever it is
    tok = trigger
    # "accused X of attacking": X is the doer
    for anc in [tok, *tok.ancestors]:
        if anc.lemma_.lower() in ("accuse", "blame", "charge") and anc.pos_ == "VERB":
            obj = next((c for c in anc.children if c.dep_ == "dobj"), None)
            if obj is not None:
                agent_tok = obj
            break
    if tok.pos_ == "VERB" or tok.lemma_.lower() in ("clash", "fighting", "battle"):
        # "A clashed with B", "clashes between A and B" ("clashes erupted between A and B")
        heads = [tok, tok.head] if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" else [tok]
        for c in [c for h in heads for c in h.children]:
            if c.dep_ == "prep" and c.lower_ in ("with", "against"):
                target_tok = next((g for g in c.children if g.dep_ == "pobj"), target_tok)
            if c.dep_ == "prep" and c.lower_ == "between":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    agent_tok = pobj
                    target_tok = next((g for g in pobj.children if g.dep_ == "conj"), target_tok)
    if tok.pos_ == "VERB":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        # "opened fire on X", "fired at X", "shot at X": the object of the preposition is the target
        aimed = tok.lemma_.lower() in ("fire", "open", "shoot", "attack", "strike", "target", "shell", "bomb", "raid", "ambush")
        for c in [*tok.children, *(g for d in tok.children if d.dep_ == "dobj" for g in d.children)] if aimed else []:
            if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon", "against", "towards"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME") and \
                        pobj.lower_ not in ("border", "outskirts", "road", "highway", "area", "edge", "side", "night", "morning"):
                    target_tok = pobj
                    break
        for c in tok.children:
            if c.dep_ == "nsubj" and agent_tok is None and not passive:
                agent_tok = c
            elif c.dep_ == "dobj" and target_tok is None:
                target_tok = c
            elif c.dep_ == "nsubjpass" and target_tok is None:
                target_tok = c
            elif c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    agent_tok = pobj
                    by_agent = True
    else:
        # noun trigger: "an Armenian missile struck X" / "Israeli airstrike on Y" / "attack by Z"
        if tok.dep_ in ("nsubj",) and tok.head.pos_ == "VERB" and agent_tok is None:
            agent_tok = tok
            target_tok = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("on", "against", "targeting"):
                target_tok = next((g for g in c.children if g.dep_ == "pobj"), target_tok)
            if c.dep_ == "prep" and c.lower_ == "by":
                agent_tok = next((g for g in c.children if g.dep_ == "pobj"), agent_tok)
        if agent_tok is None:
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod", "poss") and c.text[:1].isupper() and \
                        (lookup.demonym(c.text) or lookup.country(c.text)):
                    iso = lookup.demonym(c.text) or lookup.country(c.text).iso3
                    return (ActorRef("military", iso, None, c.text), _victims(sent, target_tok, lookup))
    if agent_tok is None and tok.pos_ == "VERB":
        # "a man was attacked and beaten to death by a group of men": the doer hangs off the joined verb
        for v in tok.conjuncts:
            by = next((c for c in v.children if c.dep_ == "agent"), None)
            pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if pobj is not None:
                agent_tok, by_agent = pobj, True
                break
    # Walk up to the nearest clause with a subject ("forces violated the ceasefire by resuming shelling").
    walk = tok.pos_ == "VERB" or (tok.dep_ in ("xcomp", "dobj", "pcomp") and tok.head.pos_ == "VERB")
    if agent_tok is None and walk:
        for anc in tok.ancestors:
            if anc.lemma_.lower() in ("say", "claim", "tell", "add", "accuse", "deny", "state", "report"):
                break
            subj = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subj is not None and anc.pos_ in ("VERB", "AUX"):
                agent_tok = subj
                break
    if agent_tok is not None and not by_agent and agent_tok.ent_type_ in ("GPE", "LOC", "FAC") and \
            not (lookup.country(agent_tok.text) or lookup.demonym(agent_tok.text)) and lookup.is_place(agent_tok.text):
        # a town as the subject ("ISAF Joint Command\nKABUL, Afghanistan (March 16) – forces killed ...", the
        # release line run into the sentence) does nothing; a country as the subject is its state ("Israel struck")
        agent_tok = None
    agent = _actor(agent_tok, lookup) if agent_tok is not None else None
    if agent_tok is not None and target_tok is None:
        # "military forces of India and Pakistan exchanged fire": two sides in one subject
        for conj in agent_tok.subtree:
            if conj.dep_ == "conj" and conj.head.i != conj.i:
                other = _actor(conj, lookup)
                if other is not None and agent is not None and other.iso3 and other.iso3 != agent.iso3:
                    return agent, ActorRef(agent.kind if other.kind == "civilians" else other.kind, other.iso3, other.name, other.text)
    doer = tok.pos_ == "VERB" and agent_tok is not None and agent_tok.head.i == tok.i and agent_tok.dep_ == "nsubj" and \
        (any(c.dep_ == "dobj" for v in (tok, *tok.conjuncts) for c in v.children)
         or tok.lemma_.lower() in ("clash", "fight", "riot", "battle", "engage")) \
        and agent_tok.lemma_.lower() not in ("civilian", "child", "woman", "victim")
    if agent is not None and agent.kind in ("civilians",) and agent_tok is not None and not by_agent and not doer:
        # "civilians were killed" parsed as a subject: victims, not doers
        agent, target = None, agent
    else:
        if target_tok is None and tok.pos_ == "VERB":
            # "shot and killed a fighter": the object hangs off the joined verb
            for conj in tok.conjuncts:
                target_tok = next((c for c in conj.children if c.dep_ in ("dobj", "nsubjpass")), None)
                if target_tok is not None:
                    break
        target = _actor(target_tok, lookup) if target_tok is not None else None
        if target_tok is not None and target_tok.ent_type_ in ("GPE", "LOC", "FAC") and not lookup.country(target_tok.text) \
                and not lookup.demonym(target_tok.text) and tok.lemma_.lower() in ("attack", "raid", "storm", "overrun"):
            # "attacked Natuco": the people of a town, not its forces
            target = ActorRef("civilians", target.iso3 if target else None, None, target_tok.text)
        if target is None and target_tok is not None and ARMED_PERSON.search(phrase(target_tok).text):
            target = ActorRef("unknown_armed", None, None, phrase(target_tok).text)
    if target is None:
        target = _victims(sent, None, lookup)
    return agent, target


def _victims(sent: Span, target_tok: Token | None, lookup: Any) -> ActorRef | None:
    if target_tok is not None:
        found = _actor(target_tok, lookup)
        if found is not None:
            return found
    # a soldier or police officer shot or attacked: the object of a violent verb, wherever the parse hung it
    for t in sent:
        if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in _VIOLENT_VERBS:
            ref = _actor(t, lookup)
            if ref is not None and ref.kind in ("police", "military") and not OFF_DUTY.search(phrase(t).text):
                return ref
    # victims named anywhere in the sentence: people who are not armed
    for t in sent:
        if t.pos_ in ("NOUN",) and t.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "appos") and _VICTIM.fullmatch(t.lower_):
            return ActorRef("civilians", None, None, t.text)
        if t.lower_ in ("civilian", "residential") and t.dep_ in ("amod", "compound"):  # "civilian casualties"
            return ActorRef("civilians", None, None, t.text)
    return None


_VICTIM = vocab.pattern("victims")

_PLACE_HEADS = vocab.lemmas("place_heads")

_CIVIL_ROLES = vocab.lemmas("civil_roles")

_STATE_SIDE = vocab.pattern("state_side")

_VIOLENT_VERBS = vocab.lemmas("violent_verbs")

OFF_DUTY = re.compile(r"\b(?:off[-\s]duty|former|retired|ex-)(?=[\w\s])", re.I)


def _actor(tok: Token, lookup: Any) -> ActorRef | None:
    span = phrase(tok)
    if tok.lemma_.lower() in _PLACE_HEADS:
        # "attacked the village of X", "attacked X": the people who live there
        return ActorRef("civilians", country_of_phrase(span, lookup), None, span.text)
    head = tok
    if tok.lemma_.lower() in ("group", "dozen", "hundred", "thousand", "number"):  # "two groups of party supporters"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((g for g in of.children if g.dep_ == "pobj"), tok) if of is not None else tok
    if head.lemma_.lower() in _CIVIL_ROLES and not (ARMED.search(span.text) or POLICE.search(span.text) or MILITARY.search(span.text)):
        # "a CNL communal leader", "party supporters": civilians, whatever organisation they belong to
        return ActorRef("civilians", country_of_phrase(span, lookup), None, span.text)
    if OFF_DUTY.search(span.text) and tok.pos_ == "NOUN":
        return ActorRef("civilians", country_of_phrase(span, lookup), None, span.text)
    if tok.pos_ in ("PROPN", "NOUN") and lookup.demonym(tok.text) and not any(
            c.dep_ in ("amod", "compound") and re.search(r"militant|rebel|fighter|soldier", c.text, re.I) for c in tok.children):
        shared = next((c for c in tok.conjuncts if c.pos_ == "NOUN" and (MILITARY.search(c.text) or POLICE.search(c.text))), None)
        if shared is not None:
            # "a combined Afghan and coalition security force" parsed with "Afghan" as the head: the
            # demonym and the noun coordinated with it name one force, not people of that country
            return classify_actor(phrase(shared).text, lookup.demonym(tok.text))
        # "shot a Palestinian", "Afghans were killed": people of that country, not its forces
        return ActorRef("civilians", lookup.demonym(tok.text), None, span.text)
    iso = country_of_phrase(span, lookup)
    ent_name = None
    for ent in span.ents:
        if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("in", "at", "near", "from", "of") and lookup.is_place(ent.text):
            continue  # "villagers in Amethi": where they are from, not their organisation
        if ent.label_ == "ORG" and not lookup.country(ent.text) and not re.search(
                r"\b(?:ministry|government|army|police|forces|office|authorities|council)\b", ent.text, re.I):
            ent_name = ent.text.strip()
            break
    ref = classify_actor(span.text, iso, ent_name)
    if ref is not None and ref.kind == "military" and ent_name is None and tok.pos_ in ("NOUN", "PROPN") and \
            not (MILITARY.search(span.text) or POLICE.search(span.text) or STATE.search(span.text) or _STATE_SIDE.search(span.text)) \
            and not (lookup.country(tok.text) or lookup.demonym(tok.text)):
        # "Palestinian fishermen", "Sudanese Misseriya": people of a country, not its forces
        return ActorRef("civilians", ref.iso3, None, ref.text)
    return ref
