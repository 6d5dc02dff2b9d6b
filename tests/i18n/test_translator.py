"""Translators: messages from the shipped catalogs, plural forms by the catalog's rule."""

from __future__ import annotations

import pytest

from bot.i18n import (
    SUPPORTED_LANGUAGES,
    CatalogError,
    Translator,
    UnsupportedLanguageError,
    get_language,
    load_translations,
    translator,
)
from bot.i18n.language_replies import (
    LANG_COMMAND_DESCRIPTION,
    admins_only_text,
    current_language_text,
    language_set_text,
    unknown_language_text,
)

from .conftest import ARTICLES_PO, WritePo

CURRENT_LANGUAGE = {
    "en": "I reply in English in this chat. Choose another language:",
    "ru": "В этом чате я отвечаю по-русски. Выберите другой язык:",
    "uk": "У цьому чаті я відповідаю українською. Оберіть іншу мову:",
    "de": "In diesem Chat antworte ich auf Deutsch. Wähle eine andere Sprache:",
    "fr": "Dans cette discussion, je réponds en français. Choisissez une autre langue\u00a0:",
    "es": "En este chat respondo en español. Elige otro idioma:",
}


@pytest.mark.parametrize("code", CURRENT_LANGUAGE)
def test_lang_reply_comes_from_each_shipped_catalog(code: str) -> None:
    assert current_language_text(translator(code)) == CURRENT_LANGUAGE[code]


@pytest.mark.parametrize("code", [lang.code for lang in SUPPORTED_LANGUAGES if lang.code != "en"])
def test_every_lang_message_is_translated(code: str) -> None:
    english, translated = translator("en"), translator(code)
    for text in (language_set_text, admins_only_text, current_language_text):
        assert text(translated) != text(english)
    assert translated.gettext(LANG_COMMAND_DESCRIPTION) != LANG_COMMAND_DESCRIPTION


def test_placeholders_are_filled_and_the_caller_escapes() -> None:
    german = translator("de")
    assert unknown_language_text(german, "<b>pt</b>") == (
        "Auf „&lt;b&gt;pt&lt;/b&gt;“ kann ich nicht antworten. Wähle eine dieser Sprachen:"
    )


def test_missing_field_is_an_error_not_a_raw_placeholder() -> None:
    with pytest.raises(KeyError, match="language"):
        translator("ru").gettext("I can't reply in “{language}”. Choose one of these languages:")


def test_unknown_message_falls_back_to_english() -> None:
    assert translator("uk").gettext("Not in any catalog, {name}.", name="Ada") == (
        "Not in any catalog, Ada."
    )


def test_translators_are_built_once() -> None:
    assert translator("fr") is translator("fr")
    assert translator("fr").language == get_language("fr")


def test_unsupported_language_has_no_translator() -> None:
    with pytest.raises(UnsupportedLanguageError):
        translator("pt")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "ru",
            {
                1: "1 статья",
                2: "2 статьи",
                5: "5 статей",
                21: "21 статья",
                11: "11 статей",
                22: "22 статьи",
                112: "112 статей",
                0: "0 статей",
            },
        ),
        (
            "uk",
            {
                1: "1 стаття",
                2: "2 статті",
                5: "5 статей",
                21: "21 стаття",
                11: "11 статей",
                24: "24 статті",
                114: "114 статей",
                0: "0 статей",
            },
        ),
    ],
)
def test_three_plural_forms(write_po: WritePo, code: str, expected: dict[int, str]) -> None:
    t = Translator(get_language(code), load_translations(code, write_po(code, ARTICLES_PO[code])))
    for count, text in expected.items():
        assert t.ngettext("{count} article", "{count} articles", count) == text


def test_count_is_written_the_language_s_way(write_po: WritePo) -> None:
    t = Translator(get_language("ru"), load_translations("ru", write_po("ru", ARTICLES_PO["ru"])))
    assert t.ngettext("{count} article", "{count} articles", 1234) == "1\u00a0234 статьи"
    english = translator("en")
    assert english.ngettext("{count} article", "{count} articles", 1234) == "1,234 articles"
    assert english.ngettext("{count} article", "{count} articles", 1) == "1 article"


def test_plural_rule_is_the_catalog_header_s(write_po: WritePo) -> None:
    # A catalog whose header claims English-style plurals: gettext must follow the header,
    # so 5 takes the second form, not Babel's "many" form for Russian.
    body = """
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        msgid "{count} article"
        msgid_plural "{count} articles"
        msgstr[0] "{count} статья"
        msgstr[1] "{count} статьи"
    """
    t = Translator(get_language("ru"), load_translations("ru", write_po("ru", body)))
    assert t.ngettext("{count} article", "{count} articles", 5) == "5 статьи"
    assert t.ngettext("{count} article", "{count} articles", 21) == "21 статьи"


def test_fuzzy_translation_is_not_shown(write_po: WritePo) -> None:
    body = """

        #, fuzzy
        msgid "Search"
        msgstr "Поиск по архиву"

        msgid "Saved."
        msgstr "Сохранено."
    """
    t = Translator(get_language("ru"), load_translations("ru", write_po("ru", body)))
    assert t.gettext("Search") == "Search"
    assert t.gettext("Saved.") == "Сохранено."


def test_missing_or_broken_catalog_says_how_to_fix_it(write_po: WritePo) -> None:
    locale_dir = write_po("ru", 'msgid "Saved."\nmsgtsr "Сохранено."\n')
    with pytest.raises(CatalogError, match="not a valid .po file"):
        load_translations("ru", locale_dir)
    with pytest.raises(CatalogError, match="python -m bot.i18n init uk"):
        load_translations("uk", locale_dir)


def test_localized_error_is_english_as_a_string_and_translated_on_request() -> None:
    from bot.i18n import N_, LocalizedError

    message = N_("Only administrators of this chat can change its language.")
    error = LocalizedError(message)
    assert str(error) == message
    assert error.in_language(translator("ru")) == admins_only_text(translator("ru"))
    unknown = LocalizedError("Not in any catalog {yet}")
    assert unknown.in_language(translator("de")) == "Not in any catalog {yet}"


def test_localized_error_writes_numbers_the_reader_s_way() -> None:
    from bot.i18n import LocalizedError

    error = LocalizedError("{count} of {limit} used, {name}", count=1234567, limit=2.5, name="x")
    assert str(error) == "1,234,567 of 2.5 used, x"
    assert error.in_language(translator("de")) == "1.234.567 of 2,5 used, x"
