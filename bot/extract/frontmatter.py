"""Markdown posts with a YAML front matter block: the title and date come from its keys.

Static-site generators (Jekyll, Hugo, Astro) store an article as '---', 'key: value' lines, '---'
and the Markdown body. Read as plain text, the first line of the block ('title: "…"') became the
headline. The block is turned into the title line and date line the text reader expects; the
other keys (author, tags, image, layout) are dropped.
"""

from __future__ import annotations

import re

__all__ = ["front_matter_as_lines"]

_BLOCK_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<block>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_MAX_BLOCK_CHARS = 4000
_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$", re.MULTILINE)
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "pubdate", "publishdate", "published", "pub_date", "publish_date")


def _value(raw: str) -> str:
    """A scalar as YAML writes it on one line: quoted ('"A \\"B\\" C"', "'D'") or plain."""
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def front_matter_as_lines(text: str) -> str | None:
    """``text`` with its front matter replaced by a title line and a date line, or None when it
    has no front matter block or the block has no title."""
    found = _BLOCK_RE.match(text[: _MAX_BLOCK_CHARS + 16])
    if found is None:
        return None
    keys = {
        match.group("key").casefold(): _value(match.group("value"))
        for match in _KEY_RE.finditer(found.group("block"))
    }
    title = next((keys[key] for key in _TITLE_KEYS if keys.get(key)), None)
    if title is None:
        return None
    date = next((keys[key] for key in _DATE_KEYS if keys.get(key)), None)
    head = f"{title}\n{date}\n" if date else f"{title}\n"
    return f"{head}\n{text[found.end() :].lstrip()}"
