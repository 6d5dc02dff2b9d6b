"""``--chat``: the one way every command reads a chat reference (an id or a public @username)."""

from __future__ import annotations

import click

from storage.chats import normalize_username

__all__ = ["BAD_CHAT", "parse_chat_reference"]

BAD_CHAT = "give a chat id (-1001234567890) or a public @username"


def parse_chat_reference(value: str) -> int | str:
    """A chat id, or a username without its ``@`` (the library looks it up).

    Raises:
        click.BadParameter: neither a number nor a username.
    """
    text = value.strip()
    try:
        return int(text)
    except ValueError:
        pass
    name = normalize_username(text)
    if not name or not name.replace("_", "").isalnum():
        raise click.BadParameter(BAD_CHAT, param_hint="--chat")
    return name
