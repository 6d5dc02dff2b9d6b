"""What a line typed in ``digest-bot try`` means (pure).

Lines starting with ``/`` are bot commands, lines starting with ``:`` are instructions to the
terminal chat itself, anything else is sent as a message. A multi-line article is sent between
``:paste`` and ``:end``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "HELP_TEXT",
    "PASTE_END",
    "Command",
    "Help",
    "Inline",
    "InputError",
    "Paste",
    "Press",
    "Quit",
    "SendFile",
    "Text",
    "TryInput",
    "parse_input",
]

PASTE_END = ":end"

HELP_TEXT = """\
You are chatting with the bot in a private chat, as a Telegram user would.
  /command args     send a bot command, e.g. /start, /help, /latest, /article 1
  any other text    a message: short text is a search, a long text is saved as an article
  :paste            send the following lines as ONE message, up to a line ':end'
  :file PATH        send a file as a document (.txt, .md, .html)
  :press N          press button N of the last bot message that has buttons
  :inline WORDS     an inline query, as if you typed '@bot WORDS' in any chat
  :help             this help
  :quit             leave (Ctrl-D works too)"""


class InputError(ValueError):
    """The line is not a valid terminal-chat instruction; the message says what is expected."""


@dataclass(frozen=True)
class Command:
    """``/command args``."""

    text: str


@dataclass(frozen=True)
class Text:
    """A message that is not a command."""

    text: str


@dataclass(frozen=True)
class Paste:
    """Start collecting lines into one message, up to :data:`PASTE_END`."""


@dataclass(frozen=True)
class SendFile:
    """Send the file at ``path`` as a document."""

    path: str


@dataclass(frozen=True)
class Press:
    """Press the ``number``-th (1-based) button of the last keyboard."""

    number: int


@dataclass(frozen=True)
class Inline:
    """An inline query."""

    query: str


@dataclass(frozen=True)
class Help:
    """Show :data:`HELP_TEXT`."""


@dataclass(frozen=True)
class Quit:
    """Leave the chat."""


TryInput = Command | Text | Paste | SendFile | Press | Inline | Help | Quit


def parse_input(line: str) -> TryInput | None:
    """The meaning of one typed line; None for a blank line.

    Raises:
        InputError: an unknown ``:`` instruction or a missing or bad argument.
    """
    stripped = line.strip()
    if not stripped:
        return None
    if stripped.startswith("/"):
        return Command(stripped)
    if not stripped.startswith(":"):
        return Text(stripped)
    name, _, argument = stripped.partition(" ")
    argument = argument.strip()
    if name in (":help", ":quit", ":paste"):
        if argument:
            raise InputError(f"{name} takes no argument")
        bare: dict[str, Help | Quit | Paste] = {":help": Help(), ":quit": Quit(), ":paste": Paste()}
        return bare[name]
    if name == ":file":
        if not argument:
            raise InputError(":file needs a path, e.g. :file article.txt")
        return SendFile(argument)
    if name == ":press":
        if not argument.isdigit() or int(argument) < 1:
            raise InputError(":press needs a button number, e.g. :press 1")
        return Press(int(argument))
    if name == ":inline":
        return Inline(argument)
    raise InputError(f"unknown instruction {name}; type :help for the list")
