"""Places an event sentence names, resolved to GeoNames in the story's context.

The gazetteer ranks candidates; this module decides which names in a sentence are candidate event
locations (not the origin of fire, not a speaker's office) and hands relative phrases ("12 km
north of X", "outskirts of X", "X province") to the gazetteer whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from spacy.tokens import Span, Token

from ..geo.postal import state_name
from ..model import Place
from .actors import GROUPISH

PLACE_LABELS = {"GPE", "LOC", "FAC"}
_RELATIVE = re.compile(r"(?:\b(?:near|outside|outskirts\s+of|suburbs?\s+of|vicinity\s+of|close\s+to|around|"
                       r"\d+(?:\.\d+)?\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+){0,2}(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+of)\s+(?:the\s+)?(?:\w+\s+)?)$", re.I)
_UNIT_AFTER = re.compile(r"^\s*(?:district|province|region|governorate|county|state|oblast|prefecture|department|municipality|area|division|territory|zone|rayon|raion|"
                         r"upazila|upazilla|tehsil|taluka|taluk|mandal|woreda|sub-county|subcounty|LGA|local government area|cercle|sub-prefecture|subprefecture|hromada)\b", re.I)
_SETTLEMENT_AFTER = re.compile(r"^\s*(?:village|town|city|hill|neighbou?rhood|area|camp|locality|commune|township|"
                               r"sector|settlement|suburb|quarter|colony|colonia|market|cent(?:er|re)|town\s+cent(?:er|re)|district\s+cent(?:er|re))\b", re.I)
_NOT_LOCATION_PREP = {"from"}   # "fired from the territory of X": origin, not target


@dataclass
class PlaceMention:
    text: str
    start: int          # char offsets in the doc
    end: int
    token: Token        # the entity's root
    place: Place


# Lower-case words inside place names ("Santa Maria de Ostula", "Kut e Abdollah", "Ras al Ain")
_NAME_LINKS = {"al", "el", "ad", "ar", "as", "ash", "esh", "es", "at", "az", "an", "ed", "en", "er", "et", "ez",
               "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "las", "los", "le", "les", "e", "i", "y",
               "bin", "ibn", "ul", "wa", "u"}
_GLUE = {"-", "'", "’", "‘"}
_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "esh", "es", "at", "az", "an", "ed", "en", "er", "et", "ez"}
_KIND_WORD = re.compile(r"village|town|city|area|camp|locality|settlement|neighbou?rhood|hamlet|municipality|union")
_MAX_WIDEN = 4   # tokens a name may be widened by on each side


def _gluable(tok: Token) -> bool:
    """A token that can continue a place name: a capitalised word, a linking word, a hyphen or
    apostrophe written without spaces ("al-Zawiya", "Dar'a")."""
    if tok.text in _GLUE:
        return True
    if tok.lower_ in _NAME_LINKS:
        return True
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start


def _glued(doc: Any, i: int, j: int) -> bool:
    """Tokens i and j (= i + 1) are written together ("al-" + "Zawiya", "Extreme-" + "Nord")."""
    return 0 <= i and j < len(doc) and not doc[i].whitespace_ and (doc[i].text in _GLUE or doc[j].text in _GLUE)


def _mend(ent: Span, gazetteer: Any) -> Span | None:
    """The place name an entity is part of, as the gazetteer knows it. The small model cuts names
    in two ("Ras" + "Al Ain", "Maidan" + "Shar", "Jabal al-" + "Zawiya") or runs them into a
    bracket ("Muaja (Ancuabe"): the entity is cut at a bracket, then widened over neighbouring
    capitalised words, linking words and hyphens to the longest span the gazetteer has as a
    name. A piece glued by a hyphen to a longer name the gazetteer does not know is no place
    of its own ("Zawiya" of "Jabal al-Zawiya"): None."""
    doc, sent = ent.doc, ent.sent
    start, end = ent.start, ent.end
    for k in range(start, end):
        if doc[k].text in "()[]":
            if k > start:
                end = k
            else:
                start = k + 1
            break
    while end > start and not (doc[end - 1].is_alpha or doc[end - 1].text[-1:].isalpha()):
        end -= 1  # "Jabal al-": the hyphen belongs to what follows
    while start < end and doc[start].text in _GLUE:
        start += 1
    if end - start > 1 and _KIND_WORD.fullmatch(doc[end - 1].lower_) and not gazetteer.has_name(doc[start:end].text):
        end -= 1  # "Jidali village" is Jidali; "Gaza City" stays whole
    if start >= end:
        return None
    lo = start
    while lo > sent.start and start - lo < _MAX_WIDEN and _gluable(doc[lo - 1]):
        lo -= 1
    hi = end
    while hi < sent.end and hi - end < _MAX_WIDEN and _gluable(doc[hi]):
        hi += 1
    label = ent.label_
    options = sorted(((a, b) for a in range(lo, start + 1) for b in range(end, hi + 1) if (a, b) != (start, end)),
                     key=lambda ab: ab[0] - ab[1])
    for a, b in options:
        if doc[a].text in _GLUE or doc[b - 1].text in _GLUE or doc[b - 1].lower_ in _NAME_LINKS:
            continue
        if doc[a].lower_ in _NAME_LINKS and not (doc[a].lower_ in _ARTICLES and _glued(doc, a, a + 1)
                                                   and not (a > lo and _capital(doc[a - 1]))):
            continue  # "de Ostula", or "al-Zawiya" of "Jabal al-Zawiya"
        if gazetteer.has_name(doc[a:b].text):
            return Span(doc, a, b, label=label)
    if hi > end and doc[hi - 1].is_alpha and _OF_UNIT.match(doc.text[doc[hi - 1].idx + len(doc[hi - 1]):doc[hi - 1].idx + 90]):
        return Span(doc, start, hi, label=label)  # "Pul" of "Pul Mukhtar of Obe district": the whole village name
    if _fragment(doc, sent, start, end):
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=label)


def _capital(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_sent_start


def _fragment(doc: Any, sent: Span, start: int, end: int) -> bool:
    """The span is written together with a capitalised word by a hyphen, possibly over an article
    ("Extreme-" + "Nord", "Jabal al-" + "Zawiya", "Busra" + "al-Harir"): a piece of a longer name.
    After a bare article it is not ("al-Hasakeh")."""
    i = start - 1
    if i > sent.start and doc[i].text in _GLUE and not doc[i].whitespace_ and not doc[i - 1].whitespace_:
        j = i - 1
        if doc[j].lower_ in _ARTICLES:
            return j - 1 >= sent.start and _capital(doc[j - 1])
        return doc[j].is_alpha and doc[j].text[:1].isupper()
    if end + 1 < sent.end and doc[end].text in _GLUE and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        return _capital(doc[end + 1])
    if end + 2 < sent.end and doc[end].lower_ in _ARTICLES and _glued(doc, end, end + 1) and not doc[end + 1].whitespace_:
        return _capital(doc[end + 2])  # "Busra" of "Busra al-Harir"
    return False


def candidate_spans(sent: Span, gazetteer: Any) -> list[Span]:
    """Entity spans in the sentence that may be places, NER mistakes included, mended where the
    parser cut a name in two (`_mend`). Kept on the doc: the story's province (`_in_story_province`)
    reads every sentence's, and the event sentences and their scene-setting neighbours ask again."""
    memo = sent.doc.user_data.setdefault("wirewatch_candidates", {})
    key = (sent.start, sent.end, id(gazetteer))
    if key not in memo:
        memo[key] = _candidate_spans(sent, gazetteer)
    return list(memo[key])


def _candidate_spans(sent: Span, gazetteer: Any) -> list[Span]:
    out: list[Span] = []
    for ent in _mended_ents(sent, gazetteer):
        if GROUPISH.fullmatch(ent.text.strip()):
            continue  # armed groups whose names a town also bears somewhere ("Taliban")
        if _in_address(ent) or _speaker(ent) or _a_persons_name(ent, gazetteer):
            continue
        if ent.label_ in PLACE_LABELS:
            out.append(ent)
        elif ent.label_ in _MISTAKEN_LABELS and not ent.text.isupper() and (
                _settlement_named(ent) or _unit_follows(ent, gazetteer)):
            out.append(ent)  # "Kolofata town", "in Alagoinha, Pernambuco": a place whatever the label
        elif ent.label_ in ("PERSON", "ORG") and not ent.text.isupper() and gazetteer.is_place(ent.text):
            # The small model tags towns as people or organisations; trust the gazetteer, not the label,
            # unless the entity is followed or preceded by a clear person/organisation cue.
            nxt = ent.doc[ent.end].text if ent.end < len(ent.doc) else ""
            prv = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if ent.label_ == "PERSON" and (nxt in (",",) and _is_appos_person(ent) or prv in (
                    "mr", "mrs", "ms", "president", "minister", "said", "commander", "leader", "chief", "by")
                    or len(ent) > 1 or (ent.start > 0 and ent.doc[ent.start - 1].pos_ == "PROPN")):
                continue  # a person's name that a town somewhere also bears
            out.append(ent)
    return out


_STREET = re.compile(r"^\s*(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|highway|hwy|parkway|pkwy|"
                     r"court|ct|place|pl|way|terrace|circle|square)\b\.?", re.I)


def _in_address(ent: Span) -> bool:
    """"Cleveland Avenue", "1200 East Franklin Road": a town's name inside a street address."""
    doc = ent.doc
    after = doc.text[ent.end_char:ent.end_char + 12]
    if _STREET.match(after) or _STREET.match(ent[-1].text):
        return True
    return ent.start > 0 and doc[ent.start - 1].like_num and doc[ent.start - 1].text.isdigit() and \
        bool(_STREET.match(doc.text[ent.end_char:ent.end_char + 12]) or any(_STREET.match(t.text) for t in ent))


# Nouns that are towns somewhere (University, Florida) but name an institution in copy
_INSTITUTION = {"university", "college", "hospital", "school", "academy", "stadium", "airport", "prison", "church",
                "mosque", "cathedral", "station", "camp", "centre", "center", "clinic", "market"}
# Words that start a place's name and so may stand before a town without making a person's name
_NAME_START = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
               "lower", "greater", "new", "old", "fort", "port", "lake", "mount", "saint", "st", "san", "santa",
               "downtown", "metro", "city", "county", "state", "province", "district", "town", "village", "al", "el"}


def _a_persons_name(ent: Span, gazetteer: Any) -> bool:
    """A town's name that is part of a person's name, or an institution noun: "Maria Garcia",
    "Bryan Mason" (a given name and a surname the gazetteer both knows as towns, run together
    with no comma), later "Garcia" alone in the same text, "University" of "University Medical
    Center". A town and its state written without a comma ("Columbus Ohio") stays a place."""
    doc = ent.doc
    if len(ent) == 1 and ent.text.lower() in _INSTITUTION:
        return True
    if ent.text in _surnames(doc, gazetteer) and not (ent.start > 0 and doc[ent.start - 1].pos_ == "ADP"):
        return True  # (not "in Houston" although a Mr Houston is named too)
    if _given_name_before(ent, gazetteer) is not None:
        return True
    nxt = next((e for e in doc.ents if e.start == ent.end and e.label_ in PLACE_LABELS), None)
    return nxt is not None and _given_name_before(nxt, gazetteer) is not None  # "Bryan" of "Bryan Mason"


def _given_name_before(ent: Span, gazetteer: Any) -> Span | None:
    """The capitalised word right before a one-word town name ("Maria" of "Maria Garcia") when the
    two make no place the gazetteer knows: the town's name is a surname."""
    doc = ent.doc
    if len(ent) != 1 or ent.start == 0 or ent.text.lower() in _INSTITUTION:
        return None
    prev = doc[ent.start - 1]
    if not (prev.is_alpha and prev.text[:1].isupper() and not prev.text.isupper() and prev.pos_ == "PROPN"
            and not prev.is_sent_start and prev.whitespace_ == " " and prev.lower_ not in _NAME_START
            and prev.lower_ not in _NAME_LINKS and prev.ent_type_ not in ("NORP", "DATE")):
        return None
    if ent.start >= 2 and (doc[ent.start - 2].lower_ in _BEFORE_TWO_WORD_PLACE or doc[ent.start - 2].text in _GLUE):
        return None  # "in Arsi Negele", "of Kushki Kuhna district": a place's name of two words
    after = doc.text[ent.end_char:ent.end_char + 25]
    if after[:1] in _GLUE or _UNIT_AFTER.match(after) or _SETTLEMENT_AFTER.match(after):
        return None  # "Grimari Bambari-axis", "Anano Mite area"
    if gazetteer.has_name(f"{prev.text} {ent.text}"):
        return None
    if prev.ent_type_ and not prev.ent_iob_ == "B":
        return None  # the end of a longer name ("San Francisco Campeche"): a given name is one word
    if prev.ent_type_ in PLACE_LABELS:
        # two towns run together: a person's name unless the second is a unit or country ("Columbus Ohio")
        second = gazetteer.resolve(ent.text)
        if second.feature != "city" or second.latitude is None:
            return None
    return doc[ent.start - 1:ent.end]


_BEFORE_TWO_WORD_PLACE = {"in", "at", "near", "outside", "around", "of", "from", "to", "into", "towards", "between"}


def _surnames(doc: Any, gazetteer: Any) -> frozenset[str]:
    """Surnames of the people the text names in full ("Maria Garcia", a PERSON entity of two or more
    words): the bare "Garcia" later in the text is that person."""
    got = doc.user_data.get("wirewatch_surnames") if hasattr(doc, "user_data") else None
    if got is not None:
        return got
    names = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 and e[-1].text[:1].isupper()}
    for e in doc.ents:
        if e.label_ in PLACE_LABELS and _given_name_before(e, gazetteer) is not None:
            names.add(e.text)
    out = frozenset(names)
    doc.user_data["wirewatch_surnames"] = out
    return out


def _speaker(ent: Span) -> bool:
    """"..., Robertson said": the subject of a verb of saying is a person (or, "Moscow said", a government),
    never where the event happened, whatever town shares the name."""
    root = ent.root
    return root.dep_ == "nsubj" and \
        root.head.lemma_.lower() in ("say", "tell", "add", "explain", "note", "state", "confirm")


_SETTLEMENT_BEFORE = re.compile(r"\b(?:village|town|city|hamlet|locality|settlement|commune)\s+of\s+(?:the\s+)?$", re.I)
_SETTLEMENT_WORD = re.compile(r"^\s+(?:village|town|city|hamlet|locality|settlement|commune|township)\b", re.I)


_MISTAKEN_LABELS = {"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|of)\s+$", re.I)
# " of Garmsir district", " of Kash Rod (Delaram) district": a unit the place lies in
_OF_UNIT = re.compile(r"^\s+of\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}(?:\s+\([^()]{1,30}\))?\s+"
                      r"(?:district|province|upazila|upazilla|tehsil|woreda|sub-county|county|governorate|municipality|rayon|raion|LGA)\b")
_UNIT_NAME_AFTER = re.compile(r"^\s*(?:,|\()\s*([A-Z][\w'’-]+(?:\s+(?:(?:de|del|do|da|dos|das|la|las|los|a|y)\s+)*[A-Z][\w'’-]+)*)")


def _unit_follows(ent: Span, gazetteer: Any) -> bool:
    """"in Alagoinha, Pernambuco" / "at Tessit (Gao)": after a locative word, a name followed by
    an admin unit the gazetteer knows is a place, whatever label the parser gave it."""
    text, base = ent.sent.text, ent.sent.start_char
    before = text[max(0, ent.start_char - base - 12):ent.start_char - base]
    after = text[ent.end_char - base:ent.end_char - base + 60]
    kind = _SETTLEMENT_AFTER.match(after)
    if _OF_UNIT.match(after[kind.end():] if kind else after):
        return True  # "in Ghondi of Garmsir district", "in the Zangitan area of Shah Wali Kot district"
    m = _UNIT_NAME_AFTER.match(after[:50])
    return bool(m and _LOCATIVE_BEFORE.search(before) and gazetteer.names_unit(m.group(1)))


def _settlement_named(ent: Span) -> bool:
    """The text says the entity is a settlement: "in Kolofata town", "the village of Kansafra"."""
    text, base = ent.sent.text, ent.sent.start_char
    before = text[max(0, ent.start_char - base - 30):ent.start_char - base]
    after = text[ent.end_char - base:ent.end_char - base + 15]
    return bool(_SETTLEMENT_BEFORE.search(before) or _SETTLEMENT_WORD.match(after))


def _split_at_of(ent: Span) -> list[Span]:
    """"Ghondi of Garmsir" tagged as one name before "district": the village and the district."""
    doc = ent.doc
    cut = next((t.i for t in ent[1:-1] if t.lower_ == "of"), None)
    if cut is None or not _UNIT_AFTER.match(doc.text[ent.end_char:ent.end_char + 25]):
        return [ent]
    return [Span(doc, ent.start, cut, label="GPE"), Span(doc, cut + 1, ent.end, label="GPE")]


_BEFORE_UNTAGGED = {"in", "at", "near", "of", "outside", "around", "and"}
_BRACKET_UNITS = re.compile(r"^\s*\(\s*([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*[,)]")


def _untagged_places(sent: Span, gazetteer: Any, taken: set[int]) -> list[Span]:
    """Capitalised names the parser left untagged that the construction shows to be places (ACLED's
    "in Sreemangal upazila (Maulvibazar, Sylhet)", "Residents of Robe (Bale)", "attacked Karmada
    village"): after a locative word, followed by a unit or settlement word, or by a bracket whose
    first name is an admin unit or place the gazetteer knows."""
    doc, out = sent.doc, []
    i = sent.start + 1
    while i < sent.end:
        if i in taken or not _capital(doc[i]) or doc[i - 1].lower_ not in _BEFORE_UNTAGGED:
            i += 1
            continue
        j = i + 1
        while j < sent.end and j not in taken and j - i < _MAX_WIDEN and (_capital(doc[j]) or (
                doc[j].lower_ in _NAME_LINKS and j + 1 < sent.end and _capital(doc[j + 1]))):
            j += 1
        after = doc.text[doc[j - 1].idx + len(doc[j - 1]):doc[j - 1].idx + 80]
        bracket = _BRACKET_UNITS.match(after)
        if (j == sent.end or j not in taken) and (_UNIT_AFTER.match(after) or _SETTLEMENT_WORD.match(after) or (
                bracket and (gazetteer.names_unit(bracket.group(1)) or gazetteer.is_place(bracket.group(1))))):
            out.append(Span(doc, i, j, label="LOC"))
        i = j
    return out


def _mended_ents(sent: Span, gazetteer: Any) -> list[Span]:
    out: list[Span] = []
    taken: set[int] = set()
    for whole in sent.ents:
        for ent in _split_at_of(whole):
            if ent.label_ in PLACE_LABELS or ent.label_ in _MISTAKEN_LABELS:
                mended = _mend(ent, gazetteer)
                if mended is None:
                    continue
                ent = mended
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            taken.update(range(ent.start, ent.end))
            out.append(ent)
    taken.update(t.i for t in sent if t.ent_type_)  # an entity no place label kept is no untagged name
    extra = _untagged_places(sent, gazetteer, taken)
    return sorted(out + extra, key=lambda e: e.start) if extra else out


def _is_appos_person(ent: Span) -> bool:
    return any(c.dep_ == "appos" and c.lower_ in ("spokesman", "spokeswoman", "minister", "aide", "assistant", "adviser", "president")
               for c in ent.root.children)


_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|del|la|las|los|le|les|el|al|of|do|da|dos|das|du|des|di|a|y)\s+)*[A-Z][\w'’.-]*)*"
_QUALIFIER_UNITS = r"district|province|region|state|county|governorate|department|upazila|upazilla|tehsil|woreda|sub-county|LGA|zone"
_QUALIFIER = re.compile(rf"^\s*(?:,\s*|\s*\(|\s+in\s+(?:the\s+(?:[a-z-]+\s+){{0,2}}(?:countryside|outskirts|suburbs|province|region|governorate)\s+of\s+|rural\s+)?)(?:the\s+)?({_NAME}(?:\s+(?:{_QUALIFIER_UNITS}))?(?:(?:\s*,\s*|\s+\(\s*){_NAME}(?:\s+(?:{_QUALIFIER_UNITS}))?)*)")


# A place name made into an adjective of a party or a thing ("London-based", "US-backed", "Russian-made").
_COMPOUND_MODIFIER = re.compile(r"-(?:based|led|backed|born|funded|sponsored|allied|aligned|brokered|made|built|supplied|"
                                r"registered|headquartered|owned|financed|trained|armed)\b", re.I)


def resolve_in_sentence(sent: Span, gazetteer: Any, context: Sequence[str], dateline: str | None,
                        exclude: set[int] | None = None, unresolved: list[str] | None = None) -> list[PlaceMention]:
    """Resolved place mentions of a sentence, in text order. `exclude` holds token indices that
    cannot be event locations (the object of a denial, a speaker's office). Names the gazetteer
    cannot place are appended to `unresolved` when given."""
    out: list[PlaceMention] = []
    qualifiers: set[int] = set()
    text, base = sent.text, sent.start_char
    for ent in candidate_spans(sent, gazetteer):
        root = ent.root
        if ent.start_char in qualifiers or (exclude and root.i in exclude):
            continue
        head_prep = root.head if root.dep_ == "pobj" else None
        if head_prep is not None and head_prep.lower_ in _NOT_LOCATION_PREP:
            continue
        if re.search(r"\b(?:border\s+with|towards?|crossing\s+into|fled\s+to|fled\s+into)\s+(?:the\s+)?$",
                     text[max(0, ent.start_char - base - 30):ent.start_char - base], re.I):
            continue  # a direction or a destination, not where it happened
        if head_prep is not None and head_prep.lower_ == "of" and head_prep.head.lower_ == "territory" and \
                head_prep.head.head.dep_ == "pobj" and head_prep.head.head.head.lower_ == "from":
            continue
        before = text[max(0, ent.start_char - base - 60):ent.start_char - base]
        after = text[ent.end_char - base:ent.end_char - base + 40]
        if _COMPOUND_MODIFIER.match(after):
            continue  # "the Britain-based monitor", "US-led strikes": who, not where
        rel = _RELATIVE.search(before)
        unit = _UNIT_AFTER.match(after)
        rest = after[unit.end():] if unit else after
        kind = _SETTLEMENT_AFTER.match(rest)
        if kind:  # "Kamonyi village (Uvira, Sud-Kivu)": the word names the kind of place, not a unit
            rest = rest[kind.end():]
        if (of := re.match(r"\s+of\s+(?=[A-Z])", rest)) and (unit or _OF_UNIT.match(rest)):
            # "Cukurca district of Hakkari"; "Ghondi of Garmsir district, Helmand", "the Zangitan
            # area of Shah Wali Kot district": the village inside the district the text names
            rest = "," + " " * (of.end() - 1) + rest[of.end():]
        qual = _QUALIFIER.match(rest)
        if qual and qual.group(0).lstrip().startswith(",") and re.match(r"\s*,?\s+and\s+[A-Z]", rest[qual.end():]) and \
                not any(gazetteer.names_unit(q.strip(), context) or gazetteer.country(q.strip())
                        for q in re.split(r"[,(]", qual.group(1))):
            qual = None  # "in Gondar, Woldia, Nekempte and Ambo": a list of towns, not a town and its units
        if qual and _SETTLEMENT_AFTER.match(rest[qual.end():]) and not _UNIT_AFTER.match(rest[qual.end():]):
            qual = None  # "in Gurage zone, Wolkite city": a town of the unit, not the unit's qualifier
        qualified = False
        fallbacks: list[str] = []
        states: dict[str, str] = {}
        expr = (rel.group(0) if rel else "") + ent.text + (after[:unit.end()] if unit else "")
        if qual:
            # "Campinas, Sao Paulo" / "Oicha (Beni, Nord-Kivu)": look for the town inside the
            # widest unit named after it
            parts = [q.strip() for q in re.split(r"[,(]", qual.group(1))]  # "X city, Y Sadar (Z)": a bracket continues the list
            # "Casa Grande, AZ", "Greenwood, Ark.": the state, said to be the US's ("Georgia" alone reads as the
            # country); not in a story of other countries, whose provinces have codes too (Brazil's "PA", "MA")
            states = {q: f"{name}, United States" for q in parts if (name := state_name(q))} \
                if not context or "USA" in context else {}
            known = [states.get(q, q) for q in parts if q in states or gazetteer.is_place(bare := re.sub(rf"\s+(?:{_QUALIFIER_UNITS})$", "", q))
                     or (bare != q and gazetteer.names_unit(bare, context))]  # "Nawa-e Barakzayi district": a unit by its spelling
            if known and qual.group(0).lstrip().startswith("in"):
                # "X in Y" qualifies X only when Y is a unit that can contain it ("Palma in Cabo Delgado",
                # "Nayrab in Idleb" where Idleb is the town and its province) and X is no country
                # ("mediated by Turkey in Istanbul")
                wide = gazetteer.resolve_expression(known[-1], context=context)
                if wide is None or gazetteer.country(ent.text) is not None or (
                        wide.feature not in ("admin1", "admin2", "region", "country")
                        and not gazetteer.names_unit(known[-1], context)):
                    known = []
            if known:
                offset = ent.end_char + (unit.end() if unit else 0) + (kind.end() if kind else 0)
                qualifiers.update(offset + qual.start(1) + qual.group(1).find(q) for q in parts)
                expr = f"{expr}, {', '.join(known)}"  # inside the narrowest unit holding a place so named
                fallbacks = [f"{known[i]}, {known[-1]}" for i in range(len(known) - 1)] + [known[-1]]
                qualified = True
        place = None
        if rel or unit or qualified:
            place = gazetteer.resolve_expression(expr.strip(), context=context, dateline=dateline)
        if qualified:
            # the qualifier read in the town's own country first ("Bathinda (Punjab)" is India's Punjab)
            own = (place.iso3,) if place is not None and place.latitude is not None and place.iso3 else ()
            widest = gazetteer.resolve_expression(fallbacks[-1], context=own or context, dateline=dateline)
            if not _inside(place, widest) or _stands_in(place, widest, ent.text):
                # a town the gazetteer does not know inside a region it does: code the narrowest named
                # unit the gazetteer knows ("Quissanga" in "X (Quissanga, Cabo Delgado)"), as ACLED does
                region = widest
                for fb in fallbacks:
                    cand = gazetteer.resolve_expression(fb, context=own or context, dateline=dateline)
                    if cand is not None and cand.latitude is not None and (fb == fallbacks[-1] or _inside(cand, widest)):
                        region = cand
                        break
                if region is not None and region.latitude is not None:
                    if region.feature != "country":
                        place = region
                        place.geo_precision = 3 if region.feature in ("admin1", "region") else 2
                    else:
                        place = None
        if qualified and states and place is not None and place.feature == "admin1":
            place = None  # a town not found in the abbreviated state ("St. Joseph, Mich."): as if bare, not the state
        if place is None or place.latitude is None:
            place = gazetteer.resolve(ent.text, context=context, dateline=dateline)
            qualified = False

        if not (rel or unit or qualified):
            place = _in_story_province(ent, place, gazetteer, context)
        if place is None or place.latitude is None:
            if unresolved is not None and ent.label_ in PLACE_LABELS and not ent.text.isupper():
                unresolved.append(ent.text)
            continue
        pm = PlaceMention(ent.text, ent.start_char, ent.end_char, root, place)
        pm.qualified = qualified  # type: ignore[attr-defined]
        pm.plain = not (rel or unit or qualified)  # type: ignore[attr-defined]
        out.append(pm)
    return _near_the_others(out, gazetteer, context, dateline)


def _near_the_others(mentions: list[PlaceMention], gazetteer: Any, context: Sequence[str],
                     dateline: str | None) -> list[PlaceMention]:
    """A village named bare among places the sentence pins down (a province or district, a town
    given with its unit: "in the Bazar area of Khas Urozgan district, Urozgan"; "fighting in
    Slavne and near Vodyane (Donetsk)") is read near them: of two villages of one name the one near the others wins over the bigger one far away,
    and a village that lies far from all of them is another place of that name (or no place
    at all), so it is dropped rather than allowed to take the event elsewhere."""
    anchors = [m.place for m in mentions if (not getattr(m, "plain", False) or m.place.feature in _UNITS)
               and not (getattr(m, "plain", False) and gazetteer.demonym(m.text))]  # "Somali pirates" pins nothing down
    anchors = [a for a in anchors if a.feature != "country" and a.latitude is not None and a.longitude is not None]
    if not anchors:
        return mentions
    home = {a.iso3 for a in anchors if a.iso3 in context}
    home_anchors = [a for a in anchors if a.iso3 in home]
    lat = sum(a.latitude for a in anchors) / len(anchors)  # type: ignore[misc]
    lon = sum(a.longitude for a in anchors) / len(anchors)  # type: ignore[misc]
    out = []
    for m in mentions:
        if getattr(m, "plain", False) and m.place.feature == "city" and (m.place.population or 0) < _VILLAGE \
                and m.place not in anchors and not _close(m.place, anchors):
            again = gazetteer.resolve(m.text, context=context, dateline=dateline, near=(lat, lon))
            if again.latitude is None or not _close(again, anchors):
                continue
            m.place = again
        elif getattr(m, "plain", False) and m.place.feature == "city" and m.place not in anchors \
                and home and m.place.iso3 not in home and not _close(m.place, home_anchors, 500):
            continue  # a bare name read as a town abroad, far from the places the sentence pins down in the story's country
        out.append(m)
    return out


def _in_story_province(ent: Span, place: Place, gazetteer: Any, context: Sequence[str]) -> Place:
    """A bare town name read in the province the story's place names agree on
    (`geo.focus.story_province`) when that province holds a place of the name: "Sumter" of a
    story that also names "the Sumter County Sheriff's Office" and "Manning" is South Carolina's,
    not Florida's county; "Marion" beside "Marion County" and "Topeka" is the Kansas town."""
    doc = ent.doc
    if "wirewatch_province" not in doc.user_data:
        from ..geo.focus import story_province
        names = [e.text for s in doc.sents for e in candidate_spans(s, gazetteer)]
        doc.user_data["wirewatch_province"] = story_province(gazetteer, names, context)
    focus = doc.user_data["wirewatch_province"]
    if focus is None or (place.latitude is not None and (place.iso3, place.admin1) == focus):
        return place
    if place.latitude is not None and place.feature not in ("city", "admin2"):
        return place  # a province or a country named as such
    iso3, admin1 = focus
    inside = gazetteer.resolve_expression(f"{ent.text}, {admin1}", context=(iso3, *[c for c in context if c != iso3]))
    if inside.latitude is None or inside.feature not in ("city", "admin2") or (inside.iso3, inside.admin1) != focus:
        return place  # no place of the name there (the expression gives the province itself)
    if not any(p.geonameid == inside.geonameid and (p.iso3, p.admin1) == focus for p in gazetteer.candidates(ent.text, (iso3,), limit=25)):
        return place  # a town across the border that the expression counts as near enough (Toledo, Ohio for Michigan)
    return inside


_UNITS = ("admin1", "admin2", "region")
_VILLAGE = 1000  # people: below this a bare name is read near the sentence's other places


def _close(place: Place, anchors: list[Place], km: float | None = None) -> bool:
    """Within reach of one of the anchors: 250 km of a province's point, 120 km of a town's (or `km`)."""
    from ..geo import distance_km
    return any(distance_km(place.latitude, place.longitude, a.latitude, a.longitude)  # type: ignore[arg-type]
               <= (km or (250 if a.feature in ("admin1", "region") else 120)) for a in anchors)


def _stands_in(place: Place | None, region: Place, name: str) -> bool:
    """The gazetteer gave the qualifying unit itself for a town it does not know ("Muaja, Cabo
    Delgado" -> Cabo Delgado)."""
    if place is None or place.feature not in ("admin1", "admin2", "region") or region.latitude is None:
        return False
    from ..geo import fold
    # (the qualifier alone may read as its namesake town: "Mymensingh" the division or the city)
    return fold(place.name) == fold(region.name) and fold(name) != fold(place.name)


def _inside(place: Place | None, region: Place) -> bool:
    if place is None or place.latitude is None:
        return False
    if region.iso3 and place.iso3 != region.iso3:
        return False
    if region.feature == "admin1" and place.admin1:
        from ..geo import fold
        a, b = fold(place.admin1), fold(region.admin1 or region.name)
        return a.startswith(b) or b.startswith(a)
    return True


def is_town(p: Place) -> bool:
    return p.feature not in ("country", "admin1", "admin2", "region", "continent") and (p.geo_precision or 1) <= 2


def rank_for_event(places: list[PlaceMention], trigger: Token | None, context: Sequence[str] = ()) -> list[PlaceMention]:
    """Best event locations first: towns over regions over countries; among them places in the
    story's countries, a town given with its region ("in X, Y"), then closeness to the trigger."""
    home = set(context[:2])

    def key(pm: PlaceMention) -> tuple[int, int, int, int, int]:
        level = 0 if is_town(pm.place) else (2 if pm.place.feature == "country" else 1)
        dist = abs(pm.token.i - trigger.i) if trigger is not None else 0
        away = 1 if home and pm.place.iso3 not in home else 0
        return (1 if _names_an_actor(pm.token) else 0, level, away, 0 if getattr(pm, "qualified", False) else 1, dist)
    return sorted(places, key=key)


def _names_an_actor(tok: Token) -> bool:
    """The place name modifies a name or noun that is no place, or is the subject of an active
    verb: "Kerman Coal Mine Company", "Beni Amir groups clashed", "Kabul police said". The
    event happened elsewhere when the sentence also says where ("... in Kuhbanan")."""
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i and tok.head.pos_ in ("PROPN", "NOUN") \
            and tok.head.ent_type_ not in PLACE_LABELS and not _PLACE_NOUN.match(tok.head.lower_):
        return True
    return tok.dep_ == "nsubj"


_PLACE_NOUN = re.compile(r"(?:village|town|city|district|province|region|area|county|state|camp|neighbou?rhood|"
                         r"market|road|highway|border|countryside|outskirts|suburb|municipality|governorate|"
                         r"department|prefecture|locality|commune|sector|zone|valley|mountains?|river|desert|"
                         r"plain|front|frontline|checkpoint|crossing)s?$")
