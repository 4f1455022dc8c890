"""Who says so: assertions and denials with speaker, role, the party they speak for, and the quote.

Speakers introduced once ("Artsrun Hovhannisyan, spokesman for the Armenian Defence Ministry")
are remembered for the rest of the article, so a later "said Hovhannisyan" keeps his party.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .actors import CountryLookup, country_of_phrase

ASSERT_LEMMAS = {"say", "claim", "accuse", "allege", "state", "tell", "report", "announce", "confirm", "tweet", "write",
                 "add", "blame", "insist", "charge", "assert", "declare", "publish", "quote", "post"}
STRONG_ASSERT = {"claim", "accuse", "allege", "blame", "charge", "assert", "insist"}
DENY_LEMMAS = {"deny", "reject", "dismiss", "refute", "rebuff", "disavow"}
DENY_PHRASE = re.compile(r"\b(?:false\s+(?:information|claims?|reports?)|baseless|fabricat\w+|not\s+true|untrue|lies|"
                         r"disinformation|fake\s+news|had\s+nothing\s+to\s+do|not\s+involved)\b", re.I)
ROLE_WORDS = re.compile(r"\b(?:spokes(?:man|woman|person)|minister|ministry|aide|assistant|adviser|advisor|president|"
                        r"commander|chief|head|official|governor|mayor|general|colonel|leader|secretary|envoy|ambassador|"
                        r"director|representative|prosecutor|police|army|office|agency|authorities|government|council|"
                        r"department|service|forces|military|group|committee)\b", re.I)
ORG_HEAD = re.compile(r"\b(?:ministry|government|authorities|army|police|office|military|forces|council|service|"
                      r"department|agency|committee|group|command|presidency|administration)\b", re.I)
QUOTE = re.compile(r"[\"“”]([^\"“”]{8,})[\"“”]")


@dataclass
class Speaker:
    name: str | None
    role: str | None
    iso3: str | None
    claimant: str | None


@dataclass
class ClaimCue:
    stance: str                   # asserts | denies
    strong: bool                  # claim/accuse/allege, not plain "said"
    verb: Token
    speaker: Speaker
    quote: str | None
    object_tokens: list[Token] = field(default_factory=list)   # what is denied / asserted


@dataclass
class SpeakerBook:
    """Speakers met so far in one article, by full name and by surname."""
    people: dict[str, Speaker] = field(default_factory=dict)

    last: Speaker | None = None

    def remember(self, sp: Speaker) -> None:
        if sp.name:
            self.last = sp
            self.people[sp.name.lower()] = sp
            self.people[sp.name.split()[-1].lower()] = sp

    def find(self, name: str) -> Speaker | None:
        return self.people.get(name.lower()) or self.people.get(name.split()[-1].lower())


def _person_of(tok: Token) -> str | None:
    """The PERSON name around a token (compound chain), if any. NER labels are not trusted:
    the small model tags many names as ORG, so any proper noun that is not a place will do."""
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "NORP")):
        toks = [t for t in tok.subtree if t.i <= tok.i and (t.dep_ in ("compound", "flat") or t.i == tok.i) and t.pos_ == "PROPN"]
        name = " ".join(t.text for t in toks)
        if name and not ORG_HEAD.search(name):
            return name
    return None


def _role_of(tok: Token) -> Token | None:
    for child in tok.children:
        if child.dep_ == "appos":
            return child
    return None


def _span_text(tok: Token) -> str:
    return tok.doc[tok.left_edge.i: tok.right_edge.i + 1].text


def speaker_of(subj: Token, lookup: CountryLookup, book: SpeakerBook) -> Speaker:
    """Speaker, role and party from the subject of a speech verb."""
    name = _person_of(subj)
    if name is None and subj.pos_ == "PROPN" and not lookup.demonym(subj.text):
        # NER calls some surnames NORP ("said Hovhannisyan"): a proper noun already met as a speaker,
        # or one with a role beside it, is a person
        if book.find(subj.text) is not None or _role_of(subj) is not None:
            name = " ".join(t.text for t in subj.subtree if t.i <= subj.i and t.pos_ == "PROPN"
                            and (t.dep_ in ("compound", "flat") or t.i == subj.i))
    role_tok = _role_of(subj)
    role = _span_text(role_tok).strip(" ,") if role_tok is not None else None
    if name:
        known = book.find(name)
        if role is None and known is not None:
            book.last = known
            return Speaker(known.name if len(known.name or "") >= len(name) else name, known.role, known.iso3, known.claimant)
        iso = country_of_phrase(role_tok.subtree, lookup) if role_tok is not None else None
        claimant = _claimant_from(role, iso)
        sp = Speaker(name, role, iso, claimant)
        book.remember(sp)
        return sp
    # an organisation or office speaks ("the Armenian Defence Ministry", "authorities in Azerbaijan")
    text = _span_text(subj)
    iso = country_of_phrase(subj.subtree, lookup)
    if iso or ROLE_WORDS.search(text) or subj.pos_ in ("NOUN", "PROPN"):
        return Speaker(None, None, iso, re.sub(r"^(?:the|The)\s+", "", text).strip())
    return Speaker(None, None, None, None)


def _claimant_from(role: str | None, iso: str | None) -> str | None:
    if not role:
        return None
    m = re.search(r"\b(?:for|of|at|to)\s+(?:the\s+)?(.+)$", role)
    return (m.group(1) if m else role).strip()


def _preceding_party(verb: Token) -> Token | None:
    """A misparsed subject ("On October 11, Azerbaijan, which ..., had accused"): the last named
    state or organisation before the verb that is not its object."""
    objs = {c.i for c in verb.children if c.dep_ in ("dobj", "dative")}
    sent = verb.sent
    for tok in sent.doc[sent.start:verb.i]:
        if tok.ent_type_ in ("GPE", "ORG") and tok.i not in objs and tok.pos_ == "PROPN" and \
                not any(a.dep_ in ("relcl", "acl", "advcl") and a.i < verb.i for a in tok.ancestors):
            return tok
    return None


def find_claims(sent: Span, lookup: CountryLookup, book: SpeakerBook) -> list[ClaimCue]:
    """Speech and denial cues in one sentence."""
    cues: list[ClaimCue] = []
    quote_m = QUOTE.search(sent.text)
    quote = quote_m.group(1).strip(" ,.") if quote_m else None
    # Register appositive introductions even when this sentence makes no claim.
    for tok in sent:
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and _role_of(tok) is not None and _person_of(tok):
            speaker_of(tok, lookup, book)
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") and lemma not in ("accord",):
            if not (tok.pos_ == "NOUN" and lemma in ("denial", "claim", "allegation", "accusation")):
                continue
        deny = lemma in DENY_LEMMAS
        asserting = lemma in ASSERT_LEMMAS
        if lemma == "accord" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            asserting = True
        if not (deny or asserting):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and lemma == "accord":
            pobj = [c for c in tok.subtree if c.dep_ == "pobj"]
            subj = pobj[0] if pobj else None
        if subj is None:
            # "X, spokesman for Y, has denied ... and accused ..." : share the subject of the first verb
            head = tok
            while head.dep_ in ("conj", "advcl") and head.head != head:
                head = head.head
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    break
        if subj is None:
            subj = _preceding_party(tok)
        if subj is None:
            continue
        if subj.lower_ in ("it", "which", "that", "this", "nobody", "none") and not deny:
            continue
        if any(c.lower_ in ("no", "neither") for c in subj.children):
            continue  # "No group has claimed responsibility": nobody said anything
        if subj.lower_ in ("he", "she") and book.last is not None:
            sp = book.last  # the person quoted just before
        else:
            sp = speaker_of(subj, lookup, book)
        if sp.name is None and sp.iso3 is None and sp.claimant is None:
            continue
        objs = [c for c in tok.children if c.dep_ in ("dobj", "ccomp", "prep", "xcomp", "attr")]
        obj_tokens = [t for o in objs for t in o.subtree]
        stance = "denies" if deny else "asserts"
        cues.append(ClaimCue(stance, lemma in STRONG_ASSERT or deny, tok, sp, quote, obj_tokens))
    if not any(c.stance == "denies" for c in cues) and DENY_PHRASE.search(sent.text) and cues:
        c = cues[0]
        cues[0] = ClaimCue("denies", True, c.verb, c.speaker, c.quote, c.object_tokens)
    return cues
