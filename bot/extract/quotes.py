"""The lead quote of an article: its first direct quotation and who said it.

A quoted span counts as a direct quotation when it has at least four words and is neither a title
of a work, a name or a slogan (title-cased, or introduced by "called", "под названием",
"unter dem Motto"...), nor a scare-quoted term (which the four-word minimum keeps out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.lexicon import ALL, LANGUAGES, alternation
from bot.extract.quotemarks import QuoteSpan, find_quote_spans
from bot.extract.speaker import find_speaker
from bot.extract.speaker.morphology import is_verb_form
from bot.extract.speaker.names import LOWER, UPPER
from bot.extract.speechlike import (
    completes_a_clause,
    is_attributed,
    is_term,
    reads_as_speech,
)
from bot.extract.speechverbs import is_speech_verb, speech_verbs_in

__all__ = ["LeadQuote", "find_lead_quote", "is_direct_quote"]

MIN_QUOTE_WORDS = 4
#: How much text around the marks the tests read: the clause before them, the words after.
_BEFORE_CHARS = 200
_AFTER_CHARS = 120
#: Texts longer than this are cut before searching: the lead quote is near the top.
_MAX_SCAN_CHARS = 60_000


def _any_capital(words: tuple[str, ...]) -> str:
    """An alternation of ``words`` whose first letter may also be a capital ('[Dd]er')."""
    return alternation(f"[{word[0].upper()}{word[0]}]{word[1:]}" for word in words)


_WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_FUNCTION_WORDS = frozenset(ALL.name_function_words)
#: Words that announce a title, a name or a slogan rather than speech, just before the marks.
_NAMING_RE = re.compile(rf"(?<!\w){alternation(ALL.naming_words)}[\s:,—–-]{{0,3}}$", re.IGNORECASE)
#: Russian and Ukrainian nouns that name what follows in «»: 'фонду «…»', 'компании «…»',
#: 'партії «…»'. A stem takes up to four letters of case ending ('организаци|ей',
#: 'кампані|ями'), so every case of the noun counts.
_CYRILLIC_NAMING_NOUN_RE = re.compile(
    rf"(?<![\w-]){alternation(ALL.naming_noun_stems)}[а-яёіїєґ]{{0,4}}\s*$", re.IGNORECASE
)
#: Legal-form abbreviations before a company name: 'ООО «…»', 'ТОВ «…»', 'КП «…»'.
_LEGAL_FORM_RE = re.compile(rf"(?<!\w){alternation(ALL.legal_forms)}\s*$")
_ENDS_SENTENCE_RE = re.compile(r"[.!?…]$")
#: A determiner right before the marks: 'the "pay as you dock" scheme' is a modifier in a noun
#: phrase when a lower-case word goes on after the closing mark.
_DETERMINER_BEFORE_RE = re.compile(rf"(?<!\w){alternation(ALL.determiners)}\s+$", re.IGNORECASE)
_INNER_PUNCTUATION = frozenset(",.;:!?…")
_LOWER_WORD_AFTER_RE = re.compile(rf"\s+([{LOWER}][\w-]*)")
#: German: an article or preposition and a noun right before the marks, 'im Bildband „Die …“':
#: a title in apposition to the noun.
_GERMAN_NOUN_BEFORE_RE = re.compile(
    rf"(?<!\w){_any_capital(ALL.noun_phrase_openers)}\s+[{UPPER}][\w-]+\s+$"
)
#: Russian and Ukrainian: a reporting verb right before the marks, without the colon direct
#: speech needs, names a source: 'сообщает «Вестник речного пароходства»'.
_REPORTING_VERB_BEFORE_RE = re.compile(
    rf"(?<!\w){alternation(ALL.source_title_verbs)}\s+$", re.IGNORECASE
)
_CLAUSE_START_RE = re.compile(r"[.!?…;:\n][^.!?…;:\n]*$")
_DOCUMENT_TITLE_OPENERS = {
    lexicon.code: frozenset(lexicon.document_title_openers) for lexicon in LANGUAGES
}
#: Titles and names run short; a longer capitalised span is more likely a sentence.
_MAX_NAME_WORDS = 8
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


def _is_named_by_noun(before: str) -> bool:
    """A naming word right before the marks ('a campaign called', 'фонду', 'ООО') makes the
    quoted span a title or a name."""
    return (
        _NAMING_RE.search(before) is not None
        or _CYRILLIC_NAMING_NOUN_RE.search(before) is not None
        or _LEGAL_FORM_RE.search(before) is not None
    )


def _is_noun_modifier(quoted: str, before: str, after: str) -> bool:
    """'the "pay as you dock" scheme': a determiner before the marks and a lower-case word (not
    a verb of saying) going on after them make the span part of a noun phrase. Punctuation
    inside the closing mark ('a "cheap adaptation to the age," on one side') ends a quotation."""
    if quoted.rstrip()[-1:] in _INNER_PUNCTUATION:
        return False
    if _DETERMINER_BEFORE_RE.search(before[-12:]) is None:
        return False
    following = _LOWER_WORD_AFTER_RE.match(after)
    return following is not None and not is_speech_verb(following.group(1))


def _is_title_after_noun(quoted: str, words: list[str], before: str, lang: str) -> bool:
    """A capitalised span that stands as a name: after 'im Bildband' (German) or after a
    reporting verb with no colon ('сообщает «Вестник …»'), with no verb of saying in its
    clause and no sentence end inside the marks."""
    if not words[0][0].isupper() or len(words) > _MAX_NAME_WORDS:
        return False
    if _ENDS_SENTENCE_RE.search(quoted.rstrip(" ,")):
        return False
    before = before[-60:]
    tail = before
    if lang == "de":
        if _GERMAN_NOUN_BEFORE_RE.search(tail) is None:
            return False
    elif lang not in {"ru", "uk"} or _REPORTING_VERB_BEFORE_RE.search(tail) is None:
        return False
    clause = _CLAUSE_START_RE.search(before)
    clause_text = clause.group() if clause is not None else before
    reporting_verbs = speech_verbs_in(clause_text)
    return lang != "de" or not reporting_verbs


def _is_document_title(words: list[str], quoted: str, lang: str) -> bool:
    """'«Про посилення соціального захисту населення …»', '«О госрегулировании …»', 'легенда
    «Про соколів …»': a capitalised span opening with the preposition that titles laws,
    decrees and tales, with no verb in it, is a title however long it runs."""
    if words[0].casefold() not in _DOCUMENT_TITLE_OPENERS.get(lang, frozenset()):
        return False
    if not words[0][0].isupper() or _ENDS_SENTENCE_RE.search(quoted.rstrip(" ,…")):
        return False
    return not any(is_verb_form(word.casefold()) for word in words[1:])


def is_direct_quote(quoted: str, before: str, lang: str = "en", after: str = "") -> bool:
    """True when ``quoted`` (the text between the marks) reports speech or writing.

    ``before`` is the text just before the opening mark: "a campaign called" or "партии"
    there makes the span a name or a title, not a quotation. ``after`` is the text right after
    the closing mark: 'the "…" scheme' is a name standing in a noun phrase.
    """
    words = _WORD_RE.findall(quoted)
    if len(words) < MIN_QUOTE_WORDS:
        return False
    if not re.search(f"[{LOWER}]", quoted):
        return False  # codes and all-caps labels
    if _is_named_by_noun(before[-40:]):
        return False
    if (
        _is_noun_modifier(quoted, before, after)
        or _is_title_after_noun(quoted, words, before, lang)
        or _is_document_title(words, quoted, lang)
    ):
        return False
    # German capitalises every noun, so a title-cased German span may still be a sentence.
    title_limit = 6 if lang == "de" else 12
    if (
        _is_title_cased(words)
        and len(words) <= title_limit
        and (lang != "de" or not _ENDS_SENTENCE_RE.search(quoted.strip()))
    ):
        return False
    # A span that does not read as a spoken sentence is speech only when it completes a clause
    # ('the levy was "…"') or a verb of saying attributes it; a short one that opens with an
    # article is otherwise a term ('called it "an island of democracy"').
    if reads_as_speech(quoted, lang) or completes_a_clause(before, lang):
        return True
    return not is_term(quoted, lang) and is_attributed(before, after)


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
        before = body[max(0, span.open_pos - _BEFORE_CHARS) : span.open_pos]
        after = (
            body[span.close_pos + 1 : span.close_pos + _AFTER_CHARS] if span.close_pos >= 0 else ""
        )
        if is_direct_quote(quoted, before, lang, after):
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
    return LeadQuote(quoted, find_speaker(text, span, title, lang))
