"""The catalog lint: on the shipped catalogs (as they grow), and on broken ones it must catch."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n import SUPPORTED_LANGUAGES
from bot.i18n.catalogs import LOCALE_DIR, read_catalog
from bot.i18n.lint import check_catalog, check_template, html_problem, placeholders
from bot.i18n.workflow import SOURCE_DIR, check_catalogs, extract_messages, read_template
from bot.sandbox.telegram_html import parse_html

CODES = [language.code for language in SUPPORTED_LANGUAGES]
REPO = SOURCE_DIR.parent


def test_messages_pot_has_what_the_code_uses() -> None:
    assert [str(p) for p in check_template(read_template(), extract_messages())] == []


@pytest.mark.parametrize("code", CODES)
def test_shipped_catalog_is_complete(code: str) -> None:
    problems = check_catalog(read_catalog(code), read_template(), code)
    assert [str(problem) for problem in problems] == []


@pytest.mark.parametrize("code", CODES)
def test_every_translation_is_valid_telegram_html(code: str) -> None:
    for message in read_catalog(code):
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            filled = form.format(**{name: "x" for name in placeholders(form)})
            parse_html(filled)  # raises HTMLParseError as the Bot API would refuse it


def test_check_covers_every_catalog_directory() -> None:
    assert [str(problem) for problem in check_catalogs()] == []
    assert {p.name for p in LOCALE_DIR.iterdir() if p.is_dir()} == set(CODES)


def test_catalogs_ship_as_package_data() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["bot"]
    for code in CODES:
        relative = (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").relative_to(SOURCE_DIR)
        assert any(fnmatch.fnmatch(relative.as_posix(), pattern) for pattern in patterns)


# --- the lint catches what it is there for ------------------------------------------------


def _template() -> Catalog:
    template = Catalog()
    template.add("Saved to {collection}.")
    template.add(("{count} article", "{count} articles"))
    template.add("<b>{title}</b> by {author}")
    return template


def _ru(**overrides: str | tuple[str, ...] | None) -> Catalog:
    strings: dict[str, str | tuple[str, ...] | None] = {
        "Saved to {collection}.": "Сохранено в подборку {collection}.",
        "{count} article": ("{count} статья", "{count} статьи", "{count} статей"),
        "<b>{title}</b> by {author}": "<b>{title}</b>, автор: {author}",
    }
    strings.update(overrides)
    catalog = Catalog(locale="ru")
    for message in _template():
        if message.id and strings[_first(message.id)] is not None:
            catalog.add(message.id, strings[_first(message.id)])
    return catalog


def _first(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _problems(catalog: Catalog) -> list[str]:
    return [problem.problem for problem in check_catalog(catalog, _template(), "ru")]


def test_a_good_catalog_passes() -> None:
    assert _problems(_ru()) == []


def test_missing_message() -> None:
    assert _problems(_ru(**{"Saved to {collection}.": None})) == [
        "is missing: run python -m bot.i18n update"
    ]


def test_empty_translation() -> None:
    assert _problems(_ru(**{"Saved to {collection}.": ""})) == [
        "is not translated (an empty msgstr)"
    ]


def test_fuzzy_translation() -> None:
    catalog = _ru()
    entry = catalog.get("Saved to {collection}.")
    assert entry is not None
    entry.flags.add("fuzzy")
    assert len(_problems(catalog)) == 1 and "fuzzy" in _problems(catalog)[0]


def test_renamed_placeholder() -> None:
    assert _problems(_ru(**{"Saved to {collection}.": "Сохранено в {подборку}."})) == [
        "msgstr has placeholders ['подборку'], the English has ['collection']"
    ]


def test_malformed_placeholder() -> None:
    (problem,) = _problems(_ru(**{"Saved to {collection}.": "Сохранено в {collection."}))
    assert problem.startswith("msgstr is malformed")


def test_plural_form_without_count() -> None:
    # Russian uses the first form for 21 too, so it must carry the number.
    broken = ("одна статья", "{count} статьи", "{count} статей")
    assert _problems(_ru(**{"{count} article": broken})) == [
        "msgstr[0] has placeholders [], the English has ['count']"
    ]


def test_wrong_number_of_plural_forms() -> None:
    two_forms = ("{count} статья", "{count} статей")
    assert _problems(_ru(**{"{count} article": two_forms})) == [
        "has 2 plural forms, the language has 3"
    ]


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("<b>{title}, автор: {author}", "<b> is never closed"),
        ("<b>{title}</i>, автор: {author}", "</i> where </b> was due; <b> is never closed"),
        ("<i>{title}</i>, автор: {author}", "has tags ['i'], the English has ['b']"),
    ],
)
def test_html_tags(translation: str, expected: str) -> None:
    assert _problems(_ru(**{"<b>{title}</b> by {author}": translation})) == [f"msgstr {expected}"]


def test_html_problem_accepts_nested_balanced_tags() -> None:
    source = '<a href="{url}"><b>{title}</b></a>'
    assert html_problem('<a href="{url}"><b>{title}</b></a> — сюжет', source) is None
    assert html_problem('<b><a href="{url}">{title}</b></a>', source) is not None


def test_message_the_template_lacks() -> None:
    catalog = _ru()
    catalog.add("Removed long ago.", "Удалено давным-давно.")
    assert _problems(catalog) == ["is not in messages.pot: run python -m bot.i18n update"]


def test_plural_rule_of_the_wrong_language(tmp_path: Path) -> None:
    po = tmp_path / "ru.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n',
        encoding="utf-8",
    )
    with po.open("rb") as handle:
        catalog = read_po(handle)
    (problem,) = check_catalog(catalog, Catalog(), "ru")
    assert "ru needs 'nplurals=3;" in problem.problem


def test_plural_rule_with_the_right_count_but_wrong_choice(tmp_path: Path) -> None:
    po = tmp_path / "uk.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: uk\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n == 1 ? 0 : n < 5 ? 1 : 2);\\n"\n',
        encoding="utf-8",
    )
    with po.open("rb") as handle:
        catalog = read_po(handle)
    (problem,) = check_catalog(catalog, Catalog(), "uk")
    assert problem.problem.startswith("Plural-Forms picks the wrong form for [0, 21, 22")


def test_template_out_of_date() -> None:
    extracted = _template()
    extracted.add("A new reply.")
    template = _template()
    template.add("An old reply.")
    assert [str(p) for p in check_template(template, extracted)] == [
        "messages.pot 'A new reply.': is used in the code: run python -m bot.i18n update",
        "messages.pot 'An old reply.': is no longer used: run python -m bot.i18n update",
    ]


# --- the /help of every language ------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_every_translated_help_fits_one_message(code: str) -> None:
    from bot.handlers import all_commands
    from bot.handlers.basics import help_text
    from bot.i18n import translator
    from bot.render import MAX_MESSAGE_UNITS, visible_length

    text = help_text(translator(code), "a_bot_username_of_thirty_two_ch", all_commands())
    parse_html(text)  # Telegram would accept it
    assert visible_length(text) <= MAX_MESSAGE_UNITS


@pytest.mark.parametrize("code", [code for code in CODES if code != "en"])
def test_help_is_written_in_the_language_with_its_own_examples(code: str) -> None:
    from bot.handlers import all_commands
    from bot.handlers.basics import help_text
    from bot.i18n import translator

    english = help_text(translator("en"), None, all_commands()).splitlines()
    translated = help_text(translator(code), None, all_commands()).splitlines()
    assert len(translated) == len(english)
    # Every line is translated (each example line carries a translated meaning).
    same = [line for line, other in zip(translated, english, strict=True) if line and line == other]
    assert same == []
    for word in ("since:", "until:", "from:", "OR"):
        assert word in "\n".join(translated)
