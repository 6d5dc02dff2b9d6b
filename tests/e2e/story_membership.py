"""Putting stored articles into one story, whatever the story rules would decide.

The end-to-end tests of how stories are shown must not depend on the similarity thresholds
(tuned separately), so they join their articles explicitly: every given article takes the
story of the first one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def join_story(db_path: Path, lead_id: int, *member_ids: int) -> int:
    """Move ``member_ids`` into the story of article ``lead_id``; returns that story's id."""
    with sqlite3.connect(db_path, timeout=10) as conn:
        (story_id,) = conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (lead_id,)
        ).fetchone()
        assert story_id is not None, f"article {lead_id} has no story"
        conn.executemany(
            "UPDATE articles SET story_id = ? WHERE id = ?",
            [(story_id, member) for member in member_ids],
        )
    return int(story_id)
