"""Casualty figures: killed and injured as low / best / high.

Numbers come in digits or words, approximate ("dozens", "at least", "more than", "up to",
"between 5 and 7"), and in many shapes ("12 civilians were killed", "killing 3",
"left two dead", "N fatalities", "the death toll rose to 13", "no casualties").
Cumulative totals ("since the fighting began", "so far this year") are flagged so the caller
keeps them off single events.

This module is the sentence grammar of tolls (text patterns, pairs, "in addition to", the
attackers' dead) and the `Casualties` record. The layers under it, each importing only the ones
below: quantities.py (numbers, `Figure`, arithmetic), victims.py (counting victims on the parse),
tolls.py (tolls an event database states for several events).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import vocabulary as vocab
from .quantities import (DIG, NUM, SIMPLE, SINGULAR, WORDNUM, Figure, added, bad_context, divided, figure, firmer,
                         overlap, joined, value)
from .tolls import coded, shared, total
from .victims import PERPETRATORS, parsed

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["Casualties", "Figure", "added", "divided", "find_captured", "find_casualties", "firmer", "survivors"]

_PEOPLE = r"(?:(?!(?:and|or|but|were|was|in|at|on|after|when|that|which|who|left|killing|leaving|by|\d+)\b)[\w'-]+\s+){0,4}?(?:people|persons?|civilians?|soldiers?|troops|servicem[ae]n|personnel|officers?|policem[ae]n|police\s+officers?|militants?|rebels?|fighters?|insurgents?|attackers?|assailants?|gunmen|members?|children|child|women|woman|men|man|villagers?|residents?|worke?rs?|students?|protesters?|demonstrators?|others?|individuals?|pilgrims|worshippers|passengers?|farmers?|herders?|boys?|girls?|guards?|employees?|staff|journalists?|teachers?|doctors?|nurses?|victims?|migrants?|refugees?|suspects?|bodies|body|militiam[ae]n|jihadists?|terrorists?|security\s+forces|forces|members|family\s+members|relatives|youths?|teenagers?|elders?|chiefs?|leaders?|commanders?|officials?|customers|traders|shoppers|inmates|prisoners|detainees|recruits|cadets|hostages|contractors?|drivers?|spouses?|wives|wife|husbands?|sons?|daughters?|brothers?|sisters?|bodyguards?|commanders?|chiefs?|" + "|".join(vocab.nationality_plurals()) + ")"  # "three Palestinians": nationality words from demonyms.tsv

_KILLED = r"(?:killed|martyred|dead|died|fatality|death|shot\s+and\s+killed|shot\s+to\s+death|perished|slain|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|were\s+shot\s+dead|shot\s+dead|murdered|executed|beheaded|burned\s+to\s+death|massacred|fatalities|deaths|lives|bodies|casualties)"
_OF = r"(?:\s+of\s+(?:the\s+)?[A-Z][^,.;]{0,40}?)?"  # "five members of the CV (Red Command) died"
_INCL = r"(?:,\s+(?:including|among\s+them|mostly|all)\b[^.;]{0,120}?,)?"  # "four people, including a child, were killed"
_INJURED = r"(?:injured|wounded|hurt|injuries|hospitali[sz]ed|wounds)"
_PATTERNS = [
    # "the man died", "a 25-year-old woman was shot dead": one victim
    ("k", re.compile(rf"\b(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,3}}?(?P<num>{SINGULAR})\s+(?:(?:was|has|had|been|later|also|reportedly)\s+)*(?P<verb>killed|died|shot\s+dead|murdered|slain|beheaded|executed|lynched)\b", re.I)),
    # "killing the driver", "assassinated a QSD member", "resulting in his death", "the body of a man"
    ("k", re.compile(rf"\b(?:killing|killed|shot\s+and\s+killed|fatally\s+(?:shot|stabbed|wounded)|assassinat\w+|murder\w*|shot\s+dead|executed|beheaded|lynched)\s+(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,3}}?(?P<num>{SINGULAR}|driver|owner|operator|official|councillor|activist|businessman|journalist)\b", re.I)),
    # "Khitab was killed", "Jan, a police commander, was killed", "killing him": one person
    ("k", re.compile(r"(?:^|[.;]\s+|\band\s+)(?P<num>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:,[^.;]{0,100}?,)?\s+(?:was|had\s+been)\s+(?:\w+ly\s+)?"
                     r"(?:killed|shot\s+dead|murdered|assassinated|beheaded|executed|lynched)\b")),
    ("k", re.compile(r"\b(?:killing|killed|shot\s+and\s+killed|shot\s+dead|murdered|executed)\s+(?P<num2>him|her)\b", re.I)),
    # "Assailants shot and killed Abdul Wadood, a commander": one named victim
    ("k", re.compile(r"\b(?:shot\s+and\s+killed|shot\s+dead|assassinated|murdered|stabbed\s+to\s+death|beheaded)\s+(?P<num>(?:[A-Z][a-z]+\s+){1,3}[A-Z][a-z]+)\b(?=\s*[,.(])")),
    ("k", re.compile(r"\bresult\w*\s+in\s+(?:his|her)\s+(?P<num>death)\b|\b(?:the\s+)?(?:body|corpse|remains)\s+of\s+(?P<num2>a|an|one)\b|\b(?:a|an|one)\s+(?:human\s+)?(?P<num3>body|corpse|head)\b", re.I)),
    ("k", re.compile(rf"\b(?:bodies|corpses|remains)\s+of\s+{NUM}\b", re.I)),
    # "found one deceased male", "there is one dead person": the dead named by the adjective before them
    ("k", re.compile(rf"\b{NUM}\s+(?:deceased|dead)\s+(?:{SINGULAR}|males?|females?|people|persons|men|women|children|soldiers|civilians|"
                     rf"victims|bodies|adults|teens|teenagers)\b", re.I)),
    ("k", re.compile(rf"\b{NUM}\s+(?:\w+\s+)?(?:bodies|corpses)\b", re.I)),
    ("i", re.compile(rf"\b(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,2}}?(?P<num>{SINGULAR})\s+(?:(?:was|has|had|been|later|also|reportedly|seriously|critically|badly|slightly)\s+)*(?P<verb>injured|wounded|hurt)\b", re.I)),
    # "12 civilians were killed", "two soldiers died", "3 dead", "5 fatalities"
    ("k", re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_PEOPLE}?{_OF}{_INCL}\s*(?P<aux>(?:(?:were|was|have\s+been|had\s+been|are|got|been|reportedly|also|later|all)\s+)*)(?:\w+ly\s+)?(?P<verb>{_KILLED})\b", re.I)),
    ("i", re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_PEOPLE}?{_OF}{_INCL}\s*(?:(?:were|was|have\s+been|had\s+been|are|got|been|reportedly|also|later|all|seriously|critically|badly|slightly)\s+)*(?P<verb>{_INJURED})\b", re.I)),
    # "killing 3", "killed two people", "left 4 dead", "claimed 5 lives"
    ("k", re.compile(rf"\b(?:killing|killed|kill|kills|martyred|slaying|shot\s+dead|shot\s+and\s+killed|murdered|beheaded|executed|lynched|stabbed\s+to\s+death|hacked\s+to\s+death)\s+{NUM}(?:\s+{_PEOPLE})?(?:\s+(?P<dead>dead|lives))?\b", re.I)),
    # "left 4 dead", "claimed 5 lives": these verbs count the dead only with the word that says so ("left five injured" is no death)
    ("k", re.compile(rf"\b(?:leaving|left|claiming|claimed)\s+{NUM}(?:\s+{_PEOPLE})?\s+(?P<dead>dead|lives)\b", re.I)),
    ("i", re.compile(rf"\b(?:injuring|injured|wounding|wounded|injure|wound|hurting)\s+{NUM}(?:\s+{_PEOPLE})?\b", re.I)),
    # "claimed the life of a man", "claimed the lives of 12 people"
    ("k", re.compile(rf"\b(?:claim\w*|took|taking|take|cost|costing)\s+the\s+(?:life|lives)\s+of\s+(?:(?:the|a|an|one)\s+(?:[\w'-]+\s+){{0,3}}?(?P<num2>{SINGULAR})\b|{NUM})", re.I)),
    # "three others are being treated for injuries", "two were treated for gunshot wounds"
    ("i", re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_PEOPLE}?\s*(?:(?:are|were|was|is|being|have\s+been|had\s+been)\s+)+(?:\w+ly\s+)?treated\s+for\s+(?:[\w-]+\s+){{0,3}}?(?:injuries|wounds)\b", re.I)),
    # "the death toll rose to 13", "toll of 5"
    ("k", re.compile(rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\b[^.;]{{0,160}}?\b(?:(?:rose|risen|rises|climbed|climbs|increased|jumped|reached|hit|stands|stood|is|was|now)\s+(?:to|at)?|to|of|at(?=\s+(?:\d|(?:at\s+least|more\s+than|about|around|over|nearly|some|dozens|scores|hundreds|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)\b)))\s*{NUM}\b", re.I)),
    ("i", re.compile(rf"\bnumber\s+of\s+(?:injured|wounded)\b[^.;]{{0,40}}?\b(?:to|at|of|is|was)\s+{NUM}\b", re.I)),
    # "with more than 50 people injured" is covered above; "N others injured" also.
]
_NONE = re.compile(r"\b(?:no\s+(?:casualties|fatalities|deaths|injuries|one\s+was\s+(?:killed|hurt|injured))|no\s*(?:one|body)\s+(?:else\s+)?(?:was|were)\s+(?:killed|hurt|injured|harmed)|without\s+(?:casualties|injuries)|no\s+(?:\w+\s+)?(?:were|was)\s+(?:harmed|hurt|killed|injured)|(?:nobody|none)\s+(?:else\s+)?(?:was|were)\s+(?:killed|hurt|injured|harmed))\b", re.I)
_NO_DEATHS = re.compile(r"\bno\s+(?:fatalities|deaths)\b|\bno\s+(?:one|body)\s+(?:was|were)\s+killed\b|\bno\s+(?:\w+\s+)?(?:were|was)\s+killed\b", re.I)
_NOT_INJ = re.compile(r"\bno\s+injur", re.I)
_CUMULATIVE = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:start|beginning|outbreak|conflict|war|fighting|january|february|march|april|may|june|july|august|september|october|november|december|\d{4}|last\s+\w+)|"
    r"so\s+far|to\s+date|in\s+total|overall|in\s+the\s+(?:latest|current|ongoing)\s+(?:conflict|fighting|war|round)|"
    r"of\s+(?:their|its|our)\s+personnel|total\s+(?:death\s+toll|number)|cumulative|this\s+year|since\s+then|over\s+the\s+past|in\s+the\s+past\s+\w+\s+(?:days|weeks|months|years)|throughout\s+the|"
    r"across\s+the\s+country|nationwide|"
    # a span of time the toll covers: "since Syria's war started", "in the three-year-old rebellion", "from March 2011 to June 2016"
    r"since\s+(?:\w+(?:'s)?\s+){1,3}?(?:war|conflict|uprising|rebellion|revolution|insurgency|crisis)|"
    r"[\w-]+-year-old\s+(?:civil\s+)?(?:war|conflict|uprising|rebellion|revolution|insurgency|crisis)|"
    r"from\s+(?:\w+\s+)?\d{4}\s+(?:to|until|till)\s+(?:\w+\s+)?\d{4}|"
    r"(?:war|conflict|fighting|violence|insurgency|crisis|unrest|uprising)\b[^.]{0,60}\bha(?:s|ve)\s+(?:so\s+far\s+|now\s+)?(?:killed|left|claimed|cost))\b", re.I)


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
        if self.killed.best == 1 and _SELF.search(self.killed.text) and not _SELF.search(earlier.text):
            return True  # "a man killed his daughter. Then he turned the gun on himself": the shooter's own death
        if self.killed.best == earlier.best and (not self.additional or _parts_of_sum(self.killed.text)):
            # "kills 30 ... killing at least 30 pro-regime gunmen": the same dead told again; "killed 19 ... strikes
            # killed 17 while shelling killed another two": the toll told, broken down, not two more
            return False
        if _RISEN.search(earlier.text):
            return False  # "the toll has risen to 13 ... two more bodies were pulled out": already counted
        if self.additional:
            return True
        if _HOSTAGE_WORDS.search(self.killed.text) and not _HOSTAGE_WORDS.search(earlier.text):
            return True  # "Three officers were killed and four abducted. All four hostages were killed later."
        return bool(_PERP_WORDS.search(self.killed.text)) and not _PERP_WORDS.search(earlier.text) \
            and not _VICTIM_WORDS.search(self.killed.text)


_NUMERAL = re.compile(SIMPLE, re.I)   # a single token: digits or a number word


def _parts_of_sum(text: str) -> bool:
    """A figure summed from counts whose "another" joins its own parts ("killed 17 ... killed another two"),
    not one that says all of it is more ("Another 3 soldiers and 2 police officers")."""
    # numerals only: value() also reads "the assailant" as one person, and "The assailant was also killed" is one
    # more dead, not a sum of two counts
    counts = [m for m in re.finditer(r"[\w-]+", text) if m.group(0).lower() not in ("a", "an", "single", "both")
              and _NUMERAL.fullmatch(m.group(0)) and value(m.group(0)) is not None]
    return len(counts) > 1 and not _MORE.search(text[:counts[0].start()]) and bool(_MORE.search(text[counts[0].end():]))


_RISEN = re.compile(r"\b(?:ris(?:en|e|es)|rose|climb(?:ed|s)?|increased|jumped|reached|reaches|mounted|now\s+stands?)\s+(?:to\s+|at\s+)?"
                    r"(?:at\s+least\s+|more\s+than\s+)?\w+$", re.I)


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


_IN_ADDITION = re.compile(rf"\b(?:in\s+addition(?:,?\s+to)?|besides|not\s+counting|excluding|apart\s+from|as\s+well\s+as)\s+"
                          rf"(?:the\s+deaths?\s+of\s+)?(?:(?:at\s+least|more\s+than|some)\s+)?(?:(?P<the>the|a|an)\s+)?(?:(?P<n>{SIMPLE})\s+)?"
                          r"(?:(?:suicide|armed|other)\s+)?(?P<who>assailants?|bombers?|attackers?|perpetrators?|gunm[ae]n|hijackers?)\b"
                          r"|\bin\s+addition\s+to\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*,", re.I)
_PAIR = re.compile(
    rf"\b(?:(?:at\s+least|more\s+than|some|about)\s+)?(?P<n1>{SIMPLE})(?!\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s)\s+(?:[\w-]+\s+){{0,3}}?{_PEOPLE.replace('(?:(?!', '(?:(?!', 1)}\s*,?\s+and\s+"
    rf"(?:(?:at\s+least|more\s+than|some|about|around|nearly|over)\s+)?(?:(?P<n2>{SIMPLE})\s+)?(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:also\s+)?"
    rf"(?P<kind>killed|dead|died|injured|wounded|hurt)\b", re.I)


_PLURAL_AFTER_AND = re.compile(r"\band\s+(?:[\w-]+\s+){0,3}?(?:\w+s|children|men|women|people|police|personnel|staff)\s+"
                               r"(?:were|was|have|had)\b", re.I)
_NOUN_PAIR = re.compile(rf"\b(?P<n1>{DIG}|{WORDNUM})\s+(?:[\w-]+\s+){{0,3}}?and\s+(?P<n2>{DIG}|{WORDNUM})\s+(?:[\w-]+\s+){{0,2}}?"
                        r"(?P<kind>fatalit(?:y|ies)|deaths|dead)\b", re.I)


def _overlapping(pat: re.Pattern[str], text: str) -> "list[re.Match[str]]":
    """Matches that may overlap: each from the word after the previous match's start."""
    out, pos = [], 0
    while (m := pat.search(text, pos)) is not None:
        out.append(m)
        nxt = re.search(r"\s\S", text[m.start():])
        if nxt is None:
            break
        pos = m.start() + nxt.end() - 1
    return out


def _pairs(text: str, out: "Casualties") -> None:
    """'Two police officers and six assailants were killed': both groups count."""
    for m in _NOUN_PAIR.finditer(text):  # "resulting in 25 rebel and 6 military fatalities"
        if re.search(r"\b(?:killed|dead|died|injured|wounded|and)\b", text[m.start("n1"):m.start("n2")][:-4], re.I):
            continue
        a, b = value(m.group("n1")), value(m.group("n2"))
        if a and b and a < 1000 and not re.fullmatch(r"(?:19|20)\d\d", m.group("n1")):
            out.killed = Figure(a + b, a + b, a + b, m.start(), m.end(), m.group(0))
    for m in _overlapping(_PAIR, text):  # a year or a day rejected, the pair may start at the next number
        a = value(m.group("n1"))
        b = value(m.group("n2")) if m.group("n2") else 1
        if a is None or b is None or any(re.fullmatch(r"(?:19|20)\d\d", m.group(g) or "") for g in ("n1", "n2")):
            continue  # "Published July 2 2016 At least 16 civilians ...": a year
        if not m.group("n2") and _PLURAL_AFTER_AND.search(m.group(0)):
            continue  # "including women and children were killed": a group, not one more person
        fig = Figure(a + b, a + b, a + b, m.start(), m.end(), m.group(0))
        if m.group("kind").lower() in ("killed", "dead", "died"):
            if out.killed is None or out.killed.start >= m.start():
                out.killed = fig
        elif out.injured is None or out.injured.start >= m.start():
            out.injured = fig


# A headline run into its lead with nothing but the wire's stamp between them ("Twin blasts kill 30 Kurdish
# fighters in Syria Monitor AFP Monday 6 Oct 2014 At least 30 members of the YPG were killed ..."): the
# stamp, a weekday with a full date or a release line, ends the headline.
_STAMP = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(?:19|20)\d\d\b"
                    r"|\b(?:Published|Date\s+of\s+publication|Updated)\s*:?\s+(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d\b"
                    r"|\b[A-Z]{3,}(?:\s+[A-Z]{3,})?,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+\([A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+(?:19|20)\d\d)?\)")
HEADLINE_WORDS = 4  # a stamp after at least this many words has a headline before it


def _lead_after_headline(text: str, sent: "Span | None", before: str) -> "Casualties | None":
    """The lead's figures when `text` is a headline run into its lead and the lead gives a figure:
    the headline's count is the lead's, told once more (or rounded), never more dead."""
    stamp = _STAMP.search(text)
    if stamp is None or len(text[:stamp.start()].split()) < HEADLINE_WORDS or len(text[stamp.end():].split()) < 3:
        return None
    lead_sent = None
    if sent is not None:
        lead_sent = sent.doc.char_span(sent.start_char + stamp.end(), sent.end_char, alignment_mode="expand")
    lead = _find(text[stamp.end():], lead_sent, before + text[:stamp.end()])
    if lead.killed is None and lead.injured is None:
        return None
    for f in ("killed", "injured"):
        fig = getattr(lead, f)
        if fig is not None:
            setattr(lead, f, Figure(fig.low, fig.best, fig.high, fig.start + stamp.end(), fig.end + stamp.end(), fig.text))
    return lead


def find_casualties(text: str, sent: "Span | None" = None, before: str = "") -> Casualties:
    """Killed and injured figures in one sentence or short passage.

    `sent`, the sentence's spaCy parse, lets the victims of a death or injury verb be counted
    where no number is written ("a man was stabbed to death", "Hakim and his son were killed").
    `before`, the article text up to the sentence, resolves "the hostages were executed" to the
    number abducted and "N killed across the attacks" in "one of three attacks" to a share.
    """
    return _lead_after_headline(text, sent, before) or _find(text, sent, before)


def _find(text: str, sent: "Span | None", before: str) -> Casualties:
    out = _from_text(text)
    if sent is not None and not out.cumulative:
        _add_parsed(out, sent, before)
    _some_fatally(out, text)
    _multiple_killing(out, text)
    _in_addition(out, text, before)
    stated, divide = coded(text)
    if stated is None and not out.cumulative:
        stated = total(text)
    if stated is not None:
        out.killed, out.stated, out.cumulative = stated, True, False
    elif divide is not None:
        out.divide = divide
    if out.killed is not None and not out.stated:
        out.killed = shared(out.killed, text, before)
    if out.killed is not None and not out.stated and _EITHER.search(text):
        out.killed = None  # "5 militants were killed, injured or captured": no count of the dead
    out.additional = bool(_ADDITIONAL.search(text)) or (
        out.killed is not None and bool(_MORE.search(text[max(0, out.killed.start - 8):out.killed.end])))
    return out


# "four people were shot, three fatally", "4 shot, 1 fatally", "shooting five people, two of them fatally": of everyone
# hit, the dead are killed and only the rest injured (ACLED's and GVA's injuries never include the dead)
_SOME_FATALLY = re.compile(rf"\b(?:(?P<n>{SIMPLE})\s+(?:[\w'-]+\s+){{0,2}}?(?:people|persons|men|women|children|victims|others|teens|teenagers|officers|"
                           rf"students|adults)?\s*(?:(?:were|have\s+been|had\s+been|are)\s+)?(?P<verb>shot|stabbed|wounded|hit)"
                           rf"|(?P<verb2>shooting|stabbing|wounding|shot|stabbed)\s+(?P<n2>{SIMPLE})\s+(?:[\w'-]+\s+){{0,2}}?(?:people|persons|men|women|children|others)?)"
                           rf"\s*,\s*(?:(?P<k>{SIMPLE})|(?P<all>all))(?:\s+of\s+them)?\s+(?:fatally|mortally)\b", re.I)


def _some_fatally(out: Casualties, text: str) -> None:
    m = _SOME_FATALLY.search(text)
    if m is None:
        return
    hit, k = value(m.group("n") or m.group("n2")), value(m.group("k")) if m.group("k") else None
    if hit is None or re.fullmatch(r"(?:19|20)\d\d", m.group("n") or m.group("n2")):
        return
    k = hit if m.group("all") else k
    if k is None or k > hit:
        return
    out.killed = Figure(k, k, k, m.start(), m.end(), m.group(0))
    out.injured = Figure(hit - k, hit - k, hit - k, m.start(), m.end(), m.group(0))


_MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
_MULTIPLE_KILLING = re.compile(r"\b(?P<n>double|triple|quadruple|quintuple)[\s-]+(?:fatal\s+shootings?|homicides?|murders?|killings?|slayings?)\b", re.I)


_MULTIPLE_HIT = re.compile(r"\b(?P<n>double|triple|quadruple|quintuple)[\s-]+(?P<what>shooting|stabbing)s?\b", re.I)


def _multiple_killing(out: Casualties, text: str) -> None:
    """'a double homicide', 'the triple murder': two, three dead; 'a quadruple shooting': four people hit (the
    injured, less any dead the story tells: `survivors`)."""
    m = _MULTIPLE_KILLING.search(text)
    if m is not None and out.killed is None:
        n = _MULTIPLE[m.group("n").lower()]
        out.killed = Figure(n, n, n, m.start(), m.end(), m.group(0))
    m = _MULTIPLE_HIT.search(text)
    if m is not None and out.injured is None and m.group(0) not in (out.killed.text if out.killed else ""):
        n = _MULTIPLE[m.group("n").lower()]
        out.injured = Figure(n, n, n, m.start(), m.end(), m.group(0))


_HIT_ONLY = re.compile(r"\b(?:shot|stabbed|shooting|stabbing)\b", re.I)  # "died after shooting himself": one person
_NOT_HIT_ONLY = re.compile(r"\b(?:injur\w*|wound\w*|hurt|hospital\w*|survived|fatally|also|another|other|others|second|third)\b", re.I)


def survivors(killed: Figure | None, injured: Figure | None) -> Figure | None:
    """The injured of an event whose only injury figure counts the people shot ("four people were shot"
    ... "three were pronounced dead"): everyone hit, the dead included; ACLED and GVA count only the
    survivors as injured, so the dead come off. A figure told in words of injury ("wounded", "in
    hospital") or of other people ("another man was shot") is left as it is."""
    if killed is None or injured is None or killed.best is None or injured.best is None:
        return injured
    if not _HIT_ONLY.search(injured.text) or _NOT_HIT_ONLY.search(injured.text) or " + " in injured.text:
        return injured
    if not (killed.low == killed.best == killed.high and injured.low == injured.best == injured.high) or killed.best > injured.best:
        return injured
    left = injured.best - killed.best
    return Figure(left, left, left, injured.start, injured.end, injured.text)


_EITHER = re.compile(r"\b(?:killed|dead),?\s+(?:(?:injured|wounded|captured|arrested|detained)\s*,?\s+)?(?:or|and/or)\s+"
                     r"(?:injured|wounded|captured|arrested|detained|missing)\b", re.I)
_MORE = re.compile(r"\b(?:also|another|other|further|additional)\b|\bmore\b(?!\s+than)", re.I)


_ADDITIONAL = re.compile(r"^\W*(?:in\s+addition|additionally|also|moreover|besides|furthermore)\s*,(?!\s*to\b)|"
                         r"\b(?:was|were|had\s+been|have\s+been)\s+also\s+(?:[\w-]+\s+){0,4}?(?:killed|shot\s+dead|executed|died)\b|"
                         r"\balso\s+(?:killed|died|shot\s+dead|shot\s+and\s+killed)\b", re.I)
_HOSTAGE_WORDS = re.compile(r"\b(?:hostages?|captives?|abductees?|kidnapp?ed|abducted)\b", re.I)
_SELF = re.compile(r"\b(?:himself|herself)\b", re.I)
_SOLE = re.compile(r"\bonly\b", re.I)  # "the assailant was the only casualty" restates the toll
_PERP_WORDS = re.compile(r"\b(?:assailants?|attackers?|(?:suicide\s+)?bombers?|gunm[ae]n|perpetrators?|hijackers?|himself|herself|"
                         r"themselves|committed)\b", re.I)
_VICTIM_WORDS = re.compile(r"\b(?:people|persons?|civilians?|soldiers?|officers?|policem[ae]n|guards?|victims?|children|women|"
                           r"workers?|residents?|villagers?|passengers?|personnel|troops)\b", re.I)


_OTHER_KIND = {"k": re.compile(r"\s+(?:injured|wounded|hurt)\b(?!\s+(?:people|persons|civilians|soldiers|men|women|children))", re.I),
               "i": re.compile(r"\s+(?:killed|dead)\b(?!\s+(?:people|persons|civilians|soldiers|men|women|children))", re.I)}


def _from_text(text: str) -> Casualties:
    out = Casualties(cumulative=bool(_CUMULATIVE.search(text)))
    _pairs(text, out)
    paired = (out.killed, out.injured)
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            if bad_context(text, m):
                continue
            fig = figure(m)
            if fig is None:
                continue
            if _active(text, m):
                continue  # "Three gunmen shot and killed a officer": the gunmen are the killers
            if re.match(_OTHER_KIND[kind], text[m.end():]):
                continue  # "23 Killed Over 100 Injured": the 100 are the injured, not more dead
            verb = (m.groupdict().get("verb") or m.groupdict().get("dead") or "").lower()
            if verb == "casualties":  # "casualties" may mean killed and injured: count as killed only when alone
                pass
            if (kind == "k" and paired[0] is not None and overlap(paired[0], fig)) or \
                    (kind == "i" and paired[1] is not None and overlap(paired[1], fig)):
                continue  # already counted as a pair
            if kind == "k":
                if out.killed is None or fig.start < out.killed.start:
                    # Two killed-figures in one sentence ("2 soldiers and 3 civilians were killed") add up.
                    if out.killed is not None and not overlap(out.killed, fig) and \
                            joined(text, out.killed, fig):
                        out.killed = _add(out.killed, fig)
                    else:
                        out.killed = fig
                elif not overlap(out.killed, fig) and joined(text, out.killed, fig):
                    out.killed = _add(out.killed, fig)
            else:
                if out.injured is None:
                    out.injured = fig
                elif not overlap(out.injured, fig) and joined(text, out.injured, fig):
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
        n = value(extra.group("n"))
    elif extra.group("who").lower().endswith(("s", "men")):  # "the assailants": as many as the story said attacked
        found = list(re.finditer(rf"\b(?P<num>{SIMPLE})\s+(?:[\w'-]+\s+){{0,2}}?{PERPETRATORS}", before[-800:], re.I))
        n = value(found[-1].group("num")) if found else None
    else:
        n = 1
    if not n:
        return
    k = out.killed
    out.killed = Figure(None if k.low is None else k.low + n, None if k.best is None else k.best + n,
                        None if k.high is None else k.high + n, k.start, k.end, k.text)


def _add(a: Figure, b: Figure) -> Figure:
    return added(a, b)


def _add_parsed(out: Casualties, sent: "Span", before: str) -> None:
    got = parsed(sent, before)
    for kind, (n, start, end, text) in got.items():
        qual = re.match(r"(?:at\s+least|more\s+than|over|a\s+total\s+of)\b", text, re.I)
        fig = Figure(n, n, None if qual else n, start, end, text)
        cur = out.killed if kind == "k" else out.injured
        if cur is None:
            pass
        elif cur.low == cur.best == cur.high and cur.best is not None and n > cur.best and overlap(cur, fig):
            pass  # "Commander X and one of his bodyguards were killed": 2, not the 1 the text pattern saw
        else:
            continue
        if kind == "k":
            out.killed = fig
        else:
            out.injured = fig


# --- captured: people detained, arrested or taken prisoner -------------------------------------
_HELD_VERB = r"(?:detain(?:ed|ing)|arrest(?:ed|ing)|captur(?:ed|ing)|apprehend(?:ed|ing)|took\s+into\s+custody|taken\s+into\s+custody|taken\s+prisoner|took\s+prisoner)"
_HELD_PEOPLE = r"(?:(?:[\w'-]+\s+){0,3}?(?:people|persons?|suspects?|insurgents?|militants?|fighters?|men|women|individuals?|members?|rebels?|others?|facilitators?|financiers?|couriers?|leaders?|commanders?|gunmen|youths?|students?|protesters?|demonstrators?|activists?|civilians?|soldiers?|officers?|terrorists?|smugglers?|traffickers?|criminals?|combatants?|detainees?))"
_CAPTURE = [
    # "detained three suspected insurgents", "arrested 12 protesters", "detaining one"
    re.compile(rf"\b{_HELD_VERB}\s+{NUM}(?:\s+{_HELD_PEOPLE})?\b", re.I),
    # "three insurgents were detained", "12 people have been arrested"
    re.compile(rf"\b(?!(?:a|an)\s){NUM}\s+{_HELD_PEOPLE}\s+(?:(?:were|was|have\s+been|had\s+been|are|been|also|later)\s+)*{_HELD_VERB}\b", re.I),
    # "arrested a suspect", "a man was detained"
    re.compile(rf"\b{_HELD_VERB}\s+(?P<num2>a|an|one)\s+(?:{SINGULAR}|{_HELD_PEOPLE})\b", re.I),
    re.compile(rf"\b(?P<num2>a|an|one)\s+(?:{SINGULAR}|{_HELD_PEOPLE})\s+(?:was|has\s+been|had\s+been)\s+{_HELD_VERB}\b", re.I),
]
_NOT_HELD = re.compile(rf"\b(?:no\s+(?:one|arrests|suspects)\s+(?:was|were|have|has)|no\s+arrests?)\b", re.I)


def find_captured(text: str) -> int | None:
    """People the text says were detained, arrested or captured (the largest single count), None when it
    says nothing of the kind. Years, unit and house numbers are not counts."""
    best: int | None = None
    for pat in _CAPTURE:
        for m in pat.finditer(text):
            if bad_context(text, m):
                continue
            fig = figure(m)
            if fig is None or fig.best is None:
                continue
            best = fig.best if best is None else max(best, fig.best)
    if best is None and _NOT_HELD.search(text):
        return 0
    return best

