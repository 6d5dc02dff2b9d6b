"""Message catalogs: where the ``.po`` files live and how they become gettext translations.

The catalogs ship as ``.po`` text only (``bot/locale/<lang>/LC_MESSAGES/messages.po``, listed as
package data) and are turned into translations when a language is first used: Babel reads the
``.po`` (:func:`babel.messages.pofile.read_po`), writes it as ``.mo`` bytes into memory
(:func:`babel.messages.mofile.write_mo`) and the standard library's
:class:`gettext.GNUTranslations` reads those bytes. The result is cached per catalog.

Why not ``.mo`` files compiled at build time: setuptools has no standard build step for them, so
compiling would need a custom command class that an editable install (``pip install -e``) does
not run, leaving a checkout without catalogs or with stale ones; committing ``.mo`` files instead
means binary diffs that drift from their ``.po``. Reading the ``.po`` keeps ``pip install .``
the only step, makes an edited ``.po`` take effect on the next start, and costs a few
milliseconds per language, once.

Going through ``.mo`` bytes, rather than looking messages up in Babel's catalog directly, gives
gettext's own semantics: the plural rule is the catalog header's ``Plural-Forms``, fuzzy and
untranslated messages fall back to the English message id.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

__all__ = [
    "CATALOG_DOMAIN",
    "LOCALE_DIR",
    "CatalogError",
    "catalog_path",
    "load_translations",
    "read_catalog",
]

#: The gettext domain: every catalog is ``<lang>/LC_MESSAGES/messages.po``.
CATALOG_DOMAIN = "messages"

#: The catalogs shipped with the package.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


class CatalogError(RuntimeError):
    """A message catalog is missing or cannot be read."""


def catalog_path(code: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """The ``.po`` file of language ``code`` under ``locale_dir``."""
    return locale_dir / code / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.po"


def read_catalog(code: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The Babel catalog of language ``code``, obsolete (``#~``) entries left out.

    Raises:
        CatalogError: the file is missing or is not a valid ``.po`` file.
    """
    path = catalog_path(code, locale_dir)
    try:
        with path.open("rb") as po_file:
            return read_po(po_file, locale=code, ignore_obsolete=True, abort_invalid=True)
    except FileNotFoundError:
        raise CatalogError(
            f"No message catalog for {code!r} at {path}; create it with "
            f"`python -m bot.i18n init {code}`"
        ) from None
    except (PoFileError, ValueError) as exc:
        raise CatalogError(f"{path} is not a valid .po file: {exc}") from exc


@functools.cache
def load_translations(code: str, locale_dir: Path = LOCALE_DIR) -> gettext.GNUTranslations:
    """gettext translations for language ``code`` built from its ``.po`` file (cached).

    Raises:
        CatalogError: the file is missing or is not a valid ``.po`` file.
    """
    mo_bytes = io.BytesIO()
    write_mo(mo_bytes, read_catalog(code, locale_dir), use_fuzzy=False)
    mo_bytes.seek(0)
    return gettext.GNUTranslations(mo_bytes)
