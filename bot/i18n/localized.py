"""Errors whose message a user reads, in the user's language.

An error raised deep in intake, fetching or scheduling does not know who will read it. It
keeps its message as a catalog template and the values to fill in: ``str(error)`` is the
English text (logs, the CLI, tests), and the boundary that answers a user asks for
:meth:`LocalizedError.in_language`.

    raise TextTooLongError(
        N_("The text has {chars} characters; at most {limit} are accepted."),
        chars=len(text), limit=limit,
    )
"""

from __future__ import annotations

from decimal import Decimal

from .translator import Translator

__all__ = ["LocalizedError"]


class LocalizedError(Exception):
    """An error with a message template (marked with :func:`bot.i18n.N_`) and its fields.

    Field values are plain text or numbers; numbers are written the reader's way ("1 000 000"
    in Russian) by :meth:`in_language`. Nothing is escaped: escape the result for HTML.
    """

    def __init__(self, message: str, /, **fields: object) -> None:
        self.template = message
        self.fields = fields
        super().__init__(message.format(**fields) if fields else message)

    def in_language(self, t: Translator) -> str:
        """The message in ``t``'s language, numbers formatted for it."""
        if not self.fields:
            return t.known_message(self.template)
        return t.gettext(
            self.template,
            **{
                name: t.format_number(value) if _is_number(value) else value
                for name, value in self.fields.items()
            },
        )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
