"""A link to an extracted article: the page is fetched through :mod:`bot.fetch` (limits, SSRF
guard) and read like an uploaded HTML file; its final URL becomes the article's public link."""

from __future__ import annotations

import asyncio
import dataclasses

from bot.config import Config
from bot.extract import Extracted, extract_bytes
from bot.fetch import fetch_url
from bot.intake.article import check_text_length

__all__ = ["read_url"]


async def read_url(url: str, config: Config) -> tuple[Extracted, str]:
    """The article at ``url`` and the URL it was finally read from (after redirects).

    Raises:
        FetchError, ExtractError, TextTooLongError: each with a message fit for the user.
    """
    page = await fetch_url(
        url,
        timeout_s=config.fetch.timeout_s,
        max_bytes=config.fetch.max_bytes,
        allow_private=config.fetch.allow_private,
    )
    extracted = await asyncio.to_thread(
        extract_bytes, page.body, content_type=page.content_type, url=page.final_url
    )
    check_text_length(extracted.body, config.limits.max_text_chars)
    return dataclasses.replace(extracted, format="url"), page.final_url
