"""Telegram misbehaving: 429 storms, 5xx, timeouts and dropped connections, on getUpdates and on
sendMessage, against the real Application polling the sandbox.

The guarantees these tests hold the bot to:

* **getUpdates**: the bot recovers by itself and no update is lost. An update counts as received
  only when a later poll confirms it with ``offset``, so a failed, stalled or dropped poll (even
  one the server carried out) hands the same updates out again.
* **sendMessage**: python-telegram-bot does not retry a send, except a 429, which the rate
  limiter waits out and retries (``bot.app.RATE_LIMIT_RETRIES``). A send that failed in any other
  way may or may not have reached Telegram (a timeout after delivery looks the same as one before
  it), so it is never repeated: the error handler logs it and sends the short apology instead.
  Every update therefore gets an answer, and no reply is ever sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import pytest

from bot.app import APOLOGY
from bot.sandbox import Sandbox

from .conftest import e2e

USER_ID = e2e.USER_ID
OTHER_USER_ID = e2e.OTHER_USER_ID
#: A stall longer than python-telegram-bot's 5 s read timeout (plus the 1 s long poll).
STALL_SECONDS = 8.0

MakeBot = Callable[..., Awaitable[e2e.BotEnv]]


def _help_replies(sandbox: Sandbox, chat_id: int) -> list[str]:
    return [m.text for m in sandbox.messages_to(chat_id) if "/search" in m.text]


def _injected_only(sandbox: Sandbox, codes: set[int]) -> None:
    """Every rejected call is one of the faults the test injected, not a bad request."""
    assert [r for r in sandbox.rejected if r["error"]["error_code"] not in codes] == []


@pytest.mark.parametrize(
    ("faults", "codes"),
    [
        ([(3, 429)], {429}),
        ([(2, 500), (1, 502)], {500, 502}),
    ],
    ids=["429-storm", "5xx"],
)
async def test_get_updates_errors_are_retried_and_no_update_is_lost(
    make_bot: MakeBot, faults: list[tuple[int, int]], codes: set[int]
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    # Updates queued while every poll fails: the bot must get them all once Telegram recovers.
    for count, code in faults:
        sandbox.fail_next(count, method="getUpdates", error_code=code, retry_after=1)
    for _ in range(3):
        sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 3, timeout=20)
    failed = [r for r in sandbox.rejected if r["method"] == "getUpdates"]
    assert len(failed) == sum(count for count, _ in faults)
    assert len(_help_replies(sandbox, USER_ID)) == 3
    _injected_only(sandbox, codes)


async def test_a_dropped_poll_that_was_carried_out_redelivers_its_updates(
    make_bot: MakeBot,
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.drop_next(2, method="getUpdates", execute=True)
    sandbox.send_command(USER_ID, USER_ID, "/help")
    sandbox.send_command(USER_ID, USER_ID, "/start")
    await sandbox.wait_for_messages(USER_ID, 2, timeout=15)
    dropped = sandbox.disrupted_calls("getUpdates")
    assert len(dropped) == 2
    assert all(call["executed"] for call in dropped)
    texts = [m.text for m in sandbox.messages_to(USER_ID)]
    assert len(texts) == 2, texts  # each update answered exactly once
    assert sandbox.rejected == []


async def test_a_dropped_poll_that_was_not_carried_out_is_retried(make_bot: MakeBot) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.drop_next(3, method="getUpdates")
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1, timeout=15)
    assert len(sandbox.disrupted_calls("getUpdates")) == 3
    assert len(sandbox.messages_to(USER_ID)) == 1


@pytest.mark.slow
async def test_a_poll_that_hangs_past_the_timeout_is_abandoned_and_retried(
    make_bot: MakeBot,
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    await sandbox.wait_for_call("getUpdates", 1)
    sandbox.stall_next(1, method="getUpdates", seconds=STALL_SECONDS, execute=True)
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1, timeout=STALL_SECONDS + 10)
    assert len(sandbox.messages_to(USER_ID)) == 1
    assert sandbox.rejected == []


async def test_a_429_storm_on_send_is_waited_out_and_the_reply_sent_once(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.fail_next(3, method="sendMessage", error_code=429, retry_after=1)
    sandbox.send_command(USER_ID, USER_ID, "/help")
    [reply] = await sandbox.wait_for_messages(USER_ID, 1, timeout=15)
    assert "/search" in reply.text
    assert [r["error"]["error_code"] for r in sandbox.rejected] == [429, 429, 429]
    assert len(sandbox.messages_to(USER_ID)) == 1
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("code", [500, 502])
async def test_a_5xx_on_the_reply_is_logged_and_answered_with_the_apology(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture, code: int
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.fail_next(1, method="sendMessage", error_code=code)
    sandbox.send_command(USER_ID, USER_ID, "/help")
    [answer] = await sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    assert answer.text == APOLOGY
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [f"error while handling update {_last_id(env)}"]
    _injected_only(sandbox, {code})


def _last_id(env: e2e.BotEnv) -> int:
    updates = env.sandbox.calls("getUpdates")
    ids = [u["update_id"] for call in updates for u in call.get("result", [])]
    return max(ids)


async def test_a_reply_dropped_before_delivery_gets_the_apology(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.drop_next(1, method="sendMessage")
    sandbox.send_command(USER_ID, USER_ID, "/help")
    [answer] = await sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    assert answer.text == APOLOGY
    assert sandbox.rejected == []
    assert any(r.levelno == logging.ERROR for r in caplog.records)


async def test_a_reply_dropped_after_delivery_is_not_sent_again(make_bot: MakeBot) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.drop_next(1, method="sendMessage", execute=True)
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 2, timeout=10)
    texts = [m.text for m in sandbox.messages_to(USER_ID)]
    # The help was delivered although the bot never heard so: it is not repeated, and the
    # apology is the only other message.
    assert len(_help_replies(sandbox, USER_ID)) == 1
    assert texts[1] == APOLOGY
    assert len(texts) == 2
    assert sandbox.rejected == []


@pytest.mark.slow
async def test_a_reply_that_times_out_after_delivery_is_not_sent_again(
    make_bot: MakeBot,
) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.stall_next(1, method="sendMessage", seconds=STALL_SECONDS, execute=True)
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 2, timeout=STALL_SECONDS + 10)
    # Later updates are still answered: the stalled send held only its own handler.
    sandbox.send_command(USER_ID, USER_ID, "/start")
    await sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    texts = [m.text for m in sandbox.messages_to(USER_ID)]
    assert len(_help_replies(sandbox, USER_ID)) == 1
    assert texts.count(APOLOGY) == 1
    assert len(texts) == 3
    assert sandbox.rejected == []


async def test_faults_in_one_chat_do_not_stop_replies_in_others(make_bot: MakeBot) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    sandbox.drop_next(1, method="sendMessage")
    sandbox.send_command(USER_ID, USER_ID, "/help")
    await sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    sandbox.send_command(OTHER_USER_ID, OTHER_USER_ID, "/help")
    [reply] = await sandbox.wait_for_messages(OTHER_USER_ID, 1, timeout=10)
    assert "/search" in reply.text


async def test_the_apology_goes_to_the_forum_topic_the_user_wrote_in(make_bot: MakeBot) -> None:
    env = await make_bot()
    sandbox = env.sandbox
    forum = -1001000000077
    sandbox.add_chat(forum, "supergroup", title="Forum desk", is_forum=True)
    sandbox.set_member(forum, USER_ID, "member")
    sandbox.fail_next(1, method="sendMessage", error_code=500)
    sandbox.send_command(forum, USER_ID, "/help", thread_id=42)
    [answer] = await sandbox.wait_for_messages(forum, 1, timeout=10)
    assert answer.text == APOLOGY
    assert answer.thread_id == 42
