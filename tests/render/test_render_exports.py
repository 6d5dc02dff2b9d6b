"""The public names of the pure rendering and scheduling modules are the ones we mean."""

from __future__ import annotations

import bot.render
import bot.schedule


def test_render_public_names() -> None:
    assert set(bot.render.__all__) == {
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
    }
    assert all(hasattr(bot.render, name) for name in bot.render.__all__)
    assert bot.render.MAX_MESSAGE_UNITS == 4096


def test_schedule_public_names_exist() -> None:
    assert all(hasattr(bot.schedule, name) for name in bot.schedule.__all__)
    assert "next_due" in bot.schedule.__all__ and "parse_subscribe_args" in bot.schedule.__all__
