"""Sentences -> event frames -> article-level events (Mentions).

One pass over the article's sentences in order. A sentence that carries an event cue becomes a
frame (type, actors, place, date, casualties, claims); a frame joins an earlier event of the
article when nothing contradicts it (same kind of violence, place, day and perpetrator), which is
how a quote two sentences later adds its speaker to the strike it talks about. Denials that point
back ("denied the attack", "that allegation") attach to the event they point at.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Claim, Mention, Place, Span as TextSpan
from . import lexicon as lx
from .actors import MILITARY, POLICE, STATE, ActorRef, classify_actor, country_of_phrase, interaction, phrase
from .casualties import Casualties, Figure, added, divided, find_casualties
from .claims import ClaimCue, SpeakerBook, find_claims
from .dates import DateMention, find_dates
from .mentions import classify_mention
from .notes import write_notes
from .places import PlaceMention, is_town, rank_for_event, resolve_in_sentence

# A date heading the text ("05/15/2017: Assailants ...", "17 October 2020 - ...") dates what follows.
_LEAD_DATE = re.compile(r"^\s*([^:\n]{6,30}?)\s*(?::|\s[-–—])\s")
_TALLY = re.compile(r"^\s*(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:fatalit(?:y|ies)|injur(?:y|ies|ed)|dead|killed)\b", re.I)
_ANAPHORIC = re.compile(r"^\s*(?:This|That|It)\s+(?:was|is|had\s+been|has\s+been|marked|came|comes)\b")
REMOTE_FAMILIES = {"suicide", "air", "ied", "grenade", "shell"}
VIOLENT = REMOTE_FAMILIES | {"clash", "attack", "abduct", "sexual", "mob", "riot", "territory_gov", "territory_nsa"}
CEASEFIRE_BREACH = re.compile(r"\b(?:violat\w*|breach\w*|broke|breaking|despite|in\s+violation\s+of|flout\w*)\b[^.]{0,60}?\b(?:cease-?fire|truce)\b|"
                              r"\b(?:cease-?fire|truce)\s+(?:violations?|breach(?:es)?)\b", re.I)
AGREEMENT_VERBS = {"agree", "sign", "reach", "broker", "declare", "enforce", "announce", "mediate", "establish", "accept",
                   "conclude", "negotiate", "implement", "seal", "strike"}
REFERENCE_NOUNS = {"attack", "allegation", "claim", "accusation", "report", "strike", "shelling", "bombing", "assault",
                   "involvement", "responsibility", "charge", "incident", "raid", "killing"}
_FORCES = r"(?:police|policemen|security\s+(?:forces|personnel)|troops|soldiers|army|gendarmes?|gendarmerie|officers|authorities|riot\s+police)"
_STOP = r"(?:dispers\w+|tear\s*gas|teargas|water\s+cannons?|arrest\w*|detain\w*|baton[-\s]?charg\w*|batons|rubber\s+bullets?|"\
        r"broke\s+up|break\s+up|cracked\s+down|forcibly|intervened|stun\s+grenades?|beat\w*|removed|evicted|prevented)"
INTERVENTION = re.compile(rf"\b{_FORCES}\b[^.;]{{0,80}}?\b{_STOP}\b|\b(?:were|was|been)\s+{_STOP}\b[^.;]{{0,40}}\bby\s+(?:the\s+)?{_FORCES}|"
                          rf"\b(?:dispersed|teargassed)\b", re.I)
EXCESSIVE = re.compile(r"\b(?:live\s+(?:ammunition|fire|rounds)|shot\s+dead|killed|opened\s+fire)\b", re.I)
_CROWD = re.compile(r"\b(?:group(?:s)?\s+of\s+(?:people|residents|villagers|youths?|locals|migrants?|labou?rers|workers|students|men)|"
                    r"two\s+groups|rival\s+groups|residents|villagers|youths|locals|mob|crowds?|community|communities|"
                    r"supporters\s+of|members\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}(?:party|community|clan|family|collectives?|union)|"
                    r"clans?|families|migrants|(?:migrant\s+)?workers|citizens|nationals|persons|supporters|activists|"
                    r"nationalists|students|traders|vendors|drivers|inhabitants)\b", re.I)
_ARMED = re.compile(r"\b(?:soldiers?|troops|army|militants?|rebels?|insurgents?|gunm[ae]n|armed|fighters?|jihadists?|"
                    r"assailants?|attackers?|perpetrators?|terrorists?|bombers?|explosives?|bombs?|grenades?|knives|knife|"
                    r"militia\w*|forces|gangs?|cartel|bandits?|guns?|rifles?|firearms?|shot|shooting|gunfire|hitm[ae]n|"
                    r"shoot-?outs?|encounter)\b", re.I)
# People ACLED treats as one armed side: gang members, traffickers, guards ("armed men killed an alleged
# drug dealer" is an armed clash, not an attack on a civilian).
_ARMED_PERSON = re.compile(r"\b(?:drug\s+(?:dealer|trafficker|trafficking)s?|(?:alleged\s+)?(?:gang|cartel)\s+members?|traffickers?|"
                           r"dealers?|smugglers?|(?:security\s+|body)?guards?|factions?|victim\s+was\s+armed|"
                           r"rivalry\s+between\s+(?:armed\s+groups|gangs|cartels)|"
                           r"members?\s+(?:of|from)\s+(?:the\s+|an?\s+)?(?:\w+\s+){0,3}(?:gang|cartel|group|faction|army|militia|front))\b", re.I)
_ARMED_VICTIMS = re.compile(r"\b(?:fighters?|militants?|rebels?|insurgents?|soldiers?|militiam[ae]n|members?\s+of\s+(?:the\s+)?[A-Z][\w-]*)"
                            r"\s+(?:were|was|had\s+been)\s+(?:found\s+dead|killed|executed|shot(?:\s+dead)?|ambushed)\b")
_VICTIM_ARMED = re.compile(r"\b(?:victims?|deceased|(?:the\s+)?(?:man|men|woman|suspects?))\s+(?:was|were|had\s+been|had|is|are)\b"
                           r"[^.]{0,80}?\b(?:armed|gang|drug\s+traffick\w+|cartel|criminal\s+(?:group|gang)|charges?\s+against|"
                           r"convicted|fugitive|drug\s+dealer|wanted\s+by)\b|\breturned\s+fire\b", re.I)
_RIOT_ACTS = re.compile(r"\b(?:burn(?:ed|t|ing)\s+(?:down\s+)?(?:\w+\s+){0,3}(?:tyres|tires|objects|mattresses|vehicles?|cars?|buses|chairs|"
                        r"furniture|property|shops?|stations?|offices?|houses?|buildings?|posts?)|on\s+fire|"
                        r"(?:beat(?:en)?|beating)\s+up|(?:physical\s+)?confrontation|scuffles?|clash(?:ed|es)|"
                        r"fir(?:ed|ing)\s+(?:\w+\s+){0,3}(?:in|into)\s+the\s+air|forc(?:ed|ing)\s+(?:their\s+way|themselves)\s+into|"
                        r"destroyed|set\s+(?:\w+\s+){0,4}(?:on\s+)?fire|set\s+fire|lit\s+(?:\w+\s+)?(?:tyres|tires|fires?)|"
                        r"torch(?:ed|ing)|vandali[sz](?:ed|ing)|ransack\w*|loot(?:ed|ing)|broke\s+into|stormed(?!\s+out)|"
                        r"barricad(?:ed|ing)(?!\s+themselves)|"
                        r"(?:property|chairs|windows|vehicles?|cars?)\s+(?:was|were)\s+(?:destroyed|damaged|burnt|burned|smashed)|"
                        r"smash(?:ed|ing)|hurl(?:ed|ing)|thr(?:ew|owing)\s+(?:stones|rocks|bottles)|pelt(?:ed|ing)|"
                        r"attacked\s+(?:the\s+)?(?:police|officers|workers|journalists|staff))\b", re.I)
_HELD = re.compile(r"\b(?:\d+|several|many|dozens|some|hundreds)\s+(?:\w+\s+){0,2}(?:were\s+)?(?:arrested|detained)\b|"
                   r"\b(?:they|protesters?|demonstrators?|participants)\s+(?:were|was)\s+(?:\w+\s+)?(?:arrested|detained|dispersed)\b", re.I)
_ARMED_TOLL = re.compile(r"\b(?:militants?|rebels?|insurgents?|fighters?|soldiers?|troops|militiam[ae]n|terrorists?|"
                         r"jihadists?|gunmen|combatants|separatists)\b", re.I)
MILITARY_TARGET = re.compile(r"\b(?:soldiers?|troops|army|military|police|officers?|checkpoints?|patrols?|convoy|base|"
                             r"militants?|rebels?|fighters?|insurgents?|forces|positions|outpost|security|guards?)\b", re.I)


@dataclass
class Frame:
    family: str
    weapon: str | None
    start: int                      # article offsets of the sentence
    end: int
    trigger: Token | None
    agent: ActorRef | None = None
    target: ActorRef | None = None
    places: list[PlaceMention] = field(default_factory=list)
    date: DateMention | None = None
    casualties: Casualties = field(default_factory=Casualties)
    claims: list[Claim] = field(default_factory=list)
    strong_claim: bool = False
    ceasefire_violation: bool = False
    sentence: str = ""
    sentence_index: int = 0
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """An article-level event being assembled from frames."""
    family: str
    weapon: str | None
    agent: ActorRef | None
    target: ActorRef | None
    place: Place | None
    date: DateMention | None
    killed: Figure | None
    injured: Figure | None
    claims: list[Claim]
    strong_claim: bool
    ceasefire_violation: bool
    evidence: list[TextSpan]
    sentences: list[str]
    last_sentence: int
    parties: list[str]
    mediators: list[str]
    unresolved: list[str] = field(default_factory=list)

    def add_toll(self, cas: Casualties) -> None:
        """Figures from a later sentence fill what is still unknown; cumulative totals never do. A count
        the report itself settles on ("Fatalities coded as 4") replaces the figures; a share ("divided
        across three events") divides them."""
        if cas.adds_to(self.killed) and self.killed is not None and cas.killed is not None:
            self.killed = added(self.killed, cas.killed)  # "Additionally, two guards were killed"
            self.injured = self.injured or cas.injured
        elif not cas.cumulative:
            self.killed = cas.killed if (cas.stated and cas.killed) else (self.killed or cas.killed)
            self.injured = self.injured or cas.injured
        if cas.divide and self.killed is not None and not cas.stated:
            self.killed = divided(self.killed, cas.divide)

    def add_claims(self, claims: list[Claim]) -> None:
        self.claims.extend(c for c in claims if not any(_same_claim(c, x) for x in self.claims))


@dataclass
class ArticleContext:
    published: dt.date | None
    countries: list[str]            # ISO3 codes in order of salience
    dateline: str | None
    belligerents: set[str] = field(default_factory=set)


def _cues(sent: Span) -> list[lx.Cue]:
    cues: list[lx.Cue] = []
    base = sent.start_char
    text = sent.text  # Doc.text and Span.text join tokens on every call: take it once
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PROPN" or tok.ent_type_ in ("DATE", "TIME", "PERSON"):
            continue  # "On 3 March", "Strike Force": names, not cues
        hits = [h for h in (lx.LEMMAS.get(lemma), lx.LEMMAS.get(tok.lower_)) if h is not None]
        if not hits:
            continue
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
        if lemma == "fire" and tok.pos_ == "NOUN" and not any(c.lower_ in ("open", "opened") for c in tok.ancestors):
            continue
        if lemma in ("shell", "grenade", "canister", "bomb") and re.search(r"tear\s*-?gas|stun|smoke", text[max(0, tok.idx - base - 12):tok.idx - base], re.I):
            continue  # tear gas shells: crowd control, not shelling
        if lemma in ("missile", "rocket", "drone") and any(t.lemma_ in ("intercept", "down") for t in tok.head.subtree):
            family, weapon, strength = "disrupted", None, 2
        family, weapon, strength = _strengthen(tok, family, weapon, strength, text)
        cues.append(lx.Cue(family, weapon, strength, tok.idx - base, tok.idx - base + len(tok), tok.i))
    kicker = lx.KICKER_RE.match(text) if sent.start == 0 else None
    if kicker and kicker.group(1).lower() in lx.KICKERS:
        cues.append(lx.Cue(lx.KICKERS[kicker.group(1).lower()], None, 3, kicker.start(1), kicker.end(1), None))
    for pat, family, weapon in lx.PHRASES:
        for m in pat.finditer(text):
            cues.append(lx.Cue(family, weapon, 2, m.start(), m.end(), _token_at(sent, m.start())))
    return cues


_COLLECTIVE = {"worker", "workers", "merchant", "trader", "vendor", "seller", "employee", "student", "teacher", "nurse",
               "doctor", "farmer", "resident", "villager", "relative", "family", "driver", "retiree", "pensioner",
               "activist", "supporter", "member", "people", "citizen", "labourer", "laborer", "inhabitant", "youth",
               "protester", "demonstrator", "miner", "staff", "owner", "parent", "woman", "man", "group", "community",
               "union", "association", "prisoner", "inmate", "refugee", "migrant", "fisherman", "fishermen", "taxi",
               "neighbor", "neighbour", "local", "graduate", "personnel", "beneficiary", "trucker"}
_PURPOSE = re.compile(r"\b(?:to\s+demand|demand(?:ing|ed)|in\s+demand\s+of|to\s+march|in\s+(?:support|solidarity)\s+(?:of|with)|against|to\s+protest|"
                      r"protesting|denounc\w+|to\s+reject|rejecting|condemn\w*|to\s+draw\s+attention|calling\s+for|"
                      r"to\s+call\s+for|to\s+mark|commemorat\w+|to\s+express|to\s+press|chant\w*|slogans|placards|banners)\b", re.I)
_SPOKEN = re.compile(r"\b(?:said|says|told|statement|letter|petition|interview|press\s+conference|tweet\w*|wrote|"
                     r"according\s+to|in\s+a\s+(?:video|post|message))\b", re.I)
_PLACE_NOUNS = {"town", "village", "city", "area", "territory", "control", "district", "base", "position", "positions",
                "hill", "locality", "neighbourhood", "neighborhood", "outpost", "camp", "airport", "port", "region", "post"}
_PERSON_NOUNS = {"people", "person", "man", "men", "woman", "women", "rebel", "militant", "fighter", "soldier",
                 "operative", "member", "civilian", "villager", "resident", "child", "youth", "suspect"}


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
    if lemma in ("seize", "capture") and objs:
        obj = objs[0]
        if obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in _PLACE_NOUNS:
            return "territory_nsa", weapon, 2
        if obj.lemma_.lower() not in _PERSON_NOUNS and not obj.like_num:
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
        if lemma != "demand" and (who & _COLLECTIVE or lemma in ("motorcade", "procession", "caravan")) and _PURPOSE.search(text):
            return "protest", None, 2
    return family, weapon, strength


def _token_at(sent: Span, offset: int) -> int | None:
    for tok in sent:
        if tok.idx - sent.start_char >= offset:
            return tok.i
    return None


def _is_reference(tok: Token, claims: list[ClaimCue]) -> bool:
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


def _agent_target(trigger: Token | None, sent: Span, lookup: Any, claims: list[ClaimCue]) -> tuple[ActorRef | None, ActorRef | None]:
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
        if target is None and target_tok is not None and _ARMED_PERSON.search(phrase(target_tok).text):
            target = ActorRef("unknown_armed", None, None, phrase(target_tok).text)
    if target is None:
        target = _victims(sent, None, lookup)
    return agent, target


def _victims(sent: Span, target_tok: Token | None, lookup: Any) -> ActorRef | None:
    if target_tok is not None:
        t = _actor(target_tok, lookup)
        if t is not None:
            return t
    # a soldier or police officer shot or attacked: the object of a violent verb, wherever the parse hung it
    for t in sent:
        if t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in _VIOLENT_VERBS:
            ref = _actor(t, lookup)
            if ref is not None and ref.kind in ("police", "military") and not _OFF_DUTY.search(phrase(t).text):
                return ref
    # victims named anywhere in the sentence: people who are not armed
    for t in sent:
        if t.pos_ in ("NOUN",) and t.dep_ in ("dobj", "nsubjpass", "pobj", "conj", "appos") and _VICTIM.fullmatch(t.lower_):
            return ActorRef("civilians", None, None, t.text)
        if t.lower_ in ("civilian", "residential") and t.dep_ in ("amod", "compound"):  # "civilian casualties"
            return ActorRef("civilians", None, None, t.text)
    return None


_VICTIM = re.compile(r"civilians?|residents?|villagers?|worshippers?|passengers?|children|child|wom[ae]n|m[ae]n|farmers?|"
                     r"students?|settlements?|people|persons?|residential|drivers?|shepherds?|herders?|traders?|merchants?|"
                     r"vendors?|journalists?|teachers?|doctors?|nurses?|workers?|pilgrims|boys?|girls?|famil(?:y|ies)|"
                     r"villages?|houses?|homes?|fishermen|shopkeepers?|motorists?|youths?|teenagers?|elders?|chiefs?|"
                     r"councill?ors?|activists?|priests?|imams?|lawyers?|judges?|businessm[ae]n|victims?|locals?")


_PLACE_HEADS = {"village", "town", "city", "hamlet", "settlement", "neighbourhood", "neighborhood", "community", "locality",
                "market", "camp", "house", "home", "farm"}
_CIVIL_ROLES = {"leader", "supporter", "activist", "official", "candidate", "monitor", "councillor", "councilor", "campaigner",
                "politician", "journalist", "correspondent", "reporter", "worker", "agent", "chairman", "secretary", "mayor",
                "sarpanch", "representative", "volunteer"}
_STATE_SIDE = re.compile(r"\b(?:side|regime|units?|positions?|artillery|navy|air\s+force|warplanes?|jets?|drones?|missiles?|"
                         r"guards?|coast\s+guard|gendarmerie|authorities|officials)\b", re.I)
_VIOLENT_VERBS = {"kill", "shoot", "attack", "wound", "injure", "ambush", "stab", "target", "assault", "behead", "execute",
                  "murder", "assassinate", "hit", "beat", "abduct", "kidnap"}
_CRUDE = re.compile(r"\b(?:sticks|stones|rocks|bricks|bottles|clubs|machetes|knives|axes|bows\s+and\s+arrows|arrows|iron\s+rods|"
                    r"sharp\s+objects|fists|fist\s+fight|bare\s+hands)\b", re.I)
_GUNS = re.compile(r"\b(?:guns?|gunfire|gunshots?|shot|shots|shooting|firearms?|rifles?|pistols?|bullets?|opened\s+fire|fired|"
                   r"explosives?|bombs?|grenades?|IEDs?)\b", re.I)
_ACCIDENT = re.compile(r"\b(?:accidents?|crash(?:ed|es)?|collision|collided|stampede|earthquake|flood\w*|storm|landslides?|"
                       r"lightning|blaze|overturned|derailed|electrocuted|drowned)\b", re.I)
_OFF_DUTY = re.compile(r"\b(?:off[-\s]duty|former|retired|ex-)(?=[\w\s])", re.I)


def _actor(tok: Token, lookup: Any) -> ActorRef | None:
    span = phrase(tok)
    if tok.lemma_.lower() in _PLACE_HEADS:
        # "attacked the village of X", "attacked X": the people who live there
        return ActorRef("civilians", country_of_phrase(span, lookup), None, span.text)
    head = tok
    if tok.lemma_.lower() in ("group", "dozen", "hundred", "thousand", "number"):  # "two groups of party supporters"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((g for g in of.children if g.dep_ == "pobj"), tok) if of is not None else tok
    if head.lemma_.lower() in _CIVIL_ROLES and not (_ARMED.search(span.text) or POLICE.search(span.text) or MILITARY.search(span.text)):
        # "a CNL communal leader", "party supporters": civilians, whatever organisation they belong to
        return ActorRef("civilians", country_of_phrase(span, lookup), None, span.text)
    if _OFF_DUTY.search(span.text) and tok.pos_ == "NOUN":
        return ActorRef("civilians", country_of_phrase(span, lookup), None, span.text)
    if tok.pos_ in ("PROPN", "NOUN") and lookup.demonym(tok.text) and not any(
            c.dep_ in ("amod", "compound") and re.search(r"militant|rebel|fighter|soldier", c.text, re.I) for c in tok.children):
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


def _family(cues: list[lx.Cue], casualties: Casualties, sent: Span) -> tuple[str, str | None, lx.Cue] | None:
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
    if "disrupted" in families and not killed_or_hurt:
        pool = [c for c in pool if c.family == "disrupted"]  # bombs found and defused went off nowhere
    elif "protest" in families and not killed_or_hurt and {c.family for c in pool} & {"abduct", "attack", "sexual", "property"}:
        pool = [c for c in pool if c.family == "protest"]  # a protest against a killing is a protest
    if "shell" in families and "clash" in families and not families & {"air", "ied", "suicide", "grenade"} and \
            not any(c.family == "shell" and c.token_i is not None and doc[c.token_i].pos_ == "VERB"
                    and any(k.dep_ == "nsubj" for k in doc[c.token_i].children) for c in pool):
        pool = [c for c in pool if c.family == "clash"]  # shelling exchanged in a battle is part of the battle
    best = min(pool, key=lambda c: (lx.PRIORITY[c.family], -c.strength,
                                    c.token_i is None or doc[c.token_i].pos_ != "VERB"))
    weapon = lx.weapon_in(sent.text) or best.weapon
    return best.family, weapon, best


def _unarmed(a: ActorRef | None) -> bool:
    return a is not None and a.kind in ("civilians", "protesters", "rioters") and not _ARMED.search(a.text)


_DEMONSTRATION = re.compile(r"\b(?:protest\w*|demonstrat\w*|rally|(?-i:march\w*))\b", re.I)


def _riot_or_mob(sent_text: str, riot: bool = False) -> str:
    """Crowd violence: a violent demonstration when it is a protest (or met the forces), else mob violence."""
    return "riot" if riot or _DEMONSTRATION.search(sent_text) else "mob"


def _refine(family: str, frame: Frame, sent_text: str) -> str:
    if family == "riot" and re.search(r"\b(?:molotov|petrol\s+bombs?|fire\s*bombs?)", sent_text, re.I) and \
            not _CROWD.search(sent_text) and not re.search(r"\b(?:protest\w*|demonstrat\w*|rioters?|mob|police)\b", sent_text, re.I):
        return "property"  # a few men fire-bombing a shop at night: arson, not a riot
    if family == "property" and frame.agent is not None and frame.agent.kind in ("civilians", "protesters", "rioters") \
            and not _ARMED.search(frame.agent.text):
        # villagers vandalising a shop, inmates setting their cells alight: a riot, not a strategic development
        return _riot_or_mob(sent_text, bool(_PURPOSE.search(sent_text)))
    if family in ("clash", "attack") and _CRUDE.search(sent_text) and not _GUNS.search(sent_text) and \
            not _ARMED_TOLL.search(sent_text) and (family == "clash" or (frame.target is not None and frame.target.kind in ("police", "military"))):
        # sticks, stones and machetes against each other or the police: a riot, not a battle
        forces = any(a is not None and a.kind in ("police", "military") for a in (frame.agent, frame.target))
        return _riot_or_mob(sent_text, forces)
    if family in ("attack", "clash") and re.search(r"\boff[-\s]duty\b", sent_text, re.I) and not _ARMED_TOLL.search(sent_text):
        return "attack"  # an off-duty officer attacked at home is a civilian victim
    if family == "attack" and _OFF_DUTY.search(sent_text) and not _ARMED_TOLL.search(sent_text):
        return family  # a retired or former officer is a civilian
    if family == "clash" and (_unarmed(frame.agent) or (_unarmed(frame.target) and (_CROWD.search(frame.target.text)
                                                                                  or re.search(r"\b[a-z]+(?:ers|ans|ists|men)\b", frame.target.text)))) \
            and not _ARMED_TOLL.search(sent_text) and not _ARMED_PERSON.search(sent_text) and "civilian" not in sent_text \
            and not _GUNS.search(sent_text) and not re.search(r"\b(?:armed|clans?|clan-based|inter-clan)\b", sent_text, re.I):
        # "Palestinians clashed with Israeli forces", "two village groups clashed": unarmed people on one side
        forces = any(a is not None and a.kind in ("police", "military") for a in (frame.agent, frame.target))
        return _riot_or_mob(sent_text, forces)
    if family in ("clash", "attack") and frame.agent is not None and frame.agent.kind in ("civilians", "protesters", "rioters") \
            and not _ARMED.search(frame.agent.text) and not _GUNS.search(sent_text):
        # villagers, locals, a family's kin beating someone: ACLED's mob violence, not an armed side
        return _riot_or_mob(sent_text)
    killed = frame.casualties.killed or frame.casualties.injured
    if family == "attack" and killed is not None and _ARMED_TOLL.search(killed.text) and not re.search(r"\bcivilians?\b", killed.text, re.I):
        return "clash"  # "killed 4 IS militants": the dead were fighters
    if family == "attack" and _ARMED_VICTIMS.search(sent_text):
        return "clash"  # fighters found dead, militants executed by a rival group: armed sides
    others = sent_text.replace(frame.agent.text, " ") if frame.agent is not None and frame.agent.text else sent_text
    named_civilians = frame.target is not None and frame.target.kind == "civilians" and frame.target.text \
        and frame.target.text in sent_text and not _ARMED_PERSON.search(frame.target.text)
    if named_civilians:
        others = others.replace(frame.target.text, " ")
    if family == "attack" and _ARMED_PERSON.search(others) and not named_civilians and \
            not re.search(r"\b(?:guards?|civilians?)\b", sent_text, re.I):
        # ACLED codes violence between armed criminals, and against them, as armed clashes
        return "clash"
    if family == "attack":
        if frame.target is not None and frame.target.kind in ("military", "police", "rebel", "unknown_armed", "militia"):
            return "clash"
        if frame.target is not None and _ARMED_PERSON.search(frame.target.text) and frame.agent is not None and \
                frame.agent.kind in ("rebel", "unknown_armed", "militia", "military", "police"):
            return "clash"  # armed men killing a gang member or a guard: a fight between armed sides
        if frame.target is None and frame.agent is not None and frame.agent.kind in ("military", "police") and \
                MILITARY_TARGET.search(sent_text) and re.search(r"\b(?:militants?|rebels?|insurgents?|fighters?|gunmen)\b", sent_text, re.I):
            return "clash"
        if frame.target is None and frame.agent is not None and \
                frame.agent.kind in ("rebel", "unknown_armed", "militia") and \
                re.search(r"\b(?:soldiers?|troops|police(?:m[ae]n)?|police\s+officers|officers|checkpoints?|check\s*posts?|"
                          r"lieutenants?|colonels?|sergeants?|captains?|rangers?|gendarmes?|commanders?|"
                          r"military|army|security\s+forces|convoy|patrol|base|outpost|barracks)\b", sent_text, re.I):
            return "clash"  # an armed group attacking soldiers or police is a battle in ACLED's coding
    if family in ("protest",) and (re.search(r"\b(?:clash\w*|pelt\w*|vandali\w+|riot\w*)\b", sent_text, re.I)
                                   or _RIOT_ACTS.search(sent_text)):
        return "riot"
    if family in ("clash", "attack") and _CROWD.search(sent_text) and not _ARMED.search(sent_text) and \
            (frame.agent is None and family == "clash" or frame.agent is not None and frame.agent.kind in ("civilians", "protesters", "rioters")):
        # groups of people fighting each other or the police with sticks and stones: ACLED's riots
        return _riot_or_mob(sent_text)
    return family


def extract_events(article_id: str, text: str, segments: Sequence[tuple[Doc, int]], gazetteer: Any,
                   published: dt.date | None, dateline: str | None = None) -> list[Mention]:
    """All events of one article, in text order. `segments` are parsed pieces of `text` with their offsets."""
    ctx = _context(segments, gazetteer, published, dateline)
    book = SpeakerBook()
    drafts: list[Draft] = []
    sentences = [(sent, base) for doc, base in segments for sent in doc.sents]
    lead_date = _lead_date(text, sentences, published)
    for si, (sent, base) in enumerate(sentences):
        absorbed = _follow_on(drafts, si, sent.text)
        claims = find_claims(sent, gazetteer, book)
        cues = [c for c in _cues(sent) if c.token_i is None or not _is_reference(sent.doc[c.token_i], claims)]
        cas = find_casualties(sent.text, sent, text[max(0, base + sent.start_char - 1500):base + sent.start_char])
        fam = _family(cues, cas, sent)
        start, end = base + sent.start_char, base + sent.end_char
        claim_objs = _claim_records(claims, sent, start, end)
        _attach_denials(drafts, claims, claim_objs, sent, gazetteer, ctx)
        if fam is None:
            # a follow-on sentence ("The victim died. 1 fatality.") completes the event just described
            if drafts and (cas.stated or cas.divide):  # "Fatalities coded as 4." settles the toll of the event told
                d = next((x for x in reversed(drafts) if x.family in VIOLENT), drafts[-1])
                d.add_toll(cas)
                d.evidence.append(TextSpan(start, end))
            elif drafts and si - drafts[-1].last_sentence <= 2 and not cas.cumulative and drafts[-1].family in VIOLENT:
                d = drafts[-1]
                tally = _TALLY.match(sent.text)  # "2 fatalities." closing a report states the total
                if not tally and cas.adds_to(d.killed):
                    d.add_toll(cas)
                else:
                    d.killed = cas.killed if (tally and cas.killed) else (d.killed or cas.killed)
                    d.injured = cas.injured if (tally and cas.injured) else (d.injured or cas.injured)
                if cas.killed or cas.injured:
                    d.evidence.append(TextSpan(start, end))
                    d.last_sentence = si
            continue
        family, weapon, cue = fam
        if drafts and drafts[-1].family in VIOLENT and family in ("arrest", "property", "disrupted") and \
                si - drafts[-1].last_sentence <= 2 and not find_dates(sent.text, published) and cue.token_i is not None \
                and re.match(r"^\s*(?:The\s+)?(?:police|officers|troops|soldiers|security\s+forces|forces|army|they|[A-Z][\w-]*\s+police)\b", sent.text, re.I):
            # "The police seized a pistol and arrested two.": the end of the operation just told
            absorbed = True
        if absorbed and family in ("arrest", "protest", "riot", "property", "disrupted"):
            # "Police dispersed them and arrested 26.": the intervention in the protest just told
            drafts[-1].add_toll(cas)
            drafts[-1].last_sentence = si
            continue
        if drafts and _ANAPHORIC.match(sent.text) and si - drafts[-1].last_sentence <= 1:
            # "This was one of two coordinated attacks ...": more about the event just told
            d = drafts[-1]
            d.add_toll(cas)
            d.last_sentence = si
            continue
        trigger = sent.doc[cue.token_i] if cue.token_i is not None else None
        if trigger is not None and _hypothetical(trigger):
            continue  # "would discuss attacks", "could strike": plans, threats and debates, not events
        frame = Frame(family, weapon, start, end, trigger, sentence=sent.text, sentence_index=si)
        frame.agent, frame.target = _agent_target(trigger, sent, gazetteer, claims)
        frame.casualties = cas
        frame.family = _refine(family, frame, sent.text)
        denied = {t.i for c in claims if c.stance == "denies" for t in c.object_tokens}
        unresolved: list[str] = []
        frame.places = rank_for_event(resolve_in_sentence(sent, gazetteer, ctx.countries, ctx.dateline, denied, unresolved), trigger,
                                      ctx.countries)
        if not frame.places and not unresolved:
            # "On 3 May, in X, police raided ... . A shoot-out broke out.": the scene was set just before
            for prev, _ in reversed(sentences[max(0, si - 2):si]):
                scene = resolve_in_sentence(prev, gazetteer, ctx.countries, ctx.dateline, None, unresolved)
                if scene or unresolved:
                    frame.places = rank_for_event(scene, None, ctx.countries)
                    break
        if not frame.places and not unresolved:
            unresolved = _loose_place_names(sent)
        frame.unresolved = unresolved
        dates = find_dates(sent.text, published)
        frame.date = _closest_date(dates, trigger, sent) or (lead_date if not drafts else None)
        if frame.date is not None and frame.date.kind == "same_day":
            frame.date = next((d.date for d in reversed(drafts) if d.date is not None), None) or lead_date
        frame.casualties = cas
        frame.ceasefire_violation = bool(CEASEFIRE_BREACH.search(sent.text))
        frame.claims = [c for c in claim_objs if c.stance == "asserts"]
        frame.strong_claim = any(c.strong for c in claims if c.stance == "asserts")
        if frame.family == "agreement":
            if not _is_agreement(sent):
                continue
            frame.parties, frame.mediators = _agreement_parties(sent, gazetteer, ctx)
        for f in _split_by_place(frame):
            _merge_or_add(drafts, f, ctx)
    return _finish(article_id, drafts, ctx, gazetteer)


_MODALS = {"will", "would", "could", "may", "might", "should", "shall", "must", "can"}
_NOT_HAPPENED = {"discuss", "plan", "threaten", "warn", "vow", "prepare", "consider", "prevent", "avert", "thwart", "foil",
                 "fear", "urge", "call"}


_SETTLEMENT = {"village", "town", "city", "neighbourhood", "neighborhood", "camp", "district", "area", "outskirts", "suburb",
               "countryside", "east", "west", "north", "south", "vicinity", "municipality", "commune", "locality"}


def _loose_place_names(sent: Span) -> list[str]:
    """Proper names the gazetteer does not know but the grammar shows to be places: "in Kafr Qaddum",
    "Pakherpora town", "the outskirts of Zaghniya village". The event keeps them as its location."""
    out: list[str] = []
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound" or tok.ent_type_ in ("DATE", "TIME", "NORP", "CARDINAL", "MONEY"):
            continue
        head = tok.head
        where = (tok.dep_ == "pobj" and head.lower_ in ("in", "at", "near", "outside", "around")) or \
                (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _SETTLEMENT) or \
                (tok.dep_ == "compound" and head.lemma_.lower() in _SETTLEMENT)
        if not where:
            continue
        left = tok
        while left.i > sent.start and sent.doc[left.i - 1].pos_ == "PROPN" and sent.doc[left.i - 1].dep_ in ("compound", "amod"):
            left = sent.doc[left.i - 1]
        name = sent.doc[left.i:tok.i + 1].text
        if tok.ent_type_ in ("PERSON", "ORG") and head.lower_ not in ("in", "near", "outside") and head.head.lemma_.lower() not in _SETTLEMENT:
            continue
        out.append(name)
    for tok in sent:  # "Pakherpora town", "Tavakolabad village"
        if tok.lemma_.lower() in ("village", "town", "city", "camp") and tok.i > sent.start:
            prev = sent.doc[tok.i - 1]
            if prev.pos_ == "PROPN" and prev.dep_ == "compound" and prev.ent_type_ not in ("DATE", "NORP"):
                out.append(prev.text)
    return out


def _follow_on(drafts: list[Draft], si: int, text: str) -> bool:
    """Sentences right after an event that change how it is coded: the victim was armed, the
    protesters burnt tyres, the police dispersed them. True when the sentence is about that event."""
    if not drafts or si - drafts[-1].last_sentence > 2:
        return False
    d = drafts[-1]
    if d.family == "attack" and _VICTIM_ARMED.search(text):
        d.family = "clash"  # "The victim was a gang member": ACLED counts both sides as armed
        return False
    if d.family not in ("protest", "riot"):
        return False
    hit = False
    if d.family == "protest" and _RIOT_ACTS.search(text):
        d.family = "riot"
        hit = True
    if INTERVENTION.search(text) or _HELD.search(text):
        d.sentences.append(text)
        hit = True
    return hit


def _hypothetical(trigger: Token) -> bool:
    """The cue sits under a modal or a verb of planning/warning ("would discuss attacks", "vowed to retaliate")."""
    for tok in [trigger, *list(trigger.ancestors)[:3]]:
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
            return True
        if tok is not trigger and tok.lemma_.lower() in _NOT_HAPPENED and tok.pos_ == "VERB":
            return True
    return False


def _claim_records(cues: list[ClaimCue], sent: Span, start: int, end: int) -> list[Claim]:
    out = []
    for c in cues:
        out.append(Claim(stance=c.stance, claimant=c.speaker.claimant, claimant_country=c.speaker.iso3,
                         speaker=c.speaker.name, speaker_role=c.speaker.role, quote=c.quote or sent.text.strip(),
                         start=start, end=end))
        setattr(out[-1], "_strong", c.strong)
    return out


def _attach_denials(drafts: list[Draft], cues: list[ClaimCue], claims: list[Claim], sent: Span, gazetteer: Any,
                    ctx: ArticleContext) -> None:
    for cue, claim in zip(cues, claims):
        if cue.stance != "denies" or not drafts:
            continue
        target = _denied_draft(drafts, cue, claim, sent, gazetteer, ctx)
        if target is not None and not any(_same_claim(claim, c) for c in target.claims):
            target.claims.append(claim)
            target.evidence.append(TextSpan(claim.start or 0, claim.end or 0))


def _denied_draft(drafts: list[Draft], cue: ClaimCue, claim: Claim, sent: Span, gazetteer: Any, ctx: ArticleContext) -> Draft | None:
    obj_text = " ".join(t.text for t in cue.object_tokens)
    # A named place in the denial picks the event there ("denied firing at X").
    for ent in sent.ents:
        if ent.start_char >= cue.verb.idx and ent.text in obj_text:
            p = gazetteer.resolve(ent.text, context=ctx.countries)
            if p is not None and p.latitude is not None:
                for d in reversed(drafts):
                    if d.place is not None and _near(d.place, p):
                        return d
    # Otherwise the latest event asserted by somebody other than the denier.
    for d in reversed(drafts):
        if d.family in VIOLENT and any(c.stance == "asserts" and c.claimant_country != claim.claimant_country for c in d.claims):
            return d
    for d in reversed(drafts):
        if d.family in VIOLENT:
            return d
    return None


def _same_claim(a: Claim, b: Claim) -> bool:
    return a.stance == b.stance and a.start == b.start and a.claimant_country == b.claimant_country


def _lead_date(text: str, sentences: list[tuple[Span, int]], published: dt.date | None) -> DateMention | None:
    """The date that frames the story: a heading date ("05/15/2017: ...") or the first day-precise
    date of the first sentence. Undated events before any dated one take it."""
    lead = _LEAD_DATE.match(text)
    if lead:
        got = find_dates(lead.group(1), published)
        if got:
            return got[0]
    if sentences:
        sent, _ = sentences[0]
        got = [d for d in find_dates(sent.text, published) if d.precision <= 2 and d.kind != "same_day"]
        if got:
            return got[0]
    return None


def _closest_date(dates: list[DateMention], trigger: Token | None, sent: Span) -> DateMention | None:
    if not dates:
        return None
    if dates[0].start <= 25 and dates[0].precision <= 2:
        return dates[0]  # "On 3 May 2020, ..." / "Around 5 May (from 4-6 May) ...": the opening date frames the sentence
    if trigger is None or len(dates) == 1:
        return dates[0]
    pos = trigger.idx - sent.start_char
    return min(dates, key=lambda d: abs(d.start - pos))


def _split_by_place(frame: Frame) -> list[Frame]:
    """One event per town when a sentence names several as targets of one act ("shelled A and the town of B")."""
    towns = [p for p in frame.places if is_town(p.place)]
    if len(towns) < 2 or frame.trigger is None:
        return [frame]
    first = towns[0]
    linked = [first]
    for p in towns[1:]:
        if p.token in list(first.token.conjuncts) or any(p.token in list(t.subtree) for t in first.token.conjuncts) \
                or first.token in list(p.token.conjuncts) or _coordinated(first.token, p.token):
            linked.append(p)
    if len(linked) < 2:
        return [frame]
    out = []
    for p in linked:
        f = Frame(**{**frame.__dict__})
        f.places = [p] + [q for q in frame.places if q is not p and not is_town(q.place)]
        out.append(f)
    return out


def _coordinated(a: Token, b: Token) -> bool:
    """'Stepanakert and the town of Shusha': b hangs off a conjunct of a."""
    for c in a.conjuncts:
        if b in list(c.subtree):
            return True
    return False


def _near(a: Place, b: Place, km: float = 25.0) -> bool:
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.latitude is None or b.latitude is None:
        return False
    from math import asin, cos, radians, sin, sqrt
    la1, lo1, la2, lo2 = map(radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h)) <= km


# Families that one story may use for one event ("a protest ... they threw stones", "attacked ... exchanged fire").
MERGEABLE = [REMOTE_FAMILIES | {"attack"}, {"protest", "riot", "mob"}, {"attack", "clash"}]


def _covers(unit: Place, p: Place) -> bool:
    """A country or province named for an event told elsewhere in the story with its town."""
    if unit.feature == "country":
        return unit.iso3 == p.iso3
    if unit.feature == "admin1":
        return unit.iso3 == p.iso3 and (unit.admin1 or unit.name) == p.admin1
    return False


def _compatible(d: Draft, f: Frame) -> bool:
    if (d.family == "agreement") != (f.family == "agreement"):
        return False
    if d.family != f.family and not any({d.family, f.family} <= g for g in MERGEABLE):
        return False
    fp = f.places[0].place if f.places else None
    if fp is not None and d.place is not None and not _near(fp, d.place) and not _covers(fp, d.place) \
            and not _covers(d.place, fp):
        return False
    if fp is not None and d.place is not None and d.last_sentence == f.sentence_index and fp.geonameid != d.place.geonameid:
        return False  # one sentence naming two towns hit: two events
    if f.date is not None and d.date is not None and f.date.date != d.date.date:
        return False
    if f.agent is not None and d.agent is not None and f.agent.iso3 and d.agent.iso3 and f.agent.iso3 != d.agent.iso3:
        return False
    if fp is None and f.agent is None and f.date is None and f.sentence_index - d.last_sentence > 2:
        return False
    deniers = {c.claimant_country or c.claimant for c in d.claims if c.stance == "denies"}
    if any((c.claimant_country or c.claimant) in deniers for c in f.claims if c.stance == "asserts"):
        return False  # the denier's counter-accusation is an event of its own
    return True


def _merge_or_add(drafts: list[Draft], f: Frame, ctx: ArticleContext) -> None:
    if f.trigger is not None and not f.places and f.date is None and f.trigger.pos_ == "NOUN" \
            and any(c.lower_ == "the" for c in f.trigger.children):
        # "... wounded people after the shelling": a definite reference to the latest event of that kind
        ref = next((d for d in reversed(drafts) if d.family == f.family), None)
        if ref is not None:
            ref.add_toll(f.casualties)
            ref.evidence.append(TextSpan(f.start, f.end))
            ref.add_claims(f.claims)
            return
    fp = f.places[0].place if f.places else None
    for d in reversed(drafts):
        if _compatible(d, f):
            if lx.PRIORITY[f.family] < lx.PRIORITY[d.family] or d.family == "attack":
                d.family = f.family
            d.weapon = _more_specific(d.weapon, f.weapon)
            d.agent = d.agent or f.agent
            if f.target is not None and (d.target is None or d.target.iso3 is None):
                d.target = f.target if d.target is None else ActorRef(d.target.kind, f.target.iso3 or d.target.iso3, d.target.name, d.target.text)
            if d.place is None or (fp is not None and _covers(d.place, fp)):
                d.place = fp  # the town, once the story names it, is more precise than its country
            if d.date is None and f.date is not None:
                d.date = f.date
            d.add_toll(f.casualties)
            d.add_claims(f.claims)
            d.strong_claim = d.strong_claim or f.strong_claim
            d.ceasefire_violation = d.ceasefire_violation or f.ceasefire_violation
            d.evidence.append(TextSpan(f.start, f.end))
            d.sentences.append(f.sentence)
            d.last_sentence = f.sentence_index
            d.parties = d.parties or f.parties
            d.mediators = d.mediators or f.mediators
            d.unresolved = d.unresolved or f.unresolved
            return
    last = drafts[-1] if drafts else None
    if last is not None and not f.places and f.date is None and f.sentence_index - last.last_sentence <= 1 \
            and f.family in VIOLENT and last.family in VIOLENT and not f.casualties.cumulative \
            and (f.agent is None or last.agent is None or f.agent.iso3 == last.agent.iso3):
        # "Assailants attacked a patrol in X. Two soldiers were killed and four abducted." : the toll of
        # the event just told, not a new event
        last.add_toll(f.casualties)
        last.evidence.append(TextSpan(f.start, f.end))
        last.sentences.append(f.sentence)
        last.last_sentence = f.sentence_index
        last.add_claims(f.claims)
        return
    cas = f.casualties
    date = f.date
    if date is None and drafts and drafts[-1].date is not None and drafts[-1].date.precision <= 2 \
            and f.sentence_index - drafts[-1].last_sentence <= 2:
        date = drafts[-1].date  # the narrative goes on: an undated event follows the last dated one
    drafts.append(Draft(f.family, f.weapon, f.agent, f.target, fp, date,
                        None if cas.cumulative else cas.killed, None if cas.cumulative else cas.injured,
                        list(f.claims), f.strong_claim, f.ceasefire_violation,
                        [TextSpan(f.start, f.end)], [f.sentence], f.sentence_index, f.parties, f.mediators,
                        list(f.unresolved)))


_WEAPON_RANK = ["ballistic missile", "cruise missile", "cluster munitions", "suicide bomb", "car bomb", "IED", "landmine",
                "drone", "airstrike", "helicopter", "missile", "rocket", "mortar", "artillery", "grenade", "explosive device",
                "machete", "knife", "tear gas", "rubber bullets", "firearms"]


def _more_specific(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    ra = _WEAPON_RANK.index(a) if a in _WEAPON_RANK else 99
    rb = _WEAPON_RANK.index(b) if b in _WEAPON_RANK else 99
    return a if ra <= rb else b


def _is_agreement(sent: Span) -> bool:
    for tok in sent:
        if tok.lemma_.lower() in AGREEMENT_VERBS and tok.pos_ in ("VERB", "AUX"):
            return True
        if tok.lower_ in ("talks", "negotiations") and tok.i + 1 < len(tok.doc):
            continue
    return bool(re.search(r"\b(?:took|take|takes|came|come|comes)\s+(?:into\s+)?(?:effect|force)\b", sent.text, re.I))


def _agreement_parties(sent: Span, gazetteer: Any, ctx: ArticleContext) -> tuple[list[str], list[str]]:
    named: list[str] = []
    mediators: list[str] = []
    text, base = sent.text, sent.start_char
    for ent in sent.ents:
        c = gazetteer.country(ent.text) if ent.label_ in ("GPE", "NORP", "ORG", "PERSON", "LOC") else None
        iso = c.iso3 if c is not None else (gazetteer.demonym(ent.text) if ent.label_ == "NORP" else None)
        if iso and iso not in named:
            named.append(iso)
            window = text[max(0, ent.start_char - base - 40):ent.end_char - base + 30].lower()
            if re.search(r"\b(?:brokered|mediated|mediation|hosted|facilitated)\b", window) and \
                    not re.search(r"\bbetween\b", text[max(0, ent.start_char - base - 15):ent.start_char - base].lower()):
                mediators.append(iso)
    belligerent = [c for c in named if c in ctx.belligerents and c not in mediators]
    if len(belligerent) >= 2:
        parties = belligerent
        mediators = sorted(set(mediators) | {c for c in named if c not in parties})
    else:
        parties = [c for c in named if c not in mediators]
    if not parties and len(ctx.belligerents) >= 2:
        # "the ceasefire agreed last week": the parties are the story's two sides
        parties = [c for c in ctx.belligerents if c not in mediators]
    return sorted(parties), sorted(mediators)


def _context(segments: Sequence[tuple[Doc, int]], gazetteer: Any, published: dt.date | None, dateline: str | None) -> ArticleContext:
    counts: dict[str, int] = {}
    bell: dict[str, int] = {}
    for doc, _ in segments:
        doc_text = doc.text
        for ent in doc.ents:
            iso = None
            if re.match(r"-(?:led|backed|allied|aligned|supported|sponsored|brokered)\b", doc_text[ent.end_char:ent.end_char + 12]):
                continue  # "the Saudi-led coalition": a belligerent's sponsor, not where things happen
            if re.search(r"\b(?:from|fled|returned\s+to|travell?ed\s+to)\s+(?:the\s+)?$", doc_text[max(0, ent.start_char - 20):ent.start_char]):
                continue  # "migrants from Afghanistan": where people come from, not where the story is
            if ent.label_ == "NORP":
                iso = gazetteer.demonym(ent.text)
            elif ent.label_ in ("GPE", "LOC", "ORG", "PERSON"):
                c = gazetteer.country(ent.text)
                iso = c.iso3 if c is not None else None
                if iso is None and ent.label_ in ("GPE", "LOC"):
                    # a big town or a region names its country ("Jalisco", "Herat", "Nord-Kivu")
                    p = gazetteer.resolve(ent.text)
                    iso = p.iso3 if p is not None and p.latitude is not None and (
                        (p.population or 0) > 100000 or p.feature in ("admin1", "region")) else None
            if iso:
                counts[iso] = counts.get(iso, 0) + 1
        for sent in doc.sents:
            if not any(tok.lemma_.lower() in lx.LEMMAS and lx.LEMMAS[tok.lemma_.lower()][0] in VIOLENT for tok in sent):
                continue
            # the countries named in sentences of violence are the story's belligerents
            for t in sent:
                iso = gazetteer.demonym(t.text) if t.text[:1].isupper() else None
                if iso is None and t.ent_type_ == "GPE":
                    c = gazetteer.country(t.text)
                    iso = c.iso3 if c is not None else None
                if iso:
                    bell[iso] = bell.get(iso, 0) + 1
    if dateline:
        p = gazetteer.resolve(dateline)
        if p is not None and p.iso3:
            counts[p.iso3] = counts.get(p.iso3, 0) + 2
    ordered = sorted(counts, key=lambda k: -counts[k])
    # the story's place names vote for the country they agree on ("Bafoussam (Mifi, Ouest)")
    names = [ent.text for doc, _ in segments for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC")]
    ordered = list(gazetteer.infer_context(names, ordered))
    top = sorted(bell, key=lambda k: -bell[k])[:2]
    return ArticleContext(published, ordered, dateline, set(top))


def _inherit_means(drafts: list[Draft]) -> None:
    """A bare "attacking X" by a party whose other attacks in the story are remote (missiles,
    shelling, air strikes) on the same place or victims is coded like them: the story has told
    us how that party attacks."""
    for d in drafts:
        if d.family != "attack" or d.agent is None or d.agent.iso3 is None or d.agent.kind not in ("military", "state"):
            continue
        for o in drafts:
            if o is d or o.family not in REMOTE_FAMILIES or o.agent is None or o.agent.iso3 != d.agent.iso3:
                continue
            if (o.place is not None and d.place is not None and _near(o.place, d.place)) or \
                    (o.target is not None and d.target is not None and o.target.kind == d.target.kind):
                d.family = o.family
                break


def _finish(article_id: str, drafts: list[Draft], ctx: ArticleContext, gazetteer: Any) -> list[Mention]:
    out: list[Mention] = []

    def cname(iso3: str | None) -> str | None:
        c = gazetteer.country(iso3) if iso3 else None
        return c.name if c is not None else iso3

    _inherit_means(drafts)
    parties = _party_names(drafts)
    for d in drafts:
        if d.family == "agreement" and not (d.parties or d.mediators):
            continue
        mention, date, precision = classify_mention(d, ctx.published)
        if mention is None:
            continue
        placeless = d.place is None and d.family != "agreement" and not (d.unresolved and mention in ("new", "prior"))
        if placeless and not (mention in ("new", "prior") and ctx.countries and d.date is not None and d.date.precision <= 2
                              and d.date.kind != "same_day"):
            continue  # no place and no day of its own: talk about events, not an event ACLED could code
        if mention == "background" and (date is None or (ctx.published and date == ctx.published.isoformat())):
            continue
        etype, sub = lx.FAMILIES[d.family]
        if d.family == "protest" and d.sentences:
            joined = " ".join(d.sentences)
            if EXCESSIVE.search(joined) and re.search(r"\b(?:police|security|troops|soldiers|forces)\b", joined, re.I):
                sub = "Excessive force against protesters"
            elif INTERVENTION.search(joined) or re.search(r"\b(?:protesters?|demonstrators?|participants|\w+)\s+(?:were|was)\s+(?:arrested|detained|dispersed)\b", joined, re.I):
                sub = "Protest with intervention"
        loc_iso = d.place.iso3 if d.place else (ctx.countries[0] if ctx.countries else None)
        loc_country = d.place.country if d.place else cname(loc_iso)
        agent, target = d.agent, d.target
        if d.family in ("protest", "riot", "mob") and (agent is None or agent.kind not in ("protesters", "rioters")):
            # ACLED puts the demonstrators first (whoever organised them) and the force that intervened second
            if agent is not None and target is None and agent.kind in ("police", "military"):
                target = agent
            agent = ActorRef("protesters" if d.family == "protest" else "rioters", loc_iso)
        if d.family in VIOLENT and (agent is None or agent.kind == "civilians"):
            # victims are never the doers; an attack with no named perpetrator is ACLED's unidentified armed group
            if agent is not None and target is None:
                target = agent
            agent = ActorRef("unknown_armed", loc_iso)
        if agent is not None and agent.iso3 is None and agent.kind in ("police", "protesters", "rioters", "civilians", "unknown_armed", "militia", "military"):
            agent = ActorRef(agent.kind, loc_iso, agent.name, agent.text)
        if target is None and d.family in ("attack", "abduct", "sexual"):
            target = ActorRef("civilians", loc_iso)  # violence against civilians has civilians on the other side
        if target is not None and target.iso3 is None:
            target = ActorRef(target.kind, loc_iso, target.name, target.text)
        if d.family in ("protest", "riot") and target is not None and target.kind not in ("police", "military"):
            target = None
        if d.family in ("protest", "riot") and target is None and INTERVENTION.search(" ".join(d.sentences)):
            target = ActorRef("police", loc_iso)  # the force that intervened
        status = _status(d, parties)
        m = Mention(event_id=f"{article_id}-{len(out) + 1}", article_id=article_id)
        m.event_type, m.sub_event_type = etype, sub
        m.event_date, m.time_precision, m.mention = date, precision, mention
        if d.family == "agreement":
            agent = target = None  # the parties and mediators say who agreed
        if agent is not None:
            m.actor1 = agent.acled_name(cname(agent.iso3), loc_country)
            m.actor1_country = agent.iso3 if agent.kind not in ("civilians", "protesters", "rioters") else (agent.iso3 or loc_iso)
            m.inter1 = agent.inter
        if target is not None and d.family != "agreement":
            m.actor2 = target.acled_name(cname(target.iso3), loc_country)
            m.actor2_country = target.iso3
            m.inter2 = target.inter
        m.interaction = interaction(m.inter1, m.inter2)
        if d.place is not None:
            p = d.place
            m.country, m.iso3, m.admin1, m.admin2 = p.country, p.iso3, p.admin1, p.admin2
            m.location, m.latitude, m.longitude, m.geonameid, m.geo_precision = p.name, p.latitude, p.longitude, p.geonameid, p.geo_precision
        elif d.unresolved:
            # named, but not in the gazetteer: kept without coordinates rather than guessed
            m.location = d.unresolved[0]
            if ctx.countries:
                m.iso3 = ctx.countries[0]
                m.country = cname(m.iso3)
        elif ctx.countries:
            # a dated event at no named place: coded to the story's country, as ACLED codes an unknown location
            m.iso3 = ctx.countries[0]
            m.country = m.location = cname(m.iso3)
            m.geo_precision = 3
        if d.killed is not None:
            m.fatalities, m.fatalities_low, m.fatalities_high = d.killed.best, d.killed.low, d.killed.high
        if d.injured is not None:
            m.injuries, m.injuries_low, m.injuries_high = d.injured.best, d.injured.low, d.injured.high
        m.weapon = d.weapon if d.family in VIOLENT or d.family == "disrupted" else None
        m.status = status
        m.ceasefire_violation = d.ceasefire_violation and d.family != "agreement"
        if d.family == "agreement":
            m.agreement = "ceasefire" if re.search(r"cease-?fire|truce", " ".join(d.sentences), re.I) else "peace agreement"
            m.parties, m.mediators = d.parties, d.mediators
        m.claims = d.claims
        m.evidence = d.evidence
        m.notes = write_notes(m, d, cname)
        out.append(m)
    return out


def _party_names(drafts: list[Draft]) -> set[str]:
    """Who denies something in the story is a side in it; their names and acronyms
    ("Rapid Support Forces" / "RSF") mark their other statements as one side's word."""
    names: set[str] = set()
    for d in drafts:
        for c in d.claims:
            if c.stance == "denies" and c.claimant:
                words = re.findall(r"[A-Z][\w'-]*", c.claimant)
                if words:
                    names.add(" ".join(words))
                    if len(words) > 1:
                        names.add("".join(w[0] for w in words))
    return names


def _said_by_party(c: Claim, parties: set[str]) -> bool:
    text = " ".join(x for x in (c.claimant, c.speaker) if x)
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in parties)


def _status(d: Draft, parties: set[str]) -> str:
    asserts = [c for c in d.claims if c.stance == "asserts"]
    denies = [c for c in d.claims if c.stance == "denies"]
    if asserts and denies:
        return "contested"
    if denies:
        return "contested"
    if d.strong_claim and asserts:
        return "alleged"
    if asserts and all(_said_by_party(c, parties) for c in asserts):
        return "alleged"
    # one party's word against another state's forces is an allegation, not a report
    if d.agent is not None and d.agent.iso3 and any(c.claimant_country and c.claimant_country != d.agent.iso3 for c in asserts) \
            and d.agent.kind in ("military", "state"):
        return "alleged"
    return "reported"
