"""A polling cycle: claim the due feeds, poll them with bounded concurrency, report each.

One feed's trouble never reaches the others: fetch and feed errors are recorded for that feed
by :func:`bot.feeds.poller.poll_feed`, and an unexpected error (a bug) is logged with its
traceback and recorded as a failure too, so the feed backs off instead of failing every cycle.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging

from bot.feeds.intervals import next_retry_at
from bot.feeds.limits import RequestLimiter
from bot.feeds.poller import PollOutcome, poll_feed
from bot.feeds.settings import PollSettings
from storage import AsyncLibrary, Feed, FeedNotFoundError, StorageError

__all__ = ["poll_due_feeds", "poll_feed_now", "poll_feeds"]

log = logging.getLogger(__name__)

#: A cycle holds claims on this many feeds per place of concurrency: enough to keep every
#: place busy, few enough that each is polled well within its lease.
CLAIM_ROUNDS = 4


async def _poll_guarded(
    library: AsyncLibrary,
    feed: Feed,
    settings: PollSettings,
    limiter: RequestLimiter,
    now: dt.datetime,
) -> PollOutcome | None:
    """Poll one feed; None when it was removed meanwhile."""
    try:
        return await poll_feed(library, feed, settings, limiter, now=now)
    except FeedNotFoundError:
        return None
    except asyncio.CancelledError:
        with contextlib.suppress(StorageError):
            await asyncio.shield(library.release_feed(feed.id))
        raise
    except Exception as error:
        log.exception("polling feed %s (%s) failed unexpectedly", feed.id, feed.url)
        message = f"Internal error while polling ({type(error).__name__}); see the bot's log."
        with contextlib.suppress(StorageError):
            await library.record_failure(
                feed.id,
                error=message,
                failed_at=now,
                next_poll_at=next_retry_at(now, feed.interval, feed.failures + 1),
            )
        return PollOutcome(feed, "failed", error=message)


async def poll_feeds(
    library: AsyncLibrary,
    feeds: list[Feed],
    settings: PollSettings,
    *,
    now: dt.datetime | None = None,
) -> list[PollOutcome]:
    """Poll ``feeds`` (already claimed) at most ``settings.concurrency`` requests at once and
    ``settings.per_host`` per host; one outcome per feed still followed, in ``feeds`` order."""
    now = now or dt.datetime.now(dt.UTC)
    limiter = RequestLimiter(settings.concurrency, settings.per_host)
    outcomes = await asyncio.gather(
        *(_poll_guarded(library, feed, settings, limiter, now) for feed in feeds)
    )
    return [outcome for outcome in outcomes if outcome is not None]


async def poll_due_feeds(
    library: AsyncLibrary,
    settings: PollSettings,
    *,
    now: dt.datetime | None = None,
    chat_id: int | None = None,
    include_not_due: bool = False,
) -> list[PollOutcome]:
    """One cycle: poll every due feed (of ``chat_id`` only, when given) that no other poller
    holds, most overdue first; with ``include_not_due`` every feed, paused ones included.

    Due feeds are claimed a batch at a time, topped up as polls finish, each claim leased from
    the moment it is taken, so a long cycle never outlives the claims of its last feeds; a polled
    feed is no longer due, so the cycle ends. Every feed at once (``include_not_due``, an operator's
    command) is claimed in one go, leased for as many rounds as the concurrency needs.
    """
    now = now or dt.datetime.now(dt.UTC)
    if include_not_due:
        count = len(await library.feeds_of(chat_id))
        rounds = max(1, -(-count // settings.concurrency))
        feeds = await library.claim_due_feeds(
            now, lease_until=now + settings.lease * rounds, limit=count, chat_id=chat_id,
            due_only=False,
        )  # fmt: skip
        return await poll_feeds(library, feeds, settings, now=now)
    loop = asyncio.get_running_loop()
    started = loop.time()
    limiter = RequestLimiter(settings.concurrency, settings.per_host)
    batch = settings.concurrency * CLAIM_ROUNDS
    outcomes: list[PollOutcome] = []
    running: set[asyncio.Task[PollOutcome | None]] = set()
    exhausted = False
    try:
        while True:
            if not exhausted and len(running) <= batch // 2:
                elapsed = dt.timedelta(seconds=loop.time() - started)
                feeds = await library.claim_due_feeds(
                    now, lease_until=now + elapsed + settings.lease, limit=batch - len(running),
                    chat_id=chat_id,
                )  # fmt: skip
                exhausted = len(feeds) < batch - len(running)
                running |= {
                    asyncio.create_task(_poll_guarded(library, feed, settings, limiter, now))
                    for feed in feeds
                }
            if not running:
                return outcomes
            done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            outcomes += [outcome for task in done if (outcome := task.result()) is not None]
    finally:  # cancelled: no poll outlives its cycle
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)


async def poll_feed_now(
    library: AsyncLibrary, feed_id: int, settings: PollSettings, *, now: dt.datetime | None = None
) -> PollOutcome | None:
    """Poll one feed at once, due or not (a feed just added); None when it does not exist or
    another poller holds it."""
    now = now or dt.datetime.now(dt.UTC)
    feed = await library.claim_feed(feed_id, now=now, lease_until=now + settings.lease)
    if feed is None:
        return None
    outcomes = await poll_feeds(library, [feed], settings, now=now)
    return outcomes[0] if outcomes else None
