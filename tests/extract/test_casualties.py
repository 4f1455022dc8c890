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
    # a span of time the toll covers, told by the war's age or its two ends
    "More than 250,000 people have been killed since the country's civil war began in 2012.",
    "Over 90,000 people have died in the four-year-old insurgency.",
    "A rights group said 4,310 detainees died in custody from May 2013 to June 2017.",
])
def test_cumulative_totals_are_flagged(text):
    assert find_casualties(text).cumulative


def test_a_toll_since_a_day_is_not_a_span_of_war():
    assert not find_casualties("Since Monday, 12 people have been killed in the town.").cumulative


@pytest.mark.parametrize("text", [
    "The 2019 talks lasted 12 hours.",
    "The convoy travelled 40 km north.",
])
def test_numbers_that_are_not_head_counts(text):
    c = find_casualties(text)
    assert c.killed is None and c.injured is None


@pytest.mark.parametrize("text, killed, injured", [
    ("Fatalities are split across 3 events (2).", (2, 2, 2), None),
    ("Unknown fatalities coded as 10.", (10, 10, 10), None),
    ("Fatalities coded as 0 (the militia reported 4).", (0, 0, 0), None),
    ("Unknown fatalities coded at 3, in addition to 2 known fatalities.", (5, 5, 5), None),
    ("Unknown fatalities coded as 8 and split between the two events with 4 coded to each.", (4, 4, 4), None),
])
def test_coded_tolls_are_stated(text, killed, injured):
    c = find_casualties(text)
    assert c.stated and fig(c.killed) == killed and fig(c.injured) == injured


def test_a_split_without_shares_divides_the_toll_already_told():
    c = find_casualties("Total fatalities divided equally across four events.")
    assert c.divide == 4 and c.killed is None


@pytest.mark.parametrize("before, text, killed", [
    ("This was one of three related raids in the valley on that day. ",
     "At least nine guards were killed and two were wounded across the attacks.", (3, 3, None)),
    ("This was one of four coordinated assaults on outposts. ",
     "Eleven fighters were killed across both assaults.", (6, 6, 6)),
    ("", "Seven herders were killed across two days of fighting.", (7, 7, 7)),
    ("This was one of two bombings in the town. ", "Six people were killed in the blast.", (6, 6, 6)),
])
def test_tolls_told_across_several_attacks_are_shared(before, text, killed):
    assert fig(find_casualties(text, before=before).killed) == killed


def _sents(nlp, text):
    doc = nlp(text)
    out, before = [], ""
    for s in doc.sents:
        out.append(find_casualties(s.text, s, text[:s.start_char]))
    return out


@pytest.mark.parametrize("text, killed, injured", [
    ("A shopkeeper was stabbed to death outside his store in the old quarter.", 1, None),
    ("Gunmen on a motorbike shot dead a money changer near the bus station.", 1, None),
    ("A farmer was found dead in his field with gunshot wounds.", 1, None),
    ("Soldiers beat a fisherman to death at the checkpoint.", 1, None),
    ("Omar Haddad and his nephew were killed when their car was hit.", 2, None),
    ("The mayor, a veteran of the party, was killed along with his bodyguard.", 2, None),
    ("A guard was shot and died on the way to hospital, and a cook was wounded.", 1, 1),
    ("The bomber detonated his vest at the gate, killing only himself.", 1, None),
    ("The ambush resulted in the death of the driver.", 1, None),
    ("Both of the captives were killed the next morning.", 2, None),
    ("One teacher was injured and the other died.", 1, 1),
])
def test_victims_counted_on_the_parse(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text", [
    "The militants tried to kill the judge but he escaped.",
    "Police arrested a man suspected of killing a trader.",
    "The governor was not hurt and nobody was killed.",
    "The wounded soldiers were taken to hospital.",
])
def test_no_victims_where_nobody_died(nlp, text):
    c = _sents(nlp, text)[0]
    assert c.killed is None or c.killed.best == 0
    assert c.injured is None or c.injured.best == 0


def test_the_hostages_are_the_people_abducted_before(nlp):
    cs = _sents(nlp, "Armed men abducted four engineers from a road site near the border. The hostages were executed two days later.")
    assert cs[1].killed is not None and cs[1].killed.best == 4


def test_the_only_casualties_were_the_attackers(nlp):
    cs = _sents(nlp, "Three attackers stormed the compound at dawn. The attackers were the only casualties.")
    assert cs[1].killed is not None and cs[1].killed.best == 3


@pytest.mark.parametrize("text, killed", [
    ("Rebels shot and killed Pedro Alves Costa in Lagoa, Minas, Brazil.", 1),
    ("At least 12 soldiers, including a captain, and 20 rebels were killed in the fighting.", 32),
    ("At least five people, including the imam, his son, and two of his guards were killed in the blast.", 5),
    ("Two rebels, one soldier, and four villagers were killed in the crossfire.", 7),
    ("Witnesses said he was a suspect in the murder of a judge in 2019.", None),
    ("The fighting resulted in the death of the headman.", 1),
    ("Cornered by police, the gunman turned the weapon on himself and committed suicide.", 1),
    ("On 3 June 2021, in Vila Nova, Bahia, a man was shot to death by two armed men.", 1),
    ("A 34-year-old woman died after being stabbed.", 1),
])
def test_more_victims_on_the_parse(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


def test_attackers_killed_later_add_to_their_victims(nlp):
    first, second = _sents(nlp, "Gunmen stormed a hotel and killed four guests. Two attackers were shot dead by the guards.")
    assert first.killed.best == 4 and second.adds_to(first.killed)
    first, second = _sents(nlp, "A bomber blew himself up at the gate, killing himself. The bomber was the only casualty.")
    assert not second.adds_to(first.killed)


def test_additionally_adds_and_hostages_killed_later_add(nlp):
    a, b = _sents(nlp, "Three guards were killed in the raid. Additionally, two drivers were killed.")
    assert b.adds_to(a.killed)
    a, b = _sents(nlp, "Two officers were killed and five were abducted. The five hostages were executed later that week.")
    assert b.killed.best == 5 and b.adds_to(a.killed)


@pytest.mark.parametrize("text, killed", [
    ("Relatives of a farmer who was shot dead by guards blocked the highway.", None),
    ("Nurses protested over the death of a colleague who died of the virus.", None),
    ("Four rebels were killed, wounded or captured in the sweep.", None),
    ("The clash left 12 rebel and 3 army fatalities.", 15),
])
def test_background_deaths_and_unsorted_tolls(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


def test_other_dead_add(nlp):
    a, b = _sents(nlp, "Three guards were killed at the gate. Two other guards were killed inside.")
    assert b.adds_to(a.killed)


def test_more_bodies_after_a_risen_toll_are_already_in_it():
    from wirewatch.extract.casualties import find_casualties
    total = find_casualties("The death toll from Friday's shelling of the market has risen to 9, officials said.")
    more = find_casualties("Rescuers pulled three more bodies from the rubble overnight.")
    assert total.killed.best == 9 and not more.adds_to(total.killed)


@pytest.mark.parametrize("text, killed", [
    ("15 July 2015 Abu Khalid, a leader of the group, was killed Tuesday in a bombing.", None),  # a year is not a toll
    ("Unit 204 officers were killed in the ambush.", None),          # a unit's number names it
    ("Gunmen killed 3 people at 1200 East Franklin Road on Monday.", 3),  # a house number is not a toll
    ("On Tuesday 20 people were killed.", 20),
    ("About 20 people were killed.", 20),
    ("He said 2,000 people were killed.", 2000),
])
def test_years_unit_and_house_numbers_are_not_tolls(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


def test_a_number_told_later_is_firmer_than_a_word(nlp):
    from wirewatch.extract.casualties import firmer
    several, six = _sents(nlp, "Several fighters were killed. The brigade said six fighters were killed.")
    assert firmer(several.killed, six.killed).best == 6
    assert firmer(six.killed, several.killed).best == 6   # the first number stands


@pytest.mark.parametrize("text, killed, injured", [
    # a run-on headline and lead telling one toll three times: told once
    ("Double bomb attack kills 31 in Qamishli state TV Related IS claims attack Double bomb attack kills 31 in "
     "Qamishli state TV -A double bomb attack killed 31 people in the city on Wednesday.", 31, None),
    ("Car bomb in Homs kills 10 Governor AFP Sunday \"Ten people were killed and 22 wounded in a car bomb attack\".", 10, 22),
    # equal counts of different people still add up
    ("Two soldiers were killed in Kandahar and two civilians were killed in Herat.", 4, None),
])
def test_a_toll_retold_in_one_passage_counts_once(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None, c.injured.best if c.injured else None) == (killed, injured)


@pytest.mark.parametrize("text, killed", [
    # an age is not a toll: the three named victims are ("shooting and killing 62-year-old X")
    ("He is accused of shooting and killing 62-year-old Boyd Champion, 60-year-old Joy Champion and 31-year-old Emily Champion.", 3),
    # a place name before a number does not name it, in copy without commas ("Daraa 15 civilians")
    ("In Jassem in the southern province of Daraa 15 civilians were killed in four air strikes.", 15),
    # "put the death toll at N"
    ("Kurdish police put the death toll at 16 earlier.", 16),
    ("The toll at the hospital was unclear.", None),
    # two tolls of one sentence add up only when joined ("2 soldiers and 3 civilians"), not when they are two reports
    ("Air strikes killed 12 civilians in Aleppo on Thursday, a day after a car bomb in Idlib left 11 dead.", 12),
])
def test_ages_place_names_and_toll_phrasings(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


@pytest.mark.parametrize("text, killed", [
    # a year before the count, and "women and children" as a group, not one more person
    ("Published July 2 2016 At least 16 civilians including women and children were killed Friday in an air raid.", 16),
    # one count told in two words for the same people, in a headline run into the lead
    ("10 Syrian troops killed in clashes with IS Monitor AFP Tuesday 14 Oct 2014 At least 10 Syrian soldiers were killed "
     "on Tuesday in clashes with jihadists.", 10),
])
def test_run_on_copy_counts_once(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


def test_the_same_count_told_again_is_not_more_dead():
    """'IS attack on oil field kills 30' then '... killing at least 30 pro-regime gunmen': the gunmen are
    the 30, not attackers killed on top of them."""
    first = find_casualties("IS attack on Syria oil field kills 30.")
    again = find_casualties("Jihadists attacked the field killing at least 30 pro-regime gunmen.")
    assert not again.adds_to(first.killed)


@pytest.mark.parametrize("text, killed, injured", [
    # everyone hit, some fatally: the dead are killed, only the rest injured
    ("Police are searching for a gunman after four people were shot, three fatally, inside an SUV.", 3, 1),
    ("4 shot, 1 fatally, in East Orange", 1, 3),
    ("The gunman fled after shooting five people, two of them fatally.", 2, 3),
    # "fatally" makes a shooting or a wound a death
    ("A mother and son were found fatally shot Thursday morning.", 2, None),
    ("A guard was fatally wounded at the gate.", 1, None),
    # someone "is dead" or "found ... dead"
    ("A 14-year-old boy is dead after being shot in the chest.", 1, None),
    ("When officers arrived, they found Jaylin Miller dead in the yard.", 1, None),
    # a killing named by its noun, whatever sentence it sits in
    ("A man faces charges in connection to the deadly shooting of a 13-year-old girl.", 1, None),
    ("A boy was charged in the accidental shooting death of his friend.", 1, None),
    ("A second suspect was charged in the double homicide.", 2, None),
    # a number beats "all" in "all four"
    ("All four family members appear to have died from gunshot wounds.", 4, None),
    # shot himself: hit, not dead
    ("Police confirmed that a child shot himself in the hand.", None, 1),
])
def test_shootings_counted(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text", [
    "The fatal shooting that took place last weekend is still unsolved.",   # no victim named: no count guessed
    "Doctors said the shooting of the girl was not fatal.",
    "Three men were shot, none fatally.",
    "Police are investigating a double shooting on Main Street.",   # two hit, not two dead
])
def test_shootings_not_counted(nlp, text):
    c = _sents(nlp, text)[0]
    assert c.killed is None or c.killed.best == 0


def test_survivors_are_the_hit_less_the_dead():
    from wirewatch.extract.casualties import Figure, survivors
    hit = Figure(4, 4, 4, 0, 25, "four people were shot")
    dead = Figure(3, 3, 3, 40, 70, "three were pronounced dead")
    assert survivors(dead, hit).best == 1
    # told in words of injury, or of other people, the injured are not the dead
    assert survivors(dead, Figure(4, 4, 4, 0, 25, "four people were wounded")).best == 4
    assert survivors(Figure(1, 1, 1, 0, 5, "killed"), Figure(1, 1, 1, 9, 30, "a woman was also shot")).best == 1
    # more dead than hit: two separate counts, left alone
    assert survivors(Figure(5, 5, 5, 0, 5, "x"), hit).best == 4
    assert survivors(None, hit) is hit


@pytest.mark.parametrize("text, killed", [
    # a headline run into its lead with only the wire's stamp between them: the lead's count, told once
    ('Twin blasts kill 30 Kurdish fighters in Syria Monitor AFP Monday 6 Oct 2014 "At least 30 members of the YPG '
     'were killed when two suicide bombers detonated their trucks" the monitor said.', 30),
    ("IS attack on oil field kills 30 Monitor AFP Wednesday 29 Oct 2014 Jihadists have attacked an oil and gas field "
     "killing at least 30 pro-regime gunmen and security guards a monitoring group said Wednesday.", 30),
    ("Rebel fire kills 3 Aleppo schoolchildren state media AFP Thursday 27 Oct 2016 At least three children were killed "
     "and 14 injured in a rocket attack on a school.", 3),
    # counter-examples: a stamp at the start is no headline; a lead without a figure keeps the headline's
    ("Monday 6 Oct 2014 Two soldiers and three civilians were killed in the blast.", 5),
    ("Blast kills 4 soldiers near the border Monitor AFP Monday 6 Oct 2014 A roadside bomb hit an army patrol.", 4),
])
def test_a_headline_run_into_its_lead_counts_once(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert c.killed is not None and c.killed.best == killed


@pytest.mark.parametrize("text, killed, injured", [
    # an active "shot" with a person as object, or anything shot "in the arm": people hit
    ("A 9-year-old boy accidentally shot his 7-year-old brother in the arm.", None, 1),
    ("A boy was taken to hospital after his brother accidentally shot him in the foot.", None, 1),
    ("A known suspect shot five people during a family dispute.", None, 5),
    ("A man shot six people Saturday afternoon, killing four of them.", 4, 6),   # survivors() leaves 2 for the event
    # counter-examples: a film, a photo, a ball
    ("The director shot a video of the protest.", None, None),
    ("He shot the ball from half court.", None, None),
])
def test_active_shooting_counts_the_people_hit(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text, killed, injured", [
    # a person named by age is one person, though the tagger calls "17-year-old" a date
    ("A 17-year-old was accidentally shot and killed Monday night.", 1, None),
    ("The 2-year-old who was shot inside an apartment has died.", 1, None),
    # "claimed the life of", "treated for injuries"
    ("Police are investigating a shooting that claimed the life of a 19-year-old man.", 1, None),
    ("One person is dead and three others are being treated for injuries after a shooting.", 1, 3),
    # counter-examples: an age is no count, lives at stake are no deaths
    ("Demonstrators said the policy would cost lives.", None, None),
    ("The 45-year-old officer was praised by the mayor.", None, None),
])
def test_ages_and_outcome_phrases(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


def test_a_toll_broken_down_is_not_more_dead(nlp):
    # the second sentence splits the first's 19 between two places ("another" joins its own parts)
    a, b = _sents(nlp, "Air strikes killed 19 civilians on Sunday in the region. Strikes on two villages killed 17 civilians "
                       "while shelling on the town killed another two civilians.")
    assert b.killed.best == 19 and not b.adds_to(a.killed)
    # "another" before the whole sum: all of them are more dead
    a, b = _sents(nlp, "A bomb killed 5 people at the market. Another 3 soldiers and 2 police officers were killed at the checkpoint.")
    assert b.adds_to(a.killed)
    # one more person told with "also" and no numeral: more dead, not a sum ("the assailant" is no second count)
    a, b = _sents(nlp, "The mayor, a former member of the council, was killed in the attack. The assailant was also killed "
                       "when police responded.")
    assert b.adds_to(a.killed)


@pytest.mark.parametrize("text, killed", [
    ("Twenty-six villagers were killed when jets pounded the market.", 26),   # one number, split in three tokens
    ("Thirty-one fighters were killed, a monitor said.", 31),
    ("Twenty-six villagers were killed when jets pounded the market, killing 26 villagers.", 26),  # told twice
])
def test_hyphenated_number_words_count_whole(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


@pytest.mark.parametrize("text, killed, injured", [
    ("Six people were shot at a party near the river.", None, 6),         # "at" with a place after it: hit there
    ("A man was shot at close range outside his home.", None, 1),
    ("Two soldiers were shot at by gunmen near the base.", None, None),     # fired on: "at" with nothing after it
    ("The patrol was shot at.", None, None),
    ("Eight people were taken to hospital with injuries that were not life-threatening.", None, 8),
    ("Three men were found with gunshot wounds inside the bar.", None, 3),
    ("Two victims, a 25-year-old man and a 30-year-old woman, were transported to a hospital for treatment of minor injuries.",
     None, 2),
    ("Two suspects were taken into custody.", None, None),
    ("A man was taken to hospital with gunshot wounds, where he died.", 1, None),  # the one hurt is the one who died
    ("A man was shot in the chest and he died at the scene.", 1, None),
])
def test_people_hit_or_taken_to_hospital_with_injuries(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text, killed, injured", [
    ("The men shot him and left him seriously wounded.", None, 1),   # the one left so, not the men
    ("The blast left two soldiers wounded.", None, 2),
    ("Police found two men wounded in the street.", None, 2),
    ("The bombing left five passers-by injured.", None, 5),          # "left N" is a death only with "dead"
    ("The clashes left five people dead and 12 wounded.", 5, 12),
    ("The raid claimed 5 lives.", 5, None),
    ("The explosions resulted in the injury of six people.", None, 6),
    ("Students protested over the injury of a classmate.", None, None),  # another event, the protest's topic
])
def test_people_left_wounded(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text, killed", [
    # the parser hangs the second name on the first as an apposition: a list of names with "and" is that many people
    ("Father Ignacio Ellacuria, Segundo Montes, Amando Lopez and Joaquin Lopez were killed in the city on 16 November.", 4),
    ("Omar Haddad, Ali Nasser and Karim Saleh were shot dead at the checkpoint.", 3),
    ("Ahmed Khan, a police commander, was killed in the blast.", 1),   # an apposition that says who he is
    ("The mayor of Achi, Bolivar and Cesar was killed.", 1),           # places after the victim
])
def test_a_list_of_names_counts_each(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


@pytest.mark.parametrize("text, killed", [
    ("Police have identified two victims who were shot and killed during a rampage on Sunday night.", 2),  # naming this event's dead
    ("Residents demanded justice for two youths who were killed by police.", None),  # another event, recalled
    ("Relatives of a farmer who was shot dead by guards blocked the highway.", None),
])
def test_the_dead_named_in_a_relative_clause(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


@pytest.mark.parametrize("text, killed, injured", [
    ("He was among five people shot at the party.", None, 5),         # the group one victim belongs to
    ("The boy was one of three people wounded in the attack.", None, 3),
    ("She was one of the 12 people who were killed in the blast.", 12, None),
    ("Relatives of two men who were killed by police blocked the road.", None, None),  # another event, recalled
])
def test_one_of_the_people_hurt(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text, killed", [
    ("Officers found one deceased male in the kitchen.", 1),   # the dead named by the adjective before them
    ("There is one dead person who has not been identified.", 1),
    ("Rescuers pulled two dead bodies from the rubble.", 2),
    ("The road was a dead end for the convoy.", None),
    ("Supporters of the dead man marched through the town.", None),  # no count: the protest's topic
])
def test_the_dead_counted_by_their_adjective(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


@pytest.mark.parametrize("text, killed, injured", [
    ("A man suffered a gunshot wound to the leg outside the bar.", None, 1),   # the one who suffered the wound is hurt
    ("Two men sustained non-life-threatening injuries in the shooting.", None, 2),
    ("A man suffered fatal gunshot wounds in the shooting.", 1, None),
    ("The company suffered heavy losses after the attack.", None, None),      # something else suffered
    ("The building sustained damage in the blast.", None, None),
    # the subject of a gerund under a preposition is the clause's: "after being shot"
    ("A teenager is in critical condition after being shot in the head.", None, 1),
    ("Police arrived after being called to the house.", None, None),
])
def test_wounds_suffered_and_people_hurt_after_being_shot(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured


@pytest.mark.parametrize("text", [
    "No one else was injured in the shooting.",
    "Nobody else was hurt.",
    "Neither the driver nor the other passenger was injured.",
])
def test_nobody_else_hurt_is_no_injury(nlp, text):
    c = _sents(nlp, text)[0]
    assert c.injured is None or c.injured.best == 0
    assert c.killed is None or c.killed.best == 0


def test_a_man_who_died_after_shooting_himself_is_no_injury():
    from wirewatch.extract.casualties import Figure, survivors
    # "a man died ... after accidentally shooting himself": the one hit is the one who died
    assert survivors(Figure(1, 1, 1, 0, 10, "a man died"), Figure(1, 1, 1, 30, 50, "shooting himself")).best == 0


@pytest.mark.parametrize("text, killed", [
    # the shooter's own death counts with his victims' (ACLED and GVA count everyone who died)
    ("Her father shot and killed the 4-year-old, then turned the gun on himself.", 2),
    ("The gunman shot two men before he turned his rifle on himself.", 1),
    ("The gunman later took his own life.", 1),
    # counter-examples: a gun turned on others, a life taken by someone else
    ("He turned the gun on the officers.", None),
    ("The attack took the life of a guard.", 1),
])
def test_a_shooter_who_turned_the_gun_on_himself(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


@pytest.mark.parametrize("text, killed", [
    ("Seven civilians were martyred on Wednesday as terrorists shelled the neighborhood.", 7),
    ("Troops martyred a Kashmiri youth in Sopore.", 1),
])
def test_the_martyred_are_dead(nlp, text, killed):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed


def test_the_shooters_own_death_told_after_his_victims_adds_to_the_toll():
    from wirewatch.extract.casualties import Casualties, Figure
    victims = Figure(1, 1, 1, 0, 30, "shot and killed his daughter")
    assert Casualties(killed=Figure(1, 1, 1, 5, 30, "turned the gun on himself")).adds_to(victims)
    # the same man told twice is one death
    assert not Casualties(killed=Figure(1, 1, 1, 5, 30, "he killed himself")).adds_to(Figure(1, 1, 1, 0, 20, "shot himself"))


@pytest.mark.parametrize("text, killed, injured", [
    ("Police are looking for the gunmen behind a quadruple shooting on the east side.", None, 4),  # four people hit
    ("A double stabbing outside the bar sent two men to hospital.", None, 2),
    ("Detectives are investigating a double homicide.", 2, None),
    ("A triple fatal shooting shocked the town.", 3, None),                # the dead, not three more hit
])
def test_a_multiple_shooting_counts_the_people_hit(nlp, text, killed, injured):
    c = _sents(nlp, text)[0]
    assert (c.killed.best if c.killed else None) == killed
    assert (c.injured.best if c.injured else None) == injured
