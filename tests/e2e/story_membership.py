"""Putting stored articles into one story, whatever the story rules would decide.

The end-to-end tests of how stories are shown must not depend on the similarity thresholds
(tuned separately), so they join their articles explicitly: every given article takes the
story of the first one.
"""

from __future__ import annotations

import os

from tests.library_backend import execute


def join_story(target: str | os.PathLike[str], lead_id: int, *member_ids: int) -> int:
    """Move ``member_ids`` into the story of article ``lead_id`` of the library at ``target``
    (SQLite file or PostgreSQL URL); returns that story's id."""
    [(story_id,)] = execute(target, "SELECT story_id FROM articles WHERE id = ?", (lead_id,))
    assert story_id is not None, f"article {lead_id} has no story"
    if member_ids:
        execute(
            target,
            "UPDATE articles SET story_id = ? WHERE id = ?",
            *[(story_id, member) for member in member_ids],
        )
    return int(story_id)
