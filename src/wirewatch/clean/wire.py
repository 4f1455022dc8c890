"""The wire-copy cleaner: what republished agency copy carries besides the story.

A republished wire story arrives wrapped in its agency's habits (a dateline "Baku, Oct 18
(IANS)", a sign-off "--IANS", editor initials "ksk/") and in the republisher's (a
"More From This Section" block, a syndication disclaimer). Each habit has one small
function here; `clean_wire_text` runs them in order and reports what it found, so the
provenance of `wire_agency`, `dateline_place` and the dateline date can be recorded.

Only structural positions are trusted: a whole line, the start of the first paragraph, the
end of the last one. A sentence that merely mentions "Reuters reported that..." is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import AMBIGUOUS, agency_alternation, normalise_agency
from .dateline import _MONTH, Dateline, split_dateline

__all__ = ["Dateline", "WireText", "clean_wire_text", "detect_agency", "split_dateline", "split_paragraphs",
           "strip_boilerplate", "strip_signoff"]

_AGENCY = agency_alternation()

# ---------------------------------------------------------------------------------------
# records


@dataclass
class WireText:
    """What the cleaner made of a text: the clean body and the wire facts found on the way."""

    text: str
    agency: str | None = None
    agency_source: str | None = None   # "sign-off" | "dateline" | "byline"
    dateline: Dateline | None = None
    byline: str | None = None
    headline: str | None = None         # a headline line taken off the top (guess_headline)
    publisher: str | None = None        # named by a syndication disclaimer ("edited by Daily Ledger staff")
    removed: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# line patterns (whole lines, case-insensitive unless noted)

_MONTH_NAMES = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_RELATED_HEADING = re.compile(
    r"^(?:more from (?:this|the) section|more from [\w '&-]{1,30}|also read|read also|read more|"
    r"related(?: news| stories| articles| coverage| content| links| topics| reading)?|"
    r"recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|be interested in)|"
    r"trending(?: now| stories| news)?|top stories|latest news|most read|most popular|popular stories|"
    r"editor'?s picks?|see also|also see|further reading|more stories|more news|don'?t miss|must read|"
    r"also watch|watch more|in (?:other|related) news)\s*[:|\-–—]?\s*$",
    re.I,
)
_RELATED_INLINE = re.compile(
    r"^(?:also read|read also|read more|related|see also|also see|must read|don'?t miss|also watch|"
    r"watch|listen|read|more)\s*[:|]\s*\S|^(?:also read|read also|read more)\s*[-–—]\s*\S",
    re.I,
)
_PROMO = re.compile(
    r"^(?:follow us\b.*|follow @\w+.*|follow (?:the )?(?:latest|live updates|our coverage)\b.*|"
    r"follow [\w .&'’-]{1,40}(?:'s|’s) (?:live )?coverage\b.*|"
    r"follow [\w .&'’-]{1,40} on (?:twitter|x|facebook|instagram|telegram|whatsapp|linkedin|youtube|"
    r"google news|threads)\b.*|"
    r"(?:click|tap) here\b.*|(?:subscribe|sign up) (?:to|for|now)\b.*|join (?:us|our) on\b.*|"
    r"share(?: this)?(?: article| story| on \w+)?|advertisement|advertising|sponsored(?: content)?|"
    r"story continues below(?: advertisement)?|continue reading(?: below)?|"
    r"scroll (?:down )?to continue(?: with content)?|"
    r"(?:download|get) the [\w .&'’-]{1,40} app\b.*|catch all the [\w ]{1,60} news\b.*|"
    r"(?:first |last )?(?:published|updated|posted)(?: on| at)?\s*:.*|"
    r"(?:topics?|tags?|keywords)\s*:.*|(?:file )?(?:photo|image|picture)\s*:.*|"
    r"(?:representational|representative|file) (?:image|photo|picture)\.?|"
    r"all rights reserved\.?|our standards\s*:.*|enditem|-{2,}\s*end\s*-{2,}|"
    r"(?:this material )?may not be published, broadcast, rewritten or redistributed\.?|"
    r"register (?:now|for|to)\b.{0,100}|sign up here\.?|"
    r"editors?\s*:\s*[\w .,'’-]{1,60}|\(?(?:end|ends)\)?|[\w.+-]+@[\w-]+\.[\w.-]+|"
    r".{0,200}\b(?:support (?:us|our (?:independent )?journalism|independent journalism)|become a (?:member|subscriber|patron)|"
    r"if you value our journalism)\b.{0,200}|"
    r".{0,300}\bpic\.twitter\.com/\w+.{0,80}|"
    r".{0,200}\b(?:we use cookies|uses cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)|"
    r"(?:enable|enabled|disabled) javascript|javascript is (?:disabled|required|not enabled)|"
    r"your browser (?:does not|doesn't) support|is now on (?:telegram|whatsapp|google news|instagram|twitter|x))"
    r"\b.{0,300}|"
    r"(?:image|photo|picture|video) (?:caption|source|credit)s?\b.{0,120}|"
    r"(?:this (?:article|story|report) (?:was|has been|is) (?:originally )?|originally )"
    r"(?:published|appeared|republished) (?:on|in|at|by|from|with permission)\b.{0,80}\.?)$",
    re.I,
)
# a photo caption: the line ends with the picture credit
_CAPTION = re.compile(r"\((?:AP|AFP|Reuters|EPA|Xinhua|AA) Photo(?:/[^)]{1,60})?\)$|REUTERS/[A-Z][\w .'-]{1,40}(?:/File)?$"
                      r"|\b(?:via )?Getty Images\)?$|\bEPA-EFE(?:/[A-Z\w ]+)?\)?$")
# press-release furniture: "For Immediate Release", "Download PDF", a release number alone or next to the
# issuing office's short heading ("2011-10-S-020 ISAF Joint Command - Afghanistan")
_RELEASE_NO = r"(?=[A-Z-]*\d)(?=[\d-]*[A-Z])[A-Z0-9]{2,8}(?:-[A-Z0-9]{1,8}){2,5}"
_RELEASE = re.compile(rf"^(?:{_RELEASE_NO}\s*)?(?:for immediate release|download (?:the )?pdf|print (?:this )?(?:page|release))"
                      rf"(?:\s*{_RELEASE_NO})?$|^{_RELEASE_NO}(?:\s+[A-Z][\w&'’]*(?:\s+(?:[-–—]\s+)?[A-Z][\w&'’]*){{0,7}})?(?:\s+for immediate release)?$|"
                      rf"^[A-Z][\w&'’]*(?:\s+(?:[-–—]\s+)?[A-Z][\w&'’]*){{0,7}}\s+{_RELEASE_NO}(?:\s+for immediate release)?$", re.I)
_TWEET_CREDIT = re.compile(rf"^[-–—]\s*.{{1,60}}\(@\w{{1,30}}\)\s*{_MONTH_NAMES}\.? \d{{1,2}}, \d{{4}}$", re.I)
_APPEAL = re.compile(r"^dear (?:readers?|subscribers?)\b", re.I)
# "ab/rt (Reuters, AFP, dpa)": a newsroom's editor initials and the agencies it drew on
_INITIALS_AGENCIES = re.compile(r"^(?:[a-z]{1,5}/)+[a-z]{1,5}\s*\((?P<who>[^()]{2,80})\)$")
_CLICK_HERE = re.compile(r"\b(?:click|tap) here\b", re.I)
_DISCLAIMER_START = re.compile(r"^\(?\s*(?:disclaimer|note to readers|editor'?s note)\s*[:\-–—]", re.I)
_DISCLAIMER_KEYS = re.compile(
    r"syndicated feed|auto-?generated from|has not been edited by|not been edited by|"
    r"holds? no responsibility for (?:its|the|this) content|"
    r"reworked by (?:the )?[\w .&'’-]{1,40} staff|"
    r"wire agency feed|published from a wire|views expressed (?:in this|by the author|here)|"
    r"opinions expressed (?:in this|by the author|here)|"
    r"(?:are|is) (?:the author'?s|personal) (?:own )?(?:views|opinions)|"
    r"without modifications? to the text|"
    r"website contains only a portion of the news stories",
    re.I,
)
_INPUTS = re.compile(
    r"^\(?\s*(?:with )?(?:additional )?(?:inputs?|reporting|input) (?:from|by) (?P<who>[^)]{1,80})\)?\.?$"
    r"|^\(?\s*with (?:agency|wire) inputs\s*\)?\.?$|^[-–—(]*\s*agencies\s*\)?$"
    r"|^\(\s*[^()]{1,40}\bwith (?P<who2>[^()]{1,60})\)\.?$"          # "(FRANCE 24 with AFP and Reuters)"
    r"|^sources?\s*:\s*(?P<who3>.{1,80})$"                              # "Source: Reuters"
    r"|^[-–—]*\s*with assistance (?:from|by) (?P<who4>.{1,120})$",       # Bloomberg
    re.I,
)
_CREDITS = re.compile(
    r"^\(?\s*\*?\s*(?:additional |further )?(?:reporting|writing|editing|compiled|compiling|research|"
    r"graphics|translated|translation|produced|edited|written|compiled)(?:\s+by\b|\s*:)\s*[^.]{2,}(?:;.*)?\)?\.?$",
    re.I,
)
_CONTRIBUTED = re.compile(
    r"contributed (?:to )?(?:this |the )?(?:report|reporting|story)\.?\)?$"
    r"|(?:writers?|reporters?|correspondents?|journalists?|researchers?)\b.{0,120}\bcontributed\.?$",
    re.I,
)
_AP_CONTRIB = re.compile(r"\b(?:the )?associated press\b", re.I)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.I)
_SEPARATOR = re.compile(r"^[\s_*=~•·#-]{3,}$|^[-–—]+$")
# editor initials: "ksk/", "ab/cd", "(ksk/ab)", "AFP/ab", "burs-ab/cd" (must contain a slash)
_INITIALS = re.compile(r"^\(?\s*(?:[A-Za-z]{1,6}[-/]\s*)+[A-Za-z]{0,6}\s*/?\s*\)?$")
# a line that is only an agency name, maybe dashed or bracketed, maybe followed by desk
# initials and a time ("PTI ABC DEF", "UNI XR RN 1345", "--IANS", "(AP)")
_AGENCY_LINE = re.compile(
    rf"^[-–—=\s(*]*(?P<agency>(?i:{_AGENCY}))\s*\)?\s*(?:[A-Z]{{2,4}}\s*){{0,4}}(?:\d{{3,4}})?\s*$"
)
_DASHED_NAME_LINE = re.compile(r"^(?:--|—|–|==)\s*(?P<agency>[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3})\s*$")
# the end of the last paragraph: "... each other. --IANS", "... on Sunday. (Reuters)", "- AFP"
_TAIL_SIGNOFF = re.compile(
    rf"(?<=[.!?\"'”’)])\s*(?:(?:--|—|–|-)\s*(?P<a1>{_AGENCY})|\((?P<a2>{_AGENCY})\))\s*$"
)

# ---------------------------------------------------------------------------------------
# the steps


def split_paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs with whitespace collapsed (one paragraph per line); hard-wrapped
    text (e-mail style, ~70 characters a line) is joined back into its paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u2028", "\n")
    lines = [re.sub(r"[ \t\f\v\u200b]+", " ", line).strip() for line in text.split("\n")]
    if _hard_wrapped([line for line in lines if line]):
        return _unwrap(lines)
    return [line for line in lines if line]


_END = (".", "!", "?", '"', "”", "’", "'", ":", ")")


def _hard_wrapped(lines: list[str]) -> bool:
    """Most lines end near one width and mid-sentence: the text was wrapped, not paragraphed."""
    if len(lines) < 4:
        return False
    longest = max(len(line) for line in lines)
    if not 40 <= longest <= 100:
        return False
    near_width = [line for line in lines if len(line) >= longest - 25]
    open_ended = [line for line in near_width if not line.endswith(_END)]
    return len(near_width) >= 0.5 * len(lines) and len(open_ended) >= 0.5 * len(near_width)


def _unwrap(lines: list[str]) -> list[str]:
    """Join wrapped lines; a blank line, or a short line ending a sentence, ends a paragraph."""
    longest = max(len(line) for line in lines if line)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if len(line) < longest - 25 and line.endswith(_END):
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def _headline_like(line: str) -> bool:
    """A related-link title: short and not a sentence."""
    return len(line.split()) <= 16 and not re.search(r"[.!?:;\"'”’)]$", line)


def is_boilerplate_line(line: str) -> bool:
    """True for a whole line that is never story text (related links, promos, disclaimers,
    editor initials, separators)."""
    if len(line) > 600:  # story paragraphs; no boilerplate line is this long
        return False
    if _RELATED_HEADING.match(line) or _RELATED_INLINE.match(line) or _PROMO.match(line):
        return True
    if "here" in line and _CLICK_HERE.search(line) and len(line.split()) <= 25:
        return True
    if _DISCLAIMER_START.match(line):
        return True
    if (line.startswith("(") or len(line.split()) <= 45) and _DISCLAIMER_KEYS.search(line):
        return True
    if _SEPARATOR.match(line) or _TWEET_CREDIT.match(line) or (len(line) <= 120 and _RELEASE.match(line)):
        return True
    if len(line) <= 500 and _CAPTION.search(line, max(0, len(line) - 90)):  # the credit ends the line
        return True
    if "/" in line and _INITIALS.match(line) and len(line) <= 24:
        return True
    return False


def strip_boilerplate(text: str) -> str:
    """Drop related-links blocks, promos, disclaimers, editor initials and separators."""
    return "\n".join(_strip_boilerplate(split_paragraphs(text), []))


def _strip_boilerplate(lines: list[str], removed: list[str]) -> list[str]:
    kept: list[str] = []
    in_related = in_appeal = False
    for line in lines:
        if in_appeal and not signoff_agency(line)[0]:
            removed.append(line)  # the rest of a "Dear Reader," subscription appeal
            continue
        if _APPEAL.match(line):
            in_appeal = True
            removed.append(line)
            continue
        if _RELATED_HEADING.match(line):
            in_related = True
            removed.append(line)
            continue
        if in_related and _headline_like(line):
            removed.append(line)  # a link title under a related-links heading
            continue
        in_related = False
        if (is_boilerplate_line(line) or is_timestamp_line(line)) and not signoff_agency(line)[1]:  # sign-offs naming an agency: next step
            removed.append(line)
            continue
        kept.append(line)
    return kept


def signoff_agency(line: str) -> tuple[bool, str | None]:
    """(is this line a sign-off, the agency it names). Sign-offs: a bare agency line,
    "--NAME", credits ("Reporting by..."), "With inputs from PTI", copyright lines."""
    if len(line) > 400:
        return False, None
    m = _AGENCY_LINE.match(line)
    if m:
        return True, normalise_agency(m.group("agency"))
    m = _DASHED_NAME_LINE.match(line)
    if m:
        name = m.group("agency").strip()
        if normalise_agency(name):
            return True, normalise_agency(name)
        # "--KUNA", "— Lakeside News Service"; not "— Jane Roe" under a quote
        if (name.isupper() and len(name) <= 10) or re.search(r"\b(?:news|agency|service|wire|press)\b", name, re.I):
            return True, name
    m = _INPUTS.match(line)
    if m and _credit_shaped(line):
        who = m.group("who") or m.group("who2") or m.group("who3") or m.group("who4") or ""
        return True, _first_agency(who)
    if _COPYRIGHT.match(line) and len(line.split()) <= 40:
        return True, _first_agency(line)
    if _CREDITS.match(line) and len(line.split()) <= 40 and _credit_shaped(line):
        return True, None
    m = _INITIALS_AGENCIES.match(line)
    if m:
        return True, _first_agency(m.group("who"))
    if (line.startswith("(") or len(line.split()) <= 45) and _DISCLAIMER_KEYS.search(line):
        named = _first_agency(line)  # "auto-generated from PTI news service"
        if named:
            return True, named
    if "contributed" in line and _CONTRIBUTED.search(line) and len(line.split()) <= 40:
        return True, "AP" if _AP_CONTRIB.search(line) else _first_agency(line)
    if _DISCLAIMER_KEYS.search(line) and "portion of the news stories" in line.casefold():
        return True, _first_agency(line)
    return False, None


def _credit_shaped(line: str) -> bool:
    """A credit line, not a sentence that starts like one ("Reporting by the BBC found ...")."""
    stripped = line.strip()
    if stripped.startswith("(") and stripped.rstrip(".").endswith(")"):
        return True
    if ";" in stripped or not stripped.endswith((".", "!", "?", '"', "”")):
        return True
    return len(stripped.split()) <= 8


_AGENCY_WORD = re.compile(rf"(?<![\w-])(?:{_AGENCY})(?![\w-])")


def _first_agency(text: str) -> str | None:
    for m in _AGENCY_WORD.finditer(text):
        if m.group(0) in AMBIGUOUS:
            continue
        canonical = normalise_agency(m.group(0))
        if canonical:
            return canonical
    return None


def strip_signoff(text: str) -> tuple[str, str | None]:
    """Remove agency sign-offs (lines anywhere, and the tail of the last paragraph);
    return the text and the agency they name (the first named one), if any."""
    removed: list[str] = []
    lines, agency = _strip_signoff(split_paragraphs(text), removed)
    return "\n".join(lines), agency


def _strip_signoff(lines: list[str], removed: list[str]) -> tuple[list[str], str | None]:
    named: list[str] = []
    credits_seen = False
    kept: list[str] = []
    for line in lines:
        is_signoff, agency = signoff_agency(line)
        if is_signoff:
            removed.append(line)
            if agency:
                named.append(agency)
            elif _CREDITS.match(line):
                credits_seen = True
            continue
        kept.append(line)
    if kept:
        last = kept[-1]
        offset = max(0, len(last) - 80)  # a sign-off is in the last few characters
        m = _TAIL_SIGNOFF.search(last, offset)
        if m:
            removed.append(m.group(0).strip())
            named.append(normalise_agency(m.group("a1") or m.group("a2")) or (m.group("a1") or m.group("a2")))
            kept[-1] = last[: m.start()].rstrip()
    if named:
        return kept, named[0]
    # "(Reporting by X; Editing by Y)" with no agency named is Reuters house style
    return kept, "Reuters" if credits_seen and any(_is_reuters_credit(r) for r in removed) else None


def _is_reuters_credit(line: str) -> bool:
    return bool(re.search(r"editing by", line, re.I) and re.search(r"reporting by|writing by", line, re.I))


_TRAILING_AGENCY = re.compile(rf"^(.+?)\s+((?:The )?(?:{_AGENCY}))$")
_BYLINE_PART = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")


def split_byline(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Leading byline and timestamp lines -> (people, agency, the remaining lines).

    "By Jane Doe and John Roe, Reuters" -> ("Jane Doe, John Roe", "Reuters");
    "IANS | 2020-10-17" -> (None, "IANS"); "Last Updated at Oct 17 2020 14:20 IST" is dropped.
    """
    people: list[str] = []
    agency: str | None = None
    start = 0
    while start < min(len(lines), 4):
        line = lines[start]
        parsed = _parse_byline(line)
        if parsed is not None:
            people.extend(p for p in parsed[0] if p not in people)
            agency = agency or parsed[1]
        elif not is_timestamp_line(line):
            break
        start += 1
    return (", ".join(people) or None), agency, lines[start:]


def _parse_byline(line: str) -> tuple[list[str], str | None] | None:
    if len(line.split()) > 16 or line.endswith((".", "!", "?")):
        return None
    m = re.match(r"^by\s+(.+?)\s*$", line, re.I)
    if not m and "|" not in line:
        return None
    people: list[str] = []
    agency: str | None = None
    for part in re.split(r"\s*(?:,|\band\b|&|\||;)\s*", m.group(1) if m else line):
        part = re.sub(r"^by\s+|\s+in\s+[A-Z][\w .'-]*$", "", part.strip(), flags=re.I)  # "Jane Roe in Kyiv"
        if not part or _is_date_part(part):
            continue
        trailing = _TRAILING_AGENCY.match(part)  # "JON ROE Associated Press"
        if trailing and normalise_agency(trailing.group(2)):
            part, agency = trailing.group(1), agency or normalise_agency(trailing.group(2))
        known = normalise_agency(part)
        if known:
            agency = agency or known
        elif _BYLINE_PART.match(part) and not _ORG_WORDS.search(part):
            people.append(part)
        elif _BYLINE_PART.match(part):
            continue  # "Example Times | Oct 17, 2020": an outlet name, not a person
        else:
            return None  # "By the time rescuers arrived, ..." is a sentence
    if not people and not agency:
        return None
    return people, agency


_MONTH_WORD = re.compile(rf"\b{_MONTH}\b\.?", re.I)
_STAMP_START = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified|created)\b(?: on| at)?", re.I)
_DATE_TOKEN = re.compile(
    rf"^(?:{_MONTH}\.?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"\d{1,4}(?:st|nd|rd|th)?|\d{1,2}:\d\d(?::\d\d)?|am|pm|a\.m\.|p\.m\.|[a-z]{2,4}t|utc|gmt|ist|"
    r"\d{4}-\d\d-\d\d(?:t[\d:+z.-]+)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|at|on|,|\||-|–|—|/|:)$",
    re.I,
)
_ORG_WORDS = re.compile(r"\b(?:news|agency|desk|staff|bureau|team|online|media|times|post|network|digital|"
                        r"daily|herald|tribune|journal|newsroom|wire|agencies|group|express|tv|radio)\b", re.I)


def _is_date_part(part: str) -> bool:
    """"2020-10-17", "Updated: Oct 17, 2020 14:20 IST", "17 October 2020"."""
    if not re.search(r"\d", part):
        return False
    if _STAMP_START.match(part):
        return True
    tokens = re.findall(r"[\w.:+-]+|[,|/–—]", part)
    return bool(tokens) and all(_DATE_TOKEN.match(t.rstrip(".,")) or t in ",|/–—-" for t in tokens)


def is_timestamp_line(line: str) -> bool:
    """A line that only says when the story was published or updated."""
    if len(line.split()) > 14 or line.endswith((".", "!", "?")) or not re.search(r"\d", line):
        return False
    if _STAMP_START.match(line):
        return bool(_MONTH_WORD.search(line) or re.search(r"\d{4}|\d:\d\d", line))
    return _is_date_part(line)


def detect_agency(text: str) -> str | None:
    """The agency a text's sign-off or dateline names (e.g. "--IANS" -> "IANS"), or None."""
    return clean_wire_text(text).agency


_MIN_REST_WORDS = 4  # clean.document refuses a body under 4 words


def clean_wire_text(text: str, title: str | list[str] | None = None, guess_headline: bool = False) -> WireText:
    """Run every wire step over plain text (or trafilatura output) and report what was found.

    `title`: the headline (or several spellings of it); a first line repeating it is dropped.
    `guess_headline`: with no title known, take a headline-shaped first line off as the headline.
    """
    removed: list[str] = []
    lines = split_paragraphs(text)
    titles = [title] if isinstance(title, str) else [t for t in title or [] if t]
    headline: str | None = None
    if lines and any(_same_text(lines[0], t) for t in titles) and len(" ".join(lines[1:]).split()) >= _MIN_REST_WORDS:
        # a text that only repeats its title (a snippet, a one-paragraph release) is the story itself
        removed.append(lines[0])
        lines = lines[1:]  # extractors repeat the headline as the first line
    elif guess_headline and not titles and _headline_first(lines):
        headline = lines[0]
        removed.append(headline)
        lines = lines[1:]
    byline, byline_agency, lines = split_byline(lines)
    lines = _strip_boilerplate(lines, removed)
    lines, signoff = _strip_signoff(lines, removed)
    dateline: Dateline | None = None
    for index in range(min(2, len(lines))):
        # the dateline opens the first paragraph, or the second after a short standfirst
        if index == 1 and len(lines[0].split()) > 40:
            break
        dateline, rest = split_dateline(lines[index])
        if dateline is not None:
            lines[index] = rest
            removed.append(dateline.raw)
            break
    result = WireText(text="\n".join(lines), dateline=dateline, byline=byline, headline=headline, removed=removed,
                      publisher=_disclaimer_publisher(removed))
    if signoff:
        result.agency, result.agency_source = signoff, "sign-off"
    elif dateline is not None and dateline.agency:
        result.agency, result.agency_source = dateline.agency, "dateline"
    elif byline_agency:
        result.agency, result.agency_source = byline_agency, "byline"
    return result


_STAFF = re.compile(r"\b(?:edited|reworked) by (?:the )?(?P<name>[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,4}) staff\b")


def _disclaimer_publisher(removed: list[str]) -> str | None:
    """The republisher a syndication disclaimer names, e.g. "... edited by Daily Ledger staff ..."."""
    for line in removed:
        m = _STAFF.search(line)
        if m:
            return m.group("name")
    return None


def _headline_first(lines: list[str]) -> bool:
    """A plain text that opens with its headline: a short unpunctuated line before a paragraph."""
    if len(lines) < 2:
        return False
    first, second = lines[0], lines[1]
    words = len(first.split())
    if not 3 <= words <= 20 or re.search(r"[.!?:;,\"'”’)]$", first) or not first[0].isupper():
        return False
    if len(second.split()) < 12 or _parse_byline(first) is not None or is_boilerplate_line(first):
        return False
    return split_dateline(first + " x x x")[0] is None  # a headline never carries a dateline


def _same_text(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()
