"""Errors the CLI reports as one line instead of a traceback."""

from __future__ import annotations

import click


class ConfigurationProblem(click.ClickException):
    """Bad configuration: exit code 2, like a usage error, with the message naming the key."""

    exit_code = 2
