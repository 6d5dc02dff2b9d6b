"""Which language a Telegram user or a /lang argument gets."""

from __future__ import annotations

import pytest
from babel import Locale

import bot.i18n
from bot.i18n import (
    SUPPORTED_LANGUAGES,
    UnsupportedLanguageError,
    chat_language,
    find_language,
    get_language,
    resolve_language,
)


def test_the_six_languages_with_their_own_names() -> None:
    assert [(lang.code, lang.name) for lang in SUPPORTED_LANGUAGES] == [
        ("en", "English"),
        ("ru", "Русский"),
        ("uk", "Українська"),
        ("de", "Deutsch"),
        ("fr", "Français"),
        ("es", "Español"),
    ]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES, ids=lambda lang: lang.code)
def test_own_name_is_what_cldr_calls_the_language_in_itself(language: bot.i18n.Language) -> None:
    own = Locale.parse(language.code).get_display_name(language.code)
    assert own is not None
    assert language.name == own[0].upper() + own[1:]
    assert Locale.parse(language.locale).language == language.code


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("ru", "ru"),
        ("uk", "uk"),
        ("de-AT", "de"),
        ("pt-br", "en"),  # Portuguese is not spoken: the default
        ("zh-hans", "en"),
        (None, "en"),
        ("", "en"),
        ("FR", "fr"),
        ("es_MX", "es"),
    ],
)
def test_telegram_language_code_resolves_with_fallback(
    language_code: str | None, expected: str
) -> None:
    assert resolve_language(language_code) == expected


def test_fallback_is_the_configured_default() -> None:
    assert resolve_language("pt-br", default="de") == "de"
    assert resolve_language(None, default="uk") == "uk"
    assert resolve_language("ru", default="de") == "ru"


def test_unsupported_default_is_refused_with_the_choices() -> None:
    with pytest.raises(UnsupportedLanguageError, match="en, ru, uk, de, fr, es"):
        resolve_language("ru", default="pt")


@pytest.mark.parametrize(
    ("text", "code"),
    [("de", "de"), (" DE-at ", "de"), ("Deutsch", "de"), ("русский", "ru"), ("ESPAÑOL", "es")],
)
def test_lang_argument_by_code_or_own_name(text: str, code: str) -> None:
    found = find_language(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("text", ["pt", "klingon", "", "German"])
def test_lang_argument_naming_no_supported_language(text: str) -> None:
    assert find_language(text) is None


@pytest.mark.parametrize(
    ("chosen", "is_private", "user_language_code", "expected"),
    [
        (None, True, "ru", "ru"),  # a private chat follows its user's Telegram language
        (None, True, "pt-br", "de"),  # ... unless the bot does not speak it
        ("fr", True, "ru", "fr"),  # until /lang chose one
        (None, False, "ru", "de"),  # a group: the configured default, whoever writes
        ("uk", False, "ru", "uk"),  # until an administrator chose one
        ("pt", False, None, "de"),  # a stored choice the bot no longer speaks: the default
    ],
)
def test_which_language_a_chat_is_answered_in(
    chosen: str | None, is_private: bool, user_language_code: str | None, expected: str
) -> None:
    language = chat_language(
        chosen, is_private=is_private, user_language_code=user_language_code, default="de"
    )
    assert language == expected


def test_get_language_by_exact_code() -> None:
    assert get_language("uk").name == "Українська"
    with pytest.raises(UnsupportedLanguageError):
        get_language("ru-RU")


def test_public_names() -> None:
    assert set(bot.i18n.__all__) == {
        "DEFAULT_LANGUAGE",
        "N_",
        "SUPPORTED_LANGUAGES",
        "CatalogError",
        "Language",
        "LocalizedError",
        "NaiveDatetimeError",
        "Translator",
        "UnsupportedLanguageError",
        "chat_language",
        "find_language",
        "get_language",
        "load_translations",
        "resolve_language",
        "translator",
    }
    for name in bot.i18n.__all__:
        assert getattr(bot.i18n, name) is not None
