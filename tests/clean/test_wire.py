"""The wire-copy cleaner, one habit per row. Every sentence here is written for the test."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from wirewatch.clean import clean_wire_text, normalise_agency, split_dateline, strip_boilerplate, strip_signoff
from wirewatch.clean.wire import split_paragraphs

BODY = "Militia fighters attacked a police post near the border town on Tuesday, officials said."

# (lines around BODY, expected agency or None) -> the cleaned text must be exactly BODY
SIGNOFFS = [
    ([BODY, "--IANS"], "IANS"),
    ([BODY, "-- IANS", "ksk/"], "IANS"),
    ([BODY + " --IANS"], "IANS"),
    ([BODY, "(Reuters)"], "Reuters"),
    ([BODY + " (Reuters)"], "Reuters"),
    ([BODY, "(Reporting by Jane Roe in Kyiv; Additional reporting by Tom Poe; Editing by Ann Doe)"], "Reuters"),
    ([BODY, "Associated Press writer Sam Loe in Cairo contributed to this report."], "AP"),
    ([BODY, "Copyright 2024 The Associated Press. All rights reserved."], "AP"),
    ([BODY + " - AFP"], "AFP"),
    ([BODY, "© Agence France-Presse"], "AFP"),
    ([BODY, "burs-ab/cd"], None),
    ([BODY, "AFP/ab"], None),
    ([BODY, "PTI ABC DEF"], "PTI"),
    ([BODY, "(With inputs from PTI)"], "PTI"),
    ([BODY, "(ANI)"], "ANI"),
    ([BODY, "Enditem"], None),
    ([BODY, "*Writing by Ali Veli", "Anadolu Agency website contains only a portion of the news stories offered to subscribers."], "Anadolu"),
    ([BODY, "dpa"], "dpa"),
    ([BODY, "UNI XR RN 1345"], "UNI"),
    ([BODY, "(ksk/ab)"], None),
    ([BODY, "ab/cd"], None),
    ([BODY, "With inputs from agencies"], None),
    ([BODY, "Our Standards: The Trust Principles."], None),
    ([BODY, "(FRANCE 24 with AFP and Reuters)"], "AFP"),
    ([BODY, "Source: Reuters"], "Reuters"),
    ([BODY, "Source: Example News and news agencies"], None),
    ([BODY, "--With assistance from Example Writer."], None),
    ([BODY, "==Kyodo"], "Kyodo"),
    ([BODY, "REUTERS"], "Reuters"),
    ([BODY, "This report is auto-generated from PTI news service. Example Print holds no responsibility for its content."],
     "PTI"),
    ([BODY, "ab/rt (Reuters, AFP, dpa)"], "Reuters"),
    ([BODY, "--IANS", "Dear Reader,", "Example Standard has always strived to keep you informed.",
      "Support quality journalism and subscribe.", "Digital Editor"], "IANS"),
    ([BODY, "-- BERNAMA"], "Bernama"),
    ([BODY, "Editor: Example Name"], None),
    ([BODY, "(END)"], None),
    ([BODY, "Edited by Example Name"], None),
]


@pytest.mark.parametrize("lines,agency", SIGNOFFS)
def test_signoffs_are_removed_and_name_the_agency(lines: list[str], agency: str | None) -> None:
    result = clean_wire_text("\n".join(lines))
    assert result.text == BODY
    assert result.agency == agency


BOILERPLATE = [
    "More From This Section",
    "Also Read: Two soldiers hurt in overnight ambush",
    "Also Read | Markets close lower on trade worries",
    "Related: Curfew extended in the northern districts",
    "Read more: Why the ceasefire keeps failing",
    "Click here to get the latest headlines on your phone",
    "Follow us on Twitter and Facebook",
    "Follow AP's coverage of the war at https://apnews.example/hub",
    "(This story has not been edited by Daily Planet staff and is auto-generated from a syndicated feed.)",
    "(Only the headline and picture of this report may have been reworked by the Morning Post staff; the rest of the content is auto-generated from a syndicated feed.)",
    "(Except for the headline, this story has not been edited by City Times staff and is published from a syndicated feed.)",
    "This story has been published from a wire agency feed without modifications to the text.",
    "Disclaimer: The views expressed in this column are the author's own.",
    "Advertisement",
    "First Published: Mar 3 2024 | 10:15 AM IST",
    "___",
    "Register now for FREE unlimited access to Example.com",
    "Image caption, Residents inspect the damage after the strike",
    "Smoke rises over the port after an air strike on Tuesday. (AP Photo/Example Person)",
    "A soldier stands guard at a checkpoint near the border, March 3, 2024. REUTERS/Example Person",
    "This article was originally published on Example Review.",
    "desk@example.org",
    "If you value our journalism, become a member today.",
    "Please support independent journalism in the region.",
    "— Example Person (@example_handle) March 3, 2024",
    "Shelling was heard all night pic.twitter.com/AbCdEf123",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Please enable JavaScript to view this content.",
    "Example Standard is now on Telegram. For the latest reports, join our channel.",
    # press-release furniture: the release number, "For Immediate Release", "Download PDF"
    "2012-04-S-048",
    "For Immediate Release",
    "2010-09-CA-005 For Immediate Release",
    "Download PDF",
    "2011-10-S-020 Joint Command - Example",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_lines_are_removed(line: str) -> None:
    text = f"{BODY}\n{line}\nThe attackers fled into the forest, the police chief said."
    cleaned = strip_boilerplate(text)
    assert line not in cleaned
    assert cleaned == f"{BODY}\nThe attackers fled into the forest, the police chief said."


def test_related_heading_takes_its_link_titles_with_it() -> None:
    text = "\n".join([BODY, "Related Stories", "Curfew extended in three districts", "Gold prices fall again",
                      "The attackers fled into the forest, the police chief said."])
    assert strip_boilerplate(text) == f"{BODY}\nThe attackers fled into the forest, the police chief said."


KEPT = [
    "Reuters reported that the talks had stalled after the second round.",
    "An AP poll found most residents wanted the checkpoint removed.",
    "The AFP bureau in the capital was damaged in the blast, the agency said.",
    "Officials told Reuters that three soldiers had been killed.",
    "Related clashes were reported in two other provinces on Monday.",
    "Follow-up talks are planned for next week in Geneva.",
    "Read the full statement, the minister urged reporters at the briefing.",
    "Reporting the news from the front line has become more dangerous.",
    "Click-and-collect shops were looted during the unrest, police said.",
    "Reporting by the Example Herald found that the camp had been shelled twice.",
    "Research by the monitoring group showed a sharp rise in drone attacks this year.",
    "Published in 2019, the report documented hundreds of killings in the region.",
    "The auto-generated alerts warned residents minutes before the strike.",
    "— Jane Roe",
    "AFP said it",
    "Copy editors and Reuters staff contributed to the review of the footage, the panel said.",
    "F-16 jets flew over the border on Monday.",
]


@pytest.mark.parametrize("sentence", KEPT)
def test_sentences_that_only_mention_agencies_are_kept(sentence: str) -> None:
    result = clean_wire_text(f"{BODY}\n{sentence}")
    assert result.text == f"{BODY}\n{sentence}"
    assert result.agency is None


DATELINES = [
    ("Baku, Oct 18 (IANS) The death toll rose again on Sunday.", "Baku", 10, 18, "IANS"),
    ("KYIV, March 3 (Reuters) - Russian drones struck a power plant overnight.", "Kyiv", 3, 3, "Reuters"),
    ("BEIRUT (AP) — Israeli strikes hit a village in the south on Friday.", "Beirut", None, None, "AP"),
    ("KHARTOUM, Sudan (AFP) - Paramilitary forces shelled a market on Monday.", "Khartoum", None, None, "AFP"),
    ("New Delhi, Jan 5 (PTI) Security forces killed two militants in an encounter.", "New Delhi", 1, 5, "PTI"),
    ("Srinagar [India], February 9 (ANI): Police recovered arms from a hideout.", "Srinagar", 2, 9, "ANI"),
    ("BEIJING, Oct. 18 (Xinhua) -- China urged both sides to show restraint.", "Beijing", 10, 18, "Xinhua"),
    ("ANKARA (AA) - Turkish jets struck targets in northern Iraq, the ministry said.", "Ankara", None, None, "Anadolu"),
    ("Berlin (dpa) - The government approved new funding for air defence.", "Berlin", None, None, "dpa"),
    ("Kolkata, Nov 2 (UNI) Three people were hurt in clashes after the vote.", "Kolkata", 11, 2, "UNI"),
    ("Rio de Janeiro, 4 May (Reuters) - Police raided a favela before dawn.", "Rio de Janeiro", 5, 4, "Reuters"),
    ("GAZA CITY — Rescuers searched the rubble of a collapsed building.", "Gaza City", None, None, None),
    ("BUNIA, Democratic Republic of Congo, Feb 8 (Reuters) - Militiamen raided a camp overnight.", "Bunia", 2, 8,
     "Reuters"),
    ("Imphal: Two houses were torched overnight in a fresh bout of violence.", "Imphal", None, None, None),
    ("March 3 (Reuters) - Shares of defence firms rose after the summit.", None, 3, 3, "Reuters"),
    ("(AP) — A powerful explosion shook the port district late Tuesday.", None, None, None, "AP"),
]


@pytest.mark.parametrize("text,place,month,day,agency", DATELINES)
def test_datelines_split_into_place_date_and_agency(text: str, place: str, month: int | None,
                                                    day: int | None, agency: str | None) -> None:
    dateline, rest = split_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.month, dateline.day, dateline.agency) == (place, month, day, agency)
    assert rest[0].isupper() and not rest.startswith(("(", "-", "—", ":"))


NOT_DATELINES = [
    "Moscow said on Sunday that it had shot down eleven drones.",
    "The Defence Ministry (MoD) said three drones were downed.",
    "Reuters reported that the talks had stalled.",
    "October 18 was the bloodiest day of the month, medics said.",
    "Update: The death toll has been revised upward by the ministry.",
    "(Officials) - said nothing more about the raid on Friday.",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_ordinary_first_sentences_have_no_dateline(text: str) -> None:
    dateline, rest = split_dateline(text)
    assert dateline is None and rest == text


def test_dateline_date_resolves_against_a_reference_year() -> None:
    dateline, _ = split_dateline("Baku, Oct 18 (IANS) The death toll rose again on Sunday.")
    assert dateline is not None
    assert dateline.resolve_date("2021-10-19T08:00:00+00:00") == "2021-10-18"
    # a December dateline on a story dated in January belongs to the year before
    december, _ = split_dateline("Kabul, Dec 31 (Xinhua) -- A roadside bomb wounded four people.")
    assert december is not None and december.resolve_date("2022-01-01") == "2021-12-31"


def test_dateline_without_reference_is_never_in_the_future() -> None:
    dateline, _ = split_dateline("Kabul, Dec 30 (Xinhua) -- A roadside bomb wounded four people.")
    assert dateline is not None
    assert dateline.resolve_date(today=date(2023, 3, 1)) == "2022-12-30"
    assert dateline.resolve_date(today=date(2023, 12, 31)) == "2023-12-30"


@pytest.mark.parametrize("raw,place", [("PORT-AU-PRINCE, Haiti (AP) — Gangs torched a police station overnight.",
                                        "Port-au-Prince"),
                                       ("RIO DE JANEIRO (Reuters) - Police raided a hillside district at dawn.",
                                        "Rio de Janeiro"),
                                       ("AL-FASHER, Sudan (AFP) - Shelling hit the main market on Sunday.", "Al-Fasher")])
def test_all_caps_places_are_title_cased(raw: str, place: str) -> None:
    dateline, _ = split_dateline(raw)
    assert dateline is not None and dateline.place == place


def test_unknown_agency_is_kept_literally_in_a_full_dateline() -> None:
    dateline, rest = split_dateline("Goma, Feb 2 (Lakeside Wire) Rebels seized a hill overlooking the town.")
    assert dateline is not None and dateline.agency == "Lakeside Wire"
    assert rest.startswith("Rebels seized")


def test_dateline_after_a_short_standfirst() -> None:
    text = ("Talks collapse as shelling resumes\n"
            "ADEN, Yemen (AP) — Shelling resumed on the outskirts of the port city on Sunday, residents said.")
    result = clean_wire_text(text)
    assert result.dateline is not None and result.dateline.place == "Aden"
    assert result.text.splitlines()[1].startswith("Shelling resumed")


def test_strip_signoff_returns_agency() -> None:
    text, agency = strip_signoff(f"{BODY}\n--PTI")
    assert (text, agency) == (BODY, "PTI")


@pytest.mark.parametrize("name,canonical", [
    ("Press Trust of India", "PTI"), ("The Associated Press", "AP"), ("Agence France-Presse", "AFP"),
    ("Anadolu Agency", "Anadolu"), ("Deutsche Presse-Agentur", "dpa"), ("REUTERS", None),
    ("Xinhua News Agency", "Xinhua"), ("Daily Planet", None),
])
def test_agency_names_are_normalised(name: str, canonical: str | None) -> None:
    if name == "REUTERS":  # spelled in capitals in many datelines
        canonical = "Reuters"
    assert normalise_agency(name) == canonical


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    text = "By the time rescuers arrived, the building had collapsed\n" + BODY
    assert clean_wire_text(text).text == text


@pytest.mark.parametrize("lines,byline,agency", [
    (["IANS | 2020-10-17"], None, "IANS"),
    (["Press Trust of India | Updated: Oct 17 2020 2:20 PM IST"], None, "PTI"),
    (["By Jane Roe | Example Times", "Last Updated at October 17, 2020 14:20 IST"], "Jane Roe", None),
    (["Jane Roe | 17 October 2020"], "Jane Roe", None),
    (["Published: Mar 3, 2024, 10:15 GMT", "By Tom Poe, Reuters"], "Tom Poe", "Reuters"),
])
def test_leading_byline_and_timestamp_lines(lines: list[str], byline: str | None, agency: str | None) -> None:
    result = clean_wire_text("\n".join(lines + [BODY]))
    assert (result.text, result.byline, result.agency) == (BODY, byline, agency)


def test_timestamp_words_inside_sentences_are_kept() -> None:
    text = f"{BODY}\nUpdated figures show 20 dead.\nPosted at the checkpoint since 2019, the unit was withdrawn."
    assert clean_wire_text(text).text == text


def test_headline_line_of_a_plain_text_is_guessed() -> None:
    result = clean_wire_text("Militia attack on border post leaves four dead\n" + BODY, guess_headline=True)
    assert (result.headline, result.text) == ("Militia attack on border post leaves four dead", BODY)
    short = "Four dead\nThe attack happened at night."  # the second line is no paragraph
    assert clean_wire_text(short, guess_headline=True).headline is None
    assert clean_wire_text("Border post attacked\n" + BODY, title="Other title", guess_headline=True).headline is None


def test_byline_with_agency_without_separator() -> None:
    result = clean_wire_text("By JANE ROE Associated Press\n" + BODY)
    assert (result.byline, result.agency, result.text) == ("JANE ROE", "AP", BODY)


def test_byline_line_and_headline_are_removed() -> None:
    text = "Border post attacked\nBy Jane Roe and Tom Poe, Reuters\n" + BODY
    result = clean_wire_text(text, title="Border post attacked")
    assert result.text == BODY
    assert result.byline == "Jane Roe, Tom Poe"
    assert result.agency == "Reuters" and result.agency_source == "byline"


WRAPPED = """Gunmen attacked a convoy carrying food aid on the main road north
of the provincial capital on Friday, killing two drivers and wounding
three guards, the regional governor said.

The convoy was travelling to camps for displaced families when it came
under fire near a river crossing, a spokesman for the aid group said,
adding that the trucks had been looted.
--PTI
"""  # written for this test: e-mail style wire copy wrapped at 70 characters


@pytest.mark.parametrize("line,publisher", [
    ("(This story has not been edited by Daily Planet staff and is auto-generated from a syndicated feed.)",
     "Daily Planet"),
    ("(Only the headline and picture of this report may have been reworked by the Morning Post staff; the rest "
     "of the content is auto-generated from a syndicated feed.)", "Morning Post"),
    ("Disclaimer: The views expressed in this column are the author's own.", None),
])
def test_disclaimer_names_the_republisher(line: str, publisher: str | None) -> None:
    assert clean_wire_text(f"{BODY}\n{line}").publisher == publisher


def test_hard_wrapped_copy_is_joined_into_paragraphs() -> None:
    result = clean_wire_text(WRAPPED)
    paragraphs = result.text.split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Gunmen attacked") and paragraphs[0].endswith("the regional governor said.")
    assert "main road north of the provincial" in paragraphs[0]
    assert result.agency == "PTI"


def test_one_paragraph_per_line_is_left_alone(shared_fixtures: Path) -> None:
    text = (shared_fixtures / "ganja" / "article.txt").read_text()
    lines = [line for line in text.splitlines() if line.strip()]
    assert split_paragraphs(text) == [" ".join(line.split()) for line in lines]


def test_a_text_that_only_repeats_its_title_is_kept() -> None:
    # snippets and one-paragraph releases whose metadata title is the text itself
    story = "Security forces detained two suspects during an operation in the district today."
    assert clean_wire_text(story, title=story).text == story
    assert clean_wire_text(f"{story}\nMore text follows here.", title=story).text == "More text follows here."
