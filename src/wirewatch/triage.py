"""Relevance triage: a cheap lexical pass that runs before the parser.

Two questions, answered from the text's lower-cased words (one compiled regex splits them; cue
words and phrases are set look-ups built once at import, so there is no regex per cue):

* `is_relevant(text, title)`: does the article carry conflict, violence or protest content at all?
  Each cue of a weighted lexicon counts once; the article is relevant when the weights reach 1.
  Cues that other beats use too ("attack", "clash", "strike", "shot") are marked ambiguous and
  count for little when the text is plainly about sport, business, weather or culture; and a long
  story whose words are mostly another beat's, with conflict words rare, is not relevant at all.
* `event_sentences(text, window)`: which sentences can carry events or claims about them?
  The parser only needs those (with `window` neighbours each side if asked).

`is_relevant` runs at thousands of ~500-word articles per second on one core (docs/scale.md).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["is_relevant", "relevance_score", "event_sentences", "split_sentences", "TriageResult", "triage"]

# --- the lexicon -------------------------------------------------------------------------------
# (cue, weight, ambiguous, word forms). Each cue counts once however often its forms occur; the
# article is relevant when the weights reach THRESHOLD. Forms are lower-case words; "a_b" is a
# phrase (words separated by spaces or hyphens in the text). Ambiguous cues are words other beats
# use too ("attack", "clash", "shot"): they count for little when the text is plainly off-topic.
_LEXICON: list[tuple[str, float, bool, str]] = [
    # killing, dying, casualties
    ("kill", 1.0, False, "kill killed killing killings kills shot_dead shot_to_death gunned_down "
        "beaten_to_death hacked_to_death fatally burnt_alive burned_alive found_dead stabbed_to_death to_death"),
    ("toll", 1.0, False, "death_toll casualty_toll body_count casualty casualties fatality fatalities"),
    ("wound", 1.0, False, "wound wounded wounding wounds"),
    ("injure", 0.75, True, "injure injured injuring injuries injury"),
    ("death", 0.5, False, "dead death deaths died dies dying"),
    ("body", 0.5, False, "body bodies corpse corpses mass_grave mass_graves"),
    ("remains", 0.5, False, "found_dumped dumped bodies_of human_remains decapitated dismembered bound_and_gagged "
        "signs_of_torture tortured wrapped_in throats_slit slit_throats human_heads human_remains dead_man dead_woman "
        "dead_women dead_men set_alight"),
    ("massacre", 1.0, False, "massacre massacred massacres genocide atrocity atrocities war_crime war_crimes"),
    ("murder", 1.0, False, "murder murdered murders murdering homicide homicides manslaughter lynched lynching "
        "lynchings beheaded beheading beheadings assassinated assassination assassinations assassinate"),
    ("execute", 0.75, False, "executed executions summary_execution extrajudicial"),
    ("stab", 1.0, False, "stabbed stabbing stabbings"),
    ("victim", 0.5, False, "victim victims"),
    # weapons and remote violence
    ("airstrike", 1.0, False, "airstrike airstrikes air_strike air_strikes air_raid air_raids drone_strike "
        "drone_strikes drone_attack drone_attacks bombardment bombarded warplane warplanes fighter_jets "
        "helicopter_gunship helicopter_gunships"),
    ("bomb", 1.0, False, "bomb bombs bombed bombing bombings bomber bombers car_bomb suicide_bomber "
        "suicide_bombers suicide_attack suicide_vest ied ieds landmine landmines land_mine land_mines "
        "explosive_device explosive_devices detonated detonation detonate defused grenade grenades"),
    ("shell", 1.0, False, "shelled shelling shellings artillery mortar mortars howitzer howitzers rocket_propelled"),
    ("missile", 0.75, True, "rocket rockets missile missiles drone drones shells"),
    ("explosion", 0.75, True, "explosion explosions exploded explode explodes blast blasts"),
    ("gunfire", 1.0, False, "gunfire gunfight gunfights gunshot gunshots gun_fight opened_fire open_fire "
        "fired_at fired_on fired_upon fired_shots warning_shots shooting shootings"),
    ("shootout", 1.0, True, "shootout shootouts shoot_out shoot_outs firefight firefights"),
    ("weapon", 0.75, False, "gunman gunmen sniper snipers firearm firearms rifle rifles "
        "pistol pistols bullet bullets weapon weapons munitions ammunition arms_depot armoured_vehicle armored_vehicle "
        "armoured_vehicles armored_vehicles"),
    ("explosive", 0.5, False, "explosive explosives"),
    ("shot", 0.5, True, "shot shoot shoots fire fired fires firing gun guns"),
    ("armed", 0.25, False, "armed"),
    # armed actors
    ("militant", 1.0, False, "militant militants insurgent insurgents insurgency insurgencies jihadist "
        "jihadists jihadism rebel rebels guerrilla guerrillas militia militias militiamen paramilitary "
        "paramilitaries vigilante vigilantes"),
    ("terror", 1.0, False, "terrorist terrorists terrorism terror_attack terror_attacks extremist extremists "
        "separatist separatists armed_group armed_groups armed_men took_up_arms take_up_arms combatants assailant assailants perpetrators gang_members hitman hitmen"),
    ("troops", 0.75, False, "troops soldier soldiers serviceman servicemen army armies armed_forces military "
        "militaries marines battalion battalions brigade brigades commando commandos reinforcements joint_patrol joint_patrols "
        "government_forces regime_forces coalition_forces state_forces pro_government_forces rebel_forces"),
    ("police", 0.5, False, "police policeman policemen policewoman security_forces gendarmes gendarmerie "
        "riot_police border_guards cartel cartels gang gangs traffickers deployed deployment outpost outposts"),
    ("group", 1.0, False, "taliban al_qaeda al_shabaab boko_haram islamic_state isis isil daesh hezbollah "
        "hamas houthi houthis pkk farc"),
    # fighting
    ("attack", 1.0, True, "attack attacks attacked attacking attackers fighters"),
    ("assault", 1.0, False, "assaulted assaulting beat_up beaten_up beating_up threw_stones threw_rocks "
        "threw_a_rock threw_a_stone hurled_stones stone_throwing"),
    ("assault_amb", 0.5, True, "assault assaults ambush ambushed ambushes raid raids raided beaten beating"),
    ("clash", 1.0, True, "clash clashes clashed clashing"),
    ("battle", 1.0, False, "armed_clash armed_clashes skirmish skirmishes hostilities offensive offensives "
        "counteroffensive counter_offensive incursion incursions invasion invaded invading occupied besieged "
        "siege"),
    ("fight", 0.5, True, "fight fighting fights fought battle battles battled war wars combat frontline "
        "frontlines front_line"),
    ("ceasefire", 1.0, False, "ceasefire cease_fire truce armistice peace_talks peace_deal peace_agreement "
        "peace_accord"),
    ("abduct", 1.0, False, "kidnap kidnapped kidnapping kidnappings kidnapper kidnappers abduct abducted "
        "abduction abductions abducting abductors hostage hostages held_captive taken_captive"),
    ("arrest", 0.5, False, "arrest arrested arrests arresting detain detained detaining detention detainees "
        "captured seized confiscated"),
    ("destroy", 1.0, False, "loot looted looting looters arson torched torching set_fire set_on_fire "
        "set_ablaze set_alight burned_down burnt_down vandalised vandalized vandalism ransacked demolished "
        "demolition demolitions razed bulldozed"),
    ("burn", 0.5, True, "burned burnt burning destroyed"),
    ("violence", 0.75, False, "violence violent unrest turmoil evicted evictions forcibly displaced refugees evacuated evacuation curfew lockdown "
        "martial_law state_of_emergency"),
    ("civilian", 0.5, False, "civilian civilians"),
    ("resident", 0.25, False, "residents villagers"),
    ("threat", 0.5, False, "threat threats threatened threatening intimidated intimidation extorted extortion "
        "unidentified robbery robberies robbed"),
    ("abuse", 1.0, False, "tortured torture raped rape sexual_violence molested molesting molestation"),
    # ground taken or held, sides changed: with forces named, a territorial or strategic development
    ("ground", 0.5, True, "took_over taken_over taking_over observation_post observation_posts barracks "
        "defected defectors freed_several freed_the took_control taken_control taken_the_control seized_control "
        "gained_control regained_control established_control reinforced"),
    ("patrol", 0.5, False, "patrol patrols patrolled convoy convoys checkpoint checkpoints check_points sealed_off "
        "moving_troops moved_troops move_troops military_base military_bases military_post"),
    ("forces", 0.5, True, "forces guards surrendered"),
    # protest and riot
    ("protester", 1.0, False, "protester protesters protestor protestors demonstrator demonstrators rioter "
        "rioters riot riots rioted rioting marchers sit_in sit_ins hunger_strike hunger_strikes tear_gas "
        "teargas water_cannon water_cannons rubber_bullets stone_pelting pelted molotov took_to_the_streets "
        "coup mutiny uprising crackdown dispersed human_chain gathered_in_front_of"),
    ("protest", 1.0, True, "protest protests demonstrate demonstrated demonstration demonstrations "
        "demonstrating rally rallies rallied mob mobs march marched marches"),
    # the verb and a staged protest are not sports or business talk even in a labour story
    ("protested", 1.0, False, "protested protesting staged_a_protest held_a_protest staged_a_demonstration "
        "held_a_demonstration staged_protests demonstrated_against demonstrated_outside demonstrated_in_front"),
    ("demand", 0.5, True, "demanding demanded demands to_demand"),
    ("roadblock", 0.75, False, "roadblock roadblocks blocked_the_road blocked_the_roads blocked_roads "
        "barricaded_roads barricaded_the_road blocked_the_highway blocked_the_entrance blocked_the_rails "
        "blocked_the_railway blocked_the_street blocked_the_streets blocked_access blocked_the_office padlocked"),
    ("denounce", 0.5, True, "denounce denounced denouncing condemned condemning"),
    ("block", 0.5, True, "blocked blocking blockade blockades barricade barricades barricaded"),
    ("gather", 0.5, True, "gathered gathering procession motorcade staged caravan human_chain"),
    ("strike", 0.5, True, "strike strikes striking walkout walkouts picket pickets picketed picketing "
        "boycott boycotts"),
    ("chant", 0.5, True, "chanted chanting chants slogans placards banners petition"),
    # topic labels some reports open with ("Security measures: On 4 May ...")
    ("topic", 1.0, False, "security_measures movement_of_forces property_destruction land_seizure weapons_seizure "
        "explosive_remnants_of_war non_violent_activity headquarters_or_base_established change_to_armed_group"),
    ("armed_change", 1.0, False, "took_up_arms take_up_arms military_exercises military_drills laid_down_their_arms "
        "pledged_allegiance new_base"),
    ("aid", 0.5, False, "food_packages food_parcels boxes_with_food delivered_food distributed_food"),
    ("displaced", 0.5, False, "displaced fled_their_homes fled_their_village fled_their_villages repatriated"),
    ("crowd", 0.5, True, "workers merchants vendors sellers employees teachers nurses farmers retirees pensioners "
        "activists supporters labourers laborers inmates"),
    ("contraband", 0.5, False, "marijuana cocaine heroin methamphetamine contraband smuggled smuggling narcotics "
        "drug_trafficking drug_traffickers"),
    ("smash", 0.5, True, "smashed vandals"),
]

# Words that show a text belongs to another beat; several of them damp the ambiguous cues.
_OFF_TOPIC = frozenset("""
match matches goal goals league season coach striker midfielder defender goalkeeper tournament
championship cup innings wicket wickets batsman batter bowler bowling overs scored scoring points playoff
playoffs quarterback touchdown penalty referee umpire stadium fans team teammate teammates squad lap final
finals semifinal olympic olympics medal tennis golf cricket football soccer basketball rugby athlete
athletes game games win won victory champion champions race rider cyclist jersey title opponent crowd
quarter guard shares stock stocks investor investors revenue profit profits earnings quarterly market
markets inflation rates merger acquisition ceo executive sales price prices economy economist economists
analyst analysts dividend dividends bond bonds customers retail startup valuation shareholders nasdaq
index percent company firm trading traders billion dollars deal demand production factory consumers brand
forecast temperatures temperature rainfall showers sunny humidity degrees meteorological film album
festival exhibition museum novel concert orchestra gallery actor actress director premiere recipe chef menu
harvest gardeners students curriculum vaccine patients software smartphone users app
""".split())

# Phrases in which a cue word means something else: each occurrence takes one count off the cue
# words inside it ("heart attack" is not an attack).
_NEUTRAL = """
heart_attack heart_attacks panic_attack panic_attacks asthma_attack cyber_attack cyber_attacks
price_war price_wars trade_war trade_wars bidding_war talent_war turf_war war_chest war_room
legal_battle legal_battles court_battle court_battles custody_battle uphill_battle title_battle
relegation_battle battle_for_the_title battled_for_the_title battle_with_cancer battled_cancer
killer_app killing_it killing_time fire_sale under_fire fired_up fire_brigade fire_alarm fire_station
shot_on_goal shots_on_goal shot_at_goal shots_at_goal parting_shot opening_shot long_shot big_shot
penalty_shootout penalty_shoot_out dead_heat dead_ball dead_end strike_rate lucky_strike strike_a_deal
strike_a_balance strike_a_chord stock_rally market_rally relief_rally share_rally rallied_to_win
rally_car rally_driver attacking_midfielder attacking_play attacking_football attacking_third
charm_offensive offensive_line offensive_lineman offensive_coordinator offensive_rebounds
died_peacefully died_at_the_age dies_at after_a_long_illness after_a_short_illness product_demonstration
cooking_demonstration
""".split()

_TOKEN_RE = re.compile(r"[a-z]+")

# a phrase as it appears in the space-joined word list: " shot dead "
_Phrase = tuple[str, frozenset[str], str]      # (pattern, its words, cue)
_Neutral = tuple[str, tuple[str, ...]]         # (pattern, its words)


def _build() -> tuple[dict[str, tuple[str, float, bool]], dict[str, list[_Phrase]], dict[str, list[_Neutral]]]:
    """Word -> (cue, weight, ambiguous); cue phrases and neutral phrases indexed by first word."""
    words: dict[str, tuple[str, float, bool]] = {}
    phrases: dict[str, list[_Phrase]] = {}
    neutral: dict[str, list[_Neutral]] = {}
    for form in _NEUTRAL:
        parts = tuple(form.split("_"))
        neutral.setdefault(parts[0], []).append((f" {' '.join(parts)} ", parts))
    for cue, weight, ambiguous, forms in _LEXICON:
        for form in forms.split():
            if "_" in form:
                parts = tuple(form.split("_"))
                phrases.setdefault(parts[0], []).append((f" {' '.join(parts)} ", frozenset(parts), cue))
            else:
                words[form] = (cue, weight, ambiguous)
    return words, phrases, neutral


_CUE_WORDS, _PHRASES_BY_HEAD, _NEUTRAL_BY_HEAD = _build()
_CUE_META = {cue: (weight, ambiguous) for cue, weight, ambiguous, _ in _LEXICON}
_CUE_WORD_SET = frozenset(_CUE_WORDS)
_PHRASE_HEADS = frozenset(_PHRASES_BY_HEAD)
_NEUTRAL_HEADS = frozenset(_NEUTRAL_BY_HEAD)

# every word the triage looks at; the rest of an article's words are never touched again
_VOCABULARY = (_CUE_WORD_SET | _OFF_TOPIC | frozenset(w for n in _NEUTRAL for w in n.split("_"))
               | frozenset(w for _, _, _, forms in _LEXICON for f in forms.split() for w in f.split("_")))

THRESHOLD = 1.0
OFF_TOPIC_MIN = 3        # distinct off-topic words before ambiguous cues are damped
AMBIGUOUS_DAMPING = 0.2  # what an ambiguous cue still counts for in an off-topic text
MAX_DAMPED_TOTAL = 0.5   # and what all of them together count for at most
MAX_SCAN_CHARS = 6000    # the lead paragraphs decide; scanning the rest of a long feature buys nothing

# Another beat's story (a film, a game review, sport, business) that uses a conflict word or two: in a
# text of at least OFF_BEAT_MIN_WORDS words, the other beat's words are frequent and conflict words
# rare. Set 2026-12-02 on the analysis half of the article benchmark (docs/evaluate.md): it turns away
# 53 of the 94 BBC culture/sport/business stories the cues let through and none of the 2,100 conflict,
# crime and protest reports there; a short note or snippet is never judged this way.
OFF_BEAT_MIN_WORDS = 150
OFF_BEAT_MIN_SHARE = 0.01     # other-beat words (_OFF_TOPIC) per word, at least
OFF_BEAT_MIN_COUNT = 4        # and at least this many of them
OFF_BEAT_PLAIN_SHARE = 0.008  # unambiguous conflict words per word, below
OFF_BEAT_CUE_SHARE = 0.02     # all conflict words per word, below


@dataclass(frozen=True)
class TriageResult:
    relevant: bool
    score: float
    cues: tuple[str, ...]       # the distinct cues that counted, strongest first
    off_topic: int              # distinct off-topic words seen
    off_beat: bool = False      # another beat's story that only borrows a conflict word (not relevant)


def _cue_counts(text: str) -> tuple[Counter[str], frozenset[str], set[str]]:
    """(word counts, the known words present, cues found as phrases) of `text`; neutral phrases
    already taken off.

    Phrases are looked up in the words joined by single spaces, so "shoot-out", "shoot out" and
    "shoot\nout" all match, only at word boundaries, and with one C-level substring search each.
    """
    tokens = _TOKEN_RE.findall(text.lower())
    counts = Counter(tokens)
    present = _VOCABULARY.intersection(counts)   # the few words of the text the triage knows
    joined = f" {' '.join(tokens)} "
    for head in _NEUTRAL_HEADS.intersection(present):
        for pattern, words in _NEUTRAL_BY_HEAD[head]:
            if not present.issuperset(words):
                continue
            times = joined.count(pattern)
            if times:
                joined = joined.replace(pattern, " ")
                for word in words:
                    counts[word] -= times
    if "march" in counts:
        counts["march"] -= text.count("March")  # the month, not the verb
    hits: set[str] = set()
    for head in _PHRASE_HEADS.intersection(present):
        for pattern, needed, cue in _PHRASES_BY_HEAD[head]:
            if cue not in hits and present.issuperset(needed) and pattern in joined:
                hits.add(cue)
    return counts, present, hits


def triage(text: str, title: str | None = None) -> TriageResult:
    """Score a text for conflict content; see `is_relevant` for the rule."""
    body = f"{title}.\n{text[:MAX_SCAN_CHARS]}" if title else text[:MAX_SCAN_CHARS]
    counts, present, phrase_hits = _cue_counts(body)
    off = len(_OFF_TOPIC.intersection(present))
    damp = AMBIGUOUS_DAMPING if off >= OFF_TOPIC_MIN else 1.0
    found: set[str] = set(phrase_hits)
    for word in _CUE_WORD_SET.intersection(present):
        if counts[word] > 0:
            found.add(_CUE_WORDS[word][0])
    weights = {cue: _CUE_META[cue][0] * (damp if _CUE_META[cue][1] else 1.0) for cue in found}
    plain = sum(w for c, w in weights.items() if not _CUE_META[c][1])
    ambiguous = sum(w for c, w in weights.items() if _CUE_META[c][1])
    if damp < 1.0:  # in an off-topic text ambiguous words alone ("attack", "clash", "shot") never add up
        ambiguous = min(ambiguous, MAX_DAMPED_TOTAL)
    score = round(plain + ambiguous, 3)
    cues = tuple(sorted(weights, key=lambda c: (-weights[c], c)))
    off_beat = score >= THRESHOLD and _off_beat(counts, present)
    return TriageResult(score >= THRESHOLD and not off_beat, score, cues, off, off_beat)


def _off_beat(counts: Counter[str], present: frozenset[str]) -> bool:
    """Another beat's words are frequent and conflict words rare (see OFF_BEAT_*)."""
    words = sum(counts.values())
    if words < OFF_BEAT_MIN_WORDS:
        return False
    other = sum(counts[w] for w in _OFF_TOPIC.intersection(present))
    if other < OFF_BEAT_MIN_COUNT or other < OFF_BEAT_MIN_SHARE * words:
        return False
    cue_words = [w for w in _CUE_WORD_SET.intersection(present) if counts[w] > 0]
    conflict = sum(counts[w] for w in cue_words)
    unambiguous = sum(counts[w] for w in cue_words if not _CUE_META[_CUE_WORDS[w][0]][1])
    return unambiguous < OFF_BEAT_PLAIN_SHARE * words and conflict < OFF_BEAT_CUE_SHARE * words


def relevance_score(text: str, title: str | None = None) -> float:
    return triage(text, title).score


def is_relevant(text: str, title: str | None = None) -> bool:
    """True when the text reports conflict, violence or protest: its weighted cues reach 1."""
    return triage(text, title).relevant


# --- sentences ---------------------------------------------------------------------------------
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and an upper-case
# letter, digit or opening quote, or at a blank line. Abbreviations before the dot do not end one.
_BOUNDARY_RE = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n\s*\n""")
_ABBREV = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cmdr adm gov sen rep rev st jr sr no vs etc "
    "jan feb mar apr aug sep sept oct nov dec inc ltd co corp u.s u.n u.k e.g i.e approx est "
    "brig pres ft mt hon".split()
)
_LAST_WORD_RE = re.compile(r"([A-Za-z.]+)\.[\"'”’)\]]*\s*$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text` (a cheap regex splitter, no model)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        if "\n" not in m.group(0):
            last = _LAST_WORD_RE.search(text, max(start, m.start() - 20), m.end())
            if last and (last.group(1).lower().rstrip(".") in _ABBREV or len(last.group(1)) == 1):
                continue  # "Gen. Smith", "J. Smith", "U.S. troops"
        end = m.start()
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Cues that name what happened (an attack, a death, a protest), as against those that only set the
# scene (soldiers, civilians, refugees, war): a sentence with only the latter is background unless
# it also has a casualty figure, a date or a quote.
_EVENT_CUES = frozenset(
    "kill toll wound injure death massacre murder execute stab airstrike bomb shell missile explosion "
    "gunfire shootout shot attack assault assault_amb clash battle ceasefire abduct arrest destroy burn "
    "abuse protester protest protested demand roadblock block strike smash victim ground".split()
)
assert _EVENT_CUES <= _CUE_META.keys()
# Claims: who asserts or denies what happened (the claim extractor reads these sentences).
_CLAIM_RE = re.compile(
    r"\b(?:den(?:y|ied|ies|ial)|accus(?:ed|es|ing|ation|ations)|blam(?:ed|es|ing)|claim(?:ed|s|ing)? "
    r"responsibility|alleg(?:ed|es|ation|ations|edly)|reject(?:ed|s)|refut(?:ed|es)|condemn(?:ed|s)|"
    r"retaliat\w*|provocation|violat(?:ed|ing|ion|ions)|agreed|agreement|signed)\b",
    re.IGNORECASE,
)
_QUOTED_SAID_RE = re.compile(
    r"[\"“”].{3,}?[\"“”].*?\b(?:said|says|told|stated|added|wrote|tweeted)\b|"
    r"\b(?:said|says|told|stated|added):?\s*[\"“]",
    re.IGNORECASE | re.DOTALL,
)
_NUMBER_WORDS = (
    r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|hundreds|thousands"
)
_CASUALTY_RE = re.compile(
    rf"\b(?:{_NUMBER_WORDS})\b(?:\s+\w+){{0,3}}\s+(?:people|persons|civilians|soldiers|children|women|men|"
    r"police(?:men)?|officers|residents|villagers|dead|killed|injured|wounded|missing|casualties|houses|"
    r"homes|buildings)\b",
    re.IGNORECASE,
)
_DATE_RE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|overnight|"
    r"(?:last|this) (?:night|week|morning|evening)|earlier (?:today|this week))",
)


# Neighbours kept around each event sentence by default. 0: measured on 600 ACLED/GTD dev rows and
# the seed story's gold, one neighbour each side changed no extracted field (ACLED fatalities
# were even 0.6 points better without), while it made the parser read 83% of a conflict article
# instead of 54%: 10.9 instead of 16.6 articles per CPU-second through the pipeline (docs/scale.md).
DEFAULT_WINDOW = 0


def _cues_in(sentence: str) -> set[str]:
    counts, present, cues = _cue_counts(sentence)
    cues.update(_CUE_WORDS[w][0] for w in _CUE_WORD_SET.intersection(present) if counts[w] > 0)
    return cues


def _carries_event(sentence: str) -> bool:
    """An event or claim sentence: an event cue or a claim verb, or a scene-setting cue together
    with a casualty figure, a date or an attributed quote."""
    cues = _cues_in(sentence)
    if not cues.isdisjoint(_EVENT_CUES) or _CLAIM_RE.search(sentence):
        return True
    return bool(cues) and bool(
        _CASUALTY_RE.search(sentence) or _DATE_RE.search(sentence) or _QUOTED_SAID_RE.search(sentence)
    )


def event_sentences(text: str, window: int = DEFAULT_WINDOW) -> list[tuple[int, int]]:
    """Character spans of the sentences that can carry events or claims, each widened by `window`
    neighbouring sentences on both sides; overlapping or touching spans are merged.

    The first sentence (dateline, lead) is always kept: it dates and places the story.
    """
    sentences = split_sentences(text)
    if not sentences:
        return []
    keep = [False] * len(sentences)
    for i, (start, end) in enumerate(sentences):
        if i == 0 or _carries_event(text[start:end]):
            for j in range(max(0, i - window), min(len(sentences), i + window + 1)):
                keep[j] = True
    merged: list[tuple[int, int]] = []
    for (start, end), kept in zip(sentences, keep):
        if not kept:
            continue
        if merged and _only_space_between(text, merged[-1][1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _only_space_between(text: str, a: int, b: int) -> bool:
    return not text[a:b].strip()
