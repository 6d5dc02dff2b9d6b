"""Telegram posts -> Extracted: text plus formatting entities (Bot API or an export).

One pipeline: a post's text is read like pasted text (:func:`bot.extract.text.read_text`: noise
lines, metadata headers, datelines, captions and credits, the headline), so what decides is what
the post is, not where it came from: a short post's first line is its headline because nothing
else is there; a full article forwarded or posted in a channel loses its page furniture as it
would pasted. The post adds its own evidence:

* its footer is not text: a trailing line that is only a ``text_link`` to the channel,
  "Подписаться" lines, a last line that is only a name and a flag;
* a bold span that starts the first line is the title the writer set apart;
* a post has no title field, so its first line (up to 280 characters) is the title readers
  see, even when it reads like a sentence; decorations are not part of the headline (leading
  and trailing emoji such as ⚡️ ‼️ 🔴 with variation selectors and flags, bullets, no-break and
  zero-width spaces);
* its line breaks are the writer's: body lines are never joined into paragraphs;
* its timestamps date it when the text does not: a date at the top of the text (a metadata
  header, a dateline) comes first, then a date stated as the publication date anywhere
  ("Опубліковано 12 березня 2022"), then, for a forward, the original post's date, then the
  post's own (``date_source = "message"``), which the caller passes in the zone the channel is
  read in (an export's ``date`` already is local wall time). Event dates never count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.extract.dates import parse_date
from bot.extract.decode import clean_text
from bot.extract.headline import clean_headline, is_decoration
from bot.extract.lexicon import ALL, alternation
from bot.extract.model import DateSource, EmptyArticleError, Extracted, ExtractError
from bot.extract.quotes import find_lead_quote
from bot.extract.sentences import lead_sentences
from bot.extract.text import read_text
from bot.i18n import N_
from bot.utf16 import Utf16Index, utf16_len

__all__ = [
    "ExportMessageError",
    "PostEntity",
    "export_message_date",
    "export_message_text",
    "extract_export_message",
    "extract_telegram_post",
]

_TITLE_ENTITY_TYPES = frozenset({"bold", "strong"})
_LINK_ENTITY_TYPES = frozenset({"text_link", "mention", "url", "link", "text_mention"})
_LONG_FIRST_LINE = 280
_FOOTER_MAX_WORDS = 8
_SIGNATURE_MAX_WORDS = 5

_SUBSCRIBE = re.compile(alternation(ALL.subscribe_calls), re.IGNORECASE)
_PUBLISHED_WORDS = re.compile(rf"\b{alternation(ALL.published_words)}\b", re.IGNORECASE)
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
# What separates a bold title from the rest of its line: "**Title**. More", "**Title** — more".
_TITLE_SEPARATOR = re.compile(r"^[\s.,:;|—–-]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # exactly the characters for which str.isalnum() holds


class ExportMessageError(ExtractError):
    """A Telegram Desktop export message object does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class PostEntity:
    """A formatting entity of a post, as the Bot API gives it.

    ``offset`` and ``length`` count UTF-16 code units (an emoji outside the BMP counts 2).
    ``url`` is the target of a ``text_link``.
    """

    type: str
    offset: int
    length: int
    url: str | None = None


def _entity_spans(
    positions: Utf16Index, entities: Sequence[PostEntity], types: frozenset[str]
) -> list[tuple[int, int]]:
    """Python ``(start, end)`` index spans of the entities of ``types``, clipped to the text."""
    spans = []
    for entity in entities:
        if entity.type not in types or entity.length <= 0 or entity.offset < 0:
            continue
        start = positions.index(entity.offset)
        end = positions.index(entity.offset + entity.length)
        if end > start:
            spans.append((start, end))
    return spans


def _has_words(line: str) -> bool:
    return _LETTER_OR_DIGIT.search(line) is not None


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    lines, position = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return lines


def _title_span(line: _Line, bold: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The bold span that starts the line (after decorations), clipped to the line."""
    first_word = next(
        (line.start + i for i, char in enumerate(line.text) if not is_decoration(char)), None
    )
    if first_word is None:
        return None
    for start, end in bold:
        if start <= first_word < end:
            return first_word, min(end, line.end)
    return None


def _text_outside_links(line: _Line, links: list[tuple[int, int]]) -> str | None:
    """The line's text without the parts inside links, or None when no link touches the line."""
    inside = sorted(
        (max(start, line.start), min(end, line.end))
        for start, end in links
        if start < line.end and end > line.start
    )
    if not inside:
        return None
    pieces, position = [], line.start
    for start, end in inside:
        if start > position:
            pieces.append(line.text[position - line.start : start - line.start])
        position = max(position, end)
    pieces.append(line.text[position - line.start :])
    return "".join(pieces)


def _is_footer_line(line: _Line, links: list[tuple[int, int]]) -> bool:
    content = line.text
    if not _has_words(content):
        return True
    words = content.split()
    if len(words) <= _FOOTER_MAX_WORDS and _SUBSCRIBE.search(content):
        return True
    outside_links = _text_outside_links(line, links)
    if outside_links is not None and not _has_words(outside_links):
        return True  # the line is only a link (the channel's signature) plus decorations
    stripped = content.rstrip()
    ends_with_flag = _FLAG.search(stripped[-2:]) is not None
    return ends_with_flag and len(words) <= _SIGNATURE_MAX_WORDS and stripped[-3:-2] not in ".!?"


def _without_footer(lines: list[_Line], links: list[tuple[int, int]]) -> list[_Line]:
    end = len(lines)
    while end > 0 and _is_footer_line(lines[end - 1], links):
        end -= 1
    return lines[:end]


def _stated_publication_date(body: str, lang: str) -> dt.date | None:
    if _PUBLISHED_WORDS.search(body) is None:
        return None
    for line in body.splitlines():
        if _PUBLISHED_WORDS.search(line):
            found = parse_date(line, lang)
            if found is not None:
                return found.date() if isinstance(found, dt.datetime) else found
    return None


def _reading_layout(lines: list[_Line], bold: list[tuple[int, int]]) -> str:
    """The post's text laid out for the plain-text reading.

    A bold span that starts the first line is the title the writer set apart: it goes on a
    line of its own, followed by a blank line (where the reading looks for a title), and the
    rest of that line, if any, opens the body.
    """
    first, *rest = lines
    span = _title_span(first, bold)
    if span is None:
        return "\n".join(line.text for line in lines)
    title = first.text[: span[1] - first.start]
    after = _TITLE_SEPARATOR.sub("", first.text[span[1] - first.start :])
    opening = [title, "", after] if _has_words(after) else [title, ""]
    return "\n".join([*opening, *(line.text for line in rest)])


def _after_first_line(body: str, line: str) -> str | None:
    """The body after ``line`` when the body starts with it (spacing aside), else None."""
    words = clean_text(line).split()
    if not words:
        return None
    match = re.match(r"\s+".join(map(re.escape, words)), body)
    return body[match.end() :].strip() if match else None


def extract_telegram_post(
    text: str,
    entities: Sequence[PostEntity],
    posted_at: dt.datetime | None,
    *,
    forwarded_date: dt.datetime | None = None,
) -> Extracted:
    """Extract headline, date, lead quote, lead and body from one post.

    The text is read like pasted text (:func:`bot.extract.text.read_text`: noise lines,
    datelines, captions, the headline), with the post's own evidence: its footer and a bold
    title (entities), its stand-alone first line, and its timestamps. ``posted_at`` is the
    post's timestamp in the zone the channel is read in; ``forwarded_date`` the original post's
    timestamp when this is a forward. Raises ``EmptyArticleError`` when the post has no words.
    """
    lines = _lines(text)
    title_index = next((i for i, line in enumerate(lines) if _has_words(line.text)), None)
    if title_index is None:
        raise EmptyArticleError(N_("The post has no text to store."))
    positions = Utf16Index(text)
    bold = [
        (start, end)
        for start, end in _entity_spans(positions, entities, _TITLE_ENTITY_TYPES)
        if text[start:end].strip(" \n\t\u00a0\u200b")
    ]
    links = _entity_spans(positions, entities, _LINK_ENTITY_TYPES)
    kept = [lines[title_index], *_without_footer(lines[title_index + 1 :], links)]
    layout = _reading_layout(kept, bold)
    reading = read_text(layout, keep_line_breaks=True)
    headline, body = reading.headline, reading.body
    # A post has no title field: its first line, when short enough to be one, is the title
    # readers see, even when the reading took it for the opening paragraph.
    first_line = layout.split("\n", 1)[0]
    after = _after_first_line(body, first_line) if len(first_line) <= _LONG_FIRST_LINE else None
    if after is not None:
        headline, body = first_line, after
    headline = clean_headline(headline)
    lang = reading.lang
    stated = _stated_publication_date(layout, lang)
    published: dt.date | dt.datetime | None = (
        reading.published or stated or forwarded_date or posted_at
    )
    date_source: DateSource | None = reading.date_source
    if date_source is None:
        date_source = "dateline" if stated else "message" if published else None
    quote = find_lead_quote(body, lang, headline) if body else None
    return Extracted(
        headline=headline,
        published=published,
        date_source=date_source,
        lead_quote=quote.text if quote is not None else None,
        quote_speaker=quote.speaker if quote is not None else None,
        lead=lead_sentences(body) if body else headline,
        body=body,
        lang=lang,
        format="telegram",
    )


def export_message_text(obj: Mapping[str, object]) -> tuple[str, list[PostEntity]]:
    """The text of a Telegram Desktop export message and its entities (UTF-16 offsets).

    ``text`` is a plain string when the message has no formatting, otherwise a list of strings
    and ``{"type", "text"[, "href"]}`` parts. Raises ``ExportMessageError`` for other shapes.
    """
    raw = obj.get("text", "")
    if isinstance(raw, str):
        return raw, []
    if not isinstance(raw, list):
        raise ExportMessageError(
            f"Message {obj.get('id', '?')}: 'text' must be a string or a list of parts, "
            f"not {type(raw).__name__}."
        )
    pieces: list[str] = []
    entities: list[PostEntity] = []
    offset = 0
    for part in raw:
        if isinstance(part, str):
            piece, kind, href = part, "plain", None
        elif isinstance(part, Mapping) and isinstance(part.get("text"), str):
            piece, kind, href = part["text"], str(part.get("type", "plain")), part.get("href")
        else:
            raise ExportMessageError(
                f"Message {obj.get('id', '?')}: a text part is neither a string nor an object "
                "with a 'text' string."
            )
        length = utf16_len(piece)
        if kind != "plain" and length:
            url = href if isinstance(href, str) else (piece if kind == "link" else None)
            entities.append(PostEntity(kind, offset, length, url))
        pieces.append(piece)
        offset += length
    return "".join(pieces), entities


def export_message_date(obj: Mapping[str, object]) -> dt.datetime | None:
    """The date of a Telegram Desktop export message: its ``date`` (local wall-clock time), else
    ``date_unixtime`` in UTC, else None. Raises ``ExportMessageError`` for a malformed ``date``.
    """
    value = obj.get("date")
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError as error:
            raise ExportMessageError(
                f"Message {obj.get('id', '?')}: 'date' is not an ISO date-time: {value!r}."
            ) from error
    unix = obj.get("date_unixtime")
    if isinstance(unix, str | int) and str(unix).isdigit():
        return dt.datetime.fromtimestamp(int(unix), dt.UTC)
    return None


def extract_export_message(obj: Mapping[str, object]) -> Extracted:
    """Extract one message object of a Telegram Desktop JSON export (``messages[i]``).

    The date is the export's ``date`` field: the exporting client's local wall-clock time,
    which is the date readers saw (``date_unixtime`` is only used when ``date`` is missing).
    """
    if not isinstance(obj, Mapping):
        raise ExportMessageError(
            f"An export message must be a JSON object, not {type(obj).__name__}."
        )
    text, entities = export_message_text(obj)
    return extract_telegram_post(text, entities, export_message_date(obj))
