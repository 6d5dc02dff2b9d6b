"""Who sees what (DESIGN §3), as one SQL fragment that every read path embeds.

A chat sees its own collection, the collections of the configured public sources, and those of
the chats it follows. The rule is evaluated inside SQLite as a subquery, never as a literal list
of ids, so a chat that follows a thousand collections costs one small ephemeral index per query.
Public sources named by ``@username`` are resolved through ``chats.username`` at query time, so
a channel the bot learns about later becomes visible without a restart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

#: Chat ids visible to ``:viewer``; needs the parameters of :meth:`PublicSources.params`.
#: ``UNION ALL``: the ``IN`` that uses it builds its own set, a de-duplicating UNION would build
#: a second one per query.
VISIBLE_CHATS_SQL = """
    SELECT :viewer
    UNION ALL SELECT source_chat_id FROM follows WHERE chat_id = :viewer
    UNION ALL SELECT value FROM json_each(:public_ids)
    UNION ALL SELECT chat_id FROM chats
        WHERE username IN (SELECT value FROM json_each(:public_names))
"""


def visible_to_viewer(column: str) -> str:
    """A WHERE condition: ``column`` (a chat id) is visible to ``:viewer``."""
    return f"{column} IN ({VISIBLE_CHATS_SQL})"


@dataclass(frozen=True, slots=True)
class PublicSources:
    """The ``[library] public_sources`` setting: chat ids and usernames (without ``@``)."""

    ids: tuple[int, ...] = ()
    usernames: tuple[str, ...] = ()

    @classmethod
    def parse(cls, sources: Sequence[int | str]) -> PublicSources:
        """Split configured sources into ids and usernames.

        Raises:
            ValueError: an entry is neither an integer chat id nor a ``@username``.
        """
        ids: list[int] = []
        usernames: list[str] = []
        for source in sources:
            if isinstance(source, int):
                ids.append(source)
                continue
            text = source.strip()
            if text.lstrip("-").isdigit():
                ids.append(int(text))
            elif text.lstrip("@") and text.lstrip("@").replace("_", "").isalnum():
                usernames.append(text.lstrip("@").lower())
            else:
                raise ValueError(
                    f"public source {source!r} is neither a chat id (e.g. -1001234567890) "
                    "nor a username (e.g. @channel)"
                )
        return cls(tuple(ids), tuple(usernames))

    def params(self, viewer: int) -> dict[str, object]:
        """Named parameters for :data:`VISIBLE_CHATS_SQL`."""
        return {
            "viewer": viewer,
            "public_ids": json.dumps(self.ids),
            "public_names": json.dumps(self.usernames),
        }
