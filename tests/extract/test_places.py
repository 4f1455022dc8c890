"""Which names in a sentence are places and where they resolve (extract/places.py), on invented
sentences through the real parser and gazetteer."""
from __future__ import annotations

import pytest

from wirewatch.extract.places import resolve_in_sentence


def _places(pipeline, text, context=()):
    doc = pipeline.nlp(text)
    out = []
    for sent in doc.sents:
        out.extend(resolve_in_sentence(sent, pipeline.gazetteer, list(context), None))
    return out


@pytest.fixture(scope="module")
def pipeline():
    from wirewatch.pipeline import Pipeline
    return Pipeline()


def test_name_cut_in_two_is_mended(pipeline) -> None:
    """A name the parser splits ("Ras" + "al-Khaimah") is looked up whole."""
    found = _places(pipeline, "On 4 April 2019, a car bomb exploded in Ras al-Khaimah, injuring three.")
    assert [(p.place.iso3, p.place.feature) for p in found] == [("ARE", "city")]
    assert found[0].place.name.startswith("Ras")


def test_piece_of_an_unknown_longer_name_is_no_place(pipeline) -> None:
    """"Busra" of "Busra al-Harir" is not Basra in Iraq; the province named after it is kept."""
    found = _places(pipeline, "On 3 August 2019, a landmine exploded in Busra al-Harir in the countryside of Dar'a.")
    assert {p.place.iso3 for p in found} == {"SYR"}


def test_qualifier_with_linking_words(pipeline) -> None:
    """"Rio Grande do Norte" is read whole as the qualifier, not as "Rio Grande"."""
    found = _places(pipeline, "On 9 May 2017, a man was shot dead in Caico, Rio Grande do Norte.")
    assert found and found[0].place.name == "Caico" and found[0].place.admin1 == "Rio Grande do Norte"


def test_unknown_village_falls_back_to_the_narrowest_named_unit(pipeline) -> None:
    """"X village (District, Province)" with X unknown: the district, not the province."""
    found = _places(pipeline, "On 12 March 2021, militants attacked Nhacutse village (Macomia, Cabo Delgado) "
                              "and burned houses.")
    assert found and found[0].place.iso3 == "MOZ"
    assert found[0].place.name == "Macomia" and found[0].place.geo_precision == 2


def test_agency_acronym_is_not_a_town(pipeline) -> None:
    found = _places(pipeline, "On 2 July 2018, PMF fighters repelled an attack near Baiji in Saladin province.")
    assert {p.place.iso3 for p in found} == {"IRQ"}


def test_continent_in_a_company_name_is_not_a_town(pipeline) -> None:
    found = _places(pipeline, "On 8 June 2018, dock workers protested at the Asia Pacific terminal in Cebu.", ["PHL"])
    assert [p.text for p in found] == ["Cebu"]


def test_unit_of_town_qualifies(pipeline) -> None:
    """"X district of Y" reads Y as X's province; X is the place."""
    found = _places(pipeline, "On 3 June 2019, soldiers clashed with militants in Semdinli district of Hakkari.")
    assert found and found[0].place.name == "Semdinli" and found[0].place.iso3 == "TUR"
    assert all(p.text != "Hakkari" for p in found)


def test_qualifier_settles_an_ambiguous_province_name(pipeline) -> None:
    """"Riberalta, Beni" is Bolivia's Beni even when the story's other names pointed to Congo."""
    found = _places(pipeline, "On 4 June 2019, in Riberalta, Beni, residents blocked a road.", ["COD"])
    assert found and found[0].place.iso3 == "BOL" and found[0].place.name == "Riberalta"


def test_town_with_a_mistaken_label_before_its_province(pipeline) -> None:
    """Whatever label the parser gives "X" in "in X, <province>", X is read as a place there."""
    found = _places(pipeline, "On 7 May 2018, in Arcoverde, Pernambuco, a man was shot dead by two armed men.", ["BRA"])
    assert found and found[0].place.admin1 == "Pernambuco" and found[0].place.feature == "city"


def test_place_in_a_company_name_ranks_after_the_scene(pipeline) -> None:
    from wirewatch.extract.places import rank_for_event
    doc = pipeline.nlp("On 4 June 2019, workers of the Tabriz Tractor Company held a protest in Marand.")
    sent = next(iter(doc.sents))
    found = resolve_in_sentence(sent, pipeline.gazetteer, ["IRN"], None)
    assert rank_for_event(found, None, ["IRN"])[0].text == "Marand"


def test_countryside_of_a_province_qualifies(pipeline) -> None:
    """"the town of X in the eastern countryside of Y": X is looked for inside Y."""
    found = _places(pipeline, "On 2 March 2019, rebels shelled the town of Mhardeh in the northern countryside of Hama.")
    assert found and found[0].place.iso3 == "SYR" and found[0].place.admin1 == "Hama"


@pytest.mark.parametrize("text, name", [
    # a town's name inside a street address is the street, not the town
    ("A man was shot dead on Cleveland Avenue in Columbus, Ohio, on Monday.", "Cleveland"),
    ("Police found the victim at 1200 East Franklin Road in Richmond.", "Franklin"),
    # the subject of "said" is a person, whatever town bears the name
    ("Robertson said two soldiers were wounded in the attack.", "Robertson"),
    ("\"The gunmen fled on foot,\" Robertson told reporters.", "Robertson"),
])
def test_addresses_and_speakers_are_not_towns(pipeline, text, name) -> None:
    found = _places(pipeline, text, ["USA"])
    assert all(name not in p.place.name for p in found)


# --- a bare village among places the sentence pins down (`_near_the_others`) -----------------

def _mention(text: str, place, plain: bool = True):
    from wirewatch.extract.places import PlaceMention
    m = PlaceMention(text, 0, len(text), None, place)  # type: ignore[arg-type]
    m.plain = plain  # type: ignore[attr-defined]
    m.qualified = not plain  # type: ignore[attr-defined]
    return m


class _TwoVillages:
    """Stands in for the gazetteer: 'Nova' names one village far west and one near the front."""

    def __init__(self, near_one):
        self.near_one = near_one

    def resolve(self, name, context=(), dateline=None, near=None):
        return self.near_one if near is not None else None

    def demonym(self, word):
        return "SOM" if word == "Somali" else None


def _place(name, lat, lon, feature="city", population=0, gid=1):
    from wirewatch.model import Place
    return Place(name=name, geonameid=gid, latitude=lat, longitude=lon, iso3="UKR", feature=feature,
                 population=population, geo_precision=1)


def test_a_bare_village_is_read_near_the_province_the_sentence_names() -> None:
    from wirewatch.extract.places import _near_the_others
    far, near = _place("Nova", 49.8, 24.1, gid=1), _place("Nova", 48.2, 37.9, gid=2)
    province = _place("Donetsk", 48.0, 37.8, feature="admin1", population=4_000_000, gid=3)
    out = _near_the_others([_mention("Nova", far), _mention("Donetsk", province, plain=False)],
                           _TwoVillages(near), ["UKR"], None)
    assert [m.place.geonameid for m in out] == [2, 3]


def test_a_bare_village_far_from_everything_the_sentence_names_is_dropped() -> None:
    from wirewatch.extract.places import _near_the_others
    far = _place("Nova", 49.8, 24.1, gid=1)
    province = _place("Donetsk", 48.0, 37.8, feature="admin1", population=4_000_000, gid=3)
    out = _near_the_others([_mention("Nova", far), _mention("Donetsk", province, plain=False)],
                           _TwoVillages(far), ["UKR"], None)
    assert [m.place.geonameid for m in out] == [3]


def test_a_village_beside_a_bare_town_is_left_as_it_is() -> None:
    """"Fighting in Nova, officials in Lviv said": a bare town pins nothing down."""
    from wirewatch.extract.places import _near_the_others
    town = _place("Lviv", 49.8, 24.0, population=700_000, gid=4)
    village = _place("Nova", 48.2, 37.9, gid=2)
    assert len(_near_the_others([_mention("Nova", village)], _TwoVillages(None), ["UKR"], None)) == 1
    out = _near_the_others([_mention("Nova", village), _mention("Lviv", town)], _TwoVillages(None), ["UKR"], None)
    assert [m.place.geonameid for m in out] == [2, 4]


@pytest.mark.parametrize("text", [
    "On 3 March 2020, militants attacked an army post, killing 3 soldiers, in Ghondi of Garmsir district, Helmand.",
    "On 13 March 2020, an IED hit a vehicle in the Zangitan area of Shah Wali Kot district, Kandahar.",
    "On 2 March 2020, Taliban militants ambushed and killed 1 Afghan soldier, in Pul Mukhtar of Obe district, Herat.",
])
def test_village_of_a_district_is_placed_in_that_district(pipeline, text) -> None:
    """"X of D district, P" / "the X area of D district, P": X inside D (the district when X is
    unknown), whatever label the parser gave X or however it joined "X of D" into one name."""
    found = _places(pipeline, text)
    assert found and found[0].place.iso3 == "AFG" and found[0].place.geo_precision <= 2
    district = text.split(" of ")[-1].split(" district")[0]
    assert found[0].place.admin2 and found[0].place.admin2[:4] == district[:4]
    assert len(found) == 1  # the district and province are its qualifiers, not places of their own


def test_acronym_in_capitals_is_no_alternate_name(pipeline) -> None:
    """"SNA" (the Somali National Army) is one of Sanaa's alternate names: not a place in capitals."""
    found = _places(pipeline, "On 4 July 2025, a soldier (SNA) shot and killed a civilian in Mogadishu.")
    assert [p.place.iso3 for p in found] == ["SOM"]


@pytest.mark.parametrize("text, span, expected", [
    ("Clashes broke out in Jalalaqsi town (Jalalaqsi, Hiraan) overnight.", "Jalalaqsi town", "Jalalaqsi"),
    ("A bomb exploded in Gaza City overnight.", "Gaza City", "Gaza City"),
])
def test_a_name_the_parser_ran_into_its_kind_word_is_the_name(pipeline, text, span, expected) -> None:
    """"Jidali village" tagged whole is the village Jidali (the qualifier then finds it); a name
    that is itself a place ("Gaza City") keeps its word."""
    from spacy.tokens import Span
    from wirewatch.extract.places import _mend
    doc = pipeline.nlp(text)
    start = text.index(span)
    ent = doc.char_span(start, start + len(span), label="GPE")
    assert isinstance(ent, Span)
    assert _mend(ent, pipeline.gazetteer).text == expected


def test_a_bare_town_abroad_far_from_the_places_the_sentence_pins_down_is_dropped() -> None:
    """"clashed in Qahiira village near Adan Yabaal town (Adan Yabaal, Middle Shabelle)": a bare
    name read as a big town of another country (Cairo) far from the story's district is no event place;
    a town in the district's own country is kept (it may be where it happened)."""
    from dataclasses import replace
    from wirewatch.extract.places import _near_the_others
    cairo = replace(_place("Cairo", 30.06, 31.25, population=9_600_000, gid=1), iso3="EGY")
    district = replace(_place("Adan Yabal", 2.78, 45.50, feature="admin2", gid=2), iso3="SOM")
    out = _near_the_others([_mention("Qahiira", cairo), _mention("Adan Yabaal", district, plain=False)],
                           _TwoVillages(None), ["SOM"], None)
    assert [m.place.geonameid for m in out] == [2]
    mogadishu = replace(_place("Mogadishu", 2.04, 45.34, population=2_500_000, gid=3), iso3="SOM")
    out = _near_the_others([_mention("Mogadishu", mogadishu), _mention("Adan Yabaal", district, plain=False)],
                           _TwoVillages(None), ["SOM"], None)
    assert [m.place.geonameid for m in out] == [3, 2]
    # a demonym read as a province ("Somali pirates" -> Somali region) pins nothing down
    region = replace(_place("Somali", 9.35, 42.8, feature="admin1", gid=4), iso3="ETH")
    lamu = replace(_place("Lamu", -2.27, 40.9, population=18_000, gid=5), iso3="KEN")
    out = _near_the_others([_mention("Somali", region), _mention("Lamu", lamu)], _TwoVillages(None), ["ETH"], None)
    assert [m.place.geonameid for m in out] == [4, 5]


@pytest.mark.parametrize("text, name, admin1", [
    ("Residents of Robe (Bale) held a strike against the regional government.", "Robe", "Oromia"),
    ("On 3 May 2023, party activists staged a protest in Sreemangal upazila (Maulvibazar, Sylhet).", "Srimangal", "Sylhet"),
])
def test_a_name_the_parser_left_untagged_before_its_unit_is_a_place(pipeline, text, name, admin1) -> None:
    """"X (Province)", "in X upazila (District, Division)": a capitalised name after a locative
    word that the parser did not tag is a place when a unit word or a bracket of known units follows;
    the bracket qualifies it rather than being a place of its own."""
    found = _places(pipeline, text)
    assert len(found) == 1 and found[0].place.name.endswith(name)  # GeoNames: "Bale Robe"
    assert found[0].place.admin1.startswith(admin1) and found[0].place.feature == "city"


def test_a_bracket_continues_a_list_of_qualifiers(pipeline) -> None:
    """"X city, Y Sadar (Division)": the division in the bracket qualifies X too, and is no
    place of its own that could take the event."""
    found = _places(pipeline, "On 2 June 2024, students staged a protest in Gazipur city, Gazipur Sadar (Dhaka), "
                              "demanding the release of detainees.")
    assert [p.place.name for p in found] == ["Gazipur"]
    assert found[0].place.admin1 == "Dhaka"


def test_an_untagged_capitalised_word_without_a_unit_is_not_a_place(pipeline) -> None:
    """Only the construction makes an untagged word a place: "in Parliament (on Monday)" is not one."""
    found = _places(pipeline, "Members walked out in Parliament (on Monday) over the budget.")
    assert found == []


@pytest.mark.parametrize("text, places", [
    # a given name and a surname that are both towns somewhere, run together: a person
    ("The officer who shot a teenager in Columbus was named as Bryan Mason, a veteran.", ["Columbus"]),
    # the surname alone later in the text is the same person
    ("Police said Maria Garcia died at the scene in Tulsa and Garcia's brother was hurt.", ["Tulsa"]),
    # an institution noun that is also a town's name (University, Florida)
    ("The victim was taken to University Medical Center after he was shot in Las Vegas.", ["Las Vegas"]),
    # but a town and its state without a comma, and a town named after a preposition, stay places
    ("A man was shot dead in Columbus Ohio on Friday.", ["Columbus"]),
    ("Students at Ambo University protested against the government.", ["Ambo"]),
])
def test_a_towns_name_inside_a_persons_name_is_no_place(pipeline, text, places) -> None:
    found = _places(pipeline, text)
    assert [p.place.name for p in found] == places


def test_a_list_of_towns_is_no_chain_of_qualifiers(pipeline) -> None:
    """"in A, B, C and D" where the names are towns, none a unit: four places, A the first
    (not A looked for inside B)."""
    found = _places(pipeline, "Residents protested in Gondar, Woldia, Dessie and Bahir Dar on Sunday.")
    assert found and found[0].place.name == "Gonder" and len(found) == 4



@pytest.mark.parametrize("text", [
    "On 3 May 2016, air strikes killed 12 people in Idlib, the Britain-based monitor said.",
    "On 3 May 2016, US-led strikes killed 12 people in Idlib.",
])
def test_a_place_made_into_an_adjective_of_a_party_is_no_scene(pipeline, text) -> None:
    """'the London-based monitor', 'US-backed forces': who, not where (counter-example: Idlib stays)."""
    names = [p.text for p in _places(pipeline, text, ["SYR"])]
    assert names == ["Idlib"]


@pytest.mark.parametrize("text, town", [
    ("SAN SALVADOR, 9 MAY 89 (AFP) -- [TEXT] GUERRILLAS BLEW UP TWO POLES.", "San Salvador"),
    ("San Salvador, 9 May 89 (AFP) -- [text] Guerrillas blew up two poles.", "San Salvador"),  # after truecasing
    ("Guerrillas blew up two poles in San Salvador on 9 May.", None),
])
def test_release_line_town_also_after_truecasing(text, town) -> None:
    """A wire release line "TOWN, D MON YY (AGENCY) --" names the story's town even when the
    parser's truecasing turned its capitals into "Town, D Mon YY"."""
    from wirewatch.extract.dates import story_dateline
    assert story_dateline(text) == town


def test_release_line_votes_for_the_story_country(pipeline) -> None:
    """The release line's town counts for the story's country: an El Salvador story that names
    the United States twice is still an El Salvador story."""
    from wirewatch.extract.context import article_context
    from wirewatch.extract.dates import story_dateline
    text = ("San Salvador, 9 May 89 (AFP) -- [text] Gunmen killed two policemen yesterday. The United States "
            "condemned the attack, and United States officials said aid would continue.")
    ctx = article_context([(pipeline.nlp(text), 0)], pipeline.gazetteer, None, story_dateline(text))
    assert ctx.countries[0] == "SLV"


def test_bare_town_in_the_province_the_story_names_agree_on(pipeline) -> None:
    """A local story names its towns, seldom its state: "Marion" (twenty states have one, the
    largest an Indiana county) beside Topeka and Salina is the Kansas town; named alone it stays
    the largest."""
    found = _places(pipeline, "A man was shot dead in Marion on Friday night. Officers from Topeka and Salina "
                              "joined the search.", ["USA"])
    assert [(m.text, m.place.admin1) for m in found][:1] == [("Marion", "Kansas")]
    alone = _places(pipeline, "A man was shot dead in Marion on Friday night.", ["USA"])
    assert [(m.text, m.place.admin1) for m in alone] == [("Marion", "Indiana")]


@pytest.mark.parametrize("text, admin1", [
    ("Police investigated a shooting at a public range in Casa Grande, AZ on Sunday.", "Arizona"),
    ("A deputy was shot dead in Greenwood, Ark., on Sunday.", "Arkansas"),       # Greenwood, Indiana is larger
    ("Two men were shot in Savannah, GA on Friday.", "Georgia"),                 # the state, not the country
])
def test_town_with_its_state_abbreviated(pipeline, text, admin1) -> None:
    """A US town with its state's postal code or AP abbreviation ("AZ", "Ark.") is looked for in
    that state; "GA" alone reads as Gabon's ISO code."""
    found = _places(pipeline, text, ["USA"])
    assert [(m.place.iso3, m.place.admin1, m.place.feature) for m in found][:1] == [("USA", admin1, "city")]


def test_state_abbreviation_in_a_story_of_another_country_is_no_state(pipeline) -> None:
    """Brazil's states have two-letter codes too: "Belem, PA" is no Pennsylvania town."""
    found = _places(pipeline, "Protesters blocked a road in Belem, PA on Monday.", ["BRA"])
    assert all(m.place.iso3 != "USA" for m in found)
