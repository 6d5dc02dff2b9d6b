"""Ingestion in a private chat: pasted text, documents, links, limits, through the real bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web

from .conftest import USER_ID, BotEnv

SEED = """ date 2018-07-12 Register
12 July 2018
    NATO Secretary-General Jens Stoltenberg is holding a press-conference.

    NATO Secretary-General Holds Press Conference Following Bloc's Two-Day Summit

    © Sputnik / Aleksei Vitvitsky
    Europe
    103

    Leaders of NATO member-states convened the day before in Brussels to discuss the problems.

    "We had a very frank discussion on burden-sharing… The fact that we had this open discussion \
has also clearly stated that we will redouble our efforts," Stoltenberg told reporters.

    READ MORE: Trudeau Calls for 'Firm NATO Response' to Russia Ahead of Putin-Trump Talks

    The NATO chief also said that establishing the dialogue is particularly important.
"""
SEED_HEADLINE = "NATO Secretary-General Holds Press Conference Following Bloc's Two-Day Summit"

HARBOUR_TEXT = """Harbour Ferry Returns After Winter Repairs

PORT ALDWIN, March 3, 2024 - The harbour ferry resumed its crossings on Sunday after two months \
in dry dock.

"Passengers told us they missed the morning crossing more than anything," harbour master \
Elena Brooks said on Sunday.

The ferry will run every forty minutes until the summer timetable starts in June.
"""

HARBOUR_HTML = """<!doctype html>
<html><head><title>Library Opens Night Reading Room | Port Aldwin Courier</title>
<meta property="og:title" content="Library Opens Night Reading Room">
<meta property="article:published_time" content="2024-02-10T08:00:00Z"></head>
<body><article><h1>Library Opens Night Reading Room</h1>
<p>The town library will keep its reading room open until midnight from next week, the council
announced on Saturday after a year of requests from students and shift workers.</p>
<p>"Many of our readers work late and had nowhere quiet to go," librarian Tomas Grey said at
the opening. The room seats forty and has its own entrance from the square.</p>
<p>The extra hours are paid for by the town's culture fund for the next two years.</p>
</article></body></html>
"""

CYRILLIC_TEXT = """Обсерватория открыла двери для школьников

МОСКВА, 5 апреля 2023 - Городская обсерватория в субботу впервые провела ночь открытых дверей.

"Мы хотим, чтобы дети увидели небо своими глазами", - сказал директор обсерватории Иван Петров.

Следующая встреча пройдёт в мае, запись уже открыта.
"""


async def test_pasted_seed_article_gives_its_card_then_a_duplicate_notice(
    bot_env: BotEnv,
) -> None:
    sandbox = bot_env.sandbox
    sandbox.send_text(USER_ID, USER_ID, SEED)
    [card] = await sandbox.wait_for_messages(USER_ID)
    assert SEED_HEADLINE in card.text
    assert "12 July 2018" in card.text
    assert "We had a very frank discussion on burden-sharing" in card.text
    assert "Stoltenberg" in card.text
    article_id = (await bot_env.library.latest(USER_ID, 1))[0].id
    assert f"#{article_id}" in card.text

    sandbox.send_text(USER_ID, USER_ID, SEED.replace("    ", "  "))
    [again] = await sandbox.wait_for_messages(USER_ID)
    assert again.text.startswith(f"Already saved as #{article_id}")
    assert len(await bot_env.library.latest(USER_ID, 10)) == 1
    assert sandbox.rejected == []


async def test_a_short_text_of_several_lines_is_an_article(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_text(USER_ID, USER_ID, "Storm Closes Coastal Road\nThe road is shut.")
    [card] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert card.text.startswith("Storm Closes Coastal Road")
    assert bot_env.sandbox.rejected == []


async def test_text_over_the_character_limit_is_refused(
    make_bot: Callable[..., Awaitable[BotEnv]],
) -> None:
    env = await make_bot(limits={"max_text_chars": 300})
    env.sandbox.send_text(USER_ID, USER_ID, HARBOUR_TEXT + "More words. " * 30)
    [answer] = await env.sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith("Not saved: The text has")
    assert "the most I store is 300" in answer.text
    assert await env.library.latest(USER_ID, 1) == []


@pytest.mark.parametrize(
    ("data", "file_name", "mime_type", "headline"),
    [
        (HARBOUR_TEXT.encode(), "ferry.txt", "text/plain", "Harbour Ferry Returns After Winter"),
        (HARBOUR_TEXT.encode(), "ferry.md", None, "Harbour Ferry Returns After Winter"),
        (HARBOUR_HTML.encode(), "library.html", "text/html", "Library Opens Night Reading Room"),
        (HARBOUR_HTML.encode(), "library.htm", None, "Library Opens Night Reading Room"),
        (CYRILLIC_TEXT.encode("cp1251"), "observatory.txt", "text/plain", "Обсерватория открыла"),
    ],
)
async def test_documents_are_downloaded_and_extracted(
    bot_env: BotEnv, data: bytes, file_name: str, mime_type: str | None, headline: str
) -> None:
    bot_env.sandbox.send_document(USER_ID, USER_ID, data, file_name, mime_type)
    [card] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert card.text.startswith(headline)
    [article] = await bot_env.library.latest(USER_ID, 1)
    assert article.headline.startswith(headline)
    assert bot_env.sandbox.rejected == []


@pytest.mark.parametrize(
    ("data", "file_name", "declared_size", "reply"),
    [
        (b"", "empty.txt", None, "Not saved: empty.txt is empty."),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "photo.txt", None, "PNG image"),
        (b"%PDF-1.7 binary", "report.pdf", None, "send a .txt, .md, .html or .htm file"),
        (HARBOUR_TEXT.encode(), "huge.txt", 6_000_000, "huge.txt is larger than 5 MB"),
    ],
)
async def test_documents_that_cannot_be_articles_get_a_clear_reply(
    bot_env: BotEnv, data: bytes, file_name: str, declared_size: int | None, reply: str
) -> None:
    sandbox = bot_env.sandbox
    sandbox.send_document(USER_ID, USER_ID, data, file_name, declared_size=declared_size)
    [answer] = await sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith("Not saved: ")
    assert reply in answer.text
    assert await bot_env.library.latest(USER_ID, 1) == []
    if declared_size is not None or file_name.endswith(".pdf"):
        assert sandbox.calls("getFile") == []
    assert sandbox.rejected == []


@pytest.fixture
async def news_site() -> AsyncIterator[str]:
    """A local web site with one article page, a redirect to it, and an image."""

    async def article(request: web.Request) -> web.Response:
        return web.Response(text=HARBOUR_HTML, content_type="text/html")

    async def short_link(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/news/library")

    app = web.Application()
    app.router.add_get("/news/library", article)
    app.router.add_get("/s/1", short_link)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def test_a_link_is_fetched_and_ingested_when_private_addresses_are_allowed(
    make_bot: Callable[..., Awaitable[BotEnv]], news_site: str
) -> None:
    env = await make_bot(fetch={"allow_private": True})
    env.sandbox.send_text(USER_ID, USER_ID, f"  {news_site}/s/1 ")
    [card] = await env.sandbox.wait_for_messages(USER_ID, timeout=20)
    assert card.text.startswith("Library Opens Night Reading Room")
    assert "10 February 2024" in card.text
    [article] = await env.library.latest(USER_ID, 1)
    assert article.source_url == f"{news_site}/news/library"
    assert article.format == "url"
    assert env.sandbox.rejected == []


async def test_a_link_to_a_local_address_is_refused_by_default(
    bot_env: BotEnv, news_site: str
) -> None:
    bot_env.sandbox.send_text(USER_ID, USER_ID, f"{news_site}/news/library")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text == (
        "Not saved: 127.0.0.1 is a private or local network address; "
        "only public web sites can be fetched."
    )
    assert await bot_env.library.latest(USER_ID, 1) == []


async def test_a_429_on_the_first_send_still_delivers_the_card(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.fail_next(1, method="sendMessage", retry_after=1)
    sandbox.send_text(USER_ID, USER_ID, HARBOUR_TEXT)
    [card] = await sandbox.wait_for_messages(USER_ID, timeout=15)
    assert card.text.startswith("Harbour Ferry Returns After Winter Repairs")
    assert [call["error"]["error_code"] for call in sandbox.rejected] == [429]
    assert len(await bot_env.library.latest(USER_ID, 10)) == 1


async def test_the_same_link_sent_twice_is_stored_once(
    make_bot: Callable[..., Awaitable[BotEnv]], news_site: str
) -> None:
    env = await make_bot(fetch={"allow_private": True})
    env.sandbox.send_text(USER_ID, USER_ID, f"{news_site}/news/library")
    [card] = await env.sandbox.wait_for_messages(USER_ID, timeout=20)
    env.sandbox.send_text(USER_ID, USER_ID, f"{news_site}/s/1")
    [again] = await env.sandbox.wait_for_messages(USER_ID, timeout=20)
    [article] = await env.library.latest(USER_ID, 10)
    assert f"#{article.id}" in card.text
    assert again.text.startswith(f"Already saved as #{article.id}")
