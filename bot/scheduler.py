"""The digest clock: one repeating JobQueue job that delivers whatever is due.

Schedules live in the database (each subscription's ``next_due_at``), not in APScheduler, so
nothing has to be restored after a restart and ten thousand subscriptions cost one job. The job
has a stable id with ``replace_existing``, so installing twice never makes two clocks, and a
generous ``misfire_grace_time``, because APScheduler silently drops a run that starts more than
its grace (1 s by default) late. A one-off tick right after start delivers digests that fell due
while the bot was down (the catch-up rule is in :func:`bot.schedule.catch_up_decision`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from bot.delivery import deliver_due
from bot.services import App, BotContext

__all__ = [
    "CATCH_UP_JOB_ID",
    "TICK_JOB_ID",
    "SchedulerUnavailableError",
    "install",
    "run_tick",
    "run_tick_until_stopped",
]

log = logging.getLogger(__name__)

TICK_JOB_ID = "digest-bot.digest-tick"
CATCH_UP_JOB_ID = "digest-bot.digest-catch-up"
#: A tick that starts this late (a blocked loop, a suspended laptop) still runs.
MISFIRE_GRACE_SECONDS = 300
#: How often a running tick checks whether the application is stopping.
STOP_CHECK_SECONDS = 0.2


class SchedulerUnavailableError(RuntimeError):
    """The Application has no JobQueue, so digests could never be sent."""


def install(application: App) -> None:
    """Add the digest tick (and the start-up catch-up tick) to the application's JobQueue.

    ``[digest] tick_seconds = 60`` fires at second 0 of every UTC minute; other values repeat
    at that interval from start (fast tests). Safe to call again: the job ids are stable.

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


async def run_tick_until_stopped(application: App) -> None:
    """Run a tick, but give it up as soon as the application starts stopping.

    ``Application.stop`` waits for running jobs, and a tick with a backlog (Telegram allows a
    group 20 messages a minute) could otherwise hold a SIGTERM for minutes. Interrupting it is
    as safe as a crash: each part is recorded once Telegram accepted it, and whatever is still
    due goes out after the restart (a part in flight at that moment may arrive twice).
    """
    delivery = asyncio.create_task(run_tick(application))
    try:
        while not delivery.done():
            await asyncio.wait({delivery}, timeout=STOP_CHECK_SECONDS)
            if not application.running and not delivery.done():
                log.info("stopping: digest delivery interrupted; the rest goes out after restart")
                delivery.cancel()
    finally:
        if not delivery.done():
            delivery.cancel()
    if not delivery.cancelled():
        delivery.result()  # a tick's error reaches the error handlers as before


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
        return await deliver_due(application.bot, services.library, services.config, now=moment)
