"""Plain-text articles: pasted text, .txt files, scraped pages and SGML news records.

The top of an article (the lines before its first real paragraph) holds the headline, metadata
headers, datelines, captions, credits, section labels and counters; the rest is the body, from
which noise lines are removed. Dates are only ever taken from the top, never from the body.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from bot.extract import lines as noise
from bot.extract.dates import date_from_url, is_update_line, parse_date
from bot.extract.decode import clean_text
from bot.extract.headline import fallback_headline, pick_headline
from bot.extract.lang import detect_language
from bot.extract.model import DateSource, EmptyArticleError, Extracted
from bot.extract.quotes import find_lead_quote
from bot.extract.sentences import lead_sentences, split_sentences

__all__ = ["extract_text", "looks_like_sgml_record"]

_TOP_MAX_LINES = 12
_PARAGRAPH_MIN_WORDS = 16
_DATELINE_MAX_WORDS = 14
_OPENING_DATELINE_CHARS = 60
_CAPTION_MAX_WORDS = 30
_BARE_CREDIT_WORDS = 8
_SENTENCE_PER_LINE_SHARE = 0.7
_SENTENCE_PER_LINE_MIN_LINES = 6

_SPACES = re.compile(r"[ \t\u00a0]+")
# A Latin "n" glued to Cyrillic text is a line break that lost its backslash in a CSV export.
_GLUED_BREAK = re.compile(r"(?<=[\u0400-\u04ff.!?…»\"”):;])n(?=[\u0400-\u04ff«\"“(—–])")
_ESCAPED_BREAK = re.compile(r"\\n")
_SGML_FIELD = r"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>"
_SGML_TITLE = re.compile(_SGML_FIELD.format(tag="(?:TITLE|HEADLINE|HL)"), re.S)
_SGML_DATE = re.compile(_SGML_FIELD.format(tag="DATE"), re.S)
_SGML_BODY = re.compile(_SGML_FIELD.format(tag="BODY"), re.S)
_SGML_TEXT = re.compile(_SGML_FIELD.format(tag="TEXT"), re.S)
_DATELINE_DASH = re.compile(r"\s[-–—]\s")


@dataclass(frozen=True, slots=True)
class _Parsed:
    headline: str
    body: str
    published: dt.date | dt.datetime | None
    date_source: DateSource | None


def _repair_line_breaks(text: str) -> str:
    """Undo line breaks that an export turned into a literal ``\\n`` or a glued ``n``."""
    text = _ESCAPED_BREAK.sub("\n", text)

    def glued(match: re.Match[str]) -> str:
        following = text[match.end()] if match.end() < len(text) else ""
        return "\n" if following.isupper() or not following.isalpha() else " "

    return _GLUED_BREAK.sub(glued, text)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def looks_like_sgml_record(text: str) -> bool:
    """An SGML news record: upper-case ``<TITLE>`` and ``<BODY>``/``<TEXT>`` elements."""
    head = text[:4000]
    return "<TITLE>" in head and ("<BODY>" in text or "<TEXT>" in text)


def _reflow_wire_body(body: str) -> str:
    """Hard-wrapped wire text marks paragraphs by indentation: join the wrapped lines."""
    paragraphs: list[str] = []
    for line in body.split("\n"):
        if not line.strip():
            continue
        if line[:1].isspace() or not paragraphs:
            paragraphs.append(line.strip())
        else:
            paragraphs[-1] = f"{paragraphs[-1]} {line.strip()}"
    return "\n\n".join(paragraphs)


def _parse_sgml(text: str) -> _Parsed:
    title = _SGML_TITLE.search(text)
    date = _SGML_DATE.search(text)
    body = _SGML_BODY.search(text) or _SGML_TEXT.search(text)
    body_text = html.unescape(body.group(1)) if body else ""
    body_text = _reflow_wire_body(clean_text(body_text))
    headline = _collapse(html.unescape(title.group(1))) if title else ""
    published = parse_date(html.unescape(date.group(1))) if date else None
    kept = [p for p in body_text.split("\n\n") if not noise.is_heading_like(p)]
    return _Parsed(
        headline=headline,
        body="\n\n".join(kept),
        published=published,
        date_source="header" if published else None,
    )


def _is_paragraph(line: str) -> bool:
    return noise.word_count(line) >= _PARAGRAPH_MIN_WORDS


def _is_date_line(line: str) -> bool:
    return noise.word_count(line) <= _DATELINE_MAX_WORDS and parse_date(line) is not None


def _is_top_noise(line: str) -> bool:
    """Top lines that can never be the headline."""
    return (
        noise.is_metadata_header(line)
        or noise.is_byline(line)
        or _is_date_line(line)
        or noise.is_credit(line)
        or noise.is_counter(line)
        or noise.is_read_more(line)
        or noise.is_advertisement(line)
        or noise.is_social_embed(line)
        or noise.word_count(line) == 0
    )


def _top_zone(lines: list[str]) -> list[int]:
    """Indexes of the non-empty lines before the first paragraph (at most ``_TOP_MAX_LINES``)."""
    zone: list[int] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        if _is_paragraph(line) or len(zone) >= _TOP_MAX_LINES:
            break
        zone.append(index)
    return zone


def _headline_span(lines: list[str], start: int) -> int:
    """Index of the last line of a headline starting at ``start``: a title the source broke in
    two continues on the next line when that line starts in lower case."""
    following = start + 1
    if following < len(lines) and lines[following][:1].islower():
        return following
    return start


def _find_date(
    lines: list[str], zone: list[int], first_body: int | None, lang: str | None
) -> tuple[dt.date | dt.datetime | None, DateSource | None]:
    top = [lines[index] for index in zone]
    for line in top:
        if noise.is_metadata_header(line) and not is_update_line(line):
            return parse_date(line, lang), "header"
    updated: dt.date | dt.datetime | None = None
    for line in top:
        if not _is_date_line(line):
            continue
        if is_update_line(line):
            updated = updated or parse_date(line, lang)
            continue
        return parse_date(line, lang), "dateline"
    if first_body is not None:
        # "CITY, 12 July 2018 - ..." opening the first paragraph.
        opening = _DATELINE_DASH.split(lines[first_body][:_OPENING_DATELINE_CHARS], maxsplit=1)
        if len(opening) == 2:
            value = parse_date(opening[0], lang)
            if value is not None:
                return value, "dateline"
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
    single = sum(1 for line in lines if len(split_sentences(line)) == 1)
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


def _join_paragraphs(lines: list[str]) -> str:
    """The body text from its kept lines (empty strings are blank lines).

    When blank lines separate paragraphs, a single line break inside a paragraph is only a
    wrap (some datasets put each sentence on its own line), so those lines are joined.
    """
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


def _parse_plain(text: str, lang: str | None) -> _Parsed:
    lines = [_collapse(line) for line in text.split("\n")]
    zone = _top_zone(lines)
    first_body = next(
        (i for i, line in enumerate(lines) if line and (not zone or i > zone[-1])), None
    )
    published, source = _find_date(lines, zone, first_body, lang)
    candidates = [index for index in zone if not _is_top_noise(lines[index])]
    spans = [(index, _headline_span(lines, index)) for index in candidates]
    texts = [" ".join(lines[start : end + 1]) for start, end in spans]
    if spans:
        chosen = pick_headline(texts)
        headline = texts[chosen]
        body_start = spans[chosen][1] + 1
    else:
        body_start = first_body if first_body is not None else len(lines)
        headline = fallback_headline("\n".join(lines[body_start:]))
    body = _join_paragraphs(_body_lines(lines, body_start, headline))
    return _Parsed(headline=headline, body=body, published=published, date_source=source)


def extract_text(text: str, *, url: str | None = None) -> Extracted:
    """Extract headline, date, lead quote, lead, body and language from a plain-text article.

    Raises:
        EmptyArticleError: nothing readable is left after cleaning.
    """
    text = _repair_line_breaks(clean_text(text))
    if not text.strip():
        raise EmptyArticleError("The text is empty: send the article's text, a file or a link.")
    lang = detect_language(text)
    parsed = _parse_sgml(text) if looks_like_sgml_record(text) else _parse_plain(text, lang)
    headline, body = parsed.headline, parsed.body
    if not body:
        body = headline
    if not headline:
        headline = fallback_headline(body)
    if not body:
        raise EmptyArticleError(
            "No article text is left once page furniture is removed: send the article itself."
        )
    published, source = parsed.published, parsed.date_source
    if published is None:
        published = date_from_url(url)
        source = "url" if published else None
    quote = find_lead_quote(body, lang)
    return Extracted(
        headline=headline,
        published=published,
        date_source=source,
        lead_quote=quote.text if quote else None,
        quote_speaker=quote.speaker if quote else None,
        lead=lead_sentences(body),
        body=body,
        lang=lang,
        format="text",
    )
