"""The spaCy pipeline: the genuine en_core_web_sm 3.8, and places labelled before the NER guesses."""
import pytest

from wirewatch.errors import SetupError
from wirewatch.nlp import _verify_meta


def test_model_is_en_core_web_sm_38(nlp):
    assert nlp.meta["lang"] == "en"
    assert nlp.meta["version"].startswith("3.8")
    assert nlp.pipe_names.index("gazetteer_ruler") < nlp.pipe_names.index("ner")


@pytest.mark.parametrize("text, place", [
    ("Artsrun Hovhannisyan accused Azerbaijan of shelling Stepanakert.", "Stepanakert"),
    ("An Armenian missile struck the city of Ganja.", "Ganja"),
    ("Gunmen attacked a convoy near Afgooye on Sunday.", "Afgooye"),
    ("Protesters gathered in Kyiv and Kharkiv.", "Kharkiv"),
])
def test_towns_are_places_not_people(nlp, text, place):
    doc = nlp(text)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get(place) in ("GPE", "LOC"), labels


def test_sentence_initial_common_word_is_not_a_town(nlp):
    doc = nlp("Police arrested twelve people in the capital.")
    assert all(e.text != "Police" for e in doc.ents)


def test_wrong_model_is_refused():
    class Fake:
        meta = {"lang": "de", "version": "3.7.0", "name": "core_news_sm"}
        pipe_names = ["tok2vec", "ner"]
    with pytest.raises(SetupError):
        _verify_meta(Fake())


def test_no_sentence_starts_inside_brackets(nlp):
    doc = nlp("On 4 March 2021, gunmen killed two herders in the village of Tondibi [Tondibia] (Gothey, Tillaberi). "
              "Police arrived later.")
    assert [s.text.split()[0] for s in doc.sents] == ["On", "Police"]


def test_dateline_dash_ends_a_sentence(nlp):
    doc = nlp("NIAMEY, Niger (Reuters) — Gunmen killed two herders near Tondibi on Tuesday.")
    assert len(list(doc.sents)) == 2
