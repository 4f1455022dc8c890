"""Event-or-not on whole stories (issue 15): what keeps an event from being told as news. Sentences
written for these tests."""
import pytest

PUB = "2021-03-06"


@pytest.mark.parametrize("published", [PUB, None])
def test_a_date_in_a_relative_clause_about_something_else_does_not_date_the_event(pipeline, published):
    # the years date the war the clause describes, not the looting: the riot is no background of 1998
    text = ("Troops of the new army, which is still being formed after the war that ravaged the country from 1998 to "
            "2003, stood guard over the court building in Kinshasa, which was looted and burned by rioters.")
    art = pipeline.extract_text(text, published=published)
    told = [e for e in art.events if e.mention in ("new", "prior")]
    assert told and not (told[0].event_date or "").startswith("1998"), art.events


def test_a_relative_clause_that_tells_the_event_keeps_its_date(pipeline):
    # counter-example: the clause hangs on the event's own noun, so its date is the event's
    art = pipeline.extract_text("The attack that killed five soldiers in Kunduz on 3 March 2016 was claimed by "
                                "the Taliban.", published=PUB)
    assert art.events and art.events[0].event_date == "2016-03-03", art.events


@pytest.mark.parametrize("text, trigger, expected", [
    # a year in a clause about another noun dates that noun
    ("Troops of the army, which was formed after the war that ravaged the country from 1998 to 2003, guarded the "
     "court that rioters looted.", "looted", None),
    # counter-examples: the clause describes the trigger's own subject, or holds the trigger itself
    ("The war, which erupted in April 2023, killed thousands in Khartoum.", "killed", "2023-04-01"),
    ("Rebels seized the town that the army had captured in May 2019.", "captured", "2019-05-01"),
])
def test_which_date_dates_the_event(nlp, text, trigger, expected):
    from wirewatch.extract.context import closest_date
    from wirewatch.extract.dates import find_dates
    import datetime as dt
    sent = next(iter(nlp(text).sents))
    tok = next(t for t in sent if t.text == trigger)
    got = closest_date(find_dates(sent.text, dt.date(2024, 1, 10)), tok, sent)
    assert (got.date.isoformat() if got else None) == expected
