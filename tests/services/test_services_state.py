"""Per-application state: ``Services.extra`` (made once per key) and the ``TtlCache`` behind the
membership and chat caches. Clocks are injected; a real AsyncLibrary is opened on a tmp file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Config
from bot.services import Services
from bot.ttl_cache import TtlCache
from storage.aio import AsyncLibrary


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def services(tmp_path: Path) -> AsyncIterator[Services]:
    library = await AsyncLibrary.open(tmp_path / "library.sqlite3")
    yield Services(config=Config(), library=library)
    await library.aclose()


async def test_extra_is_made_once_per_key(services: Services) -> None:
    made: list[int] = []

    def factory() -> list[int]:
        made.append(1)
        return []

    first = services.extra("a.key", factory)
    first.append(7)
    assert services.extra("a.key", factory) is first
    assert first == [7]
    assert services.extra("b.key", factory) is not first
    assert len(made) == 2


def test_entries_expire_after_ttl_and_none_is_a_value() -> None:
    clock = FakeClock()
    cache: TtlCache[str, int | None] = TtlCache(10.0, 100, clock=clock)
    assert cache.get("k") == (False, None)
    cache.put("k", None)
    assert cache.get("k") == (True, None)
    clock.now += 9.9
    assert cache.get("k") == (True, None)
    clock.now += 0.1
    assert cache.get("k") == (False, None)


def test_a_full_cache_starts_over_but_updates_do_not_clear_it() -> None:
    cache: TtlCache[int, str] = TtlCache(60.0, 3, clock=FakeClock())
    for key in range(3):
        cache.put(key, str(key))
    cache.put(2, "two")  # an update of a present key: nothing is dropped
    assert len(cache) == 3 and cache.get(0) == (True, "0")
    cache.put(3, "three")  # a new key in a full cache: the cache starts over
    assert len(cache) == 1 and cache.get(0) == (False, None) and cache.get(3) == (True, "three")


def test_forget_one_key_or_every_matching_key() -> None:
    cache: TtlCache[tuple[int, int], str] = TtlCache(60.0, 100, clock=FakeClock())
    for chat in (1, 2):
        for user in (10, 20):
            cache.put((chat, user), "member")
    cache.forget((2, 10))
    cache.forget((9, 9))  # absent: no error
    cache.forget_where(lambda key: key[0] == 1)
    assert [key for key in [(1, 10), (1, 20), (2, 10), (2, 20)] if cache.get(key)[0]] == [(2, 20)]
