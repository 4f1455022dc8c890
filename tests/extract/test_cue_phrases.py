"""Cue phrases for strategic developments and territory told without a verb of fighting
(extract/lexicon.py PHRASES), each with a near miss. Sentences written for these tests."""
import pytest

PUB = "2021-03-06"

EVENTS = [
    # text, sub-event type expected on the first event
    ("Government forces and allied troops pushed al-Shabab militants out of three villages near Afgooye on Friday.",
     "Government regains territory"),
    ("Army units established control over an area of 120 square kilometres in the countryside of Aleppo on Friday.",
     None),
    ("Rebel fighters had gained ground inside the northern part of the town of Sirte on Friday.",
     "Non-state actor overtakes territory"),
    ("Turkish forces have set up two military bases east of Zakho on Friday.", "Headquarters or base established"),
    ("Turkish forces have established today a new military post south of Atarib.", "Headquarters or base established"),
    ("The army is moving troops to the border with Iraq, officials said on Friday.", None),
    ("Hundreds of residents went on a looting spree in a township near Durban on Friday.", "Looting/property destruction"),
    ("The militants in Hama province suffered heavy losses in raids by army choppers on Friday.", "Air/drone strike"),
    ("Villagers fell ill after poisonous gas used by militants spread over Hezek on Friday.", "Chemical weapon"),
]
NO_EVENT = [
    "Firefighters have gained ground in their battle to contain several wildfires on Friday.",
    "More than 400 people were affected by a chlorine gas leak at a water plant in the city on Friday.",
    "The company moved its headquarters to Dublin on Friday and took control of a rival.",
]


@pytest.mark.parametrize("text,sub", EVENTS)
def test_phrase_carries_an_event(pipeline, text: str, sub: str | None) -> None:
    events = [e for e in pipeline.extract_text(text, published=PUB).events if e.mention in ("new", "prior")]
    assert events, text
    if sub is not None:
        assert events[0].sub_event_type == sub


@pytest.mark.parametrize("text", NO_EVENT)
def test_near_miss_carries_none(pipeline, text: str) -> None:
    assert [e for e in pipeline.extract_text(text, published=PUB).events if e.mention in ("new", "prior")] == []


def test_dateless_snippet_keeps_its_event_without_a_country(pipeline) -> None:
    # a short report with no date and no place: one report, kept (issue 12: never nothing)
    article = pipeline.extract_text("Twelve firearms and 108 rounds of ammunition were seized by police over a 24-hour period.")
    assert [e.sub_event_type for e in article.events] == ["Disrupted weapons use"]
