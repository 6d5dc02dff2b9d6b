"""`python -m bot.i18n extract | update | init CODE | check`: the translators' commands.

python -m bot.i18n update      # messages in the code -> messages.pot -> every catalog
(translate bot/locale/<lang>/LC_MESSAGES/messages.po)
python -m bot.i18n check       # the catalog lint; the bot reads .po files, nothing to compile
"""

from __future__ import annotations

import click

from .catalogs import CatalogError
from .workflow import (
    TEMPLATE_PATH,
    check_catalogs,
    extract_messages,
    init_catalog,
    read_template,
    update_catalogs,
    write_template,
)


def _extract() -> None:
    written = write_template(extract_messages())
    click.echo(f"{'wrote' if written else 'unchanged:'} {TEMPLATE_PATH}")


@click.group()
def main() -> None:
    """Message catalogs of digest-bot (bot/locale)."""


@main.command()
def extract() -> None:
    """Write the messages the code uses to bot/locale/messages.pot."""
    _extract()


@main.command()
def update() -> None:
    """Extract, then merge messages.pot into every language's catalog."""
    _extract()
    try:
        changed = update_catalogs(read_template())
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    for path in changed:
        click.echo(f"updated {path}")
    if changed:
        click.echo("Translate the new and fuzzy messages, then run: python -m bot.i18n check")
    else:
        click.echo("Every catalog already has the messages of messages.pot.")


@main.command()
@click.argument("code")
def init(code: str) -> None:
    """Start the catalog of a new language CODE (e.g. pt) from messages.pot."""
    try:
        path = init_catalog(code, read_template())
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {path}")
    click.echo(
        f"Translate it, then add Language({code!r}, <its own name>, <Babel locale>) to "
        "SUPPORTED_LANGUAGES in bot/i18n/languages.py."
    )


@main.command()
def check() -> None:
    """Lint every catalog: all messages translated, placeholders and HTML tags intact,
    plural forms right for the language."""
    try:
        problems = check_catalogs()
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in the catalogs")
    click.echo("All catalogs are complete.")


if __name__ == "__main__":
    main()
