"""Word sense from the parse: a cue word used in another beat's sense carries no event.

Conflict words have everyday senses: a film is shot, a website attacked, a channel bombarded with
complaints, an innocence protested, a result demonstrated, a bill killed, a murder charge brought,
and earthquakes and buses kill. A cue keeps its conflict sense unless its own arguments (subject,
object, modifiers, the clause it hangs on) show the other one; `other_sense` names the construction
that took it away (tests/extract/test_sense.py has an example and a counter-example of each).
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Span, Token

from . import vocabulary as vocab

_MEDIA = vocab.lemmas("media_nouns")
_SPORT_TARGETS = vocab.lemmas("sport_targets")
_DIGITAL = vocab.lemmas("digital_nouns")
_MESSAGES = vocab.lemmas("message_nouns")
_ABSTRACT = vocab.lemmas("abstract_objects")
_PROCEEDINGS = vocab.lemmas("proceeding_heads")
_GATHERINGS = vocab.lemmas("gathering_heads")
_NATURAL = vocab.lemmas("natural_causes")
_ACCIDENT_VERBS = vocab.lemmas("accident_verbs")
_COLLECTIVE = vocab.lemmas("collective")
_PERSON_NOUNS = vocab.lemmas("person_nouns")
_ARMED = vocab.pattern("military", "police", "unknown_armed", "militia", "fighters")
_DOING = vocab.pattern("perpetration", "guns")   # someone did it: a bomb, gunmen, arson, shots
_INDUSTRIAL = vocab.lemmas("industrial_sources")

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_OBJ = frozenset({"dobj", "obj", "nsubjpass"})       # what the verb acts on (the subject of a passive)
_MODS = frozenset({"compound", "amod", "nmod", "poss"})
_CAUSE_LEMMAS = frozenset({"kill", "injure", "wound", "hurt", "destroy", "damage", "hit", "strike"})
_SHOOT = frozenset({"shoot", "shooting"})
_FIGURATIVE_VIOLENCE = frozenset({"attack", "assault", "battle", "bombard", "fight", "hit", "kill", "murder", "target"})


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _pobjs(tok: Token, preps: tuple[str, ...] = ()) -> list[Token]:
    """Objects of the prepositions (and the passive's `by` agent) hanging on `tok`."""
    return [g for c in tok.children if c.dep_ in ("prep", "agent") and (not preps or c.lower_ in preps)
            for g in c.children if g.dep_ == "pobj"]


def _subjects(tok: Token) -> list[Token]:
    """The verb's subject, or for a clause without one ("..., killing 12"; "hoped to start shooting")
    the subject of the clause it hangs on."""
    own = [c for c in tok.children if c.dep_ in _SUBJ]
    if own or tok.dep_ not in ("advcl", "xcomp", "conj", "acl", "pcomp") or tok.head == tok:
        return own
    return [c for c in tok.head.children if c.dep_ in _SUBJ]


def _arguments(tok: Token) -> list[Token]:
    """The heads of the cue's own arguments: subject, object, prepositional objects, modifiers, and
    for a modifier the noun it modifies."""
    args = [c for c in tok.children if c.dep_ in _SUBJ | _OBJ | _MODS | {"attr", "dative"}]
    args += _pobjs(tok)
    if tok.dep_ in _MODS and tok.head != tok:
        args.append(tok.head)
    return args


def _armed(tok: Token) -> bool:
    text = " ".join(t.text for t in tok.subtree) if tok.n_lefts + tok.n_rights <= 6 else tok.text
    return bool(_ARMED.search(text)) or tok.ent_type_ in ("GPE", "NORP", "ORG")


def _crowd(tok: Token) -> bool:
    """Many people: a plural or collective noun for people, a number of them, a nationality or an organisation."""
    low = _lemma(tok)
    if low in ("man", "woman", "person", "member"):
        return tok.tag_ in ("NNS", "NNPS")
    return low in _COLLECTIVE or (low in _PERSON_NOUNS and tok.tag_ in ("NNS", "NNPS")) or tok.like_num \
        or tok.ent_type_ in ("NORP", "ORG", "CARDINAL") or low in ("they", "we", "thousand", "hundred", "dozen")


def _someone_did_it(tok: Token) -> bool:
    """The sentence, the cue word aside, names a bomb, a gun, an armed side or arson."""
    sent = tok.sent
    start = tok.idx - sent.start_char
    text = sent.text[:start] + " " + sent.text[start + len(tok.text):]
    return bool(_DOING.search(text))


def _media_sense(tok: Token) -> bool:
    """'shooting the film', 'shooting on the series begins', 'the actor hopes to start shooting', 'shooting the
    ball', 'grouse shooting': what is shot, or who shoots, belongs to film-making, sport or hunting."""
    if _lemma(tok) not in _SHOOT:
        return False
    args = _arguments(tok)
    if any(_lemma(a) in _MEDIA or _lemma(a) in _SPORT_TARGETS for a in args):
        return True
    if any(a.dep_ in _OBJ or _armed(a) for a in args) or any(a.lower_ in ("at", "on") for a in tok.children):
        return False   # someone or something shot at: the conflict sense
    # no victim of its own: the film sense when the sentence is about making one ("the actor said he hoped to start shooting")
    return any(_lemma(t) in _MEDIA for t in tok.sent) and not _someone_did_it(tok)


def _digital_sense(tok: Token) -> bool:
    """'online attacks', 'net attacks', 'hackers attacked the website': computers, not people, are hit."""
    if _lemma(tok) not in _FIGURATIVE_VIOLENCE:
        return False
    args = _arguments(tok)
    args += [p for a in args for p in _pobjs(a, ("of",))]            # "a wave of online attacks"
    args += [m for a in args for m in a.children if m.dep_ in _MODS]
    return any(_lemma(a) in _DIGITAL for a in args)


def _message_sense(tok: Token) -> bool:
    """'bombarded with complaints', 'viewers bombarded the channel', 'the site is bombarded by people':
    bombarding needs guns, aircraft or an armed side; here it is words or fans."""
    if _lemma(tok) not in ("bombard", "barrage", "pepper"):
        return False
    if any(_lemma(a) in _MESSAGES for a in _pobjs(tok, ("with",))):
        return True
    doers = [c for c in tok.children if c.dep_ == "nsubj"] + _pobjs(tok, ("by",))
    return bool(doers) and not any(_armed(d) for d in doers) and all(_lemma(d) not in ("jet", "warplane", "aircraft", "artillery", "gunship", "tank")
                                                                    for d in doers)


def _criticism_sense(tok: Token) -> bool:
    """'attacked the plan', 'killed the bill', 'killed the game off', 'killed it', 'battle it out': the verb acts on
    an idea, a vote, a game or 'it', so it is criticism or competition unless an armed side does it."""
    if tok.pos_ != "VERB" or _lemma(tok) not in _FIGURATIVE_VIOLENCE:
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")] or \
        ([c for c in tok.children if c.dep_ == "nsubjpass"] if tok.tag_ == "VBN" else [])
    if objs and all(_lemma(o) in _ABSTRACT for o in objs):
        return True
    # "battle it out", "killed it": an idiom, unless armed sides do it ("rebels and troops battled it out")
    return _lemma(tok) in ("battle", "fight", "kill") and bool(objs) and all(o.lower_ == "it" for o in objs) \
        and not any(_armed(s) for s in _subjects(tok))


def _statement_sense(tok: Token) -> bool:
    """'the figures demonstrate how ...', 'this demonstrates that ...', 'the singer protested his innocence':
    something shown by a thing, or protested by one person, is no gathering ("members protested that the bill
    ...", "workers demonstrated outside the offices, demanding ..." stay protests)."""
    if tok.pos_ != "VERB" or _lemma(tok) not in ("protest", "demonstrate"):
        return False
    own = [c for c in tok.children if c.dep_ in _SUBJ]
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if _lemma(tok) == "demonstrate":
        # a gathering demonstrates intransitively ("demonstrated in front of ...", "demonstrated against ..."); what is
        # demonstrated, a thing or a clause, was shown: "our people demonstrated their belief in the party", "the ruling
        # clearly demonstrated there was no problem"
        # (a participle is what the crowd did meanwhile: "demonstrated in front of the office claiming their pay")
        # and an object read after a place phrase is the place mis-read ("demonstrated in front of the Minister in
        # Bangui headquarters")
        return any(o.left_edge.i - tok.i <= 2 for o in objs) or any(c.dep_ == "ccomp" and c.tag_ != "VBG" for c in tok.children)
    told = [c for c in tok.children if c.dep_ == "ccomp" and c.left_edge.lower_ in ("that", "how", "what", "why", "whether")] or objs
    if not own or not told:
        return False  # "he protested outside the embassy", "thousands demonstrated", "gathered to protest the law"
    return len(own) == 1 and not any(c.dep_ == "conj" for c in own[0].children) and own[0].tag_ in ("NN", "NNP", "PRP") \
        and own[0].lower_ not in ("they", "we", "who") and not _crowd(own[0])


def _kind_sense(tok: Token) -> bool:
    """'a protest vote', 'protest songs', 'this desperate protest behaviour': the noun "protest" modifying a noun
    that is no gathering names a kind of vote, song or behaviour ("a protest march", "protest action" stay protests);
    'a military procession' is a parade."""
    if _lemma(tok) in ("procession", "parade", "march") and tok.pos_ == "NOUN":
        # "watching a military procession": a parade of the forces, not a gathering of protesters
        return any(c.dep_ in ("amod", "compound") and c.lower_ in ("military", "army", "police", "naval") for c in tok.children)
    if _lemma(tok) != "protest" or tok.pos_ != "NOUN" or tok.dep_ != "compound" or tok.head.i != tok.i + 1:
        return False
    # after a noun it is the verb mis-read ("villagers protest lack of water")
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    return (before is None or before.pos_ in ("DET", "ADJ", "PRON", "ADV", "NUM", "PUNCT", "CCONJ", "ADP")) \
        and tok.head.pos_ == "NOUN" and _lemma(tok.head) not in _GATHERINGS


def _proceeding_sense(tok: Token) -> bool:
    """'murder charges', 'a murder trial', 'murder scene scientists', 'a bomb scare', 'war games': the cue word
    names the kind of case, drill or story, not an event."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("compound", "amod", "nmod") and tok.head != tok and _lemma(tok.head) in _PROCEEDINGS


def _natural_sense(tok: Token) -> bool:
    """'an earthquake hit the region, killing 12', 'floods killed nine', 'a bus plunged into a ravine, killing 14',
    'killed when their vehicle overturned': nobody did it (ACLED codes no accidents or disasters), unless the
    sentence names a bomb, a gun, an armed side or arson."""
    if _lemma(tok) in _BLASTS:
        return _industrial(tok) and not _someone_did_it(tok)
    if _lemma(tok) not in _CAUSE_LEMMAS:
        return False
    clauses = [tok]
    while clauses[-1].dep_ in ("advcl", "xcomp", "conj", "acl", "relcl") and clauses[-1].head is not clauses[-1] and len(clauses) < 5:
        clauses.append(clauses[-1].head)   # "..., killing 12 and destroying homes": up to the clause that tells the cause
    heads = [v.head for v in clauses if v.dep_ == "relcl"]   # "a landslide that killed 11", "flooding that displaced ... and destroyed"
    clauses += [c for v in list(clauses) for k in (v, *(x for x in v.children if x.dep_ == "conj"))
                for c in k.children if c.dep_ == "advcl"]   # "two were killed and five injured when a fire broke out"
    causes = [c for v in clauses for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and v != tok and _lemma(c) not in _FIRES] \
        + [c for c in tok.children if c.dep_ == "nsubj"] + [p for v in clauses for p in _pobjs(v, ("by", "in")) if _lemma(p) not in _FIRES]
    causes += heads
    causes += [c for v in clauses for c in v.children if c.dep_ == "nsubj" and _lemma(c) in _FIRES
               and not any(_armed(m) for m in c.children)]   # "a fire broke out, injuring 14", not "killed by militia fire"
    natural = any(_lemma(c) in _NATURAL | _FIRES or (_lemma(c) in _BLASTS and _industrial(c)) for c in causes) \
        or any(_lemma(v) in _ACCIDENT_VERBS and all(_lemma(s) in _VEHICLES | _STRUCTURES | _NATURAL for s in _subjects(v))
               for v in clauses) \
        or any(_lemma(v) in ("hit", "strike") and any(_lemma(s) in _VEHICLES for s in _subjects(v)) for v in clauses)
    # a bus overturned or a train hit a minibus; not "rioters overturned beds"
    return natural and not _someone_did_it(tok)


_BLASTS = frozenset({"explosion", "explode", "blast", "mine"})
_FIRES = frozenset({"fire", "blaze"})
_VEHICLES = vocab.lemmas("vehicles")
_STRUCTURES = vocab.lemmas("structures")


def natural_scene(sent: Span) -> bool:
    """The sentence tells a disaster or an accident and names no one who did it ("bodies recovered from the
    rubble of the collapsed building"): for cue phrases, which have no argument of their own to read."""
    words = [t for t in sent if t.pos_ in ("NOUN", "VERB", "ADJ")]
    if not any(_lemma(t) in _NATURAL or _lemma(t) in _ACCIDENT_VERBS or _lemma(t) in ("rubble", "wreckage") for t in words):
        return False
    return not _DOING.search(sent.text)


def _industrial(tok: Token) -> bool:
    """'a gas explosion', 'a blast at a coal mine', 'an explosion at a fuel depot', 'a coal mine': what blew up, or
    where, is a plant, a tank or a mine shaft."""
    near = [c for c in tok.children if c.dep_ in _MODS] + _pobjs(tok, ("at", "in", "inside"))
    near += [m for n in near for m in n.children if m.dep_ in _MODS]
    if _lemma(tok) == "mine":
        return any(_lemma(n) in _INDUSTRIAL for n in near) or (tok.dep_ == "pobj" and tok.head.lower_ in ("at", "in", "inside"))
    return any(_lemma(n) in _INDUSTRIAL for n in near)   # not "a fuel tanker exploded": ACLED codes that one


_SENSES = (("media", _media_sense), ("digital", _digital_sense), ("messages", _message_sense),
           ("criticism", _criticism_sense), ("statement", _statement_sense), ("proceeding", _proceeding_sense),
           ("kind", _kind_sense),
           ("natural", _natural_sense))


def other_sense(tok: Token) -> str | None:
    """The name of the construction that gives the cue word `tok` another beat's sense, or None."""
    for name, test in _SENSES:
        if test(tok):
            return name
    return None


# One sense per discourse: a story about hackers or about making a film uses its cue words in that sense
# throughout ("ddos attacks ... these attacks ... an attack is spotted"), not only where a sentence says so.
_TOPICAL = frozenset({"media", "digital"})
_VICTIMS = vocab.pattern("victims", "civilians")


def discourse_senses(sentences: Iterable[Span]) -> frozenset[str]:
    """The cue lemmas the story uses in a topical other sense (computers, film-making) somewhere."""
    found: set[str] = set()
    for sent in sentences:
        for tok in sent:
            if tok.lemma_.lower() in _DISCOURSE_LEMMAS and _lemma(tok) not in found and other_sense(tok) in _TOPICAL:
                found.add(_lemma(tok))
    return frozenset(found)


def conflict_argument(tok: Token) -> bool:
    """The cue word has an armed side or a person hit among its own arguments ("gunmen attacked", "shot a man")."""
    for a in _arguments(tok):
        if _armed(a) or a.ent_type_ == "PERSON" or (a.dep_ in _OBJ and (_crowd(a) or bool(_VICTIMS.fullmatch(a.text)))):
            return True
    return False


_DISCOURSE_LEMMAS = _SHOOT | _FIGURATIVE_VIOLENCE
