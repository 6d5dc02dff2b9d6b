"""A local, strict Telegram Bot API server for tests and `digest-bot try` (DESIGN §8)."""

from .errors import ApiError, SandboxError, SandboxTimeout
from .flood import FloodLimits
from .sandbox import DEFAULT_TOKEN, Sandbox
from .telegram_html import HTMLParseError, ParsedText, parse_html, utf16_len
from .world import SentMessage

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "FloodLimits",
    "HTMLParseError",
    "ParsedText",
    "Sandbox",
    "SandboxError",
    "SandboxTimeout",
    "SentMessage",
    "parse_html",
    "utf16_len",
]
