"""The languages the bot replies in, and how a Telegram ``language_code`` or a ``/lang``
argument picks one of them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_LANGUAGE",
    "SUPPORTED_LANGUAGES",
    "Language",
    "UnsupportedLanguageError",
    "chat_language",
    "find_language",
    "get_language",
    "resolve_language",
]


class UnsupportedLanguageError(ValueError):
    """A language code that is not one of :data:`SUPPORTED_LANGUAGES`."""


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the bot's replies."""

    code: str  # ISO 639-1, as Telegram's language_code starts: "ru"
    name: str  # the language's name for itself, as a button label: "Русский"
    locale: str  # the Babel locale that formats its dates and numbers


#: In the order the ``/lang`` buttons show them. English dates are formatted the British way
#: ("3 December 2026", 24-hour times), as newsrooms outside the United States write them.
SUPPORTED_LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "en_GB"),
    Language("ru", "Русский", "ru"),
    Language("uk", "Українська", "uk"),
    Language("de", "Deutsch", "de"),
    Language("fr", "Français", "fr"),
    Language("es", "Español", "es"),
)

#: The code of the language used when nothing else decides (``[bot] default_language``).
DEFAULT_LANGUAGE = "en"

_BY_CODE = {language.code: language for language in SUPPORTED_LANGUAGES}
_BY_NAME = {language.name.casefold(): language for language in SUPPORTED_LANGUAGES}


def get_language(code: str) -> Language:
    """The supported language with this exact code.

    Raises:
        UnsupportedLanguageError: naming the codes that are supported.
    """
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnsupportedLanguageError(
            f"Language {code!r} is not supported; use one of {', '.join(_BY_CODE)}"
        ) from None


def _primary_subtag(tag: str) -> str:
    """``"pt"`` for ``"pt-BR"``, ``"pt_br"`` or ``" PT "``."""
    return tag.strip().replace("_", "-").split("-", 1)[0].casefold()


def find_language(text: str) -> Language | None:
    """The supported language a person means by ``text``: a code with or without a region
    (``de``, ``de-AT``) or the language's own name in any letter case (``Deutsch``,
    ``русский``); None when it names none of them."""
    return _BY_CODE.get(_primary_subtag(text)) or _BY_NAME.get(text.strip().casefold())


def resolve_language(language_code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """The code of the language to reply in for a Telegram user's ``language_code``.

    Telegram sends an IETF tag (``"ru"``, ``"pt-br"``, ``"zh-hans"``) or nothing; the region is
    ignored, and a language the bot does not speak gets ``default``.

    Raises:
        UnsupportedLanguageError: ``default`` itself is not supported.
    """
    fallback = get_language(default).code
    if not language_code:
        return fallback
    language = _BY_CODE.get(_primary_subtag(language_code))
    return language.code if language is not None else fallback


def chat_language(
    chosen: str | None, *, is_private: bool, user_language_code: str | None, default: str
) -> str:
    """The code of the language a chat is answered in.

    What was chosen with ``/lang`` wins; otherwise a private chat follows its user's Telegram
    ``language_code``; groups, channels and languages the bot does not speak get ``default``
    (``[bot] default_language``).

    Raises:
        UnsupportedLanguageError: ``default`` itself is not supported.
    """
    if chosen and chosen in _BY_CODE:
        return chosen
    if is_private:
        return resolve_language(user_language_code, default)
    return get_language(default).code
