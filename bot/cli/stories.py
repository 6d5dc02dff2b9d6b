"""`digest-bot stories`: list stories with their articles, or rebuild every story."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from bot.cli.library import article_to_json, open_existing_library, story_rules
from bot.config import Config
from storage import Article, Story

__all__ = ["stories_command", "story_to_json"]


def _since(value: str | None) -> dt.datetime | None:
    """``--since``: a date (midnight UTC) or an ISO date and time (UTC when it has no zone)."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write 2018-07-01 or 2018-07-01T09:00+02:00",
            param_hint="--since",
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def story_to_json(story: Story) -> dict[str, Any]:
    """The stable JSON shape of one story: its id, first publication and articles (each as
    ``digest-bot export`` writes it, without the body)."""
    articles = []
    for article in story.articles:
        record = article_to_json(article)
        del record["body"]
        articles.append(record)
    return {"story_id": story.id, "first_at": story.first_at.isoformat(), "articles": articles}


def _when(article: Article) -> str:
    published = article.published
    if published is None:
        return article.ingested_at.strftime("%Y-%m-%d %H:%M")
    if isinstance(published, dt.datetime):
        return published.strftime("%Y-%m-%d %H:%M")
    return published.isoformat().ljust(16)


def _print_story(story: Story) -> None:
    count = len(story.articles)
    noun = "article" if count == 1 else "articles"
    click.echo(
        f"story {story.id}  {story.first_at.strftime('%Y-%m-%d %H:%M')}  {count} {noun}  "
        + click.style(story.articles[0].headline, bold=True)
    )
    for article in story.articles:
        source = article.source_title or article.source_url or f"chat {article.chat_id}"
        click.echo(f"    #{article.id}  {_when(article)}  {source}  {article.headline}")


def _rebuild(config: Config, db_path: str | None) -> None:
    def progress(done: int, total: int) -> None:
        click.echo(f"rebuilding stories: {done}/{total} articles", err=True)

    with open_existing_library(config, db_path, stories=story_rules(config)) as library:
        count = library.rebuild_stories(progress)
        articles = library.stats().articles
    click.echo(f"rebuilt {count} stories from {articles} articles", err=True)


@click.command("stories")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite library file or PostgreSQL URL. Default: [storage] url, else path.",
)
@click.option(
    "--chat",
    "chat_id",
    type=int,
    default=None,
    help="Only stories this chat sees, each with only the articles it sees.",
)
@click.option(
    "--since",
    default=None,
    metavar="DATE",
    help="Only stories whose first article was published on or after DATE (UTC unless given).",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story (stable keys).")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Assign every article again, in order of publication (after [stories] changed, or "
    "once after upgrading a library made before stories existed).",
)
@click.pass_obj
def stories_command(
    config: Config,
    db_path: str | None,
    chat_id: int | None,
    since: str | None,
    as_json: bool,
    rebuild: bool,
) -> None:
    """List stories (the same news from several sources) with their articles, oldest first.

    Every article belongs to one story; a story lists the versions of one event or text from
    every collection (with --chat, only those the chat sees).
    """
    if rebuild:
        if chat_id is not None or since is not None or as_json:
            raise click.UsageError("--rebuild takes no --chat, --since or --json")
        _rebuild(config, db_path)
        return
    start = _since(since)
    shown = 0
    with open_existing_library(config, db_path) as library:
        for story in library.stories(chat_id=chat_id, since=start):
            shown += 1
            if as_json:
                click.echo(json.dumps(story_to_json(story), ensure_ascii=False))
            else:
                _print_story(story)
    if not shown:
        click.echo("No stories.", err=True)
