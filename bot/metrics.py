"""What the bot counts for Prometheus, in one registry per Application.

Every Application gets its own :class:`BotMetrics`, built with it in ``bot.app`` and reached by
handlers and jobs as ``context.services.metrics``: several applications in one process (the
tests) each count their own, and nothing lands in prometheus-client's global default registry.
Code that counts calls the named methods below, never the prometheus objects, so the metric
names and their labels are defined here and nowhere else.

Every label takes values from a small fixed set (update types, source kinds, outcomes, Bot API
method names): never a chat id, a user id, a URL or a query, which would make a new time series
each and swamp the scraper. :data:`METRIC_NAMES` lists what ``/metrics`` shows; README
("What to monitor") says what each means.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = [
    "CLAIM_KINDS",
    "CONTENT_TYPE",
    "DIGEST_OUTCOMES",
    "FEED_POLL_OUTCOMES",
    "METRIC_NAMES",
    "NAMESPACE",
    "SEARCH_BUCKETS",
    "BotMetrics",
]

#: The prefix of every metric name.
NAMESPACE = "digest_bot"
#: The Content-Type of :meth:`BotMetrics.exposition` (Prometheus text format).
CONTENT_TYPE = CONTENT_TYPE_LATEST
#: Search latency buckets, in seconds: a search answers in milliseconds at 100k articles; the
#: upper buckets catch a library that outgrew its index or a database under load.
SEARCH_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: What can happen to a due digest in a tick: ``bot.delivery.Outcome`` values with ``_`` for
#: spaces, plus ``error`` for an unexpected exception (the subscription stays due).
DIGEST_OUTCOMES = ("sent", "empty", "skipped", "paused", "retry_later", "removed", "error")
#: What polling one feed did (``bot.feeds.poller.PollStatus``).
FEED_POLL_OUTCOMES = ("stored", "not-modified", "failed")
#: What a claim is on, for :meth:`BotMetrics.claim_conflict`: a due chat's digests, a feed
#: poll, a stored webhook update (an orphan another process took over first).
CLAIM_KINDS = ("digest", "feed", "update")

#: Every metric ``/metrics`` shows (counters with their ``_total`` suffix).
METRIC_NAMES = tuple(
    f"{NAMESPACE}_{name}"
    for name in (
        "updates_handled_total",
        "handler_errors_total",
        "articles_stored_total",
        "articles_duplicate_total",
        "search_seconds",
        "digests_total",
        "telegram_rate_limited_total",
        "telegram_retries_total",
        "feed_polls_total",
        "feeds_paused_total",
        "inbox_depth",
        "claim_conflicts_total",
    )
)


class BotMetrics:
    """The counters, gauges and histograms of one Application, in their own registry."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        ns = NAMESPACE
        self._updates = Counter(
            "updates_handled",
            "Updates whose handlers ran, by update type.",
            ["type"],
            namespace=ns,
            registry=r,
        )
        self._errors = Counter(
            "handler_errors",
            "Errors a handler or a job raised (reported to the error handler), by update type "
            "(job: raised by a scheduled job, not while handling an update).",
            ["type"],
            namespace=ns,
            registry=r,
        )
        self._stored = Counter(
            "articles_stored",
            "New articles stored, by the way they came in.",
            ["kind"],
            namespace=ns,
            registry=r,
        )
        self._duplicates = Counter(
            "articles_duplicate",
            "Articles not stored because their collection already held them, by the way in.",
            ["kind"],
            namespace=ns,
            registry=r,
        )
        self._search = Histogram(
            "search_seconds",
            "Time to answer one page of a search, from the library call to its result.",
            ["where"],
            buckets=SEARCH_BUCKETS,
            namespace=ns,
            registry=r,
        )
        self._digests = Counter(
            "digests",
            "Due digests handled by the digest tick, by outcome.",
            ["outcome"],
            namespace=ns,
            registry=r,
        )
        self._rate_limited = Counter(
            "telegram_rate_limited",
            "Bot API calls Telegram answered with 429 (flood control), by method.",
            ["method"],
            namespace=ns,
            registry=r,
        )
        self._retries = Counter(
            "telegram_retries",
            "Bot API calls made again after a failure, by method and reason "
            "(rate_limit: by the rate limiter, after waiting out a 429's retry_after).",
            ["method", "reason"],
            namespace=ns,
            registry=r,
        )
        self._feed_polls = Counter(
            "feed_polls",
            "Feeds polled, by outcome.",
            ["outcome"],
            namespace=ns,
            registry=r,
        )
        self._feeds_paused = Counter(
            "feeds_paused",
            "Feeds paused after failing for [feeds] pause_after_days.",
            namespace=ns,
            registry=r,
        )
        self._inbox_depth = Gauge(
            "inbox_depth",
            "Updates in the durable update inbox: received but not yet handled (read from the "
            "database when /metrics is scraped).",
            namespace=ns,
            registry=r,
        )
        self._claim_conflicts = Counter(
            "claim_conflicts",
            "Claims lost to another bot process (a digest or feed another process took first).",
            ["kind"],
            namespace=ns,
            registry=r,
        )
        # Known label values start at 0, so a rate() over them works from the first scrape.
        for outcome in DIGEST_OUTCOMES:
            self._digests.labels(outcome=outcome)
        for outcome in FEED_POLL_OUTCOMES:
            self._feed_polls.labels(outcome=outcome)
        for kind in CLAIM_KINDS:
            self._claim_conflicts.labels(kind=kind)

    def update_handled(self, update_type: str) -> None:
        """One update's handlers ran (``bot.update_types.update_type`` names its type)."""
        self._updates.labels(type=update_type).inc()

    def handler_error(self, update_type: str) -> None:
        """A handler raised while handling an update of ``update_type``, or a job raised
        (``job``)."""
        self._errors.labels(type=update_type).inc()

    def article_stored(self, kind: str, *, duplicate: bool = False, count: int = 1) -> None:
        """``count`` articles came in through ``kind`` (``bot.intake.article.SourceKind``):
        stored, or already in their collection (``duplicate``)."""
        if count > 0:
            (self._duplicates if duplicate else self._stored).labels(kind=kind).inc(count)

    @contextmanager
    def search_timer(self, where: str) -> Iterator[None]:
        """Time the block as one search served in ``where`` (``chat`` or ``inline``)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self._search.labels(where=where).observe(time.perf_counter() - started)

    def digest(self, outcome: str) -> None:
        """A due digest was handled with ``outcome`` (one of :data:`DIGEST_OUTCOMES`)."""
        self._digests.labels(outcome=outcome.replace(" ", "_")).inc()

    def rate_limited(self, method: str) -> None:
        """Telegram answered a call of ``method`` with 429."""
        self._rate_limited.labels(method=method).inc()

    def retry(self, method: str, reason: str) -> None:
        """A call of ``method`` is made again for ``reason`` (``rate_limit``: after a 429)."""
        self._retries.labels(method=method, reason=reason).inc()

    def feed_polled(self, outcome: str) -> None:
        """A feed was polled with ``outcome`` (one of :data:`FEED_POLL_OUTCOMES`)."""
        self._feed_polls.labels(outcome=outcome).inc()

    def feed_paused(self) -> None:
        """A feed was paused after failing too long."""
        self._feeds_paused.inc()

    def inbox_depth(self, updates: int) -> None:
        """The update inbox holds ``updates`` updates now."""
        self._inbox_depth.set(updates)

    def claim_conflict(self, kind: str) -> None:
        """A claim on a ``kind`` of work (:data:`CLAIM_KINDS`) was lost to another process."""
        self._claim_conflicts.labels(kind=kind).inc()

    def exposition(self) -> bytes:
        """Every metric in the Prometheus text format (served as :data:`CONTENT_TYPE`)."""
        return generate_latest(self.registry)
