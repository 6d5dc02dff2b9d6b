"""One language's messages and formats, bound together: what a reply is written with."""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from decimal import Decimal

from babel import Locale

from . import formatting
from .catalogs import load_translations
from .languages import Language, get_language

__all__ = ["N_", "Translator", "translator"]


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark ``message`` for extraction without translating it: for module-level constants
    (command descriptions) that are translated later, per reader, with
    :meth:`Translator.gettext`."""
    return message


class Translator:
    """Messages, dates and numbers in one language.

    Every message is a :meth:`str.format` template: placeholders are ``{name}`` and literal
    braces are written ``{{`` and ``}}``. Values are inserted as given: escape them for HTML
    before passing them in.
    """

    def __init__(self, language: Language, translations: gettext.NullTranslations) -> None:
        self.language = language
        self.locale = Locale.parse(language.locale)
        self._translations = translations
        # Babel reads a locale's CLDR data on its first use (15-20 ms of unpickling). Read it
        # here: a translator is built once per language (for every language at startup, for
        # the command menus), so the first digest or reply written with it does not pay it.
        self.format_number(0)

    def __repr__(self) -> str:
        return f"Translator({self.language.code!r})"

    def gettext(self, message: str, /, **fields: object) -> str:
        """``message`` in this language, its ``{placeholders}`` filled from ``fields``.

        Raises:
            KeyError: the message names a placeholder that ``fields`` does not give.
        """
        return self._translations.gettext(message).format(**fields)

    def known_message(self, message: str) -> str:
        """The translation of a message kept as its English text (a pause reason stored in the
        library, an error without fields), or ``message`` itself when the catalog lacks it.
        Nothing is filled in: braces in ``message`` stay as they are."""
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int, /, **fields: object) -> str:
        """The form of a message for ``count`` by the catalog's plural rule (three forms in
        Russian and Ukrainian), with ``{count}`` filled by the number written in this language
        ("1 234" in Russian) and the other placeholders from ``fields``.

        Raises:
            KeyError: the message names a placeholder that ``fields`` does not give.
        """
        template = self._translations.ngettext(singular, plural, count)
        return template.format(count=self.format_number(count), **fields)

    def format_date(self, value: dt.date) -> str:
        """The date in words: "3 December 2026", "3 декабря 2026", "3. Dezember 2026"."""
        return formatting.format_date(value, self.locale)

    def format_time(self, moment: dt.datetime, zone: dt.tzinfo) -> str:
        """The clock time in ``zone``, with the zone: "14:30 CET", "16:30 UTC+3"."""
        return formatting.format_time(moment, zone, self.locale)

    def format_datetime(self, moment: dt.datetime, zone: dt.tzinfo) -> str:
        """Date and time in ``zone``, with the zone: "3 December 2026, 14:30 CET"."""
        return formatting.format_datetime(moment, zone, self.locale)

    def format_zone(self, moment: dt.datetime, zone: dt.tzinfo) -> str:
        """The zone at that moment as readers of this language write it: "CET", "MEZ", "UTC+3"."""
        return formatting.format_zone(moment, zone, self.locale)

    def format_number(self, value: int | float | Decimal) -> str:
        """A number with this language's separators: "1,234.5", "1 234,5", "1.234,5"."""
        return formatting.format_number(value, self.locale)

    def format_percent(self, fraction: float) -> str:
        """A fraction (0.42) as a percentage written this language's way: "42%", "42 %"."""
        return formatting.format_percent(fraction, self.locale)

    def format_relative(self, delta: dt.timedelta) -> str:
        """A span from now in words: "in 3 hours", "через 3 часа", "vor 2 Tagen"."""
        return formatting.format_relative(delta, self.locale)


@functools.cache
def translator(code: str) -> Translator:
    """The translator of a supported language, built from its shipped catalog once.

    Raises:
        bot.i18n.UnsupportedLanguageError: ``code`` is not a supported language.
        bot.i18n.CatalogError: its catalog is missing or unreadable.
    """
    return Translator(get_language(code), load_translations(code))
