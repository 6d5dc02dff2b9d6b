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

#: Feeds claimed per cycle at most; the rest stay due for the next cycle.
CYCLE_LIMIT = 5000


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
    """One cycle: claim every due feed (of ``chat_id`` only, when given; every feed, paused
    ones included, with ``include_not_due``) that no other poller holds, and poll them."""
    now = now or dt.datetime.now(dt.UTC)
    feeds = await library.claim_due_feeds(
        now,
        lease_until=now + settings.lease,
        limit=CYCLE_LIMIT,
        chat_id=chat_id,
        due_only=not include_not_due,
    )
    return await poll_feeds(library, feeds, settings, now=now)


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
