"""Which private messages are articles (ingestion) and which are searches: never both, never
neither; and how a message's link, entities and forward origin are read."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from telegram import (
    Chat,
    Document,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginHiddenUser,
    Update,
    User,
)
from telegram.ext import filters

from bot.extract.telegram import PostEntity
from bot.intake.classify import (
    ARTICLE_MESSAGE,
    SEARCH_TEXT,
    is_bare_url,
    is_only_a_url,
    linked_url,
)
from bot.intake.document import is_supported_document
from bot.intake.message import forward_source, post_entities

PRIVATE = Chat(1001, Chat.PRIVATE)
ANN = User(1001, "Ann", False)
NOW = dt.datetime(2024, 5, 17, 9, 30, tzinfo=dt.UTC)
NEWSROOM = Chat(-1001000000003, Chat.CHANNEL, title="Newsroom", username="newsroom")
PRIVATE_ARTICLE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ARTICLE_MESSAGE


def message(text: str, entities: list[MessageEntity] | None = None, **extra: object) -> Message:
    return Message(1, NOW, PRIVATE, from_user=ANN, text=text, entities=entities, **extra)


def routes(msg: Message) -> tuple[bool, bool]:
    update = Update(1, message=msg)
    return bool(SEARCH_TEXT.check_update(update)), bool(PRIVATE_ARTICLE.check_update(update))


@given(st.text(min_size=1, max_size=300))
def test_every_private_text_is_either_a_search_or_an_article(text: str) -> None:
    searched, ingested = routes(message(text))
    assert searched != ingested


def test_examples_of_each_route() -> None:
    assert routes(message("nato summit")) == (True, False)
    assert routes(message("x" * 199)) == (True, False)
    assert routes(message("x" * 200)) == (False, True)
    assert routes(message("Headline\nBody")) == (False, True)
    assert routes(message("https://example.com/news/1")) == (False, True)
    link = MessageEntity(MessageEntity.URL, 0, 16)
    assert routes(message("example.com/news", [link])) == (False, True)
    command = MessageEntity(MessageEntity.BOT_COMMAND, 0, 7)
    assert routes(message("/search" + " x" * 150, [command])) == (False, False)


def test_a_forward_is_an_article_however_short() -> None:
    origin = MessageOriginHiddenUser(NOW, "A. Reader")
    assert routes(message("short", forward_origin=origin)) == (False, True)


def test_one_notion_of_a_message_that_is_only_a_link() -> None:
    assert is_bare_url("  HTTPS://example.com/a \n") and not is_bare_url("see https://example.com")
    schemeless = message("example.com/a", [MessageEntity(MessageEntity.URL, 0, 13)])
    hidden = message("Read this", [MessageEntity(MessageEntity.TEXT_LINK, 0, 9, url="https://e.x")])
    for only_a_link in (message("https://example.com/a"), schemeless, hidden):
        assert is_only_a_url(only_a_link) and linked_url(only_a_link) is not None
    assert not is_only_a_url(message("see https://example.com/a"))


def test_linked_url_reads_links_with_and_without_a_scheme_and_hidden_links() -> None:
    assert linked_url(message("  https://example.com/a  ")) == "https://example.com/a"
    schemeless = message("example.com/a", [MessageEntity(MessageEntity.URL, 0, 13)])
    assert linked_url(schemeless) == "http://example.com/a"
    hidden = MessageEntity(MessageEntity.TEXT_LINK, 0, 9, url="https://example.com/b")
    assert linked_url(message("Read this", [hidden])) == "https://example.com/b"
    assert linked_url(message("see https://example.com/a")) is None
    assert linked_url(message("ftp://example.com/a")) is None


def test_entities_keep_their_utf16_offsets() -> None:
    entities = [MessageEntity(MessageEntity.BOLD, 3, 5), MessageEntity("text_link", 9, 2, url="u")]
    assert post_entities(entities) == [PostEntity("bold", 3, 5), PostEntity("text_link", 9, 2, "u")]


def test_forward_sources() -> None:
    assert forward_source(MessageOriginChannel(NOW, NEWSROOM, 77)) == (
        "https://t.me/newsroom/77",
        "Newsroom",
    )
    private_channel = Chat(-1001, Chat.CHANNEL, title="Closed")
    assert forward_source(MessageOriginChannel(NOW, private_channel, 5)) == (None, "Closed")
    assert forward_source(MessageOriginHiddenUser(NOW, "A. Reader")) == (None, "A. Reader")


def test_supported_documents_by_name_or_type() -> None:
    def doc(name: str | None, mime: str | None = None) -> Document:
        return Document("id", "uid", file_name=name, mime_type=mime)

    assert is_supported_document(doc("Story.TXT"))
    assert is_supported_document(doc("notes.md", "application/octet-stream"))
    assert is_supported_document(doc("page.htm"))
    assert is_supported_document(doc(None, "text/html"))
    assert not is_supported_document(doc("report.pdf", "application/pdf"))
    assert not is_supported_document(doc("archive.txt.zip"))
