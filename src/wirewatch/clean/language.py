"""A cheap language guess: the script for non-Latin text, stopword ratios for Latin text.

Good enough to refuse a German or Russian article before the English pipeline reads it;
not a general language identifier.
"""
from __future__ import annotations

import re
from collections import Counter

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in a is that for on was with by as at from it said were are has have "
                    "had his their which after an be this but not they who its been will would".split()),
    "de": frozenset("der die das und ist nicht mit den dem des ein eine einer sich auf für von zu im "
                    "auch wurde sind wird nach bei aus hat dass wie noch oder über".split()),
    "fr": frozenset("le la les des et est une un du dans que pour pas qui sur au par avec ont été "
                    "sont aux cette ses mais il elle ce selon".split()),
    "es": frozenset("el la los las de del y en que por con una un para se es al como más su fue "
                    "han sus pero este según lo".split()),
    "it": frozenset("il lo la gli le di del della e che per con una un non sono è nel nella alla "
                    "dei delle anche ha stato come".split()),
    "pt": frozenset("o a os as de do da dos das e em que para com uma um não é no na ao pelo pela "
                    "foi são mais como seu sua".split()),
    "nl": frozenset("de het een en van in is dat op te met voor niet zijn aan ook bij door naar "
                    "werd was om dit maar".split()),
    "tr": frozenset("ve bir bu da de için ile olarak çok daha sonra gibi ancak kadar olan yeni "
                    "ise değil göre".split()),
    "id": frozenset("yang dan di ke dari ini itu dengan untuk dalam tidak akan pada juga oleh "
                    "sudah adalah kata".split()),
    "pl": frozenset("i w na nie z się do że jest to o jak po przez od za ale przy oraz był".split()),
    "sv": frozenset("och att det som en på är av för med till den har inte om ett var de".split()),
}

# (regex of a script's letters, language to report)
_SCRIPTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\u0400-\u04FF]"), "ru"),
    (re.compile(r"[\u0600-\u06FF\u0750-\u077F]"), "ar"),
    (re.compile(r"[\u0590-\u05FF]"), "he"),
    (re.compile(r"[\u0900-\u097F]"), "hi"),
    (re.compile(r"[\u0980-\u09FF]"), "bn"),
    (re.compile(r"[\u3040-\u30FF]"), "ja"),
    (re.compile(r"[\u4E00-\u9FFF]"), "zh"),
    (re.compile(r"[\uAC00-\uD7AF]"), "ko"),
    (re.compile(r"[\u0370-\u03FF]"), "el"),
    (re.compile(r"[\u0530-\u058F]"), "hy"),
    (re.compile(r"[\u10A0-\u10FF]"), "ka"),
    (re.compile(r"[\u0E00-\u0E7F]"), "th"),
    (re.compile(r"[\u0B80-\u0BFF]"), "ta"),
]
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, sample_chars: int = 4000) -> tuple[str | None, float]:
    """(language code, confidence 0..1); (None, 0.0) when the text gives too little to go on."""
    sample = text[:sample_chars]
    letters = _LETTER.findall(sample)
    if len(letters) < 20:
        return None, 0.0
    script = _script(sample, len(letters))
    if script:
        return script
    tokens = Counter(t.casefold() for t in _TOKEN.findall(sample))
    total = sum(tokens.values())
    if total < 8:
        return None, 0.0
    scores = {lang: sum(n for t, n in tokens.items() if t in words) / total for lang, words in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 0.08:
        return None, scores[best]
    if best != "en" and scores["en"] >= 0.06 and scores[best] < 1.5 * scores["en"]:
        best = "en"  # names and quotes from other languages inside an English story
    runner_up = max(v for k, v in scores.items() if k != best)
    return best, min(1.0, (scores[best] - runner_up) / scores[best] + 0.3)


def _script(sample: str, n_letters: int) -> tuple[str, float] | None:
    if len(_NON_ASCII_LETTER.findall(sample)) < 0.3 * n_letters:
        return None  # mostly ASCII letters: a Latin-script text
    for pattern, lang in _SCRIPTS:
        share = len(pattern.findall(sample)) / n_letters
        if share > 0.3:
            if lang == "ru" and re.search(r"[іїєґ]", sample):
                lang = "uk"
            if lang == "ar" and re.search(r"[پچژگ]", sample):
                lang = "fa"
            return lang, min(1.0, share)
    return None
