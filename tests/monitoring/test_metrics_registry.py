"""BotMetrics: one registry per Application, named methods, bounded labels."""

from __future__ import annotations

import prometheus_client
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import CLAIM_KINDS, DIGEST_OUTCOMES, FEED_POLL_OUTCOMES, METRIC_NAMES, BotMetrics


def _samples(metrics: BotMetrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = metrics.exposition().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_two_applications_count_apart_and_not_in_the_global_registry() -> None:
    first, second = BotMetrics(), BotMetrics()  # a second registry raises no duplicate error
    first.article_stored("message")
    first.claim_conflict("digest")
    assert _samples(first)[("digest_bot_articles_stored_total", (("kind", "message"),))] == 1
    assert ("digest_bot_articles_stored_total", (("kind", "message"),)) not in _samples(second)
    assert _samples(second)[("digest_bot_claim_conflicts_total", (("kind", "digest"),))] == 0
    global_names = {family.name for family in prometheus_client.REGISTRY.collect() if family.name}
    assert not any(name.startswith("digest_bot") for name in global_names)


def test_known_outcomes_start_at_zero() -> None:
    samples = _samples(BotMetrics())
    for outcome in DIGEST_OUTCOMES:
        assert samples[("digest_bot_digests_total", (("outcome", outcome),))] == 0
    for outcome in FEED_POLL_OUTCOMES:
        assert samples[("digest_bot_feed_polls_total", (("outcome", outcome),))] == 0
    for kind in CLAIM_KINDS:
        assert samples[("digest_bot_claim_conflicts_total", (("kind", kind),))] == 0


def test_each_named_method_moves_its_metric() -> None:
    metrics = BotMetrics()
    metrics.update_handled("message")
    metrics.handler_error("job")
    metrics.article_stored("feed", count=3)
    metrics.article_stored("feed", duplicate=True, count=2)
    metrics.article_stored("feed", count=0)  # nothing stored: nothing counted
    with metrics.search_timer("inline"):
        pass
    metrics.digest("retry later")  # bot.delivery.Outcome.RETRY_LATER's value
    metrics.rate_limited("sendMessage")
    metrics.retry("sendMessage", "rate_limit")
    metrics.feed_polled("not-modified")
    metrics.feed_paused()
    metrics.inbox_depth(7)
    metrics.claim_conflict("feed")
    samples = _samples(metrics)
    expected = {
        ("digest_bot_updates_handled_total", (("type", "message"),)): 1,
        ("digest_bot_handler_errors_total", (("type", "job"),)): 1,
        ("digest_bot_articles_stored_total", (("kind", "feed"),)): 3,
        ("digest_bot_articles_duplicate_total", (("kind", "feed"),)): 2,
        ("digest_bot_search_seconds_count", (("where", "inline"),)): 1,
        ("digest_bot_digests_total", (("outcome", "retry_later"),)): 1,
        ("digest_bot_telegram_rate_limited_total", (("method", "sendMessage"),)): 1,
        (
            "digest_bot_telegram_retries_total",
            (("method", "sendMessage"), ("reason", "rate_limit")),
        ): 1,
        ("digest_bot_feed_polls_total", (("outcome", "not-modified"),)): 1,
        ("digest_bot_feeds_paused_total", ()): 1,
        ("digest_bot_inbox_depth", ()): 7,
        ("digest_bot_claim_conflicts_total", (("kind", "feed"),)): 1,
    }
    for key, value in expected.items():
        assert samples[key] == value, key
    exposed = {name for name, _ in samples}
    for name in METRIC_NAMES:  # histograms show as _count/_sum/_bucket
        assert name in exposed or f"{name}_count" in exposed, name
