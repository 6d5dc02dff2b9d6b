"""ReadinessProbe: named checks with a timeout, one answer reused for a few seconds."""

from __future__ import annotations

import asyncio

from bot.health import Readiness, ReadinessProbe


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class CountedCheck:
    """A dependency that answers (or raises ``error``) after ``delay`` seconds."""

    def __init__(self, delay: float = 0.0, error: Exception | None = None) -> None:
        self.delay, self.error, self.calls = delay, error, 0

    async def __call__(self) -> object:
        self.calls += 1
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        return True


async def test_ready_when_every_check_answers_in_time() -> None:
    probe = ReadinessProbe({"database": CountedCheck(), "telegram": CountedCheck()})
    readiness = await probe.readiness()
    assert readiness.ready and readiness.as_json() == {"ready": True}


async def test_each_failed_check_is_named_with_why() -> None:
    probe = ReadinessProbe(
        {
            "database": CountedCheck(error=OSError("disk I/O error")),
            "telegram": CountedCheck(delay=5),
            "other": CountedCheck(),
        },
        timeout=0.05,
    )
    readiness = await probe.readiness()
    assert not readiness.ready
    assert readiness.as_json() == {
        "ready": False,
        "reasons": {
            "database": "OSError: disk I/O error",
            "telegram": "no answer within 0.05 s",
        },
    }


async def test_the_answer_is_reused_until_it_is_older_than_the_cache_time() -> None:
    clock = Clock()
    database = CountedCheck(error=RuntimeError())
    probe = ReadinessProbe({"database": database}, cache_seconds=5, clock=clock)
    assert (await probe.readiness()).reasons == {"database": "RuntimeError"}
    clock.now += 4.9
    database.error = None
    assert not (await probe.readiness()).ready  # cached: the recovery is not seen yet
    assert database.calls == 1
    clock.now += 0.2
    assert (await probe.readiness()).ready
    assert database.calls == 2


async def test_probes_at_once_share_one_check_and_a_hung_up_one_does_not_cancel_it() -> None:
    database = CountedCheck(delay=0.1)
    probe = ReadinessProbe({"database": database})
    hung_up = asyncio.create_task(probe.readiness())
    await asyncio.sleep(0.01)
    others = [asyncio.create_task(probe.readiness()) for _ in range(3)]
    await asyncio.sleep(0.01)
    hung_up.cancel()
    answers = await asyncio.gather(*others)
    assert answers == [Readiness()] * 3
    assert database.calls == 1
