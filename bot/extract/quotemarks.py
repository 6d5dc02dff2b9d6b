"""Pair quotation marks into quoted spans, in body order.

Quote marks are ambiguous: ``"`` opens and closes, ``“`` closes a German „…“ but opens an English
“…”, ``»`` closes French «…» but opens German »…«, and ``’`` is also an apostrophe. Each mark's
role is therefore read from its neighbours (space before and a letter after: opening; a letter
before and space or punctuation after: closing) and only falls back to the mark's usual role when
the neighbours do not tell. Marks then pair with a stack, so nested quotations stay inside the
outer one whichever marks they use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

_DOUBLE_MARKS = '"“”„‟«»'
_SINGLE_MARKS = "'‘’‚‛‹›"
_MARK_RE = re.compile(f"[{_DOUBLE_MARKS}{_SINGLE_MARKS}]")
_ALL_MARKS = frozenset(_DOUBLE_MARKS + _SINGLE_MARKS)
_USUALLY_OPENING = frozenset("“„‟«‘‚‛‹")
_USUALLY_CLOSING = frozenset("”»’›")
_OPENING_CONTEXT = frozenset("([{<—–-/:\u00a0\u202f")
_CLOSING_CONTEXT = frozenset(".,;:!?)]}>—–-…\u00a0\u202f")
#: A paragraph ends at a blank line, at an indented line, or at a line break after a sentence end.
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n|\n[ \t\u00a0]+(?=\S)|(?<=[.!?…:\"“”»])[ \t]*\n")
#: A quotation that has not closed after this many characters is treated as unclosed.
_MAX_QUOTE_CHARS = 4000


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True, slots=True)
class QuoteMark:
    pos: int
    char: str
    role: Role

    @property
    def is_double(self) -> bool:
        return self.char in _DOUBLE_MARKS


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``text[start:end]`` is the content, ``open_pos``/``close_pos`` the marks.

    ``close_pos`` is -1 when the quotation runs over several paragraphs and was cut at the end of
    the first one (its closing mark is further on).
    """

    open_pos: int
    close_pos: int
    start: int
    end: int


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _role(text: str, pos: int) -> Role | None:
    """The role of the mark at ``pos`` from its neighbours, None for apostrophes and strays."""
    ch = text[pos]
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    opens_here = _is_space(before) or before in _OPENING_CONTEXT or before in _ALL_MARKS
    closes_here = _is_space(after) or after in _CLOSING_CONTEXT or after in _ALL_MARKS
    if opens_here and not closes_here:
        return Role.OPEN
    if closes_here and not opens_here:
        return Role.CLOSE
    if ch in _USUALLY_OPENING and not (before.isalnum() and ch in "‘’"):
        return Role.OPEN
    if ch in _USUALLY_CLOSING and not (after.isalnum() and ch == "’"):
        return Role.CLOSE
    if ch == '"' and not opens_here:
        # Glued on both sides ('word"Word'): texts that lost their line breaks glue a quotation to
        # the previous word, so a capital or digit after the mark means it opens one.
        if after.isupper() or after.isdigit():
            return Role.OPEN
        if before in ".,!?…":
            return Role.CLOSE
    return None


def quote_marks(text: str) -> list[QuoteMark]:
    """Every quote mark of ``text`` that can open or close a quotation, in order."""
    marks = []
    for match in _MARK_RE.finditer(text):
        role = _role(text, match.start())
        if role is not None:
            marks.append(QuoteMark(match.start(), match.group(), role))
    return marks


def _first_paragraph_end(text: str, start: int, end: int) -> int | None:
    """The position of the first paragraph break between ``start`` and ``end``, if any."""
    match = _PARAGRAPH_BREAK_RE.search(text, start, end)
    if match is None:
        return None
    return match.start()


def _reopens_paragraph(text: str, mark: QuoteMark) -> bool:
    """True when ``mark`` opens a new paragraph of the same quotation ('... end. "Next ...').

    Writers reopen a quotation that runs over paragraphs without closing it first; scraped texts
    that lost their line breaks keep this as a sentence end followed by an opening mark.
    """
    head = text[max(0, mark.pos - 3) : mark.pos]
    return bool(re.search(r"(?:[.!?…]\s+|\n\s*)$", head))


def _match_close(text: str, marks: list[QuoteMark], first: int) -> tuple[int, int] | None:
    """Find the end of the quotation opened by ``marks[first]``.

    Returns (index of the closing mark or -1, end of the quoted content), or None when the
    quotation never closes.
    """
    opener = marks[first]
    stack = [opener]
    limit = opener.pos + _MAX_QUOTE_CHARS
    for index in range(first + 1, len(marks)):
        mark = marks[index]
        if mark.pos > limit:
            return None
        if mark.role is Role.OPEN:
            if (
                len(stack) == 1
                and mark.is_double == opener.is_double
                and _reopens_paragraph(text, mark)
                and len(_PARAGRAPH_BREAK_RE.findall(text, opener.pos, mark.pos)) <= 1
            ):
                return -1, mark.pos
            stack.append(mark)
            continue
        depth = next(
            (d for d in range(len(stack) - 1, -1, -1) if stack[d].is_double == mark.is_double),
            None,
        )
        if depth is None:
            continue  # a stray apostrophe or a closing mark of another family
        del stack[depth:]
        if not stack:
            return index, mark.pos
    return _close_at_nested_end(text, marks, first, stack)


def _close_at_nested_end(
    text: str, marks: list[QuoteMark], first: int, stack: list[QuoteMark]
) -> tuple[int, int] | None:
    """Accept an outer quotation whose last mark closed a nested one and also ends the outer.

    '«... поговорки «сапожник без сапог», — сказал': one mark closes both quotations. This holds
    when the outer quotation is the only one left open and the closing mark ends its paragraph
    or is followed by the attribution punctuation.
    """
    if len(stack) != 1:
        return None
    opener = marks[first]
    later = [m for m in marks[first + 1 :] if m.is_double == opener.is_double]
    closers = [m for m in later if m.role is Role.CLOSE]
    if not closers or later[-1].role is not Role.CLOSE:
        return None
    last = closers[-1]
    if _first_paragraph_end(text, opener.pos, last.pos) is not None:
        return None
    tail = text[last.pos + 1 : last.pos + 4]
    if re.match(r"\s*(?:$|\n|[,.]?\s*[—–-])", tail) is None and last.pos + 1 < len(text):
        return None
    return marks.index(last), last.pos


def find_quote_spans(text: str) -> Iterator[QuoteSpan]:
    """Yield the top-level quotations of ``text`` in order; unclosed opening marks are skipped.

    A quotation that runs over paragraphs is cut at the end of its first paragraph.
    """
    marks = quote_marks(text)
    index = 0
    while index < len(marks):
        mark = marks[index]
        if mark.role is not Role.OPEN:
            index += 1
            continue
        found = _match_close(text, marks, index)
        if found is None:
            index += 1
            continue
        close_index, end = found
        start = mark.pos + 1
        paragraph_end = _first_paragraph_end(text, start, end)
        if paragraph_end is not None and text[start:paragraph_end].strip():
            yield QuoteSpan(mark.pos, -1, start, paragraph_end)
        elif close_index == -1:
            yield QuoteSpan(mark.pos, -1, start, end)
        else:
            yield QuoteSpan(mark.pos, marks[close_index].pos, start, end)
        if close_index == -1:
            index = next((i for i, m in enumerate(marks) if m.pos >= end), len(marks))
        else:
            index = close_index + 1
