"""UTF-16 code-unit offsets, as Telegram counts entity positions, turned into Python indexes.

Telegram counts a character outside the Basic Multilingual Plane (most emoji) as two code
units, Python as one character. In a post only those few characters shift the offsets, so
:class:`Utf16Index` keeps just their positions and answers each offset by bisection: the cost is
one scan of the text (none for ASCII text), not a table with an entry per character.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["Utf16Index", "utf16_length"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (an astral character counts 2).

    Raises ``UnicodeEncodeError`` for a lone surrogate, which no UTF-16 text can hold.
    """
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


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
