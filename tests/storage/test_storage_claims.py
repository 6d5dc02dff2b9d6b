"""Claims of several processes on one database file: heartbeats, webhook updates, due chats,
and the shared send pace. Two Library objects on one file stand for two processes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Library
from storage.claims import FORGET_PROCESSES_AFTER

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(seconds=30)
STALE = NOW - LEASE


@pytest.fixture
def other(library_target: str | Path, library: Library) -> Iterator[Library]:
    """A second connection to the library's database: another process."""
    second = Library(library_target)
    yield second
    second.close()


def _subscribe(library: Library, chat_id: int, due: dt.datetime = NOW) -> int:
    return library.add_subscription(
        chat_id=chat_id,
        thread_id=None,
        local_time=dt.time(9, 0),
        timezone="UTC",
        weekdays=frozenset(range(7)),
        keywords="",
        next_due_at=due,
        created_by=None,
        cursor=0,
    ).id


def test_a_webhook_update_is_stored_once_and_claimed_by_its_receiver(
    library: Library, other: Library
) -> None:
    library.register_process("a", "webhook", NOW)
    assert library.store_webhook_update(7, '{"update_id": 7}', "a", NOW)
    # Telegram delivers it again (the answer was lost): the other process must not handle it.
    assert not other.store_webhook_update(7, '{"update_id": 7}', "b", NOW)
    assert library.inbox_pending() == [(7, '{"update_id": 7}')]
    # Done and delivered again later the same day: still not handled a second time.
    library.inbox_done(7)
    assert not other.store_webhook_update(7, '{"update_id": 7}', "b", NOW)
    assert library.inbox_pending() == []


def test_remembered_webhook_ids_are_forgotten_after_telegrams_retention(library: Library) -> None:
    assert library.store_webhook_update(7, "{}", "a", NOW)
    library.inbox_done(7)
    assert library.store_webhook_update(7, "{}", "a", NOW + dt.timedelta(hours=25))


def test_updates_of_a_live_process_are_not_taken_over_those_of_a_dead_one_are(
    library: Library, other: Library
) -> None:
    library.register_process("a", "webhook", NOW)
    other.register_process("b", "webhook", NOW)
    library.store_webhook_update(1, '{"update_id": 1}', "a", NOW)
    other.store_webhook_update(2, '{"update_id": 2}', "b", NOW)
    library.inbox_add([(3, '{"update_id": 3}')])  # stored while polling: nobody's
    assert other.claim_orphaned_updates("b", STALE) == [(3, '{"update_id": 3}')]
    assert other.claim_orphaned_updates("b", STALE) == []  # b never takes its own twice
    # a stops beating: once its lease ran out, b takes its update over, once.
    later = NOW + LEASE + dt.timedelta(seconds=1)
    other.heartbeat("b", "webhook", later)
    assert other.claim_orphaned_updates("b", later - LEASE) == [(1, '{"update_id": 1}')]
    assert library.claim_orphaned_updates("c", later - LEASE) == []


def test_a_clean_stop_releases_claims_at_once(library: Library, other: Library) -> None:
    library.register_process("a", "webhook", NOW)
    library.store_webhook_update(1, "{}", "a", NOW)
    _subscribe(library, 11)
    assert [s.chat_id for s in library.claim_due_chats(NOW, "a", STALE, limit=10)] == [11]
    library.unregister_process("a")
    assert library.live_processes(STALE) == []
    other.register_process("b", "webhook", NOW)
    assert other.claim_orphaned_updates("b", STALE) == [(1, "{}")]
    assert [s.chat_id for s in other.claim_due_chats(NOW, "b", STALE, limit=10)] == [11]


def test_due_chats_are_claimed_by_one_process_each_with_all_their_due_digests(
    library: Library, other: Library
) -> None:
    library.register_process("a", "webhook", NOW)
    other.register_process("b", "webhook", NOW)
    early = NOW - dt.timedelta(minutes=5)
    first = _subscribe(library, 11, early)
    second = _subscribe(library, 11)
    _subscribe(library, 12)
    _subscribe(library, 13, NOW + dt.timedelta(minutes=1))  # not due yet
    mine = library.claim_due_chats(NOW, "a", STALE, limit=1)
    assert [s.id for s in mine] == [first, second]  # the most overdue chat, all its digests
    theirs = other.claim_due_chats(NOW, "b", STALE, limit=10)
    assert [s.chat_id for s in theirs] == [12]
    assert library.claim_due_chats(NOW, "a", STALE, limit=10) == []
    # Released chats whose digests are still due can be claimed again.
    library.release_chats("a", [11])
    assert [s.id for s in other.claim_due_chats(NOW, "b", STALE, limit=10)] == [first, second]


def test_a_dead_processs_chats_are_claimed_after_its_lease(
    library: Library, other: Library
) -> None:
    library.register_process("a", "webhook", NOW)
    _subscribe(library, 11)
    library.claim_due_chats(NOW, "a", STALE, limit=10)
    other.register_process("b", "webhook", NOW)
    assert other.claim_due_chats(NOW, "b", STALE, limit=10) == []
    later = NOW + LEASE + dt.timedelta(seconds=1)
    other.heartbeat("b", "webhook", later)
    assert [s.chat_id for s in other.claim_due_chats(later, "b", later - LEASE, limit=10)] == [11]
    library.release_chats("a", [11])  # a late release of a lost claim changes nothing
    assert other.claim_due_chats(later, "c", later - LEASE, limit=10) == []


def test_long_dead_processes_are_forgotten_when_another_registers(library: Library) -> None:
    library.register_process("old", "webhook", NOW - FORGET_PROCESSES_AFTER * 2)
    library.register_process("new", "polling", NOW)
    assert library.live_processes(NOW - FORGET_PROCESSES_AFTER * 3) == ["new"]
    assert library.live_processes(STALE, mode="webhook") == []


def test_send_slots_are_spaced_after_a_burst(library: Library, other: Library) -> None:
    interval, tolerance = 0.1, 0.2  # a burst of three, then one every 0.1 s
    slots = [
        lib.reserve_send_slot(100.0, interval, tolerance)
        for lib in (library, other, library, other, library)
    ]
    assert slots == pytest.approx([99.8, 99.9, 100.0, 100.1, 100.2])
    # After a quiet spell the burst is allowed again, not the slots missed meanwhile.
    assert library.reserve_send_slot(200.0, interval, tolerance) == pytest.approx(199.8)


def test_a_hold_delays_every_processs_next_slot(library: Library, other: Library) -> None:
    library.reserve_send_slot(100.0, 0.1, 0.0)
    other.hold_send_pace(105.0)
    assert library.reserve_send_slot(100.5, 0.1, 0.0) == pytest.approx(105.0)
    other.hold_send_pace(101.0)  # a shorter hold never shortens a longer one
    assert other.reserve_send_slot(100.5, 0.1, 0.0) == pytest.approx(105.1)


# Each process is a fresh interpreter running this script: it imports only the installed
# ``storage`` package, so it works whatever pytest's import mode did to ``sys.path``.
_RESERVE_MANY = """
import json, sys
from storage import Library
with Library(sys.argv[1]) as library:
    slots = [library.reserve_send_slot(1000.0, 0.01, 0.0) for _ in range(int(sys.argv[2]))]
print(json.dumps(slots))
"""


# Processes on one SQLite file (they open ``db_path``); on PostgreSQL the server orders the
# upserts, which the two-connection tests above cover.
@pytest.mark.sqlite_only
def test_processes_reserving_at_once_never_share_a_slot(db_path: Path, library: Library) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _RESERVE_MANY, str(db_path), "50"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0]
    slots = sorted(round(slot, 6) for output in outputs for slot in json.loads(output))
    assert slots == [round(1000.0 + 0.01 * n, 6) for n in range(150)]
