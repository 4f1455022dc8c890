"""Frames -> article-level events: splitting a frame over several towns, joining a frame to an earlier
event when nothing contradicts it, and attaching denials to the event they point at."""
from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from ..model import Claim, Place, Span as TextSpan
from . import lexicon as lx, vocabulary as vocab
from .actors import ActorRef
from .claims import ClaimCue
from .places import is_town
from .frames import ArticleContext, Draft, Frame, REMOTE_FAMILIES, VIOLENT, same_claim


def claim_records(cues: list[ClaimCue], sent: Span, start: int, end: int) -> list[Claim]:
    out = []
    for c in cues:
        out.append(Claim(stance=c.stance, claimant=c.speaker.claimant, claimant_country=c.speaker.iso3,
                         speaker=c.speaker.name, speaker_role=c.speaker.role, quote=c.quote or sent.text.strip(),
                         start=start, end=end))
        setattr(out[-1], "_strong", c.strong)
    return out


def attach_denials(drafts: list[Draft], cues: list[ClaimCue], claims: list[Claim], sent: Span, gazetteer: Any,
                    ctx: ArticleContext) -> None:
    for cue, claim in zip(cues, claims):
        if cue.stance != "denies" or not drafts:
            continue
        target = _denied_draft(drafts, cue, claim, sent, gazetteer, ctx)
        if target is not None and not any(same_claim(claim, c) for c in target.claims):
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


def split_by_place(frame: Frame) -> list[Frame]:
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
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
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


def merge_or_add(drafts: list[Draft], f: Frame, ctx: ArticleContext) -> None:
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
                if d.family != f.family:
                    d.family, d.decided_by = f.family, f.decided_by
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
            d.spans.append(f.span)
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
        last.spans.append(f.span)
        last.last_sentence = f.sentence_index
        last.add_claims(f.claims)
        return
    cas = f.casualties
    date, inherited = f.date, False
    if date is None and drafts and drafts[-1].date is not None and drafts[-1].date.precision <= 2 \
            and f.sentence_index - drafts[-1].last_sentence <= 2:
        date, inherited = drafts[-1].date, True  # the narrative goes on: an undated event follows the last dated one
    drafts.append(Draft(f.family, f.weapon, f.agent, f.target, fp, date,
                        None if cas.cumulative else cas.killed, None if cas.cumulative else cas.injured,
                        list(f.claims), f.strong_claim, f.ceasefire_violation,
                        [TextSpan(f.start, f.end)], [f.sentence], f.sentence_index, f.parties, f.mediators,
                        list(f.unresolved), [f.span], f.decided_by, inherited))


def _more_specific(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if vocab.weapon_rank(a) <= vocab.weapon_rank(b) else b


def inherit_means(drafts: list[Draft]) -> None:
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
                d.family, d.decided_by = o.family, f"rule inherit-means (the party's other attacks: {o.family})"
                break
