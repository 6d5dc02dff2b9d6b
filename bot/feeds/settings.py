"""What the poller needs to know, taken once from the configuration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from bot.config import Config
from bot.fetch import IPAddress

__all__ = ["PollSettings"]


@dataclass(frozen=True, slots=True)
class PollSettings:
    """Limits of one polling cycle: fetching (``[fetch]``) and feeds (``[feeds]``).

    ``exempt`` addresses pass the SSRF guard although private (a known intranet feed server;
    tests). A claimed feed is leased for :attr:`lease`: long enough for its fetch and the
    completion of its items, which stops after :attr:`full_text_budget`.
    """

    timeout_s: float
    max_bytes: int
    allow_private: bool = False
    exempt: frozenset[IPAddress] = frozenset()
    concurrency: int = 16
    per_host: int = 2
    full_text_below_words: int = 80
    backfill_items: int = 50
    pause_after: dt.timedelta = dt.timedelta(days=3)

    @classmethod
    def from_config(cls, config: Config, *, exempt: Iterable[IPAddress] = ()) -> PollSettings:
        return cls(
            timeout_s=config.fetch.timeout_s,
            max_bytes=config.fetch.max_bytes,
            allow_private=config.fetch.allow_private,
            exempt=frozenset(exempt),
            concurrency=config.feeds.concurrency,
            per_host=config.feeds.per_host,
            full_text_below_words=config.feeds.full_text_below_words,
            backfill_items=config.feeds.backfill_items,
            pause_after=dt.timedelta(days=config.feeds.pause_after_days),
        )

    @property
    def lease(self) -> dt.timedelta:
        """How long a claim on a feed lasts: four fetch timeouts and a minute."""
        return dt.timedelta(seconds=4 * self.timeout_s + 60)

    @property
    def full_text_budget(self) -> dt.timedelta:
        """After this long, a poll stores its remaining items from the feed's own text."""
        return self.lease / 2
