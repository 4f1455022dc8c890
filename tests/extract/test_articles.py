"""Whole stories (written for these tests, events invented) through the real pipeline."""

STORY = """KHARTOUM, Sudan (AP) — Paramilitary fighters shelled a crowded market in the city of Omdurman on Tuesday, killing at least 19 people and wounding dozens, Sudan's army said, as fighting for control of the capital entered its fourth month.

The Rapid Support Forces denied responsibility for the attack and accused the military of bombing residential areas of Khartoum North with warplanes.

"Our forces did not target any civilians," RSF spokesman Yousef Ezzat told The Associated Press. He said army aircraft had struck homes in the Kafouri neighborhood on Monday night, killing five members of one family.

Medics at al-Nau Hospital said they had received 14 bodies and more than 50 wounded people after the shelling.

A U.S.- and Saudi-brokered cease-fire agreed in Jeddah in May collapsed within days. The war, which erupted in April, has killed more than 3,000 people across the country, according to the U.N.
"""


def test_story_with_counter_accusations(pipeline):
    art = pipeline.extract_text(STORY, published="2023-08-15")
    new = [e for e in art.events if e.mention == "new"]
    first = new[0]
    assert (first.location, first.fatalities, first.status) == ("Omdurman", 19, "contested")
    assert first.sub_event_type == "Shelling/artillery/missile attack"
    counter = [e for e in new if e.sub_event_type == "Air/drone strike"]
    assert counter and all(e.status == "alleged" for e in counter)
    assert all(e.actor1 == "Military Forces of Sudan" for e in counter)
    # the war's cumulative toll belongs to no event; the May truce is not news
    assert all(3000 not in (e.fatalities, e.fatalities_high) for e in art.events)
    assert all(e.mention != "new" for e in art.events if e.sub_event_type == "Agreement")
    assert len(new) <= 3
