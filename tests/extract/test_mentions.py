"""Article-level reasoning: retellings of one incident fold into one event (stories written for these tests)."""
import pytest

from wirewatch.extract.casualties import find_captured
from wirewatch.extract.mentions import consolidate
from wirewatch.model import Mention, Span

PRESS_RELEASE = """KABUL, Afghanistan (March 4, 2011) - An Afghan and coalition security force killed two insurgents and detained three suspects during an operation in Nad Ali district, Helmand province, yesterday.

The insurgents fired on the force as it approached the compound. The security force returned fire, killing the two insurgents.

The force also found a cache of rifles and grenades, which was destroyed.
"""


def test_a_press_release_reports_one_operation(pipeline):
    art = pipeline.extract_text(PRESS_RELEASE, published="2011-03-04")
    told = [e for e in art.events if e.mention != "background"]
    assert len(told) == 1
    op = told[0]
    assert (op.event_date, op.admin1, op.fatalities, op.captured) == ("2011-03-03", "Helmand", 2, 3)


def _m(i, **kw):
    base = dict(event_id=f"a-{i}", article_id="a", event_type="Battles", sub_event_type="Armed clash",
                event_date="2020-05-03", time_precision=1, iso3="SYR", country="Syria", admin1="Idlib",
                location="Idlib", geo_precision=3, evidence=[Span(i * 100, i * 100 + 50)])
    base.update(kw)
    return Mention(**base)


def test_retellings_fold_into_the_first_with_the_exact_figure():
    lead = _m(0, fatalities=3, fatalities_low=2, fatalities_high=None)       # "several were killed"
    later = _m(1, fatalities=6, fatalities_low=6, fatalities_high=6, location="Saraqib", geo_precision=1)
    out = consolidate([lead, later], " " * 300)
    assert len(out) == 1 and out[0].fatalities == 6 and out[0].location == "Saraqib"


@pytest.mark.parametrize("other", [
    dict(admin1="Aleppo", location="Aleppo"),                                 # another province
    dict(event_date="2020-04-20"),                                            # another day
    dict(event_type="Protests", sub_event_type="Peaceful protest"),           # a protest is not the battle
    dict(mention="background"),                                               # history stays history
])
def test_distinct_events_stay_apart(other):
    out = consolidate([_m(0), _m(1, **other)], " " * 300)
    assert len(out) == 2


def test_an_operations_arrests_take_the_fight_as_its_kind():
    arrests = _m(0, event_type="Strategic developments", sub_event_type="Arrests")
    fight = _m(1, fatalities=1, fatalities_low=1, fatalities_high=1)
    out = consolidate([arrests, fight], " " * 300)
    assert len(out) == 1 and (out[0].event_type, out[0].fatalities) == ("Battles", 1)


ARRESTS = dict(event_type="Strategic developments", sub_event_type="Arrests")
SEIZURE = dict(event_type="Strategic developments", sub_event_type="Disrupted weapons use")
BLAST = dict(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")


@pytest.mark.parametrize("lead, later, kept", [
    # "The combined force detained two suspected insurgents ... The force also found weapons / an IED
    # exploded": what happened to people is the event; the seizure or a blast that hurt nobody follows on
    (ARRESTS, SEIZURE, "Arrests"),
    (ARRESTS, BLAST, "Arrests"),
    # counter-examples: a clash followed by a weapons seizure stays the clash; an arrest followed by a
    # killing (or a blast that wounded people) becomes the violence
    ({}, SEIZURE, "Armed clash"),
    (ARRESTS, dict(fatalities=1, fatalities_low=1, fatalities_high=1), "Armed clash"),
    (ARRESTS, dict(BLAST, injuries=3, injuries_low=3, injuries_high=3), "Remote explosive/landmine/IED"),
])
def test_a_detention_keeps_its_type_over_a_follow_on_seizure_or_harmless_blast(lead, later, kept):
    out = consolidate([_m(0, **lead), _m(1, **later)], " " * 300)
    assert len(out) == 1 and out[0].sub_event_type == kept


def test_a_folded_incident_keeps_the_type_of_its_lead():
    """'A roadside bomb hit a patrol ... two soldiers were killed in the clash that followed': the
    incident stays the bombing its lead told, though the later telling carries the toll."""
    bomb = _m(0, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    clash = _m(1, fatalities=2, fatalities_low=2, fatalities_high=2)
    out = consolidate([bomb, clash], " " * 300)
    assert len(out) == 1 and (out[0].sub_event_type, out[0].fatalities) == ("Remote explosive/landmine/IED", 2)


@pytest.mark.parametrize("lead, later, folded", [
    (dict(fatalities=48, fatalities_low=48, fatalities_high=None), dict(fatalities=48, event_date="2020-04-30"), True),
    (dict(fatalities=48), dict(fatalities=12, event_date="2020-04-30"), False),   # another toll, another day
    (dict(fatalities=1), dict(fatalities=1, event_date="2020-04-30"), False),     # one death identifies nothing
    (dict(fatalities=48), dict(fatalities=48, event_date="2020-04-20"), False),   # too long before
])
def test_one_toll_told_on_two_days_is_one_incident(lead, later, folded):
    """'at least 48 killed ... last week' and '48 killed on Friday': one massacre, whatever day each telling gives."""
    out = consolidate([_m(0, **lead), _m(1, **later)], " " * 300)
    assert (len(out) == 1) == folded


@pytest.mark.parametrize("text, n", [
    ("The force detained three suspected insurgents.", 3),
    ("Two suspects were arrested on Monday.", 2),
    ("Police arrested a man near the market.", 1),
    ("They captured 2017 fighters' weapons.", None),   # a year is not a count
    ("No arrests have been made.", 0),
    ("The force killed two insurgents.", None),
])
def test_captured(text, n):
    assert find_captured(text) == n



def test_detentions_do_not_make_an_operation_an_arrest():
    # ACLED codes the seizure or the clash an arrest came with
    raid = _m(0, event_type="Strategic developments", sub_event_type="Looting/property destruction", captured=2)
    assert consolidate([raid], " " * 300)[0].sub_event_type == "Looting/property destruction"
    fight = _m(0, captured=2)
    assert consolidate([fight], " " * 300)[0].event_type == "Battles"

def test_violence_told_later_elsewhere_without_a_day_is_context():
    text = "Gunmen killed 4 in Idlib on Monday. IS has attacked Hasaka province before."
    lead = _m(0, fatalities=4, fatalities_low=4, fatalities_high=4, evidence=[Span(0, 35)])
    aside = _m(1, admin1="Al-Hasakah", location="Al-Hasakah", evidence=[Span(36, len(text))])
    out = consolidate([lead, aside], text)
    assert [m.mention for m in out] == ["new", "background"]
    dated = _m(1, admin1="Al-Hasakah", location="Al-Hasakah", evidence=[Span(0, 35)])  # its sentence names a day
    assert [m.mention for m in consolidate([_m(0, evidence=[Span(0, 35)]), dated], text)] == ["new", "new"]


def test_an_event_placed_only_at_the_dateline_town_takes_the_province_told_later():
    lead = _m(0, admin1="Kabul", location="Kabul", geo_precision=1)
    later = _m(1, admin1="Logar", location="Baraki Barak", geo_precision=1)
    out = consolidate([lead, later], " " * 300, dateline="Kabul")
    assert [(m.admin1, m.location) for m in out] == [("Logar", "Baraki Barak")]


def test_more_about_the_lead_in_its_province_without_a_day_or_toll_is_the_lead():
    text = "Air strikes killed 9 in Idlib on Monday. The strikes also hit a bakery in Saraqib."
    lead = _m(0, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
              fatalities=9, fatalities_low=9, fatalities_high=9, evidence=[Span(0, 40)])
    def more():
        return _m(1, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  location="Saraqib", geo_precision=1, event_date="2020-05-04", evidence=[Span(41, len(text))])
    out = consolidate([lead, more()], text)
    assert len(out) == 1 and out[0].fatalities == 9 and out[0].location == "Saraqib"
    # a protest in the same province is not more about the strike
    crowd = _m(1, event_type="Protests", sub_event_type="Peaceful protest", event_date="2020-05-04",
               evidence=[Span(41, len(text))])
    assert len(consolidate([_m(0, fatalities=9, evidence=[Span(0, 40)]), crowd], text)) == 2
    # nor is a strike on another town of the province, each placed at its own town
    lead_town = _m(0, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", location="Ariha",
                   geo_precision=1, fatalities=9, fatalities_low=9, fatalities_high=9, evidence=[Span(0, 40)])
    assert len(consolidate([lead_town, more()], text)) == 2


def test_history_told_between_the_news_is_background():
    """A generic sentence ('since the war began') dated only by the sentence before it is context."""
    from types import SimpleNamespace
    import datetime as dt
    from wirewatch.extract.dates import DateMention
    from wirewatch.extract.mentions import classify_mention
    from wirewatch.model import Place
    day = DateMention(0, 6, dt.date(2017, 4, 3), 1, "weekday", "Monday")
    town = Place(name="Aleppo", iso3="SYR", feature="city", latitude=36.2, longitude=37.1)
    d = SimpleNamespace(date=day, place=town, unresolved=[], inherited_date=True,
                        sentences=["Thousands have been killed since the war began with protests."])
    assert classify_mention(d, dt.date(2017, 4, 4))[0] == "background"
    d.inherited_date = False  # its own day: news, whatever else it says
    assert classify_mention(d, dt.date(2017, 4, 4))[0] == "new"
