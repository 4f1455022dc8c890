import datetime as dt

import pytest

from wirewatch.extract.dates import find_dates, parse_date_text

PUB = dt.date(2020, 10, 17)  # a Saturday


@pytest.mark.parametrize("text, iso, precision", [
    ("officials said on Saturday that", "2020-10-17", 1),
    ("At dawn, troops moved in", "2020-10-17", 1),
    ("On October 11, the army said", "2020-10-11", 1),
    ("On 17 October 2020, in the town", "2020-10-17", 1),
    ("the attack on Oct. 3 killed", "2020-10-03", 1),
    ("on Sunday morning, shelling resumed", "2020-10-11", 1),
    ("yesterday's raid", "2020-10-16", 1),
    ("the truce agreed last week", "2020-10-10", 2),
    ("On or around 5 May 2020, gunmen", "2020-05-05", 2),
    ("Between 1 and 3 May 2020, clashes", "2020-05-01", 2),
    ("flare-ups this July", "2020-07-01", 3),
    ("earlier this month", "2020-10-01", 3),
    ("in April 2016", "2016-04-01", 3),
    ("went to war in 1988-94", "1988-01-01", 3),
    ("05/15/2017: Assailants attacked", "2017-05-15", 1),
    ("in the summer of 2014", "2014-06-01", 3),
])
def test_dates_resolve_against_publication_day(text, iso, precision):
    got = find_dates(text, PUB)
    assert got, text
    assert (got[0].iso, got[0].precision) == (iso, precision)


def test_month_without_year_never_lands_after_publication():
    assert find_dates("On December 30, rebels", PUB)[0].iso == "2019-12-30"


def test_may_the_verb_is_not_a_month():
    assert find_dates("the figures may 10 times higher", PUB) == []


def test_parse_date_text_falls_back_to_dateparser():
    assert parse_date_text("2020-10-17T14:20:00+05:30").iso == "2020-10-17"


@pytest.mark.parametrize("text, published, expected", [
    # the release line's date is the day the story was filed: "last night" and "Monday" count from it
    ("KABUL, Afghanistan (May 12) - A force killed two insurgents last night.", dt.date(2010, 5, 12), [("rel_day", "2010-05-11")]),
    ("KABUL, Afghanistan (Nov. 20, 2012) - A force detained a man Monday.", dt.date(2012, 11, 25), [("weekday_of", "2012-11-19")]),
    # with no publication date the dateline still dates "yesterday"
    ("ID-025 | KABUL, Afghanistan (Jan. 25, 2013) | During an operation yesterday, a force killed a leader.", None,
     [("rel_day", "2013-01-24")]),
    # the day-month form with a two-digit year ("LIMA, 16 JAN 90 (EFE) --") is a dateline too
    ("LIMA, 16 JAN 90 (EFE) -- [TEXT] TERRORISTS ATTACKED THE EMBASSY YESTERDAY.", dt.date(1990, 1, 16),
     [("rel_day", "1990-01-15")]),
    # a heading that restates the release day is not an event's date either
    ("May 12: Operations in Helmand | KABUL, Afghanistan (May 12) - Militants were detained last night.", dt.date(2010, 5, 12),
     [("rel_day", "2010-05-11")]),
])
def test_a_dateline_date_is_the_reference_not_an_event_date(text, published, expected):
    assert [(d.kind, d.iso) for d in find_dates(text, published)] == expected


def test_the_dateline_town():
    from wirewatch.extract.dates import dateline_place
    assert dateline_place("For Immediate Release Download PDF  KABUL, Afghanistan (Sept. 24) - Forces detained") == "Kabul"
    assert dateline_place("ID-7 | SAN SALVADOR, El Salvador (Nov. 3, 1989) | Troops") == "San Salvador"
    assert dateline_place("Fighting in Kabul, Afghanistan, killed 3") is None


def test_an_undated_event_takes_the_story_day(nlp):
    """'At dawn on Sunday troops moved into the village ... Gunmen killed two soldiers': the killing is
    Sunday's (the story's day, told in its opening), not the day the story was published (Tuesday)."""
    from wirewatch.pipeline import extract_text
    art = extract_text("Fighting returned to the east of the country. At dawn on Sunday, troops moved into the village of "
                       "Kibumba in North Kivu, Democratic Republic of Congo. Gunmen ambushed the patrol in Kibumba and killed "
                       "two soldiers, the army said.", published="2021-03-09")
    told = [e for e in art.events if e.mention != "background"]
    assert told and told[0].event_date == "2021-03-07"


@pytest.mark.parametrize("text, published, expected", [
    # a release line: the day the story was filed, whatever the metadata says
    ("ISAF Joint Command\nKABUL, Afghanistan (September 4, 2011) - Forces detained a leader.\n\nIn Baghlan, forces "
     "detained two suspects yesterday.", None, "2011-09-04"),
    # a page's own "Posted:" / "Created:" stamp beats a later crawl or re-publication date
    ("Weapon identified Posted: Tuesday, April 15, 2014 10:21 PM EDT Updated: Tuesday, April 15, 2014", dt.date(2017, 1, 28), "2014-04-15"),
    ("Updated: 08/10/2014 4:26 PM\n\nCreated: 08/09/2014 5:14 AM KSTP.com\n\nPolice are investigating", dt.date(2017, 1, 28), "2014-08-09"),
    ("A vigil was held. (Published Monday, March 24, 2014)\n\nPolice are trying", None, "2014-03-24"),
    # counter-examples: "Updated" alone, a stamp deep in the story, "published" as a verb with no date after it
    ("Updated: 08/10/2014 4:26 PM\n\nPolice are investigating", dt.date(2014, 8, 11), "2014-08-11"),
    ("x " * 400 + "Posted: Tuesday, April 15, 2014", dt.date(2017, 1, 28), "2017-01-28"),
    ("The report was published on Monday by the ministry.", dt.date(2015, 3, 4), "2015-03-04"),
    # a full date opening the text is its stamp; a note's "05/15/2017:" heading or "On 3 May 2020," is not
    ("15 July 2015 Abu Khalid, a leader of the group, was killed Tuesday.", dt.date(2021, 3, 5), "2015-07-15"),
    ("Friday 19 Aug 2016 Syria regime pounds Kurdish positions", None, "2016-08-19"),
    ("Date of publication 7 April 2017 A salvo of US cruise missiles", None, "2017-04-07"),
    ("05/15/2017: Assailants killed a man.", dt.date(2021, 3, 5), "2021-03-05"),
    ("On 3 May 2020, gunmen killed two men.", dt.date(2021, 3, 5), "2021-03-05"),
])
def test_the_reference_day_is_the_storys_own(text, published, expected):
    from wirewatch.extract.dates import reference_day
    got = reference_day(text, published)
    assert (got.isoformat() if got else None) == expected


def test_yesterday_in_a_later_paragraph_counts_from_the_release_line(nlp):
    """An ISAF release with no metadata date: 'yesterday' two paragraphs below the release line is
    the day before the release, not the release day."""
    from wirewatch.pipeline import extract_text
    art = extract_text("ISAF Joint Command - Afghanistan\nKABUL, Afghanistan (September 4, 2011) - A combined force "
                       "detained a Taliban leader in Kunduz province.\n\nIn Talah wa Barfak district, Baghlan province, a "
                       "combined Afghan and coalition security force killed two insurgents yesterday.")
    days = {e.event_date for e in art.events if e.admin1 == "Baghlan"}
    assert days == {"2011-09-03"}


@pytest.mark.parametrize("text, expected", [
    # the incident's day told with its noun, anywhere in the story
    ("Elkhart police said in a Friday afternoon statement that the boy died following Thursday night's shooting.", "2014-11-20"),
    ("Police have been looking for him since the Nov. 2 shooting at the Summit Apartments.", "2014-11-02"),
    ("A third suspect was arrested on Saturday in connection with the fatal shooting on November 11.", "2014-11-11"),
    ("The shooting was reported at 11:42 a.m. Monday in the 4200 block.", "2014-11-17"),
    ("The shooting happened early Sunday at a bar.", "2014-11-16"),
    # counter-examples: a day of something else beside the noun, or no incident noun at all
    ("Police said Friday that the shooting was accidental.", None),
    ("Police arrested him Friday. The attack was condemned by all.", None),
    ("A man was shot on Monday.", None),
])
def test_the_incident_day_told_with_its_noun(text, expected):
    from wirewatch.extract.dates import incident_day
    got = incident_day(text, dt.date(2014, 11, 21))
    assert (got.iso if got else None) == expected


def test_the_story_day_is_the_incident_day_not_the_day_the_lead_reports(nlp):
    """'Police say a boy has died ... Police said in a Friday statement that he died following Thursday
    night's shooting': the shooting is Thursday's, not the statement's Friday; a note opening 'On 3 May,'
    keeps its own day whatever earlier attack it recalls."""
    from wirewatch.pipeline import extract_text
    art = extract_text("ELKHART, Ind. - Police say a 3-year-old Elkhart boy has died after he apparently shot himself in the "
                       "head at a home.\n\nElkhart police said in a Friday afternoon statement that Jeremiah Ross died at a "
                       "hospital where he was treated following Thursday night's shooting in nearby Elkhart.",
                       published="2014-11-21")
    assert [e.event_date for e in art.events if e.mention == "new"][:1] == ["2014-11-20"]
    note = extract_text("On 5 May 2020, gunmen killed two villagers in Kajuru (Kaduna) in retaliation for the 2 May attack "
                        "on their camp.", published="2020-05-08")
    assert [e.event_date for e in note.events][:1] == ["2020-05-05"]


@pytest.mark.parametrize("text, expected", [
    # a time stamp run into the lead: the day the lead tells is the event's
    ("15 July 2015 Abu Abdelrahman Salqeen leader of Ahrar al-Sham was killed Tuesday in a suicide bombing.", "Tuesday"),
    # counter-examples: a note's framing date ("On 3 May 2020,", "05/15/2017:") and a stamp with no other day
    ("On 3 May 2020, gunmen killed two men on Monday night.", "3 May 2020"),
    ("05/15/2017: Assailants killed a man on Monday.", "05/15/2017"),
    ("15 July 2015 Gunmen killed a man in the market.", "15 July 2015"),
])
def test_an_opening_time_stamp_does_not_date_the_lead(nlp, text, expected):
    from wirewatch.extract.context import closest_date
    sent = list(nlp(text).sents)[0]
    trigger = next(t for t in sent if t.lemma_ == "kill")
    assert closest_date(find_dates(sent.text, dt.date(2015, 7, 15)), trigger, sent).text.strip() == expected


def test_the_story_day_from_a_sentence_that_names_no_event(nlp):
    """'Police are investigating the shooting death of a boy. According to police, at 11:06 p.m. Sunday officers
    were called to ...': the call sentence names no violence (the triage does not parse it) but tells the story's
    day; the death is Sunday's, not the day the story was published (Monday). A story whose opening tells no
    recent day keeps the publication day."""
    from wirewatch.pipeline import extract_text
    art = extract_text("Minneapolis police are investigating the shooting death of a teenage boy.\n\nAccording to police, at 11:06 p.m. "
                       "Sunday officers were called to a house on Fremont Avenue. They found a 15-year-old boy with a "
                       "gunshot wound to the neck.\n\nHe was taken to a hospital, where he later died.", published="2015-05-04")
    assert [e.event_date for e in art.events if e.mention == "new"][:1] == ["2015-05-03"]
    art = extract_text("Minneapolis police are investigating the shooting death of a teenage boy.\n\nOfficers were called to a house on "
                       "Fremont Avenue. He was taken to a hospital, where he later died.", published="2015-05-04")
    assert [e.event_date for e in art.events if e.mention == "new"][:1] == ["2015-05-04"]


@pytest.mark.parametrize("text, expected", [
    # the day told with the clock time of the call or the shots
    ("Toledo police responded about 8:50 p.m. Dec. 7 and found the boy inside the residence.", "2014-12-07"),
    ("Police believe the gunfire erupted around 11:30 p.m. on June 1, when the men backed into a car.", "2014-06-01"),
    ("In the early morning hours of Jan. 1, an argument broke out and shots were fired.", "2015-01-01"),
    # counter-examples: the clock time of an arrest or a death, a page's stamp, a date with no clock time
    ("He was arrested at 4:41 a.m. Tuesday at his home.", None),
    ("The victim died at 3 a.m. Dec. 9 at the hospital.", None),
    ("Posted: Tuesday, Dec. 9, 2014 4:43 PM EST. A boy was shot.", None),
    ("Police said the man was shot on Dec. 7.", None),
])
def test_the_incident_day_told_with_a_clock_time(text, expected):
    from wirewatch.extract.dates import timed_day
    got = timed_day(text, dt.date(2015, 1, 20))
    assert (got.iso if got else None) == expected


@pytest.mark.parametrize("text, expected", [
    # no metadata date: a yearless heading or release line takes its year from the release number "2010-06-CA-063"
    ("June 17: Operations in Southern Afghanistan\nJoint Command\n2010-06-CA-063\nFor Immediate Release\nForces detained "
     "two men yesterday.", "2010-06-17"),
    ("Joint Command\n2011-01-S-012\nKABUL, Afghanistan (Dec. 31)\nForces detained two men yesterday.", "2010-12-31"),
    # counter-examples: a release number alone names no day; a heading with no release number has no year
    ("Joint Command\n2011-07-S-015\nForces detained two men yesterday.", None),
    ("June 17: Operations in Southern Afghanistan\nForces detained two men yesterday.", None),
])
def test_a_release_dated_by_its_heading_and_release_number(text, expected):
    from wirewatch.extract.dates import release_day
    got = release_day(text)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize("text, published, expected", [
    # a holiday with "Day", "Eve", a part of the day or "on" is a day: the latest one not after publication
    ("A Christmas Day shooting left three dead.", dt.date(2013, 12, 26), "2013-12-25"),
    ("He was shot on New Year's Eve.", dt.date(2017, 1, 18), "2016-12-31"),
    ("The shooting happened Thanksgiving night.", dt.date(2015, 11, 30), "2015-11-26"),   # the fourth Thursday
    ("Two men were shot on Memorial Day.", dt.date(2015, 5, 27), "2015-05-25"),          # the last Monday of May
    ("Fireworks and gunfire on the Fourth of July.", dt.date(2016, 7, 6), "2016-07-04"),
    # counter-examples: a holiday that names something else, a "Day"-holiday without "Day"
    ("Police broke up a Halloween party.", dt.date(2015, 10, 18), None),
    ("He was out Christmas shopping.", dt.date(2015, 12, 20), None),
    ("Workers marched on Labor issues.", dt.date(2015, 9, 20), None),
])
def test_holidays_are_days(text, published, expected):
    got = [d for d in find_dates(text, published) if d.kind == "holiday"]
    assert (got[0].iso if got else None) == expected


@pytest.mark.parametrize("text, lemma, expected", [
    # a day that follows and hangs on a verb of saying is the statement's, not the event's it tells
    ("Officer James testified Wednesday that the woman told him she had shot the victim.", "shoot", None),
    ("Police said Friday that gunmen killed two men in the market.", "kill", None),
    ("Police said in a Friday statement that a man was shot.", "shoot", None),
    # counter-examples: the day of the event itself, and a date opening the sentence
    ("Gunmen killed two men on Friday, police said.", "kill", "on Friday"),
    ("Police said gunmen killed two men on Friday.", "kill", "on Friday"),
    ("On Friday, police said gunmen killed two men.", "kill", "On Friday"),
])
def test_the_day_of_a_statement_is_not_the_events(nlp, text, lemma, expected):
    from wirewatch.extract.context import closest_date
    sent = list(nlp(text).sents)[0]
    trigger = next(t for t in sent if t.lemma_ == lemma)
    got = closest_date(find_dates(sent.text, dt.date(2017, 2, 2)), trigger, sent)
    assert (got.text.strip() if got else None) == expected


def test_a_day_inside_the_reported_clause_is_the_events(nlp):
    """'Police reported today that yesterday terrorists burned the offices': the parser may hang 'yesterday' on
    'reported', but it sits inside the clause that tells the event."""
    from wirewatch.extract.context import closest_date
    sent = list(nlp("Police authorities reported today in Lima that yesterday armed terrorists burned the offices of the "
                    "bank.").sents)[0]
    trigger = next(t for t in sent if t.lemma_ == "burn")
    got = closest_date(find_dates(sent.text, dt.date(1989, 1, 25)), trigger, sent)
    assert got is not None and got.text.lower() == "yesterday"
