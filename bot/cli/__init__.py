"""The `digest-bot` command line: one click group, one module per group of commands.

Commands are imported when they are run, not when the program starts: `ingest` or `search`
should not pay for importing python-telegram-bot, aiohttp and the sandbox (about half a second).
The group loads the configuration into ``ctx.obj``; each command takes it with
``@click.pass_obj``, so no command module imports this one.
"""

from __future__ import annotations

import importlib

import click

from bot.cli.errors import ConfigurationProblem, errors_as_one_line
from bot.config import ConfigError, load_config

#: Command name -> "module:attribute", in the order `--help` lists them.
COMMANDS: dict[str, str] = {
    "run": "bot.cli.run:run_command",
    "try": "bot.cli.run:try_command",
    "search": "bot.cli.library:search_command",
    "stats": "bot.cli.library:stats_command",
    "export": "bot.cli.library:export_command",
    "stories": "bot.cli.stories:stories_command",
    "extract": "bot.cli.extract:extract_command",
    "ingest": "bot.cli.ingest:ingest_command",
    "digest": "bot.cli.digest:digest_command",
    "feeds": "bot.cli.feeds:feeds_command",
    "migrate": "bot.cli.migrate:migrate_command",
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use (see :data:`COMMANDS`).

    Every command runs inside :func:`~bot.cli.errors.errors_as_one_line`.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *super().list_commands(ctx)]

    def invoke(self, ctx: click.Context) -> object:
        with errors_as_one_line():
            return super().invoke(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="TOML configuration file. Default: ./config.toml if present, else built-in defaults.",
)
@click.version_option(package_name="digest-bot")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """digest-bot: a searchable library of news articles, with a Telegram bot and digests."""
    try:
        ctx.obj = load_config(config_path)
    except ConfigError as exc:
        raise ConfigurationProblem(str(exc)) from exc
