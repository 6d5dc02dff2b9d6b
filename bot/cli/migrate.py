"""`digest-bot migrate`: copy a whole library between SQLite and PostgreSQL (either way)."""

from __future__ import annotations

import click

from bot.config import Config
from storage import Library
from storage.transfer import DEFAULT_BATCH, copy_library

__all__ = ["migrate_command"]

_SQLITE_SCHEME = "sqlite:///"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def library_location(value: str) -> str:
    """What ``Library`` opens for ``--from`` / ``--to``: ``sqlite:///path`` (or a bare path)
    is an SQLite file, ``postgresql://…`` a PostgreSQL database."""
    if value.startswith(_SQLITE_SCHEME):
        return value[len(_SQLITE_SCHEME) :]
    if value.startswith(_POSTGRES_SCHEMES) or "://" not in value:
        return value
    raise click.BadParameter(
        f"{value!r} is neither sqlite:///path/to/library.sqlite3 nor postgresql://user@host/db"
    )


def _shown(location: str) -> str:
    """A location for the terminal, without a password."""
    if location.startswith(_POSTGRES_SCHEMES) and "@" in location:
        scheme, rest = location.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"
    return location


@click.command("migrate")
@click.option("--from", "source", required=True, help="sqlite:///path or postgresql://… to copy.")
@click.option("--to", "destination", required=True, help="sqlite:///path or postgresql://… .")
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Rows per transaction.",
)
@click.pass_obj
def migrate_command(config: Config, source: str, destination: str, batch: int) -> None:
    """Copy every table of a library into another database: SQLite to PostgreSQL or back.

    The destination is created or upgraded to the current schema first. Rows already there are
    kept, so running the command again after an interruption finishes the copy. Ends with the
    row count of every table at both ends; exits with 1 when any differs.
    """
    source_at, destination_at = library_location(source), library_location(destination)
    if source_at == destination_at:
        raise click.BadParameter("--from and --to name the same database")
    click.echo(f"copying {_shown(source_at)} -> {_shown(destination_at)}", err=True)

    def progress(table: str, done: int, total: int) -> None:
        click.echo(f"{table}: {done}/{total}", err=True)

    with (
        Library(source_at, public_sources=config.library.public_sources) as origin,
        Library(destination_at, public_sources=config.library.public_sources) as target,
    ):
        counts = copy_library(origin, target, batch=batch, progress=progress)
    width = max(len(count.table) for count in counts)
    for count in counts:
        verdict = "ok" if count.matches else "DIFFERS"
        click.echo(f"{count.table:<{width}}  {count.source:>9}  {count.destination:>9}  {verdict}")
    if not all(count.matches for count in counts):
        raise SystemExit(1)
