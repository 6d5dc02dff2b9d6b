"""Pure rendering to Telegram HTML: cards, result lists, subscriptions and digests.

Every renderer takes the reader's :class:`bot.i18n.Translator` as a parameter and writes its
words, dates and numbers in that language; none looks a language up by itself.

Everything that comes from users or articles is escaped here; every reply fits one message
(digests are split into parts on article boundaries). Nothing here talks to Telegram or storage.
"""

from bot.utf16 import utf16_len

from .cards import article_card, article_full, duplicate_notice
from .digest_parts import render_digest
from .lists import latest_list, no_results, search_results, snippet_html
from .story_groups import StoryEntry, first_per_story, group_stories
from .story_versions import STORY_NOT_FOUND, STORY_USAGE, story_versions
from .subscriptions import subscription_label, subscriptions_list, weekdays_text
from .text import (
    MAX_MESSAGE_ENTITIES,
    MAX_MESSAGE_UNITS,
    entity_count,
    escape_text,
    to_plain_text,
    truncate_visible,
    visible_length,
)

__all__ = [
    "MAX_MESSAGE_ENTITIES",
    "MAX_MESSAGE_UNITS",
    "STORY_NOT_FOUND",
    "STORY_USAGE",
    "StoryEntry",
    "article_card",
    "article_full",
    "duplicate_notice",
    "entity_count",
    "escape_text",
    "first_per_story",
    "group_stories",
    "latest_list",
    "no_results",
    "render_digest",
    "search_results",
    "snippet_html",
    "story_versions",
    "subscription_label",
    "subscriptions_list",
    "to_plain_text",
    "truncate_visible",
    "utf16_len",
    "visible_length",
    "weekdays_text",
]
