"""What the bot says about languages: the ``/lang`` command's description and replies.

Each reply that names a language is shown only in that language (the current one, or the one
just chosen), so its catalog entry names the language itself, in the grammatical case the
sentence needs ("по-русски", "українською", "auf Deutsch") instead of inserting a name.
"""

from __future__ import annotations

import html

from .translator import N_, Translator

__all__ = [
    "LANG_COMMAND_DESCRIPTION",
    "admins_only_text",
    "current_language_text",
    "language_set_text",
    "unknown_language_text",
]

#: The ``/lang`` entry of the command menu; translate it with :meth:`Translator.gettext`.
LANG_COMMAND_DESCRIPTION = N_("Choose the language the bot replies in")


def current_language_text(t: Translator) -> str:
    """``/lang`` alone: the chat's language, above the language buttons."""
    # TRANSLATORS: shown only in your language, so name your own language here.
    return t.gettext("I reply in English in this chat. Choose another language:")


def language_set_text(t: Translator) -> str:
    """The confirmation after ``/lang`` changed the language, written with the new one."""
    # TRANSLATORS: shown only in your language, so name your own language here.
    return t.gettext("Done: from now on I reply in English in this chat.")


def unknown_language_text(t: Translator, requested: str) -> str:
    """``/lang`` with a language the bot does not speak; the buttons follow."""
    return t.gettext(
        "I can't reply in “{language}”. Choose one of these languages:",
        language=html.escape(requested),
    )


def admins_only_text(t: Translator) -> str:
    """``/lang`` in a group or channel from someone who does not administer it."""
    return t.gettext("Only administrators of this chat can change its language.")
