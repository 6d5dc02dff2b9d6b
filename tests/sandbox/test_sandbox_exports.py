"""The package's public names are exactly the ones we mean to offer."""

from __future__ import annotations

import bot.sandbox


def test_public_names() -> None:
    assert set(bot.sandbox.__all__) == {
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
    }
    assert all(hasattr(bot.sandbox, name) for name in bot.sandbox.__all__)
