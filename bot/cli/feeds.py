"""`digest-bot feeds`: follow, list, remove, poll, import and export feeds from the command line.

The same library and polling code as the bot's ``/feed`` and its feed job. ``feeds add`` checks
that the URL is a feed (or a page announcing one) and makes it due at once: ``feeds poll``, or
the running bot, reads it. ``feeds poll`` is one polling cycle, for cron users and tests; it
exits 1 when any feed failed. The command line accepts intervals from ``1m`` (``[feeds]
min_interval`` is the floor for chat users only).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import click

from bot.cli.chat_reference import parse_chat_reference
from bot.cli.library import open_existing_library, resolve_library, story_rules
from bot.config import Config
from bot.feeds import (
    FeedError,
    InvalidIntervalError,
    OpmlFeed,
    format_interval,
    parse_interval,
    read_opml,
    write_opml,
)
from bot.feeds.cycle import poll_due_feeds
from bot.feeds.follow import add_feed_at, find_feed
from bot.feeds.poller import PollOutcome
from bot.feeds.settings import PollSettings
from bot.fetch import FetchError
from storage import AsyncLibrary, Chat, Feed, FeedExistsError, Library

__all__ = ["feed_to_json", "feeds_command"]

ADDED = "added feed #{feed_id} “{title}” ({items} items) to chat {chat_id}, every {interval}"
ADDED_FROM_PAGE = "  found as the feed announced by {page}"
ADDED_DUE = "  due now: run `digest-bot feeds poll`, or the running bot reads it within a minute"
CANNOT_FOLLOW = "cannot follow {url}: {reason}"
UNKNOWN_CHAT = (
    "unknown chat @{name}: the library has not seen it; give the numeric id instead "
    "(--chat -1001234567890)"
)
NO_FEED = "there is no feed {feed_id}; list them with `digest-bot feeds list`"
REMOVED = "removed feed #{feed_id} “{title}”; its {articles} articles stay in the library"
POLL_LINE = "#{feed_id} {title}: {result}"
POLL_STORED = "{stored} stored, {known} known"
POLL_SUMMARY = (
    "{feeds} feeds polled: {stored} articles stored, {not_modified} not modified, {failed} failed"
)
NOTHING_DUE = "no feed is due (use --all to poll every feed now)"
IMPORTED = (
    "imported {added} of {listed} feeds into chat {chat_id} ({existing} already followed); "
    "they are due now"
)
IMPORT_REJECTED = "  skipped, not a web address: {url}"
CANNOT_READ = "cannot read {path}: {reason}"
NO_LIBRARY = "no library at {path}: add a feed first (digest-bot feeds add URL --chat ID)"
EXPORT_TITLE = "digest-bot feeds"

_db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite library file or PostgreSQL URL. Default: [storage] url, else path.",
)


def _interval(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.timedelta | None:
    if value is None:
        return None
    try:
        return parse_interval(value)
    except InvalidIntervalError as error:
        raise click.BadParameter(str(error)) from error


_every_option = click.option(
    "--every",
    "interval",
    callback=_interval,
    default=None,
    metavar="INTERVAL",
    help="How often to read the feed: 30m, 1h, 6h, 1d (from 1m). Default: [feeds] "
    "default_interval.",
)


def _chat_option(_ctx: click.Context, _param: click.Parameter, value: str) -> int | str:
    """``--chat`` as a click callback (see :func:`bot.cli.chat_reference.parse_chat_reference`)."""
    return parse_chat_reference(value)


_chat_name_option = click.option(
    "--chat",
    required=True,
    callback=_chat_option,
    help="The collection: a chat id, or the @username of a chat the bot has seen.",
)


def _known_chat(chat: int | str, found: Chat | None) -> int:
    """The id of ``--chat``; ``found`` is what the library knows under its username.

    Raises:
        click.ClickException: a username the library does not know.
    """
    if isinstance(chat, int):
        return chat
    if found is None:
        raise click.ClickException(UNKNOWN_CHAT.format(name=chat))
    return found.chat_id


def _title(feed: Feed) -> str:
    return feed.title or feed.url


def _moment(moment: dt.datetime | None) -> str | None:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds") if moment else None


def feed_to_json(feed: Feed) -> dict[str, Any]:
    """The stable JSON shape of one feed in ``feeds list --json``."""
    return {
        "id": feed.id,
        "chat_id": feed.chat_id,
        "title": feed.title,
        "url": feed.url,
        "interval": format_interval(feed.interval),
        "last_success": _moment(feed.last_success_at),
        "last_error": feed.last_error,
        "articles": feed.items_stored,
        "next_poll": _moment(feed.next_poll_at),
        "paused": feed.paused_reason,
        "note": feed.bozo_note,
    }


@click.group("feeds")
def feeds_command() -> None:
    """Follow RSS, Atom and JSON feeds: add, list, remove, poll, import, export."""


async def _add(
    config: Config, db: Path | str, url: str, chat: int | str, interval: dt.timedelta | None
) -> list[str]:
    settings = PollSettings.from_config(config)
    library = await AsyncLibrary.open(db, public_sources=config.library.public_sources)
    try:
        named = await library.find_chat(chat) if isinstance(chat, str) else None
        chat_id = _known_chat(chat, named)
        try:
            found = await find_feed(url, settings)
        except (FetchError, FeedError) as error:
            raise click.ClickException(CANNOT_FOLLOW.format(url=url, reason=error)) from error
        every = interval or config.feeds.default_interval
        feed = await add_feed_at(
            library, found, chat_id=chat_id, interval=every, created_by=None,
            first_poll_at=dt.datetime.now(dt.UTC),
        )  # fmt: skip
    except FeedExistsError as error:
        raise click.ClickException(str(error)) from error
    finally:
        await library.aclose()
    lines = [
        ADDED.format(
            feed_id=feed.id, title=_title(feed), items=len(found.parsed.items),
            chat_id=chat_id, interval=format_interval(every),
        )
    ]  # fmt: skip
    if found.announced_by:
        lines.append(ADDED_FROM_PAGE.format(page=found.announced_by))
    return [*lines, ADDED_DUE]


@feeds_command.command("add")
@click.argument("url")
@_chat_name_option
@_every_option
@_db_option
@click.pass_obj
def add_command(
    config: Config, url: str, chat: int | str, interval: dt.timedelta | None, db_path: str | None
) -> None:
    """Follow the feed at URL (or the feed a web page at URL announces) in a chat's collection.

    The feed is read once to check it, and is due at once.
    """
    db = resolve_library(config, db_path)
    if isinstance(db, Path):
        db.parent.mkdir(parents=True, exist_ok=True)
    for line in asyncio.run(_add(config, db, url, chat, interval)):
        click.echo(line)


@feeds_command.command("list")
@click.option("--chat", "chat_id", type=int, default=None, help="Only this chat's feeds.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per feed (stable keys).")
@_db_option
@click.pass_obj
def list_command(config: Config, chat_id: int | None, as_json: bool, db_path: str | None) -> None:
    """List the feeds: id, chat, title, URL, interval, last success, last error, articles."""
    with open_existing_library(config, db_path) as library:
        feeds = library.feeds_of(chat_id)
    for feed in feeds:
        if as_json:
            click.echo(json.dumps(feed_to_json(feed), ensure_ascii=False))
            continue
        state = f"paused: {feed.paused_reason}" if feed.paused_reason else None
        state = state or (f"last error: {feed.last_error}" if feed.last_error else "ok")
        click.echo(
            f"#{feed.id}  chat {feed.chat_id}  {_title(feed)}\n"
            f"     {feed.url}\n"
            f"     every {format_interval(feed.interval)}, {feed.items_stored} articles, "
            f"last success {_moment(feed.last_success_at) or 'never'}, {state}"
        )
    if not feeds and not as_json:
        click.echo("no feeds", err=True)


@feeds_command.command("remove")
@click.argument("feed_id", type=int)
@_db_option
@click.pass_obj
def remove_command(config: Config, feed_id: int, db_path: str | None) -> None:
    """Stop following feed FEED_ID; its articles stay in the library."""
    with open_existing_library(config, db_path) as library:
        feed = library.get_feed(feed_id)
        if feed is None or not library.remove_feed(feed_id):
            raise click.ClickException(NO_FEED.format(feed_id=feed_id))
    click.echo(REMOVED.format(feed_id=feed_id, title=_title(feed), articles=feed.items_stored))


def _poll_line(outcome: PollOutcome, title: str) -> str:
    if outcome.failed:
        result = f"FAILED: {outcome.error}" + (" (now paused)" if outcome.paused else "")
    elif outcome.status == "not-modified":
        result = "not modified"
    else:
        result = POLL_STORED.format(stored=outcome.stored, known=outcome.known)
        if outcome.bozo:
            result += f" (note: {outcome.bozo})"
    return POLL_LINE.format(feed_id=outcome.feed.id, title=title, result=result)


async def _poll(
    config: Config, db: Path | str, chat_id: int | None, every_feed: bool
) -> tuple[list[PollOutcome], dict[int, str]]:
    """The outcomes of one cycle, by feed id, and each feed's title as the poll left it."""
    library = await AsyncLibrary.open(
        db, public_sources=config.library.public_sources, stories=story_rules(config)
    )
    try:
        outcomes = await poll_due_feeds(
            library, PollSettings.from_config(config), chat_id=chat_id,
            include_not_due=every_feed,
        )  # fmt: skip
        titles = {feed.id: _title(feed) for feed in await library.feeds_of(chat_id)}
    finally:
        await library.aclose()
    return sorted(outcomes, key=lambda outcome: outcome.feed.id), titles


@feeds_command.command("poll")
@click.option("--chat", "chat_id", type=int, default=None, help="Only this chat's feeds.")
@click.option("--all", "every_feed", is_flag=True, help="Every feed, due or not, paused too.")
@_db_option
@click.pass_obj
def poll_command(
    config: Config, chat_id: int | None, every_feed: bool, db_path: str | None
) -> None:
    """Poll the due feeds once (every feed with --all): one line per feed, then a summary.

    Exits with 1 when any feed failed (its error is kept for `feeds list` and /feeds).
    """
    db = resolve_library(config, db_path)
    if isinstance(db, Path) and not db.is_file():  # a poll never creates an empty library
        raise click.ClickException(NO_LIBRARY.format(path=db))
    outcomes, titles = asyncio.run(_poll(config, db, chat_id, every_feed))
    for outcome in outcomes:
        click.echo(_poll_line(outcome, titles.get(outcome.feed.id, _title(outcome.feed))))
    if not outcomes:
        click.echo(NOTHING_DUE, err=True)
        return
    statuses = Counter(outcome.status for outcome in outcomes)
    click.echo(
        POLL_SUMMARY.format(
            feeds=len(outcomes), stored=sum(outcome.stored for outcome in outcomes),
            not_modified=statuses["not-modified"], failed=statuses["failed"],
        )
    )  # fmt: skip
    if statuses["failed"]:
        raise SystemExit(1)


@feeds_command.command("import")
@click.argument("opml_file", type=click.Path(dir_okay=False, path_type=Path))
@_chat_name_option
@_every_option
@_db_option
@click.pass_obj
def import_command(
    config: Config,
    opml_file: Path,
    chat: int | str,
    interval: dt.timedelta | None,
    db_path: str | None,
) -> None:
    """Follow every feed of an OPML subscription list in a chat's collection (due at once)."""
    try:
        listed = read_opml(opml_file.read_bytes())
    except (OSError, FeedError) as error:
        raise click.ClickException(CANNOT_READ.format(path=opml_file, reason=error)) from error
    db = resolve_library(config, db_path)
    if isinstance(db, Path):
        db.parent.mkdir(parents=True, exist_ok=True)
    every = interval or config.feeds.default_interval
    now = dt.datetime.now(dt.UTC)
    added = existing = 0
    with Library(db, public_sources=config.library.public_sources) as library:
        chat_id = _known_chat(chat, library.find_chat(chat) if isinstance(chat, str) else None)
        for entry in listed.feeds:
            try:
                library.add_feed(
                    chat_id=chat_id, url=entry.xml_url, interval=every, next_poll_at=now,
                    created_by=None, title=entry.title,
                )  # fmt: skip
                added += 1
            except FeedExistsError:
                existing += 1
    for url in listed.rejected:
        click.echo(IMPORT_REJECTED.format(url=url), err=True)
    click.echo(
        IMPORTED.format(added=added, listed=len(listed.feeds), chat_id=chat_id, existing=existing)
    )


@feeds_command.command("export")
@click.option("--chat", "chat_id", type=int, default=None, help="Only this chat's feeds.")
@_db_option
@click.pass_obj
def export_command(config: Config, chat_id: int | None, db_path: str | None) -> None:
    """Write the feeds as an OPML 2.0 subscription list on standard output."""
    with open_existing_library(config, db_path) as library:
        feeds = library.feeds_of(chat_id)
    entries = [OpmlFeed(feed.url, feed.title, feed.site_link) for feed in feeds]
    title = EXPORT_TITLE if chat_id is None else f"{EXPORT_TITLE} of chat {chat_id}"
    click.echo(write_opml(entries, title=title, created=dt.datetime.now(dt.UTC)), nl=False)
