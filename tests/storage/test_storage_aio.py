"""AsyncLibrary: the same API from an event loop, every call on one database thread."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from storage import AsyncLibrary, Chat, Library, LibraryClosedError


async def test_calls_run_on_one_thread_that_is_not_the_loops(
    library_target: Path | str, make_article
) -> None:
    lib = await AsyncLibrary.open(library_target, public_sources=["@wire"])
    try:
        threads = await asyncio.gather(
            *(lib._run(lambda: threading.get_ident()) for _ in range(10))
        )
        assert len(set(threads)) == 1 and threads[0] != threading.get_ident()

        added = await lib.add_articles(
            [make_article(-1, "Alpha", "a"), make_article(-1, "Beta", "b")]
        )
        assert [r.duplicate for r in added] == [False, False]
        await lib.upsert_chat(Chat(chat_id=-7, type="channel", username="wire"))
        page = await lib.search(-1, "alpha")
        assert [h.article.headline for h in page.hits] == ["Alpha"]
        assert await lib.visible_chats(-3) == frozenset({-3, -7})
        assert [a.headline async for a in lib.iter_articles()] == ["Alpha", "Beta"]
    finally:
        await lib.aclose()
    await lib.aclose()
    with pytest.raises(LibraryClosedError):
        await lib.latest(-1)


async def test_the_loop_keeps_running_during_a_call(library_target: Path | str) -> None:
    lib = await AsyncLibrary.open(library_target)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    try:
        # A call that holds the database thread for a while must not stop the loop.
        await lib._run(lambda: threading.Event().wait(0.2))
        assert ticks > 10
    finally:
        task.cancel()
        await lib.aclose()


async def test_open_errors_propagate(tmp_path: Path) -> None:
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"not sqlite" * 100)
    with pytest.raises(Exception, match="x.db"):
        await AsyncLibrary.open(bogus)


def test_every_public_library_method_has_an_async_twin() -> None:
    public = {
        name
        for name in dir(Library)
        if not name.startswith("_") and callable(getattr(Library, name))
    }
    assert public - {"close"} <= set(dir(AsyncLibrary))


async def test_sqlite_errors_leave_as_storage_database_error(tmp_path) -> None:
    from storage import DatabaseError, StorageError

    library = await AsyncLibrary.open(tmp_path / "library.sqlite3")
    try:
        # A schema change behind the library's back makes its own SQL fail inside SQLite.
        await library._run(lambda: library._library._db.execute("DROP TABLE searches"))
        with pytest.raises(DatabaseError) as info:
            await library.save_search(1, "anything")
        assert isinstance(info.value, StorageError)
        assert "searches" in str(info.value)
    finally:
        await library.aclose()
