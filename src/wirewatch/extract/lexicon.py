"""Event cues mapped to ACLED's taxonomy.

A cue is a lemma (or a short phrase) that can carry an event; its family decides the event type
unless a more specific cue in the same sentence (a weapon, a target) refines it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import vocabulary as vocab

BATTLES, REMOTE, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
PROTESTS, RIOTS, STRATEGIC = "Protests", "Riots", "Strategic developments"

# family -> (event_type, sub_event_type)
FAMILIES: dict[str, tuple[str, str]] = {
    "suicide": (REMOTE, "Suicide bomb"),
    "chemical": (REMOTE, "Chemical weapon"),
    "air": (REMOTE, "Air/drone strike"),
    "ied": (REMOTE, "Remote explosive/landmine/IED"),
    "grenade": (REMOTE, "Grenade"),
    "shell": (REMOTE, "Shelling/artillery/missile attack"),
    "territory_gov": (BATTLES, "Government regains territory"),
    "territory_nsa": (BATTLES, "Non-state actor overtakes territory"),
    "clash": (BATTLES, "Armed clash"),
    "abduct": (VAC, "Abduction/forced disappearance"),
    "sexual": (VAC, "Sexual violence"),
    "attack": (VAC, "Attack"),
    "mob": (RIOTS, "Mob violence"),
    "riot": (RIOTS, "Violent demonstration"),
    "protest": (PROTESTS, "Peaceful protest"),
    "agreement": (STRATEGIC, "Agreement"),
    "arrest": (STRATEGIC, "Arrests"),
    "property": (STRATEGIC, "Looting/property destruction"),
    "disrupted": (STRATEGIC, "Disrupted weapons use"),
    "hq": (STRATEGIC, "Headquarters or base established"),
    "change": (STRATEGIC, "Change to group/activity"),
    "transfer": (STRATEGIC, "Non-violent transfer of territory"),
    "other": (STRATEGIC, "Other"),
}

# Lower number wins when several families are cued in one sentence.
PRIORITY = {f: i for i, f in enumerate([
    "chemical", "suicide", "air", "ied", "grenade", "shell", "territory_gov", "territory_nsa", "sexual", "abduct", "mob",
    "riot", "protest", "clash", "attack", "disrupted", "property", "arrest", "agreement", "hq", "transfer", "change", "other"])}

# Lemma cues: lemma -> (family, weapon or None, strength). Strength 2 = carries an event on its own,
# 1 = needs another cue or a casualty figure in the sentence (e.g. "kill", "attack").
LEMMAS: dict[str, tuple[str, str | None, int]] = {
    "shell": ("shell", "artillery", 2), "shelling": ("shell", "artillery", 2), "artillery": ("shell", "artillery", 2),
    "mortar": ("shell", "mortar", 2), "missile": ("shell", "missile", 2), "rocket": ("shell", "rocket", 2),
    "howitzer": ("shell", "artillery", 2), "bombard": ("shell", "artillery", 2), "bombardment": ("shell", "artillery", 2),
    "airstrike": ("air", "airstrike", 2), "warplane": ("air", "aircraft", 2), "drone": ("air", "drone", 2),
    "helicopter": ("air", "helicopter", 1), "chopper": ("air", "helicopter", 1), "jet": ("air", "aircraft", 1), "aircraft": ("air", "aircraft", 1),
    "ied": ("ied", "IED", 2), "landmine": ("ied", "landmine", 2), "mine": ("ied", "landmine", 1),
    "bomb": ("ied", "bomb", 2), "explosive": ("ied", "explosive device", 2), "blast": ("ied", "explosive device", 2),
    "explosion": ("ied", "explosive device", 2), "detonate": ("ied", "explosive device", 2), "explode": ("ied", "explosive device", 2),
    "grenade": ("grenade", "grenade", 2), "rpg": ("shell", "rocket", 2), "atgm": ("shell", "missile", 2),
    "bombing": ("ied", "bomb", 2), "dynamite": ("ied", "dynamite", 2),
    "clash": ("clash", None, 2), "fighting": ("clash", None, 2), "battle": ("clash", None, 2), "firefight": ("clash", "firearms", 2),
    "gunfight": ("clash", "firearms", 2), "skirmish": ("clash", None, 2), "ambush": ("clash", "firearms", 2),
    "fight": ("clash", None, 1), "engage": ("clash", None, 1), "exchange": ("clash", None, 1), "repulse": ("clash", None, 2), "repel": ("clash", None, 2),
    "offensive": ("clash", None, 1), "combat": ("clash", None, 1), "operation": ("clash", None, 1),
    "shootout": ("clash", "firearms", 2), "crossfire": ("clash", "firearms", 2),
    "attack": ("attack", None, 2), "assault": ("attack", None, 2), "raid": ("attack", None, 1), "kill": ("attack", None, 2),
    "assassinate": ("attack", None, 2), "assassination": ("attack", None, 2), "lynching": ("mob", None, 2),
    "arson": ("property", None, 2), "burn": ("property", None, 1), "ransack": ("property", None, 2),
    "murder": ("attack", None, 2), "shoot": ("attack", "firearms", 2), "shooting": ("attack", "firearms", 1), "gun": ("attack", "firearms", 1), "gunman": ("attack", "firearms", 2),
    "gunmen": ("attack", "firearms", 2), "stab": ("attack", "knife", 2), "hack": ("attack", "machete", 1), "behead": ("attack", "knife", 2),
    "massacre": ("attack", None, 2), "execute": ("attack", None, 1), "torture": ("attack", None, 2), "poison": ("attack", None, 2), "lynch": ("mob", None, 2),
    "beat": ("attack", None, 2), "strike": ("attack", None, 1), "target": ("attack", None, 1), "fire": ("attack", "firearms", 1),
    "abduct": ("abduct", None, 2), "kidnap": ("abduct", None, 2), "abduction": ("abduct", None, 2), "kidnapping": ("abduct", None, 2),
    "hostage": ("abduct", None, 1), "rape": ("sexual", None, 2), "molest": ("sexual", None, 2), "raped": ("sexual", None, 2), "raping": ("sexual", None, 2),
    "reinforcement": ("change", None, 1), "redeploy": ("change", None, 1), "patrol": ("change", None, 2),
    "curfew": ("change", None, 1), "lockdown": ("change", None, 1),
    "protest": ("protest", None, 2), "demonstrate": ("protest", None, 2), "demonstration": ("protest", None, 2),
    "rally": ("protest", None, 2), "march": ("protest", None, 2), "blockade": ("protest", None, 2), "protester": ("protest", None, 2), "demonstrator": ("protest", None, 2),
    "sit-in": ("protest", None, 2), "picket": ("protest", None, 2), "motorcade": ("protest", None, 1), "vigil": ("protest", None, 1),
    "procession": ("protest", None, 1), "caravan": ("protest", None, 1), "gather": ("protest", None, 1),
    "assemble": ("protest", None, 1), "congregate": ("protest", None, 1), "demand": ("protest", None, 1),
    "riot": ("riot", None, 2), "rioter": ("riot", None, 2), "mob": ("mob", None, 2), "vigilante": ("mob", None, 2),
    "loot": ("property", None, 2), "looting": ("property", None, 2), "vandalize": ("property", None, 2), "vandalise": ("property", None, 2), "torch": ("property", None, 2),
    "demolish": ("property", None, 2), "raze": ("property", None, 2), "destroy": ("property", None, 1),
    "ceasefire": ("agreement", None, 1), "truce": ("agreement", None, 1), "agreement": ("agreement", None, 1), "accord": ("agreement", None, 1),
    "arrest": ("arrest", None, 2), "detain": ("arrest", None, 1), "apprehend": ("arrest", None, 2),
    "wound": ("attack", None, 1), "injure": ("attack", None, 1), "hit": ("attack", None, 1), "block": ("protest", None, 1),
    "barricade": ("protest", None, 1), "commemorate": ("protest", None, 1), "hurl": ("attack", None, 1), "lob": ("attack", None, 1),
    "defuse": ("disrupted", None, 2), "intercept": ("disrupted", None, 1), "dismantle": ("disrupted", None, 1),
    "capture": ("territory_nsa", None, 1), "seize": ("territory_nsa", None, 1), "overrun": ("territory_nsa", None, 2),
    "recapture": ("territory_gov", None, 2), "retake": ("territory_gov", None, 2), "liberate": ("territory_gov", None, 2),
}

# Phrases checked on the sentence text (lowercased); they refine or add families.
PHRASES: list[tuple[re.Pattern[str], str, str | None]] = [(re.compile(p, re.I), f, w) for p, f, w in [
    (r"\bsuicide\s+(?:bomb|bomber|bombing|attack|car\s+bomb|vest|attacker)", "suicide", "suicide bomb"),
    (r"\bball?istic\s+missiles?\b", "shell", "ballistic missile"),
    (r"\bcluster\s+(?:munitions?|bombs?)\b", "shell", "cluster munitions"),
    (r"\b(?:air|aerial|drone)\s+(?:strikes?|raids?|attacks?|bombardment|bombing)\b|\bairstrikes?\b|\bbombed\s+from\s+the\s+air\b", "air", "airstrike"),
    (r"\bdrone\s+(?:strike|attack)", "air", "drone"),
    (r"\b(?:rocket[-\s]propelled\s+grenades?|anti[-\s]?tank\s+(?:missiles?|rockets?|guided\s+missiles?))\b", "shell", "rocket"),
    (r"\b(?:gangs?|cartels?|militias?|militants|armed\s+groups?|insurgents|rebels)\b[^.]{0,60}\b(?:deliver\w*|distribut\w*|hand(?:ed|ing)\s+out)\s+"
     r"(?:\w+\s+){0,2}(?:food|aid|boxes|packages|parcels|supplies)", "change", None),
    (r"\b(?:refugees|migrants|displaced\s+(?:people|persons|families))\b[^.]{0,60}\b(?:returned|arrived|were\s+repatriated|were\s+relocated)\b|"
     r"\b(?:families|villagers|residents|people|persons)\b[^.]{0,40}\b(?:fled\s+their\s+(?:village|homes?|villages)|were\s+displaced|evacuated\s+following)\b", "other", None),
    (r"\b(?:shelling|artillery|mortar|rocket)\s+exchanges?\b|\bexchang\w*\s+(?:of\s+)?(?:shelling|artillery|mortar|rocket)", "clash", "artillery"),
    (r"\b(?:withdr[ae]w\w*|pull(?:ed|ing)?\s+out|redeploy\w*|deploy\w*|sen[dt]\w*|mov(?:e|es|ed|ing)|reinforc\w*)\s+(?:\w+\s+){0,4}(?:troops|soldiers|forces|"
     r"batteries|reinforcements|units)\b|\bmilitary\s+(?:exercises|drills|manoeuvres|maneuvers)\b|\b(?:took|take|taking)\s+up\s+arms\b|"
     r"\b(?:ended|cut|announced)\s+(?:its|their)\s+(?:affiliation|allegiance|alliance)\b|\bpledged\s+allegiance\b|"
     r"\b(?:surrendered|laid\s+down\s+(?:their|its)\s+(?:arms|weapons))\b|\b(?:set\s+up|placed|installed|erected)\s+(?:\w+\s+){0,2}check\s*-?points?\b",
     "change", None),
    (r"\b(?:established|set\s+up|built|erected)\s+(?:today\s+|on\s+\w+\s+|recently\s+)?(?:a\s+|an\s+|two\s+|three\s+|\d+\s+)?(?:new\s+|number\s+of\s+|several\s+)?(?:military\s+|observation\s+)?"
     r"(?:bases?|headquarters|outposts?|observation\s+posts?|military\s+posts?|barracks)\b", "hq", None),
    # a unit going over to the other side ("fighters have defected to the Houthis")
    (r"\bdefect(?:ed|ing|s)?\s+(?:\w+\s+){0,2}(?:to|from)\b|\bdefectors?\b", "change", None),
    # places taken ("have taken over four localities"; not "gained ground", said of firefighters too); refine.py's state-takes-ground gives
    # the state's gains to the government
    (r"\b(?:took|taken|take|takes|taking)\s+over\s+(?:\w+\s+){0,3}(?:villages?|towns?|localit(?:y|ies)|areas?|positions?|"
     r"districts?|bases?|cities|city|neighbou?rhoods?)\b", "territory_nsa", None),
    (r"\b(?:freed|liberated|cleared|recaptured)\s+(?:\w+\s+){0,3}(?:villages?|towns?|localit(?:y|ies)|areas?|districts?|cities|city|"
     r"neighbou?rhoods?)\s+(?:from|of)\b|\bpushed\s+(?:[\w'-]+\s+){1,4}out\s+of\b", "territory_gov", None),
    (r"\b(?:chemical\s+(?:weapons?|attacks?|munitions?|agents?)|(?:poison(?:ous)?|toxic|chlorine|nerve)\s+gas\s+(?:attacks?|bombs?|shells?)|"
     r"chlorine\s+(?:attacks?|bombs?|barrels?|munitions?|shells?)|\bsarin\b|"
     r"(?:poison(?:ous)?|toxic|chlorine|nerve|mustard)\s+gas(?:es)?\s+(?:\w+\s+){0,2}(?:used|fired|dropped|launched)\s+by)", "chemical", "chemical weapon"),
    (r"\bfire\s*fights?\b|\breturned\s+(?:the\s+)?fire\b", "clash", "firearms"),
    (r"\bhuman\s+chains?\b|\bbang(?:ed|ing)\s+(?:pots|pans)\b|\bcacerolazos?\b|\bsit[-\s]ins?\b", "protest", None),
    (r"\b(?:declared|imposed|announced|extended|enforced)\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+){0,3}(?:curfew|lockdown|state\s+of\s+emergency|martial\s+law)\b|"
     r"\bsealed\s+off\b|\b(?:closed|halted|suspended)\s+(?:all\s+)?(?:\w+\s+){0,2}(?:entrances|entries|crossings?|checkpoints?|border)\b", "change", None),
    (r"\b(?:aircraft|warplanes?|jets?|helicopters?|planes?|gunships?)\b[^.]{0,30}\b(?:struck|hit|bombed|attacked|fired\s+on|targeted|strafed|raided|pounded)\b", "air", "airstrike"),
    (r"\b(?:blew|blown|blowing)\s+(?:himself|herself|themselves)\s+up\b", "suicide", "suicide bomb"),
    (r"\b(?:blew|blown|blowing|blow)\s+up\b", "ied", "explosive device"),
    (r"\b(?:roadside|car|truck|motorcycle|parcel|pipe)\s+bombs?\b|\b(?:improvised\s+)?explosive\s+devices?\b|\bIEDs?\b|\blandmines?\b|\bVBIEDs?\b", "ied", "IED"),
    (r"\bopened\s+fire\b|\bshot\s+(?:dead|at|and\s+killed)\b|\bgunned\s+down\b|\bgunshots?\b|\bfired\s+(?:at|on|upon)\b", "attack", "firearms"),
    (r"\bexchang\w*\s+(?:of\s+)?(?:fire|gunfire|shots)\b|\bexchange\s+of\s+fire\b|\bgun\s+battle\b|\bheavy\s+fighting\b|\bshoot-?outs?\b|\bcross-?fire\b", "clash", "firearms"),
    (r"\bviolent\s+(?:demonstrations?|protests?|clashes\s+with\s+police)\b|\b(?:burn(?:ing|ed|t)|set\s+fire\s+to|torched)\s+(?:\w+\s+){0,2}(?:tyres|tires|objects|barricades|debris|garbage|rubbish)\b|\bbarricades?\b|\b(?:stormed|ransacked|torched)\s+(?:a|the)\s+police\s+(?:station|post|vehicle|car)|\b(?:threw|throwing|hurled|pelted)\s+(?:\w+\s+){0,2}(?:stones|rocks|bricks|bottles|petrol\s+bombs|molotov\w*)", "riot", None),
    (r"\b(?:took|taken|take|seized|gained)\s+(?:the\s+)?control\s+of\b", "territory_nsa", None),
    # "established control over an area of 120 km2": an armed side's hold on ground, told without a verb of fighting
    (r"\b(?:established|imposed|extended|assumed)\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)\s+(?:[\w-]+\s+){0,3}?"
     r"(?:villages?|towns?|city|cities|areas?|districts?|region|territor(?:y|ies)|positions?|bases?|hills?|neighbou?rhoods?|"
     r"countryside)\b", "territory_nsa", None),
    # "IS militants had gained ground inside the town": ground gained by an armed side, not by firefighters
    (r"\b(?:militants?|rebels?|insurgents?|fighters|jihadists?|troops|forces|army|militias?|gunmen)\b[^.;]{0,80}?\b(?:gained|gaining|gains?)\s+ground\b",
     "territory_nsa", None),
    (r"\b(?:regained|retook|recaptured|regain|retake)\s+(?:control\s+of\s+)?\b", "territory_gov", None),
    (r"\b(?:set\s+(?:fire\s+to|on\s+fire|ablaze)|burn(?:ed|t)\s+down|torched)\b", "property", None),
    (r"\b(?:pelted|hurled|threw)\s+(?:stones|rocks|bricks|petrol\s+bombs|molotov)", "riot", None),
    (r"\b(?:sexually\s+(?:assaulted|abused)|sexual\s+violence|gang[-\s]?raped?)\b", "sexual", None),
    (r"\b(?:on|went\s+on|general|hunger|labou?r)\s+strike\b", "protest", None),
    (r"\b(?:found|discovered|recovered|dumped|located)\b[^.]{0,40}\b(?:dead|bod(?:y|ies)|corpses?|remains|heads?)\b|"
     r"\b(?:dead|bod(?:y|ies)|corpses?|remains|heads?)\b[^.]{0,60}\b(?:found|discovered|recovered|dumped|located|thrown|left|abandoned)\b", "attack", None),
    (r"\b(?:set|was\s+set|were\s+set)\s+(?:\w+\s+){0,3}alight\b", "property", None),
    (r"\bblock(?:ed|ing|aded)?\s+(?:the\s+|a\s+|several\s+)?(?:\w+\s+){0,2}(?:roads?|highway|streets?|rails?|railway|traffic|access|entrance|bridge)\b", "protest", None),
    (r"\b(?:staged|held|organi[sz]ed|joined)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,2}(?:sit-in|protests?|demonstrations?|rally|rallies|march(?:es)?|vigil|strike)\b", "protest", None),
    (r"\b(?:cease-?fire|truce|peace\s+(?:deal|agreement|accord)|armistice)\b", "agreement", None),
    (r"\b(?:took\s+to\s+the\s+streets|gathered\s+(?:in\s+front\s+of|outside)|(?:gathered|assembled|converged)\b[^.]{0,80}\b(?:to\s+demand|demanding|against|to\s+protest|to\s+denounce|to\s+pressure|rejecting))", "protest", None),
    (r"\b(?:IEDs?|bombs?|explosives?|explosive\s+devices?|(?:land)?mines?|grenades?|firearms|weapons|ammunitions?|rifles|guns|pistols)\b[^.]{0,60}\b(?:found|discovered|uncovered|confiscated|defused|diffused|recovered|disposed|dismantled|seized|did\s+not\s+explode|failed\s+to\s+explode)\b", "disrupted", None),
    (r"\b(?:seized|recovered|defused|diffused|destroyed|found|discovered|disposed\s+of|dismantled|confiscated)\s+(?:\w+\s+){0,5}(?:munitions|weapons|arms|ammunition|explosives|rifles|guns|grenades|mines|bombs|IEDs?|improvised\s+explosive\s+devices?)\b", "disrupted", None),
    (r"\b(?:military\s+(?:reinforcements|column|convoy)|brought\s+(?:\w+\s+){0,2}reinforcements|deployed\s+(?:\w+\s+){0,2}(?:troops|forces|soldiers))\b", "change", None),
    (r"\b(?:bomb\s+disposal|defused|seized\s+(?:weapons|arms|ammunition|explosives)|shot\s+down\s+(?:a|an|two|three|\d+)?\s*(?:drones?|missiles?|rockets?))\b", "disrupted", None),
]]

# Topic labels that open some reports ("Movement of forces: On 4 May ..."), ACLED's strategic
# sub-event names and their usual synonyms: they say outright what kind of development follows.
KICKERS: dict[str, str] = {
    "movement of forces": "change", "security measures": "change", "change to armed group": "change",
    "change to group/activity": "change", "property destruction": "property", "looting": "property",
    "land seizure": "property", "looting/property destruction": "property", "arrests": "arrest", "arrest": "arrest",
    "detonation": "disrupted", "defusal": "disrupted", "weapons seizure": "disrupted", "interception": "disrupted",
    "disrupted weapons use": "disrupted", "explosive remnants of war": "other", "other": "other",
    "non-violent activity": "other", "headquarters or base established": "hq", "agreement": "agreement",
    "non-violent transfer of territory": "transfer",
}
KICKER_RE = re.compile(r"^\s*([A-Z][A-Za-z /-]{2,40}?)\s*:\s")

# Weapon words for the `weapon` field, most specific first (the vocabulary's order).
WEAPONS: list[tuple[re.Pattern[str], str]] = list(vocab.weapons())


@dataclass(frozen=True)
class Cue:
    family: str
    weapon: str | None
    strength: int
    start: int          # char offsets within the sentence
    end: int
    token_i: int | None  # token index in the doc, when the cue is a token


def weapon_in(text: str) -> str | None:
    for pat, name in WEAPONS:
        if pat.search(text):
            return name
    return None
