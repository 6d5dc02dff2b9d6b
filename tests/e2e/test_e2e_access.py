"""The allowed_users gate, chats recorded as seen, the bot's own membership, group migration."""

from __future__ import annotations

import asyncio
import datetime
import time
from collections.abc import Awaitable, Callable

from bot.handlers.membership import REASON_BLOCKED, REASON_CANNOT_POST, REASON_REMOVED
from bot.services import MemberCache
from storage.models import Chat

from .conftest import CHANNEL_ID, GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

StoreArticle = Callable[..., Awaitable[int]]
OLD_GROUP = -4000000001
NEW_SUPERGROUP = -1004000000001


async def _stored_chat(env: BotEnv, chat_id: int, until: Callable[[Chat | None], bool]) -> Chat:
    """The chat as stored, once ``until`` holds (updates without a reply give no other signal)."""
    deadline = time.monotonic() + 10
    while True:
        chat = await env.library.get_chat(chat_id)
        if until(chat):
            assert chat is not None
            return chat
        assert time.monotonic() < deadline, f"chat {chat_id} stored as {chat}"
        await asyncio.sleep(0.05)


def member_cache_of(env: BotEnv) -> MemberCache:
    return env.application.bot_data.services.member_cache


async def test_allowed_users_gate_private_chats_only(
    make_bot: Callable[..., Awaitable[BotEnv]], store_article: StoreArticle
) -> None:
    env = await make_bot(access={"allowed_users": (USER_ID,)})
    sandbox = env.sandbox
    await store_article(env, OTHER_USER_ID, "Bob's budget notes")

    sandbox.send_command(OTHER_USER_ID, OTHER_USER_ID, "/start")
    sandbox.send_text(OTHER_USER_ID, OTHER_USER_ID, "budget")
    refusals = await sandbox.wait_for_messages(OTHER_USER_ID, 2)
    for refusal in refusals:
        assert refusal.text.startswith("Sorry, this bot is private")
        assert f"{OTHER_USER_ID}" in refusal.text
    answer = await sandbox.wait_for_answer(sandbox.inline_query(OTHER_USER_ID, "budget"))
    assert answer["results"] == []

    sandbox.send_command(USER_ID, USER_ID, "/start")
    [welcome] = await sandbox.wait_for_messages(USER_ID)
    assert "library of news articles" in welcome.text
    sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/start")
    [in_group] = await sandbox.wait_for_messages(GROUP_ID)
    assert "this chat's library" in in_group.text

    # A refused user leaves no trace: their private chat was never recorded.
    assert await env.library.get_chat(OTHER_USER_ID) is None
    assert len(sandbox.messages_to(OTHER_USER_ID)) == 2
    assert sandbox.rejected == []


async def test_every_chat_seen_is_recorded(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.send_command(GROUP_ID, USER_ID, "/stats")
    sandbox.channel_post(CHANNEL_ID, "A short channel note")
    sandbox.send_command(USER_ID, USER_ID, "/stats")
    await sandbox.wait_for_messages(GROUP_ID)
    await sandbox.wait_for_messages(USER_ID)
    group = await _stored_chat(bot_env, GROUP_ID, lambda chat: chat is not None)
    channel = await _stored_chat(bot_env, CHANNEL_ID, lambda chat: chat is not None)
    private = await _stored_chat(bot_env, USER_ID, lambda chat: chat is not None)
    assert (group.type, group.title) == ("supergroup", "Desk A")
    assert (channel.type, channel.username) == ("channel", "newsroom")
    assert (private.type, private.title) == ("private", "Ann")


async def test_my_chat_member_records_removal_block_and_return(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.my_chat_member(GROUP_ID, USER_ID, "member", "left")
    removed = await _stored_chat(bot_env, GROUP_ID, lambda c: c is not None and c.paused_reason)
    assert removed.paused_reason == REASON_REMOVED

    sandbox.my_chat_member(GROUP_ID, USER_ID, "left", "member")
    back = await _stored_chat(bot_env, GROUP_ID, lambda c: c is not None and not c.paused_reason)
    assert back.paused_reason is None

    sandbox.my_chat_member(USER_ID, USER_ID, "member", "kicked")
    blocked = await _stored_chat(bot_env, USER_ID, lambda c: c is not None and c.paused_reason)
    assert blocked.paused_reason == REASON_BLOCKED

    sandbox.my_chat_member(CHANNEL_ID, USER_ID, "administrator", "member")
    demoted = await _stored_chat(bot_env, CHANNEL_ID, lambda c: c is not None and c.paused_reason)
    assert demoted.paused_reason == REASON_CANNOT_POST


async def test_my_chat_member_forgets_cached_admin_rights(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    sandbox.send_command(GROUP_ID, USER_ID, "/settings autoingest on")
    [allowed] = await sandbox.wait_for_messages(GROUP_ID)
    assert allowed.text.startswith("Auto-ingest is on")
    sandbox.set_member(GROUP_ID, USER_ID, "member")
    sandbox.my_chat_member(GROUP_ID, USER_ID, "member", "administrator")
    cache = member_cache_of(bot_env)
    deadline = time.monotonic() + 10
    while cache.get((GROUP_ID, USER_ID))[0]:
        assert time.monotonic() < deadline, "the cached membership was never forgotten"
        await asyncio.sleep(0.05)
    sandbox.send_command(GROUP_ID, USER_ID, "/settings autoingest off")
    [refused] = await sandbox.wait_for_messages(GROUP_ID)
    assert refused.text.startswith("Only administrators")


async def test_a_group_that_becomes_a_supergroup_keeps_its_library(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    sandbox = bot_env.sandbox
    old_chat = sandbox.add_chat(OLD_GROUP, "group", title="Old desk")
    article_id = await store_article(bot_env, OLD_GROUP, "Archive piece on harbours")
    await bot_env.library.follow(OLD_GROUP, CHANNEL_ID)
    sandbox.migrate_chat(OLD_GROUP, NEW_SUPERGROUP)
    sandbox.inject_update(
        {
            "message": {
                "message_id": 99,
                "date": int(time.time()),
                "chat": old_chat,
                "from": {"id": USER_ID, "is_bot": False, "first_name": "Ann"},
                "migrate_to_chat_id": NEW_SUPERGROUP,
            }
        }
    )
    await _stored_chat(bot_env, NEW_SUPERGROUP, lambda chat: chat is not None)
    moved = await bot_env.library.get_article(article_id, viewer_chat_id=NEW_SUPERGROUP)
    assert moved is not None and moved.chat_id == NEW_SUPERGROUP
    assert [chat.chat_id for chat in await bot_env.library.following(NEW_SUPERGROUP)] == [
        CHANNEL_ID
    ]
    assert await bot_env.library.get_chat(OLD_GROUP) is None


async def test_unblocking_the_bot_resumes_paused_digests(bot_env: BotEnv) -> None:
    library = bot_env.library
    due = datetime.datetime(2030, 1, 1, 9, 0, tzinfo=datetime.UTC)
    sub = await library.add_subscription(
        chat_id=USER_ID,
        thread_id=None,
        local_time=datetime.time(9, 0),
        timezone="UTC",
        weekdays=frozenset(range(7)),
        keywords="",
        next_due_at=due,
        created_by=USER_ID,
    )
    await library.pause_subscription(sub.id, REASON_BLOCKED)

    bot_env.sandbox.my_chat_member(USER_ID, USER_ID, "kicked", "member")
    deadline = time.monotonic() + 10
    while not (current := await library.get_subscription(sub.id)).active:
        assert time.monotonic() < deadline, f"subscription still paused: {current}"
        await asyncio.sleep(0.05)
    assert current.paused_reason is None
    assert (current.local_time, current.keywords) == (sub.local_time, sub.keywords)
