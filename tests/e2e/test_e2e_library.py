"""/latest, /article, /delete and /stats: what a chat sees, and who may delete."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.handlers.library import DELETE_REFUSED, DELETED, NOT_FOUND

from .conftest import GROUP_ID, OTHER_GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

StoreArticle = Callable[..., Awaitable[int]]


async def test_latest_lists_the_newest_first(bot_env: BotEnv, store_article: StoreArticle) -> None:
    ids = [await store_article(bot_env, USER_ID, f"Story {n} <&>") for n in range(3)]
    await store_article(bot_env, GROUP_ID, "Not for this chat")
    sandbox = bot_env.sandbox
    sandbox.send_command(USER_ID, USER_ID, "/latest 2")
    [answer] = await sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith("Latest added (2)")
    assert answer.text.index(f"#{ids[2]}") < answer.text.index(f"#{ids[1]}")
    assert f"#{ids[0]}" not in answer.text and "Not for this chat" not in answer.text
    assert "Story 2 <&>" in answer.text

    sandbox.send_command(USER_ID, USER_ID, "/latest 500")
    [usage] = await sandbox.wait_for_messages(USER_ID)
    assert usage.text.startswith("Usage: /latest")
    assert sandbox.rejected == []


async def test_article_shows_the_full_card(bot_env: BotEnv, store_article: StoreArticle) -> None:
    article_id = await store_article(
        bot_env,
        GROUP_ID,
        "Rail strike ends",
        "Unions and the operator signed the deal at dawn.",
        lead_quote="This is a fair deal for everyone",
        quote_speaker="Ana Silva",
    )
    bot_env.sandbox.send_command(GROUP_ID, USER_ID, f"/article #{article_id}")
    [answer] = await bot_env.sandbox.wait_for_messages(GROUP_ID)
    assert answer.text.startswith("Rail strike ends")
    assert "“This is a fair deal for everyone” — Ana Silva" in answer.text
    assert "signed the deal at dawn" in answer.text
    assert bot_env.sandbox.rejected == []


async def test_another_chats_article_reads_like_a_missing_one(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    foreign = await store_article(bot_env, GROUP_ID, "Desk A exclusive")
    missing = foreign + 1000
    sandbox = bot_env.sandbox
    sandbox.send_command(OTHER_GROUP_ID, USER_ID, f"/article {foreign}")
    sandbox.send_command(OTHER_GROUP_ID, USER_ID, f"/article {missing}")
    [for_foreign, for_missing] = await sandbox.wait_for_messages(OTHER_GROUP_ID, 2)
    assert for_foreign.text == NOT_FOUND.format(id=foreign)
    assert for_missing.text == NOT_FOUND.format(id=missing)


async def test_only_the_submitter_or_an_owner_deletes(
    make_bot: Callable[..., Awaitable[BotEnv]], store_article: StoreArticle
) -> None:
    env = await make_bot(access={"owners": (4242,)})
    env.sandbox.add_user(4242, "Olga", "olga")
    sandbox = env.sandbox
    by_bob = await store_article(env, GROUP_ID, "Bob's story", submitted_by=OTHER_USER_ID)
    also_by_bob = await store_article(
        env, GROUP_ID, "Bob's second story", submitted_by=OTHER_USER_ID
    )

    sandbox.send_command(GROUP_ID, USER_ID, f"/delete {by_bob}")
    [refused] = await sandbox.wait_for_messages(GROUP_ID)
    assert refused.text == DELETE_REFUSED.format(id=by_bob)
    assert await env.library.get_article(by_bob, viewer_chat_id=None) is not None

    sandbox.send_command(GROUP_ID, OTHER_USER_ID, f"/delete {by_bob}")
    [deleted] = await sandbox.wait_for_messages(GROUP_ID)
    assert deleted.text == DELETED.format(id=by_bob)
    assert await env.library.get_article(by_bob, viewer_chat_id=None) is None

    sandbox.send_command(GROUP_ID, 4242, f"/delete {also_by_bob}")
    [by_owner] = await sandbox.wait_for_messages(GROUP_ID)
    assert by_owner.text == DELETED.format(id=also_by_bob)
    assert sandbox.rejected == []


async def test_delete_needs_the_article_to_be_visible_here(
    make_bot: Callable[..., Awaitable[BotEnv]], store_article: StoreArticle
) -> None:
    env = await make_bot(access={"owners": (USER_ID,)})
    article_id = await store_article(env, GROUP_ID, "Stays put", submitted_by=USER_ID)
    env.sandbox.send_command(OTHER_GROUP_ID, USER_ID, f"/delete {article_id}")
    [answer] = await env.sandbox.wait_for_messages(OTHER_GROUP_ID)
    assert answer.text == NOT_FOUND.format(id=article_id)
    assert await env.library.get_article(article_id, viewer_chat_id=None) is not None


async def test_stats_counts_what_the_chat_sees_and_owners_see_all(
    make_bot: Callable[..., Awaitable[BotEnv]], store_article: StoreArticle
) -> None:
    env = await make_bot(access={"owners": (USER_ID,)})
    await store_article(env, USER_ID, "Mine", lang="en")
    await store_article(env, GROUP_ID, "Group one")
    await store_article(env, GROUP_ID, "Group two")
    sandbox = env.sandbox

    sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/stats")
    [in_group] = await sandbox.wait_for_messages(GROUP_ID)
    assert "Articles: 2 in 1 collection" in in_group.text
    assert "Whole library" not in in_group.text

    sandbox.send_command(USER_ID, USER_ID, "/stats")
    [owner] = await sandbox.wait_for_messages(USER_ID)
    this_chat, whole = owner.text.split("Whole library")
    assert "Articles: 1 in 1 collection" in this_chat and "Languages: en 1" in this_chat
    assert "Articles: 3 in 2 collections" in whole
    assert sandbox.rejected == []
