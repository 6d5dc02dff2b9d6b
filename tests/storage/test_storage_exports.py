"""The public names of the storage package are the ones we mean to export."""

from __future__ import annotations

import storage


def test_all_names_exist_and_nothing_else_is_promised() -> None:
    assert sorted(storage.__all__) == sorted(set(storage.__all__))
    for name in storage.__all__:
        assert getattr(storage, name) is not None
    assert {"Library", "AsyncLibrary", "parse_query", "StorageError", "NewArticle"} <= set(
        storage.__all__
    )


def test_every_storage_error_derives_from_storage_error() -> None:
    errors = [getattr(storage, n) for n in storage.__all__ if n.endswith("Error")]
    assert len(errors) >= 6
    assert all(issubclass(error, storage.StorageError) for error in errors)
