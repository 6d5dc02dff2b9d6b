"""/follow, /unfollow, /following and /settings: who may follow what, and admins-only settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.handlers.following import (
    ADMINS_ONLY,
    AUTO_INGEST_ON,
    FOLLOW_REFUSED,
    parse_chat_reference,
)

from .conftest import CHANNEL_ID, GROUP_ID, OTHER_GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

StoreArticle = Callable[..., Awaitable[int]]
PRIVATE_GROUP = -1001000000009
CLOSED_PUBLIC_GROUP = -1001000000010


async def _command(env: BotEnv, chat_id: int, user_id: int, text: str) -> str:
    env.sandbox.send_command(chat_id, user_id, text)
    [answer] = await env.sandbox.wait_for_messages(chat_id)
    return answer.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@newsroom", "@newsroom"),
        ("newsroom", "@newsroom"),
        ("https://t.me/newsroom", "@newsroom"),
        ("t.me/newsroom/", "@newsroom"),
        ("-1001000000003", -1001000000003),
        ("@no", None),
        ("https://evil.example/newsroom", None),
    ],
)
def test_chat_references(text: str, expected: str | int | None) -> None:
    assert parse_chat_reference(text) == expected


async def test_following_a_public_channel_the_bot_reads_shows_its_articles(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    await store_article(bot_env, CHANNEL_ID, "Newsroom scoop on tariffs")
    reply = await _command(bot_env, USER_ID, USER_ID, "/follow @newsroom")
    assert reply.startswith("Now following Newsroom (@newsroom)")

    bot_env.sandbox.send_text(USER_ID, USER_ID, "tariffs")
    [found] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert "Newsroom scoop on tariffs" in found.text

    assert "Newsroom (@newsroom)" in await _command(bot_env, USER_ID, USER_ID, "/following")
    assert (await _command(bot_env, USER_ID, USER_ID, "/unfollow @newsroom")).startswith(
        "Stopped following"
    )
    bot_env.sandbox.send_text(USER_ID, USER_ID, "tariffs")
    [gone] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert gone.text.startswith("Nothing found")
    assert bot_env.sandbox.rejected == []


async def test_refusals_do_not_reveal_whether_a_chat_exists(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.add_chat(PRIVATE_GROUP, "supergroup", title="Secret desk")
    sandbox.add_chat(CLOSED_PUBLIC_GROUP, "supergroup", title="Closed", username="closedgroup")
    sandbox.set_member(CLOSED_PUBLIC_GROUP, sandbox.bot_user["id"], "left")

    missing = await _command(bot_env, USER_ID, USER_ID, "/follow @nosuchchat")
    secret = await _command(bot_env, USER_ID, USER_ID, f"/follow {PRIVATE_GROUP}")
    closed = await _command(bot_env, USER_ID, USER_ID, "/follow @closedgroup")
    assert missing == FOLLOW_REFUSED.format(ref="@nosuchchat")
    assert secret == FOLLOW_REFUSED.format(ref=PRIVATE_GROUP)
    assert closed == FOLLOW_REFUSED.format(ref="@closedgroup")
    assert await bot_env.library.following(USER_ID) == []


async def test_a_member_may_follow_a_private_group(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    bot_env.sandbox.set_member(OTHER_GROUP_ID, USER_ID, "member")
    await store_article(bot_env, OTHER_GROUP_ID, "Desk B memo on pensions")
    reply = await _command(bot_env, USER_ID, USER_ID, f"/follow {OTHER_GROUP_ID}")
    assert reply.startswith("Now following Desk B")
    refused = await _command(bot_env, OTHER_USER_ID, OTHER_USER_ID, f"/follow {OTHER_GROUP_ID}")
    assert refused == FOLLOW_REFUSED.format(ref=OTHER_GROUP_ID)
    assert [chat.chat_id for chat in await bot_env.library.following(USER_ID)] == [OTHER_GROUP_ID]


async def test_in_groups_only_admins_follow(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.set_member(GROUP_ID, USER_ID, "member")
    sandbox.set_member(GROUP_ID, OTHER_USER_ID, "administrator")
    assert await _command(bot_env, GROUP_ID, USER_ID, "/follow @newsroom") == ADMINS_ONLY
    assert await bot_env.library.following(GROUP_ID) == []
    reply = await _command(bot_env, GROUP_ID, OTHER_USER_ID, "/follow@digest_sandbox_bot @newsroom")
    assert reply.startswith("Now following Newsroom")
    assert [chat.chat_id for chat in await bot_env.library.following(GROUP_ID)] == [CHANNEL_ID]
    assert sandbox.rejected == []


async def test_settings_autoingest_needs_a_group_admin(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.set_member(GROUP_ID, USER_ID, "member")
    sandbox.set_member(GROUP_ID, OTHER_USER_ID, "creator")

    assert await _command(bot_env, GROUP_ID, USER_ID, "/settings autoingest on") == ADMINS_ONLY
    chat = await bot_env.library.get_chat(GROUP_ID)
    assert chat is not None and not chat.auto_ingest

    assert await _command(bot_env, GROUP_ID, OTHER_USER_ID, "/settings autoingest on") == (
        AUTO_INGEST_ON
    )
    chat = await bot_env.library.get_chat(GROUP_ID)
    assert chat is not None and chat.auto_ingest

    shown = await _command(bot_env, GROUP_ID, USER_ID, "/settings")
    assert shown.startswith(AUTO_INGEST_ON)
    private = await _command(bot_env, USER_ID, USER_ID, "/settings autoingest on")
    assert private.startswith("Auto-ingest is a group setting")
    assert sandbox.rejected == []
