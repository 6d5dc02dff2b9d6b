"""Hostile documents sent to the real bot: each gets a clear reply (its card) or a clean refusal
("Not saved: ..."), never a stack trace, an apology or a message Telegram would reject."""

from __future__ import annotations

import gzip
import io
import logging
import zipfile
from collections.abc import Awaitable, Callable

import pytest

from .conftest import e2e

USER_ID = e2e.USER_ID
BODY = (
    "The harbour council met on Monday to settle the ferry timetable for the summer. "
    '"We will run every forty minutes from June," harbour master Elena Brooks said. '
) * 4
BOMB_SIZE = 200_000_000
RTL_OVERRIDE = "\u202e"

MakeBot = Callable[..., Awaitable[e2e.BotEnv]]


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.html", b"\0" * BOMB_SIZE)
    return buffer.getvalue()


def _nested_html(depth: int) -> bytes:
    return (
        "<html><body>" + "<div>" * depth + f"<p>{BODY}</p>" + "</div>" * depth + "</body></html>"
    ).encode()


def _document(name: str) -> bytes:
    """Built on demand: a zip bomb costs a second to compress."""
    builders: dict[str, Callable[[], bytes]] = {
        "bomb.html": _zip_bomb,
        "bomb.txt": lambda: gzip.compress(b"A" * BOMB_SIZE),
        "nested.html": lambda: _nested_html(100_000),
        "one-line.txt": lambda: ("One Line Headline " + "word " * 200_000).encode()[:1_000_000],
        "nul.txt": lambda: b"Harbour Ferry Timetable Settled\x00\n\n" + BODY.encode() + b"\x00",
        "invalid-utf8.txt": lambda: (
            b"Caf\xe9 Owners Protest New Rules\n\n" + BODY.encode() + b"\xc3\x28\xa0\xa1"
        ),
        "rtl.txt": lambda: f"Ferry {RTL_OVERRIDE}txt.exe Timetable\n\n{BODY}".encode(),
        "homoglyph.txt": lambda: f"Аррlе Unveils Harbour Рhone\n\n{BODY}".encode(),
    }
    return builders[name]()


@pytest.mark.parametrize(
    ("name", "reply_starts"),
    [
        ("bomb.html", "Not saved: This file is a ZIP archive"),
        ("bomb.txt", "Not saved: This file is a gzip archive"),
        ("nested.html", "Not saved: "),
        ("one-line.txt", "One Line Headline"),
        ("nul.txt", "Harbour Ferry Timetable Settled"),
        ("invalid-utf8.txt", "Café Owners Protest New Rules"),
        ("rtl.txt", "Ferry txt.exe Timetable"),
        ("homoglyph.txt", "Аррlе Unveils Harbour Рhone"),
    ],
)
async def test_a_hostile_document_gets_a_clear_reply_or_a_clean_refusal(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture, name: str, reply_starts: str
) -> None:
    env = await make_bot()
    caplog.set_level(logging.WARNING)
    env.sandbox.send_document(USER_ID, USER_ID, _document(name), name)
    [reply] = await env.sandbox.wait_for_messages(USER_ID, 1, timeout=30)
    assert reply.text.startswith(reply_starts), reply.text[:200]
    assert RTL_OVERRIDE not in reply.text
    assert env.sandbox.rejected == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    stored = await env.library.stats()
    assert stored.articles == (0 if reply_starts.startswith("Not saved") else 1)


async def test_a_pasted_text_with_an_rtl_override_cannot_reverse_the_card(
    make_bot: MakeBot,
) -> None:
    env = await make_bot()
    env.sandbox.send_text(USER_ID, USER_ID, f"Evil {RTL_OVERRIDE}Headline Ahead\n\n{BODY}")
    [reply] = await env.sandbox.wait_for_messages(USER_ID, 1, timeout=10)
    assert reply.text.startswith("Evil Headline Ahead")
    assert RTL_OVERRIDE not in reply.text
    assert env.sandbox.rejected == []
