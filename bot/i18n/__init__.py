"""The bot's languages: message catalogs (gettext, via Babel), a :class:`Translator` per
language, and dates, times and numbers written the way each language writes them.

    t = translator(resolve_language(user.language_code))
    t.gettext("Only administrators of this chat can change its language.")
    t.ngettext("{count} article", "{count} articles", n)
    t.format_datetime(article.published_at, zone)

Catalogs: ``bot/locale/<lang>/LC_MESSAGES/messages.po``, read at start (see
:mod:`bot.i18n.catalogs`); the workflow is ``python -m bot.i18n update`` then ``check``.
"""

from __future__ import annotations

from .catalogs import CatalogError, load_translations
from .formatting import NaiveDatetimeError
from .languages import (
    DEFAULT_LANGUAGE,
    SUPPORTED_LANGUAGES,
    Language,
    UnsupportedLanguageError,
    chat_language,
    find_language,
    get_language,
    resolve_language,
)
from .localized import LocalizedError
from .translator import N_, Translator, translator

__all__ = [
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
]
