"""The digest clock on the real JobQueue: one job with a stable id, a generous misfire grace,
aligned to the minute by default; ticks never overlap."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from telegram.ext import ApplicationBuilder

from bot import scheduler
from bot.app import build_services
from bot.config import Config, DigestConfig
from bot.inbox import UpdateInbox
from bot.services import CONTEXT_TYPES, App
from storage.aio import AsyncLibrary


@pytest.fixture
async def library(library_target: str | Path) -> AsyncIterator[AsyncLibrary]:
    opened = await AsyncLibrary.open(library_target)
    yield opened
    await opened.aclose()


def application(library: AsyncLibrary, tick_seconds: int) -> App:
    config = dataclasses.replace(Config(), digest=DigestConfig(tick_seconds=tick_seconds))
    app: App = ApplicationBuilder().token("1:TEST").context_types(CONTEXT_TYPES).build()
    app.bot_data.attach(build_services(config, library, app.bot, UpdateInbox()))
    return app


def tick_job(app: App):  # type: ignore[no-untyped-def]
    assert app.job_queue is not None
    return app.job_queue.scheduler.get_job(scheduler.TICK_JOB_ID)


async def test_default_tick_fires_at_second_zero_of_every_utc_minute(
    library: AsyncLibrary,
) -> None:
    app = application(library, 60)
    scheduler.install(app)
    job = tick_job(app)
    assert isinstance(job.trigger, CronTrigger)
    fields = {f.name: str(f) for f in job.trigger.fields}
    assert (fields["minute"], fields["second"]) == ("*", "0")
    assert job.trigger.timezone == dt.UTC
    assert job.misfire_grace_time == scheduler.MISFIRE_GRACE_SECONDS >= 60
    assert job.coalesce is True


async def test_installing_twice_keeps_one_clock(library: AsyncLibrary) -> None:
    app = application(library, 60)
    scheduler.install(app)
    scheduler.install(app)
    assert app.job_queue is not None
    # APScheduler applies replace_existing when it starts (jobs added before are pending).
    await app.job_queue.start()
    try:
        ids = [job.id for job in app.job_queue.scheduler.get_jobs()]
    finally:
        await app.job_queue.stop(wait=False)
    assert ids.count(scheduler.TICK_JOB_ID) == 1


async def test_other_intervals_repeat_from_start(library: AsyncLibrary) -> None:
    app = application(library, 5)
    scheduler.install(app)
    job = tick_job(app)
    assert isinstance(job.trigger, IntervalTrigger)
    assert job.trigger.interval == dt.timedelta(seconds=5)


async def test_a_tick_started_while_one_runs_returns_at_once(library: AsyncLibrary) -> None:
    app = application(library, 60)
    lock = app.bot_data.services.tick_lock
    async with lock:
        assert await scheduler.run_tick(app) == 0
    assert not lock.locked()


async def test_without_a_job_queue_install_explains_what_to_install(
    library: AsyncLibrary,
) -> None:
    app = ApplicationBuilder().token("1:TEST").context_types(CONTEXT_TYPES).job_queue(None).build()
    app.bot_data.attach(build_services(Config(), library, app.bot, UpdateInbox()))
    with (
        pytest.warns(UserWarning, match="JobQueue"),
        pytest.raises(scheduler.SchedulerUnavailableError, match="job-queue"),
    ):
        scheduler.install(app)
