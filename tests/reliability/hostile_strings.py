"""Hypothesis strategies for text an attacker (or a badly scraped article) can put in any field.

Plain random text rarely hits the dangerous cases, so the alphabet is weighted towards them:
HTML syntax, entities, Telegram's tag names, control and format characters (NUL, RTL override,
zero-width), astral characters that are two UTF-16 units, combining marks, and very long runs.
Lone surrogates are left out: SQLite cannot store them and every input path removes them.
"""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["HOSTILE_PIECES", "hostile_text", "hostile_url", "optional"]

HOSTILE_PIECES = (
    "<",
    ">",
    "&",
    '"',
    "'",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&bogus;",
    "<b>",
    "</b>",
    "<i><b></i></b>",
    '<a href="javascript:alert(1)">',
    "</a>",
    "<pre><code class=",
    "<tg-spoiler>",
    "<blockquote expandable>",
    "<br>",
    "<script>alert(1)</script>",
    "\x00",
    "\x02",
    "\x03",
    "\x1b[31m",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\u0301",
    "😀",
    "👨‍👩‍👧",
    "𝐀𝐏𝐓",
    "Аррlе",  # Cyrillic homoglyphs
    "\r\n",
    "\n\n\n",
    "\t",
    " ",
    "\u00a0",
    "/start",
    "@digest_sandbox_bot",
    "#1",
)

_chars = st.characters(exclude_categories=("Cs",))
_piece = st.sampled_from(HOSTILE_PIECES) | st.text(_chars, min_size=1, max_size=8)
_long_run = st.builds(
    lambda ch, n: ch * n, st.sampled_from(["x", "&", "<", "😀", " "]), st.integers(1000, 6000)
)


def hostile_text(*, max_pieces: int = 30) -> st.SearchStrategy[str]:
    """Text built of hostile pieces and random characters; sometimes thousands of units long."""
    assembled = st.lists(_piece, max_size=max_pieces).map("".join)
    return st.one_of(assembled, assembled, st.text(_chars), _long_run)


def hostile_url() -> st.SearchStrategy[str]:
    """Links as articles carry them: real ones, dangerous schemes, and text that is no link."""
    return st.one_of(
        st.sampled_from(
            [
                "https://example.com/news/1",
                "https://t.me/newsroom/42",
                "tg://resolve?domain=newsroom",
                'https://example.com/"><b>x</b>',
                "https://example.com/?a=1&b=<2>",
                "javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "http://localhost/",
                "https://exa mple.com/",
                "https://" + "a" * 3000 + ".com/",
            ]
        ),
        hostile_text(max_pieces=5),
    )


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy
