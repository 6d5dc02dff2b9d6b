"""Delivering due digests: a real SQLite library and the real ``telegram.Bot`` talking HTTP to
the sandbox. The clock is passed in (``now``), so nothing here waits for a minute to pass."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Bot

from bot import delivery
from bot.config import Config, DigestConfig
from bot.delivery import (
    PAUSED_REFUSED,
    Outcome,
    compose_digest,
    deliver_due,
    deliver_subscription,
    delivery_period,
    select_digest,
)
from bot.i18n import translator
from bot.sandbox import Sandbox
from bot.schedule import ALL_WEEKDAYS
from storage.aio import AsyncLibrary
from storage.errors import SubscriptionNotFoundError
from storage.models import Subscription

from .digest_articles import ARTICLES_FOR_THREE_PARTS, digest_article

EN = translator("en")

USER_ID = 1001
GROUP_ID = -1001000000001
OTHER_GROUP_ID = -1001000000002
FORUM_ID = -1001000000004
DUE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
ON_TIME = DUE + dt.timedelta(seconds=20)
PERIOD = delivery_period(DUE)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as running:
        running.add_user(USER_ID, "Ann", "ann")
        running.add_chat(GROUP_ID, "supergroup", title="Desk A")
        running.add_chat(OTHER_GROUP_ID, "supergroup", title="Desk B")
        running.add_chat(FORUM_ID, "supergroup", title="Forum", is_forum=True)
        yield running


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    async with Bot(sandbox.token, base_url=sandbox.base_url) as running:
        yield running


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    opened = await AsyncLibrary.open(library_target)
    yield opened
    await opened.aclose()


def config(**digest: object) -> Config:
    return dataclasses.replace(Config(), digest=DigestConfig(**digest))  # type: ignore[arg-type]


async def subscribe(
    library: AsyncLibrary, chat_id: int, *, keywords: str = "", thread_id: int | None = None
) -> Subscription:
    """A daily 09:00 UTC subscription due at DUE, covering every article stored so far."""
    return await library.add_subscription(
        chat_id=chat_id,
        thread_id=thread_id,
        local_time=DUE.time(),
        timezone="UTC",
        weekdays=ALL_WEEKDAYS,
        keywords=keywords,
        next_due_at=DUE,
        created_by=USER_ID,
        cursor=0,
    )


async def add_articles(library: AsyncLibrary, chat_id: int, count: int, **kw: str) -> list[int]:
    return [
        (await library.add_article(digest_article(chat_id, n, **kw))).article_id
        for n in range(1, count + 1)
    ]


async def current(library: AsyncLibrary, sub: Subscription) -> Subscription:
    found = await library.get_subscription(sub.id)
    assert found is not None
    return found


# --- composing ------------------------------------------------------------------------------


async def test_compose_keeps_only_the_window_newest_first(library: AsyncLibrary) -> None:
    ids = await add_articles(library, GROUP_ID, 3)
    sub = await subscribe(library, GROUP_ID)
    articles, total = await select_digest(library, sub, upper=ids[1])
    assert total == 2
    parts = compose_digest(EN, articles, total=total, title_date=DUE.date(), send_empty=False)
    assert len(parts) == 1
    assert "2 new articles" in parts[0]
    assert parts[0].index("Story 2 ") < parts[0].index("Story 1 ")
    assert "Story 3 " not in parts[0]


def test_delivery_period_is_the_due_moment_in_utc() -> None:
    berlin = DUE.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert delivery_period(berlin) == "2026-03-02T09:00:00+00:00"
    assert delivery_period(DUE + dt.timedelta(hours=3)) != delivery_period(DUE)


def test_compose_nothing_new_sends_nothing_unless_asked() -> None:
    assert compose_digest(EN, [], total=0, title_date=DUE.date(), send_empty=False) == []
    (part,) = compose_digest(EN, [], total=0, title_date=DUE.date(), send_empty=True)
    assert "Nothing new" in part


async def test_compose_caps_a_huge_digest_and_says_so(library: AsyncLibrary) -> None:
    await add_articles(library, GROUP_ID, delivery.MAX_DIGEST_ARTICLES + 5)
    sub = await subscribe(library, GROUP_ID)
    articles, total = await select_digest(library, sub, upper=None)
    assert (len(articles), total) == (delivery.MAX_DIGEST_ARTICLES, 105)
    parts = compose_digest(EN, articles, total=total, title_date=DUE.date(), send_empty=False)
    text = "\n".join(parts)
    assert f"105 new articles, the newest {delivery.MAX_DIGEST_ARTICLES} shown" in text
    assert "Story 105 " in text and "Story 5 " not in text


# --- the window in storage ------------------------------------------------------------------


async def test_window_is_fixed_when_first_opened(library: AsyncLibrary) -> None:
    ids = await add_articles(library, GROUP_ID, 2)
    sub = await subscribe(library, GROUP_ID)
    assert await library.open_digest_window(sub.id, PERIOD) == ids[-1]
    await library.add_article(digest_article(GROUP_ID, 3))
    assert await library.open_digest_window(sub.id, PERIOD) == ids[-1]


async def test_complete_moves_cursor_to_window_and_skip_keeps_it(library: AsyncLibrary) -> None:
    ids = await add_articles(library, GROUP_ID, 2)
    done, skipped = await subscribe(library, GROUP_ID), await subscribe(library, GROUP_ID)
    for sub in (done, skipped):
        await library.open_digest_window(sub.id, PERIOD)
    await library.add_article(digest_article(GROUP_ID, 3))
    following = DUE + dt.timedelta(days=1)
    await library.complete_digest(done.id, PERIOD, following)
    await library.skip_digest(skipped.id, PERIOD, following)
    assert (await current(library, done)).cursor == ids[-1]
    assert (await current(library, skipped)).cursor == 0
    for sub in (done, skipped):
        assert (await current(library, sub)).next_due_at == following
    # The windows are gone: the next digest of the same period would take a new bound.
    assert await library.open_digest_window(skipped.id, PERIOD) == ids[-1] + 1


async def test_window_of_a_removed_subscription_is_refused(library: AsyncLibrary) -> None:
    sub = await subscribe(library, GROUP_ID)
    assert await library.remove_subscription(GROUP_ID, sub.id)
    with pytest.raises(SubscriptionNotFoundError):
        await library.open_digest_window(sub.id, PERIOD)


# --- delivering -----------------------------------------------------------------------------


async def test_due_digest_goes_out_once_and_moves_on(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    ids = await add_articles(library, GROUP_ID, 2)
    sub = await subscribe(library, GROUP_ID)
    assert await deliver_due(bot, library, config(), now=ON_TIME) == 1
    (message,) = sandbox.messages_to(GROUP_ID)
    assert "2 new articles" in message.text and "Story 2 " in message.text
    after = await current(library, sub)
    assert after.cursor == ids[-1]
    assert after.next_due_at == DUE + dt.timedelta(days=1)
    assert await library.delivered_parts(sub.id, PERIOD) == {1}
    # The next tick finds nothing due and sends nothing.
    assert await deliver_due(bot, library, config(), now=ON_TIME + dt.timedelta(minutes=1)) == 0
    assert len(sandbox.messages_to(GROUP_ID)) == 1
    assert sandbox.rejected == []


async def test_articles_arriving_mid_digest_go_into_the_next_one(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, 1)
    sub = await subscribe(library, GROUP_ID)
    await library.open_digest_window(sub.id, PERIOD)
    await library.add_article(digest_article(GROUP_ID, 2))
    await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    tomorrow = await current(library, sub)
    await deliver_subscription(
        bot, library, config(), tomorrow, now=tomorrow.next_due_at + dt.timedelta(seconds=5)
    )
    first, second = sandbox.messages_to(GROUP_ID)
    assert "Story 1 " in first.text and "Story 2 " not in first.text
    assert "Story 2 " in second.text and "Story 1 " not in second.text


async def test_restart_after_first_part_sends_only_the_rest_identically(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, ARTICLES_FOR_THREE_PARTS)
    sub = await subscribe(library, GROUP_ID)
    upper = await library.open_digest_window(sub.id, PERIOD)
    articles, total = await select_digest(library, sub, upper=upper)
    expected = compose_digest(EN, articles, total=total, title_date=DUE.date(), send_empty=False)
    assert len(expected) == 3
    # The process died right after part 1 was accepted and recorded; more articles came since.
    await library.record_delivery(sub.id, PERIOD, 1, 77)
    await library.add_article(digest_article(GROUP_ID, 50))
    outcome = await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    assert outcome is Outcome.SENT
    assert [m.html for m in sandbox.messages_to(GROUP_ID)] == expected[1:]
    assert await library.delivered_parts(sub.id, PERIOD) == {1, 2, 3}
    assert (await current(library, sub)).cursor == upper


async def test_blocked_chat_is_paused_and_others_still_receive(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, 1)
    await add_articles(library, USER_ID, 1)
    blocked = await subscribe(library, USER_ID)
    fine = await subscribe(library, GROUP_ID)
    sandbox.block_chat(USER_ID)
    await deliver_due(bot, library, config(), now=ON_TIME)
    paused = await current(library, blocked)
    assert not paused.active
    assert paused.paused_reason is not None and "blocked" in paused.paused_reason
    assert paused.cursor == 0
    assert len(sandbox.messages_to(GROUP_ID)) == 1
    assert (await current(library, fine)).next_due_at > ON_TIME
    # Unblocked and resumed (/subscribe again): the digest still due goes out.
    sandbox.unblock_chat(USER_ID)
    assert await library.resume_subscriptions(USER_ID) == 1
    await deliver_due(bot, library, config(), now=ON_TIME + dt.timedelta(minutes=1))
    assert len(sandbox.messages_to(USER_ID)) == 1


async def test_chat_not_found_pauses_with_the_reason(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    sub = await subscribe(library, GROUP_ID)
    await add_articles(library, GROUP_ID, 1)
    sandbox.fail_next(
        1, method="sendMessage", error_code=400, description="Bad Request: chat not found"
    )
    outcome = await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    assert outcome is Outcome.PAUSED
    # The reason is one of ours, so /subscriptions shows it in the chat's language; Telegram's
    # (English) description goes to the log.
    assert (await current(library, sub)).paused_reason == PAUSED_REFUSED


@pytest.mark.parametrize(
    "description",
    [
        "Bad Request: message thread not found",
        "Bad Request: TOPIC_CLOSED",
        "Bad Request: not enough rights to send text messages to the chat",
        "Bad Request: need administrator rights in the channel chat",
        "Bad Request: CHAT_WRITE_FORBIDDEN",
        "Bad Request: group chat was deactivated",
    ],
)
async def test_a_400_refusing_the_chat_pauses(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, description: str
) -> None:
    sub = await subscribe(library, GROUP_ID)
    await add_articles(library, GROUP_ID, 1)
    sandbox.fail_next(1, method="sendMessage", error_code=400, description=description)
    assert await deliver_subscription(bot, library, config(), sub, now=ON_TIME) is Outcome.PAUSED
    assert not (await current(library, sub)).active


@pytest.mark.parametrize(
    "description",
    [
        'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0',
        "Bad Request: message is too long",
        "Bad Request: failure injected by the sandbox",
    ],
)
async def test_a_400_refusing_our_message_leaves_the_digest_due(
    bot: Bot,
    library: AsyncLibrary,
    sandbox: Sandbox,
    caplog: pytest.LogCaptureFixture,
    description: str,
) -> None:
    sub = await subscribe(library, GROUP_ID)
    await add_articles(library, GROUP_ID, 1)
    sandbox.fail_next(1, method="sendMessage", error_code=400, description=description)
    outcome = await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    assert outcome is Outcome.RETRY_LATER
    assert await current(library, sub) == sub  # still active and due, cursor unmoved
    [logged] = [r for r in caplog.records if r.name == "bot.delivery" and r.exc_info]
    assert "stays due" in logged.getMessage()
    # The next tick delivers it.
    assert await deliver_subscription(bot, library, config(), sub, now=ON_TIME) is Outcome.SENT
    assert len(sandbox.messages_to(GROUP_ID)) == 1


async def test_one_refused_digest_does_not_stop_the_others_in_the_tick(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, 1)
    await add_articles(library, OTHER_GROUP_ID, 1)
    subs = [
        await subscribe(library, GROUP_ID),
        await subscribe(library, GROUP_ID, keywords="Story"),
        await subscribe(library, OTHER_GROUP_ID),
    ]
    sandbox.fail_next(
        1, method="sendMessage", error_code=400, description="Bad Request: message is too long"
    )
    assert await deliver_due(bot, library, config(), now=ON_TIME) == 3
    after = [await current(library, sub) for sub in subs]
    assert all(sub.active for sub in after)
    still_due = [sub for sub in after if sub.next_due_at <= ON_TIME]
    assert len(still_due) == 1
    delivered = len(sandbox.messages_to(GROUP_ID)) + len(sandbox.messages_to(OTHER_GROUP_ID))
    assert delivered == 2


async def test_migrated_group_gets_the_digest_at_its_new_id(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    old_id, new_id = -4001, -1004001
    sandbox.add_chat(old_id, "group", title="Old desk")
    await add_articles(library, old_id, 1)
    sub = await subscribe(library, old_id)
    sandbox.migrate_chat(old_id, new_id)
    outcome = await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    assert outcome is Outcome.SENT
    assert "Story 1 " in sandbox.messages_to(new_id)[0].text
    moved = await current(library, sub)
    assert moved.chat_id == new_id
    assert moved.next_due_at > ON_TIME


async def test_server_errors_are_retried_with_backoff(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BACKOFF_SECONDS", 0.01)
    sub = await subscribe(library, GROUP_ID)
    await add_articles(library, GROUP_ID, 1)
    sandbox.fail_next(2, method="sendMessage", error_code=502)
    assert await deliver_subscription(bot, library, config(), sub, now=ON_TIME) is Outcome.SENT
    assert len(sandbox.messages_to(GROUP_ID)) == 1


async def test_persisting_errors_leave_the_digest_due_for_the_next_tick(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "BACKOFF_SECONDS", 0.01)
    sub = await subscribe(library, GROUP_ID)
    await add_articles(library, GROUP_ID, 1)
    sandbox.fail_next(delivery.SEND_ATTEMPTS, method="sendMessage", error_code=500)
    outcome = await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    assert outcome is Outcome.RETRY_LATER
    assert await current(library, sub) == sub
    assert await deliver_due(bot, library, config(), now=ON_TIME + dt.timedelta(minutes=1)) == 1
    assert len(sandbox.messages_to(GROUP_ID)) == 1


async def test_too_late_digest_is_skipped_and_folded_into_the_next(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, 2)
    sub = await subscribe(library, GROUP_ID)
    late = DUE + dt.timedelta(hours=7)
    outcome = await deliver_subscription(bot, library, config(catch_up_hours=6), sub, now=late)
    assert outcome is Outcome.SKIPPED
    assert sandbox.messages_to(GROUP_ID) == []
    skipped = await current(library, sub)
    assert skipped.cursor == 0
    assert skipped.next_due_at == DUE + dt.timedelta(days=1)
    await deliver_subscription(bot, library, config(), skipped, now=skipped.next_due_at)
    (message,) = sandbox.messages_to(GROUP_ID)
    assert "2 new articles" in message.text


async def test_late_within_catch_up_is_sent_once(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, 1)
    sub = await subscribe(library, GROUP_ID)
    late = DUE + dt.timedelta(hours=5)
    outcome = await deliver_subscription(bot, library, config(catch_up_hours=6), sub, now=late)
    assert outcome is Outcome.SENT
    assert len(sandbox.messages_to(GROUP_ID)) == 1
    # Next due after the moment it was sent, not a second catch-up.
    assert (await current(library, sub)).next_due_at == DUE + dt.timedelta(days=1)


async def test_half_delivered_digest_is_finished_however_late(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, ARTICLES_FOR_THREE_PARTS)
    sub = await subscribe(library, GROUP_ID)
    await library.open_digest_window(sub.id, PERIOD)
    await library.record_delivery(sub.id, PERIOD, 1, 77)
    late = DUE + dt.timedelta(days=3)
    outcome = await deliver_subscription(bot, library, config(catch_up_hours=1), sub, now=late)
    assert outcome is Outcome.SENT
    assert len(sandbox.messages_to(GROUP_ID)) == 2


async def test_empty_digest_is_not_sent_unless_configured(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    quiet, chatty = await subscribe(library, GROUP_ID), await subscribe(library, OTHER_GROUP_ID)
    assert await deliver_subscription(bot, library, config(), quiet, now=ON_TIME) is Outcome.EMPTY
    assert sandbox.messages_to(GROUP_ID) == []
    assert (await current(library, quiet)).next_due_at > ON_TIME
    await deliver_subscription(bot, library, config(send_empty=True), chatty, now=ON_TIME)
    (message,) = sandbox.messages_to(OTHER_GROUP_ID)
    assert "Nothing new" in message.text


async def test_keywords_and_visibility_select_the_articles(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, GROUP_ID, 1, topic="harbour")
    await add_articles(library, GROUP_ID, 1, topic="election")
    await add_articles(library, OTHER_GROUP_ID, 1, topic="election")
    sub = await subscribe(library, GROUP_ID, keywords="election")
    await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    (message,) = sandbox.messages_to(GROUP_ID)
    assert "1 new article" in message.text
    assert "election" in message.text and "harbour" not in message.text


async def test_forum_digest_goes_to_its_topic(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    await add_articles(library, FORUM_ID, 1)
    sub = await subscribe(library, FORUM_ID, thread_id=42)
    await deliver_subscription(bot, library, config(), sub, now=ON_TIME)
    (message,) = sandbox.messages_to(FORUM_ID)
    assert message.thread_id == 42


async def test_every_digest_of_a_migrated_group_follows_it_in_one_tick(
    bot: Bot, library: AsyncLibrary, sandbox: Sandbox
) -> None:
    old_id, new_id = -4002, -1004002
    sandbox.add_chat(old_id, "group", title="Old desk")
    await add_articles(library, old_id, 2)
    first, second = await subscribe(library, old_id), await subscribe(library, old_id)
    sandbox.migrate_chat(old_id, new_id)
    assert await deliver_due(bot, library, config(), now=ON_TIME) == 2
    messages = sandbox.messages_to(new_id)
    assert len(messages) == 2
    assert all("2 new articles" in message.text for message in messages)
    for sub in (first, second):
        assert (await current(library, sub)).chat_id == new_id
