"""Is a message a search or an article? One answer for every handler (DESIGN §4).

In a private chat a non-command text under :data:`SEARCH_TEXT_MAX_CHARS` characters on one line
is a search; a longer text, several lines, a message that is only a link, a forward with text
or a document is an article. :data:`SEARCH_TEXT` and :data:`ARTICLE_MESSAGE` are the two
python-telegram-bot filters built on that rule: a private text always matches exactly one.
"""

from __future__ import annotations

import re

from telegram import Message
from telegram.constants import MessageEntityType
from telegram.ext import filters

__all__ = [
    "ARTICLE_MESSAGE",
    "SEARCH_TEXT",
    "SEARCH_TEXT_MAX_CHARS",
    "is_bare_url",
    "is_only_a_url",
    "is_search_text",
    "linked_url",
]

#: Private-chat text shorter than this, on one line, is a search; longer text is an article.
SEARCH_TEXT_MAX_CHARS = 200
_URL_ONLY = re.compile(r"https?://\S+", re.IGNORECASE)
_HAS_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def is_bare_url(text: str) -> bool:
    """Whether ``text`` (stripped) is one ``http(s)://`` address and nothing else."""
    return _URL_ONLY.fullmatch(text.strip()) is not None


def linked_url(message: Message) -> str | None:
    """The URL when the whole text of ``message`` is one link, else None.

    Telegram marks links without a scheme too (``example.com/news``): those get ``http://``,
    as Telegram's apps open them. A ``text_link`` gives its hidden target.
    """
    text = (message.text or "").strip()
    if not text:
        return None
    url: str | None = None
    links = message.parse_entities([MessageEntityType.URL, MessageEntityType.TEXT_LINK])
    for entity, shown in links.items():
        if shown.strip() == text:
            url = entity.url if entity.type == MessageEntityType.TEXT_LINK else text
            break
    if url is None and is_bare_url(text):
        url = text
    if url is not None and not _HAS_SCHEME.match(url):
        url = "http://" + url
    return url


def is_only_a_url(message: Message) -> bool:
    """Whether the message is only a link (see :func:`linked_url`): one that Telegram
    recognised, ``example.com/x`` without a scheme too, or a bare address."""
    return linked_url(message) is not None


def is_search_text(text: str) -> bool:
    """Whether private-chat text is a search: under 200 characters, one line, not only a URL.

    The complement (200+ characters, several lines, or only a URL) is an article for ingestion.
    """
    stripped = text.strip()
    return (
        bool(stripped)
        and len(text) < SEARCH_TEXT_MAX_CHARS
        and len(stripped.splitlines()) == 1
        and not is_bare_url(stripped)
    )


class _SearchText(filters.MessageFilter):
    """Short single-line text that is not a link (see :func:`is_search_text`)."""

    def filter(self, message: Message) -> bool:
        return (
            message.text is not None and is_search_text(message.text) and not is_only_a_url(message)
        )


class _ArticleMessage(filters.MessageFilter):
    """A message that holds an article: a document, a forward with text, or a non-command text
    that is not a search (200+ characters, several lines, or only a link)."""

    __slots__ = ()

    def filter(self, message: Message) -> bool:
        if message.document is not None:
            return True
        if message.forward_origin is not None:
            return bool(message.text or message.caption)
        text = message.text
        # filters.COMMAND's own test, asked after the forward check: a forwarded post that
        # starts with a command is still an article.
        if not text or filters.COMMAND.filter(message):
            return False
        return not is_search_text(text) or is_only_a_url(message)


#: Private-chat messages that are searches. Forwards and commands are never searches.
SEARCH_TEXT = (
    filters.ChatType.PRIVATE
    & filters.UpdateType.MESSAGE
    & filters.TEXT
    & ~filters.COMMAND
    & ~filters.FORWARDED
    & _SearchText(name="SEARCH_TEXT")
)

#: Messages that hold an article (any chat); private chats store every one of them.
ARTICLE_MESSAGE = _ArticleMessage(name="ArticleMessage")
