"""Words, names and numbers of a headline and lead, normalised for comparing two articles.

Russian words are reduced to their dictionary form with pymorphy3 ('Союзмультфильма' ->
'союзмультфильм'), English ones lose a plural or verb ending ('challenges' -> 'challeng'), so
two reports of one event that inflect a word differently still share it. Names are the words a
reader would take for a person, place or organisation: capitalised inside a sentence, or marked
as such by the Russian dictionary. Numbers are kept as written digits ('7,1' -> '7.1').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pymorphy3

from bot.extract.speaker.morphology import CyrillicWord, cyrillic_word_kind

__all__ = ["ArticleWords", "article_words", "lemma", "tokens"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = frozenset('.!?…:«"“„')
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
#: Function words and reporting verbs that say nothing about which event is reported.
_STOPWORD_LIST = """
    a an the and or but of to in on at for from by with without as is are was were be been being
    has have had will would can could may might must shall should do does did not no it its this
    that these those there their they them he she his her him we our you your i me my who whom
    which what when where why how than then so if into over after before about up down out off
    new more most also just says said say tells told according amid against via per vs year
    и в во на с со к ко по о об от до из за для у не ни что как а но или же ли бы то это этот
    эта эти его ее её их он она они мы вы я был была были было быть будет будут может могут
    также уже еще ещё при под над через после перед между который которая которые которое
    год года году более менее свой своя свои этого этом тот та те так там тут всё все весь
    заявить сообщить рассказать назвать стать мочь иметь
"""
_STOPWORDS = frozenset(_STOPWORD_LIST.split())
_ENGLISH_SUFFIXES = ("ing", "ed", "es", "s")


@cache
def _analyser() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The comparable form of a lower-case word: its dictionary form for Cyrillic words, the
    stem without a plural or verb ending for the rest; digits as written, '.' for ','."""
    if word[0].isdigit():
        return word.replace(",", ".")
    word = word.replace("ё", "е").replace("’", "'")
    if _CYRILLIC.search(word):
        return str(_analyser().parse(word)[0].normal_form).replace("ё", "е")
    word = word.removesuffix("'s")
    for suffix in _ENGLISH_SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """The words and numbers of ``text``, as written."""
    return _TOKEN.findall(text)


@dataclass(frozen=True)
class ArticleWords:
    """The comparable content of one article's headline and lead."""

    #: Lemmas of every word and number, in order (the shingles are made of these).
    sequence: tuple[str, ...]
    #: Lemmas of the content words of the headline and of the lead, stopwords left out.
    headline: frozenset[str]
    lead: frozenset[str]
    #: Lemmas of the names (people, places, organisations, titles) in headline and lead.
    names: frozenset[str]
    #: Numbers in headline and lead, as written with '.' for ','.
    numbers: frozenset[str]


def _is_title_case(words: list[str]) -> bool:
    """True if every longer word of an English headline is capitalised ('Amazon Challenges
    Pentagon Deal'): then a capital says nothing about a name."""
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens the text or follows a sentence end, white space
    between (found by stepping back over it: slicing the text before each word made this
    quadratic in the length of the lead)."""
    end = start
    while end and text[end - 1].isspace():
        end -= 1
    return not end or text[end - 1] in _SENTENCE_END


def _names(text: str, trust_capitals: bool) -> set[str]:
    found: set[str] = set()
    for match in _TOKEN.finditer(text):
        word = match.group()
        if not word[0].isalpha() or not word[0].isupper() or len(word) < 2:
            continue
        starts_sentence = _starts_sentence(text, match.start())
        if word.isupper() and len(word) <= 6:
            found.add(lemma(word.lower()))  # an acronym: 'NATO', 'ФСБ'
        elif _CYRILLIC.search(word):
            if cyrillic_word_kind(word) is not CyrillicWord.OTHER or (
                trust_capitals and not starts_sentence
            ):
                found.add(lemma(word.lower()))
        elif trust_capitals and not starts_sentence:
            found.add(lemma(word.lower()))
    return found - _STOPWORDS


def _content(lemmas: list[str]) -> frozenset[str]:
    return frozenset(w for w in lemmas if w not in _STOPWORDS and (len(w) > 2 or w[0].isdigit()))


def article_words(headline: str, lead: str) -> ArticleWords:
    """Split one article's headline and lead into comparable words, names and numbers."""
    headline_tokens = tokens(headline)
    names = _names(headline, trust_capitals=not _is_title_case(headline_tokens))
    names |= _names(lead, trust_capitals=True)
    numbers = {lemma(n) for n in _NUMBER.findall(f"{headline} {lead}")}
    # Each token's lemma once: the sequence and the content words are made of the same ones.
    headline_lemmas = [lemma(w.lower()) for w in headline_tokens]
    lead_lemmas = [lemma(w.lower()) for w in tokens(lead)]
    return ArticleWords(
        sequence=tuple(headline_lemmas + lead_lemmas),
        headline=_content(headline_lemmas),
        lead=_content(lead_lemmas),
        names=frozenset(names),
        numbers=frozenset(numbers),
    )
