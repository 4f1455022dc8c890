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
from typing import Any, Sequence

from spacy.tokens import Doc, Span

from ..model import Claim, Mention, Span as TextSpan
from . import lexicon as lx
from .actors import ActorRef, interaction
from .casualties import find_casualties, survivors
from .claims import SpeakerBook, find_claims
from .dates import find_dates, reference_day, story_dateline
from .mentions import classify_mention, consolidate
from .notes import write_notes
from .places import rank_for_event, resolve_in_sentence
from .context import agreement_parties, article_context, closest_date, is_agreement, loose_place_names, story_lead_date
from .cues import ACCIDENT_LEMMAS, CEASEFIRE_BREACH, accident_story, choose_family, cue_head, find_cues, is_characterisation, is_hypothetical, is_reference
from .coding import FAMILY_OF_SUB, MODEL_EVENT_MIN, MODEL_ONLY_MIN, NO_RULE, Coding, active_parts, code, interaction_code, order_sides, predict
from .frames import ArticleContext, Draft, Frame, VIOLENT, frame_span
from .joining import attach_denials, claim_records, inherit_means, merge_or_add, split_by_place
from .refine import EXCESSIVE, INTERVENTION, follow_on, refine_family
from .sense import discourse_senses
from .sides import agent_target


_TALLY = re.compile(r"^\s*(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:fatalit(?:y|ies)|injur(?:y|ies|ed)|dead|killed)\b", re.I)

_ANAPHORIC = re.compile(r"^\s*(?:This|That|It)\s+(?:was|is|had\s+been|has\s+been|marked|came|comes)\b")


def extract_events(article_id: str, text: str, segments: Sequence[tuple[Doc, int]], gazetteer: Any,
                   published: dt.date | None, dateline: str | None = None) -> list[Mention]:
    """All events of one article, in text order. `segments` are parsed pieces of `text` with their offsets."""
    published = reference_day(text, published)  # "yesterday" counts from the release line or the page's stamp
    ctx = article_context(segments, gazetteer, published, dateline or story_dateline(text))
    ctx.dateline = dateline
    book = SpeakerBook()
    drafts: list[Draft] = []
    sentences = [(sent, base) for doc, base in segments for sent in doc.sents]
    lead_date = ctx.story_day = story_lead_date(text, sentences, published)
    accident = accident_story(text)  # a furnace or fireworks exploding, nobody said to have caused it
    topical = discourse_senses(s for s, _ in sentences)  # a story about hackers or a film shoot: its "attacks" and "shooting"
    for si, (sent, base) in enumerate(sentences):
        absorbed = follow_on(drafts, si, sent.text)
        claims = find_claims(sent, gazetteer, book)
        # pointers to earlier events, what a person is behind ("a leader responsible for attacks") and plans or
        # threats ("might lead him to take over the city hall") carry no event; dropped before the family is
        # chosen, so that the sentence's real event ("marched to protest ...") still counts
        found = [c for c in find_cues(sent, topical) if c.token_i is None or not (
            is_reference(sent.doc[c.token_i], claims) or is_characterisation(cue_head(sent, c) or sent.doc[c.token_i], c.family))]
        planned = [c for c in found if c.token_i is not None and is_hypothetical(sent.doc[c.token_i])]
        cues = [c for c in found if c not in planned
                and not (accident and c.token_i is not None and (c.family == "ied" and sent.doc[c.token_i].lemma_.lower() in ACCIDENT_LEMMAS
                                       or c.family == "attack" and any(t.lemma_.lower() in ACCIDENT_LEMMAS for t in sent)))]
        cas = find_casualties(sent.text, sent, text[max(0, base + sent.start_char - 1500):base + sent.start_char])
        fam = choose_family(cues, cas, sent)
        start, end = base + sent.start_char, base + sent.end_char
        claim_objs = claim_records(claims, sent, start, end)
        attach_denials(drafts, claims, claim_objs, sent, gazetteer, ctx)
        if fam is None and planned and (told := choose_family(cues + planned, cas, sent)) is not None and told[2] in planned:
            continue  # "they threatened to kill ten hostages": a threat that would be the sentence's event adds no toll
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
        cue_text = sent.text[cue.start:cue.end]
        frame = Frame(family, weapon, start, end, trigger, sentence=sent.text, sentence_index=si, span=sent,
                      decided_by=f"rule cue '{cue_text}'")
        frame.agent, frame.target = agent_target(trigger, sent, gazetteer, claims)
        frame.casualties = cas
        frame.family, refined_by = refine_family(family, frame, sent.text)
        if refined_by is not None:
            frame.decided_by = f"rule {refined_by.name} ({family}->{frame.family}, cue '{cue_text}')"
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
            unresolved = loose_place_names(sent)
        frame.unresolved = unresolved
        dates = find_dates(sent.text, published)
        frame.date = closest_date(dates, trigger, sent) or (lead_date if not drafts else None)
        if frame.date is not None and frame.date.kind == "same_day":
            frame.date = next((d.date for d in reversed(drafts) if d.date is not None), None) or lead_date
        frame.casualties = cas
        frame.ceasefire_violation = bool(CEASEFIRE_BREACH.search(sent.text))
        frame.claims = [c for c in claim_objs if c.stance == "asserts"]
        frame.strong_claim = any(c.strong for c in claims if c.stance == "asserts")
        if frame.family == "agreement":
            if not is_agreement(sent):
                continue
            frame.parties, frame.mediators = agreement_parties(sent, gazetteer, ctx)
        for f in split_by_place(frame):
            merge_or_add(drafts, f, ctx)
    if not drafts and sentences:
        drafts = _model_only(sentences, lead_date)
    # a report of one event is read whole by the coder (it learnt from whole notes); several events, each from its sentences
    whole = segments[0][0][:] if len(segments) == 1 and len(drafts) == 1 else None
    snippet = len(text.split()) <= SNIPPET_WORDS
    return consolidate(_finish(article_id, drafts, ctx, gazetteer, whole, snippet), text, dateline)


# A text this short is one report (a snippet, a note): when neither it nor its metadata carries a
# date, its event needs no day of its own (CASE 2021 snippets, docs/evaluate.md).
SNIPPET_WORDS = 80


def _finish(article_id: str, drafts: list[Draft], ctx: ArticleContext, gazetteer: Any,
            whole: Span | None = None, snippet: bool = False) -> list[Mention]:
    out: list[Mention] = []

    def cname(iso3: str | None) -> str | None:
        c = gazetteer.country(iso3) if iso3 else None
        return c.name if c is not None else iso3

    inherit_means(drafts)
    parties = _party_names(drafts)
    placed = any(d.place is not None for d in drafts)
    for d in drafts:
        if d.family == "agreement" and not (d.parties or d.mediators):
            continue
        mention, date, precision = classify_mention(d, ctx.published, ctx.story_day)
        if mention is None:
            continue
        coding = _code(d, whole)
        reported = coding.is_event is not None and coding.is_event >= MODEL_EVENT_MIN
        placeless = d.place is None and d.family != "agreement" and not (d.unresolved and mention in ("new", "prior"))
        day = d.date or ctx.story_day  # told without a day of its own: the story's day (its dateline's at least)
        # a snippet with no day of its own is one report: its event stands with no place or country to
        # code it to when nothing else in it is placed ("Exchange of fire between Ethiopian and
        # Eritrean troops", issue 12: never nothing); a dated story's placeless talk does not
        read_as_event = coding.event_reading >= MODEL_EVENT_MIN if coding.event_reading is not None else bool(ctx.countries)
        undated_text = snippet and day is None and (ctx.published is None or (not placed and read_as_event))
        if placeless and not reported and not (mention in ("new", "prior") and (ctx.countries or undated_text) and (undated_text or day is not None
                                               and day.precision <= 2 and day.kind != "same_day")):
            continue  # no place and no day of its own: talk about events, not an event ACLED could code
        if mention == "background" and (date is None or (ctx.published and date == ctx.published.isoformat())):
            continue
        d.family = coding.family
        etype, sub = coding.event_type, coding.sub_event_type
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
        if coding.interaction is not None:
            # the coder's actor types; the grammar's named actors stay (see coding.py)
            m.inter1, m.inter2 = order_sides(coding.interaction, m.inter1)
            m.interaction = interaction_code(coding.interaction)
        m.decided_by = "; ".join(f"{k}: {v}" for k, v in coding.decided_by.items())
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
        injured = survivors(d.killed, d.injured)
        if injured is not None:
            m.injuries, m.injuries_low, m.injuries_high = injured.best, injured.low, injured.high
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


def _rule_sub(d: Draft) -> str:
    """The sub-event type the rules give a draft's family: a protest met by force is coded by what the force did."""
    sub = lx.FAMILIES[d.family][1]
    if d.family == "protest" and d.sentences:
        joined = " ".join(d.sentences)
        if EXCESSIVE.search(joined) and re.search(r"\b(?:police|security|troops|soldiers|forces)\b", joined, re.I):
            return "Excessive force against protesters"
        if INTERVENTION.search(joined) or re.search(r"\b(?:protesters?|demonstrators?|participants|\w+)\s+(?:were|was)\s+(?:arrested|detained|dispersed)\b", joined, re.I):
            return "Protest with intervention"
    return sub


def _code(d: Draft, whole: Span | None = None) -> Coding:
    frame = whole if whole is not None else (frame_span(d) if d.spans else None)
    return code(d.family, _rule_sub(d), d.decided_by or "rule", frame, d.agent.kind if d.agent else None,
                d.target.kind if d.target else None, bool(d.killed is not None and d.killed.best))


def _model_only(sentences: list[tuple[Span, int]], lead_date: Any) -> list[Draft]:
    """No rule found an event: the coder's, when it reads one in the opening sentences (a note such as
    "Civil servants marched in the capital to protest high living costs" names no place and no day)."""
    first, _ = sentences[0]
    last, _ = sentences[min(2, len(sentences) - 1)]
    span = first.doc[first.start:last.end] if last.doc is first.doc else first
    if "type" not in active_parts():
        return []
    pred = predict(span, NO_RULE)
    if pred is None or pred.is_event_prob < MODEL_ONLY_MIN or pred.sub_event_type not in FAMILY_OF_SUB:
        return []
    family = FAMILY_OF_SUB[pred.sub_event_type]
    return [Draft(family, None, None, None, None, lead_date, None, None, [], False, False,
                  [TextSpan(first.start_char, last.end_char)], [span.text], 0, [], [], [], [span],
                  f"model p={pred.is_event_prob:.2f} (no rule found an event)")]


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
