"""Fixtures for the render tests: article factories and a Telegram-HTML validity check."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from bot.render import MAX_MESSAGE_ENTITIES, MAX_MESSAGE_UNITS, to_plain_text
from bot.render.text import clean_field
from bot.sandbox.telegram_html import ParsedText, parse_html, trim_parsed, utf16_len
from storage.models import Article

#: Strings that break naive HTML rendering or length counting.
HOSTILE = [
    "<script>alert(1)</script>",
    "Tom & Jerry &amp; &lt;b&gt; &#x3C;",
    "He said \"hello\" and 'bye'",
    "\u202eevil RTL override\u202c then text",
    "emoji 😀👨‍👩‍👧 flags 🇩🇪",
    "</b></a><i>unclosed",
    "a\x02marker\x03 and \x00 NUL \x1b escape",
    "<a href='javascript:alert(1)'>x</a>",
]

_BASE = Article(
    id=1,
    chat_id=-100,
    headline="Minister resigns over budget row",
    body="The minister resigned on Tuesday.\n\nMore text follows here.",
    content_hash="h",
    published=dt.date(2018, 7, 12),
    date_source="header",
    lead_quote="We have done nothing wrong",
    quote_speaker="Jane Doe",
    lead="The minister resigned on Tuesday.",
    lang="en",
    format="text",
    message_id=5,
    submitted_by=42,
    source_url="https://news.example.com/2018/07/12/minister",
    source_title="Example News",
    ingested_at=dt.datetime(2018, 7, 12, 10, 0, tzinfo=dt.UTC),
)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an Article from a sensible default, overriding any field."""

    def build(**changes: object) -> Article:
        return dataclasses.replace(_BASE, **changes)

    return build


def assert_valid_message(html: str) -> ParsedText:
    """Parse ``html`` as Telegram would and check it fits one message; return what it shows."""
    parsed = parse_html(html)
    assert utf16_len(trim_parsed(parsed).text) <= MAX_MESSAGE_UNITS
    assert len(parsed.entities) <= MAX_MESSAGE_ENTITIES
    # Our own measure of what the user sees must agree with Telegram's parser.
    assert to_plain_text(html) == parsed.text
    return parsed


@pytest.fixture
def valid_message() -> Callable[[str], ParsedText]:
    """The Telegram-HTML check as a fixture (test modules cannot import conftest)."""
    return assert_valid_message


@pytest.fixture(params=HOSTILE, ids=range(len(HOSTILE)))
def hostile(request: pytest.FixtureRequest) -> str:
    """Each hostile string in turn."""
    return request.param


@pytest.fixture
def hostile_shown(hostile: str) -> str:
    """What a reader sees of ``hostile`` in a rendered field: the text itself, unescaped, with
    control characters removed and whitespace runs collapsed (``clean_field``)."""
    return clean_field(hostile)
