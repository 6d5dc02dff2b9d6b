"""Whether a quoted span is speech: a spoken sentence, or words a speech verb attributes.

Quotation marks also hold titles of books, laws, exhibitions and programmes, slogans, product
names and scare-quoted terms. A span reads as speech when it ends a sentence inside the marks,
or ends in a comma there (the '"…," she said' of a quotation that goes on to its attribution),
runs long, or holds a clause: a personal pronoun, an auxiliary, a modal or the copula of its
language (``clause_words`` of :mod:`bot.extract.lexicon`), or a verb form (in Russian and
Ukrainian by pymorphy3's dictionaries; in German a lower-case infinitive closing the span,
since German writes its nouns with capitals: '"leidenschaftlich für Reformen kämpfen"').

A verbless span is speech only when a verb of saying attributes it ('Mr Balls said Labour would
win "with a margin to spare"') or it stands as the complement of a clause ('the levy was "a
waste of public money"'); a short verbless span that opens with an article is otherwise a term,
however it is introduced ('called it "an island of democracy"').
"""

from __future__ import annotations

import re

from bot.extract.lexicon import LANGUAGES
from bot.extract.speaker.attribution import attribution_after
from bot.extract.speaker.morphology import is_verb_form
from bot.extract.speechverbs import speech_verbs_in

__all__ = ["completes_a_clause", "is_attributed", "is_term", "reads_as_speech"]

#: A span this long is a sentence or a long partial quotation, whatever its words.
_LONG_SPAN_WORDS = 10
#: A noun-phrase term runs short: 'the Richard & Judy effect', 'an island of democracy'.
_MAX_TERM_WORDS = 6
_SENTENCE_END_RE = re.compile(r"[.!?…,][\"'”’»)]*\s*$")
_TOKEN_RE = re.compile(r"[^\W\d_]+")
_CYRILLIC_RE = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
#: Where the clause holding the opening mark starts: after a sentence end or a line break.
_CLAUSE_START_RE = re.compile(r"[.!?…\n][^.!?…\n]*$")
#: A German verb at the end of its clause: a lower-case word in -en, -ern, -eln.
_GERMAN_FINAL_VERB_RE = re.compile(r"(?<![\w-])[a-zäöüß]{2,}(?:en|ern|eln)\W*$")
_CLAUSE_WORDS = {lexicon.code: frozenset(lexicon.clause_words) for lexicon in LANGUAGES}
_TERM_ARTICLES = {lexicon.code: frozenset(lexicon.term_articles) for lexicon in LANGUAGES}


def reads_as_speech(quoted: str, lang: str) -> bool:
    """True when ``quoted`` reads as a spoken sentence or clause, not as a name or a term."""
    if _SENTENCE_END_RE.search(quoted):
        return True
    tokens = _TOKEN_RE.findall(quoted.casefold())
    if len(tokens) >= _LONG_SPAN_WORDS:
        return True
    clause_words = _CLAUSE_WORDS.get(lang, frozenset())
    if any(token in clause_words for token in tokens):
        return True
    if lang == "de" and _GERMAN_FINAL_VERB_RE.search(quoted):
        return True
    if _CYRILLIC_RE.search(quoted):
        return any(is_verb_form(token) for token in tokens if _CYRILLIC_RE.match(token))
    return False


def is_term(quoted: str, lang: str) -> bool:
    """A short span opening with an article: 'the Richard & Judy effect' (a noun phrase)."""
    tokens = _TOKEN_RE.findall(quoted.casefold())
    articles = _TERM_ARTICLES.get(lang, frozenset())
    return 0 < len(tokens) <= _MAX_TERM_WORDS and tokens[0] in articles


def completes_a_clause(before: str, lang: str) -> bool:
    """'the levy was "…"', 'they are "…"': the marks follow a clause word (a copula, an
    auxiliary), so the span is what someone is said to be, in their words."""
    tokens = _TOKEN_RE.findall(before[-30:].casefold())
    return bool(tokens) and tokens[-1] in _CLAUSE_WORDS.get(lang, frozenset())


def is_attributed(before: str, after: str) -> bool:
    """Whether a verb of saying attributes the span: in the clause before the opening mark
    ('X said the plan was "…"', 'по словам X, «…»') or right after the closing mark
    ('"…," X said')."""
    clause = _CLAUSE_START_RE.search(before)
    clause_text = clause.group() if clause is not None else before
    if speech_verbs_in(clause_text, reporting=True):
        return True
    return attribution_after(after) is not None
