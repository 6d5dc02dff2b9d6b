"""bot.intake.article: one conversion from an extraction result and its origin to a storable
article, and post links."""

from __future__ import annotations

import dataclasses
import datetime as dt

from bot.extract import Extracted, content_hash
from bot.intake.article import Origin, SourceKind, new_article, post_link
from storage.library import Library

EXTRACTED = Extracted(
    headline="Harbour Ferry Returns After Winter Repairs",
    published=dt.date(2024, 3, 3),
    date_source="dateline",
    lead_quote="Passengers told us they missed the morning crossing",
    quote_speaker="Elena Brooks",
    lead="The harbour ferry resumed its crossings on Sunday.",
    body="The harbour ferry resumed its crossings on Sunday.\n\nIt runs every forty minutes.",
    lang="en",
    format="text",
)


def test_every_extracted_field_and_the_message_facts_are_carried_over() -> None:
    origin = Origin(
        chat_id=-100123,
        message_id=42,
        submitted_by=1001,
        source_url="https://t.me/newsroom/42",
        source_title="Newsroom",
        kind=SourceKind.FORWARD,
    )
    article = new_article(EXTRACTED, origin)
    for field in dataclasses.fields(Extracted):
        assert getattr(article, field.name) == getattr(EXTRACTED, field.name)
    assert (article.chat_id, article.message_id, article.submitted_by) == (-100123, 42, 1001)
    assert article.source_url == "https://t.me/newsroom/42"
    assert article.source_title == "Newsroom"
    assert article.content_hash == content_hash(EXTRACTED)


def test_the_same_article_respaced_is_a_duplicate_in_storage(library_target) -> None:
    respaced = dataclasses.replace(EXTRACTED, body=EXTRACTED.body.replace(" ", "  "))
    with Library(library_target) as library:
        first = library.add_article(
            new_article(EXTRACTED, Origin(chat_id=1001, kind=SourceKind.MESSAGE))
        )
        second = library.add_article(
            new_article(respaced, Origin(chat_id=1001, kind=SourceKind.MESSAGE))
        )
        elsewhere = library.add_article(
            new_article(respaced, Origin(chat_id=1002, kind=SourceKind.MESSAGE))
        )
    assert not first.duplicate
    assert second.duplicate and second.article_id == first.article_id
    assert not elsewhere.duplicate


def test_post_links_exist_only_for_public_chats_and_known_posts() -> None:
    assert post_link("newsroom", 77) == "https://t.me/newsroom/77"
    assert post_link("@newsroom", 77) == "https://t.me/newsroom/77"
    assert post_link(None, 77) is None
    assert post_link("", 77) is None
    assert post_link("newsroom", None) is None
