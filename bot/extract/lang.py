"""Language identification for article text: script first, then stop-word votes.

Cheap by design (a single pass over at most a few thousand characters): the bot identifies
the language of every article it stores, and the answer only steers date and quote parsing,
so a well-chosen guess among the languages news arrives in is what is needed. Scripts are
counted per distinct character, not per character: a sample of 2,000 characters holds fewer
than a hundred distinct ones, and ``str.count`` counts each at C speed.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache

from bot.extract.lexicon import LANGUAGES

__all__ = ["DEFAULT_LANGUAGE", "detect_language"]

DEFAULT_LANGUAGE = "en"

_SAMPLE_CHARS = 2000


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Letters that exist in one Cyrillic language and not the other.
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ыэъЫЭЪё")

# Frequent function words that tell Latin-script languages apart. Words shared by two
# languages ("de", "la", "a") are left out so that each vote counts for one language.
_LATIN_STOPWORDS: dict[str, frozenset[str]] = {
    lexicon.code: frozenset(lexicon.stopwords) for lexicon in LANGUAGES if lexicon.stopwords
}

_SCRIPT_RANGES: tuple[tuple[str, int, int], ...] = (
    ("cyrillic", 0x0400, 0x04FF),
    ("greek", 0x0370, 0x03FF),
    ("arabic", 0x0600, 0x06FF),
    ("hebrew", 0x0590, 0x05FF),
    ("cjk", 0x4E00, 0x9FFF),
    ("kana", 0x3040, 0x30FF),
    ("hangul", 0xAC00, 0xD7AF),
    ("thai", 0x0E00, 0x0E7F),
    ("georgian", 0x10A0, 0x10FF),
    ("armenian", 0x0530, 0x058F),
)
_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_LATIN_RANGE = (0x00C0, 0x024F)  # Latin-1 letters and Latin Extended-A/B (ASCII counted apart)
_SCRIPTS = ("latin", *(script for script, _, _ in _SCRIPT_RANGES))
_SCRIPT_LANGUAGE = {
    "greek": "el",
    "arabic": "ar",
    "hebrew": "he",
    "cjk": "zh",
    "kana": "ja",
    "hangul": "ko",
    "thai": "th",
    "georgian": "ka",
    "armenian": "hy",
}


@lru_cache(maxsize=4096)
def _script_of(char: str) -> str | None:
    """The script of a non-ASCII character among ``_SCRIPTS``, or None."""
    code = ord(char)
    if _LATIN_RANGE[0] <= code <= _LATIN_RANGE[1]:
        return "latin"
    return next((script for script, low, high in _SCRIPT_RANGES if low <= code <= high), None)


def _script_counts(sample: str) -> dict[str, int]:
    """Letters of each script in ``sample`` (Latin: ASCII letters and U+00C0-U+024F)."""
    counts = dict.fromkeys(_SCRIPTS, 0)
    # ASCII letters are counted on the UTF-8 bytes, where no other character has an ASCII byte.
    data = sample.encode("utf-8", "surrogatepass")
    counts["latin"] = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if len(data) == len(sample):
        return counts  # all ASCII
    for char in set(sample):
        if not char.isascii() and (script := _script_of(char)) is not None:
            counts[script] += sample.count(char)
    return counts


def _cyrillic_language(sample: str) -> str:
    ukrainian = sum(sample.count(char) for char in _UKRAINIAN_LETTERS)
    russian = sum(sample.count(char) for char in _RUSSIAN_LETTERS)
    # Russian text quoting a Ukrainian name has a few і/ї; Ukrainian text has them everywhere.
    if ukrainian > russian:
        return "uk"
    return "ru"


def _stopword_languages() -> dict[str, tuple[str, ...]]:
    languages: dict[str, tuple[str, ...]] = {}
    for lang, stopwords in _LATIN_STOPWORDS.items():
        for word in stopwords:
            languages[word] = (*languages.get(word, ()), lang)
    return languages


# Each stop word and the languages it votes for: one lookup per word of the sample.
_STOPWORD_LANGUAGES = _stopword_languages()


def _latin_language(sample: str) -> str:
    votes = dict.fromkeys(_LATIN_STOPWORDS, 0)
    words = _WORD.findall(sample.lower())
    for languages, count in Counter(filter(None, map(_STOPWORD_LANGUAGES.get, words))).items():
        for lang in languages:
            votes[lang] += count
    best = max(votes, key=lambda lang: votes[lang])
    return best if votes[best] > 0 else DEFAULT_LANGUAGE


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language ``text`` is most likely written in.

    Cyrillic text is Ukrainian or Russian (told apart by і ї є ґ against ы э ъ ё); Latin text
    is decided by stop-word votes among en, de, fr, es, it, pt, nl; other scripts map to their
    main language. Text with no letters at all gives ``DEFAULT_LANGUAGE``.
    """
    sample = text[:_SAMPLE_CHARS]
    counts = _script_counts(sample)
    script = max(counts, key=lambda name: counts[name])
    if counts[script] == 0:
        return DEFAULT_LANGUAGE
    if script == "cyrillic":
        return _cyrillic_language(sample)
    if script == "latin":
        return _latin_language(sample)
    return _SCRIPT_LANGUAGE[script]
