"""Word sense from the parse (extract/sense.py): a cue word in another beat's sense carries no event,
and the same word with a conflict argument still does. Sentences written for these tests."""
import pytest

from wirewatch.extract.sense import other_sense

PUB = "2021-03-06"

# (construction, sentence, the cue word) -> other_sense names the construction
OTHER = [
    ("media", "The actor said he hoped to start shooting the film in Mumbai next spring.", "shooting"),
    ("media", "Shooting on the new series begins in March at a studio outside the city.", "Shooting"),
    ("media", "The crew spent the week shooting scenes on a beach near the harbour.", "shooting"),
    ("digital", "Banks are fighting a wave of online attacks by criminals who steal passwords.", "attacks"),
    ("digital", "Hackers attacked the website of the football club on Sunday.", "attacked"),
    ("messages", "Viewers bombarded the channel with complaints after the show.", "bombarded"),
    ("messages", "The box office was bombarded by fans trying to buy tickets.", "bombarded"),
    ("criticism", "The opposition attacked the plan in parliament on Tuesday.", "attacked"),
    ("criticism", "The senate killed the bill on Thursday.", "killed"),
    ("criticism", "The two teams will battle it out in the final on Sunday.", "battle"),
    ("statement", "The singer protested his innocence throughout the trial.", "protested"),
    ("statement", "The figures demonstrate how the market has changed since 2010.", "demonstrate"),
    ("statement", "This demonstrates that the company knew about the fault.", "demonstrates"),
    ("statement", "Our members have once more demonstrated their belief in the party.", "demonstrated"),
    ("statement", "The ruling clearly demonstrated there was no problem with the contract.", "demonstrated"),
    ("kind", "Analysts read the result as a protest vote against the government.", "protest"),
    ("kind", "This kind of desperate protest behaviour is common among young fans.", "protest"),
    ("kind", "The president collapsed while watching a military procession in the capital.", "procession"),
    ("proceeding", "The producer was indicted on murder charges in September.", "murder"),
    ("proceeding", "Police called off the bomb scare after an hour.", "bomb"),
    ("natural", "A powerful earthquake hit the region on Monday, killing at least 12 people.", "killing"),
    ("natural", "Flash floods killed nine people in the south on Friday.", "killed"),
    ("natural", "A bus plunged into a ravine on Wednesday, killing 14 passengers and injuring 20.", "injuring"),
    ("natural", "Lightning struck a school on Monday, killing two pupils.", "killing"),
    ("natural", "Heavy rain triggered a landslide that killed 11 villagers.", "killed"),
    ("natural", "A gas explosion in a residential building killed five people on Monday.", "killed"),
    ("natural", "A gas explosion in a residential building killed five people on Monday.", "explosion"),
    ("natural", "A blast at a coal mine killed 21 miners on Tuesday.", "blast"),
    ("natural", "A military helicopter crashed during a training flight, killing all 12 soldiers on board.", "killing"),
    ("natural", "A train hit a minibus at a level crossing, killing 11 passengers.", "killing"),
    ("natural", "Heavy rains caused flooding that displaced 10,000 people and destroyed crops.", "destroyed"),
    ("natural", "Two people were killed and five injured when a fire broke out in a hostel.", "killed"),
]

# the same words with a conflict argument: no other sense
CONFLICT = [
    ("Gunmen started shooting at the crowd outside the cinema on Friday.", "shooting"),
    ("Police said a film crew was shooting a documentary when gunmen opened fire on them.", "opened"),
    ("Militants attacked a police post in the town on Sunday.", "attacked"),
    ("The army said its jets bombarded rebel positions near the river.", "bombarded"),
    ("Rebel positions were bombarded overnight.", "bombarded"),
    ("Insurgents killed three soldiers at a checkpoint on Monday.", "killed"),
    ("Hundreds of students protested the fee rise outside the ministry on Monday.", "protested"),
    ("Thousands demonstrated in the capital on Sunday.", "demonstrated"),
    ("He was arrested for the murder of a journalist in March.", "murder"),
    ("A bomb exploded at the market, killing five people.", "killing"),
    ("A truck bomb hit the base on Monday, killing 14 soldiers.", "killing"),
    ("Two soldiers were killed when their vehicle hit a roadside bomb.", "killed"),
    ("Rebels and troops battled it out for control of the town on Sunday.", "battled"),
    ("A bomb blast at a coal mine killed 21 miners on Tuesday.", "killed"),
    ("A mine exploded on the road to the village, killing a farmer.", "mine"),
    ("Gunmen set the bus on fire after it crashed, killing 12 people.", "killing"),
    ("A girl was also killed in the stampede that ensued as people fled the area.", "killed"),
    ("Police auxiliaries demonstrated in front of the headquarters claiming their integration.", "demonstrated"),
    ("Workers demonstrated against the closure of the plant on Friday.", "demonstrated"),
    ("Hundreds joined a protest march to the parliament on Monday.", "protest"),
    ("Mourners joined a funeral procession that turned into a protest against the army.", "procession"),
    ("Police dispersed the protest action outside the mine with rubber bullets.", "protest"),
    ("Villagers in the district protest lack of water and schools.", "protest"),
    ("Guards demonstrated in front of the ministry in the capital claiming their unpaid wages.", "demonstrated"),
    ("On 4 May, nurses demonstrated in front of the Health Minister in Bangui headquarters claiming their wages.", "demonstrated"),
    ("The rioters overturned beds and destroyed the furniture.", "destroyed"),
    ("One civilian was killed by militia fire in the district.", "killed"),
    ("The helicopter was shot down near the border, killing all 12 soldiers on board.", "killing"),
]


def _token(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("construction,text,word", OTHER)
def test_cue_word_in_another_sense(nlp, construction: str, text: str, word: str) -> None:
    assert other_sense(_token(nlp, text, word)) == construction


@pytest.mark.parametrize("text,word", CONFLICT)
def test_cue_word_with_a_conflict_argument_keeps_its_sense(nlp, text: str, word: str) -> None:
    assert other_sense(_token(nlp, text, word)) is None


# Whole stories through the pipeline: no event from the other sense, an event from the conflict one.
NO_EVENT = [
    "The actor said he hoped to start shooting the film in Mumbai next spring, once the script is finished.",
    "Viewers bombarded the channel with complaints after the show on Saturday night.",
    "The singer protested his innocence throughout the trial, which ended on Friday in London.",
    "Hackers attacked the website of the football club on Sunday, leaving fans unable to buy tickets.",
    "A powerful earthquake hit the region on Monday, killing at least 12 people and destroying hundreds of homes.",
    "A bus plunged into a ravine on Wednesday, killing 14 passengers and injuring 20.",
    "Rescue workers recovered 14 bodies from the rubble of the collapsed building on Tuesday.",
    "Residents of Durban have once more demonstrated their belief in the party, the organiser said on Sunday.",
]
EVENT = [
    "A shooting at a school in Texas on Tuesday left three students dead.",
    "Residents said the film crew was attacked by a mob in Goma on Tuesday and two crew members were wounded.",
    "A roadside bomb struck a military convoy in Kunar on Tuesday.",
    "The army said its jets bombarded rebel positions near Sirte on Monday.",
    "Rescue workers recovered 14 bodies from the rubble of a building in Mosul hit by an air strike on Tuesday.",
    "Hundreds joined a protest march to the parliament in Nairobi on Monday.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_story_in_another_sense_has_no_event(pipeline, text: str) -> None:
    article = pipeline.extract_text(text, published=PUB)
    assert [e for e in article.events if e.mention in ("new", "prior")] == [], article.events


@pytest.mark.parametrize("text", EVENT)
def test_story_in_the_conflict_sense_has_an_event(pipeline, text: str) -> None:
    article = pipeline.extract_text(text, published=PUB)
    assert [e for e in article.events if e.mention in ("new", "prior")], text


def test_one_sense_per_discourse(pipeline) -> None:
    # a story about hackers: once its attacks are online ones, its other "attacks" are too
    story = ("Online attacks on betting firms rose sharply in March, security experts said on Tuesday. "
             "The attacks flood sites with traffic until they go down. "
             "Firms say an attack can cost them a weekend's takings.")
    assert [e for e in pipeline.extract_text(story, published=PUB).events if e.mention in ("new", "prior")] == []
    # the same words in a story with an armed side stay events
    story = ("Online attacks on banks rose sharply in March, officials said on Tuesday. "
             "Separately, gunmen attacked a bank in Kandahar on Monday and killed two guards.")
    assert [e for e in pipeline.extract_text(story, published=PUB).events if e.mention in ("new", "prior")]
