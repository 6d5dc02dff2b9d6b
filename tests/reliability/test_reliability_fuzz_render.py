"""Every renderer in ``bot.render``, fed hostile strings in every field of its inputs, produces a
message Telegram accepts: valid HTML by the sandbox's parser, non-empty, at most 4096 UTF-16 units
and 100 entities, and every link an http(s) or tg link."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from bot import render
from bot.i18n import translator
from bot.sandbox.validation import validate_text
from storage.models import SNIPPET_END, SNIPPET_START, Article, SearchHit, Subscription

from .hostile_strings import hostile_text, hostile_url, optional

EN = translator("en")

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
NOW = dt.datetime(2024, 3, 3, 12, 0, tzinfo=dt.UTC)
SAFE_SCHEMES = ("http://", "https://", "tg://")

_published = st.one_of(
    st.none(),
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
)

articles = st.builds(
    Article,
    id=st.integers(1, 2**63 - 1),
    chat_id=st.integers(-(10**13), 10**13),
    headline=hostile_text(),
    body=hostile_text(max_pieces=200),
    content_hash=hostile_text(max_pieces=3),
    published=_published,
    date_source=optional(hostile_text(max_pieces=3)),
    lead_quote=optional(hostile_text()),
    quote_speaker=optional(hostile_text()),
    lead=hostile_text(),
    lang=st.sampled_from(["", "en", "de", "ru", "fr", "xx"]) | hostile_text(max_pieces=2),
    format=st.sampled_from(["text", "html", "telegram", "url"]) | hostile_text(max_pieces=2),
    message_id=st.none() | st.integers(1, 2**31),
    submitted_by=st.none() | st.integers(1, 2**40),
    source_url=optional(hostile_url()),
    source_title=optional(hostile_text()),
    ingested_at=st.just(NOW),
)


def _marked(text: str, cuts: list[int]) -> str:
    """Insert snippet match marks into ``text`` at ``cuts``, balanced or not."""
    pieces, last = [], 0
    for number, cut in enumerate(sorted(c % (len(text) + 1) for c in cuts)):
        pieces += [text[last:cut], SNIPPET_START if number % 2 == 0 else SNIPPET_END]
        last = cut
    return "".join(pieces) + text[last:]


snippets = st.builds(_marked, hostile_text(), st.lists(st.integers(0, 10_000), max_size=6))
hits = st.builds(SearchHit, article=articles, snippet=snippets, rank=st.floats(-100, 0))
subscriptions = st.builds(
    Subscription,
    id=st.integers(1, 2**63 - 1),
    chat_id=st.integers(-(10**13), 10**13),
    thread_id=st.none() | st.integers(1, 2**31),
    local_time=st.times(),
    timezone=st.sampled_from(["UTC", "Europe/Berlin", "Asia/Kolkata"]) | hostile_text(),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    keywords=hostile_text(),
    active=st.booleans(),
    paused_reason=optional(hostile_text()),
    next_due_at=st.datetimes(
        min_value=dt.datetime(2000, 1, 1),
        max_value=dt.datetime(2100, 1, 1),
        timezones=st.just(dt.UTC),
    ),
    cursor=st.integers(0, 2**63 - 1),
    created_by=st.none() | st.integers(1, 2**40),
)


def assert_sendable(message: str) -> None:
    """What Telegram checks before it sends a message (the sandbox implements the same rules)."""
    parsed = validate_text(message, "HTML")  # raises ApiError: bad HTML, empty, too long
    assert len(parsed.entities) <= render.MAX_MESSAGE_ENTITIES
    assert render.utf16_len(parsed.text) <= MessageLimit.MAX_TEXT_LENGTH
    for entity in parsed.entities:
        if entity["type"] == "text_link":
            assert entity["url"].startswith(SAFE_SCHEMES), entity


@FUZZ
@given(article=articles)
def test_cards_and_full_articles_are_always_sendable(article: Article) -> None:
    assert_sendable(render.article_card(EN, article))
    assert_sendable(render.article_full(EN, article))


@FUZZ
@given(article_id=st.integers(1, 2**63 - 1))
def test_duplicate_notices_are_always_sendable(article_id: int) -> None:
    assert_sendable(render.duplicate_notice(EN, article_id))


@FUZZ
@given(
    page=st.lists(hits, max_size=5),
    offset=st.integers(0, 1000),
    extra=st.integers(0, 10**6),
    query=hostile_text(),
)
def test_search_results_are_always_sendable(
    page: list[SearchHit], offset: int, extra: int, query: str
) -> None:
    assert_sendable(render.search_results(EN, page, offset, offset + len(page) + extra, query))


@FUZZ
@given(query=hostile_text())
def test_no_results_is_always_sendable(query: str) -> None:
    assert_sendable(render.no_results(EN, query))


@FUZZ
@given(latest=st.lists(articles, max_size=12))
def test_latest_lists_are_always_sendable(latest: list[Article]) -> None:
    assert_sendable(render.latest_list(EN, latest))


@FUZZ
@given(subs=st.lists(subscriptions, max_size=8))
def test_subscription_lists_are_always_sendable(subs: list[Subscription]) -> None:
    assert_sendable(render.subscriptions_list(EN, subs, NOW))


@FUZZ
@given(digest=st.lists(articles, max_size=25), extra=st.integers(0, 1000), day=st.dates())
def test_every_digest_part_is_always_sendable(
    digest: list[Article], extra: int, day: dt.date
) -> None:
    parts = render.render_digest(EN, digest, title_date=day, total=len(digest) + extra)
    assert parts
    for part in parts:
        assert_sendable(part)
