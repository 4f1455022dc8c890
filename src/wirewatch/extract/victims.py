"""Counting the victims of a death or injury verb on the dependency parse, where no number is
written ("a man was stabbed to death", "Hakim and his son were killed", "the hostages were
executed" after "abducted three civilians").

Builds on quantities.py only; casualties.py calls `parsed` after its text patterns.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import vocabulary as vocab
from .quantities import DIG, NUM, SINGULAR, UNITS, WORDNUM, figure, names_number, value

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


_KILL_LEMMAS = {"kill", "assassinate", "murder", "behead", "lynch", "slay", "massacre", "decapitate",
                "execute", "strangle", "gun", "martyr"}  # "seven civilians were martyred" (Syrian and Kashmiri copy)
_DIE_LEMMAS = {"die", "perish", "succumb"}
_INJURE_LEMMAS = {"injure", "wound", "hurt", "maim"}
_HIT_LEMMAS = {"shoot", "stab"}  # passive only: "was shot", never "shot a film" or "was shot at"
_FATALLY = {"fatally", "mortally"}
_FATAL = {"fatal", "deadly"}
_SHOOTINGS = {"shooting", "stabbing"}
_DEATH_OUTCOME = {"result", "lead", "cause", "confirm", "leave", "bring", "addition"}
_DEATH_NOUNS = {"death", "killing", "murder", "assassination", "execution", "beheading", "lynching"}
_CASUALTY_NOUNS = {"casualty", "fatality", "victim", "death"}
_DEAD_WORDS = {"dead", "death"}
# singular nouns that name several people, and words that are not victims at all
_COLLECTIVE = {"family", "group", "crew", "team", "unit", "convoy", "patrol", "squad", "platoon", "battalion", "company",
               "gang", "cell", "household", "force", "army", "police", "militia", "population", "community", "village",
               "personnel", "staff", "number", "majority", "dozen", "score", "crowd", "mob", "delegation", "contingent",
               "detachment", "brigade", "regiment", "division", "column", "party", "tribe", "clan", "network", "plan",
               "attack", "operation", "raid", "order", "sentence", "ceasefire", "truce", "deal", "talk", "bill",
               "animal", "cattle", "cow", "goat", "dog", "livestock", "camel", "donkey", "horse", "sheep"}
_NOT_VICTIMS = {"injuring", "wounding", "injury", "wound", "abduction", "kidnapping", "arrest", "destruction", "looting",
                "burning", "damage", "displacement", "disappearance", "torture", "rape"}
_PLACE_WORDS = {"province", "city", "district", "village", "area", "town", "region", "state", "county", "neighbourhood",
                "neighborhood", "camp", "market", "street", "road", "highway", "municipality", "governorate", "division"}
_PERSON_PRONOUNS = {"he": 1, "she": 1, "him": 1, "her": 1, "himself": 1, "herself": 1}
_NOT_HAPPENED = {"attempt", "try", "plan", "threaten", "vow", "seek", "want", "intend", "fail", "aim", "plot", "order",
                 "accuse", "charge", "suspect", "arrest", "convict", "sentence", "deny", "blame", "investigate",
                 "detain", "prevent", "foil", "thwart", "avert", "warn", "fear", "urge", "call", "demand", "condemn",
                 "threat"}
_MODALS = vocab.lemmas("modals")
_RELATIVE = {"who", "that", "which", "whom"}
_ABDUCTED = re.compile(rf"\b(?:abduct\w*|kidnapp?\w*|seiz\w*|captur\w*|took|taken|hostage\w*)\s+(?:hostage\s+)?{NUM}\s+(?:[\w'-]+\s+){{0,3}}?"
                       r"(?:people|persons|civilians|soldiers|officers|policemen|men|women|children|workers|employees|"
                       r"passengers|students|villagers|residents|members|personnel|hostages|individuals|farmers|guards|"
                       r"officials|traders|teachers|journalists|contractors|engineers|drivers|travell?ers|fishermen)\b", re.I)


_STREET = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "highway", "route", "way",
           "court", "place", "square", "block"}


def _number_word(tok: "Token") -> int | None:
    if not (tok.like_num or tok.lower_ in UNITS) or _label(tok):
        return None
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].like_num:
        return value(doc[tok.i - 2].text + "-" + tok.text)  # "Twenty-six": one number the tokenizer split in three
    return value(tok.text)


def _label(tok: "Token") -> bool:
    """A number that names or dates rather than counts: a year ("15 July 2015 Abu ... was killed"; a count that
    large is written "2,000"), a unit, route or house number ("Unit 204", "Highway 1", "1200 East Franklin Road")."""
    if re.fullmatch(r"(?:1[89]|20)\d\d", tok.text):
        return True
    doc = tok.doc
    if tok.i > 0 and names_number(doc[tok.i - 1].text):
        return True  # "Unit 204 officers": the number belongs to the name before it
    for k in range(tok.i + 1, min(len(doc), tok.i + 5)):  # "1200 East Franklin Road": a house number
        if doc[k].lower_.rstrip(".") in _STREET and doc[k].is_title:
            return all(doc[j].is_title for j in range(tok.i + 1, k))
        if not doc[k].is_title:
            break
    return False


def _age_noun(tok: "Token") -> bool:
    """'old' heading 'a 17-year-old', 'the 2-month-old': a person named by age."""
    return tok.lower_ in ("old", "olds") and tok.i >= 2 and tok.doc[tok.i - 2].lemma_.lower() in ("year", "month", "week", "day")


def _count_one(tok: "Token", before: str) -> int | None:
    """People one conjunct of a victim phrase stands for: 'a man' 1, 'three civilians' 3, 'both' 2."""
    low = tok.lower_
    if _age_noun(tok):
        return 1 if low == "old" else None  # "a 17-year-old was shot": one person (the tagger calls an age a date)
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
        return None
    if tok.tag_ == "CD" or (tok.pos_ == "NUM" and tok.like_num):
        return _number_word(tok)
    if low in ("one", "both"):
        if any(c.lower_ in ("no", "neither") for c in tok.children):
            return None  # "no one else was hurt"
        return 1 if low == "one" else 2
    for left in tok.lefts:  # "three Afghan Local Police officers": the number may hang off a name inside the phrase
        num = next((x for x in left.subtree if x.dep_ == "nummod" and x.head.i < tok.i and x.head.tag_ in ("NNP", "NNPS")
                    and x.nbor(1).text != "-"), None)
        if num is not None:
            return _number_word(num)
    for c in sorted(tok.children, key=lambda c: c.dep_ != "nummod"):  # "all four family members": the number counts
        if c.dep_ == "nummod":
            return None if c.nbor(1).text == "-" else _number_word(c)  # "a 48-year-old man" is not 48 people
        if c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj"):
            return 2
        if c.lower_ in ("no", "any", "some", "several", "many", "all", "dozens", "hundreds", "scores", "other"):
            return None
    if tok.pos_ == "PRON":
        return _PERSON_PRONOUNS.get(low)
    if tok.tag_ == "NNP" or (tok.tag_ == "NNS" and tok.text[:1].isupper() and not tok.lower_.endswith("s")):
        # a person's name, even where the gazetteer took it for a town or the tagger for a plural
        return None if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY") else 1
    if tok.tag_ == "JJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and low not in ("dead", "injured", "wounded") \
            and any(c.lower_ in ("the", "a", "an") for c in tok.children):
        return 1  # "the other died", "the death of the local"
    if tok.tag_ == "NN":
        if tok.lemma_.lower() in _COLLECTIVE or low in _COLLECTIVE:
            return 2 if low == "couple" else None
        return 1
    if tok.tag_ == "NNS" and before and any(c.lower_ in ("the", "these", "those") for c in tok.children):
        return _antecedent(tok, before)
    return None


PERPETRATORS = r"(?:assailants|attackers|bombers|gunmen|perpetrators)"


def _antecedent(tok: "Token", before: str) -> int | None:
    """'The hostages were executed' after 'abducted three civilians': 3; 'the officers' after 'two officers': 2."""
    recent = before[-700:]
    if tok.lemma_.lower() in ("hostage", "captive", "abductee", "victim", "body"):
        found = list(_ABDUCTED.finditer(recent))
        if found:
            fig = figure(found[-1])
            return fig.best if fig is not None and fig.low == fig.high else None
        return None
    noun = PERPETRATORS if tok.lemma_.lower() in ("assailant", "attacker", "bomber", "gunman", "perpetrator") else re.escape(tok.lower_)
    same = list(re.finditer(rf"\b(?P<num>{DIG}|{WORDNUM})\s+(?:[\w'-]+\s+){{0,2}}?{noun}\b", recent, re.I))
    if same:
        n = value(same[-1].group("num"))
        return n if n not in (None, 0) and not re.fullmatch(r"(?:19|20)\d\d", same[-1].group("num")) else None
    return None


def _count_np(head: "Token", before: str) -> int | None:
    total = 0
    parts = [head, *head.conjuncts]
    if head.tag_ == "NNP":  # "Ignacio Ellacuria, Segundo Montes, Amando Lopez and Joaquin Lopez": the parser hangs the
        # second name on the first as an apposition and the rest on it; a list of names with "and" is that many people
        for c in head.children:
            if c.dep_ == "appos" and c.tag_ == "NNP" and c.conjuncts:
                parts += [c, *c.conjuncts]
    if not any(c.dep_ == "cc" or c.lower_ in ("and", "&") for p in parts for c in p.children):
        parts = [head]  # "Maria in Taquara, Rio de Janeiro": a list without 'and' is places, not people
    for c in head.children:  # "One officer, one soldier, and three assailants": a list the parser read as apposition
        if c.dep_ == "appos" and any(x.dep_ == "nummod" for x in c.children) and any(x.dep_ == "nummod" for x in head.children) \
                and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ",":
            parts += [c, *c.conjuncts]
    if any(c.lower_ in ("neither", "nor") and c.dep_ in ("preconj", "cc", "det") for p in parts for c in p.children):
        return None  # "neither the driver nor the passenger was hurt": nobody
    for part in parts:
        if part != head and (part.pos_ == "VERB" or part.lemma_.lower() in _DEATH_NOUNS | _NOT_VICTIMS | _PLACE_WORDS
                                 or (part.ent_type_ in ("GPE", "LOC", "FAC") and head.tag_ != "NNP")):
            continue  # "the killing of 1 member and the injuring of 3 others"; "a man in X city, Y province"
        n = _count_one(part, before)
        if n is None:
            return None
        total += n
    return total


def _subjects(verb: "Token") -> list["Token"]:
    """The victims of a passive or intransitive verb, through 'was shot and died' and relative clauses."""
    v = verb
    obj = next((c for c in v.head.children if c.dep_ == "dobj"), None)
    if v.dep_ in ("oprd", "advcl", "xcomp", "ccomp") and v.head.lemma_.lower() in ("leave", "find") and obj is not None:
        return [obj]  # "left him seriously wounded", "the blast left two soldiers wounded": the ones left so
    for _ in range(4):
        subjs = [c for c in v.children if c.dep_ in ("nsubjpass", "nsubj") and (c.ent_type_ not in ("DATE", "TIME") or _age_noun(c))
                 and not (c.tag_ == "CD" and any(x.ent_type_ == "DATE" for x in c.children))]  # not "8 May"
        if len(subjs) > 1:  # "On 6 May, in X, Y, a man was killed": the parser's extra subjects are places
            subjs = [c for c in subjs if c.ent_type_ not in ("GPE", "LOC", "FAC")] or subjs[:1]
        if subjs:
            if subjs[0].lower_ in _RELATIVE and v.dep_ == "relcl":
                return [v.head]
            out = [subjs[0]]
            for extra in subjs[1:]:  # "18 assailants, one civilian, and one member were killed" (parsed as two subjects)
                between = v.doc[subjs[0].i:extra.i]
                if not any(t.lower_ in ("including", "among", "includes", "included") for t in between):
                    out.append(extra)
                else:  # "14 officers, including the chief, and 25 assailants": more than the first group holds
                    first, more = _count_np(subjs[0], ""), _count_np(extra, "")
                    if first is not None and more is not None and more > first:
                        out.append(extra)
            return out
        if v.dep_ in ("conj", "advcl", "xcomp", "oprd", "ccomp") and v.head.pos_ in ("VERB", "AUX"):
            v = v.head
            continue
        if v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            return [v.head]
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head  # "a teenager is in critical condition after being shot": the gerund's subject is the clause's
            continue
        return []
    return []


_BODY = {"head", "arm", "arms", "leg", "legs", "hand", "hands", "foot", "feet", "chest", "back", "stomach", "abdomen", "neck",
         "face", "cheek", "shoulder", "thigh", "knee", "buttocks", "side", "hip", "torso", "eye", "jaw", "groin", "ankle", "wrist"}
_PEOPLE_WORDS = set(re.findall(r"[a-z]+", SINGULAR)) | {"people", "persons", "men", "women", "children", "boys", "girls", "son",
                                                       "daughter", "brother", "sister", "uncle", "aunt", "cousin", "nephew", "niece",
                                                       "wife", "husband", "girlfriend", "boyfriend", "friend", "mother", "father",
                                                       "grandmother", "grandfather", "neighbor", "neighbour", "baby", "toddler",
                                                       "deputy", "deputies", "officers", "others", "teens", "students", "bystander"}


def _hit_person(obj: "Token", kids: list["Token"]) -> bool:
    """The object of an active 'shoot' or 'stab' is someone hit: a person ('his brother', 'five people', 'himself',
    'him') or anything shot 'in the arm'; not a film, a photo or a ball ('shot a video', 'shot the ball')."""
    if obj.lower_ in ("himself", "herself", "him", "her", "them", "themselves"):
        return True
    in_body = any(c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lower_ in _BODY for g in c.children) for c in kids)
    return in_body or obj.lemma_.lower() in _PEOPLE_WORDS or obj.lower_ in _PEOPLE_WORDS or obj.ent_type_ == "PERSON" or _age_noun(obj)


_NAMING = {"identify", "name", "find", "discover", "recover"}
_CARE_LEMMAS = {"take", "transport", "rush", "find", "admit", "treat", "airlift", "fly", "hospitalize", "hospitalise", "carry",
                "bring", "evacuate", "drive"}


_SUFFER_LEMMAS = {"suffer", "sustain"}
_GUNS = {"gun", "weapon", "rifle", "pistol", "handgun", "shotgun", "firearm", "revolver"}


def _harm_suffered(kids: list["Token"]) -> str | None:
    """'k' or 'i' when the object of 'suffer'/'sustain' is a wound or an injury ('suffered a gunshot wound', 'sustained
    fatal injuries'); None for anything else suffered ('suffered a loss', 'sustained damage')."""
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in ("wound", "injury"):
        return None
    mods = {c.lower_ for c in obj.children if c.dep_ in ("amod", "compound")}
    return "k" if mods & ({"fatal", "mortal"} | _FATAL) else "i"


def _with_injuries(verb: "Token") -> bool:
    """The verb's phrases say the people had injuries: 'with (gunshot) wounds', 'for treatment of injuries'."""
    for c in verb.children:
        if c.dep_ != "prep":
            continue
        for t in c.subtree:
            if t.lemma_.lower() in ("injury", "wound") and (t.head.lower_ in ("with", "for") or (
                    t.head.lower_ == "of" and t.head.head.lemma_.lower() == "treatment")):
                return True
    return False


def _named_death(tok: "Token") -> bool:
    """'the fatal shooting', 'the shooting death': a noun that names a death as done."""
    lemma, kids = tok.lemma_.lower(), list(tok.children)
    return tok.pos_ == "NOUN" and (lemma in _SHOOTINGS and any(c.dep_ == "amod" and c.lower_ in _FATAL for c in kids)
                                   or lemma == "death" and any(c.dep_ == "compound" and c.lemma_.lower() in _SHOOTINGS for c in kids))


def _unreal(verb: "Token") -> bool:
    """Negated, modal, attempted or alleged-crime readings: 'was not killed', 'tried to kill', 'accused of killing'.
    A death named by its noun ("charged in the shooting death of X") happened whoever is charged with it."""
    if _named_death(verb):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    tok = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children):
            return True
        if tok != verb and tok.lemma_.lower() in _NOT_HAPPENED:
            return True
        if tok.dep_ not in ("xcomp", "pcomp", "pobj", "prep", "ccomp") or tok.head == tok:
            return False  # a coordinated verb ("was detained and later found killed") is a fact of its own
        tok = tok.head
    return False


def _victims(tok: "Token") -> tuple[str, list["Token"]] | None:
    """('k' or 'i', the heads of the victim phrases) when `tok` says people died or were hurt."""
    got = _victims_of(tok)
    if got is None:
        return None
    clause = tok
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    if clause.dep_ in ("relcl", "acl") and clause.head in got[1] and clause.head.dep_ not in ("nsubj", "nsubjpass", "ROOT", "appos") \
            and not (clause.head.dep_ == "dobj" and clause.head.head.lemma_.lower() in _NAMING) and not _partitive(clause.head):
        return None  # "justice for a youth who was killed", "the family of a man who died": the story's background
    # ("police identified two victims who were shot and killed": the naming of this event's own dead)
    return got


def _partitive(group: "Token") -> bool:
    """'one of five people shot', 'among the 12 people killed': the group one victim belongs to is the event's
    victims, counted (not 'one of the men who killed him')."""
    gov = group.head
    return group.dep_ == "pobj" and any(c.dep_ == "nummod" for c in group.children) and (
        gov.lower_ == "among" or (gov.lower_ == "of" and (gov.head.like_num or gov.head.lower_ in ("one", "two", "three"))))


def _victims_of(tok: "Token") -> tuple[str, list["Token"]] | None:
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    if lemma == "commit" and any(c.dep_ == "dobj" and c.lower_ == "suicide" for c in kids):
        subj = _subjects(tok)  # "he turned the gun on himself and committed suicide"
        return ("k", subj) if subj else None
    if lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() == "life" and any(g.lower_ == "own" for g in c.children)
                               for c in kids):
        subj = _subjects(tok)  # "the gunman then took his own life"
        return ("k", subj) if subj else None
    if lemma == "turn" and tok.pos_ == "VERB":
        gun = next((c for c in kids if c.dep_ == "dobj" and c.lemma_.lower() in _GUNS), None)
        on = [g for p in (*kids, *(gun.children if gun is not None else ())) if p.dep_ == "prep" and p.lower_ == "on"
              for g in p.children if g.dep_ == "pobj" and g.lower_ in ("himself", "herself")]
        if gun is not None and on:  # "shot his wife, then turned the gun on himself": the shooter is dead too (named once
            # with "and committed suicide"; a pronoun subject stands for someone already told, so the reflexive counts)
            subj = _subjects(tok)
            return "k", subj if subj and subj[0].pos_ != "PRON" else on[:1]
    if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids) or \
            (tok.tag_ == "VBN" and tok.dep_ in ("conj", "advcl", "acl", "relcl", "oprd", "xcomp", "ccomp"))
        to_death = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in kids)
        dead = any(c.lower_ in _DEAD_WORDS and c.dep_ in ("oprd", "acomp", "advmod", "dobj", "xcomp", "ccomp", "attr") for c in kids)
        fatal = any(c.dep_ == "advmod" and c.lower_ in _FATALLY for c in kids)
        if lemma in _DIE_LEMMAS:
            kind = "k"
        elif lemma in _KILL_LEMMAS or to_death or (dead and lemma in ("shoot", "find", "pronounce", "leave", "declare",
                                                                           "confirm", "gun", "stab", "beat", "report", "be")) \
                or (fatal and lemma in _HIT_LEMMAS | _INJURE_LEMMAS):  # "were found fatally shot", "fatally wounded"
            kind = "k"
            if lemma == "gun" and not any(c.lower_ == "down" for c in kids):
                return None
        elif lemma in _INJURE_LEMMAS:
            kind = "i"
        elif lemma in _HIT_LEMMAS and passive and not any(c.dep_ == "prep" and c.lower_ == "at" and not any(g.dep_ == "pobj" for g in c.children)
                                                           for c in kids):
            # "a man was shot in the leg", "six people were shot at a party": hit and not said to have died (a death in the
            # sentence claims him first); "the patrol was shot at (by gunmen)", "at" with nothing after it, is fired on
            kind = "i"
        elif lemma in _CARE_LEMMAS and passive and _with_injuries(tok):
            kind = "i"  # "eight people were taken to hospital with injuries", "found with gunshot wounds"
        elif lemma in _HIT_LEMMAS and any(c.dep_ == "dobj" and _hit_person(c, kids) for c in kids):
            kind = "i"  # "a child shot himself in the hand", "shot his 7-year-old brother in the arm", "shot five people"
        elif lemma in _SUFFER_LEMMAS and (harm := _harm_suffered(kids)) is not None:
            kind = harm  # "a man suffered a gunshot wound to the leg": the one who suffered it is hurt
        else:
            return None
        found_dead = [g for c in kids if c.lower_ == "dead" and c.dep_ in ("ccomp", "xcomp", "oprd") for g in c.children if g.dep_ == "nsubj"]
        if lemma == "find" and not passive and found_dead:
            heads = found_dead  # "they found Jaylin Miller dead": the one found, not the finders
        elif lemma in _DIE_LEMMAS | _SUFFER_LEMMAS or passive or (lemma in ("find", "be") and dead):
            heads = _subjects(tok)
        else:
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            heads = [obj] if obj is not None else []
        if lemma == "execute" and heads and heads[0].tag_ == "NN" and heads[0].lower_ not in _SINGULAR_WORDS:
            return None  # "executed an attack"
        for c in kids:  # "was killed along with his driver"
            if c.lower_ in ("along", "together") and c.dep_ in ("prt", "advmod", "prep"):
                w = next((x for x in kids if x.dep_ == "prep" and x.lower_ == "with"), None) or \
                    next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "with"), None)
                obj = next((x for x in w.children if x.dep_ == "pobj"), None) if w is not None else None
                if obj is not None:
                    heads.append(obj)
        return (kind, heads) if heads else None
    if _named_death(tok):
        # "the fatal shooting of a teenager", "the shooting death of his friend": a death, whatever governs it
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
        return ("k", [obj]) if obj is not None else None
    if tok.pos_ == "NOUN" and lemma in ("injury", "wounding") and tok.dep_ in ("pobj", "dobj"):
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
        # "resulting in the injury of six people": the outcome of the event told, as with a death below
        return ("i", [obj]) if obj is not None and gov.lemma_.lower() in _DEATH_OUTCOME else None
    if tok.pos_ == "NOUN" and lemma in _DEATH_NOUNS:
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        if gov.lemma_.lower() not in _DEATH_OUTCOME:
            # "a witness to the murder of X", "protested against the killing of X" tell of another event: on 400 ACLED
            # training notes naming a killing by its noun, counting its victims whatever governs it matched the
            # toll 16 times more and 142 times fewer ("condemned the assassination of X", MUC's events, stay uncounted)
            return None
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
        if obj is None:  # "Galan's murder": the victim is the possessor
            obj = next((c for c in kids if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        if obj is not None:
            return "k", [obj]
        return None
    if lemma in _CASUALTY_NOUNS and tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(c.lower_ == "only" for c in tok.subtree):
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # "the assailant was the only casualty"
        return ("k", [subject]) if subject is not None else None
    return None


_OTHER_WORDS = {"k": {"injured", "wounded", "hurt"}, "i": {"killed", "dead"}}  # "23 Killed Over 100 Injured"
_SINGULAR_WORDS = set(re.findall(r"[a-z]+", SINGULAR)) | {"hostage", "captive", "prisoner", "detainee", "inmate", "spy",
                                                          "informant", "collaborator"}


def parsed(sent: "Span", before: str) -> dict[str, tuple[int, int, int, str]]:
    """Victim counts per kind on the parse: {kind: (count, start, end, text)} in sentence offsets."""
    found: dict[str, list[tuple[int, int, int, Token]]] = {"k": [], "i": []}
    seen: set[int] = set()
    headlined: set[int] = set()  # victims of a verb written in title case: a headline run into the lead
    verb_of: dict[int, int] = {}  # victim head -> the verb that told it
    told = [(tok, got) for tok in sent if (got := _victims(tok)) is not None and not _unreal(tok)]
    told.sort(key=lambda x: x[1][0] != "k")  # the dead first: "was shot and killed" is a death, not an injury
    for tok, (kind, heads) in told:
        for h in heads:
            if h.i in seen:
                continue
            if h.like_num and h.i + 1 < len(h.doc) and h.doc[h.i + 1].lower_ in _OTHER_WORDS[kind]:
                continue  # "23 Killed Over 100 Injured": the 100 belong to the next word
            if h.pos_ == "PRON" and h.lower_ not in ("himself", "herself") and found[kind]:
                continue  # "a man was shot and he died": one victim
            n = _count_np(h, before)
            if n is None:
                return {}  # an uncounted group ("soldiers were killed"): leave the sentence to the text patterns
            seen.add(h.i)
            sub = list(h.subtree)
            first, last = min(sub[0], tok, key=lambda t: t.i), max(sub[-1], tok, key=lambda t: t.i)
            found[kind].append((n, first.idx - sent.start_char, last.idx + len(last) - sent.start_char, h))
            if _headline(tok):
                headlined.add(h.i)
            verb_of[h.i] = tok.i
    # "a man was taken to hospital with wounds, where he died", "was shot and he died": the pronoun that died is the
    # person hurt, who is then no injury of his own
    gone = sum(n for n, _, _, h in found["k"] if h.pos_ == "PRON" and h.lower_ in ("he", "she"))
    while gone and found["i"] and found["i"][0][0] <= gone:
        gone -= found["i"].pop(0)[0]
    out = {}
    for kind, items in found.items():
        items = _retold(items, sent, headlined, verb_of)
        if items:
            start, end = min(x[1] for x in items), max(x[2] for x in items)
            out[kind] = (sum(x[0] for x in items), start, end, sent.text[start:end])
    return out


_GENERIC_VICTIMS = {"people", "person", "persons", "civilian", "civilians"}


def _generic(tok: "Token") -> bool:
    return tok.like_num or tok.pos_ != "NOUN" or tok.lower_ in _GENERIC_VICTIMS


def _headline(verb: "Token") -> bool:
    """A verb in title case inside a sentence ("Kurdish SDF Troops Kill 13 Daesh Militants Near ..."):
    headline copy that runs into the lead without a full stop."""
    return verb.i > verb.sent.start and verb.text[:1].isupper() and not verb.text.isupper()


_KIN = [{"soldier", "troop", "serviceman", "servicemen", "personnel", "force", "officer", "policeman", "policemen"},
        {"militant", "fighter", "jihadist", "insurgent", "rebel", "terrorist", "gunman", "gunmen", "extremist"},
        {"civilian", "people", "person", "resident", "villager", "citizen"}]


def _kin(a: "Token", b: "Token") -> bool:
    """Two words for the same sort of people ("troops" and "soldiers", "militants" and "jihadists")."""
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    return any(la in k and lb in k for k in _KIN)


def _retold(items: list[tuple[int, int, int, "Token"]], sent: "Span", headlined: set[int] | frozenset[int] = frozenset(),
            verb_of: dict[int, int] | None = None) -> list[tuple[int, int, int, "Token"]]:
    """The same count told again in one run-on passage ("Bomb attack kills 31 ... -A bomb attack killed
    31 people", "Troops Kill 13 Daesh Militants ... killed 13 jihadists"): once. Equal counts of
    different people joined under one verb ("2 soldiers and 2 civilians were killed") still add up;
    told by two verbs in words for the same people ("10 Syrian troops killed in clashes ... At least
    10 Syrian soldiers were killed") or in a headline, they are one count told twice."""
    verbs = verb_of or {}
    out: list[tuple[int, int, int, "Token"]] = []
    for item in items:
        n, _, _, h = item
        if any(n == m and n > 1 and (h.lemma_.lower() == g.lemma_.lower() or "NOUN" not in (h.pos_, g.pos_)
                                     or (_generic(h) and _generic(g)) or g.i in headlined or h.i in headlined
                                     or (verbs.get(h.i, -1) != verbs.get(g.i, -1) and _kin(h, g)))
               for m, _, _, g in out):
            continue
        out.append(item)
    return out

