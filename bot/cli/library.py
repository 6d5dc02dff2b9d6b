"""Library commands: `search`, `stats` and `export`.

The `--json` output of `search` is a public contract (README, "Commands"): one JSON object per
result line with the keys of :func:`hit_to_json`, in that order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.config import POSTGRES_URL_SCHEMES, Config
from storage import SNIPPET_END, SNIPPET_START, Article, Library, SearchHit, StoryMatcher

if TYPE_CHECKING:
    from bot.stories.matcher import LexicalStoryMatcher

_db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite library file or PostgreSQL URL. Default: [storage] url of the configuration "
    "when set, else [storage] path.",
)


def resolve_library(config: Config, db_path: str | None) -> Path | str:
    """What a command opens: --db (a SQLite file or a PostgreSQL URL), else the configured
    PostgreSQL URL, else the configured SQLite path."""
    if db_path is not None and db_path.startswith(POSTGRES_URL_SCHEMES):
        return db_path
    if db_path is None and config.storage.url:
        return config.storage.url
    return Path(db_path or config.storage.path)


def story_rules(config: Config) -> LexicalStoryMatcher:
    """The story rules for a command that stores articles or rebuilds stories (imported here:
    they load the extraction package, which reading commands need not pay for)."""
    from bot.stories.matcher import LexicalStoryMatcher

    return LexicalStoryMatcher.for_window(config.stories.window_hours)


@contextlib.contextmanager
def open_existing_library(
    config: Config, db_path: str | None, *, stories: StoryMatcher | None = None
) -> Iterator[Library]:
    """Open a library that must already exist (reading commands never create an empty one).
    ``stories``: the story rules, for a command that stores articles or rebuilds stories."""
    path = resolve_library(config, db_path)
    if isinstance(path, Path) and not path.is_file():
        raise click.ClickException(
            f"no library at {path}: add articles first (digest-bot ingest PATH --chat ID) "
            "or point --db / [storage] path at an existing file"
        )
    library = Library(path, public_sources=config.library.public_sources, stories=stories)
    try:
        yield library
    finally:
        library.close()


def split_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove the snippet marks; return the plain text and the (start, end) of each match."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in snippet:
        if char == SNIPPET_START:
            start = length
        elif char == SNIPPET_END:
            if start is not None:
                spans.append((start, length))
            start = None
        else:
            text.append(char)
            length += 1
    return "".join(text), spans


def _date_text(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()


def hit_to_json(hit: SearchHit, position: int) -> dict[str, Any]:
    """The stable JSON shape of one search result."""
    article = hit.article
    snippet, highlights = split_snippet(hit.snippet)
    return {
        "position": position,
        "id": article.id,
        "chat_id": article.chat_id,
        "headline": article.headline,
        "date": _date_text(article.published),
        "date_source": article.date_source,
        "lead_quote": article.lead_quote,
        "speaker": article.quote_speaker,
        "source_url": article.source_url,
        "snippet": snippet,
        "highlights": [list(span) for span in highlights],
        "rank": hit.rank,
    }


def _styled_snippet(snippet: str) -> str:
    text, spans = split_snippet(snippet)
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(click.style(text[start:end], bold=True, underline=True))
        last = end
    out.append(text[last:])
    return "".join(out).replace("\n", " ")


#: ``search nato -trump``: a word starting with one dash is query text (the query language's
#: "without"), not an unknown option; ``-h`` too, so help is ``--help`` only.
_QUERY_WORDS_MAY_START_WITH_A_DASH = {
    "ignore_unknown_options": True,
    "help_option_names": ["--help"],
}


@click.command("search", context_settings=_QUERY_WORDS_MAY_START_WITH_A_DASH)
@click.argument("query", nargs=-1, required=True)
@_db_option
@click.option(
    "--chat", "chat_id", type=int, default=None, help="Search as this chat sees the library."
)
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per result (stable keys).")
@click.pass_obj
def search_command(
    config: Config,
    query: tuple[str, ...],
    db_path: str | None,
    chat_id: int | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Search the library with the query language.

    Words must all match (stemmed); "exact phrase"; -word excludes; a OR b; prefix*;
    since:2018-07-01 until:2018-07-31; from:@channel; sort:new or sort:relevance instead of
    relevance weighted by recency. Without --chat every collection is searched.
    Options go anywhere; a word after -- is query text even when it looks like an option.
    """
    text = " ".join(query)
    with open_existing_library(config, db_path) as library:
        page = library.search(chat_id, text, offset=offset, limit=limit)
    if as_json:
        for position, hit in enumerate(page.hits, start=offset + 1):
            click.echo(json.dumps(hit_to_json(hit, position), ensure_ascii=False))
        return
    if not page.hits:
        click.echo(f"No articles match {text!r}.", err=True)
        return
    for position, hit in enumerate(page.hits, start=offset + 1):
        article = hit.article
        date = _date_text(article.published) or "no date"
        click.echo(
            f"{position:>3}. #{article.id}  {date}  {click.style(article.headline, bold=True)}"
        )
        click.echo(f"     {_styled_snippet(hit.snippet)}")
    if page.has_more:
        click.echo(f"More results: --offset {offset + len(page.hits)}", err=True)


@click.command("stats")
@_db_option
@click.option("--chat", "chat_id", type=int, default=None, help="Only what this chat sees.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.pass_obj
def stats_command(config: Config, db_path: str | None, chat_id: int | None, as_json: bool) -> None:
    """Count articles, collections, chats and subscriptions."""
    with open_existing_library(config, db_path) as library:
        stats = library.stats(chat_id)
    figures = {
        "articles": stats.articles,
        "collections": stats.collections,
        "chats": stats.chats,
        "subscriptions": stats.subscriptions,
        "by_format": stats.by_format,
        "by_lang": stats.by_lang,
        "newest": stats.newest.isoformat() if stats.newest else None,
    }
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
        return
    click.echo(f"articles:      {stats.articles}")
    click.echo(f"collections:   {stats.collections}")
    click.echo(f"chats:         {stats.chats}")
    click.echo(f"subscriptions: {stats.subscriptions}")
    for label, counts in (("by format", stats.by_format), ("by language", stats.by_lang)):
        if counts:
            parts = ", ".join(f"{key or '?'} {value}" for key, value in sorted(counts.items()))
            click.echo(f"{label + ':':<15}{parts}")
    if stats.newest:
        click.echo(f"newest:        {stats.newest.isoformat(timespec='seconds')}")


def article_to_json(article: Article) -> dict[str, Any]:
    """Every stored field of an article, JSON-ready (the export format)."""
    published = article.published.isoformat() if article.published else None
    return {
        "id": article.id,
        "chat_id": article.chat_id,
        "message_id": article.message_id,
        "submitted_by": article.submitted_by,
        "source_url": article.source_url,
        "source_title": article.source_title,
        "content_hash": article.content_hash,
        "headline": article.headline,
        "published": published,
        "date_source": article.date_source,
        "lead_quote": article.lead_quote,
        "quote_speaker": article.quote_speaker,
        "lead": article.lead,
        "body": article.body,
        "lang": article.lang,
        "format": article.format,
        "ingested_at": article.ingested_at.isoformat(),
        "story_id": article.story_id,
    }


@click.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--chat", "chat_id", type=int, default=None, help="Only this chat's collection.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="File to write (default: standard output).",
)
@click.pass_obj
def export_command(
    config: Config, db_path: str | None, fmt: str, chat_id: int | None, output: str
) -> None:
    """Write every article, one JSON object per line."""
    count = 0
    with (
        open_existing_library(config, db_path) as library,
        click.open_file(output, "w", encoding="utf-8") as stream,
    ):
        for article in library.iter_articles(chat_id):
            stream.write(json.dumps(article_to_json(article), ensure_ascii=False) + "\n")
            count += 1
    click.echo(f"exported {count} articles ({fmt})", err=True)
