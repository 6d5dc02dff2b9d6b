"""The bot killed with SIGKILL while several users paste articles into their private chats.

After each kill and at the end: the library is consistent (FTS5 integrity check, no article
stored twice), and every article whose card was sent is stored exactly once, in its sender's
collection, and found by a search for its headline. SIGTERM stops the bot cleanly within 10 s.

No sender ever sends an article twice, yet every article pasted is answered (its card, a line
of a burst's list, or "already saved" when the kill fell between storing it and settling its
update) and stored exactly once. Python-telegram-bot confirms fetched updates to Telegram with
its next poll, long before they are handled; the bot's update inbox (``bot.inbox``) stores every
fetched batch first and replays what a killed run left unhandled (or unanswered: a burst's list
goes out after its handlers returned, and their updates stay in the inbox until it has).
Without the replay this test fails: the updates in the bot's queue at a kill are never answered.
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.sandbox import Sandbox
from storage import Library

from .harness import (
    BotProcess,
    article_text,
    articles_by_hash,
    assert_fts_consistent,
    crash_rng,
    finds_headline,
    headline_of,
)

#: Kill tests that read the SQLite file (FTS consistency, rows written before the kill).
pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

log = logging.getLogger(__name__)

USERS = (1001, 1002, 1003, 1004)
KILLS = 7
ARTICLES_PER_USER_AND_ROUND = 6
SIGTERM_SECONDS = 10.0
ANSWER_TIMEOUT = 60.0
_CARD_ID = re.compile(r"^#(\d+) · /article \1$", re.MULTILINE)
_DUPLICATE_ID = re.compile(r"^Already saved as #(\d+)")
_LISTED = re.compile(r"^#(\d+) · (.+?)( · already saved before)?$", re.MULTILINE)


def _topic(user_id: int) -> str:
    return f"u{user_id}"


def _listed(sandbox: Sandbox) -> list[tuple[int, int, str, bool]]:
    """(chat, article id, headline, already saved before) of every line of a burst's lists."""
    return [
        (sent.chat_id, int(match.group(1)), match.group(2), bool(match.group(3)))
        for sent in sandbox.sent
        if sent.text.startswith("Also saved (")
        for match in _LISTED.finditer(sent.text)
    ]


def _cards(sandbox: Sandbox) -> list[tuple[int, int, str]]:
    """(chat, article id, headline) of every article card the bot sent, and of every new
    article a burst's list named."""
    cards = [
        (sent.chat_id, int(match.group(1)), sent.text.split("\n", 1)[0])
        for sent in sandbox.sent
        if not sent.is_edit and (match := _CARD_ID.search(sent.text))
    ]
    listed = [(chat, id_, headline) for chat, id_, headline, seen in _listed(sandbox) if not seen]
    return cards + listed


def _noticed_ids(sandbox: Sandbox) -> set[tuple[int, int]]:
    """(chat, article id) of every "already saved" notice or list line the bot sent."""
    notices = {
        (sent.chat_id, int(match.group(1)))
        for sent in sandbox.sent
        if (match := _DUPLICATE_ID.match(sent.text))
    }
    return notices | {(chat, id_) for chat, id_, _, seen in _listed(sandbox) if seen}


def _assert_cards_stored_once(sandbox: Sandbox, db_path: Path, pasted: set) -> int:
    """Every card's article is stored once, in the sender's collection, and searchable."""
    assert_fts_consistent(db_path)
    by_hash = articles_by_hash(db_path)
    assert {key: ids for key, ids in by_hash.items() if len(ids) > 1} == {}
    cards = _cards(sandbox)
    with Library(db_path) as library:
        for chat_id, article_id, headline in cards:
            assert (chat_id, headline) in pasted
            article = library.get_article(article_id, viewer_chat_id=chat_id)
            assert article is not None, f"card #{article_id} sent, article not stored"
            assert (article.chat_id, article.headline) == (chat_id, headline)
            assert finds_headline(library, article_id, headline)
        for chat_id, article_id in _noticed_ids(sandbox):
            article = library.get_article(article_id, viewer_chat_id=chat_id)
            assert article is not None and article.chat_id == chat_id
    return len(cards)


def _answered(sandbox: Sandbox, db_path: Path) -> set[tuple[int, str]]:
    """(chat, headline) of every article answered with its card or an "already saved" notice."""
    answered = {(chat_id, headline) for chat_id, _, headline in _cards(sandbox)}
    with Library(db_path) as library:
        for chat_id, article_id in _noticed_ids(sandbox):
            article = library.get_article(article_id, viewer_chat_id=chat_id)
            assert article is not None
            answered.add((chat_id, article.headline))
    return answered


async def _wait_until_answered(
    sandbox: Sandbox, bot: BotProcess, wanted: set[tuple[int, str]]
) -> None:
    deadline = time.monotonic() + ANSWER_TIMEOUT
    while not wanted <= _answered(sandbox, bot.db_path):
        assert time.monotonic() < deadline, bot.log_text()[-5000:]
        await asyncio.sleep(0.25)


async def test_chat_ingestion_survives_sigkill_at_random_points(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    rng = crash_rng("chat ingestion")
    for user_id in USERS[2:]:
        sandbox.add_user(user_id, f"User{user_id}")
    bot = BotProcess(sandbox, tmp_path, settings={"DIGEST_BOT_LIMITS_INGEST_PER_HOUR": "100000"})
    pasted: dict[tuple[int, str], str] = {}  # (chat, headline) -> text
    try:
        for _ in range(KILLS):
            await bot.start()
            for _ in range(ARTICLES_PER_USER_AND_ROUND):
                for user_id in USERS:
                    number = len(pasted)
                    text = article_text(number, _topic(user_id))
                    sandbox.send_text(user_id, user_id, text)
                    pasted[(user_id, headline_of(number, _topic(user_id)))] = text
            await asyncio.sleep(rng.uniform(0.05, 1.5))
            await bot.kill(signal.SIGKILL)
            _assert_cards_stored_once(sandbox, bot.db_path, set(pasted))

        polls = len(sandbox.calls("getUpdates"))
        await bot.start()
        # Nobody resends: what the killed runs fetched is replayed, the rest Telegram still has.
        await _wait_until_answered(sandbox, bot, set(pasted))
        # SIGTERM once it polls, so the stop is timed from a running bot.
        await sandbox.wait_for_call("getUpdates", polls + 1, timeout=ANSWER_TIMEOUT)
        code, seconds = await bot.stop_timed(signal.SIGTERM)
    finally:
        if bot.running:
            await bot.kill(signal.SIGKILL)
    assert code == 0, bot.log_text()[-5000:]
    assert seconds < SIGTERM_SECONDS

    cards = _assert_cards_stored_once(sandbox, bot.db_path, set(pasted))
    with Library(bot.db_path) as library:
        stored = Counter((a.chat_id, a.headline) for a in library.iter_articles())
    assert stored == Counter(set(pasted))  # every article once, in its sender's collection
    replayed = bot.log_text().count("replaying ")
    log.warning(
        "chat crash run: %d kills, %d articles pasted, %d cards, %d starts replayed updates",
        KILLS,
        len(pasted),
        cards,
        replayed,
    )
    assert sandbox.rejected == []
