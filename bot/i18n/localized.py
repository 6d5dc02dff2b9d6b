"""Errors whose message a user reads, in the user's language.

An error raised deep in intake, fetching or scheduling does not know who will read it. It
keeps its message as a catalog template and the values to fill in: ``str(error)`` is the
English text (logs, the CLI, tests; numbers written "1,000,001"), and the boundary that
answers a user asks for :meth:`LocalizedError.in_language`.

    raise TextTooLongError(
        N_("The text has {chars} characters; at most {limit} are accepted."),
        chars=len(text), limit=limit,
    )
"""

from __future__ import annotations

from decimal import Decimal

from .languages import DEFAULT_LANGUAGE
from .translator import Translator, translator

__all__ = ["LocalizedError"]


class LocalizedError(Exception):
    """An error with a message template (marked with :func:`bot.i18n.N_`) and its fields.

    Field values are plain text, numbers, or another LocalizedError (a reason wrapped in a
    hint); :meth:`in_language` writes numbers the reader's way ("1 000 000" in Russian) and
    the wrapped error in the reader's language. Nothing is escaped: escape the result for HTML.
    """

    def __init__(self, message: str, /, **fields: object) -> None:
        self.template = message
        self.fields = fields
        super().__init__(self.in_language(translator(DEFAULT_LANGUAGE)))

    def in_language(self, t: Translator) -> str:
        """The message in ``t``'s language, numbers formatted for it."""
        if not self.fields:
            return t.known_message(self.template)
        return t.gettext(
            self.template, **{name: _field(t, value) for name, value in self.fields.items()}
        )


def _field(t: Translator, value: object) -> object:
    if isinstance(value, LocalizedError):
        return value.in_language(t)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return t.format_number(value)
    return value
