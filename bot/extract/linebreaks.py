"""Line breaks that an export lost: a literal "\\n", or an "n" glued between sentences.

CSV exports of Russian and Ukrainian news sometimes write a line break as the two characters
"\\n", or drop the backslash and leave a Latin "n" between two sentences ("непогоду.n«Когда").
"""

from __future__ import annotations

import re
import string

__all__ = ["repair_line_breaks"]

# A Latin "n" glued to Cyrillic text is a line break that lost its backslash in a CSV export:
# "непогоду.n«Когда". In a Cyrillic text a sentence end glued by "n" to a digit or a Latin
# capital is one too ("RT.n12 августа", "решение.nUFC пока"); in Latin text that would be a word.
# Both start with the literal "n" (the look-behind checks the character before it) so that the
# regex engine can jump from one "n" to the next instead of trying every position.
_GLUED_BREAK = re.compile(r"n(?<=[\u0400-\u04ff.!?…»\"”):;]n)(?=[\u0400-\u04ff«\"“(—–])")
_GLUED_BREAK_BEFORE_LATIN = re.compile(r"n(?<=[.!?…»\"”)]n)(?=\d|[A-Z])")
# Counted on UTF-8 bytes: ASCII letters are single bytes, and U+0400-U+04FF are exactly the
# characters whose first byte is D0-D3 (no other byte of any character has those values).
_LATIN_BYTES = string.ascii_letters.encode("ascii")
_CYRILLIC_LEAD_BYTES = bytes(range(0xD0, 0xD4))
_SCRIPT_SAMPLE_CHARS = 2000


def _is_mostly_cyrillic(sample: str) -> bool:
    """More Cyrillic letters (U+0400-U+04FF) than ASCII Latin ones."""
    if sample.isascii():
        return False
    data = sample.encode("utf-8", "surrogatepass")
    cyrillic = len(data) - len(data.translate(None, _CYRILLIC_LEAD_BYTES))
    return cyrillic > len(data) - len(data.translate(None, _LATIN_BYTES))


def repair_line_breaks(text: str) -> str:
    """Undo line breaks that an export turned into a literal ``\\n`` or a glued ``n``."""
    text = text.replace("\\n", "\n")

    def glued(match: re.Match[str]) -> str:
        following = text[match.end()] if match.end() < len(text) else ""
        return "\n" if following.isupper() or not following.isalpha() else " "

    text = _GLUED_BREAK.sub(glued, text)
    if _is_mostly_cyrillic(text[:_SCRIPT_SAMPLE_CHARS]):
        text = _GLUED_BREAK_BEFORE_LATIN.sub("\n", text)
    return text
