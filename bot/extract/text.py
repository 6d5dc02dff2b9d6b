"""Plain-text articles: pasted text, .txt files, scraped pages and SGML news records.

The top of an article (the lines before its first real paragraph) holds the headline, metadata
headers, datelines, captions, credits, section labels and counters; the rest is the body, from
which noise lines are removed. Dates are only ever taken from the top, never from the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.extract import lines as noise
from bot.extract.dates import date_from_url, is_update_line, parse_date
from bot.extract.decode import clean_text
from bot.extract.frontmatter import front_matter_as_lines
from bot.extract.headline import HeadlineCandidate, clean_headline, fallback_headline, pick_headline
from bot.extract.kickers import title_under_kickers
from bot.extract.lang import detect_language
from bot.extract.linebreaks import repair_line_breaks
from bot.extract.markup import markdown_links_as_text
from bot.extract.model import DateSource, EmptyArticleError, Extracted
from bot.extract.quotes import find_lead_quote
from bot.extract.sentences import first_sentences, lead_sentences
from bot.extract.sgml import looks_like_sgml_record, read_sgml_record
from bot.i18n import N_

__all__ = ["TextReading", "extract_text", "read_text"]

_TOP_MAX_LINES = 12
_PARAGRAPH_MIN_WORDS = 16
_SECTION_LABEL_MAX_WORDS = 1
_OPENING_DATELINE_CHARS = 80
_CAPTION_MAX_WORDS = 30
_BARE_CREDIT_WORDS = 8
_SENTENCE_PER_LINE_SHARE = 0.7
_SENTENCE_PER_LINE_MIN_LINES = 6

# Runs of spaces, tabs and no-break spaces, written so that a lone space (already what a run
# becomes) is not matched: most lines then need no replacement at all.
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
# "LONDON, 12 July 2018 (Reuters) - ...": a place of a few capitalised words, a comma, a date
# with its year, an optional agency in brackets and a dash.
_OPENING_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’.\-]*(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’.\-]*){0,3},\s+"
    r"(?P<date>[^\n()]{6,40}?)\s*(?:\([^()]{1,30}\)\s*)?[-–—]\s"
)
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_CLOSING_MARKS = "\"'”’»“)]"


@dataclass(frozen=True, slots=True)
class _Parsed:
    headline: str
    body: str
    published: dt.date | dt.datetime | None
    date_source: DateSource | None


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _collapsed_lines(text: str) -> list[str]:
    """``_collapse`` of every line; ``_SPACES`` never spans a line break, so the whole text is
    collapsed in one pass."""
    return [line.strip() for line in _SPACES.sub(" ", text).split("\n")]


def _parse_sgml(text: str) -> _Parsed:
    record = read_sgml_record(text)
    source: DateSource | None = "header" if record.published else None
    return _Parsed(record.headline, record.body, record.published, source)


def _is_paragraph(line: str) -> bool:
    return noise.word_count_exceeds(line, _PARAGRAPH_MIN_WORDS - 1)


#: A final period that belongs to an abbreviation with inner periods ('EE.UU.', 'U.S.'), not
#: to a sentence.
_FINAL_ABBREVIATION_RE = re.compile(r"(?:\b\w{1,3}\.){2,}$")


def _is_prose_paragraph(line: str) -> bool:
    """A long line ending like a sentence: the article's first paragraph, not a title (a long
    title has no final period, or asks a question; 'que viajen a EE.UU.' ends in an
    abbreviation)."""
    stripped = line.rstrip(_CLOSING_MARKS)
    return (
        _is_paragraph(line)
        and stripped.endswith((".", "!", "…"))
        and not _FINAL_ABBREVIATION_RE.search(stripped)
    )


def _is_date_line(line: str, lang: str | None = None) -> bool:
    return noise.is_date_line(line, lang)


def _is_bare_credit(line: str) -> bool:
    return noise.is_credit(line) and noise.word_count(line) <= _BARE_CREDIT_WORDS


def _is_top_noise(line: str, following: str) -> bool:
    """Top lines that can never be the headline; ``following`` is the next line ("" if blank)."""
    return (
        noise.is_metadata_header(line)
        or noise.is_byline(line)
        or _is_date_line(line)
        or noise.is_dated_caption(line)
        or noise.is_credit(line)
        or noise.is_caption_sentence(line)
        or _is_bare_credit(following)  # a caption sits right above its bare credit line
        or noise.is_counter(line)
        or noise.is_read_more(line)
        or noise.is_advertisement(line)
        or noise.is_social_embed(line)
        or not noise.word_count_exceeds(line, _SECTION_LABEL_MAX_WORDS)
    )


def _closes_title(line: str) -> bool:
    """What may follow a title on the very next line: a blank line, a date, metadata or the
    author."""
    return (
        not line or noise.is_metadata_header(line) or noise.is_byline(line) or _is_date_line(line)
    )


def _continues_title(following: str) -> bool:
    """A title the source broke in two: the next line starts with a lower-case word (not a
    brand name such as "iPhone", whose capitals show it is a name)."""
    first = _FIRST_WORD.match(following)
    return first is not None and first.group().islower()


def _following(lines: list[str], index: int) -> str:
    return lines[index + 1] if index + 1 < len(lines) else ""


def _first_candidate(lines: list[str]) -> int | None:
    """The first top line that is not page furniture (metadata, date, byline, caption...)."""
    seen = 0
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > _TOP_MAX_LINES:
            return None
        if not _is_top_noise(line, _following(lines, index)):
            return index
    return None


def _pick_from_block(lines: list[str], start: int) -> int:
    """Among adjacent lines (no blank between) from ``start``, the one that is the title."""
    indexes: list[int] = []
    candidates: list[HeadlineCandidate] = []
    index = start
    while index < len(lines) and lines[index] and len(indexes) < _TOP_MAX_LINES:
        line, following = lines[index], _following(lines, index)
        if index > start and _is_paragraph(line):
            break
        if index == start or not _is_top_noise(line, following):
            indexes.append(index)
            above_byline = bool(following) and _closes_title(following)
            candidates.append(HeadlineCandidate(line, above_byline=above_byline))
        index += 1
    chosen = pick_headline(candidates)
    return indexes[chosen] if chosen is not None else start


def _title_span(lines: list[str], lang: str | None = None) -> tuple[int, int] | None:
    """First and last line index of the title, or None when the text has no title line.

    Position first: the first line that is not page furniture is the title when a blank line,
    a date, metadata or a byline follows it, whatever its length. Only when further lines
    follow it directly does scoring decide among them (a caption above the title, a title
    above its deck).
    """
    first = _first_candidate(lines)
    if first is None or _is_prose_paragraph(lines[first]):
        return None
    following = _following(lines, first)
    if _closes_title(following):
        return first, first
    if _continues_title(following):
        return first, first + 1
    kicked = title_under_kickers(lines, first, lang)
    if kicked is not None and _closes_title(_following(lines, kicked)):
        return kicked, kicked
    chosen = _pick_from_block(lines, first)
    return chosen, chosen


def _top_zone(lines: list[str], title: tuple[int, int] | None) -> list[int]:
    """Indexes of the non-empty lines around the title (the title excluded) before the first
    paragraph: where metadata headers, datelines and bylines are."""
    start = title[1] + 1 if title else (_first_candidate(lines) or 0)
    zone = [index for index in range(title[0] if title else start) if lines[index]]
    after = 0
    for index in range(start, len(lines)):
        line = lines[index]
        if not line:
            continue
        if after >= _TOP_MAX_LINES or (_is_paragraph(line) and not _is_date_line(line)):
            break
        zone.append(index)
        after += 1
    return zone


def _opening_dateline(line: str, lang: str | None) -> dt.date | dt.datetime | None:
    """The date of a "CITY, 12 July 2018 - ..." opening of the first paragraph, or None."""
    match = _OPENING_DATELINE.match(line[:_OPENING_DATELINE_CHARS])
    return parse_date(match.group("date"), lang) if match else None


def _find_date(
    lines: list[str], zone: list[int], first_body: int | None, lang: str | None
) -> tuple[dt.date | dt.datetime | None, DateSource | None]:
    top = [lines[index] for index in zone]
    for line in top:
        if noise.is_metadata_header(line) and not is_update_line(line):
            return parse_date(line, lang), "header"
    updated: dt.date | dt.datetime | None = None
    for line in top:
        if not _is_date_line(line, lang):
            continue
        if is_update_line(line):
            updated = updated or parse_date(line, lang)
            continue
        return parse_date(line, lang), "dateline"
    if first_body is not None:
        opening = _opening_dateline(lines[first_body], lang)
        if opening is not None:
            return opening, "dateline"
    if updated is not None:
        return updated, "dateline"
    return None, None


def _body_lines(lines: list[str], start: int, headline: str) -> list[str]:
    """The article's own lines from ``start`` on, with page noise removed."""
    kept: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        index += 1
        if not line:
            kept.append("")
            continue
        if noise.is_read_more(line):
            if noise.is_read_more_label(line) and following:
                # The related headline is on the next line, possibly with a cut teaser.
                index += 1
                if index < len(lines) and lines[index].rstrip().endswith(("...", "…")):
                    index += 1
            continue
        if (
            noise.is_credit(following)
            and noise.word_count(following) <= _BARE_CREDIT_WORDS
            and noise.word_count(line) <= _CAPTION_MAX_WORDS
        ):
            continue  # a caption sits right above its bare credit line
        if (
            line == headline
            or noise.is_credit(line)
            or noise.is_advertisement(line)
            or noise.is_counter(line)
            or noise.is_social_embed(line)
            or noise.is_metadata_header(line)
            or noise.is_byline(line)
            or noise.is_all_caps_headline(line)
            or noise.is_heading_like(line)
        ):
            continue
        kept.append(line)
    return kept


def _is_sentence_per_line(lines: list[str]) -> bool:
    """Some datasets print every sentence on its own line, so a line is not a paragraph."""
    if len(lines) < _SENTENCE_PER_LINE_MIN_LINES:
        return False
    single = sum(1 for line in lines if len(first_sentences(line, 2)) == 1)
    return single / len(lines) >= _SENTENCE_PER_LINE_SHARE


def _has_open_quotation(line: str) -> bool:
    return (
        line.count('"') % 2 == 1
        or line.count("“") > line.count("”")
        or line.count("«") > line.count("»")
        or line.count("„") > line.count("“")
    )


def _join_open_quotations(lines: list[str]) -> list[str]:
    """In sentence-per-line text, a quotation left open at a line's end goes on the next."""
    joined: list[str] = []
    for line in lines:
        if joined and _has_open_quotation(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _join_paragraphs(lines: list[str], keep_line_breaks: bool) -> str:
    """The body text from its kept lines (empty strings are blank lines).

    When blank lines separate paragraphs, a single line break inside a paragraph is only a
    wrap (some datasets put each sentence on its own line), so those lines are joined; with
    ``keep_line_breaks`` (a text whose lines were never wrapped) every line stays a line.
    """
    if keep_line_breaks:
        return _BLANK_LINES.sub("\n\n", "\n".join(lines).strip("\n"))
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if len(paragraphs) < 2:
        flat = [line for paragraph in paragraphs for line in paragraph]
        if _is_sentence_per_line(flat):
            flat = _join_open_quotations(flat)
        return "\n".join(flat)
    return "\n\n".join(" ".join(paragraph) for paragraph in paragraphs)


def _parse_plain(text: str, lang: str | None, keep_line_breaks: bool) -> _Parsed:
    lines = _collapsed_lines(text)
    title = _title_span(lines, lang)
    zone = _top_zone(lines, title)
    body_start = title[1] + 1 if title else (_first_candidate(lines) or 0)
    first_body = next(
        (
            index
            for index in range(body_start, len(lines))
            if lines[index] and not _is_top_noise(lines[index], _following(lines, index))
        ),
        None,
    )
    published, source = _find_date(lines, zone, first_body, lang)
    for index in zone:
        if index >= body_start and (
            _is_date_line(lines[index], lang) or noise.is_dated_caption(lines[index], lang)
        ):
            lines[index] = ""  # a dateline or a dated caption under the title is not article text
    # Without a title line the headline is made from the first paragraph, which stays in the body.
    headline = " ".join(lines[title[0] : title[1] + 1]) if title is not None else ""
    body = _join_paragraphs(_body_lines(lines, body_start, headline), keep_line_breaks)
    headline = headline or fallback_headline(body)
    return _Parsed(headline=headline, body=body, published=published, date_source=source)


@dataclass(frozen=True, slots=True)
class TextReading:
    """What reading a plain text finds before its lead quote is looked for: the headline, the
    body without page noise, the date from the top of the text, and the language."""

    headline: str
    body: str
    published: dt.date | dt.datetime | None
    date_source: DateSource | None
    lang: str


def read_text(text: str, *, keep_line_breaks: bool = False) -> TextReading:
    """Read a plain-text article: drop page noise, find its headline and date.

    ``keep_line_breaks`` is for a text whose lines were never wrapped (a Telegram post): each
    line of the body stays a line instead of being joined into its paragraph.

    Raises:
        EmptyArticleError: nothing readable is left after cleaning.
    """
    text = repair_line_breaks(clean_text(text))
    if not text.strip():
        raise EmptyArticleError(N_("The text is empty: send the article's text, a file or a link."))
    text = markdown_links_as_text(front_matter_as_lines(text) or text)
    lang = detect_language(text)
    if looks_like_sgml_record(text):
        parsed = _parse_sgml(text)
    else:
        parsed = _parse_plain(text, lang, keep_line_breaks)
    headline = clean_headline(parsed.headline)
    body = parsed.body or headline
    headline = headline or fallback_headline(body)
    if not body:
        raise EmptyArticleError(
            N_("No article text is left once page furniture is removed: send the article itself.")
        )
    return TextReading(headline, body, parsed.published, parsed.date_source, lang)


def extract_text(text: str, *, url: str | None = None) -> Extracted:
    """Extract headline, date, lead quote, lead, body and language from a plain-text article.

    Raises:
        EmptyArticleError: nothing readable is left after cleaning.
    """
    reading = read_text(text)
    published, source = reading.published, reading.date_source
    if published is None:
        published = date_from_url(url)
        source = "url" if published else None
    quote = find_lead_quote(reading.body, reading.lang)
    return Extracted(
        headline=reading.headline,
        published=published,
        date_source=source,
        lead_quote=quote.text if quote else None,
        quote_speaker=quote.speaker if quote else None,
        lead=lead_sentences(reading.body),
        body=reading.body,
        lang=reading.lang,
        format="text",
    )
