"""The one error of configuration: a value missing, unknown or of the wrong form."""

from __future__ import annotations


class ConfigError(Exception):
    """A configuration value is missing, unknown or of the wrong form; the message names the key."""
