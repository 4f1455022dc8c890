"""Cue words -> the event family a sentence carries (or none): strengthening weak cues by the parse,
skipping pointers to earlier events and plans/threats, and choosing among several cues."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from . import lexicon as lx, vocabulary as vocab
from .casualties import Casualties
from .claims import ClaimCue
from .frames import REMOTE_FAMILIES
from .sense import conflict_argument, natural_scene, other_sense

CEASEFIRE_BREACH = re.compile(r"\b(?:violat\w*|breach\w*|broke|breaking|despite|in\s+violation\s+of|flout\w*)\b[^.]{0,60}?\b(?:cease-?fire|truce)\b|"
                              r"\b(?:cease-?fire|truce)\s+(?:violations?|breach(?:es)?)\b", re.I)

REFERENCE_NOUNS = {"attack", "allegation", "claim", "accusation", "report", "strike", "shelling", "bombing", "assault",
                   "involvement", "responsibility", "charge", "incident", "raid", "killing"}


def find_cues(sent: Span, topical: frozenset[str] = frozenset()) -> list[lx.Cue]:
    """The cues of a sentence; `topical`: cue lemmas the story uses in another sense (sense.discourse_senses),
    which count here only with an armed side or a person hit among their arguments."""
    cues: list[lx.Cue] = []
    base = sent.start_char
    text = sent.text  # Doc.text and Span.text join tokens on every call: take it once
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("DATE", "TIME", "PERSON"):
            continue  # "On 3 March", "Strike Force": names, not cues
        hits = [h for h in (lx.LEMMAS.get(lemma), lx.LEMMAS.get(tok.lower_)) if h is not None]
        if not hits or other_sense(tok) or (lemma in topical and not conflict_argument(tok)):
            continue  # no cue, or the word in another beat's sense ("shooting the film", "killed the bill")
        hit = max(hits, key=lambda h: h[2])
        family, weapon, strength = hit
        if lemma == "strike" and tok.pos_ == "NOUN":
            mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
            if mods & {"air", "drone", "aerial"}:
                family, weapon, strength = "air", "airstrike", 2
            elif mods & {"missile", "rocket", "artillery"}:
                family, weapon, strength = "shell", "missile", 2
            elif mods & {"hunger", "general", "labour", "labor"}:
                family, weapon, strength = "protest", None, 2
        if lemma in ("attack", "assault", "raid") and tok.pos_ == "NOUN":
            # "a dynamite attack", "bombing attacks", "grenade assault": the means names the event (ACLED codes by it)
            means = [lx.LEMMAS.get(c.lemma_.lower()) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
            remote = [m for m in means if m is not None and m[0] in REMOTE_FAMILIES]
            if remote:
                family, weapon, strength = remote[0][0], remote[0][1], 2
        if lemma == "fire" and tok.pos_ == "NOUN" and not any(c.lower_ in ("open", "opened") for c in tok.ancestors):
            continue
        if lemma in ("battle", "fight", "fighting", "combat") and _against_hazard(tok):
            continue  # "firefighters' battle to contain the wildfires", "fight against corruption"
        if lemma in ("shell", "grenade", "canister", "bomb") and re.search(r"tear\s*-?gas|stun|smoke", text[max(0, tok.idx - base - 12):tok.idx - base], re.I):
            continue  # tear gas shells: crowd control, not shelling
        if lemma in ("missile", "rocket", "drone") and any(t.lemma_ in ("intercept", "down") for t in tok.head.subtree):
            family, weapon, strength = "disrupted", None, 2
        family, weapon, strength = _strengthen(tok, family, weapon, strength, text)
        cues.append(lx.Cue(family, weapon, strength, tok.idx - base, tok.idx - base + len(tok), tok.i))
    kicker = lx.KICKER_RE.match(text) if sent.start == 0 else None
    if kicker and kicker.group(1).lower() in lx.KICKERS:
        cues.append(lx.Cue(lx.KICKERS[kicker.group(1).lower()], None, 3, kicker.start(1), kicker.end(1), None))
    disaster = None
    for pat, family, weapon in lx.PHRASES:
        for m in pat.finditer(text):
            if family in ("attack", "property"):
                disaster = natural_scene(sent) if disaster is None else disaster
                if disaster:
                    continue  # "bodies recovered from the rubble of the collapsed building": nobody did it
            cues.append(lx.Cue(family, weapon, 2, m.start(), m.end(), _token_at(sent, m.start())))
    return cues


_COLLECTIVE = vocab.lemmas("collective")

PURPOSE = re.compile(r"\b(?:to\s+demand|demand(?:ing|ed)|in\s+demand\s+of|to\s+march|in\s+(?:support|solidarity)\s+(?:of|with)|against|to\s+protest|"
                     r"protesting|denounc\w+|to\s+reject|rejecting|condemn\w*|to\s+draw\s+attention|calling\s+for|"
                     r"to\s+call\s+for|to\s+mark|commemorat\w+|to\s+express|to\s+press|chant\w*|slogans|placards|banners)\b", re.I)

_SPOKEN = re.compile(r"\b(?:said|says|told|statement|letter|petition|interview|press\s+conference|tweet\w*|wrote|"
                     r"according\s+to|in\s+a\s+(?:video|post|message))\b", re.I)

_PLACE_NOUNS = vocab.lemmas("place_nouns")

_PERSON_NOUNS = vocab.lemmas("person_nouns")


def _strengthen(tok: Token, family: str, weapon: str | None, strength: int, text: str) -> tuple[str, str | None, int]:
    """Weak cue words that the parse shows to carry an event: who fought whom, what was burnt,
    seized or destroyed, which crowd demanded what."""
    if tok.pos_ != "VERB" and tok.lemma_ not in ("motorcade", "procession", "caravan"):
        return family, weapon, strength
    lemma = tok.lemma_.lower()
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if lemma == "fight" and (objs or any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
                             or re.search(r"\b(?:each\s+other|one\s+another)\b", text)):
        return "clash", weapon, 2
    if lemma in ("burn", "destroy") and objs and objs[0].lemma_ not in ("body", "corpse", "remains"):
        return "property", weapon, 2
    if lemma in ("seize", "capture"):
        # "captured a Taliban leader", "a commander was captured": people taken (an abduction, or an
        # arrest when the state took them: refine.py)
        objs = objs or [c for c in tok.children if c.dep_ == "nsubjpass"]
    if lemma == "detain":
        held = objs or [c for c in tok.children if c.dep_ == "nsubjpass"]
        if any(_holds_people(h) for h in held):
            return "arrest", None, 2   # "detained two suspected insurgents", "three men were detained"
    if lemma in ("seize", "capture") and objs:
        obj = objs[0]
        if obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _PLACE_NOUNS:
            return "territory_nsa", weapon, 2
        if _holds_people(obj):
            return "abduct", None, 2   # people seized; refine.py's state-captures makes it an arrest by the state
        return "property", weapon, 2   # land, vehicles, drugs, goods: ACLED's looting/property destruction
    if lemma == "fire" and objs and objs[0].lemma_.lower() in ("shot", "bullet", "round", "rocket", "missile", "mortar", "grenade",
                                                             "rpg", "gas", "canister", "pellet", "shell"):
        if not re.search(r"\b(?:in\s+the\s+air|warning\s+shots|into\s+the\s+air)\b", text, re.I):
            return family, weapon, 2
    if lemma in ("hit", "hurl", "lob", "throw") and objs and (objs[0].lemma_.lower() in _PERSON_NOUNS | _COLLECTIVE
                                                             or objs[0].lemma_.lower() in ("gas", "canister", "grenade")):
        return "attack", weapon, 2   # "police hit several women", "hurled tear gas at farmers"
    if lemma in ("demand", "gather", "assemble", "congregate", "motorcade", "procession", "caravan", "march", "block",
                 "barricade", "commemorate"):
        if not subj and tok.dep_ in ("advcl", "xcomp", "acl", "conj", "relcl", "ROOT"):
            # "labourers came out on the roads, demanding ...": the crowd is the subject of the clause above
            head = tok.head if tok.dep_ != "ROOT" else tok
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] or \
                ([head.head] if tok.dep_ == "acl" else []) or [c for c in tok.sent if c.dep_ in ("nsubj", "ROOT") and c.pos_ == "NOUN"]
        who = {t.lemma_.lower() for s in subj for t in s.subtree}
        if lemma in ("block", "barricade", "commemorate") and who & _COLLECTIVE:
            return "protest", None, 2   # workers blocking a highway, students barricading a road, marking Labour Day
        if lemma == "demand" and (who & _COLLECTIVE) and not _SPOKEN.search(text):
            return "protest", None, 2   # not "relatives demanded an inquiry, their lawyer said": a statement
        if lemma != "demand" and (who & _COLLECTIVE or lemma in ("motorcade", "procession", "caravan")) and PURPOSE.search(text):
            return "protest", None, 2
    return family, weapon, strength


def _token_at(sent: Span, offset: int) -> int | None:
    for tok in sent:
        if tok.idx - sent.start_char >= offset:
            return tok.i
    return None


def is_reference(tok: Token, claims: list[ClaimCue]) -> bool:
    """'denied the attack', 'rejected that allegation': a pointer to an earlier event, not a new one."""
    if tok.lemma_.lower() not in REFERENCE_NOUNS and tok.pos_ != "VERB":
        return False
    for c in claims:
        if c.stance == "denies" and tok in c.object_tokens:
            if tok.pos_ == "NOUN" and any(d.lower_ in ("the", "that", "this", "these", "those", "any", "its") for d in tok.children):
                return True
            if tok.pos_ == "VERB":   # "denied firing at X"
                return True
    return False


_ACCIDENT = re.compile(r"\b(?:accidents?|crash(?:ed|es)?|collision|collided|stampede|earthquake|flood\w*|storm|landslides?|"
                       r"lightning|blaze|overturned|derailed|electrocuted|drowned)\b", re.I)


def choose_family(cues: list[lx.Cue], casualties: Casualties, sent: Span) -> tuple[str, str | None, lx.Cue] | None:
    """The event family a sentence carries, if any. Violence outranks a ceasefire merely mentioned."""
    if not cues:
        return None
    doc = sent.doc
    kicker = [c for c in cues if c.strength >= 3]
    if kicker:
        return kicker[0].family, lx.weapon_in(sent.text), kicker[0]
    has_number = casualties.killed is not None or casualties.injured is not None
    violent = [c for c in cues if c.family != "agreement"]
    strong_violent = [c for c in violent if c.strength >= 2]
    if strong_violent:
        pool = strong_violent
    elif violent and (has_number or len(cues) > len(violent) or len({c.family for c in violent}) > 1
                      or CEASEFIRE_BREACH.search(sent.text)):
        if _ACCIDENT.search(sent.text):
            return None  # "three were injured when the bus crashed": no one did it
        pool = violent
    elif not violent and any(c.strength >= 2 for c in cues):
        pool = cues
    else:
        return None
    killed_or_hurt = any(f is not None and (f.best or 0) > 0 for f in (casualties.killed, casualties.injured))
    if any(c.family in ("clash", "attack") and c.token_i is not None and doc[c.token_i].pos_ == "VERB" for c in pool):
        # "attacked a police station with explosives and rifles": the weapons are the means of the attack
        pool = [c for c in pool if not (c.family in ("ied", "grenade") and c.token_i is not None
                                        and doc[c.token_i].head.lower_ == "with")] or pool
    families = {c.family for c in pool}
    taken = [c for c in pool if c.family == "abduct" and c.token_i is not None and doc[c.token_i].lemma_.lower() in ("capture", "seize")]
    killing = any(c.token_i is not None and doc[c.token_i].lemma_.lower() in _HARM_VERBS for c in pool)
    if taken and (killed_or_hurt or killing or any(c.family == "clash" and c.strength >= 2 for c in pool)) and len(taken) < len(pool):
        # "clashed with IS and captured two fighters", "killed one and captured two", "killing or capturing
        # two militants" (no toll given): part of the fighting
        pool = [c for c in pool if c not in taken]
        families = {c.family for c in pool}
    arrests = [c for c in pool if c.family == "arrest" and c.token_i is not None and doc[c.token_i].pos_ == "VERB"]
    if arrests and not killed_or_hurt and all(c.strength < 2 or c.family in ("arrest", "property") for c in pool):
        # "detained two suspects during an operation", "... as they targeted a commander": with nobody
        # killed or hurt, the detention is the event and the operation or raid only its setting
        return "arrest", lx.weapon_in(sent.text), arrests[0]
    if "protest" in families and not killed_or_hurt:
        # "rallies were staged to condemn the bombing in Addis Ababa": what a protest is against is its topic
        pool = [c for c in pool if not (c.family in REMOTE_FAMILIES and c.token_i is not None and _protested(doc[c.token_i]))] or pool
        families = {c.family for c in pool}
    if "disrupted" in families and not killed_or_hurt:
        pool = [c for c in pool if c.family == "disrupted"]  # bombs found and defused went off nowhere
    elif "protest" in families and not killed_or_hurt and {c.family for c in pool} & {"abduct", "attack", "sexual", "property"}:
        pool = [c for c in pool if c.family == "protest"]  # a protest against a killing is a protest
    families = {c.family for c in pool}  # the filters above may have dropped the shelling or the clash
    if "shell" in families and "clash" in families and not families & {"air", "ied", "suicide", "grenade"} and \
            not any(c.family == "shell" and c.token_i is not None and doc[c.token_i].pos_ == "VERB"
                    and any(k.dep_ == "nsubj" for k in doc[c.token_i].children) for c in pool):
        pool = [c for c in pool if c.family == "clash"]  # shelling exchanged in a battle is part of the battle
    best = min(pool, key=lambda c: (lx.PRIORITY[c.family], -c.strength,
                                    c.token_i is None or doc[c.token_i].pos_ != "VERB"))
    weapon = lx.weapon_in(sent.text) or best.weapon
    return best.family, weapon, best


_HARM_VERBS = frozenset({"kill", "injure", "wound"})
_PROTEST_TOPIC = frozenset({"condemn", "denounce", "protest", "against", "decry", "mourn", "over"})


def _protested(tok: Token) -> bool:
    """The cue is what a protest is against: the object of "condemn", "denounce", "against"."""
    return any(a.lemma_.lower() in _PROTEST_TOPIC for a in list(tok.ancestors)[:2])


_MODALS = vocab.lemmas("modals")

_NOT_HAPPENED = vocab.lemmas("hypothetical_verbs")


def is_hypothetical(trigger: Token) -> bool:
    """The cue sits under a modal or a verb of planning/warning ("would discuss attacks", "vowed to retaliate")."""
    for tok in [trigger, *list(trigger.ancestors)[:3]]:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
            return True
        if tok != trigger and tok.lemma_.lower() in _NOT_HAPPENED and tok.pos_ == "VERB":
            return True
    return False


_ROLE_WORDS = vocab.lemmas("role_words")
_CIVIL_ROLES = vocab.lemmas("civil_roles")
_PERSON_PRONOUNS = frozenset({"he", "she", "who", "they", "him", "whom"})


def _person_like(tok: Token) -> bool:
    low = tok.lemma_.lower()
    return tok.ent_type_ == "PERSON" or tok.lower_ in _PERSON_PRONOUNS or low in _PERSON_NOUNS or low in _CIVIL_ROLES


_HANDLING = vocab.lemmas("handling_verbs")
_MODIFIER = frozenset({"compound", "amod", "nmod", "npadvmod"})
_WEAPON_FAMILIES = frozenset({"ied", "grenade", "shell", "air", "suicide", "chemical"})


def is_characterisation(trigger: Token, family: str | None = None) -> bool:
    """The cue says what a person does or is behind, not what happened: "a Taliban leader responsible for IED
    attacks", "the facilitator supplied insurgents with explosives", "he is linked to the bombing", "two IED
    facilitators"; or it names weapons someone made, kept or moved ("the cache contained grenades")."""
    if trigger.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
        return False  # "the leader attacked a checkpoint": the cue is the clause's own verb
    if family not in _WEAPON_FAMILIES:
        return _role_of_person(trigger)
    noun = trigger
    while noun.dep_ in _MODIFIER and noun.head != noun:
        noun = noun.head
    if noun != trigger and _person_like(noun):
        return True   # "IED facilitators", "improvised explosive device facilitators", "explosives expert": who they are
    if trigger.pos_ in ("NOUN", "PROPN", "ADJ"):
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX") and a.dep_ not in _MODIFIER), None)
        if verb is not None and verb.lemma_.lower() in _HANDLING:
            return True
    return _role_of_person(trigger)


def _role_of_person(trigger: Token) -> bool:
    for anc in list(trigger.ancestors)[:5]:
        if anc.lemma_.lower() not in _ROLE_WORDS and anc.lower_ not in _ROLE_WORDS:
            continue
        clause = anc.head if anc.dep_ in ("acomp", "attr", "xcomp") else anc  # "who was responsible for"
        holders = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if anc.dep_ in ("acl", "relcl", "amod", "appos"):
            holders.append(anc.head)  # "insurgents responsible for ...", "a leader who directed ..."
        if any(_person_like(h) for h in holders):
            return True
    return False


def cue_head(sent: Span, cue: lx.Cue) -> Token | None:
    """The syntactic head of a cue: its token, or for a phrase ("improvised explosive device") the word
    the rest of the phrase hangs on."""
    if cue.token_i is None:
        return None
    doc = sent.doc
    lo, hi = sent.start_char + cue.start, sent.start_char + cue.end
    inside = [t for t in sent if lo <= t.idx < hi]
    if len(inside) <= 1:
        return doc[cue.token_i]
    return next((t for t in inside if not lo <= t.head.idx < hi or t.head == t), doc[cue.token_i])


def _holds_people(tok: Token) -> bool:
    """A noun phrase naming people ("two suspected insurgents", "a Taliban facilitator", "several")."""
    low = tok.lemma_.lower()
    return tok.ent_type_ == "PERSON" or tok.like_num or low in _PERSON_NOUNS or low in _COLLECTIVE or low in _CIVIL_ROLES \
        or low in ("several", "dozens", "scores", "hundreds", "numerous", "others", "many", "victim", "hostage",
                   "passenger", "tourist", "national", "crew")


_HAZARDS = vocab.pattern("hazards")
_ACCIDENT_SOURCE = vocab.pattern("accident_sources")
_PERPETRATION = vocab.pattern("perpetration")
_EXPLOSION_WORDS = re.compile(r"\b(?:explo(?:ded|des|de|sion|sions)|blasts?|caught\s+fire|went\s+up\s+in\s+flames)\b", re.I)
ACCIDENT_LEMMAS = frozenset({"explode", "explosion", "blast"})


def _against_hazard(tok: Token) -> bool:
    """What is battled or fought is a fire, a flood, a disease ("battle to contain several wildfires")."""
    words = [t.text for c in tok.children if c.dep_ in ("dobj", "obj", "acl", "xcomp") or (c.dep_ == "prep" and c.lower_ == "against")
             for t in c.subtree]
    return bool(words) and bool(_HAZARDS.search(" ".join(words)))


def accident_story(text: str) -> bool:
    """Something that explodes by accident (a furnace, a boiler, fireworks, a gas cylinder) exploded, and
    nothing in the story says anyone caused it: an accident, not political violence (ACLED's rules)."""
    return bool(_EXPLOSION_WORDS.search(text)) and bool(_ACCIDENT_SOURCE.search(text)) and not _PERPETRATION.search(text)
