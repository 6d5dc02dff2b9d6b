"""The translators' workflow: extract, init, update, check, on a small source tree."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import write_po
from click.testing import CliRunner

from bot.i18n.__main__ import main
from bot.i18n.catalogs import CatalogError, catalog_path, read_catalog
from bot.i18n.lint import check_catalog
from bot.i18n.workflow import (
    extract_messages,
    init_catalog,
    read_template,
    update_catalogs,
    write_template,
)

SOURCE = """
from bot.i18n import N_

DESCRIPTION = N_("Search the collection")


def reply(t, count):
    # TRANSLATORS: the answer to /latest
    header = t.gettext("Latest articles in {collection}", collection="x")
    return header + t.ngettext("{count} article", "{count} articles", count)
"""


@pytest.fixture
def source_dir(tmp_path: Path) -> Path:
    package = tmp_path / "bot"
    (package / "handlers").mkdir(parents=True)
    (package / "handlers" / "latest.py").write_text(textwrap.dedent(SOURCE), encoding="utf-8")
    return package


@pytest.fixture
def locale_dir(tmp_path: Path) -> Path:
    return tmp_path / "locale"


def test_extract_finds_calls_marks_and_translator_comments(source_dir: Path) -> None:
    template = extract_messages(source_dir)
    messages = {m.id: m for m in template if m.id}
    assert list(messages) == [
        "Search the collection",
        "Latest articles in {collection}",
        ("{count} article", "{count} articles"),
    ]
    latest = messages["Latest articles in {collection}"]
    assert latest.auto_comments == ["the answer to /latest"]
    assert [path for path, _line in latest.locations] == ["bot/handlers/latest.py"]


def test_template_is_rewritten_only_when_messages_change(
    source_dir: Path, locale_dir: Path
) -> None:
    pot = locale_dir / "messages.pot"
    assert write_template(extract_messages(source_dir), pot) is True
    first = pot.read_bytes()
    assert write_template(extract_messages(source_dir), pot) is False
    assert pot.read_bytes() == first
    (source_dir / "handlers" / "more.py").write_text('t.gettext("More")\n', encoding="utf-8")
    assert write_template(extract_messages(source_dir), pot) is True
    assert "More" in [m.id for m in read_template(pot)]


def test_init_writes_the_language_s_plural_rule(source_dir: Path, locale_dir: Path) -> None:
    path = init_catalog("uk", extract_messages(source_dir), locale_dir)
    assert path == catalog_path("uk", locale_dir)
    catalog = read_catalog("uk", locale_dir)
    assert catalog.num_plurals == 3
    plural = catalog.get(("{count} article", "{count} articles"))
    assert plural is not None and plural.string == ("", "", "")
    with pytest.raises(CatalogError, match="exists already"):
        init_catalog("uk", extract_messages(source_dir), locale_dir)
    with pytest.raises(CatalogError, match="not a language code"):
        init_catalog("xx-nowhere", extract_messages(source_dir), locale_dir)


def test_english_catalog_reads_as_the_code(source_dir: Path, locale_dir: Path) -> None:
    template = extract_messages(source_dir)
    init_catalog("en", template, locale_dir)
    assert check_catalog(read_catalog("en", locale_dir), template, "en") == []
    plural = read_catalog("en", locale_dir).get(("{count} article", "{count} articles"))
    assert plural is not None and plural.string == ("{count} article", "{count} articles")


def test_update_adds_new_marks_changed_drops_removed(source_dir: Path, locale_dir: Path) -> None:
    template = extract_messages(source_dir)
    for code in ("en", "ru", "uk", "de", "fr", "es"):
        init_catalog(code, template, locale_dir)
    ru = read_catalog("ru", locale_dir)
    entry = ru.get("Latest articles in {collection}")
    assert entry is not None
    entry.string = "Новые статьи в подборке {collection}"
    with catalog_path("ru", locale_dir).open("wb") as handle:
        write_po(handle, ru)

    changed = SOURCE.replace("Latest articles in", "Newest articles in").replace(
        'DESCRIPTION = N_("Search the collection")', 'DESCRIPTION = N_("Search")'
    )
    (source_dir / "handlers" / "latest.py").write_text(textwrap.dedent(changed), "utf-8")
    updated = update_catalogs(extract_messages(source_dir), locale_dir)
    assert catalog_path("ru", locale_dir) in updated

    ru = read_catalog("ru", locale_dir)
    moved = ru.get("Newest articles in {collection}")
    assert moved is not None and moved.fuzzy
    assert moved.string == "Новые статьи в подборке {collection}"  # kept for review
    assert ru.get("Latest articles in {collection}") is None
    assert ru.get("Search") is not None and ru.get("Search the collection") is None
    problems = [p.problem for p in check_catalog(ru, extract_messages(source_dir), "ru")]
    assert any("fuzzy" in problem for problem in problems)

    english = read_catalog("en", locale_dir).get("Newest articles in {collection}")
    assert english is not None and not english.fuzzy
    assert english.string == "Newest articles in {collection}"


def test_check_command_on_the_shipped_catalogs() -> None:
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert "All catalogs are complete." in result.output
