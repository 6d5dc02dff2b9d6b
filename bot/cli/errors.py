"""Errors the CLI reports as one line instead of a traceback, and the boundary that does it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

import click

from storage.errors import StorageError

__all__ = ["ConfigurationProblem", "errors_as_one_line"]

log = logging.getLogger(__name__)


class ConfigurationProblem(click.ClickException):
    """Bad configuration: exit code 2, like a usage error, with the message naming the key."""

    exit_code = 2


@contextlib.contextmanager
def errors_as_one_line() -> Iterator[None]:
    """Turn the library's errors (a ``--db`` that is no database, a full disk) into one line.

    Their messages already say what to do; exit code 1. The traceback is logged at DEBUG, so
    ``run --verbose`` and ``try --verbose`` still show it.
    """
    try:
        yield
    except StorageError as error:
        log.debug("command failed", exc_info=True)
        raise click.ClickException(str(error)) from error
