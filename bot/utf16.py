"""UTF-16 code units, the unit Telegram counts message lengths and entity offsets in.

:func:`utf16_len` measures a text (render budgets, the sandbox's limits, export offsets);
:class:`Utf16Index` turns entity offsets into Python indexes. Neutral ground: extract, render
and the sandbox all import it, and it imports nothing of ``bot``.

Telegram counts a character outside the Basic Multilingual Plane (most emoji) as two code
units, Python as one character. In a post only those few characters shift the offsets, so
:class:`Utf16Index` keeps just their positions and answers each offset by bisection: the cost is
one scan of the text (none for ASCII text), not a table with an entry per character.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right

__all__ = ["Utf16Index", "utf16_len"]

# The codec is looked up (its module imported) on first use: do it on import, not in the first
# message measured (half a millisecond of a process's first digest).
codecs.lookup("utf-16-le")

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (an astral character counts 2).

    A lone surrogate counts as the one code unit it is (as :attr:`Utf16Index.units` counts it):
    a text decoded from JSON may hold one, and measuring it must not fail.
    """
    if text.isascii():
        return len(text)
    # Encoding runs in C, far faster than counting character by character.
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Utf16Index:
    """Maps UTF-16 offsets into one text to indexes of its Python string."""

    __slots__ = ("_astral", "_unit_starts", "units")

    def __init__(self, text: str) -> None:
        astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        self._astral = astral
        # The UTF-16 offset of each astral character: every one before it added a unit.
        self._unit_starts = [index + before for before, index in enumerate(astral)]
        self.units = len(text) + len(astral)
        """Length of the text in UTF-16 code units."""

    def index(self, offset: int) -> int:
        """The Python index of the character holding code unit ``offset`` (``offset >= 0``).

        An offset inside a surrogate pair maps to the astral character itself; an offset at or
        past the end maps to ``len(text)``.
        """
        offset = min(offset, self.units)
        if not self._astral:
            return offset
        # Astral characters ending at or before ``offset`` each shift it by one unit.
        whole = bisect_right(self._unit_starts, offset - 2)
        if whole < len(self._astral) and self._unit_starts[whole] == offset - 1:
            return self._astral[whole]  # the offset is the pair's second (low) surrogate
        return offset - whole
