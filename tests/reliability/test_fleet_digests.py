"""The acceptance test of several bot processes: two ``run --webhook`` processes on one
library deliver 200 due digests against a sandbox that answers 429 like Telegram; one process
is SIGKILLed in the middle.

Every digest arrives. A digest arrives twice only under the in-flight rule (``bot.fleet``): its
part was accepted by Telegram and not yet recorded when its process died, so the process that
took the chat over sent it again. The test reads which parts were in that state at the kill,
exactly, and allows a second copy of those only. No 429: the processes share one send pace.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.delivery import delivery_period
from bot.sandbox import Sandbox
from storage import Chat, Library
from storage.rows import instant_to_text
from tests.library_backend import execute

from ..digest.digest_articles import digest_article
from .fleet import stop_all, webhook_fleet
from .harness import BotProcess

pytestmark = pytest.mark.slow

log = logging.getLogger(__name__)

SOURCE_ID = -1001000000003
PRIVATE = tuple(7_100_000_000 + n for n in range(140))
GROUPS = tuple(-1002100000000 - n for n in range(60))
CHATS = PRIVATE + GROUPS
#: Articles in each digest: one part.
ARTICLES = 3
#: The kill comes once the killed process logged this many digests of its own as sent.
KILL_AFTER_OWN = 20
DELIVERY_TIMEOUT = 60.0
NOT_YET = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
_SENT = re.compile(r"subscription \d+: sent")


def _set_up(db_path: str | Path) -> dict[int, int]:
    """The source's articles, every chat following it with one subscription (not due yet)."""
    subs = {}
    with Library(db_path) as library:
        library.upsert_chat(Chat(SOURCE_ID, "channel", title="Newsroom", username="newsroom"))
        for number in range(1, ARTICLES + 1):
            library.add_article(digest_article(SOURCE_ID, number))
        for chat_id in CHATS:
            kind = "private" if chat_id > 0 else "supergroup"
            library.upsert_chat(Chat(chat_id, kind, title=None if kind == "private" else "Desk"))
            library.follow(chat_id, SOURCE_ID)
            subs[chat_id] = library.add_subscription(
                chat_id=chat_id,
                thread_id=None,
                local_time=dt.time(9, 0),
                timezone="UTC",
                weekdays=frozenset(range(7)),
                keywords="",
                next_due_at=NOT_YET,
                created_by=None,
                cursor=0,
            ).id
    return subs


def _make_due(db_path: str | Path, due: dt.datetime) -> None:
    execute(db_path, "UPDATE subscriptions SET next_due_at = ?", (instant_to_text(due),))


def _digests_to(sandbox: Sandbox, chat_id: int) -> int:
    return sum(1 for sent in sandbox.messages_to(chat_id) if sent.text.startswith("Digest"))


def _accepted_not_recorded(
    sandbox: Sandbox, db_path: str | Path, subs: dict[int, int], period: str
):
    """Chats whose digest Telegram accepted but no process recorded; fails if a recorded digest
    was never accepted (it would be lost)."""
    with Library(db_path) as library:
        found = set()
        for chat_id, sub_id in subs.items():
            recorded = library.delivered_parts(sub_id, period)
            accepted = _digests_to(sandbox, chat_id)
            assert len(recorded) <= accepted, f"chat {chat_id}: recorded, never sent"
            if accepted and not recorded:
                found.add(chat_id)
    return found


def _all_delivered(db_path: str | Path, due: dt.datetime) -> bool:
    [(left,)] = execute(
        db_path,
        "SELECT count(*) FROM subscriptions WHERE next_due_at <= ?",
        (instant_to_text(due),),
    )
    return left == 0


def _sent_by(process: BotProcess) -> int:
    return len(_SENT.findall(process.log_text()))


async def test_two_webhook_processes_deliver_200_digests_once_across_a_sigkill(
    tmp_path: Path, library_target: str | Path
) -> None:
    async with Sandbox(enforce_flood_limits=True) as sandbox:
        for chat_id in PRIVATE:
            sandbox.add_user(chat_id, f"Reader {chat_id}")
        for chat_id in GROUPS:
            sandbox.add_chat(chat_id, "supergroup", title="Desk")
        processes = webhook_fleet(
            sandbox,
            tmp_path,
            2,
            settings={"DIGEST_BOT_DIGEST_TICK_SECONDS": "1"},
            db_path=library_target,
        )
        victim, survivor = processes
        subs = _set_up(victim.db_path)
        try:
            for process in processes:
                await process.start()
            due = dt.datetime.now(dt.UTC).replace(microsecond=0)
            _make_due(victim.db_path, due)
            deadline = time.monotonic() + DELIVERY_TIMEOUT
            # The kill comes once the victim delivered a share of its own (on a busy machine
            # the other process may have started first), while digests are still due.
            while _sent_by(victim) < KILL_AFTER_OWN:
                assert time.monotonic() < deadline, victim.log_text()[-3000:]
                await asyncio.sleep(0.05)
            await victim.kill(signal.SIGKILL)
            sent_at_kill = sum(_digests_to(sandbox, chat_id) for chat_id in CHATS)
            in_flight = _accepted_not_recorded(sandbox, victim.db_path, subs, delivery_period(due))
            while not _all_delivered(survivor.db_path, due):
                assert time.monotonic() < deadline, survivor.log_text()[-3000:]
                await asyncio.sleep(0.2)
            await asyncio.sleep(3.0)  # more ticks: nothing more may be sent
            code = await survivor.kill(signal.SIGTERM)
        finally:
            await stop_all(processes)
        assert code == 0, survivor.log_text()[-3000:]

        copies = Counter({chat_id: _digests_to(sandbox, chat_id) for chat_id in CHATS})
        assert all(copies[chat_id] >= 1 for chat_id in CHATS), "a digest was lost"
        twice = {chat_id for chat_id, count in copies.items() if count > 1}
        assert twice <= in_flight, f"duplicates outside the in-flight rule: {twice - in_flight}"
        assert max(copies.values()) <= 2
        assert [r for r in sandbox.rejected if r["error"]["error_code"] == 429] == []
        assert sandbox.rejected == []
        assert sent_at_kill < len(CHATS), "the kill came after the last digest"
        assert _sent_by(survivor) > 0  # both delivered a share
        log.warning(
            "fleet run: %d digests, %d by the killed process before the kill, %d by the other; "
            "%d in flight at the kill (%d sent by then), %d arrived twice",
            len(CHATS),
            _sent_by(victim),
            _sent_by(survivor),
            len(in_flight),
            sent_at_kill,
            len(twice),
        )
