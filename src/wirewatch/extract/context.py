"""What frames the whole story: its countries and belligerents, its lead date, agreements' parties,
and place names the gazetteer lacks."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Sequence

from spacy.tokens import Doc, Span, Token

from . import lexicon as lx
from .dates import DateMention, dateline_date, find_dates, incident_day, timed_day
from .frames import ArticleContext, VIOLENT


# A date heading the text ("05/15/2017: Assailants ...", "17 October 2020 - ...") dates what follows.
_LEAD_DATE = re.compile(r"^\s*([^:\n]{6,30}?)\s*(?::|\s[-–—])\s")

AGREEMENT_VERBS = {"agree", "sign", "reach", "broker", "declare", "enforce", "announce", "mediate", "establish", "accept",
                   "conclude", "negotiate", "implement", "seal", "strike"}

_SETTLEMENT = {"village", "town", "city", "neighbourhood", "neighborhood", "camp", "district", "area", "outskirts", "suburb",
               "countryside", "east", "west", "north", "south", "vicinity", "municipality", "commune", "locality"}


def loose_place_names(sent: Span) -> list[str]:
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


def story_lead_date(text: str, sentences: list[tuple[Span, int]], published: dt.date | None) -> DateMention | None:
    """The date that frames the story: a heading date ("05/15/2017: ...") or the first day-precise
    date of its opening sentences. Undated events take it (the first before any dated one while
    reading; the others when classified), not the day the story was published."""
    lead = _LEAD_DATE.match(text)
    if lead:
        got = find_dates(lead.group(1), published)
        release = dateline_date(text, published)
        if got and not (release is not None and got[0].date == release[0]):  # a heading that restates the release day
            return got[0]
    # the first sentence ("03 July." opening a note), then the next real ones (not shreds like "CA-044")
    opening = [sent for sent, _ in sentences[:1]] + \
        [sent for sent, _ in sentences[1:] if sum(t.is_alpha for t in sent) >= 5][:LEAD_SENTENCES - 1]
    incident = incident_day(text, published)
    if incident is not None and published is not None and not 0 <= (published - incident.date).days <= INCIDENT_DAYS:
        incident = None
    if incident is None:  # "Officers responded about 8:50 p.m. Dec. 7 and found ...": the day of the call or the shots
        incident = timed_day(text, published)
        if incident is not None and published is not None and not 0 <= (published - incident.date).days <= INCIDENT_DAYS:
            incident = None
    for k, sent in enumerate(opening):
        got = [d for d in find_dates(sent.text, published) if d.precision <= 2 and d.kind != "same_day"]
        if incident is not None and not (got and got[0].start <= 25):
            # the day told with the incident's noun ("following Thursday night's shooting") over the day of the
            # arrest, the statement or the death the opening leads with; not over a note's "On 3 May, ..."
            return incident
        if k > 0:  # past the first sentence, only the day of a recent incident ("At 10 p.m. Sunday, officers were called")
            got = [d for d in got if d.precision == 1 and (published is None or 0 <= (published - d.date).days <= 7)]
        if got:
            return got[0]
    if published is not None:
        # no day in the opening sentences read (the triage keeps only event sentences: "at 11:06 p.m. Sunday officers
        # were called" is not one): the first recent day the story's opening text tells, before the day it was filed
        got = [d for d in find_dates(text[:STORY_DAY_CHARS], published) if d.precision == 1 and d.kind != "same_day"
               and 0 <= (published - d.date).days <= 7]
        if got:
            return got[0]
    release = dateline_date(text, published)
    if release is not None:  # no day told in the opening: about the day the story was filed
        return DateMention(release[1], release[2], release[0], 2, "dateline", text[release[1]:release[2]])
    return None


INCIDENT_DAYS = 400  # an incident day further back than this is another incident the story recalls (stories of a trial tell
# the shooting of the year before: on half A of the article benchmark, GVA incident days 46-400 days old were the gold day 8
# times in 11, and timed days 4 in 4)
STORY_DAY_CHARS = 1500  # the opening text searched for a recent day when no opening sentence tells one (half A of the
# article benchmark: 1500 dated 1.8 more points of GVA stories right, 4000 1.6)
LEAD_SENTENCES = 3  # a story's opening: headline or lead, then the sentence that dates the incident


def _stamp(dates: list[DateMention], text: str) -> bool:
    """An opening date that is the story's time stamp run into its lead ("15 July 2015 Abu Abdelrahman ... was
    killed Tuesday"): bare (no "On", no comma or colon after it) and followed by a day of the sentence's own."""
    first = dates[0]
    bare = not re.search(r"\b(?:on|around|between|from|since|by|in|at|until)\s*$", text[:first.start], re.I) \
        and not re.match(r"\s*[,:;(–—-]", text[first.end:])
    return bare and any(d.precision == 1 and d.date != first.date for d in dates[1:])


def closest_date(dates: list[DateMention], trigger: Token | None, sent: Span) -> DateMention | None:
    dates = [d for d in dates if not _since(d, trigger, sent) and not _of_speech(d, trigger, sent)
             and not _of_another(d, trigger, sent)]
    if not dates:
        return None
    if dates[0].start <= 25 and dates[0].precision <= 2 and not _stamp(dates, sent.text):
        return dates[0]  # "On 3 May 2020, ..." / "Around 5 May (from 4-6 May) ...": the opening date frames the sentence
    if trigger is None or len(dates) == 1:
        return dates[0]
    pos = trigger.idx - sent.start_char
    return min(dates, key=lambda d: abs(d.start - pos))


def _of_another(d: DateMention, trigger: Token | None, sent: Span) -> bool:
    """A month or a year in a relative clause about something else ("troops of the army, which is still being formed
    after the war that ravaged the country from 1998 to 2003, guarded the court the rioters looted"): it dates that
    thing, not the event the trigger tells. (A day there is left alone: wire copy often tells the event's own day in
    a clause the parser hangs on a nearby noun.)"""
    tok = next((t for t in sent if t.idx - sent.start_char >= d.start), None)
    if tok is None or trigger is None or d.precision < 3:
        return False
    for node in [tok, *tok.ancestors]:
        if node == trigger:
            return False
        if node.dep_ == "relcl" and trigger not in (node.head, node.head.head) and trigger not in node.subtree:
            # (not about the trigger's own subject or object: "the war, which erupted in April, has killed 3,000")
            return True
    return False


def _since(d: DateMention, trigger: Token | None, sent: Span) -> bool:
    """The date is the start of a state of affairs under "since" ("the largest toll since it first
    intervened in Syria in 2016", "fighting since early February"), not the day of the event: a
    "since" phrase or clause between the date and the trigger."""
    tok = next((t for t in sent if t.idx - sent.start_char >= d.start), None)
    if tok is None:
        return False
    for node in [tok, *tok.ancestors]:
        if node == trigger:
            return False
        if node.lower_ == "since" or any(c.lower_ == "since" and c.dep_ in ("mark", "prep", "advmod") for c in node.children):
            return True
    return False


_SPEECH = {"say", "tell", "testify", "announce", "report", "confirm", "state", "add", "explain", "disclose", "reveal", "allege",
           "write", "post", "declare", "testimony", "statement"}  # not "claim": a claim of responsibility dates the attack


def _of_speech(d: DateMention, trigger: Token | None, sent: Span) -> bool:
    """The date is the day of a statement whose clause tells the event ("Officer James testified Wednesday that the woman
    told him she'd shot the victim", "police said in a Friday statement that ... was shot"), not the event's own day:
    the date follows and hangs on a verb of saying that governs the trigger."""
    if trigger is None:
        return False
    tok = next((t for t in sent if t.idx - sent.start_char >= d.start), None)
    if tok is None:
        return False
    for node in [tok, *tok.ancestors]:
        if node.i == trigger.i:
            return False
        if node.lemma_.lower() in _SPEECH and node.pos_ in ("VERB", "NOUN") and node.i < tok.i:
            clause = next((c for c in node.children if trigger in c.subtree and c.i != tok.i and tok not in c.subtree), None)
            # between the verb and the clause that tells the event: "said Friday that ...", not "reported that yesterday
            # ..." (a date the parser hangs on the verb from inside the clause); a date before the verb ("On 3 May, police
            # said ...") frames the whole sentence
            return clause is not None and tok.i < clause.left_edge.i
    return False


def is_agreement(sent: Span) -> bool:
    for tok in sent:
        if tok.lemma_.lower() in AGREEMENT_VERBS and tok.pos_ in ("VERB", "AUX"):
            return True
        if tok.lower_ in ("talks", "negotiations") and tok.i + 1 < len(tok.doc):
            continue
    return bool(re.search(r"\b(?:took|take|takes|came|come|comes)\s+(?:into\s+)?(?:effect|force)\b", sent.text, re.I))


def agreement_parties(sent: Span, gazetteer: Any, ctx: ArticleContext) -> tuple[list[str], list[str]]:
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


def article_context(segments: Sequence[tuple[Doc, int]], gazetteer: Any, published: dt.date | None, dateline: str | None) -> ArticleContext:
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
