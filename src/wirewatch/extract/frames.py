"""The records a sentence and an article are read into: a Frame (one sentence's event), a Draft (an
article-level event assembled from frames) and the ArticleContext (countries, sides, dateline)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Claim, Place, Span as TextSpan
from .actors import ActorRef
from .casualties import Casualties, Figure, added, divided, firmer
from .dates import DateMention
from .places import PlaceMention


REMOTE_FAMILIES = {"suicide", "air", "ied", "grenade", "shell", "chemical"}

VIOLENT = REMOTE_FAMILIES | {"clash", "attack", "abduct", "sexual", "mob", "riot", "territory_gov", "territory_nsa"}


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
    span: Span | None = None        # the sentence, as parsed: what the coder reads
    decided_by: str = ""            # the cue or rule that gave the family


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
    spans: list[Span | None] = field(default_factory=list)   # the frames' sentences
    decided_by: str = ""
    inherited_date: bool = False   # the day is the narrative's (the event told before), not its own

    def add_toll(self, cas: Casualties) -> None:
        """Figures from a later sentence fill what is still unknown; cumulative totals never do. A count
        the report itself settles on ("Fatalities coded as 4") replaces the figures; a share ("divided
        across three events") divides them."""
        if cas.adds_to(self.killed) and self.killed is not None and cas.killed is not None:
            self.killed = added(self.killed, cas.killed)  # "Additionally, two guards were killed"
            self.injured = self.injured or cas.injured
        elif not cas.cumulative:
            self.killed = cas.killed if (cas.stated and cas.killed) else firmer(self.killed, cas.killed)
            self.injured = firmer(self.injured, cas.injured)
        if cas.divide and self.killed is not None and not cas.stated:
            self.killed = divided(self.killed, cas.divide)

    def add_claims(self, claims: list[Claim]) -> None:
        self.claims.extend(c for c in claims if not any(same_claim(c, x) for x in self.claims))


@dataclass
class ArticleContext:
    published: dt.date | None
    countries: list[str]            # ISO3 codes in order of salience
    dateline: str | None
    belligerents: set[str] = field(default_factory=set)
    story_day: DateMention | None = None  # the date that frames the story (context.story_lead_date), if any


def frame_span(d: Draft) -> Span | None:
    """The sentences an event was read from, as one span of the parse (first to last frame)."""
    spans = [s for s in d.spans if s is not None]
    if not spans:
        return None
    first, last = spans[0], spans[-1]
    if last.doc is first.doc and last.end > first.start:
        return first.doc[first.start:last.end]
    return first


def same_claim(a: Claim, b: Claim) -> bool:
    return a.stance == b.stance and a.start == b.start and a.claimant_country == b.claimant_country
