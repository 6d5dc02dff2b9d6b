"""The translators' workflow, on the source tree: extract the messages the code uses into
``bot/locale/messages.pot``, merge them into every catalog, start a catalog for a new language,
and check them all. Babel's Python API does the work; no ``babel.cfg`` or ``setup.cfg``.

There is nothing to compile: the bot reads the ``.po`` files when it starts (see
:mod:`bot.i18n.catalogs`).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .catalogs import LOCALE_DIR, CatalogError, catalog_path, read_catalog
from .languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from .lint import CatalogProblem, check_catalog, check_template

__all__ = [
    "SOURCE_DIR",
    "TEMPLATE_PATH",
    "check_catalogs",
    "extract_messages",
    "init_catalog",
    "read_template",
    "update_catalogs",
    "write_template",
]

#: The package whose Python files are searched for messages.
SOURCE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_PATH = LOCALE_DIR / "messages.pot"

#: The calls whose string arguments are messages: ``t.gettext(...)``, ``t.ngettext(...)`` and
#: the :func:`bot.i18n.N_` marker. A ``# TRANSLATORS:`` comment just above goes with them.
KEYWORDS: dict[str, tuple[int, ...] | None] = {"gettext": None, "ngettext": (1, 2), "N_": None}
COMMENT_TAGS = ("TRANSLATORS:",)

#: The messages in the code are written in this language; its catalog copies them.
SOURCE_LANGUAGE = DEFAULT_LANGUAGE

_HEADER_COMMENT = (
    "# Messages of digest-bot.\n"
    "# Keep bot/locale/GLOSSARY.md at hand; run `python -m bot.i18n check` after editing."
)


def _new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        header_comment=_HEADER_COMMENT,
        project="digest-bot",
        version=importlib.metadata.version("digest-bot"),
        language_team="digest-bot",
        last_translator="digest-bot",
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
    )


def extract_messages(source_dir: Path = SOURCE_DIR) -> Catalog:
    """A template of every message in the Python files under ``source_dir``."""
    catalog = _new_catalog()
    found = extract_from_dir(
        source_dir,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (f"{source_dir.name}/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _write(catalog: Catalog, path: Path) -> None:
    # Without line numbers: editing code above a message does not touch every catalog.
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def _fingerprint(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a template says, line numbers aside (the file is written without them)."""
    return [
        (m.id, m.context, sorted({path for path, _line in m.locations}), m.auto_comments)
        for m in catalog
        if m.id
    ]


def read_template(path: Path = TEMPLATE_PATH) -> Catalog:
    """The committed messages.pot.

    Raises:
        CatalogError: it is missing; `python -m bot.i18n extract` writes it.
    """
    try:
        with path.open("rb") as pot_file:
            return read_po(pot_file)
    except FileNotFoundError:
        raise CatalogError(f"No {path}; write it with `python -m bot.i18n extract`") from None


def write_template(template: Catalog, path: Path = TEMPLATE_PATH) -> bool:
    """Write ``template`` to ``path`` unless the file already holds the same messages (so its
    creation date does not change for nothing). True when the file was written."""
    if path.exists() and _fingerprint(read_template(path)) == _fingerprint(template):
        return False
    _write(template, path)
    return True


def _copy_source_messages(catalog: Catalog) -> None:
    """In the source language's catalog, a message nobody has edited reads as in the code."""
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            if isinstance(message.id, tuple):
                singular, plural = message.id[0], message.id[1]
                message.string = (singular, *[plural] * (catalog.num_plurals - 1))
            else:
                message.string = message.id
            message.flags.discard("fuzzy")


def init_catalog(code: str, template: Catalog, locale_dir: Path = LOCALE_DIR) -> Path:
    """Start the catalog of a new language from ``template``; its header carries the
    language's plural rule (CLDR, through Babel). Returns the new ``.po`` file.

    Raises:
        CatalogError: the catalog exists already, or ``code`` is not a language Babel knows.
    """
    path = catalog_path(code, locale_dir)
    if path.exists():
        raise CatalogError(f"{path} exists already; `python -m bot.i18n update` refreshes it")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise CatalogError(f"{code!r} is not a language code Babel knows: {exc}") from exc
    catalog = _new_catalog(code)
    catalog.revision_date = dt.datetime.now(dt.UTC)
    catalog.update(template)
    if code == SOURCE_LANGUAGE:
        _copy_source_messages(catalog)
    _write(catalog, path)
    return path


def update_catalogs(template: Catalog, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Merge ``template`` into the catalog of every supported language: new messages arrive
    untranslated, changed ones keep their old translation marked fuzzy (for review), removed
    ones go. Returns the catalogs whose file changed.

    Raises:
        CatalogError: a supported language has no readable catalog.
    """
    changed = []
    for language in SUPPORTED_LANGUAGES:
        path = catalog_path(language.code, locale_dir)
        before = path.read_bytes() if path.exists() else b""
        catalog = read_catalog(language.code, locale_dir)
        catalog.update(template, update_header_comment=False)
        if language.code == SOURCE_LANGUAGE:
            _copy_source_messages(catalog)
        _write(catalog, path)
        if path.read_bytes() != before:
            changed.append(path)
    return changed


def check_catalogs(
    locale_dir: Path = LOCALE_DIR, source_dir: Path = SOURCE_DIR
) -> list[CatalogProblem]:
    """Every problem of messages.pot (against the code) and of every catalog (against
    messages.pot), plus catalogs of languages the bot does not list."""
    template = read_template(locale_dir / TEMPLATE_PATH.name)
    problems = check_template(template, extract_messages(source_dir))
    for language in SUPPORTED_LANGUAGES:
        problems += check_catalog(read_catalog(language.code, locale_dir), template, language.code)
    listed = {language.code for language in SUPPORTED_LANGUAGES}
    problems += [
        CatalogProblem(path.name, "", "has a catalog but is not in SUPPORTED_LANGUAGES")
        for path in sorted(locale_dir.iterdir())
        if path.is_dir() and path.name not in listed
    ]
    return problems
