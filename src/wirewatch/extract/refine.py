"""Rules that recode an event family once its sides are known (a clash of unarmed crowds is a riot, an
attack on soldiers is a battle), and the follow-on sentences that recode the event just told."""
from __future__ import annotations

import re

from . import vocabulary as vocab
from .actors import ActorRef
from .cues import PURPOSE
from .frames import Draft, Frame
from .sides import ARMED, ARMED_PERSON, OFF_DUTY

_FORCES = r"(?:police|policemen|security\s+(?:forces|personnel)|troops|soldiers|army|gendarmes?|gendarmerie|officers|authorities|riot\s+police)"

_STOP = r"(?:dispers\w+|tear\s*gas|teargas|water\s+cannons?|arrest\w*|detain\w*|baton[-\s]?charg\w*|batons|rubber\s+bullets?|"\
        r"broke\s+up|break\s+up|cracked\s+down|forcibly|intervened|stun\s+grenades?|beat\w*|removed|evicted|prevented)"

INTERVENTION = re.compile(rf"\b{_FORCES}\b[^.;]{{0,80}}?\b{_STOP}\b|\b(?:were|was|been)\s+{_STOP}\b[^.;]{{0,40}}\bby\s+(?:the\s+)?{_FORCES}|"
                          rf"\b(?:dispersed|teargassed)\b", re.I)

EXCESSIVE = re.compile(r"\b(?:live\s+(?:ammunition|fire|rounds)|shot\s+dead|killed|opened\s+fire)\b", re.I)

_CROWD = vocab.pattern("crowds")

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

_ARMED_TOLL = vocab.pattern("fighters")

MILITARY_TARGET = vocab.pattern("military_targets")

_CRUDE = vocab.pattern("crude_weapons")

_GUNS = vocab.pattern("guns")


def _unarmed(a: ActorRef | None) -> bool:
    return a is not None and a.kind in ("civilians", "protesters", "rioters") and not ARMED.search(a.text)


_DEMONSTRATION = re.compile(r"\b(?:protest\w*|demonstrat\w*|rally|(?-i:march\w*))\b", re.I)


def _riot_or_mob(sent_text: str, riot: bool = False) -> str:
    """Crowd violence: a violent demonstration when it is a protest (or met the forces), else mob violence."""
    return "riot" if riot or _DEMONSTRATION.search(sent_text) else "mob"


def refine_family(family: str, frame: Frame, sent_text: str) -> str:
    if family == "riot" and re.search(r"\b(?:molotov|petrol\s+bombs?|fire\s*bombs?)", sent_text, re.I) and \
            not _CROWD.search(sent_text) and not re.search(r"\b(?:protest\w*|demonstrat\w*|rioters?|mob|police)\b", sent_text, re.I):
        return "property"  # a few men fire-bombing a shop at night: arson, not a riot
    if family == "property" and frame.agent is not None and frame.agent.kind in ("civilians", "protesters", "rioters") \
            and not ARMED.search(frame.agent.text):
        # villagers vandalising a shop, inmates setting their cells alight: a riot, not a strategic development
        return _riot_or_mob(sent_text, bool(PURPOSE.search(sent_text)))
    if family in ("clash", "attack") and _CRUDE.search(sent_text) and not _GUNS.search(sent_text) and \
            not _ARMED_TOLL.search(sent_text) and (family == "clash" or (frame.target is not None and frame.target.kind in ("police", "military"))):
        # sticks, stones and machetes against each other or the police: a riot, not a battle
        forces = any(a is not None and a.kind in ("police", "military") for a in (frame.agent, frame.target))
        return _riot_or_mob(sent_text, forces)
    if family in ("attack", "clash") and re.search(r"\boff[-\s]duty\b", sent_text, re.I) and not _ARMED_TOLL.search(sent_text):
        return "attack"  # an off-duty officer attacked at home is a civilian victim
    if family == "attack" and OFF_DUTY.search(sent_text) and not _ARMED_TOLL.search(sent_text):
        return family  # a retired or former officer is a civilian
    if family == "clash" and (_unarmed(frame.agent) or (_unarmed(frame.target) and (_CROWD.search(frame.target.text)
                                                                                  or re.search(r"\b[a-z]+(?:ers|ans|ists|men)\b", frame.target.text)))) \
            and not _ARMED_TOLL.search(sent_text) and not ARMED_PERSON.search(sent_text) and "civilian" not in sent_text \
            and not _GUNS.search(sent_text) and not re.search(r"\b(?:armed|clans?|clan-based|inter-clan)\b", sent_text, re.I):
        # "Palestinians clashed with Israeli forces", "two village groups clashed": unarmed people on one side
        forces = any(a is not None and a.kind in ("police", "military") for a in (frame.agent, frame.target))
        return _riot_or_mob(sent_text, forces)
    if family in ("clash", "attack") and frame.agent is not None and frame.agent.kind in ("civilians", "protesters", "rioters") \
            and not ARMED.search(frame.agent.text) and not _GUNS.search(sent_text):
        # villagers, locals, a family's kin beating someone: ACLED's mob violence, not an armed side
        return _riot_or_mob(sent_text)
    killed = frame.casualties.killed or frame.casualties.injured
    if family == "attack" and killed is not None and _ARMED_TOLL.search(killed.text) and not re.search(r"\bcivilians?\b", killed.text, re.I):
        return "clash"  # "killed 4 IS militants": the dead were fighters
    if family == "attack" and _ARMED_VICTIMS.search(sent_text):
        return "clash"  # fighters found dead, militants executed by a rival group: armed sides
    others = sent_text.replace(frame.agent.text, " ") if frame.agent is not None and frame.agent.text else sent_text
    named_civilians = frame.target is not None and frame.target.kind == "civilians" and frame.target.text \
        and frame.target.text in sent_text and not ARMED_PERSON.search(frame.target.text)
    if named_civilians:
        others = others.replace(frame.target.text, " ")
    if family == "attack" and ARMED_PERSON.search(others) and not named_civilians and \
            not re.search(r"\b(?:guards?|civilians?)\b", sent_text, re.I):
        # ACLED codes violence between armed criminals, and against them, as armed clashes
        return "clash"
    if family == "attack":
        if frame.target is not None and frame.target.kind in ("military", "police", "rebel", "unknown_armed", "militia"):
            return "clash"
        if frame.target is not None and ARMED_PERSON.search(frame.target.text) and frame.agent is not None and \
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
    if family in ("clash", "attack") and _CROWD.search(sent_text) and not ARMED.search(sent_text) and \
            (frame.agent is None and family == "clash" or frame.agent is not None and frame.agent.kind in ("civilians", "protesters", "rioters")):
        # groups of people fighting each other or the police with sticks and stones: ACLED's riots
        return _riot_or_mob(sent_text)
    return family


def follow_on(drafts: list[Draft], si: int, text: str) -> bool:
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
