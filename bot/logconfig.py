"""Logging for the long-running commands: one format, quiet HTTP clients, secrets redacted.

python-telegram-bot puts the bot token into every request URL, and httpx logs each request URL at
INFO. Two lines of defence keep the token out of logs: the HTTP client loggers are held at
WARNING, and :class:`SecretRedactingFilter` on the output handler replaces any secret that still
appears in a message, its arguments or a formatted traceback.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

__all__ = [
    "LOG_FORMAT",
    "QUIET_LOGGERS",
    "REDACTED",
    "SecretRedactingFilter",
    "configure_logging",
    "redact_secrets",
]

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
#: Loggers that log request URLs (which contain the token) below WARNING.
QUIET_LOGGERS = ("httpx", "httpcore")
#: What a secret is replaced with.
REDACTED = "<redacted>"


def redact_secrets(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every non-empty secret replaced by :data:`REDACTED`, longest first."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


class SecretRedactingFilter(logging.Filter):
    """Replace every given secret in a record's message, traceback and stack text.

    The record is rendered once here (message with its arguments, exception text) so that a
    secret passed as an argument or carried by an exception is caught too.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = tuple(s for s in secrets if s)

    def _redact(self, text: str) -> str:
        return redact_secrets(text, self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            # Arguments that do not fit the format: keep both, as plain text, redacted.
            message = f"{record.msg} (log arguments that did not fit: {record.args!r})"
            record.msg, record.args = message, None
        redacted = self._redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True


def configure_logging(
    *, level: int = logging.INFO, secrets: Iterable[str] = (), stream: TextIO | None = None
) -> logging.Handler:
    """Send log records at ``level`` and above to ``stream`` (stderr), secrets redacted.

    Replaces the root logger's handlers, so calling it twice does not duplicate lines. Returns
    the installed handler.
    """
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(SecretRedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    return handler
