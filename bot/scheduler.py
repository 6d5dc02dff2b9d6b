"""The clocks: one repeating JobQueue job that delivers due digests, one that polls due feeds.

Schedules live in the database (each subscription's ``next_due_at``, each feed's
``next_poll_at``), not in APScheduler, so nothing has to be restored after a restart and ten
thousand subscriptions or feeds cost one job each. The jobs have stable ids with
``replace_existing``, so installing twice never makes two clocks, and a generous
``misfire_grace_time``, because APScheduler silently drops a run that starts more than its grace
(1 s by default) late. A one-off tick right after start delivers digests that fell due while the
bot was down (the catch-up rule is in :func:`bot.schedule.catch_up_decision`); the feed job's
first run is at start too. A run of either job is given up when the application stops: what
was not done is still due after the restart.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable

from bot.delivery import deliver_due
from bot.feed_job import run_feed_cycle
from bot.services import App, BotContext

__all__ = [
    "CATCH_UP_JOB_ID",
    "FEED_JOB_ID",
    "TICK_JOB_ID",
    "SchedulerUnavailableError",
    "install",
    "run_feed_cycle_until_stopped",
    "run_tick",
    "run_tick_until_stopped",
]

log = logging.getLogger(__name__)

TICK_JOB_ID = "digest-bot.digest-tick"
CATCH_UP_JOB_ID = "digest-bot.digest-catch-up"
FEED_JOB_ID = "digest-bot.feed-poll"
#: A tick that starts this late (a blocked loop, a suspended laptop) still runs.
MISFIRE_GRACE_SECONDS = 300
#: How often a running tick checks whether the application is stopping.
STOP_CHECK_SECONDS = 0.2


class SchedulerUnavailableError(RuntimeError):
    """The Application has no JobQueue, so digests could never be sent."""


def install(application: App) -> None:
    """Add the digest tick (and the start-up catch-up tick) and the feed job to the
    application's JobQueue.

    ``[digest] tick_seconds = 60`` fires at second 0 of every UTC minute; other values repeat
    at that interval from start (fast tests). The feed job runs at start, then every
    ``[feeds] tick_seconds``; a run still going when the next is due makes that one wait
    (``max_instances`` 1, coalesced). Safe to call again: the job ids are stable.

    Raises:
        SchedulerUnavailableError: the Application was built without a JobQueue.
    """
    job_queue = application.job_queue
    if job_queue is None:
        raise SchedulerUnavailableError(
            "python-telegram-bot was installed without its job queue; install "
            "'python-telegram-bot[job-queue]' so scheduled digests can run"
        )
    tick_seconds = application.bot_data.services.config.digest.tick_seconds

    async def tick(_context: BotContext) -> None:
        await run_tick_until_stopped(application)

    common = {"replace_existing": True, "misfire_grace_time": MISFIRE_GRACE_SECONDS}
    if tick_seconds == 60:
        job_queue.run_custom(
            tick,
            name="digest tick",
            job_kwargs={
                "id": TICK_JOB_ID,
                "trigger": "cron",
                "minute": "*",
                "second": 0,
                "timezone": dt.UTC,
                "coalesce": True,
                **common,
            },
        )
    else:
        job_queue.run_repeating(
            tick,
            interval=tick_seconds,
            first=tick_seconds,
            name="digest tick",
            job_kwargs={"id": TICK_JOB_ID, "coalesce": True, **common},
        )
    job_queue.run_once(
        tick, when=0, name="digest catch-up", job_kwargs={"id": CATCH_UP_JOB_ID, **common}
    )
    log.info("digest scheduler installed: a tick every %s s", tick_seconds)

    async def poll_feeds(_context: BotContext) -> None:
        await run_feed_cycle_until_stopped(application)

    feed_seconds = application.bot_data.services.config.feeds.tick_seconds
    job_queue.run_repeating(
        poll_feeds,
        interval=feed_seconds,
        first=0,
        name="feed poll",
        job_kwargs={"id": FEED_JOB_ID, "coalesce": True, "max_instances": 1, **common},
    )
    log.info("feed poller installed: due feeds looked for every %s s", feed_seconds)


async def _until_stopped(application: App, work: Awaitable[object], what: str) -> None:
    """Await ``work``, but give it up as soon as the application starts stopping.

    ``Application.stop`` waits for running jobs, and a long run could otherwise hold a SIGTERM
    for minutes. The work must be as safe to interrupt as a crash.
    """
    task = asyncio.ensure_future(work)
    try:
        while not task.done():
            await asyncio.wait({task}, timeout=STOP_CHECK_SECONDS)
            if not application.running and not task.done():
                log.info("stopping: %s interrupted; the rest is done after restart", what)
                task.cancel()
    finally:
        if not task.done():
            task.cancel()
    if not task.cancelled():
        task.result()  # an error reaches the error handlers as before


async def run_feed_cycle_until_stopped(application: App) -> None:
    """Poll the due feeds once, given up when the application stops: a cancelled poll
    releases its claim, and a feed's state only advances once its items are stored."""
    await _until_stopped(application, run_feed_cycle(application), "feed polling")


async def run_tick_until_stopped(application: App) -> None:
    """Run a tick, but give it up as soon as the application starts stopping.

    A tick with a backlog (Telegram allows a group 20 messages a minute) could otherwise hold
    a SIGTERM for minutes. Interrupting it is as safe as a crash: each part is recorded once
    Telegram accepted it, and whatever is still due goes out after the restart (a part in
    flight at that moment may arrive twice).
    """
    await _until_stopped(application, run_tick(application), "digest delivery")


async def run_tick(application: App, now: dt.datetime | None = None) -> int:
    """Deliver every digest due at ``now`` (default: the current UTC time).

    Ticks never overlap: the catch-up tick and a minute tick could otherwise both take the same
    due subscription. A tick that finds another still running returns at once; what is due
    then is taken by the next one. Returns how many subscriptions were handled.
    """
    services = application.bot_data.services
    if services.tick_lock.locked():
        log.info("previous digest tick still running; skipping this one")
        return 0
    async with services.tick_lock:
        moment = now or dt.datetime.now(dt.UTC)
        return await deliver_due(
            application.bot,
            services.library,
            services.config,
            now=moment,
            metrics=services.metrics,
        )
