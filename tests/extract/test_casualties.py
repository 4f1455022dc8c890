import pytest

from wirewatch.extract.casualties import find_casualties


def fig(f):
    return None if f is None else (f.low, f.best, f.high)


@pytest.mark.parametrize("text, killed, injured", [
    ("officials claimed that 12 civilians were killed and 40 others injured after a missile struck", (12, 12, 12), (40, 40, 40)),
    ("The death toll from the strike has risen to 13, with more than 50 people injured", (13, 13, 13), (50, 50, None)),
    ("Two men died, three officers were injured, and another two men were arrested.", (2, 2, 2), (3, 3, 3)),
    ("The man died and the woman was injured.", (1, 1, 1), (1, 1, 1)),
    ("gunmen opened fire on a bus, killing seven passengers and wounding dozens", (7, 7, 7), (24, 12, 99)),
    ("No soldiers were harmed in the attack, but three civilians were killed", (3, 3, 3), (0, 0, 0)),
    ("A 25-year-old man was shot dead", (1, 1, 1), None),
    ("The blast killed 5 and injured 10.", (5, 5, 5), (10, 10, 10)),
    ("No casualties were reported.", (0, 0, 0), (0, 0, 0)),
    ("at least 11 police officers were killed", (11, 11, None), None),
    ("between 2 and 4 fighters were killed", (2, 4, 4), None),
    ("up to 30 people died", (1, 30, 30), None),
    ("Three people were killed and 4 wounded in the market.", (3, 3, 3), (4, 4, 4)),
    ("2 fatalities and 3 injured.", (2, 2, 2), (3, 3, 3)),
    ("The victim died. 1 fatality.", (1, 1, 1), None),
    ("At least two police officers and six assailants were killed and one officer and four assailants were injured", (8, 8, 8), (5, 5, 5)),
    ("Three police officers and a contractor were killed in the attack.", (4, 4, 4), None),
    ("At least four people, including three officers and a civilian, were killed in the blast.", (4, 4, None), None),
    ("Assailants shot and killed Abdul Karim, a tribal elder, in the village.", (1, 1, 1), None),
    ("A human head was found in the neighbourhood.", (1, 1, 1), None),
    ("In addition to the two assailants, four people were killed in the attack.", (6, 6, 6), None),
    ("Karimi, a district police chief, was killed in the blast.", (1, 1, 1), None),
    ("Guards shot and killed him before he reached the gate.", (1, 1, 1), None),
])
def test_figures(text, killed, injured):
    c = find_casualties(text)
    assert fig(c.killed) == killed
    assert fig(c.injured) == injured


@pytest.mark.parametrize("text", [
    "In the latest conflict, the authorities have confirmed that 201 of their personnel have died.",
    "Since the fighting began, 300 people have been killed.",
    "So far this year, 45 soldiers have died in the region.",
])
def test_cumulative_totals_are_flagged(text):
    assert find_casualties(text).cumulative


@pytest.mark.parametrize("text", [
    "The 2019 talks lasted 12 hours.",
    "The convoy travelled 40 km north.",
])
def test_numbers_that_are_not_head_counts(text):
    c = find_casualties(text)
    assert c.killed is None and c.injured is None
