"""The library file a writing command opens, without ever leaving an empty one behind."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from storage import Library, StorageError, StoryMatcher

__all__ = ["library_kept_if_used"]

#: Files SQLite keeps next to the database (WAL mode, rollback journal).
_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


@contextlib.contextmanager
def library_kept_if_used(
    path: Path | str, *, public_sources: tuple[int | str, ...], stories: StoryMatcher
) -> Iterator[Library]:
    """Open the library at ``path`` (or a PostgreSQL URL, then kept as it is), creating it
    when missing; ``stories``: the story rules applied to the articles stored.

    When the block fails (an exception, ``SystemExit(1)`` included) and the file was created
    here and holds no article, it is removed with its companions: a failed command leaves no
    empty library that a later command would take for a real one.
    """
    if isinstance(path, str):
        with Library(path, public_sources=public_sources, stories=stories) as library:
            yield library
        return
    existed = path.exists()
    library = Library(path, public_sources=public_sources, stories=stories)
    succeeded = False
    try:
        yield library
        succeeded = True
    finally:
        try:
            unused = not existed and not succeeded and library.stats().articles == 0
        except StorageError:
            unused = False
        library.close()
        if unused:
            for file in (path, *(path.with_name(path.name + s) for s in _COMPANION_SUFFIXES)):
                file.unlink(missing_ok=True)
