"""Inline mode: ``@bot words`` answers from the user's private library, personal, paged."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.render import to_plain_text

from .conftest import GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

StoreArticle = Callable[..., Awaitable[int]]


async def test_inline_results_are_personal_cards_from_the_private_library(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    own = [await store_article(bot_env, USER_ID, f"Budget vote {n}") for n in range(25)]
    await store_article(bot_env, GROUP_ID, "Budget leak in the group")
    await store_article(bot_env, OTHER_USER_ID, "Budget notes of Bob")
    sandbox = bot_env.sandbox

    first = await sandbox.wait_for_answer(sandbox.inline_query(USER_ID, "budget"))
    assert first["is_personal"] is True
    assert len(first["results"]) == 20
    assert first["next_offset"] == "20"
    second = await sandbox.wait_for_answer(sandbox.inline_query(USER_ID, "budget", "20"))
    assert len(second["results"]) == 5 and second["next_offset"] == ""

    ids = [int(result["id"]) for result in first["results"] + second["results"]]
    assert sorted(ids) == sorted(own)
    card = first["results"][0]
    assert card["type"] == "article" and card["title"].startswith("Budget vote")
    content = card["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert f"#{card['id']}" in to_plain_text(content["message_text"])
    assert sandbox.rejected == []


async def test_an_empty_inline_query_shows_the_latest(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    # Two different stories (the same text twice would be one story, shown once).
    older = await store_article(
        bot_env, USER_ID, "Harbour ferry returns", "The ferry sails again after repairs."
    )
    newer = await store_article(
        bot_env, USER_ID, "Council approves budget", "The city council voted on Tuesday."
    )
    answer = await bot_env.sandbox.wait_for_answer(bot_env.sandbox.inline_query(USER_ID, ""))
    assert [int(result["id"]) for result in answer["results"]] == [newer, older]
    assert answer["is_personal"] is True


@pytest.mark.parametrize(
    "query", ['NEAR(" AND *', '"open quote', "1; SELECT * FROM articles", "\u202e\u0000\ufeff" * 80]
)
async def test_hostile_inline_queries_are_answered(
    bot_env: BotEnv, store_article: StoreArticle, query: str
) -> None:
    await store_article(bot_env, USER_ID, "Open quote of the day")
    answer = await bot_env.sandbox.wait_for_answer(bot_env.sandbox.inline_query(USER_ID, query))
    assert isinstance(answer["results"], list)
    assert bot_env.sandbox.rejected == []


def test_inline_titles_drop_direction_overrides() -> None:
    import datetime as dt

    from bot.handlers.search import inline_result
    from bot.i18n import translator
    from storage.models import Article

    article = Article(
        id=7,
        chat_id=1,
        headline="Budget \u202eapproved\u202c today",
        body="b",
        content_hash="h",
        published=dt.date(2024, 1, 2),
        date_source="header",
        lead_quote="We will \u2066spend\u2069 wisely",
        quote_speaker=None,
        lead="",
        lang="en",
        format="text",
        message_id=None,
        submitted_by=None,
        source_url=None,
        source_title=None,
        ingested_at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
    )
    result = inline_result(translator("en"), article, None)
    assert result.title == "Budget approved today"
    assert "\u2066" not in result.description and "spend" in result.description
