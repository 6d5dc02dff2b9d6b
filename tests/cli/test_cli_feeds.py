"""`digest-bot feeds add|list|remove|poll|import|export` against a loopback feed server.

Each command runs through the real click group on a real SQLite file; the feeds are served from
127.0.0.2 by :class:`tests.feeds.feed_server.FeedServer` in this test's event loop, so the
command (which runs its own event loop) is run on a thread. ``DIGEST_BOT_FETCH_ALLOW_PRIVATE``
lets it fetch there.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.feeds import read_opml
from storage import Chat, Library
from tests.feeds.feed_server import FeedServer, rss, running_feed_server

CHAT = -1001000000007
RFC822 = "%a, %d %b %Y %H:%M:%S +0000"


def items(count: int, prefix: str = "wire") -> list[dict[str, str]]:
    moment = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    return [
        {
            "guid": f"{prefix}-{n}",
            "link": f"https://{prefix}.example/{n}",
            "title": f"{prefix.title()} story {n}",
            "pubDate": (moment - dt.timedelta(hours=n)).strftime(RFC822),
            "description": f"{prefix} story {n}: " + "what happened, in detail. " * 30,
        }
        for n in range(count)
    ]


class Cli:
    """Runs ``digest-bot <args> --db <library>`` on a thread; returns click's Result."""

    ENV = {"DIGEST_BOT_FETCH_ALLOW_PRIVATE": "true"}

    def __init__(self, db: str | Path) -> None:
        self.db = db

    async def __call__(self, *args: str) -> Result:
        return await asyncio.to_thread(
            CliRunner().invoke, main, [*args, "--db", str(self.db)], env=self.ENV
        )


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    async with running_feed_server() as running:
        yield running


@pytest.fixture
def cli(library_target: str | Path) -> Cli:
    return Cli(library_target)


async def test_add_list_poll_remove(cli: Cli, server: FeedServer) -> None:
    url = server.serve("wire.rss", rss(items(4), title="Wire"))
    page = server.serve(
        "home",
        f'<html><head><link rel="alternate" type="application/rss+xml" href="{url}">'
        "</head></html>".encode(),
        "text/html",
    )
    added = await cli("feeds", "add", page, "--chat", str(CHAT), "--every", "30m")
    assert added.exit_code == 0, added.output
    assert f"added feed #1 “Wire” (4 items) to chat {CHAT}, every 30m" in added.stdout
    assert f"announced by {page}" in added.stdout

    again = await cli("feeds", "add", url, "--chat", str(CHAT))
    assert again.exit_code == 1 and "already follows" in again.stderr

    listed = await cli("feeds", "list", "--json")
    [entry] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (entry["id"], entry["chat_id"], entry["url"], entry["interval"]) == (1, CHAT, url, "30m")
    assert entry["last_success"] is None and entry["articles"] == 0

    polled = await cli("feeds", "poll")
    assert polled.exit_code == 0, polled.stderr
    assert polled.stdout.splitlines() == [
        "#1 Wire: 4 stored, 0 known",
        "1 feeds polled: 4 articles stored, 0 not modified, 0 failed",
    ]
    nothing_due = await cli("feeds", "poll")
    assert nothing_due.exit_code == 0 and "no feed is due" in nothing_due.stderr
    forced = await cli("feeds", "poll", "--all", "--chat", str(CHAT))
    assert forced.stdout.splitlines()[0] == "#1 Wire: not modified"

    text = (await cli("feeds", "list", "--chat", str(CHAT))).stdout
    assert "#1  chat -1001000000007  Wire" in text and "every 30m, 4 articles" in text

    removed = await cli("feeds", "remove", "1")
    assert removed.exit_code == 0
    assert "removed feed #1 “Wire”; its 4 articles stay" in removed.stdout
    missing = await cli("feeds", "remove", "1")
    assert missing.exit_code == 1 and "there is no feed 1" in missing.stderr
    with Library(cli.db) as library:
        assert library.feeds_of() == [] and len(library.articles_after(0, limit=10)) == 4


async def test_poll_reports_each_failure_and_exits_1(cli: Cli, server: FeedServer) -> None:
    good = server.serve("good.rss", rss(items(2), title="Good"))
    with Library(cli.db) as library:
        for url in (good, server.url("missing.rss"), server.url("laughs"), server.url("loop")):
            library.add_feed(
                chat_id=CHAT, url=url, interval=dt.timedelta(hours=1),
                next_poll_at=dt.datetime.now(dt.UTC), created_by=None,
            )  # fmt: skip
    polled = await cli("feeds", "poll")
    assert polled.exit_code == 1
    lines = polled.stdout.splitlines()
    assert lines[0] == "#1 Good: 2 stored, 0 known"
    assert lines[1].startswith("#2 ") and "FAILED" in lines[1] and "404" in lines[1]
    assert lines[2].startswith("#3 ") and "FAILED" in lines[2] and "entit" in lines[2]
    assert lines[3].startswith("#4 ") and "FAILED" in lines[3] and "redirect" in lines[3]
    assert lines[4] == "4 feeds polled: 2 articles stored, 0 not modified, 3 failed"
    listed = [
        json.loads(line) for line in (await cli("feeds", "list", "--json")).stdout.splitlines()
    ]
    assert [bool(entry["last_error"]) for entry in listed] == [False, True, True, True]


async def test_import_and_export_opml(cli: Cli, server: FeedServer, tmp_path: Path) -> None:
    wire, port = server.url("wire.rss"), server.url("port.rss")
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        f'<outline text="News"><outline text="Wire" xmlUrl="{wire}" htmlUrl="https://wire.example/"/>'
        f'<outline text="Port" xmlUrl="{port}"/></outline>'
        '<outline text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>',
        encoding="utf-8",
    )
    with Library(cli.db) as library:
        library.upsert_chat(Chat(CHAT, "channel", title="Desk", username="desk"))
    imported = await cli("feeds", "import", str(opml), "--chat", "@desk", "--every", "2h")
    assert imported.exit_code == 0, imported.stderr
    assert f"imported 2 of 2 feeds into chat {CHAT} (0 already followed)" in imported.stdout
    assert "not a web address: javascript:alert(1)" in imported.stderr
    twice = await cli("feeds", "import", str(opml), "--chat", str(CHAT))
    assert "imported 0 of 2 feeds" in twice.stdout and "(2 already followed)" in twice.stdout

    exported = await cli("feeds", "export", "--chat", str(CHAT))
    assert exported.exit_code == 0
    root = ET.fromstring(exported.stdout)
    assert root.get("version") == "2.0"
    outlines = {o.get("xmlUrl"): o.get("title") for o in root.iter("outline") if o.get("xmlUrl")}
    assert outlines == {wire: "Wire", port: "Port"}
    with Library(cli.db) as library:
        assert {f.interval for f in library.feeds_of(CHAT)} == {dt.timedelta(hours=2)}

    server.serve("wire.rss", rss(items(3), title="Wire"))
    server.serve("port.rss", rss(items(2, "port"), title="Port"))
    polled = await cli("feeds", "poll", "--chat", str(CHAT))
    assert polled.exit_code == 0 and "2 feeds polled: 5 articles stored" in polled.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("feeds", "add", "https://x.example/rss", "--chat", "@nobody"), 1, "unknown chat @nobody"),
        (("feeds", "add", "https://x.example/rss", "--chat", "a b"), 2, "chat id"),
        (("feeds", "add", "https://x.example/rss", "--chat", "1", "--every", "5s"), 2, "interval"),
        # A missing library file (a PostgreSQL test database always exists).
        pytest.param(("feeds", "poll"), 1, "no library at", marks=pytest.mark.sqlite_only),
        pytest.param(("feeds", "list"), 1, "no library at", marks=pytest.mark.sqlite_only),
        (("feeds", "import", "missing.opml", "--chat", "1"), 1, "cannot read missing.opml"),
    ],
)
async def test_clear_one_line_errors(
    cli: Cli, args: tuple[str, ...], code: int, message: str
) -> None:
    if args[1] == "add" and "@nobody" in args:
        Library(cli.db).close()  # an existing, empty library
    result = await cli(*args)
    assert result.exit_code == code and message in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


async def test_add_refuses_a_page_without_a_feed(cli: Cli, server: FeedServer) -> None:
    page = server.serve("home", b"<html><head><title>Home</title></head></html>", "text/html")
    result = await cli("feeds", "add", page, "--chat", str(CHAT))
    assert result.exit_code == 1
    assert f"cannot follow {page}:" in result.stderr and "announces no feed" in result.stderr


def test_the_readme_opml_example_imports() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```xml\n", 1)[1].split("```", 1)[0]
    listed = read_opml(example.encode())
    assert [(f.xml_url, f.title, f.category) for f in listed.feeds] == [
        ("https://harbour.example/rss", "Harbour Wire", ("Wires",)),
        ("https://citytimes.example/feed.json", "City Times", ()),
    ]
    commands = {
        line.split()[2] for line in readme.splitlines() if line.startswith("digest-bot feeds ")
    }
    assert commands == {"add", "list", "poll", "remove", "import", "export"}
