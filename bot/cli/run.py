"""`digest-bot run` (the bot against Telegram) and `digest-bot try` (offline, in the terminal).

python-telegram-bot and the bot are imported inside the commands, not here: `run` installs its
stop-signal handler first, so a SIGTERM during the second or so those imports take still ends it
cleanly (exit 0) instead of killing it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path

import click

from bot.cli.errors import ConfigurationProblem
from bot.cli.stop_signals import StoppedBeforeStart, StopSignals
from bot.config import Config, ConfigError, validate
from bot.logconfig import configure_logging, redact_secrets

__all__ = ["run_command", "try_command"]

log = logging.getLogger(__name__)


def _secrets(config: Config) -> tuple[str, ...]:
    return (config.telegram.token, config.telegram.webhook_secret, config.scale.redis_url)


@click.command("run")
@click.option(
    "--webhook",
    is_flag=True,
    help='Receive updates by webhook, as [telegram] mode = "webhook" does; several processes '
    "may then run behind one URL.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log at DEBUG level instead of INFO.")
@click.pass_obj
def run_command(config: Config, webhook: bool, verbose: bool) -> None:
    """Run the bot against Telegram until Ctrl-C or SIGTERM.

    Needs a bot token (DIGEST_BOT_TOKEN or [telegram] token; create a bot with @BotFather).
    Uses long polling (one process per bot), or a webhook server with --webhook or when
    [telegram] mode = "webhook" (needs webhook_url and webhook_secret; any number of processes
    on one database, each on its own webhook_port, behind one URL). Logs go to stderr with the
    token redacted. A stop signal at any moment, start-up included, exits with code 0.
    """
    if webhook:
        config = _in_webhook_mode(config)
    try:
        with StopSignals() as stop_signals:
            _run_until_stopped(config, verbose, stop_signals)
    except StoppedBeforeStart:
        return


def _in_webhook_mode(config: Config) -> Config:
    """``config`` with ``[telegram] mode = "webhook"``, checked as a loaded one is."""
    switched = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, mode="webhook")
    )
    try:
        validate(switched)
    except ConfigError as error:
        raise ConfigurationProblem(f"--webhook: {error}") from error
    return switched


def _run_until_stopped(config: Config, verbose: bool, stop_signals: StopSignals) -> None:
    configure_logging(level=logging.DEBUG if verbose else logging.INFO, secrets=_secrets(config))
    from telegram.error import InvalidToken, NetworkError

    from bot.app import PollingConflictError, TokenMissingError, serve
    from bot.monitoring import MonitoringAddressError

    try:
        asyncio.run(stop_signals.run(serve(config)))
    except TokenMissingError as error:
        raise ConfigurationProblem(str(error)) from error
    except (MonitoringAddressError, PollingConflictError) as error:
        raise click.ClickException(str(error)) from error
    except InvalidToken as error:
        log.debug("the bot could not start", exc_info=True)
        raise click.ClickException(
            "Telegram rejected the bot token. Copy it again from @BotFather (/mybots -> API Token)"
            " into DIGEST_BOT_TOKEN or [telegram] token."
        ) from error
    except NetworkError as error:
        log.debug("the bot could not start", exc_info=True)
        reason = redact_secrets(str(error), _secrets(config))
        raise click.ClickException(
            f"cannot reach the Bot API at {config.telegram.base_url}: {reason}. "
            "Check the network, or [telegram] base_url when you use a local Bot API server."
        ) from error


@click.command("try")
@click.option(
    "--script",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Run the lines of this file as typed input (echoed after '> '), then exit.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Keep the demo library in this SQLite file. Default: a temporary file, removed on exit.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show the bot's log (INFO) on stderr.")
@click.pass_obj
def try_command(config: Config, script: Path | None, db_path: Path | None, verbose: bool) -> None:
    """Try the bot offline: no token, no network, a chat in the terminal.

    Starts a local Telegram sandbox and the real bot against it, loads the sample articles
    into the public collection @samples, and lets you chat as a Telegram user: /commands,
    text to search or to save as an article, :paste, :file PATH, :press N, :inline WORDS,
    :help and :quit. With --script FILE the lines of FILE are the input, and the exit code is
    1 when any of them failed (an unknown instruction, a missing file).
    """
    configure_logging(level=logging.INFO if verbose else logging.WARNING, secrets=_secrets(config))
    from bot.tryout import run_try
    from bot.tryout.samples import SampleLoadError
    from storage.errors import StorageError

    lines = None
    if script is not None:
        try:
            lines = script.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise click.ClickException(f"cannot read the script {script}: {error}") from error
    try:
        failed = asyncio.run(run_try(config, echo=click.echo, script=lines, db_path=db_path))
    except KeyboardInterrupt:
        click.echo("")
        return
    except (StorageError, SampleLoadError) as error:
        raise click.ClickException(str(error)) from error
    if script is not None and failed:
        lines_failed = "1 line" if failed == 1 else f"{failed} lines"
        raise click.ClickException(f"{lines_failed} of {script} failed (marked with ! above)")
