"""The bot killed with SIGKILL at random points while it delivers many multi-part digests.

Every group follows one source channel whose articles make digests of three parts or more; new
articles arrive while the bot is down. After each kill, every part recorded as delivered was
accepted by Telegram (recording never runs ahead of sending). At the end every due digest
arrived in full, no part arrived twice, and each article is in one part of each digest.

The one duplicate a crash can cause is inherent to any bot: a part Telegram accepted in the
moment before the bot could record it is sent again after the restart (Telegram has no
idempotency key). The test tells these apart exactly: a part accepted but not recorded when the
process died may arrive twice; any other second copy fails the test.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import signal
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from bot.delivery import delivery_period
from bot.sandbox import Sandbox
from storage import Chat, Library

from ..digest.digest_articles import ARTICLES_FOR_THREE_PARTS, digest_article
from .harness import BotProcess, assert_fts_consistent, crash_rng

pytestmark = pytest.mark.slow

log = logging.getLogger(__name__)

GROUPS = tuple(-1002000000000 - number for number in range(1, 61))
SOURCE_ID = -1001000000003  # the e2e sandbox's channel @newsroom
KILLS = 7
NEW_ARTICLES_PER_RESTART = 3
DELIVERY_TIMEOUT = 90.0
SIGTERM_SECONDS = 10.0
#: A group gets 20 messages at once, then one every 3 s (the rate limiter's 20 a minute).
GROUP_BURST = 20
LONG_DIGEST_ARTICLES = 28  # seven parts
LONG_DIGEST_KEYWORDS = ("story", "harbour", "spokesperson", "quote")
_PART = re.compile(r"\((\d+)/(\d+)\)$")
_STORY = re.compile(r"Story (\d+) about")


def _digest_parts(sandbox: Sandbox, chat_id: int) -> list[tuple[str, int, int, str]]:
    """(header, part, parts, text) of each digest message sent to the chat, in order."""
    found = []
    for sent in sandbox.messages_to(chat_id):
        header = sent.text.split("\n", 1)[0]
        if sent.is_edit or not header.startswith("Digest"):
            continue
        match = _PART.search(header)
        part, parts = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        found.append((header, part, parts, sent.text))
    return found


def _set_up_library(db_path: str | Path, due: dt.datetime) -> dict[int, int]:
    """The source's first articles, the groups following it, one due subscription each.

    Returns the subscription id of each group.
    """
    subs = {}
    with Library(db_path) as library:
        library.upsert_chat(Chat(SOURCE_ID, "channel", title="Newsroom", username="newsroom"))
        for number in range(1, ARTICLES_FOR_THREE_PARTS + 1):
            library.add_article(digest_article(SOURCE_ID, number))
        for chat_id in GROUPS:
            library.upsert_chat(Chat(chat_id, "supergroup", title=f"Desk {chat_id}"))
            library.follow(chat_id, SOURCE_ID)
            sub = library.add_subscription(
                chat_id=chat_id,
                thread_id=None,
                local_time=due.time(),
                timezone="UTC",
                weekdays=frozenset(range(7)),
                keywords="",
                next_due_at=due,
                created_by=None,
                cursor=0,
            )
            subs[chat_id] = sub.id
    return subs


def _in_flight_at_kill(
    sandbox: Sandbox, db_path: str | Path, subs: dict[int, int], period: str
) -> dict[tuple[int, int], int]:
    """(chat, part) accepted by Telegram but not recorded, with how many copies Telegram has
    accepted so far; fails if any recorded part was not accepted (that part would be lost)."""
    in_flight: dict[tuple[int, int], int] = {}
    with Library(db_path) as library:
        for chat_id, sub_id in subs.items():
            copies = Counter(part for _, part, _, _ in _digest_parts(sandbox, chat_id))
            recorded = library.delivered_parts(sub_id, period)
            assert recorded <= set(copies), f"chat {chat_id}: parts {recorded - set(copies)} lost"
            for part in set(copies) - recorded:
                in_flight[(chat_id, part)] = copies[part]
    return in_flight


class RepeatAllowance:
    """How many extra copies of each part a run of kills may cause.

    A kill can land after Telegram accepted a part and before the bot recorded it; the restarted
    bot then sends that part again. That new copy can itself be caught by the next kill, so each
    kill that finds a *new* unrecorded copy allows one more.
    """

    def __init__(self) -> None:
        self.extra: Counter[tuple[int, int]] = Counter()
        self._seen: dict[tuple[int, int], int] = {}

    def after_kill(self, in_flight: dict[tuple[int, int], int]) -> None:
        for key, copies in in_flight.items():
            if copies > self._seen.get(key, 0):
                self.extra[key] += 1
                self._seen[key] = copies


def _all_delivered(db_path: str | Path, sub_ids: Iterable[int], now: dt.datetime) -> bool:
    """Whether every subscription's next digest is due after ``now``."""
    with Library(db_path) as library:
        return all(
            (sub := library.get_subscription(sub_id)) is not None and sub.next_due_at > now
            for sub_id in sub_ids
        )


async def test_digest_delivery_survives_sigkill_at_random_points(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> None:
    rng = crash_rng("digest delivery")
    for chat_id in GROUPS:
        sandbox.add_chat(chat_id, "supergroup", title=f"Desk {chat_id}")
    started = dt.datetime.now(dt.UTC)
    due = (started - dt.timedelta(minutes=1)).replace(microsecond=0)
    period = delivery_period(due)
    bot = BotProcess(sandbox, tmp_path, db_path=library_target)
    subs = _set_up_library(bot.db_path, due)
    next_story = ARTICLES_FOR_THREE_PARTS + 1
    may_repeat = RepeatAllowance()
    kills_mid_delivery = 0
    try:
        # SIGTERM while delivering: a clean stop within the limit, nothing lost.
        await bot.start()
        await asyncio.sleep(0.5)
        code, busy_stop_seconds = await bot.stop_timed(signal.SIGTERM)
        assert code == 0, bot.log_text()[-5000:]
        assert busy_stop_seconds < SIGTERM_SECONDS
        may_repeat.after_kill(_in_flight_at_kill(sandbox, bot.db_path, subs, period))

        for _ in range(KILLS):
            await bot.start()
            await asyncio.sleep(rng.uniform(0.1, 1.2))
            await bot.kill(signal.SIGKILL)
            assert_fts_consistent(bot.db_path)
            may_repeat.after_kill(_in_flight_at_kill(sandbox, bot.db_path, subs, period))
            kills_mid_delivery += not _all_delivered(bot.db_path, subs.values(), started)
            with Library(bot.db_path) as library:  # news arrives while the bot is down
                for _ in range(NEW_ARTICLES_PER_RESTART):
                    library.add_article(digest_article(SOURCE_ID, next_story))
                    next_story += 1

        await bot.start()
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while not _all_delivered(bot.db_path, subs.values(), started):
            assert time.monotonic() < deadline, bot.log_text()[-5000:]
            await asyncio.sleep(0.5)
        await asyncio.sleep(2.5)  # more ticks: nothing more may be sent
        code, seconds = await bot.stop_timed(signal.SIGTERM)
    finally:
        if bot.running:
            await bot.kill(signal.SIGKILL)
    assert code == 0, bot.log_text()[-5000:]
    assert seconds < SIGTERM_SECONDS

    repeated = 0
    with Library(bot.db_path) as library:
        for chat_id, sub_id in subs.items():
            parts = _digest_parts(sandbox, chat_id)
            copies = Counter((header, part) for header, part, _, _ in parts)
            for (header, part), count in copies.items():
                allowed = 1 + may_repeat.extra[(chat_id, part)]
                assert count <= allowed, f"chat {chat_id}: {header!r} arrived {count} times"
                repeated += count - 1
            [total] = {total for _, _, total, _ in parts}  # one rendering of the digest
            assert {part for _, part, _, _ in parts} == set(range(1, total + 1))
            assert library.delivered_parts(sub_id, period) == set(range(1, total + 1))
            unique_texts = {text for _, _, _, text in parts}
            stories = Counter(int(s) for text in unique_texts for s in _STORY.findall(text))
            assert all(count == 1 for count in stories.values()), stories
            assert set(range(1, ARTICLES_FOR_THREE_PARTS + 1)) <= set(stories)
            sub = library.get_subscription(sub_id)
            assert sub is not None and sub.cursor == max(stories)
    log.warning(
        "digest crash run: %d kills (%d during delivery), %d digests, %d parts, "
        "%d sent twice (in flight at a kill); "
        "SIGTERM took %.1f s while delivering, %.1f s idle",
        KILLS,
        kills_mid_delivery,
        len(subs),
        sum(len(_digest_parts(sandbox, chat_id)) for chat_id in GROUPS),
        repeated,
        busy_stop_seconds,
        seconds,
    )
    assert sandbox.rejected == []


async def test_sigterm_during_a_long_delivery_stops_within_10_s(
    sandbox: Sandbox, tmp_path: Path, library_target: str | Path
) -> None:
    """A group's digests outlast Telegram's 20 messages a minute per group: the bot must not
    wait for them to stop; the rest goes out after the restart, each part once."""
    chat_id = GROUPS[0]
    sandbox.add_chat(chat_id, "supergroup", title="Busy desk")
    due = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).replace(microsecond=0)
    period = delivery_period(due)
    bot = BotProcess(sandbox, tmp_path, db_path=library_target)
    with Library(bot.db_path) as library:
        library.upsert_chat(Chat(chat_id, "supergroup", title="Busy desk"))
        for number in range(1, LONG_DIGEST_ARTICLES + 1):
            library.add_article(digest_article(chat_id, number))
        subs = {}
        for keyword in LONG_DIGEST_KEYWORDS:  # several digests of the same articles
            sub = library.add_subscription(
                chat_id=chat_id,
                thread_id=None,
                local_time=due.time(),
                timezone="UTC",
                weekdays=frozenset(range(7)),
                keywords=keyword,
                next_due_at=due,
                created_by=None,
                cursor=0,
            )
            subs[sub.id] = keyword
    try:
        await bot.start()
        await sandbox.wait_for_messages(chat_id, count=GROUP_BURST, timeout=20)
        code, seconds = await bot.stop_timed(signal.SIGTERM)
        assert code == 0, bot.log_text()[-5000:]
        assert seconds < SIGTERM_SECONDS, f"SIGTERM took {seconds:.1f} s"
        sent_before_restart = len(_digest_parts(sandbox, chat_id))

        await bot.start()
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while not _all_delivered(bot.db_path, subs, due):
            assert time.monotonic() < deadline, bot.log_text()[-5000:]
            await asyncio.sleep(0.5)
        await bot.kill(signal.SIGTERM)
    finally:
        if bot.running:
            await bot.kill(signal.SIGKILL)
    parts = _digest_parts(sandbox, chat_id)
    with Library(bot.db_path) as library:
        recorded = sum(len(library.delivered_parts(sub_id, period)) for sub_id in subs)
    assert sent_before_restart < recorded
    assert len(parts) <= recorded + 1  # at most the part in flight at the stop came twice
