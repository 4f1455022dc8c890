"""Name folding: the keys the gazetteer index is built and queried on.

`fold` is the exact key: case, diacritics, apostrophes and hyphens removed, so "Gəncə",
"GANCA" and "Ganca" meet. `loose_key` is the fallback key: common transliteration variants
merged (kh/x, dzh/zh/dj/j, gh/g/q/k, w/v) and vowels (with ə, y) dropped after the first letter,
so "Xankəndi" meets "Khankendi", "Gyandzha" meets "Ganja" and "Kiev" meets "Kyiv". Loose
matches are ranked below exact ones and must also pass a similarity check.
"""
from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose, and Azerbaijani schwa (written a or e in English copy).
_PRE = str.maketrans({
    "ə": "a", "Ə": "a", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ı": "i", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "ð": "d", "ħ": "h",
    "‘": "", "’": "", "'": "", "ʼ": "", "ʻ": "", "`": "", "´": "", "ʿ": "", "ʾ": "", ".": "",
    "-": " ", "‐": " ", "–": " ", "—": " ", "_": " ", "/": " ", "(": " ", ")": " ", ",": " ",
})
_SPACES = re.compile(r"\s+")
# Arabic definite article as a separate word: "Al Hasakah" / "Hasakah", "Ar Raqqah" / "Raqqa".
_ARTICLE = re.compile(r"^(?:al|el|ad|adh|ar|as|ash|at|ath|az|an|ad|ez|es|er|ed|et)\s+(?=\w{3})")
# Vowels are dropped after the first letter, so only consonant variants need merging.
_LOOSE_MULTI = {"dzh": "j", "tch": "ch", "kh": "h", "gh": "k", "zh": "j", "dj": "j", "ph": "f", "ck": "k", "sh": "s"}
_LOOSE_MULTI_RE = re.compile("|".join(_LOOSE_MULTI))
# q/g/k: Azerbaijani and Arabic q is written g or k in English copy ("Qarakhanbayli" / "Garakhanbayli")
_LOOSE_SINGLE = str.maketrans({"x": "h", "q": "k", "g": "k", "w": "v", " ": None})
_DROP_VOWELS = str.maketrans("", "", "aeiouy")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")  # "Raqqah" / "Raqqa", "Hudaydah" / "Hudayda"
_REPEATS = re.compile(r"(.)\1+")


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff]")


def fold(name: str) -> str:
    """Exact index key: lower case, no diacritics, no apostrophes, single spaces."""
    s = name.translate(_PRE).lower()
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    return _SPACES.sub(" ", s).strip()


_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'", "ʻ": "'", "`": "'"})
_WORD_INITIAL_QUOTE = re.compile(r"(^|[\s-])'")


def plain(name: str) -> str:
    """A name as ACLED writes it: no diacritics, plain apostrophes, none opening a word, case
    kept ("São Paulo" -> "Sao Paulo", "Dar‘a" -> "Dar'a", "‘Afrin" -> "Afrin")."""
    if name.isascii() and "'" not in name and "`" not in name:
        return name
    s = name.replace("ə", "a").replace("Ə", "A").replace("ı", "i").translate(_QUOTES)
    s = _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    return _WORD_INITIAL_QUOTE.sub(r"\1", s)


def strip_article(key: str) -> str:
    """A folded key without a leading Arabic article ("al hasakah" -> "hasakah")."""
    return _ARTICLE.sub("", key)


def loose_key(name: str) -> str:
    """Fallback key: transliteration variants merged, vowels after the first letter dropped."""
    return loose_from_folded(fold(name))


def loose_from_folded(key: str) -> str:
    """`loose_key` of a name already folded."""
    s = _FINAL_H.sub("", strip_article(key))
    if "h" in s or "j" in s or "k" in s or "g" in s:
        s = _LOOSE_MULTI_RE.sub(lambda m: _LOOSE_MULTI[m.group()], s)
    s = s.translate(_LOOSE_SINGLE)
    if not s:
        return ""
    first = "a" if s[0] in "aeiouy" else s[0]  # "Ein"/"Ayn", "Idleb"/"Edlib"
    return _REPEATS.sub(r"\1", first + s[1:].translate(_DROP_VOWELS))


# Anything outside Basic Latin, Latin-1, Latin Extended A/B, IPA, combining marks, Latin
# Extended Additional and punctuation; a letter among these is from another script.
_OUTSIDE_LATIN = re.compile(r"[^\u0000-\u036f\u1e00-\u1eff\u2000-\u206f]")


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (the names English copy can contain)."""
    return not any(c.isalpha() for c in _OUTSIDE_LATIN.findall(name))
