"""What a single line of scraped article text is: noise around the article, or part of it.

Scraped and pasted articles carry lines that belong to the page, not the article: metadata
headers, photo captions and credits, section labels, view counters, "READ MORE" links,
advertisements, embedded related headlines and social-media embeds. Each kind is recognised by
one small predicate here; ``text.py`` decides where in the article each applies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from bot.extract.dates import find_date, parse_date
from bot.extract.lexicon import ALL, alternation

__all__ = [
    "is_advertisement",
    "is_all_caps_headline",
    "is_byline",
    "is_caption_sentence",
    "is_counter",
    "is_credit",
    "is_date_line",
    "is_dated_caption",
    "is_heading_like",
    "is_metadata_header",
    "is_read_more",
    "is_read_more_label",
    "is_social_embed",
    "is_title_case",
    "word_count",
    "word_count_exceeds",
]

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_TERMINAL = ".!?…:;,"
_CLOSING_MARKS = "\"'”’»“)]"
_OPENING_MARKS = "\"'“‘«„‚"

_CREDIT = re.compile(rf"^(?:©|\(c\)\s|{alternation(ALL.credit_labels)})", re.IGNORECASE)
# "(AP Photo/Alexander JOE)" or "(Reuters photo: Giorgio Perottino)" closing a caption line.
_CREDIT_PARENTHESIS = re.compile(
    rf"\((?:[^()]*\b{alternation(ALL.photo_words)}\b[^()]*)\)\s*$", re.IGNORECASE
)
_CAPTION_TAIL = re.compile(rf"\b{alternation(ALL.caption_tails)}\.?\s*$", re.IGNORECASE)
_READ_MORE = re.compile(rf"^{alternation(ALL.read_more_labels)}\b\s*[:\-–—»>]?", re.IGNORECASE)
_ADVERTISEMENT = re.compile(rf"^{alternation(ALL.advertisement_labels)}\s*[:.]?$", re.IGNORECASE)
_COUNTER = re.compile(
    rf"^\d[\d\s.,]*\s*[kкmм]?\s*{alternation(ALL.counter_units)}?$", re.IGNORECASE
)
_METADATA_KEY = re.compile(rf"^{alternation(ALL.metadata_keys)}\b\s*[:=]?\s*", re.IGNORECASE)
_TIMESTAMP_ONLY = re.compile(r"^[\d\s:.,/T+\-Z]+$")
_BYLINE = re.compile(rf"^{alternation(ALL.byline_words)}\s*:?\s+[^\W\d_]", re.IGNORECASE)
# Author lines without "By": "Sarah Mitchell, Technology Correspondent", "Reporter: Name".
_ROLE_WORDS = alternation(ALL.author_roles)
_ROLE_LABEL = re.compile(rf"^{_ROLE_WORDS}s?\s*:\s*\S", re.IGNORECASE)
_ROLE_TAIL = re.compile(rf"\b{_ROLE_WORDS}s?\W*$", re.IGNORECASE)
_ROLE_LINE_MAX_WORDS = 8
_ROLE_LINE_MAX_CHARS = 100  # a quick bound before counting words: 8 words fit well within it
# Words that may stand beside a date on a dateline without making it a sentence.
_TIME_WORDS = frozenset(ALL.dateline_words) | frozenset(ALL.weekdays)
_DATE_LINE_MAX_WORDS = 14
_DATE_LINE_MAX_CHARS = 160  # a quick bound before counting words: 14 words fit within it
_PRESENT_CONTINUOUS = re.compile(
    r"\b(?:is|are|was|were)\s+(?:\w+ly\s+)?\w+ing\b|\b(?:seen|pictured|shown)\s+(?:here\s+)?"
    r"(?:at|in|during|with|on)\b",
    re.IGNORECASE,
)
_SOCIAL_EMBED = re.compile(
    r"pic\.twitter\.com/|\(@\w{1,15}\)\s+\w+\s+\d{1,2},\s+\d{4}|^—\s.*\(@\w+\)", re.IGNORECASE
)
# Words that stay lower-case inside a title-cased headline.
_MINOR_WORDS = frozenset(ALL.headline_minor_words)


def word_count(line: str) -> int:
    """Number of words (letters or digits) in the line."""
    return len(_WORD.findall(line))


def word_count_exceeds(line: str, limit: int) -> bool:
    """``word_count(line) > limit``, reading no further than the word after the limit."""
    return next(islice(_WORD.finditer(line), limit, None), None) is not None


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSING_MARKS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_credit(line: str) -> bool:
    """A photo or image credit: "© Agency / Name", "Photo: ...", "Image copyright ...",
    a caption ending in "(AP Photo/Name)", or a short "Name/Agency/Agency" line."""
    stripped = line.strip()
    if _CREDIT.match(stripped) or _CREDIT_PARENTHESIS.search(stripped):
        return True
    slashes = stripped.count("/")
    return (
        slashes >= 2
        and "://" not in stripped
        and word_count(stripped) <= 8
        and not _ends_sentence(stripped)
    )


def is_caption_sentence(line: str) -> bool:
    """A photo caption: a one-sentence description in the present continuous ("X is holding
    a press conference."), or a line ending in "File photo"."""
    stripped = line.strip()
    if _CAPTION_TAIL.search(stripped):
        return True
    return (
        stripped.endswith(".")
        and word_count(stripped) <= 30
        and _PRESENT_CONTINUOUS.search(stripped) is not None
    )


def is_read_more(line: str) -> bool:
    """A link to another article: "READ MORE: ...", "Also read", "Также по теме", "Lire aussi"."""
    return _READ_MORE.match(line.strip()) is not None


def is_read_more_label(line: str) -> bool:
    """A "READ MORE" label standing alone: the related headline follows on the next line."""
    match = _READ_MORE.match(line.strip())
    return match is not None and word_count(line.strip()[match.end() :]) == 0


def is_advertisement(line: str) -> bool:
    """An advertisement or sponsorship label standing alone on its line."""
    return _ADVERTISEMENT.match(line.strip()) is not None


def is_counter(line: str) -> bool:
    """A bare number or a view/comment counter ("103", "1.2K views")."""
    return _COUNTER.match(line.strip()) is not None


def is_metadata_header(line: str) -> bool:
    """A machine-style metadata line: "date 2018-07-12 Register", "Published: 12.07.2018",
    or a line that is only a timestamp."""
    stripped = line.strip()
    key = _METADATA_KEY.match(stripped)
    if key is not None:
        return parse_date(stripped[key.end() :]) is not None
    return _TIMESTAMP_ONLY.match(stripped) is not None and parse_date(stripped) is not None


def _is_role_line(line: str) -> bool:
    """A name and a job title without "By": "Sarah Mitchell, Technology Correspondent",
    "Associated Press Staff Writer", "Reporter: Nikos Papadakis".

    A headline about a correspondent ("BBC correspondent expelled from Russia") has the role
    word inside and lower-case words around it; an author line is capitalised words (a name, a
    desk) ending in the role, or a "Role: Name" pair.
    """
    if len(line) > _ROLE_LINE_MAX_CHARS or _ends_sentence(line):
        return False
    if word_count(line) > _ROLE_LINE_MAX_WORDS:
        return False
    if _ROLE_LABEL.match(line):
        return True
    role = _ROLE_TAIL.search(line)
    if role is None:
        return False
    name = line[: role.start()]
    words = [word for word in _WORD.findall(name) if word.lower() not in _MINOR_WORDS]
    return all(word[0].isupper() or not word[0].isalpha() for word in words)


def is_byline(line: str) -> bool:
    """An author line: "By NAME", "By NAME | Month D, YYYY", "Von NAME", or a name with a job
    title ("Jane Roe, Staff Writer", "Reporter: Jane Roe")."""
    stripped = line.strip()
    if _BYLINE.match(stripped) is not None and word_count(stripped) <= 14:
        return True
    return _is_role_line(stripped)


#: Words beside the date, with no separator between them and it, that make a line a caption.
_CAPTION_MIN_WORDS = 2
#: What sets a dateline's place, source or byline off its date: 'MOSCOW, March 12', 'By X | …'.
_DATELINE_SEPARATOR = re.compile(r"[,|:;/(–—]|\s-\s")


@dataclass(frozen=True, slots=True)
class _DatedLine:
    """A short line with a date: how many words the date takes, the other words (besides time
    words and numbers), and whether a lower-case word stands beside the date."""

    date_words: int
    other_words: int
    has_lower_case: bool


def _dated_line(line: str, lang: str | None) -> _DatedLine | None:
    stripped = line.strip()
    if len(stripped) > _DATE_LINE_MAX_CHARS:
        return None
    words = _WORD.findall(stripped)
    if not words or len(words) > _DATE_LINE_MAX_WORDS:
        return None
    found = find_date(stripped, lang)
    if found is None or is_credit(stripped) or is_caption_sentence(stripped):
        return None
    rest = f"{stripped[: found.start]} {stripped[found.end :]}"
    if is_byline(stripped) or is_byline(rest.strip(" |,;-–—")):
        return _DatedLine(len(words), 0, has_lower_case=False)
    other = [word for word in _WORD.findall(rest) if word.lower() not in _TIME_WORDS]
    other = [word for word in other if not word.isdigit()]
    has_lower = any(word.islower() for word in rest.split())
    return _DatedLine(len(words) - word_count(rest), len(other), has_lower)


def _is_caption_shaped(line: str, dated: _DatedLine) -> bool:
    """A phrase beside the date ('Митинг … в Москве'), with a lower-case word and no separator:
    a caption. A name alone beside it ('Jane Roe 3 March 2021') is a byline."""
    return (
        dated.has_lower_case
        and dated.other_words >= _CAPTION_MIN_WORDS
        and _DATELINE_SEPARATOR.search(line) is None
    )


def is_date_line(line: str, lang: str | None = None) -> bool:
    """A line that is there to say when: the date is most of it ("12 July 2018",
    "Updated 10:32 GMT, 3 March 2021", "By Jane Roe | 3 March 2021").

    A date inside a sentence, a caption or a title ("Budget 3 March 2021: ...", "signed on
    14 January 2005.", "Митинг 12 марта 2011 года в Москве") is an event date, not a dateline.
    """
    dated = _dated_line(line, lang)
    return (
        dated is not None
        and dated.other_words < dated.date_words
        and not _is_caption_shaped(line, dated)
    )


def is_dated_caption(line: str, lang: str | None = None) -> bool:
    """A photo caption made of a phrase and the date of the picture, with nothing between them:
    'Митинг 12 марта 2011 года в Москве'. Not article text, and not the publication date."""
    dated = _dated_line(line, lang)
    return (
        dated is not None
        and dated.other_words < dated.date_words
        and _is_caption_shaped(line, dated)
    )


def is_social_embed(line: str) -> bool:
    """The tail of an embedded tweet ("pic.twitter.com/...", "— Name (@handle) Month D, YYYY")."""
    if "/" not in line and "(@" not in line:
        return False  # every form of _SOCIAL_EMBED holds one of them: skip the regex scan
    return _SOCIAL_EMBED.search(line) is not None


def is_title_case(line: str) -> bool:
    """Most significant words start with a capital letter ("Holds Press Conference ...")."""
    words = [word for word in _WORD.findall(line) if word.lower() not in _MINOR_WORDS]
    letters = [word for word in words if word[0].isalpha()]
    if len(letters) < 2:
        return False
    capitalised = sum(1 for word in letters if word[0].isupper())
    return capitalised / len(letters) >= 0.75


def is_all_caps_headline(line: str) -> bool:
    """A line of three or more words in capitals: an embedded related headline or a shouted
    teaser, when it appears inside a body."""
    stripped = line.strip()
    return stripped.isupper() and word_count(stripped) >= 3 and len(stripped) >= 12


def _is_bare_quotation(line: str) -> bool:
    """The whole line is one quotation without sentence punctuation inside: a pull quote or a
    quoted subheading, not reported speech."""
    if len(line) <= 2 or line[0] not in _OPENING_MARKS or line[-1] not in _CLOSING_MARKS:
        return False
    # French sets a space (often a no-break one) inside its marks: '« … s'effondrent. »'.
    inside = line[1:-1].rstrip()
    return bool(inside) and inside[-1] not in _TERMINAL


def is_heading_like(line: str) -> bool:
    """A short line without sentence punctuation that is a label, not prose: a section word
    ("Europe"), a subheading, a quoted pull quote, or a related headline in title case."""
    stripped = line.strip()
    if _is_bare_quotation(stripped):
        return True
    if not stripped or _ends_sentence(stripped):
        return False
    words = word_count(stripped)
    if words == 0:
        return True
    if words <= 3:
        return True
    return words <= 20 and is_title_case(stripped)
