"""Language identification for article text: script first, then stop-word votes.

Cheap by design (a single pass over at most a few thousand characters): the bot identifies
the language of every article it stores, and the answer only steers date and quote parsing,
so a well-chosen guess among the languages news arrives in is what is needed.
"""

from __future__ import annotations

import re

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
    "en": _words(
        "the and of to is that for with was are on by this from have has were which "
        "be it not but they their he she said would will at been"
    ),
    "de": _words(
        "der die das und ist nicht ein eine einen dem den mit sich auf für "
        "wird wurde sind auch von zu im bei nach aus wie oder dass"
    ),
    "fr": _words(
        "le les et est une du dans pour qui sur pas par avec au aux ce cette "
        "été sont mais ont elle leur plus ses"
    ),
    "es": _words("el los las y es del su al como más pero sus fue está han este esta"),
    "it": _words(
        "gli è della dello degli delle nel per che non sono anche alla questo questa più stato"
    ),
    "pt": _words("é uma dos das em com não na pelo pela ao seu sua também foi são"),
    "nl": _words("het een van dat niet op te zijn voor heeft werd ook maar bij naar wordt"),
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
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SCRIPT_PATTERNS = {
    script: re.compile(f"[{chr(low)}-{chr(high)}]") for script, low, high in _SCRIPT_RANGES
}
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


def _script_counts(sample: str) -> dict[str, int]:
    counts = {"latin": len(_LATIN_LETTER.findall(sample))}
    for script, pattern in _SCRIPT_PATTERNS.items():
        counts[script] = len(pattern.findall(sample))
    return counts


def _cyrillic_language(sample: str) -> str:
    ukrainian = sum(1 for char in sample if char in _UKRAINIAN_LETTERS)
    russian = sum(1 for char in sample if char in _RUSSIAN_LETTERS)
    # Russian text quoting a Ukrainian name has a few і/ї; Ukrainian text has them everywhere.
    if ukrainian > russian:
        return "uk"
    return "ru"


def _latin_language(sample: str) -> str:
    votes = dict.fromkeys(_LATIN_STOPWORDS, 0)
    for word in _WORD.findall(sample.lower()):
        for lang, stopwords in _LATIN_STOPWORDS.items():
            if word in stopwords:
                votes[lang] += 1
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
