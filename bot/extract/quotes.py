"""The lead quote of an article: its first direct quotation and who said it.

A quoted span counts as a direct quotation when it has at least four words and is neither a title
of a work, a name or a slogan (title-cased, or introduced by "called", "под названием",
"unter dem Motto"...), nor a scare-quoted term (which the four-word minimum keeps out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.names import LOWER, word_set
from bot.extract.quotemarks import QuoteSpan, find_quote_spans
from bot.extract.speaker import find_speaker

__all__ = ["LeadQuote", "find_lead_quote", "is_direct_quote"]

MIN_QUOTE_WORDS = 4
#: Texts longer than this are cut before searching: the lead quote is near the top.
_MAX_SCAN_CHARS = 60_000

_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_FUNCTION_WORDS = word_set(
    """of the a an and or in on at to for with by from de la le les des du et el y del en der
    die das und von zu im am für mit в и на с по для из о та і у з за"""
)
#: Words that announce a title, a name or a slogan rather than speech, just before the marks.
_NAMING_RE = re.compile(
    r"(?<!\w)(?:called|titled|entitled|named|dubbed|theme|threme|slogan|motto|book|film|movie|"
    r"show|series|campaign|programme|program|song|album|exhibition|project|hashtag|brand|study|"
    r"survey|documentary|novel|podcast|poem|essay|"
    r"названием|лозунгом|девизом|книг[уаи]|фильм[а]?|передач[аеиу]|партии|партия|газет[аыу]|"
    r"телеканал[а]?|движени[ея]|компани[ия]|митинг\w*|акци[яию]|назвою|гаслом|партії|партія|"
    r"газет[аи]|мітинг\w*|акці[яїю]|Motto|Titel|Buch|Film|Sendung|Kampagne|Aktion|intitulée?|"
    r"appelée?|titulad[oa]|llamad[oa]|lema)[\s:,—–-]{0,3}$",
    re.IGNORECASE,
)
_ENDS_SENTENCE_RE = re.compile(r"[.!?…]$")
#: The dataset defect "…непогоду.n«Когда…": a Latin "n" standing for a lost line break.
_LOST_NEWLINE_RE = re.compile(r"(?<=[а-яёіїєґА-ЯЁІЇЄҐ.,!?»\"”—–:])n(?=[а-яёіїєґА-ЯЁІЇЄҐ«\"“—–(])")


@dataclass(frozen=True, slots=True)
class LeadQuote:
    """The lead quote: the span between the marks and its speaker (a name, or None)."""

    text: str
    speaker: str | None


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _is_title_cased(words: list[str]) -> bool:
    """'The New Vision of Kodak', 'In Room Dining, Mandalay Bay': every content word capitalised."""
    content = [word for word in words if word.casefold() not in _FUNCTION_WORDS]
    return bool(content) and all(word[0].isupper() or word[0].isdigit() for word in content)


def is_direct_quote(quoted: str, before: str, lang: str = "en") -> bool:
    """True when ``quoted`` (the text between the marks) reports speech or writing.

    ``before`` is the text just before the opening mark: "a campaign called" or "партии"
    there makes the span a name or a title, not a quotation.
    """
    words = _WORD_RE.findall(quoted)
    if len(words) < MIN_QUOTE_WORDS:
        return False
    if not re.search(f"[{LOWER}]", quoted):
        return False  # codes and all-caps labels
    if _NAMING_RE.search(before[-40:]):
        return False
    # German capitalises every noun, so a title-cased German span may still be a sentence.
    title_limit = 6 if lang == "de" else 12
    return not (
        _is_title_cased(words)
        and len(words) <= title_limit
        and (lang != "de" or not _ENDS_SENTENCE_RE.search(quoted.strip()))
    )


def _repair_lost_newlines(body: str, lang: str) -> str:
    """Restore line breaks that a source turned into a literal 'n' in Cyrillic text.

    The replacement keeps the text's length, so positions stay valid.
    """
    if lang not in {"ru", "uk"} or "n" not in body:
        return body
    return _LOST_NEWLINE_RE.sub("\n", body)


def _first_direct_quote(body: str, lang: str) -> QuoteSpan | None:
    for span in find_quote_spans(body):
        quoted = body[span.start : span.end]
        if is_direct_quote(quoted, body[max(0, span.open_pos - 60) : span.open_pos], lang):
            return span
    return None


def find_lead_quote(body: str, lang: str, title: str | None = None) -> LeadQuote | None:
    """The first direct quotation of ``body`` and its speaker, or None when there is none.

    ``body`` is the cleaned article text without the headline; ``title`` is the headline, used
    only to name the speaker when the body does not (a Telegram title line "Данілов:").
    Never raises on any input.
    """
    if not isinstance(body, str) or not body:
        return None
    text = _repair_lost_newlines(body[:_MAX_SCAN_CHARS], lang)
    span = _first_direct_quote(text, lang)
    if span is None:
        return None
    quoted = _collapse(text[span.start : span.end])
    return LeadQuote(quoted, find_speaker(text, span, title))
