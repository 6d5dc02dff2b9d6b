"""The `digest-bot` command line: one click group, one module per group of commands."""

from __future__ import annotations

import click

from bot.cli.errors import ConfigurationProblem
from bot.config import Config, ConfigError, load_config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


def config_of(ctx: click.Context) -> Config:
    """The configuration loaded by the group (commands take it from here)."""
    config = ctx.find_root().obj
    assert isinstance(config, Config)
    return config


def _register() -> None:
    from bot.cli.digest import digest_command
    from bot.cli.extract import extract_command
    from bot.cli.ingest import ingest_command
    from bot.cli.library import export_command, search_command, stats_command
    from bot.cli.run import run_command, try_command

    for command in (
        search_command,
        stats_command,
        export_command,
        extract_command,
        ingest_command,
        run_command,
        try_command,
        digest_command,
    ):
        main.add_command(command)


_register()
