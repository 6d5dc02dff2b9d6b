"""Scheduled digests through the real Application, its JobQueue and the sandbox over HTTP.

The bot ticks every second (``[digest] tick_seconds = 1``). A subscription is created with the
real ``/subscribe`` command; to avoid waiting for the next wall-clock minute the test then moves
its stored due moment to "just now", which is all the scheduler looks at.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable

import pytest

from bot.handlers.subscriptions import ADMINS_ONLY
from storage.models import Subscription
from tests.library_backend import execute

from ..digest.digest_articles import digest_article
from .conftest import CHANNEL_ID, GROUP_ID, OTHER_GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

FAST_TICKS = {"tick_seconds": 1}
MakeBot = Callable[..., Awaitable[BotEnv]]


@pytest.fixture
async def env(make_bot: MakeBot) -> BotEnv:
    started = await make_bot(digest=FAST_TICKS)
    started.sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    return started


async def subscribe(env: BotEnv, chat_id: int, user_id: int, args: str = "") -> str:
    """Send /subscribe and return the bot's answer."""
    env.sandbox.send_command(chat_id, user_id, f"/subscribe {args}".strip())
    [answer] = await env.sandbox.wait_for_messages(chat_id)
    return answer.text


async def make_due_now(env: BotEnv, chat_id: int) -> Subscription:
    """Move the chat's only subscription's due moment to just now."""
    [sub] = await env.library.list_subscriptions(chat_id)
    await env.library.reschedule(sub.id, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    return sub


async def wait_until(check: Callable[[], Awaitable[bool]], timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.05)


async def test_subscribe_then_the_digest_arrives_exactly_once(env: BotEnv) -> None:
    before = (await env.library.add_article(digest_article(GROUP_ID, 1))).article_id
    at = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)).strftime("%H:%M")
    answer = await subscribe(env, GROUP_ID, USER_ID, f"{at} UTC")
    assert f"Subscribed this chat: #1: daily at {at} UTC" in answer
    [sub] = await env.library.list_subscriptions(GROUP_ID)
    assert sub.cursor == before and sub.created_by == USER_ID
    assert sub.next_due_at.strftime("%H:%M") == at
    latest = (await env.library.add_article(digest_article(GROUP_ID, 2))).article_id
    await make_due_now(env, GROUP_ID)
    [digest] = await env.sandbox.wait_for_messages(GROUP_ID, timeout=5)
    assert "1 new article" in digest.text
    assert "Story 2 " in digest.text and "Story 1 " not in digest.text
    await asyncio.sleep(2.5)  # two more ticks: nothing more
    assert len(env.sandbox.messages_to(GROUP_ID)) == 2
    [after] = await env.library.list_subscriptions(GROUP_ID)
    # Due again at the subscribed time (still ahead), with the cursor past the digest.
    assert (after.next_due_at, after.cursor) == (sub.next_due_at, latest)
    assert env.sandbox.rejected == []


async def test_a_blocked_subscriber_is_paused_and_others_still_receive(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID)
    await subscribe(env, OTHER_USER_ID, OTHER_USER_ID)
    await env.library.add_article(digest_article(GROUP_ID, 1))
    await env.library.add_article(digest_article(OTHER_USER_ID, 2))
    env.sandbox.block_chat(OTHER_USER_ID)
    blocked = await make_due_now(env, OTHER_USER_ID)
    await make_due_now(env, GROUP_ID)
    [digest] = await env.sandbox.wait_for_messages(GROUP_ID, timeout=5)
    assert "Story 1 " in digest.text

    async def paused() -> bool:
        found = await env.library.get_subscription(blocked.id)
        return found is not None and not found.active

    await wait_until(paused)
    # Unblocked: /subscriptions shows why it was paused; /subscribe again resumes it, and the
    # digest that fell due a moment ago still goes out.
    env.sandbox.unblock_chat(OTHER_USER_ID)
    env.sandbox.send_command(OTHER_USER_ID, OTHER_USER_ID, "/subscriptions")
    [listing] = await env.sandbox.wait_for_messages(OTHER_USER_ID)
    assert "paused: the bot cannot post here" in listing.text
    assert "blocked" in listing.text
    answer = await subscribe(env, OTHER_USER_ID, OTHER_USER_ID)
    assert "Resumed 1 paused digest" in answer
    [late] = await env.sandbox.wait_for_messages(OTHER_USER_ID, timeout=5)
    assert "Story 2 " in late.text


async def test_a_429_burst_is_ridden_out(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID)
    await env.library.add_article(digest_article(GROUP_ID, 1))
    env.sandbox.fail_next(2, method="sendMessage", error_code=429, retry_after=1)
    await make_due_now(env, GROUP_ID)
    [digest] = await env.sandbox.wait_for_messages(GROUP_ID, timeout=10)
    assert "Story 1 " in digest.text
    await asyncio.sleep(1.5)
    assert len(env.sandbox.messages_to(GROUP_ID)) == 2  # the /subscribe answer and the digest
    assert [r["error"]["error_code"] for r in env.sandbox.rejected] == [429, 429]


async def test_a_group_member_who_is_not_admin_cannot_subscribe(env: BotEnv) -> None:
    env.sandbox.set_member(GROUP_ID, OTHER_USER_ID, "member")
    answer = await subscribe(env, GROUP_ID, OTHER_USER_ID, "09:00 Europe/Berlin")
    assert answer == ADMINS_ONLY
    assert await env.library.list_subscriptions(GROUP_ID) == []
    env.sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/subscriptions")
    [listing] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "No subscriptions here" in listing.text


async def test_channel_subscription_needs_its_administrator(env: BotEnv) -> None:
    refused = await subscribe(env, OTHER_USER_ID, OTHER_USER_ID, "@newsroom 09:00")
    assert "Only administrators of @newsroom" in refused
    assert await env.library.list_subscriptions(CHANNEL_ID) == []
    env.sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    accepted = await subscribe(env, USER_ID, USER_ID, "@newsroom 09:00 Europe/Berlin")
    assert "Subscribed @newsroom" in accepted
    [sub] = await env.library.list_subscriptions(CHANNEL_ID)
    assert (sub.timezone, sub.created_by) == ("Europe/Berlin", USER_ID)
    await env.library.add_article(digest_article(CHANNEL_ID, 1))
    await make_due_now(env, CHANNEL_ID)
    [digest] = await env.sandbox.wait_for_messages(CHANNEL_ID, timeout=5)
    assert "Story 1 " in digest.text
    assert env.sandbox.rejected == []


async def test_channel_the_bot_cannot_post_in_is_refused(env: BotEnv) -> None:
    env.sandbox.set_member(CHANNEL_ID, USER_ID, "administrator")
    env.sandbox.set_member(CHANNEL_ID, env.sandbox.bot_user["id"], "member")
    answer = await subscribe(env, USER_ID, USER_ID, "@newsroom 09:00")
    assert "I can't post in @newsroom" in answer
    assert await env.library.list_subscriptions(CHANNEL_ID) == []


async def test_forum_subscription_delivers_to_its_topic(env: BotEnv) -> None:
    forum_id = -1001000000009
    env.sandbox.add_chat(forum_id, "supergroup", title="Forum", is_forum=True)
    env.sandbox.set_member(forum_id, USER_ID, "administrator")
    env.sandbox.send_command(forum_id, USER_ID, "/subscribe 07:30 mon-fri", thread_id=5)
    [answer] = await env.sandbox.wait_for_messages(forum_id)
    assert "Mon–Fri at 07:30" in answer.text and answer.thread_id == 5
    await env.library.add_article(digest_article(forum_id, 1))
    sub = await make_due_now(env, forum_id)
    assert sub.thread_id == 5
    [digest] = await env.sandbox.wait_for_messages(forum_id, timeout=5)
    assert digest.thread_id == 5


async def test_digest_command_sends_now_without_moving_the_cursor(env: BotEnv) -> None:
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest")
    [nothing] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Nothing arrived in the last 24 hours" in nothing.text
    await subscribe(env, GROUP_ID, USER_ID, "09:00 UTC")
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest")
    [empty] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Nothing new since the last digest" in empty.text
    await env.library.add_article(digest_article(GROUP_ID, 1))
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest")
    [preview] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Story 1 " in preview.text
    [sub] = await env.library.list_subscriptions(GROUP_ID)
    assert sub.cursor == 0
    assert env.sandbox.rejected == []


async def test_digest_without_a_subscription_previews_the_last_day(env: BotEnv) -> None:
    """A new user's /digest: what arrived in the last 24 hours that the chat sees, then how to
    subscribe; older articles and other chats' articles are not in it."""
    old = (await env.library.add_article(digest_article(GROUP_ID, 1))).article_id
    execute(
        env.library_target,
        "UPDATE articles SET ingested_at = ? WHERE id = ?",
        ((dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)).isoformat(), old),
    )
    await env.library.add_article(digest_article(GROUP_ID, 2))
    await env.library.add_article(digest_article(OTHER_GROUP_ID, 3))
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest")
    [preview] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "1 new article" in preview.text
    assert "Story 2 " in preview.text
    assert "Story 1 " not in preview.text and "Story 3 " not in preview.text
    last_line = preview.text.splitlines()[-1]
    assert "/subscribe 09:00 UTC" in last_line and "last 24 hours" in last_line
    assert await env.library.list_subscriptions(GROUP_ID) == []
    assert env.sandbox.rejected == []


async def test_digest_with_several_subscriptions_labels_each(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID, "09:00 UTC harbour")
    await subscribe(env, GROUP_ID, USER_ID, "18:00 Europe/Berlin weekends")
    await env.library.add_article(digest_article(GROUP_ID, 1))
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest")
    first, second = await env.sandbox.wait_for_messages(GROUP_ID, count=2)
    assert "Subscription #1 · 09:00 UTC · daily · keywords: harbour" in first.text
    assert "Subscription #2 · 18:00 Europe/Berlin · weekends · all new articles" in second.text
    assert "Story 1 " in first.text and "Story 1 " in second.text
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest 2")
    [only] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Subscription #" not in only.text and "Story 1 " in only.text
    env.sandbox.send_command(GROUP_ID, USER_ID, "/digest 7")
    [missing] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "There is no digest #7 here" in missing.text
    assert env.sandbox.rejected == []


async def test_subscriptions_list_and_unsubscribe(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID, "08:00 Europe/Berlin climate")
    again = await subscribe(env, GROUP_ID, USER_ID, "08:00 Europe/Berlin climate")
    assert "Already subscribed: #1" in again
    await subscribe(env, GROUP_ID, USER_ID, "18:00 UTC weekends")
    env.sandbox.send_command(GROUP_ID, USER_ID, "/subscriptions")
    [listing] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "#1 · 08:00 Europe/Berlin · daily" in listing.text
    assert "keywords: climate" in listing.text
    assert "#2 · 18:00 UTC · weekends" in listing.text
    env.sandbox.send_command(GROUP_ID, USER_ID, "/unsubscribe")
    [which] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Which one?" in which.text
    env.sandbox.send_command(GROUP_ID, USER_ID, "/unsubscribe 1")
    [removed] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Removed digest #1" in removed.text
    env.sandbox.send_command(GROUP_ID, USER_ID, "/unsubscribe all")
    [rest] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Removed 1 digest" in rest.text
    assert await env.library.list_subscriptions(GROUP_ID) == []
    assert await env.library.list_subscriptions(OTHER_GROUP_ID) == []
    assert env.sandbox.rejected == []


async def test_subscriptions_show_each_next_run_in_its_own_zone(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID, "08:00 Asia/Tokyo")
    await subscribe(env, GROUP_ID, USER_ID, "08:00 America/New_York")
    env.sandbox.send_command(GROUP_ID, USER_ID, "/subscriptions")
    [listing] = await env.sandbox.wait_for_messages(GROUP_ID)
    tokyo, new_york = listing.text.split("\n\n")[1:]
    assert "#1 · 08:00 Asia/Tokyo" in tokyo and ", 08:00 UTC+9 (in " in tokyo
    assert "#2 · 08:00 America/New_York" in new_york
    assert ", 08:00 UTC-5 (in " in new_york or ", 08:00 UTC-4 (in " in new_york
    assert env.sandbox.rejected == []


async def test_unsubscribe_without_an_id_removes_nothing_even_with_one_digest(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID, "08:00 Europe/Berlin climate")
    env.sandbox.send_command(GROUP_ID, USER_ID, "/unsubscribe")
    [which] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert "Which one?" in which.text and "/unsubscribe all" in which.text
    assert "#1 · 08:00 Europe/Berlin · daily" in which.text
    [kept] = await env.library.list_subscriptions(GROUP_ID)
    assert kept.active
    assert env.sandbox.rejected == []


async def test_a_mistyped_subscribe_leaves_paused_digests_paused(env: BotEnv) -> None:
    await subscribe(env, GROUP_ID, USER_ID, "08:00 UTC")
    [sub] = await env.library.list_subscriptions(GROUP_ID)
    await env.library.pause_subscription(sub.id, "the bot was removed from this chat")
    answer = await subscribe(env, GROUP_ID, USER_ID, "25:00")
    assert "HH:MM" in answer and "Resumed" not in answer
    paused = await env.library.get_subscription(sub.id)
    assert paused is not None and not paused.active
    answer = await subscribe(env, GROUP_ID, USER_ID)
    assert "Resumed 1 paused digest" in answer
    resumed = await env.library.get_subscription(sub.id)
    assert resumed is not None and resumed.active


async def test_a_bad_time_or_zone_gets_an_example(env: BotEnv) -> None:
    answer = await subscribe(env, GROUP_ID, USER_ID, "25:00")
    assert "HH:MM" in answer and "/subscribe 09:00 Europe/Berlin" in answer
    answer = await subscribe(env, GROUP_ID, USER_ID, "09:00 Europe/Nowhere")
    assert "Unknown time zone" in answer
    answer = await subscribe(env, GROUP_ID, USER_ID, "09:00 Mars/Olympus")
    assert "Unknown time zone 'Mars/Olympus'" in answer
    assert await env.library.list_subscriptions(GROUP_ID) == []
