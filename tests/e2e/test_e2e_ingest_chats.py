"""Ingestion of forwards, channel posts and group messages, through the real bot."""

from __future__ import annotations

import asyncio
import datetime as dt

from storage.models import Chat

from .conftest import CHANNEL_ID, GROUP_ID, OTHER_GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

POST_TITLE = "Lighthouse Keeper Retires After Forty Years"
POST = (
    f"⚡️ {POST_TITLE}\n\n"
    "The last keeper of the Aldwin lighthouse handed over the keys on Friday.\n"
    '"I will miss the storms more than the calm nights," keeper Rosa Hale told the Courier.'
)
POST_ENTITIES = [{"type": "bold", "offset": 3, "length": len(POST_TITLE)}]
POSTED = dt.datetime(2024, 5, 17, 9, 30, tzinfo=dt.UTC)

GROUP_TEXT = (
    "Bakery Wins Regional Bread Prize\n\n"
    "The family bakery on Mill Street won the regional prize for its rye loaf on Saturday. "
    '"We bake it the way my grandmother did," owner Nadia Berg said.'
)
OTHER_GROUP_TEXT = (
    "School Roof Repairs Finish Early\n\n"
    "Builders finished the new roof of the primary school two weeks ahead of schedule."
)


async def wait_for_articles(env: BotEnv, chat_id: int, count: int = 1) -> None:
    """Wait until ``chat_id`` sees ``count`` articles (channel ingestion answers nothing)."""
    for _ in range(200):
        if len(await env.library.latest(chat_id, count)) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"chat {chat_id} never saw {count} article(s)")


async def assert_no_reply(env: BotEnv, chat_id: int, seconds: float = 1.0) -> None:
    await asyncio.sleep(seconds)
    assert env.sandbox.messages_to(chat_id) == []


async def test_a_forwarded_channel_post_keeps_its_date_and_public_link(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.forward_from_channel(
        USER_ID, USER_ID, CHANNEL_ID, 77, POST, date=POSTED, entities=POST_ENTITIES
    )
    [card] = await sandbox.wait_for_messages(USER_ID)
    assert card.text.startswith(POST_TITLE)
    assert "17 May 2024" in card.text
    assert "I will miss the storms" in card.text
    assert 'href="https://t.me/newsroom/77"' in card.html
    [article] = await bot_env.library.latest(USER_ID, 1)
    assert article.source_url == "https://t.me/newsroom/77"
    assert article.source_title == "Newsroom"
    assert article.format == "telegram"
    assert sandbox.rejected == []


async def test_forwards_from_people_and_groups_are_articles_even_when_short(
    bot_env: BotEnv,
) -> None:
    sandbox = bot_env.sandbox
    # Each has a line of body: the content hash covers the body only (see the lead's notes).
    sandbox.forward_hidden_user(
        USER_ID, USER_ID, "A. Reader", "Ferry delayed by fog\nNo crossings before noon.", POSTED
    )
    [hidden] = await sandbox.wait_for_messages(USER_ID)
    assert hidden.text.startswith("Ferry delayed by fog")
    sandbox.forward_from_user(
        USER_ID, USER_ID, OTHER_USER_ID, "Market moves to the square\nStalls open at eight."
    )
    [user] = await sandbox.wait_for_messages(USER_ID)
    assert user.text.startswith("Market moves to the square")
    sandbox.forward_from_chat(
        USER_ID, USER_ID, GROUP_ID, "Desk meeting moved to Monday\nBring the new rota."
    )
    [group] = await sandbox.wait_for_messages(USER_ID)
    assert group.text.startswith("Desk meeting moved to Monday")
    titles = {a.source_title for a in await bot_env.library.latest(USER_ID, 10)}
    assert titles == {"A. Reader", "Bob", "Desk A"}
    assert sandbox.rejected == []


async def test_channel_posts_are_stored_silently_and_found_by_followers(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    post = sandbox.channel_post(CHANNEL_ID, POST, entities=POST_ENTITIES)
    await wait_for_articles(bot_env, CHANNEL_ID)
    await bot_env.library.follow(GROUP_ID, CHANNEL_ID)
    page = await bot_env.library.search(GROUP_ID, "lighthouse keeper")
    [hit] = page.hits
    assert hit.article.headline == POST_TITLE
    assert hit.article.message_id == post["message_id"]
    assert hit.article.source_url == f"https://t.me/newsroom/{post['message_id']}"
    assert (await bot_env.library.search(OTHER_GROUP_ID, "lighthouse keeper")).hits == []
    assert sandbox.messages_to(CHANNEL_ID) == []
    assert sandbox.rejected == []


async def test_channel_posts_are_ignored_where_the_bot_is_no_administrator(
    bot_env: BotEnv,
) -> None:
    sandbox = bot_env.sandbox
    sandbox.set_member(CHANNEL_ID, sandbox.bot_user["id"], "member")
    sandbox.channel_post(CHANNEL_ID, POST, entities=POST_ENTITIES)
    await sandbox.wait_for_call("getChatMember")
    await asyncio.sleep(0.5)
    assert await bot_env.library.latest(CHANNEL_ID, 1) == []


async def test_add_as_a_reply_stores_the_replied_message_in_the_group(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    original = sandbox.send_text(GROUP_ID, USER_ID, GROUP_TEXT)
    sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/add", reply_to=original["message_id"])
    [card] = await sandbox.wait_for_messages(GROUP_ID)
    assert card.text.startswith("Bakery Wins Regional Bread Prize")
    [article] = await bot_env.library.latest(GROUP_ID, 5)
    assert article.chat_id == GROUP_ID
    assert article.message_id == original["message_id"]
    assert article.submitted_by == OTHER_USER_ID
    assert (await bot_env.library.search(OTHER_GROUP_ID, "bakery")).hits == []

    sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/add", reply_to=original["message_id"])
    [again] = await sandbox.wait_for_messages(GROUP_ID)
    assert again.text.startswith(f"Already saved as #{article.id}")
    assert sandbox.rejected == []


async def test_add_of_a_forwarded_post_and_of_a_document_in_a_group(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    forward = sandbox.forward_from_channel(
        GROUP_ID, USER_ID, CHANNEL_ID, 12, POST, date=POSTED, entities=POST_ENTITIES
    )
    sandbox.send_command(GROUP_ID, USER_ID, "/add", reply_to=forward["message_id"])
    [card] = await sandbox.wait_for_messages(GROUP_ID)
    assert card.text.startswith(POST_TITLE)
    assert 'href="https://t.me/newsroom/12"' in card.html
    document = sandbox.send_document(GROUP_ID, USER_ID, OTHER_GROUP_TEXT.encode(), "roof.txt")
    sandbox.send_command(GROUP_ID, USER_ID, "/add", reply_to=document["message_id"])
    [card] = await sandbox.wait_for_messages(GROUP_ID)
    assert card.text.startswith("School Roof Repairs Finish Early")
    assert sandbox.rejected == []


async def test_add_without_a_reply_or_in_a_private_chat_explains_itself(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.send_command(GROUP_ID, USER_ID, "/add")
    [answer] = await sandbox.wait_for_messages(GROUP_ID)
    assert answer.text == "Reply with /add to the message you want to save as an article."
    sandbox.send_command(USER_ID, USER_ID, "/add")
    [answer] = await sandbox.wait_for_messages(USER_ID)
    assert "you do not need /add" in answer.text
    assert sandbox.rejected == []


async def test_auto_ingest_stores_group_articles_only_while_it_is_on(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    library = bot_env.library
    await library.upsert_chat(Chat(GROUP_ID, "supergroup", title="Desk A"))
    sandbox.send_text(GROUP_ID, USER_ID, GROUP_TEXT)
    await assert_no_reply(bot_env, GROUP_ID)
    assert await library.latest(GROUP_ID, 1) == []

    await library.set_auto_ingest(GROUP_ID, True)
    sandbox.send_text(GROUP_ID, USER_ID, "Good morning, desk!")
    sandbox.send_document(GROUP_ID, USER_ID, b"\x89PNG\r\n\x1a\n", "chart.png", "image/png")
    sandbox.send_text(GROUP_ID, USER_ID, GROUP_TEXT)
    [card] = await sandbox.wait_for_messages(GROUP_ID)
    assert card.text.startswith("Bakery Wins Regional Bread Prize")
    await asyncio.sleep(0.5)
    assert len(sandbox.messages_to(GROUP_ID)) == 1

    await library.set_auto_ingest(GROUP_ID, False)
    sandbox.send_text(GROUP_ID, USER_ID, OTHER_GROUP_TEXT)
    await asyncio.sleep(1.0)
    assert len(sandbox.messages_to(GROUP_ID)) == 1
    assert [a.headline for a in await library.latest(GROUP_ID, 5)] == [
        "Bakery Wins Regional Bread Prize"
    ]
    assert sandbox.rejected == []


async def test_a_channel_post_with_an_unreadable_file_is_stored_by_its_caption(
    bot_env: BotEnv,
) -> None:
    channel = {"id": CHANNEL_ID, "type": "channel", "title": "Newsroom", "username": "newsroom"}
    document = {"file_id": "pdf-1", "file_unique_id": "u-pdf-1", "file_name": "report.pdf"}
    bot_env.sandbox.inject_update(
        {
            "channel_post": {
                "message_id": 900,
                "date": int(POSTED.timestamp()),
                "chat": channel,
                "sender_chat": channel,
                "document": document,
                "caption": POST,
                "caption_entities": POST_ENTITIES,
            }
        }
    )
    await wait_for_articles(bot_env, CHANNEL_ID)
    [article] = await bot_env.library.latest(CHANNEL_ID, 1)
    assert article.headline == POST_TITLE
    assert article.source_url == "https://t.me/newsroom/900"
    assert article.published == POSTED
    assert bot_env.sandbox.calls("getFile") == []
