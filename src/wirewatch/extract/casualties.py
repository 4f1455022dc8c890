"""Casualty figures: killed and injured as low / best / high.

Numbers come in digits or words, approximate ("dozens", "at least", "more than", "up to",
"between 5 and 7"), and in many shapes ("12 civilians were killed", "killing 3",
"left two dead", "N fatalities", "the death toll rose to 13", "no casualties").
Cumulative totals ("since the fighting began", "so far this year") are flagged so the caller
keeps them off single events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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

_PEOPLE = r"(?:(?!(?:and|or|but|were|was|in|at|on|after|when|that|which|who|left|killing|leaving|by|\d+)\b)[\w'-]+\s+){0,4}?(?:people|persons?|civilians?|soldiers?|troops|servicem[ae]n|personnel|officers?|policem[ae]n|police\s+officers?|militants?|rebels?|fighters?|insurgents?|attackers?|assailants?|gunmen|members?|children|child|women|woman|men|man|villagers?|residents?|worke?rs?|students?|protesters?|demonstrators?|others?|individuals?|pilgrims|worshippers|passengers?|farmers?|herders?|boys?|girls?|guards?|employees?|staff|journalists?|teachers?|doctors?|nurses?|victims?|migrants?|refugees?|suspects?|bodies|body|militiam[ae]n|jihadists?|terrorists?|security\s+forces|forces|members|family\s+members|relatives|youths?|teenagers?|elders?|chiefs?|leaders?|commanders?|officials?|customers|traders|shoppers|inmates|prisoners|detainees|recruits|cadets|hostages|contractors?|drivers?|spouses?|wives|wife|husbands?|sons?|daughters?|brothers?|sisters?|bodyguards?|commanders?|chiefs?|Palestinians|Israelis|Afghans|Syrians|Iraqis|Nigerians)"

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
    ("k", re.compile(r"\bresult\w*\s+in\s+(?:his|her)\s+(?P<num>death)\b|\b(?:the\s+)?(?:body|corpse|head|remains)\s+of\s+(?P<num2>a|an|one)\b|\b(?:a|an|one)\s+(?:human\s+)?(?P<num3>body|corpse|head)\b", re.I)),
    ("k", re.compile(rf"\b(?:bodies|corpses|remains)\s+of\s+{NUM}\b", re.I)),
    ("k", re.compile(rf"\b{NUM}\s+(?:\w+\s+)?(?:bodies|corpses)\b", re.I)),
    ("i", re.compile(rf"\b(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,2}}?(?P<num>{_SINGULAR})\s+(?:(?:was|has|had|been|later|also|reportedly|seriously|critically|badly|slightly)\s+)*(?P<verb>injured|wounded|hurt)\b", re.I)),
    # "12 civilians were killed", "two soldiers died", "3 dead", "5 fatalities"
    ("k", re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_PEOPLE}?{_OF}{_INCL}\s*(?:(?:were|was|have\s+been|had\s+been|are|got|been|reportedly|also|later|all)\s+)*(?:\w+ly\s+)?(?P<verb>{_KILLED})\b", re.I)),
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


def _bad_context(text: str, m: re.Match[str]) -> bool:
    """Numbers that are not head counts: years, ages, hours, distances."""
    num = m.groupdict().get("num") or m.groupdict().get("r1") or ""
    if re.fullmatch(r"(?:19|20)\d\d", num or ""):
        return True
    after = text[m.start("num") if m.groupdict().get("num") else m.start():m.end()]
    if re.search(r"\b(?:years?|hours?|km|kilomet|miles?|percent|%|days?|weeks?|months?)\b", after, re.I):
        return True
    return False


_SIMPLE = rf"(?:\d+|{_WORDNUM})"
_IN_ADDITION = re.compile(rf"\b(?:in\s+addition\s+to|besides|not\s+counting|excluding)\s+(?:the\s+)?(?P<n>the|{_SIMPLE})\s+(?:suicide\s+)?"
                          r"(?:assailants?|bombers?|attackers?|perpetrators?|gunm[ae]n)\b", re.I)
_PAIR = re.compile(
    rf"\b(?:(?:at\s+least|more\s+than|some|about)\s+)?(?P<n1>{_SIMPLE})\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE.replace('(?:(?!', '(?:(?!', 1)}\s*,?\s+and\s+"
    rf"(?:(?P<n2>{_SIMPLE})\s+)?(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:also\s+)?"
    rf"(?P<kind>killed|dead|died|injured|wounded|hurt)\b", re.I)


def _pairs(text: str, out: "Casualties") -> None:
    """'Two police officers and six assailants were killed': both groups count."""
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


def find_casualties(text: str) -> Casualties:
    """Killed and injured figures in one sentence or short passage."""
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
            verb = (m.groupdict().get("verb") or m.groupdict().get("dead") or "").lower()
            if verb == "casualties":  # "casualties" may mean killed and injured: count as killed only when alone
                pass
            if (kind == "k" and paired[0] is not None and _overlap(paired[0], fig)) or \
                    (kind == "i" and paired[1] is not None and _overlap(paired[1], fig)):
                continue  # already counted as a pair
            if kind == "k":
                if out.killed is None or fig.start < out.killed.start:
                    # Two killed-figures in one sentence ("2 soldiers and 3 civilians were killed") add up.
                    if out.killed is not None and not _overlap(out.killed, fig):
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
    extra = _IN_ADDITION.search(text)
    if extra and out.killed is not None and out.killed.start > extra.start():
        # "In addition to the two assailants, four people were killed": the attackers died too
        n = 1 if extra.group("n").lower() in ("the", "a", "an") else (_value(extra.group("n")) or 1)
        k = out.killed
        out.killed = Figure(None if k.low is None else k.low + n, None if k.best is None else k.best + n,
                            None if k.high is None else k.high + n, k.start, k.end, k.text)
    if out.killed is None and _NO_DEATHS.search(text):
        m = _NO_DEATHS.search(text)
        assert m
        out.killed = Figure(0, 0, 0, m.start(), m.end(), m.group(0))
    if _NONE.search(text) and not _NO_DEATHS.search(text):
        m = _NONE.search(text)
        assert m
        if out.killed is None and re.search(r"casualties|harmed", m.group(0), re.I):
            out.killed = Figure(0, 0, 0, m.start(), m.end(), m.group(0))
        if out.injured is None and re.search(r"casualties|hurt|injur|harmed", m.group(0), re.I):
            out.injured = Figure(0, 0, 0, m.start(), m.end(), m.group(0))
    elif out.injured is None and _NOT_INJ.search(text):
        m = _NOT_INJ.search(text)
        assert m
        out.injured = Figure(0, 0, 0, m.start(), m.end(), m.group(0))
    return out


def _overlap(a: Figure, b: Figure) -> bool:
    return a.start < b.end and b.start < a.end


def _joined(text: str, a: Figure, b: Figure) -> bool:
    """Two figures of one kind joined by 'and' ("2 soldiers and 3 civilians were killed")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end:second.start]
    return len(between) < 30 and bool(re.fullmatch(r"[\s,]*(?:and|as\s+well\s+as|plus)?[\s,]*", between))


def _add(a: Figure, b: Figure) -> Figure:
    def plus(x: int | None, y: int | None) -> int | None:
        return None if x is None or y is None else x + y
    return Figure(plus(a.low, b.low), plus(a.best, b.best), plus(a.high, b.high), min(a.start, b.start),
                  max(a.end, b.end), a.text + " + " + b.text)
