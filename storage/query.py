"""The search query language (DESIGN §6), compiled to a safe FTS5 MATCH expression. Pure.

Syntax, in the order it is recognised:

* ``"exact phrase"`` - the words in this order; an unbalanced quote closes at the end of the text.
  ``-"phrase"`` excludes the phrase.
* ``a OR b`` - either word (``OR`` in capitals, between two included terms). ``OR`` binds tighter
  than the implicit AND: ``putin OR trump summit`` is ``(putin OR trump) AND summit``.
* ``since:YYYY-MM-DD`` / ``until:YYYY-MM-DD`` - publication date range, both days included.
  A value that is not a real calendar date (``since:2018-13-99``) is **literal text**, so the user
  sees that nothing matched rather than a silently ignored filter.
* ``from:@channel``, ``from:channel`` or ``from:-100123`` - only that collection.
* ``sort:new`` / ``sort:relevance`` - newest first, or relevance alone, instead of the default
  blend of relevance and recency (``storage.recency``); the last one given wins.
* ``-word`` - exclude the word. A query made only of exclusions has nothing to match (FTS5 cannot
  evaluate a pure NOT), so its exclusions are dropped.
* ``prefix*`` - words starting with ``prefix``.
* anything else - literal words, stemmed by the index tokenizer (``running`` finds ``run``).

The user's text never reaches MATCH raw: every term becomes a double-quoted FTS5 string (quotes
doubled), joined only by the operators this module writes. Control characters and lone surrogates
are removed first, so :func:`parse_query` never raises and its ``match`` never is a syntax error.
Terms without a letter or digit are dropped (they would index to nothing). Queries are capped
(:data:`MAX_CLAUSES` and friends) so a pasted article cannot become a pathological query.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

MAX_CLAUSES = 32
MAX_ALTERNATIVES = 16
MAX_EXCLUSIONS = 16
MAX_FROM_CHATS = 16

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHAT_ID = re.compile(r"-?\d{1,20}")
_USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,64})")
_OR = "OR"
_WORD_RUN = re.compile(r"\w+")
#: Lengths (in characters) of the word starts the FTS index keeps lists for (``prefix='3 4'``,
#: migration ``v11_fts_prefix``): a ``prefix*`` of another length merges the lists of every word
#: it starts, on every MATCH.
INDEXED_PREFIX_LENGTHS = frozenset({3, 4})

#: How ranked results are ordered: ``blend`` (relevance weighted by recency, the default),
#: ``new`` (newest first) or ``relevance`` (bm25 alone, newest first on ties).
SortOrder = Literal["blend", "new", "relevance"]
_SORT_WORDS: dict[str, SortOrder] = {"new": "new", "relevance": "relevance"}


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into an FTS5 MATCH expression and SQL filters.

    ``from_chats`` holds ``"@username"`` (as typed, without case folding) or a chat id as a
    decimal string. ``terms`` are the included words and phrases, for highlighting.
    ``clauses`` are the included FTS5 phrases of ``match``, one tuple of alternatives per
    AND-ed clause, in expression order (each phrase of ``match`` once per occurrence, excluded
    ones left out): what bounds the bm25 score an article can reach. ``expands_prefix`` says
    whether ``match`` holds a ``prefix*`` term that FTS5 expands anew for every MATCH it evaluates
    (one whose length has no prefix index, :data:`INDEXED_PREFIX_LENGTHS`).
    """

    match: str | None
    since: dt.date | None = None
    until: dt.date | None = None
    from_chats: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    sort: SortOrder = "blend"
    clauses: tuple[tuple[str, ...], ...] = ()
    expands_prefix: bool = False

    @property
    def has_filters(self) -> bool:
        """True when dates or sources narrow the matches (``since:``, ``until:``, ``from:``)."""
        return self.since is not None or self.until is not None or bool(self.from_chats)

    @property
    def is_empty(self) -> bool:
        """True when the query neither matches text nor filters: there is nothing to search."""
        return self.match is None and not self.has_filters


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    excluded: bool = False
    prefix: bool = False

    @property
    def expands_prefix(self) -> bool:
        """A prefix term without a prefix index of its length (judged on its last word as
        typed: the tokenizer may fold or stem it to another length, which only costs speed)."""
        words = _WORD_RUN.findall(self.text)
        return self.prefix and len(words[-1] if words else "") not in INDEXED_PREFIX_LENGTHS

    def to_fts(self) -> str:
        return '"' + self.text.replace('"', '""') + '"' + ("*" if self.prefix else "")


@dataclass(slots=True)
class _Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    from_chats: list[str] = field(default_factory=list)
    sort: SortOrder = "blend"


@functools.lru_cache(maxsize=1024)
def parse_query(text: str) -> ParsedQuery:
    """Parse the user's query text; never raises (see the module docstring for the language).

    Cached (the result is immutable and depends on the text alone): a digest parses its
    keywords for every chat it goes to, and the parse cost about a third of a small digest's
    selection."""
    filters = _Filters()
    items: list[_Term | str] = []
    for chunk, quoted, excluded in _split(_clean(text)):
        if chunk == _OR and not quoted:
            items.append(_OR)
            continue
        if not quoted and _take_filter(chunk, filters):
            continue
        term = _Term(chunk, excluded=excluded) if quoted else _bare_term(chunk)
        if _has_word(term.text):
            items.append(term)
    clauses, exclusions = _group(items)
    kept = [clause[:MAX_ALTERNATIVES] for clause in clauses[:MAX_CLAUSES]]
    exclusions = exclusions[:MAX_EXCLUSIONS] if kept else []
    return ParsedQuery(
        match=_compile(kept, exclusions),
        since=filters.since,
        until=filters.until,
        from_chats=tuple(dict.fromkeys(filters.from_chats))[:MAX_FROM_CHATS],
        terms=tuple(dict.fromkeys(term.text for clause in clauses for term in clause)),
        sort=filters.sort,
        clauses=tuple(tuple(term.to_fts() for term in clause) for clause in kept),
        expands_prefix=any(
            term.expands_prefix for term in [*exclusions, *(t for c in kept for t in c)]
        ),
    )


def _clean(text: str) -> str:
    """Drop what SQLite or FTS5 cannot take: NUL and other controls, surrogates, format chars."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs"):
            kept.append(" ")
        elif category != "Cf":
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _split(text: str) -> list[tuple[str, bool, bool]]:
    """Cut the text into (chunk, is_quoted, is_excluded_phrase) in order."""
    chunks: list[tuple[str, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        excluded = text.startswith('-"', i)
        if excluded or text[i] == '"':
            start = i + (2 if excluded else 1)
            end = text.find('"', start)
            end = n if end == -1 else end
            chunks.append((text[start:end], True, excluded))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != '"':
            j += 1
        chunks.append((text[i:j], False, False))
        i = j
    return chunks


def _take_filter(chunk: str, filters: _Filters) -> bool:
    """Record a ``since:``/``until:``/``from:``/``sort:`` filter; False when ``chunk`` is not
    a valid one."""
    key, colon, value = chunk.partition(":")
    if not colon:
        return False
    key = key.lower()
    if key == "sort":
        order = _SORT_WORDS.get(value.lower())
        if order is None:
            return False
        filters.sort = order
        return True
    if key in ("since", "until"):
        day = _date_or_none(value)
        if day is None:
            return False
        if key == "since":
            filters.since = day if filters.since is None else max(filters.since, day)
        else:
            filters.until = day if filters.until is None else min(filters.until, day)
        return True
    if key == "from":
        chat = _chat_or_none(value)
        if chat is None:
            return False
        filters.from_chats.append(chat)
        return True
    return False


def _date_or_none(value: str) -> dt.date | None:
    if not _DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _chat_or_none(value: str) -> str | None:
    if _CHAT_ID.fullmatch(value):
        return str(int(value))
    username = _USERNAME.fullmatch(value)
    return "@" + username.group(1) if username else None


def _bare_term(chunk: str) -> _Term:
    excluded = len(chunk) > 1 and chunk.startswith("-")
    word = chunk[1:] if excluded else chunk
    stem = word.rstrip("*")
    return _Term(stem, excluded=excluded, prefix=stem != word)


def _has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _group(items: list[_Term | str]) -> tuple[list[list[_Term]], list[_Term]]:
    """Group included terms into OR-clauses; collect exclusions. A stray OR is a literal word."""
    clauses: list[list[_Term]] = []
    exclusions: list[_Term] = []
    previous_included = False
    pending_or = False
    for item in items:
        if isinstance(item, str):  # the OR operator
            if previous_included and not pending_or:
                pending_or = True
            else:
                clauses.append([_Term(_OR)])
                previous_included, pending_or = True, False
        elif item.excluded:
            if pending_or:
                clauses.append([_Term(_OR)])
            exclusions.append(item)
            previous_included, pending_or = False, False
        elif pending_or:
            clauses[-1].append(item)
            previous_included, pending_or = True, False
        else:
            clauses.append([item])
            previous_included = True
    if pending_or:
        clauses.append([_Term(_OR)])
    return clauses, exclusions


def _compile(clauses: list[list[_Term]], exclusions: list[_Term]) -> str | None:
    """The MATCH expression of ``clauses`` without ``exclusions`` (both already capped)."""
    if not clauses:
        return None
    parts = []
    for clause in clauses:
        alternatives = [term.to_fts() for term in clause]
        either = f"({' OR '.join(alternatives)})"
        parts.append(alternatives[0] if len(alternatives) == 1 else either)
    included = " AND ".join(parts)
    if not exclusions:
        return included
    excluded = " NOT ".join(term.to_fts() for term in exclusions)
    return f"({included}) NOT {excluded}"
