"""Casualty figures: killed and injured as low / best / high.

Numbers come in digits or words, approximate ("dozens", "at least", "more than", "up to",
"between 5 and 7"), and in many shapes ("12 civilians were killed", "killing 3",
"left two dead", "N fatalities", "the death toll rose to 13", "no casualties").
Cumulative totals ("since the fighting began", "so far this year") are flagged so the caller
keeps them off single events.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import vocabulary as vocab

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2, "couple": 2,
    "both": 2,
}
# Vague quantities: (low, best, high). ACLED codes "dozens" as 12 and "several" as 3 or so.
_VAGUE = {
    "dozens": (24, 12, 99), "dozens of": (24, 12, 99), "scores": (40, 40, 99), "scores of": (40, 40, 99),
    "hundreds": (200, 100, 999), "hundreds of": (200, 100, 999), "several": (3, 3, 9), "a few": (3, 3, 5),
    "some": (2, 2, 9), "many": (10, 10, None), "a number of": (3, 3, None), "numerous": (10, 10, None),
    "thousands": (2000, 2000, None), "thousands of": (2000, 2000, None),
}

_WORDNUM = r"(?:a\s+dozen|a\s+couple\s+of|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an|single|both)"
_VAGUEP = r"(?:dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?|thousands(?:\s+of)?|several|a\s+few|a\s+number\s+of|numerous|many)"
_DIG = r"\d{1,3}(?:,\d{3})+|\d+"
_QUAL = r"(?:at\s+least|more\s+than|over|nearly|almost|around|about|approximately|some|up\s+to|as\s+many\s+as|an\s+estimated|roughly|fewer\s+than|less\s+than|a\s+total\s+of|another|other|further|a\s+further)"
NUM = rf"(?:(?P<qual>{_QUAL})\s+)?(?:(?P<r1>{_DIG})\s*(?:-|–|to|or)\s*(?P<r2>{_DIG})|between\s+(?P<b1>{_DIG}|{_WORDNUM})\s+and\s+(?P<b2>{_DIG}|{_WORDNUM})|(?P<vague>{_VAGUEP})|(?P<num>{_DIG}|{_WORDNUM}))"

_PEOPLE = r"(?:(?!(?:and|or|but|were|was|in|at|on|after|when|that|which|who|left|killing|leaving|by|\d+)\b)[\w'-]+\s+){0,4}?(?:people|persons?|civilians?|soldiers?|troops|servicem[ae]n|personnel|officers?|policem[ae]n|police\s+officers?|militants?|rebels?|fighters?|insurgents?|attackers?|assailants?|gunmen|members?|children|child|women|woman|men|man|villagers?|residents?|worke?rs?|students?|protesters?|demonstrators?|others?|individuals?|pilgrims|worshippers|passengers?|farmers?|herders?|boys?|girls?|guards?|employees?|staff|journalists?|teachers?|doctors?|nurses?|victims?|migrants?|refugees?|suspects?|bodies|body|militiam[ae]n|jihadists?|terrorists?|security\s+forces|forces|members|family\s+members|relatives|youths?|teenagers?|elders?|chiefs?|leaders?|commanders?|officials?|customers|traders|shoppers|inmates|prisoners|detainees|recruits|cadets|hostages|contractors?|drivers?|spouses?|wives|wife|husbands?|sons?|daughters?|brothers?|sisters?|bodyguards?|commanders?|chiefs?|" + "|".join(vocab.nationality_plurals()) + ")"  # "three Palestinians": nationality words from demonyms.tsv

_KILLED = r"(?:killed|dead|died|fatality|death|shot\s+and\s+killed|shot\s+to\s+death|perished|slain|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|were\s+shot\s+dead|shot\s+dead|murdered|executed|beheaded|burned\s+to\s+death|massacred|fatalities|deaths|lives|bodies|casualties)"
_OF = r"(?:\s+of\s+(?:the\s+)?[A-Z][^,.;]{0,40}?)?"  # "five members of the CV (Red Command) died"
_INCL = r"(?:,\s+(?:including|among\s+them|mostly|all)\b[^.;]{0,120}?,)?"  # "four people, including a child, were killed"
_INJURED = r"(?:injured|wounded|hurt|injuries|hospitali[sz]ed|wounds)"

_SINGULAR = r"(?:man|woman|boy|girl|child|baby|soldier|officer|policeman|policewoman|civilian|person|victim|driver|farmer|student|teenager|youth|resident|villager|worker|journalist|trader|herder|militant|rebel|fighter|attacker|assailant|gunman|member|leader|commander|official|guard|suspect|teacher|doctor|priest|imam|chief|elder|pilot|passenger|protester|demonstrator|employee|migrant|refugee|prisoner|hostage|trafficker|dealer|smuggler|shepherd|merchant|vendor|councill?or|pastor|lawyer|judge|activist|businessman|contractor|tailor|mechanic)"
_PATTERNS = [
    # "the man died", "a 25-year-old woman was shot dead": one victim
    ("k", re.compile(rf"\b(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,3}}?(?P<num>{_SINGULAR})\s+(?:(?:was|has|had|been|later|also|reportedly)\s+)*(?P<verb>killed|died|shot\s+dead|murdered|slain|beheaded|executed|lynched)\b", re.I)),
    # "killing the driver", "assassinated a QSD member", "resulting in his death", "the body of a man"
    ("k", re.compile(rf"\b(?:killing|killed|shot\s+and\s+killed|fatally\s+(?:shot|stabbed|wounded)|assassinat\w+|murder\w*|shot\s+dead|executed|beheaded|lynched)\s+(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,3}}?(?P<num>{_SINGULAR}|driver|owner|operator|official|councillor|activist|businessman|journalist)\b", re.I)),
    # "Khitab was killed", "Jan, a police commander, was killed", "killing him": one person
    ("k", re.compile(r"(?:^|[.;]\s+|\band\s+)(?P<num>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:,[^.;]{0,100}?,)?\s+(?:was|had\s+been)\s+(?:\w+ly\s+)?"
                     r"(?:killed|shot\s+dead|murdered|assassinated|beheaded|executed|lynched)\b")),
    ("k", re.compile(r"\b(?:killing|killed|shot\s+and\s+killed|shot\s+dead|murdered|executed)\s+(?P<num2>him|her)\b", re.I)),
    # "Assailants shot and killed Abdul Wadood, a commander": one named victim
    ("k", re.compile(r"\b(?:shot\s+and\s+killed|shot\s+dead|assassinated|murdered|stabbed\s+to\s+death|beheaded)\s+(?P<num>(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+)\b(?=\s*[,.(])")),
    ("k", re.compile(r"\bresult\w*\s+in\s+(?:his|her)\s+(?P<num>death)\b|\b(?:the\s+)?(?:body|corpse|remains)\s+of\s+(?P<num2>a|an|one)\b|\b(?:a|an|one)\s+(?:human\s+)?(?P<num3>body|corpse|head)\b", re.I)),
    ("k", re.compile(rf"\b(?:bodies|corpses|remains)\s+of\s+{NUM}\b", re.I)),
    ("k", re.compile(rf"\b{NUM}\s+(?:\w+\s+)?(?:bodies|corpses)\b", re.I)),
    ("i", re.compile(rf"\b(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,2}}?(?P<num>{_SINGULAR})\s+(?:(?:was|has|had|been|later|also|reportedly|seriously|critically|badly|slightly)\s+)*(?P<verb>injured|wounded|hurt)\b", re.I)),
    # "12 civilians were killed", "two soldiers died", "3 dead", "5 fatalities"
    ("k", re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_PEOPLE}?{_OF}{_INCL}\s*(?P<aux>(?:(?:were|was|have\s+been|had\s+been|are|got|been|reportedly|also|later|all)\s+)*)(?:\w+ly\s+)?(?P<verb>{_KILLED})\b", re.I)),
    ("i", re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_PEOPLE}?{_OF}{_INCL}\s*(?:(?:were|was|have\s+been|had\s+been|are|got|been|reportedly|also|later|all|seriously|critically|badly|slightly)\s+)*(?P<verb>{_INJURED})\b", re.I)),
    # "killing 3", "killed two people", "left 4 dead", "claimed 5 lives"
    ("k", re.compile(rf"\b(?:killing|killed|kill|kills|slaying|leaving|left|claiming|claimed|shot\s+dead|shot\s+and\s+killed|murdered|beheaded|executed|lynched|stabbed\s+to\s+death|hacked\s+to\s+death)\s+{NUM}(?:\s+{_PEOPLE})?(?:\s+(?P<dead>dead|lives))?\b", re.I)),
    ("i", re.compile(rf"\b(?:injuring|injured|wounding|wounded|injure|wound|hurting)\s+{NUM}(?:\s+{_PEOPLE})?\b", re.I)),
    # "the death toll rose to 13", "toll of 5"
    ("k", re.compile(rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\b[^.;]{{0,160}}?\b(?:(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|hit|stands|stood|is|was|now)\s+(?:to|at)?|to|of)\s*{NUM}\b", re.I)),
    ("i", re.compile(rf"\bnumber\s+of\s+(?:injured|wounded)\b[^.;]{{0,40}}?\b(?:to|at|of|is|was)\s+{NUM}\b", re.I)),
    # "with more than 50 people injured" is covered above; "N others injured" also.
]
_NONE = re.compile(r"\b(?:no\s+(?:casualties|fatalities|deaths|injuries|one\s+was\s+(?:killed|hurt|injured))|no\s+(?:one|body)\s+(?:was|were)\s+(?:killed|hurt|injured|harmed)|without\s+(?:casualties|injuries)|no\s+(?:\w+\s+)?(?:were|was)\s+(?:harmed|hurt|killed|injured)|(?:nobody|none)\s+(?:was|were)\s+(?:killed|hurt|injured|harmed))\b", re.I)
_NO_DEATHS = re.compile(r"\bno\s+(?:fatalities|deaths)\b|\bno\s+(?:one|body)\s+(?:was|were)\s+killed\b|\bno\s+(?:\w+\s+)?(?:were|was)\s+killed\b", re.I)
_NOT_INJ = re.compile(r"\bno\s+injur", re.I)
_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|conflict|war|fighting|january|february|march|april|may|june|july|august|september|october|november|december|\d{4}|last\s+\w+)|"
    r"so\s+far|to\s+date|in\s+total|overall|in\s+the\s+(?:latest|current|ongoing)\s+(?:conflict|fighting|war|round)|"
    r"of\s+(?:their|its|our)\s+personnel|total\s+(?:death\s+toll|number)|cumulative|this\s+year|since\s+then|over\s+the\s+past|in\s+the\s+past\s+\w+\s+(?:days|weeks|months|years)|throughout\s+the|"
    r"across\s+the\s+country|nationwide|"
    r"(?:war|conflict|fighting|violence|insurgency|crisis|unrest|uprising)\b[^.]{0,60}\bha(?:s|ve)\s+(?:so\s+far\s+|now\s+)?(?:killed|left|claimed|cost))\b", re.I)


@dataclass
class Figure:
    low: int | None
    best: int | None
    high: int | None
    start: int
    end: int
    text: str


@dataclass
class Casualties:
    killed: Figure | None = None
    injured: Figure | None = None
    cumulative: bool = False
    stated: bool = False            # "Fatalities coded as 4": the report's own final count, over any other figure
    divide: int | None = None       # "Total fatalities divided equally across three events": share the toll already told
    additional: bool = False        # "Additionally, two guards were killed": more dead on top of a toll already told

    def adds_to(self, earlier: Figure | None) -> bool:
        """Whether this sentence's dead come on top of `earlier`, a toll told before: it says so ("also",
        "in addition"), or it reports the attackers' deaths after a toll of their victims."""
        if self.killed is None or earlier is None or self.stated or self.cumulative or self.killed.best in (None, 0):
            return False
        if _SOLE.search(self.killed.text):
            return False
        if _RISEN.search(earlier.text):
            return False  # "the toll has risen to 13 ... two more bodies were pulled out": already counted
        if self.additional:
            return True
        if _HOSTAGE_WORDS.search(self.killed.text) and not _HOSTAGE_WORDS.search(earlier.text):
            return True  # "Three officers were killed and four abducted. All four hostages were killed later."
        return bool(_PERP_WORDS.search(self.killed.text)) and not _PERP_WORDS.search(earlier.text) \
            and not _VICTIM_WORDS.search(self.killed.text)


_RISEN = re.compile(r"\b(?:ris(?:en|e|es)|rose|climb(?:ed|s)?|increased|jumped|reached|reaches|mounted|now\s+stands?)\s+(?:to\s+|at\s+)?"
                    r"(?:at\s+least\s+|more\s+than\s+)?\w+$", re.I)


def _word_value(w: str) -> int | None:
    w = re.sub(r"\s+", " ", w.lower().strip())
    if w in _UNITS:
        return _UNITS[w]
    if "-" in w or " " in w:
        parts = re.split(r"[\s-]", w)
        if all(p in _UNITS for p in parts):
            return sum(_UNITS[p] for p in parts)
    return None


def _value(s: str) -> int | None:
    s = s.strip()
    if re.fullmatch(_DIG, s):
        return int(s.replace(",", ""))
    n = _word_value(s)
    if n is not None:
        return n
    if s.lower() in ("death", "body", "corpse", "head", "driver", "owner", "operator", "official", "councillor",
                     "activist", "businessman", "journalist") or re.fullmatch(_SINGULAR, s, re.I):
        return 1
    if re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}", s):
        return 1  # a named person
    return None


def _figure(m: re.Match[str]) -> Figure | None:
    g = m.groupdict()
    qual = (g.get("qual") or "").lower()
    if g.get("r1") or g.get("b1"):
        a = _value(g.get("r1") or g["b1"])
        b = _value(g.get("r2") or g["b2"])
        if a is None or b is None or a > b:
            return None
        return Figure(a, b, b, m.start(), m.end(), m.group(0))
    if g.get("vague"):
        low, best, high = _VAGUE[re.sub(r"\s+", " ", g["vague"].lower())]
        return Figure(low, best, high, m.start(), m.end(), m.group(0))
    if g.get("num2") or g.get("num3"):
        return Figure(1, 1, 1, m.start(), m.end(), m.group(0))
    if not g.get("num"):
        return None
    n = _value(g["num"])
    if n is None:
        return None
    if g["num"].lower() in ("a", "an", "single") and g.get("verb", "").lower() in ("fatalities", "deaths", "casualties", "lives", "bodies"):
        return None
    low, best, high = n, n, n
    if qual in ("at least", "more than", "over", "a total of") or qual.startswith("a further") or qual in ("another", "further", "other"):
        high = None
    elif qual in ("up to", "as many as", "fewer than", "less than"):
        low = 0 if qual.startswith(("fewer", "less")) else 1
    elif qual in ("nearly", "almost", "around", "about", "approximately", "some", "an estimated", "roughly"):
        low, high = int(n * 0.9), int(n * 1.1 + 0.5)
    return Figure(low, best, high, m.start(), m.end(), m.group(0))


_ALLEGED = re.compile(r"\b(?:suspected|accused|charged|convicted|arrested|sentenced|jailed|detained|wanted|tried|"
                      r"prosecuted|indicted|guilty)\s+(?:\w+\s+)?(?:of|for|with|over|in)\s+(?:the\s+)?$", re.I)


_OBJECT_START = re.compile(r"\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|\d+|"
                           r"several|dozens|scores|hundreds|many|him|them|[A-Z][a-z]+)\b")


def _active(text: str, m: re.Match[str]) -> bool:
    """'N men killed/shot and killed/murdered X': the number counts the killers, not the dead."""
    g = m.groupdict()
    if "aux" not in g or re.search(r"\b(?:were|was|been|are|got)\b", g.get("aux") or "", re.I):
        return False
    verb = (g.get("verb") or "").lower()
    if verb not in ("killed", "shot and killed", "shot dead", "murdered", "executed", "beheaded", "massacred", "slain"):
        return False
    return bool(_OBJECT_START.match(text[m.end():]))


def _bad_context(text: str, m: re.Match[str]) -> bool:
    """Numbers that are not head counts: years, ages, hours, distances."""
    num = m.groupdict().get("num") or m.groupdict().get("r1") or ""
    if re.fullmatch(r"(?:19|20)\d\d", num or ""):
        return True
    prev = re.search(r"([\w.]+)\s*$", text[max(0, m.start("num") - 20):m.start("num")]) if num.isdigit() else None
    if prev and _names_number(prev.group(1)):
        return True  # "Unit 204 officers were killed": a unit's number, not a head count
    if _ALLEGED.search(text[max(0, m.start() - 40):m.start()]):
        return True  # "arrested a man suspected of killing a trader": an old crime, not this event's toll
    after = text[m.start("num") if m.groupdict().get("num") else m.start():m.end()]
    if re.search(r"\b(?:years?|hours?|km|kilomet|miles?|percent|%|days?|weeks?|months?)\b", after, re.I):
        return True
    if re.match(r"\s*(?:years?|hours?|km|kilomet\w*|miles?|metres?|meters?|percent|%|days?|weeks?|months?|minutes?|times|"
                r"o'clock|a\.?m\b|p\.?m\b)", text[m.end():], re.I):
        return True  # "executed two days later"
    return False


_SIMPLE = rf"(?:\d+|{_WORDNUM})"
_IN_ADDITION = re.compile(rf"\b(?:in\s+addition(?:,?\s+to)?|besides|not\s+counting|excluding|apart\s+from|as\s+well\s+as)\s+"
                          rf"(?:the\s+deaths?\s+of\s+)?(?:(?:at\s+least|more\s+than|some)\s+)?(?:(?P<the>the|a|an)\s+)?(?:(?P<n>{_SIMPLE})\s+)?"
                          r"(?:(?:suicide|armed|other)\s+)?(?P<who>assailants?|bombers?|attackers?|perpetrators?|gunm[ae]n|hijackers?)\b"
                          r"|\bin\s+addition\s+to\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*,", re.I)
_PAIR = re.compile(
    rf"\b(?:(?:at\s+least|more\s+than|some|about)\s+)?(?P<n1>{_SIMPLE})\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE.replace('(?:(?!', '(?:(?!', 1)}\s*,?\s+and\s+"
    rf"(?:(?P<n2>{_SIMPLE})\s+)?(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:also\s+)?"
    rf"(?P<kind>killed|dead|died|injured|wounded|hurt)\b", re.I)


_NOUN_PAIR = re.compile(rf"\b(?P<n1>{_DIG}|{_WORDNUM})\s+(?:[\w-]+\s+){{0,3}}?and\s+(?P<n2>{_DIG}|{_WORDNUM})\s+(?:[\w-]+\s+){{0,2}}?"
                        r"(?P<kind>fatalit(?:y|ies)|deaths|dead)\b", re.I)


def _pairs(text: str, out: "Casualties") -> None:
    """'Two police officers and six assailants were killed': both groups count."""
    for m in _NOUN_PAIR.finditer(text):  # "resulting in 25 rebel and 6 military fatalities"
        if re.search(r"\b(?:killed|dead|died|injured|wounded|and)\b", text[m.start("n1"):m.start("n2")][:-4], re.I):
            continue
        a, b = _value(m.group("n1")), _value(m.group("n2"))
        if a and b and a < 1000 and not re.fullmatch(r"(?:19|20)\d\d", m.group("n1")):
            out.killed = Figure(a + b, a + b, a + b, m.start(), m.end(), m.group(0))
    for m in _PAIR.finditer(text):
        a = _value(m.group("n1"))
        b = _value(m.group("n2")) if m.group("n2") else 1
        if a is None or b is None:
            continue
        fig = Figure(a + b, a + b, a + b, m.start(), m.end(), m.group(0))
        if m.group("kind").lower() in ("killed", "dead", "died"):
            if out.killed is None or out.killed.start >= m.start():
                out.killed = fig
        elif out.injured is None or out.injured.start >= m.start():
            out.injured = fig


def find_casualties(text: str, sent: "Span | None" = None, before: str = "") -> Casualties:
    """Killed and injured figures in one sentence or short passage.

    `sent`, the sentence's spaCy parse, lets the victims of a death or injury verb be counted
    where no number is written ("a man was stabbed to death", "Hakim and his son were killed").
    `before`, the article text up to the sentence, resolves "the hostages were executed" to the
    number abducted and "N killed across the attacks" in "one of three attacks" to a share.
    """
    out = _from_text(text)
    if sent is not None and not out.cumulative:
        _add_parsed(out, sent, before)
    _in_addition(out, text, before)
    _coded(out, text)
    _share(out, text, before)
    if out.killed is not None and not out.stated and _EITHER.search(text):
        out.killed = None  # "5 militants were killed, injured or captured": no count of the dead
    out.additional = bool(_ADDITIONAL.search(text)) or (
        out.killed is not None and bool(_MORE.search(text[max(0, out.killed.start - 8):out.killed.end])))
    return out


_EITHER = re.compile(r"\b(?:killed|dead),?\s+(?:(?:injured|wounded|captured|arrested|detained)\s*,?\s+)?(?:or|and/or)\s+"
                     r"(?:injured|wounded|captured|arrested|detained|missing)\b", re.I)
_MORE = re.compile(r"\b(?:also|another|other|further|additional)\b|\bmore\b(?!\s+than)", re.I)


_ADDITIONAL = re.compile(r"^\W*(?:in\s+addition|additionally|also|moreover|besides|furthermore)\s*,(?!\s*to\b)|"
                         r"\b(?:was|were|had\s+been|have\s+been)\s+also\s+(?:[\w-]+\s+){0,4}?(?:killed|shot\s+dead|executed|died)\b|"
                         r"\balso\s+(?:killed|died|shot\s+dead|shot\s+and\s+killed)\b", re.I)
_HOSTAGE_WORDS = re.compile(r"\b(?:hostages?|captives?|abductees?|kidnapp?ed|abducted)\b", re.I)
_SOLE = re.compile(r"\bonly\b", re.I)  # "the assailant was the only casualty" restates the toll
_PERP_WORDS = re.compile(r"\b(?:assailants?|attackers?|(?:suicide\s+)?bombers?|gunm[ae]n|perpetrators?|hijackers?|himself|herself|"
                         r"themselves|committed)\b", re.I)
_VICTIM_WORDS = re.compile(r"\b(?:people|persons?|civilians?|soldiers?|officers?|policem[ae]n|guards?|victims?|children|women|"
                           r"workers?|residents?|villagers?|passengers?|personnel|troops)\b", re.I)


_OTHER_KIND = {"k": re.compile(r"\s+(?:injured|wounded|hurt)\b(?!\s+(?:people|persons|civilians|soldiers|men|women|children))", re.I),
               "i": re.compile(r"\s+(?:killed|dead)\b(?!\s+(?:people|persons|civilians|soldiers|men|women|children))", re.I)}


_OTHER_WORDS = {"k": {"injured", "wounded", "hurt"}, "i": {"killed", "dead"}}


def _from_text(text: str) -> Casualties:
    out = Casualties(cumulative=bool(_CUMULATIVE.search(text)))
    _pairs(text, out)
    paired = (out.killed, out.injured)
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            if _bad_context(text, m):
                continue
            fig = _figure(m)
            if fig is None:
                continue
            if _active(text, m):
                continue  # "Three gunmen shot and killed a officer": the gunmen are the killers
            if re.match(_OTHER_KIND[kind], text[m.end():]):
                continue  # "23 Killed Over 100 Injured": the 100 are the injured, not more dead
            verb = (m.groupdict().get("verb") or m.groupdict().get("dead") or "").lower()
            if verb == "casualties":  # "casualties" may mean killed and injured: count as killed only when alone
                pass
            if (kind == "k" and paired[0] is not None and _overlap(paired[0], fig)) or \
                    (kind == "i" and paired[1] is not None and _overlap(paired[1], fig)):
                continue  # already counted as a pair
            if kind == "k":
                if out.killed is None or fig.start < out.killed.start:
                    # Two killed-figures in one sentence ("2 soldiers and 3 civilians were killed") add up.
                    if out.killed is not None and not _overlap(out.killed, fig) and \
                            (fig.best != out.killed.best or _joined(text, out.killed, fig)):
                        out.killed = _add(out.killed, fig)
                    else:
                        out.killed = fig
                elif not _overlap(out.killed, fig) and _joined(text, out.killed, fig):
                    out.killed = _add(out.killed, fig)
            else:
                if out.injured is None:
                    out.injured = fig
                elif not _overlap(out.injured, fig) and _joined(text, out.injured, fig):
                    out.injured = _add(out.injured, fig)
    if out.killed is None and _NO_DEATHS.search(text):
        none = _NO_DEATHS.search(text)
        assert none
        out.killed = Figure(0, 0, 0, none.start(), none.end(), none.group(0))
    if _NONE.search(text) and not _NO_DEATHS.search(text):
        none = _NONE.search(text)
        assert none
        if out.killed is None and re.search(r"casualties|harmed", none.group(0), re.I):
            out.killed = Figure(0, 0, 0, none.start(), none.end(), none.group(0))
        if out.injured is None and re.search(r"casualties|hurt|injur|harmed", none.group(0), re.I):
            out.injured = Figure(0, 0, 0, none.start(), none.end(), none.group(0))
    elif out.injured is None and _NOT_INJ.search(text):
        none = _NOT_INJ.search(text)
        assert none
        out.injured = Figure(0, 0, 0, none.start(), none.end(), none.group(0))
    return out


def _in_addition(out: Casualties, text: str, before: str) -> None:
    """'In addition to the two assailants, four people were killed': the attackers died too."""
    extra = _IN_ADDITION.search(text)
    if not extra or out.killed is None or out.killed.start < extra.end() or out.cumulative:
        return
    if extra.group("name"):
        if extra.group("name").lower() in ("the", "a", "an") or not extra.group("name")[0].isupper():
            return
        n: int | None = 1  # "In addition to Khan, one civilian was killed"
    elif extra.group("n"):
        n = _value(extra.group("n"))
    elif extra.group("who").lower().endswith(("s", "men")):  # "the assailants": as many as the story said attacked
        found = list(re.finditer(rf"\b(?P<num>{_SIMPLE})\s+(?:[\w'-]+\s+){{0,2}}?{_PERPETRATORS}", before[-800:], re.I))
        n = _value(found[-1].group("num")) if found else None
    else:
        n = 1
    if not n:
        return
    k = out.killed
    out.killed = Figure(None if k.low is None else k.low + n, None if k.best is None else k.best + n,
                        None if k.high is None else k.high + n, k.start, k.end, k.text)


def _overlap(a: Figure, b: Figure) -> bool:
    return a.start < b.end and b.start < a.end


def _joined(text: str, a: Figure, b: Figure) -> bool:
    """Two figures of one kind joined by 'and' ("2 soldiers and 3 civilians were killed")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end:second.start]
    return len(between) < 30 and bool(re.fullmatch(r"[\s,]*(?:and|as\s+well\s+as|plus)?[\s,]*", between))


def _add(a: Figure, b: Figure) -> Figure:
    return added(a, b)


def added(a: Figure, b: Figure) -> Figure:
    """Two tolls of different people, summed."""
    def plus(x: int | None, y: int | None) -> int | None:
        return None if x is None or y is None else x + y
    return Figure(plus(a.low, b.low), plus(a.best, b.best), plus(a.high, b.high), min(a.start, b.start),
                  max(a.end, b.end), a.text + " + " + b.text)



# --- counting the victims of a death or injury verb on the parse ---------------------------------

_KILL_LEMMAS = {"kill", "assassinate", "murder", "behead", "lynch", "slay", "massacre", "decapitate",
                "execute", "strangle", "gun"}
_DIE_LEMMAS = {"die", "perish", "succumb"}
_INJURE_LEMMAS = {"injure", "wound", "hurt", "maim"}
_DEATH_OUTCOME = {"result", "lead", "cause", "confirm", "leave", "bring", "addition"}
_DEATH_NOUNS = {"death", "killing", "murder", "assassination", "execution", "beheading", "lynching"}
_CASUALTY_NOUNS = {"casualty", "fatality", "victim", "death"}
_DEAD_WORDS = {"dead", "death"}
# singular nouns that name several people, and words that are not victims at all
_COLLECTIVE = {"family", "group", "crew", "team", "unit", "convoy", "patrol", "squad", "platoon", "battalion", "company",
               "gang", "cell", "household", "force", "army", "police", "militia", "population", "community", "village",
               "personnel", "staff", "number", "majority", "dozen", "score", "crowd", "mob", "delegation", "contingent",
               "detachment", "brigade", "regiment", "division", "column", "party", "tribe", "clan", "network", "plan",
               "attack", "operation", "raid", "order", "sentence", "ceasefire", "truce", "deal", "talk", "bill",
               "animal", "cattle", "cow", "goat", "dog", "livestock", "camel", "donkey", "horse", "sheep"}
_NOT_VICTIMS = {"injuring", "wounding", "injury", "wound", "abduction", "kidnapping", "arrest", "destruction", "looting",
                "burning", "damage", "displacement", "disappearance", "torture", "rape"}
_PLACE_WORDS = {"province", "city", "district", "village", "area", "town", "region", "state", "county", "neighbourhood",
                "neighborhood", "camp", "market", "street", "road", "highway", "municipality", "governorate", "division"}
_PERSON_PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1, "himself": 1, "herself": 1}
_NOT_HAPPENED = {"attempt", "try", "plan", "threaten", "vow", "seek", "want", "intend", "fail", "aim", "plot", "order",
                 "accuse", "charge", "suspect", "arrest", "convict", "sentence", "deny", "blame", "investigate",
                 "detain", "prevent", "foil", "thwart", "avert", "warn", "fear", "urge", "call", "demand", "condemn",
                 "threat"}
_MODALS = vocab.lemmas("modals")
_RELATIVE = {"who", "that", "which", "whom"}
_ABDUCTED = re.compile(rf"\b(?:abduct\w*|kidnapp?\w*|seiz\w*|captur\w*|took|taken|hostage\w*)\s+(?:hostage\s+)?{NUM}\s+(?:[\w'-]+\s+){{0,3}}?"
                       r"(?:people|persons|civilians|soldiers|officers|policemen|men|women|children|workers|employees|"
                       r"passengers|students|villagers|residents|members|personnel|hostages|individuals|farmers|guards|"
                       r"officials|traders|teachers|journalists|contractors|engineers|drivers|travell?ers|fishermen)\b", re.I)


_STREET = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "highway", "route", "way",
           "court", "place", "square", "block"}


def _number_word(tok: "Token") -> int | None:
    if not (tok.like_num or tok.lower_ in _UNITS) or _label(tok):
        return None
    return _value(tok.text)


def _label(tok: "Token") -> bool:
    """A number that names or dates rather than counts: a year ("15 July 2015 Abu ... was killed"; a count that
    large is written "2,000"), a unit, route or house number ("Unit 204", "Highway 1", "1200 East Franklin Road")."""
    if re.fullmatch(r"(?:1[89]|20)\d\d", tok.text):
        return True
    doc = tok.doc
    if tok.i > 0 and _names_number(doc[tok.i - 1].text):
        return True  # "Unit 204 officers": the number belongs to the name before it
    for k in range(tok.i + 1, min(len(doc), tok.i + 5)):  # "1200 East Franklin Road": a house number
        if doc[k].lower_.rstrip(".") in _STREET and doc[k].is_title:
            return all(doc[j].is_title for j in range(tok.i + 1, k))
        if not doc[k].is_title:
            break
    return False


def _count_one(tok: "Token", before: str) -> int | None:
    """People one conjunct of a victim phrase stands for: 'a man' 1, 'three civilians' 3, 'both' 2."""
    low = tok.lower_
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
        return None
    if tok.tag_ == "CD" or (tok.pos_ == "NUM" and tok.like_num):
        return _number_word(tok)
    if low in ("one", "both"):
        return 1 if low == "one" else 2
    for left in tok.lefts:  # "three Afghan Local Police officers": the number may hang off a name inside the phrase
        num = next((x for x in left.subtree if x.dep_ == "nummod" and x.head.i < tok.i and x.head.tag_ in ("NNP", "NNPS")
                    and x.nbor(1).text != "-"), None)
        if num is not None:
            return _number_word(num)
    for c in tok.children:
        if c.dep_ == "nummod":
            return None if c.nbor(1).text == "-" else _number_word(c)  # "a 48-year-old man" is not 48 people
        if c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj"):
            return 2
        if c.lower_ in ("no", "any", "some", "several", "many", "all", "dozens", "hundreds", "scores", "other"):
            return None
    if tok.pos_ == "PRON":
        return _PERSON_PRONOUNS.get(low)
    if tok.tag_ == "NNP" or (tok.tag_ == "NNS" and tok.text[:1].isupper() and not tok.lower_.endswith("s")):
        # a person's name, even where the gazetteer took it for a town or the tagger for a plural
        return None if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY") else 1
    if tok.tag_ == "JJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and low not in ("dead", "injured", "wounded") \
            and any(c.lower_ in ("the", "a", "an") for c in tok.children):
        return 1  # "the other died", "the death of the local"
    if tok.tag_ == "NN":
        if tok.lemma_.lower() in _COLLECTIVE or low in _COLLECTIVE:
            return 2 if low == "couple" else None
        return 1
    if tok.tag_ == "NNS" and before and any(c.lower_ in ("the", "these", "those") for c in tok.children):
        return _antecedent(tok, before)
    return None


_NOT_A_NAME = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon", "tue", "wed",
               "thu", "fri", "sat", "sun", "the", "and", "but", "all", "som", "abo", "at", "ove", "nea", "up", "a", "an",
               "in", "on", "by", "wit", "aft", "whe", "los", "we", "it"}


def _names_number(word: str) -> bool:
    """A Title-case word right before a number names it ("Unit 204", "Route 7"); months, weekdays and
    sentence-openers ("About 20", "All 12") do not."""
    return word.istitle() and word.isalpha() and word.lower()[:3] not in _NOT_A_NAME
_PERPETRATORS = r"(?:assailants|attackers|bombers|gunmen|perpetrators)"


def _antecedent(tok: "Token", before: str) -> int | None:
    """'The hostages were executed' after 'abducted three civilians': 3; 'the officers' after 'two officers': 2."""
    recent = before[-700:]
    if tok.lemma_.lower() in ("hostage", "captive", "abductee", "victim", "body"):
        found = list(_ABDUCTED.finditer(recent))
        if found:
            fig = _figure(found[-1])
            return fig.best if fig is not None and fig.low == fig.high else None
        return None
    noun = _PERPETRATORS if tok.lemma_.lower() in ("assailant", "attacker", "bomber", "gunman", "perpetrator") else re.escape(tok.lower_)
    same = list(re.finditer(rf"\b(?P<num>{_DIG}|{_WORDNUM})\s+(?:[\w'-]+\s+){{0,2}}?{noun}\b", recent, re.I))
    if same:
        n = _value(same[-1].group("num"))
        return n if n not in (None, 0) and not re.fullmatch(r"(?:19|20)\d\d", same[-1].group("num")) else None
    return None


def _count_np(head: "Token", before: str) -> int | None:
    total = 0
    parts = [head, *head.conjuncts]
    if not any(c.dep_ == "cc" or c.lower_ in ("and", "&") for p in parts for c in p.children):
        parts = [head]  # "Maria in Taquara, Rio de Janeiro": a list without 'and' is places, not people
    for c in head.children:  # "One officer, one soldier, and three assailants": a list the parser read as apposition
        if c.dep_ == "appos" and any(x.dep_ == "nummod" for x in c.children) and any(x.dep_ == "nummod" for x in head.children) \
                and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ",":
            parts += [c, *c.conjuncts]
    for part in parts:
        if part is not head and (part.pos_ == "VERB" or part.lemma_.lower() in _DEATH_NOUNS | _NOT_VICTIMS | _PLACE_WORDS
                                 or (part.ent_type_ in ("GPE", "LOC", "FAC") and head.tag_ != "NNP")):
            continue  # "the killing of 1 member and the injuring of 3 others"; "a man in X city, Y province"
        n = _count_one(part, before)
        if n is None:
            return None
        total += n
    return total


def _subjects(verb: "Token") -> list["Token"]:
    """The victims of a passive or intransitive verb, through 'was shot and died' and relative clauses."""
    v = verb
    for _ in range(4):
        subjs = [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj") and c.ent_type_ not in ("DATE", "TIME")
                 and not (c.tag_ == "CD" and any(x.ent_type_ == "DATE" for x in c.children))]  # not "8 May"
        if len(subjs) > 1:  # "On 6 May, in X, Y, a man was killed": the parser's extra subjects are places
            subjs = [c for c in subjs if c.ent_type_ not in ("GPE", "LOC", "FAC")] or subjs[:1]
        if subjs:
            if subjs[0].lower_ in _RELATIVE and v.dep_ == "relcl":
                return [v.head]
            out = [subjs[0]]
            for extra in subjs[1:]:  # "18 assailants, one civilian, and one member were killed" (parsed as two subjects)
                between = v.doc[subjs[0].i:extra.i]
                if not any(t.lower_ in ("including", "among", "includes", "included") for t in between):
                    out.append(extra)
                else:  # "14 officers, including the chief, and 25 assailants": more than the first group holds
                    first, more = _count_np(subjs[0], ""), _count_np(extra, "")
                    if first is not None and more is not None and more > first:
                        out.append(extra)
            return out
        if v.dep_ in ("conj", "advcl", "xcomp", "oprd", "ccomp") and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
            continue
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            return [v.head]
        return []
    return []


def _unreal(verb: "Token") -> bool:
    """Negated, modal, attempted or alleged-crime readings: 'was not killed', 'tried to kill', 'accused of killing'."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    tok = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
            return True
        if tok is not verb and tok.lemma_.lower() in _NOT_HAPPENED:
            return True
        if tok.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "ccomp") or tok.head is tok:
            return False  # a coordinated verb ("was detained and later found killed") is a fact of its own
        tok = tok.head
    return False


def _victims(tok: "Token") -> tuple[str, list["Token"]] | None:
    """('k' or 'i', the heads of the victim phrases) when `tok` says people died or were hurt."""
    got = _victims_of(tok)
    if got is None:
        return None
    clause = tok
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ in ("relcl", "acl") and clause.head in got[1] and clause.head.dep_ not in ("nsubj", "nsubjpass", "ROOT", "appos"):
        return None  # "justice for a youth who was killed", "the family of a man who died": the story's background
    return got


def _victims_of(tok: "Token") -> tuple[str, list["Token"]] | None:
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    if lemma == "commit" and any(c.dep_ == "dobj" and c.lower_ == "suicide" for c in kids):
        subj = _subjects(tok)  # "he turned the gun on himself and committed suicide"
        return ("k", subj) if subj else None
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids) or \
            (tok.tag_ == "VBN" and tok.dep_ in ("conj", "advcl", "acl", "relcl", "oprd", "xcomp", "ccomp"))
        to_death = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in kids)
        dead = any(c.lower_ in _DEAD_WORDS and c.dep_ in ("oprd", "acomp", "advmod", "dobj", "xcomp", "ccomp", "attr") for c in kids)
        if lemma in _DIE_LEMMAS:
            kind = "k"
        elif lemma in _KILL_LEMMAS or to_death or (dead and lemma in ("shoot", "find", "pronounce", "leave", "declare",
                                                                           "confirm", "gun", "stab", "beat", "report")):
            kind = "k"
            if lemma == "gun" and not any(c.lower_ == "down" for c in kids):
                return None
        elif lemma in _INJURE_LEMMAS:
            kind = "i"
        else:
            return None
        if lemma in _DIE_LEMMAS or passive or (lemma == "find" and dead):
            heads = _subjects(tok)
        else:
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            heads = [obj] if obj is not None else []
        if lemma == "execute" and heads and heads[0].tag_ == "NN" and heads[0].lower_ not in _SINGULAR_WORDS:
            return None  # "executed an attack"
        for c in kids:  # "was killed along with his driver"
            if c.lower_ in ("along", "together") and c.dep_ in ("prt", "advmod", "prep"):
                w = next((x for x in kids if x.dep_ == "prep" and x.lower_ == "with"), None) or \
                    next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "with"), None)
                obj = next((x for x in w.children if x.dep_ == "pobj"), None) if w is not None else None
                if obj is not None:
                    heads.append(obj)
        return (kind, heads) if heads else None
    if tok.pos_ == "NOUN" and lemma in _DEATH_NOUNS:
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov.lemma_.lower() not in _DEATH_OUTCOME:
            return None  # "a witness to the murder of X" tells of another crime; "resulted in the death of X" of this one
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            return "k", [obj]
        return None
    if lemma in _CASUALTY_NOUNS and tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(c.lower_ == "only" for c in tok.subtree):
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # "the assailant was the only casualty"
        return ("k", [subject]) if subject is not None else None
    return None


_SINGULAR_WORDS = set(re.findall(r"[a-z]+", _SINGULAR)) | {"hostage", "captive", "prisoner", "detainee", "inmate", "spy",
                                                          "informant", "collaborator"}


def _parsed(sent: "Span", before: str) -> dict[str, tuple[int, int, int, str]]:
    """Victim counts per kind on the parse: {kind: (count, start, end, text)} in sentence offsets."""
    found: dict[str, list[tuple[int, int, int, Token]]] = {"k": [], "i": []}
    seen: set[int] = set()
    for tok in sent:
        got = _victims(tok)
        if got is None or _unreal(tok):
            continue
        kind, heads = got
        for h in heads:
            if h.i in seen:
                continue
            if h.like_num and h.i + 1 < len(h.doc) and h.doc[h.i + 1].lower_ in _OTHER_WORDS[kind]:
                continue  # "23 Killed Over 100 Injured": the 100 belong to the next word
            if h.pos_ == "PRON" and h.lower_ not in ("himself", "herself") and found[kind]:
                continue  # "a man was shot and he died": one victim
            n = _count_np(h, before)
            if n is None:
                return {}  # an uncounted group ("soldiers were killed"): leave the sentence to the text patterns
            seen.add(h.i)
            sub = list(h.subtree)
            first, last = min(sub[0], tok, key=lambda t: t.i), max(sub[-1], tok, key=lambda t: t.i)
            found[kind].append((n, first.idx - sent.start_char, last.idx + len(last) - sent.start_char, h))
    out = {}
    for kind, items in found.items():
        items = _retold(items, sent)
        if items:
            start, end = min(x[1] for x in items), max(x[2] for x in items)
            out[kind] = (sum(x[0] for x in items), start, end, sent.text[start:end])
    return out


_GENERIC_VICTIMS = {"people", "person", "persons", "civilian", "civilians"}


def _generic(tok: "Token") -> bool:
    return tok.like_num or tok.pos_ != "NOUN" or tok.lower_ in _GENERIC_VICTIMS


def _retold(items: list[tuple[int, int, int, "Token"]], sent: "Span") -> list[tuple[int, int, int, "Token"]]:
    """The same count told again in one run-on passage ("Bomb attack kills 31 ... -A bomb attack killed
    31 people"): once. Equal counts of different people ("2 soldiers and 2 civilians", two common
    nouns) still add up."""
    out: list[tuple[int, int, int, "Token"]] = []
    for item in items:
        n, _, _, h = item
        if any(n == m and n > 1 and (h.lemma_.lower() == g.lemma_.lower() or "NOUN" not in (h.pos_, g.pos_)
                                     or (_generic(h) and _generic(g)))
               for m, _, _, g in out):
            continue
        out.append(item)
    return out


def _add_parsed(out: Casualties, sent: "Span", before: str) -> None:
    got = _parsed(sent, before)
    for kind, (n, start, end, text) in got.items():
        qual = re.match(r"(?:at\s+least|more\s+than|over|a\s+total\s+of)\b", text, re.I)
        fig = Figure(n, n, None if qual else n, start, end, text)
        cur = out.killed if kind == "k" else out.injured
        if cur is None:
            pass
        elif cur.low == cur.best == cur.high and cur.best is not None and n > cur.best and _overlap(cur, fig):
            pass  # "Commander X and one of his bodyguards were killed": 2, not the 1 the text pattern saw
        else:
            continue
        if kind == "k":
            out.killed = fig
        else:
            out.injured = fig


# --- tolls stated for several events ---------------------------------------------------------------

_CODED = re.compile(rf"\b(?:total\s+|unknown\s+|several\s+)?(?:number\s+of\s+)?fatalit(?:y|ies)\s+(?:are\s+|were\s+|was\s+|is\s+)?"
                    rf"coded\s+(?:as|at|to)\s+(?P<n>{_DIG})\b(?P<rest>[^.;]*)", re.I)
_SPLIT_K = re.compile(rf"\bfatalit\w*\s+(?:are\s+|were\s+)?(?:split|divided|coded)\s+(?:equally\s+)?(?:across|between|among)\s+"
                      rf"(?P<n>{_DIG}|{_WORDNUM})\s+events?\s*\(\s*(?P<k>{_DIG})\s*\)", re.I)
_SPLIT = re.compile(rf"\bfatalit\w*\s+(?:are\s+|were\s+)?(?:split|divided|coded)\s+(?:equally\s+)?(?:across|between|among)\s+"
                    rf"(?:the\s+)?(?P<n>{_DIG}|{_WORDNUM})\s+events?\b", re.I)
_EACH = re.compile(rf"\bwith\s+(?P<k>{_DIG})\s+(?:fatalit\w+\s+)?coded\s+(?:to|for)\s+each\b", re.I)
_PLUS_KNOWN = re.compile(rf"\bin\s+addition\s+to\s+(?P<k>{_DIG})\s+known\s+fatalit", re.I)


def _coded(out: Casualties, text: str) -> None:
    """An event database's own note on its count: 'Fatalities coded as 4', 'split across 2 events (3)'."""
    m = _SPLIT_K.search(text)
    if m:
        k = int(m.group("k").replace(",", ""))
        out.killed, out.stated, out.cumulative = Figure(k, k, k, m.start(), m.end(), m.group(0)), True, False
        return
    m = _CODED.search(text)
    if m:
        n = int(m.group("n").replace(",", ""))
        rest = m.group("rest")
        each = _EACH.search(rest)
        plus = _PLUS_KNOWN.search(rest)
        if each:
            n = int(each.group("k"))
        elif plus:
            n += int(plus.group("k"))
        out.killed, out.stated, out.cumulative = Figure(n, n, n, m.start(), m.end(), m.group(0)), True, False
        return
    m = _SPLIT.search(text)
    if m:
        parts = _value(m.group("n"))
        if parts and parts > 1:
            out.divide = parts


_ACROSS = re.compile(r"\bacross\s+(?:(?:all|each)\s+(?:of\s+)?)?(?:(?:the|these|those|both(?:\s+of\s+the)?)\s+)?"
                     rf"(?:(?P<n>{_DIG}|{_WORDNUM})\s+(?:of\s+the\s+)?)?"
                     r"(?:(?!(?:days?|nights?|weeks?|months?|years?|hours?|of|and|in)\b)[\w-]+\s+){0,2}?"
                     r"(?P<what>attacks|assaults|bombings|blasts|explosions|incidents|events|clashes|strikes|raids|"
                     r"ambushes|shootings|abductions|kidnappings|operations|battles|engagements)\b", re.I)
_ACROSS_TWO = re.compile(r"\bacross\s+(?:this|the)\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|bombing|blast|explosion|incident|event|clash|raid)"
                         r"\s+and\s+(?:an?|the|another)\s+(?:[\w-]+\s+){0,2}?(?:attack|assault|bombing|blast|explosion|incident|event|clash|raid)s?\b", re.I)
_ONE_OF = re.compile(rf"\bone\s+of\s+(?:at\s+least\s+)?(?:the\s+)?(?P<n>{_DIG}|{_WORDNUM})\s+(?:[\w-]+\s+){{0,3}}?"
                     r"(?:attacks|assaults|bombings|blasts|explosions|incidents|events|clashes|strikes|raids|ambushes|"
                     r"shootings|abductions|kidnappings|operations|battles|attempts|hijackings)\b", re.I)


def _share(out: Casualties, text: str, before: str) -> None:
    """'This was one of three attacks ... 12 were killed across the attacks': this event's share is 4."""
    if out.killed is None or out.stated:
        return
    if _ACROSS_TWO.search(text):  # "across this assault and an earlier attack"
        out.killed = divided(out.killed, 2)
        return
    m = _ACROSS.search(text)
    if not m:
        return
    n = _value(m.group("n")) if m.group("n") else (2 if re.search(r"\bboth\b", m.group(0), re.I) else None)
    if n is None:
        one = list(_ONE_OF.finditer(before[-1500:] + " " + text[:m.start()]))
        n = _value(one[-1].group("n")) if one else None
    if not n or n < 2:
        return
    out.killed = divided(out.killed, n)


def divided(f: Figure, n: int) -> Figure:
    """A toll shared evenly by `n` events, rounded to the nearest whole person."""
    def part(x: int | None) -> int | None:
        return None if x is None else int(math.floor(x / n + 0.5))
    return Figure(part(f.low), part(f.best), part(f.high), f.start, f.end, f"{f.text} / {n}")


# --- captured: people detained, arrested or taken prisoner -------------------------------------
_HELD_VERB = r"(?:detain(?:ed|ing)|arrest(?:ed|ing)|captur(?:ed|ing)|apprehend(?:ed|ing)|took\s+into\s+custody|taken\s+into\s+custody|taken\s+prisoner|took\s+prisoner)"
_HELD_PEOPLE = r"(?:(?:[\w'-]+\s+){0,3}?(?:people|persons?|suspects?|insurgents?|militants?|fighters?|men|women|individuals?|members?|rebels?|others?|facilitators?|financiers?|couriers?|leaders?|commanders?|gunmen|youths?|students?|protesters?|demonstrators?|activists?|civilians?|soldiers?|officers?|terrorists?|smugglers?|traffickers?|criminals?|combatants?|detainees?))"
_CAPTURE = [
    # "detained three suspected insurgents", "arrested 12 protesters", "detaining one"
    re.compile(rf"\b{_HELD_VERB}\s+{NUM}(?:\s+{_HELD_PEOPLE})?\b", re.I),
    # "three insurgents were detained", "12 people have been arrested"
    re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_HELD_PEOPLE}\s+(?:(?:were|was|have\s+been|had\s+been|are|been|also|later)\s+)*{_HELD_VERB}\b", re.I),
    # "arrested a suspect", "a man was detained"
    re.compile(rf"\b{_HELD_VERB}\s+(?P<num2>a|an|one)\s+(?:{_SINGULAR}|{_HELD_PEOPLE})\b", re.I),
    re.compile(rf"\b(?P<num2>a|an|one)\s+(?:{_SINGULAR}|{_HELD_PEOPLE})\s+(?:was|has\s+been|had\s+been)\s+{_HELD_VERB}\b", re.I),
]
_NOT_HELD = re.compile(rf"\b(?:no\s+(?:one|arrests|suspects)\s+(?:was|were|have|has)|no\s+arrests?)\b", re.I)


def find_captured(text: str) -> int | None:
    """People the text says were detained, arrested or captured (the largest single count), None when it
    says nothing of the kind. Years, unit and house numbers are not counts."""
    best: int | None = None
    for pat in _CAPTURE:
        for m in pat.finditer(text):
            if _bad_context(text, m):
                continue
            fig = _figure(m)
            if fig is None or fig.best is None:
                continue
            best = fig.best if best is None else max(best, fig.best)
    if best is None and _NOT_HELD.search(text):
        return 0
    return best


_VAGUE_WORDS = re.compile(rf"\b{_VAGUEP}", re.I)


def firmer(told: Figure | None, later: Figure | None) -> Figure | None:
    """The figure to keep when a story tells one toll twice: the first, unless it was only a word
    ("several were killed") and the later one is a number ("six fighters were killed")."""
    if told is None or later is None:
        return told or later
    if _VAGUE_WORDS.search(told.text) and not _VAGUE_WORDS.search(later.text) and later.best:
        return later
    return told
