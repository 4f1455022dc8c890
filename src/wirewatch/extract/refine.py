"""Rules that recode an event family once its sides are known (a clash of unarmed crowds is a riot, an
attack on soldiers is a battle), and the follow-on sentences that recode the event just told."""
from __future__ import annotations

import re

from . import vocabulary as vocab
from .actors import MILITARY, POLICE, ActorRef
from .cues import PURPOSE
from .frames import Draft, Frame
from .rules import Case, Rule, rule, run
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


def _forces(c: Case) -> bool:
    return any(a is not None and a.kind in ("police", "military") for a in (c.frame.agent, c.frame.target))


def _state_took(c: Case) -> bool:
    """Soldiers or police are the doer: the parse says so, or (when it found no armed doer) the words
    before the verb name state forces and no armed group ("An Afghan and coalition force captured ...")."""
    agent = c.frame.agent
    if agent is not None and agent.kind in ("military", "police", "state"):
        return True
    if agent is not None and agent.kind in ("rebel", "unknown_armed", "militia", "group"):
        return False
    trigger = c.frame.trigger
    if trigger is None or c.frame.span is None:
        return False
    before = c.text[:max(0, trigger.idx - c.frame.span.start_char)]
    passive_by = c.text[trigger.idx - c.frame.span.start_char:][:120] if any(
        t.dep_ == "agent" for t in trigger.children) else ""
    doer = before if not passive_by else passive_by
    return bool(MILITARY.search(doer) or POLICE.search(doer)) and not (_NON_STATE_ARMED.search(doer) or _NAMED_ARMED.search(doer))


def _unarmed_side_clash(c: Case) -> bool:
    f, t = c.frame, c.text
    unarmed_target = _unarmed(f.target) and f.target is not None and \
        bool(_CROWD.search(f.target.text) or re.search(r"\b[a-z]+(?:ers|ans|ists|men)\b", f.target.text))
    return (_unarmed(f.agent) or unarmed_target) and not _ARMED_TOLL.search(t) and not ARMED_PERSON.search(t) \
        and "civilian" not in t and not _GUNS.search(t) and not re.search(r"\b(?:armed|clans?|clan-based|inter-clan)\b", t, re.I)


def _fighters_dead(c: Case) -> bool:
    killed = c.frame.casualties.killed or c.frame.casualties.injured
    return killed is not None and bool(_ARMED_TOLL.search(killed.text)) and not re.search(r"\bcivilians?\b", killed.text, re.I)


def _armed_criminals(c: Case) -> bool:
    f, t = c.frame, c.text
    others = t.replace(f.agent.text, " ") if f.agent is not None and f.agent.text else t
    named_civilians = f.target is not None and f.target.kind == "civilians" and bool(f.target.text) \
        and f.target.text in t and not ARMED_PERSON.search(f.target.text)
    if named_civilians and f.target is not None:
        others = others.replace(f.target.text, " ")
    return bool(ARMED_PERSON.search(others)) and not named_civilians and not re.search(r"\b(?:guards?|civilians?)\b", t, re.I)


_FORCE_WORDS = re.compile(r"\b(?:soldiers?|troops|police(?:m[ae]n)?|police\s+officers|officers|checkpoints?|check\s*posts?|"
                          r"lieutenants?|colonels?|sergeants?|captains?|rangers?|gendarmes?|commanders?|"
                          r"military|army|security\s+forces|convoy|patrol|base|outpost|barracks)\b", re.I)
_INSURGENTS = re.compile(r"\b(?:militants?|rebels?|insurgents?|fighters?|gunmen)\b", re.I)
_ARMED_KINDS = ("rebel", "unknown_armed", "militia", "military", "police")
# the doer named as a non-state armed actor in so many words (not a headline or a dateline the parse took for one)
_NON_STATE_ARMED = vocab.pattern("unknown_armed", "militia")
_NAMED_ARMED = vocab.pattern("named_armed_groups")

# The rules that recode a family once a frame's sides are known, in the order they are tried.
REFINE_RULES: list[Rule] = [
    rule("state-takes-ground", "soldiers or police taking places or ground: the government regains territory",
         ["territory_nsa"], lambda c: c.frame.agent is not None and c.frame.agent.kind in ("military", "police", "state"),
         "territory_gov",
         examples=[("On 5 March 2021, government forces took over four villages near Palma.", "Government regains territory")],
         counter_examples=[("On 5 March 2021, rebels took over four villages near Palma.", "Non-state actor overtakes territory")]),
    rule("state-captures", "people captured or seized by soldiers or police: an arrest (ACLED's arrests are the state's)",
         ["abduct"], lambda c: c.frame.trigger is not None and c.frame.trigger.lemma_.lower() in ("capture", "seize")
         and _state_took(c),
         "arrest",
         examples=[("On 5 March 2021, soldiers captured two al-Shabaab militants in Kismayo.", "Arrests"),
                   ("On 5 March 2021, a combined Afghan and coalition force captured a Taliban leader in Kandahar province.", "Arrests")],
         counter_examples=[("On 5 March 2021, gunmen seized two traders in Kismayo.", "Abduction/forced disappearance")]),
    rule("armed-group-captures", "people detained by a named non-state armed group: an abduction (ACLED's arrests are the state's)",
         ["arrest"], lambda c: c.frame.agent is not None and c.frame.agent.kind in ("rebel", "unknown_armed", "militia")
         and bool(_NON_STATE_ARMED.search(c.frame.agent.text) or _NAMED_ARMED.search(c.frame.agent.text)) and c.frame.trigger is not None and c.frame.trigger.pos_ == "VERB",
         "abduct",
         examples=[("On 5 March 2021, rebels detained three traders in Ouanda-Djalle.", "Abduction/forced disappearance")],
         counter_examples=[("On 5 March 2021, police detained three traders in Ouanda-Djalle.", "Arrests")]),
    rule("arson-not-riot", "fire bombs thrown by a few people, no crowd, no protest: arson",
         ["riot"], lambda c: bool(re.search(r"\b(?:molotov|petrol\s+bombs?|fire\s*bombs?)", c.text, re.I))
         and not _CROWD.search(c.text) and not re.search(r"\b(?:protest\w*|demonstrat\w*|rioters?|mob|police)\b", c.text, re.I),
         "property",
         examples=[("On 5 March 2021, two men threw molotov cocktails at a shop in Kisumu at night.", "Looting/property destruction")],
         counter_examples=[("On 5 March 2021, protesters threw molotov cocktails at police in Kisumu.", "Violent demonstration")]),
    rule("unarmed-destroy-property", "unarmed people destroying property: a riot (a protest's) or mob violence",
         ["property"], lambda c: c.frame.agent is not None and c.frame.agent.kind in ("civilians", "protesters", "rioters")
         and not ARMED.search(c.frame.agent.text),
         lambda c: _riot_or_mob(c.text, bool(PURPOSE.search(c.text))),
         examples=[("On 5 March 2021, villagers vandalised a shop in Kisumu.", "Mob violence")],
         counter_examples=[("On 5 March 2021, soldiers destroyed a shop in Kisumu.", "Looting/property destruction")]),
    rule("crude-weapons", "sticks, stones and machetes, no guns, against each other or the forces: crowd violence",
         ["clash", "attack"], lambda c: bool(_CRUDE.search(c.text)) and not _GUNS.search(c.text) and not _ARMED_TOLL.search(c.text)
         and (c.family == "clash" or (c.frame.target is not None and c.frame.target.kind in ("police", "military"))),
         lambda c: _riot_or_mob(c.text, _forces(c)),
         examples=[("On 5 March 2021, two groups of villagers clashed with sticks and stones in Kisumu.", "Mob violence")],
         counter_examples=[("On 5 March 2021, two groups clashed with guns in Kisumu, killing three.", "Armed clash")]),
    rule("off-duty-victim", "an off-duty officer attacked is a civilian victim",
         ["attack", "clash"], lambda c: bool(re.search(r"\boff[-\s]duty\b", c.text, re.I)) and not _ARMED_TOLL.search(c.text),
         "attack",
         examples=[("On 5 March 2021, an off-duty policeman was stabbed to death by robbers in Kisumu.", "Attack")],
         counter_examples=[("On 5 March 2021, robbers stabbed a policeman to death in Kisumu.", "Armed clash")]),
    rule("former-officer-victim", "a retired or former officer attacked is a civilian: keep the attack",
         ["attack"], lambda c: bool(OFF_DUTY.search(c.text)) and not _ARMED_TOLL.search(c.text), "attack",
         examples=[("On 5 March 2021, a retired army officer was shot dead by unknown assailants in Kisumu.", "Attack")],
         counter_examples=[("On 5 March 2021, an army officer was shot dead by unknown assailants in Kisumu.", "Armed clash")]),
    rule("unarmed-side-clash", "a clash with unarmed people on one side (no guns, no fighters): crowd violence",
         ["clash"], _unarmed_side_clash, lambda c: _riot_or_mob(c.text, _forces(c)),
         examples=[("On 5 March 2021, residents clashed with police in Kisumu.", "Violent demonstration"), ("On 5 March 2021, youths from two villages clashed in Kisumu.", "Mob violence")],
         counter_examples=[("On 5 March 2021, rebels clashed with soldiers in Kisumu.", "Armed clash")]),
    rule("unarmed-doers", "villagers or a family's kin attacking someone without guns: mob violence",
         ["clash", "attack"], lambda c: c.frame.agent is not None and c.frame.agent.kind in ("civilians", "protesters", "rioters")
         and not ARMED.search(c.frame.agent.text) and not _GUNS.search(c.text),
         lambda c: _riot_or_mob(c.text),
         examples=[("On 5 March 2021, villagers beat a suspected thief to death in Kisumu.", "Mob violence")],
         counter_examples=[("On 5 March 2021, gunmen beat a trader to death in Kisumu.", "Attack")]),
    rule("fighters-dead", "the dead were fighters: a battle", ["attack"], _fighters_dead, "clash",
         examples=[("On 5 March 2021, the army killed four militants in an attack in Kisumu.", "Armed clash")],
         counter_examples=[("On 5 March 2021, gunmen killed four civilians in an attack in Kisumu.", "Attack")]),
    rule("armed-victims", "fighters found dead or executed by a rival group: armed sides",
         ["attack"], lambda c: bool(_ARMED_VICTIMS.search(c.text)), "clash",
         examples=[("On 5 March 2021, members of the AFC were found dead in Kisumu.", "Armed clash")],
         counter_examples=[("On 5 March 2021, the bodies of two women were found in Kisumu.", "Attack")]),
    rule("armed-criminals", "violence between armed criminals, or against them: an armed clash",
         ["attack"], _armed_criminals, "clash",
         examples=[("On 5 March 2021, gunmen killed an alleged drug dealer in Kisumu.", "Armed clash")],
         counter_examples=[("On 5 March 2021, gunmen killed a trader in Kisumu.", "Attack")]),
    rule("armed-target", "an attack on forces, rebels or an armed group: a battle",
         ["attack"], lambda c: c.frame.target is not None and c.frame.target.kind in ("military", "police", "rebel", "unknown_armed", "militia"),
         "clash",
         examples=[("On 5 March 2021, gunmen attacked soldiers in Kisumu.", "Armed clash"), ("On 5 March 2021, gunmen attacked an army checkpoint in Kisumu.", "Armed clash")],
         counter_examples=[("On 5 March 2021, gunmen attacked residents in Kisumu.", "Attack"), ("On 5 March 2021, soldiers attacked villagers in Kisumu.", "Attack")]),
    rule("forces-on-insurgents", "forces attacking where militants are, no target parsed: a battle",
         ["attack"], lambda c: c.frame.target is None and c.frame.agent is not None and c.frame.agent.kind in ("military", "police")
         and bool(MILITARY_TARGET.search(c.text)) and bool(_INSURGENTS.search(c.text)), "clash",
         examples=[("On 5 March 2021, soldiers attacked in Kisumu, where militants were hiding.", "Armed clash")],
         counter_examples=[("On 5 March 2021, gunmen attacked in Kisumu, killing a teacher.", "Attack")]),
    rule("armed-group-on-forces", "an armed group attacking soldiers or police, no target parsed: a battle",
         ["attack"], lambda c: c.frame.target is None and c.frame.agent is not None
         and c.frame.agent.kind in ("rebel", "unknown_armed", "militia") and bool(_FORCE_WORDS.search(c.text)), "clash"),
    rule("violent-protest", "a protest with clashes, stone-pelting or vandalism: a violent demonstration",
         ["protest"], lambda c: bool(re.search(r"\b(?:clash\w*|pelt\w*|vandali\w+|riot\w*)\b", c.text, re.I) or _RIOT_ACTS.search(c.text)),
         "riot",
         examples=[("On 5 March 2021, protesters set fire to a police station in Kisumu.", "Violent demonstration")],
         counter_examples=[("On 5 March 2021, students protested peacefully in Kisumu.", "Peaceful protest")]),
    rule("crowd-fight", "groups of people fighting each other or the police, nobody armed: crowd violence",
         ["clash", "attack"], lambda c: bool(_CROWD.search(c.text)) and not ARMED.search(c.text)
         and (c.frame.agent is None and c.family == "clash" or c.frame.agent is not None
              and c.frame.agent.kind in ("civilians", "protesters", "rioters")),
         lambda c: _riot_or_mob(c.text)),
]


def refine_family(family: str, frame: Frame, sent_text: str) -> tuple[str, Rule | None]:
    """The family once the frame's sides are known, and the rule that decided it (None: the cue's)."""
    return run(REFINE_RULES, family, frame, sent_text)


def follow_on(drafts: list[Draft], si: int, text: str) -> bool:
    """Sentences right after an event that change how it is coded: the victim was armed, the
    protesters burnt tyres, the police dispersed them. True when the sentence is about that event."""
    if not drafts or si - drafts[-1].last_sentence > 2:
        return False
    d = drafts[-1]
    if d.family == "attack" and _VICTIM_ARMED.search(text):
        d.family, d.decided_by = "clash", "rule follow-on: the victim was armed"  # "The victim was a gang member": ACLED counts both sides as armed
        return False
    if d.family not in ("protest", "riot"):
        return False
    hit = False
    if d.family == "protest" and _RIOT_ACTS.search(text):
        d.family, d.decided_by = "riot", "rule follow-on: riot acts after the protest"
        hit = True
    if INTERVENTION.search(text) or _HELD.search(text):
        d.sentences.append(text)
        hit = True
    return hit
