"""Features of an event frame (the sentence or sentences an event is read from) for the coder.

Every feature is a string; the model keeps those seen often enough in training. They come from the
wording and from the parse, never from names: tokens in a name entity (places, people,
organisations, nationalities, dates, numbers) and proper nouns are replaced by their class, so what
is learned carries over to countries and armed groups the training data never named.

* `w:` masked lemmas and `b:` lemma bigrams (the words);
* `v:` each verb with its negation/modality (`v:attack|neg`, `v:attack|mod`), `r:` each
  sentence's root verb, `r1:` the first sentence's root (where ACLED puts the event);
* `vs:`/`vo:`/`vp:` a verb with the head of its subject, object or prepositional object (masked to
  the entity class when it is a name), `vx:` a passive verb with its agent;
* `s:`/`o:` subject and object heads alone (who acts and who is acted on decides the actor types);
* `c:` a few counts (sentences, has number, has casualty words) as coarse bins.
"""
from __future__ import annotations

import re
from typing import Iterable

from spacy.tokens import Doc, Span, Token

# ACLED notes open some strategic developments with their own label ("Looting: On 3 May ...",
# "Movement of forces: ..."); that would teach the model to read the answer, not the report.
_LABEL_PREFIX = re.compile(r"^\s*(?:[A-Z][A-Za-z/\-]*(?: [A-Za-z/\-]+){0,3}):\s+(?=\S)")
_MASK_ENTS = {"GPE", "LOC", "PERSON", "ORG", "NORP", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL",
              "QUANTITY", "MONEY", "PERCENT", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}
_NUMERIC_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}
_MODAL = {"may", "might", "could", "would", "should", "reportedly", "allegedly", "suspect", "believe",
          "plan", "threaten", "attempt", "try", "foil", "thwart"}
_SUBJ = {"nsubj", "csubj"}
_SUBJ_PASS = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "attr", "oprd"}
_SKIP_POS = {"PUNCT", "SPACE", "DET", "SYM", "X"}


def clean_note(text: str) -> str:
    """The note without ACLED's own label prefix and with whitespace folded."""
    return " ".join(_LABEL_PREFIX.sub("", text or "", count=1).split())


def _word(tok: Token) -> str:
    """The token's lemma, or its class when it is part of a name or a number."""
    if tok.ent_type_ in _MASK_ENTS:
        return "<NUM>" if tok.ent_type_ in _NUMERIC_ENTS else f"<{tok.ent_type_}>"
    if tok.pos_ == "PROPN":
        return "<PROPN>"
    if tok.like_num:
        return "<NUM>"
    return tok.lemma_.lower()


def _head_word(tok: Token) -> str:
    """A noun phrase's head as a feature value: its compound modifier joins it when that is a
    common noun ("security forces" -> security_force), so a kind of actor is kept whole."""
    word = _word(tok)
    if not word.startswith("<"):
        for child in tok.children:
            if child.dep_ == "compound" and child.pos_ == "NOUN":
                return f"{child.lemma_.lower()}_{word}"
    return word


def _verb_marks(tok: Token) -> str:
    marks = ""
    for child in tok.children:
        if child.dep_ == "neg":
            marks += "|neg"
        elif child.dep_ in ("aux", "advmod") and child.lemma_.lower() in _MODAL:
            marks += "|mod"
    if tok.head is not tok and tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _MODAL:
        marks += "|mod"
    return marks


def _spans(frame: Doc | Span) -> list[Span]:
    """The frame's sentences (a Span of several sentences gives each of them)."""
    doc = frame.doc if isinstance(frame, Span) else frame
    whole = frame if isinstance(frame, Span) else frame[:]
    if not doc.has_annotation("SENT_START"):
        return [whole]
    sents = [s for s in doc.sents if s.start < whole.end and s.end > whole.start]
    return [doc[max(s.start, whole.start):min(s.end, whole.end)] for s in sents] or [whole]


def frame_features(frame: Doc | Span) -> list[str]:
    """The feature strings of one frame (a parsed Doc or a Span of one)."""
    feats: list[str] = []
    add = feats.append
    sents = _spans(frame)
    prev = "<S>"
    n_num = 0
    for si, sent in enumerate(sents):
        prev = "<S>"
        root = sent.root
        add(f"r:{_word(root)}")
        if si == 0:
            add(f"r1:{_word(root)}{_verb_marks(root)}")
        for tok in sent:
            if tok.pos_ in _SKIP_POS or tok.is_space:
                continue
            w = _word(tok)
            if w == "<NUM>":
                n_num += 1
            add(f"w:{w}")
            if prev != w:
                add(f"b:{prev}_{w}")
            prev = w
            if tok.pos_ in ("VERB", "AUX") and tok.pos_ == "VERB":
                marks = _verb_marks(tok)
                add(f"v:{w}{marks}")
                for child in tok.children:
                    dep = child.dep_
                    if dep in _SUBJ:
                        h = _head_word(child)
                        add(f"vs:{w}|{h}")
                        add(f"s:{h}")
                    elif dep in _SUBJ_PASS:
                        h = _head_word(child)
                        add(f"vo:{w}|{h}")
                        add(f"o:{h}")
                    elif dep in _OBJ:
                        h = _head_word(child)
                        add(f"vo:{w}|{h}")
                        add(f"o:{h}")
                    elif dep == "agent":
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                h = _head_word(pobj)
                                add(f"vx:{w}|{h}")
                                add(f"s:{h}")
                    elif dep == "prep":
                        for pobj in child.children:
                            if pobj.dep_ == "pobj":
                                add(f"vp:{w}|{child.lemma_.lower()}|{_head_word(pobj)}")
        add(f"b:{prev}_</S>")
    add(f"c:sents{min(len(sents), 4)}")
    add(f"c:num{min(n_num, 3)}")
    return feats


def masked_words(frame: Doc | Span) -> list[str]:
    """The frame's words, lower-cased as written (no lemma: the character n-grams see the
    endings), names and numbers as their class; a run of one class is one word."""
    out: list[str] = []
    for tok in (frame if isinstance(frame, Span) else frame[:]):
        if tok.pos_ in ("PUNCT", "SPACE", "SYM") or tok.is_space:
            continue
        w = _word(tok)
        if not w.startswith("<"):
            w = tok.lower_
        elif out and out[-1] == w:
            continue
        out.append(w)
    return out


def texts_features(docs: Iterable[Doc | Span]) -> list[list[str]]:
    return [frame_features(d) for d in docs]
