"""`digest-bot digest`: the digest a chat would get now, as Telegram would show it in text form.

It reads the library only: nothing is sent and no cursor moves, like the bot's ``/digest``.
The digest is written in the chat's language, as the chat would get it; the CLI's own lines
stay English.
"""

from __future__ import annotations

import datetime as dt

import click

from bot.cli.library import open_existing_library
from bot.config import Config
from bot.delivery import MAX_DIGEST_ARTICLES, compose_digest, window_opened
from bot.i18n import Translator
from bot.render import to_plain_text
from bot.reply_language import stored_chat_translator
from bot.schedule import format_weekdays, zone_from_name
from storage import Library
from storage.models import Subscription

__all__ = ["digest_command"]


def _title(sub: Subscription) -> str:
    keywords = f", keywords: {sub.keywords}" if sub.keywords else ""
    paused = f" (paused: {sub.paused_reason})" if not sub.active else ""
    return (
        f"# subscription {sub.id}: {format_weekdays(sub.weekdays)} at {sub.local_time:%H:%M} "
        f"{sub.timezone}{keywords}{paused}"
    )


def digest_text(t: Translator, library: Library, sub: Subscription, now: dt.datetime) -> str:
    """The subscription's next digest in ``t``'s language as plain text, parts separated by a
    blank line."""
    articles, total = library.digest_selection(
        sub.chat_id,
        sub.cursor,
        query=sub.keywords,
        limit=MAX_DIGEST_ARTICLES,
        window_opened=window_opened(sub),
    )
    today = now.astimezone(zone_from_name(sub.timezone)).date()
    parts = compose_digest(t, articles, total=total, title_date=today, send_empty=True)
    return "\n\n".join(to_plain_text(part) for part in parts)


@click.command("digest")
@click.option("--chat", "chat_id", type=int, required=True, help="Chat id the digest is for.")
@click.option(
    "--subscription",
    "sub_id",
    type=int,
    default=None,
    help="Only this subscription of the chat. Default: every subscription of the chat.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="SQLite library file or PostgreSQL URL. Default: [storage] url, else path.",
)
@click.pass_obj
def digest_command(config: Config, chat_id: int, sub_id: int | None, db_path: str | None) -> None:
    """Print the digest CHAT would get now, as plain text (nothing is sent or recorded)."""
    with open_existing_library(config, db_path) as library:
        subs = library.list_subscriptions(chat_id)
        if sub_id is not None:
            subs = [sub for sub in subs if sub.id == sub_id]
            if not subs:
                raise click.ClickException(
                    f"chat {chat_id} has no subscription {sub_id}; list them with /subscriptions"
                )
        if not subs:
            raise click.ClickException(
                f"chat {chat_id} has no subscriptions: send /subscribe 09:00 Europe/Berlin in it"
            )
        now = dt.datetime.now(dt.UTC)
        t = stored_chat_translator(library.get_chat(chat_id), config)
        blocks = [f"{_title(sub)}\n\n{digest_text(t, library, sub, now)}" for sub in subs]
    click.echo("\n\n".join(blocks))
