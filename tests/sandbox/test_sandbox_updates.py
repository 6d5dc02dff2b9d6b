"""Injected updates reach python-telegram-bot through long polling and parse as Updates."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
import telegram
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.error import BadRequest, Conflict

from bot.sandbox import Sandbox, SandboxError, SandboxTimeout

from .conftest import CHANNEL_ID, GROUP_ID, USER_ID


async def next_update(bot: telegram.Bot) -> telegram.Update:
    updates = await bot.get_updates(timeout=2)
    assert len(updates) == 1
    await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
    return updates[0]


async def test_long_poll_waits_for_an_injected_update(bot: telegram.Bot, sandbox: Sandbox) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.3)  # let the poll reach the server and wait there
    assert not poll.done()
    sandbox.send_text(USER_ID, USER_ID, "hello")
    updates = await asyncio.wait_for(poll, 3)
    assert 0.3 <= loop.time() - started < 3
    assert updates[0].message.text == "hello"
    assert updates[0].effective_user.id == USER_ID


async def test_users_carry_the_language_code_they_were_given(
    bot: telegram.Bot, sandbox: Sandbox
) -> None:
    sandbox.add_user(31, "Olha", language_code="uk")
    sandbox.add_user(32, "Pat", language_code=None)
    sandbox.send_text(31, 31, "привіт")
    assert (await next_update(bot)).effective_user.language_code == "uk"
    sandbox.send_text(32, 32, "hi")
    assert (await next_update(bot)).effective_user.language_code is None
    sandbox.send_text(USER_ID, USER_ID, "hello")
    assert (await next_update(bot)).effective_user.language_code == "en"


async def test_offset_confirms_updates(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.send_text(USER_ID, USER_ID, "one")
    sandbox.send_text(USER_ID, USER_ID, "two")
    first = await bot.get_updates(timeout=0)
    assert [u.message.text for u in first] == ["one", "two"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert rest == ()


async def test_command_has_bot_command_entity(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.send_command(GROUP_ID, USER_ID, "/search climate talks")
    message = (await next_update(bot)).message
    assert message.entities[0].type == "bot_command"
    assert message.parse_entity(message.entities[0]) == "/search"
    assert message.chat.type == "supergroup"


async def test_channel_post(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.channel_post(CHANNEL_ID, "Breaking news")
    update = await next_update(bot)
    assert update.message is None
    assert update.channel_post.text == "Breaking news"
    assert update.effective_chat.id == CHANNEL_ID


async def test_forward_origins_of_every_type(bot: telegram.Bot, sandbox: Sandbox) -> None:
    posted = datetime(2018, 7, 12, 9, 30, tzinfo=UTC)
    sandbox.add_user(8, "Bob")
    sandbox.forward_from_channel(USER_ID, USER_ID, CHANNEL_ID, 77, "Channel text", posted)
    sandbox.forward_from_user(USER_ID, USER_ID, 8, "User text", posted)
    sandbox.forward_hidden_user(USER_ID, USER_ID, "Hidden Person", "Hidden text", posted)
    sandbox.forward_from_chat(USER_ID, USER_ID, GROUP_ID, "Chat text", posted)
    origins = [u.message.forward_origin for u in await bot.get_updates(timeout=0)]
    assert isinstance(origins[0], telegram.MessageOriginChannel)
    assert (origins[0].chat.id, origins[0].message_id, origins[0].date) == (CHANNEL_ID, 77, posted)
    assert isinstance(origins[1], telegram.MessageOriginUser)
    assert origins[1].sender_user.first_name == "Bob"
    assert isinstance(origins[2], telegram.MessageOriginHiddenUser)
    assert origins[2].sender_user_name == "Hidden Person"
    assert isinstance(origins[3], telegram.MessageOriginChat)
    assert origins[3].sender_chat.id == GROUP_ID


async def test_document_update_and_download(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.send_document(USER_ID, USER_ID, "Привет".encode("cp1251"), "a.txt", "text/plain")
    document = (await next_update(bot)).message.document
    assert (document.file_name, document.mime_type, document.file_size) == (
        "a.txt",
        "text/plain",
        6,
    )
    data = await (await document.get_file()).download_as_bytearray()
    assert bytes(data).decode("cp1251") == "Привет"


async def test_callback_query_and_answer(bot: telegram.Bot, sandbox: Sandbox) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="pg:1:2")]])
    sent = await bot.send_message(USER_ID, "results", reply_markup=markup)
    with pytest.raises(SandboxError, match="has no button 'nope'"):
        sandbox.press_button(USER_ID, USER_ID, sent.message_id, "nope")
    query_id = sandbox.press_button(USER_ID, USER_ID, sent.message_id, "pg:1:2")
    query = (await next_update(bot)).callback_query
    assert (query.id, query.data, query.message.message_id) == (query_id, "pg:1:2", sent.message_id)
    assert await query.answer("Page 2")
    assert sandbox.callback_answers(query_id)["text"] == "Page 2"
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer()


async def test_callback_query_too_old() -> None:
    async with Sandbox(query_timeout=0.0) as sandbox:
        sandbox.add_user(USER_ID)
        async with telegram.Bot(sandbox.token, base_url=sandbox.base_url) as late_bot:
            sent = await late_bot.send_message(
                USER_ID,
                "x",
                reply_markup=InlineKeyboardMarkup.from_button(
                    InlineKeyboardButton("b", callback_data="d")
                ),
            )
            query_id = sandbox.press_button(USER_ID, USER_ID, sent.message_id, "d")
            with pytest.raises(BadRequest, match="Query is too old"):
                await late_bot.answer_callback_query(query_id)


async def test_inline_query_and_answer(bot: telegram.Bot, sandbox: Sandbox) -> None:
    query_id = sandbox.inline_query(USER_ID, "climate")
    query = (await next_update(bot)).inline_query
    assert (query.id, query.query, query.from_user.id) == (query_id, "climate", USER_ID)
    result = InlineQueryResultArticle(
        "a1", "Title", InputTextMessageContent("<b>Card</b>", parse_mode="HTML")
    )
    assert await query.answer([result], is_personal=True)
    answer = await sandbox.wait_for_answer(query_id)
    assert answer["is_personal"] is True
    assert [r["id"] for r in answer["results"]] == ["a1"]


async def test_inline_answer_with_bad_html_is_rejected(bot: telegram.Bot, sandbox: Sandbox) -> None:
    query_id = sandbox.inline_query(USER_ID, "x")
    bad = InlineQueryResultArticle(
        "a1", "T", InputTextMessageContent("<p>x</p>", parse_mode="HTML")
    )
    with pytest.raises(BadRequest, match="unsupported start tag"):
        await bot.answer_inline_query(query_id, [bad])
    assert sandbox.inline_answers(query_id) is None


async def test_my_chat_member_update(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.my_chat_member(GROUP_ID, USER_ID, "member", "administrator")
    updates = await bot.get_updates(timeout=0, allowed_updates=telegram.Update.ALL_TYPES)
    change = updates[0].my_chat_member
    assert (change.old_chat_member.status, change.new_chat_member.status) == (
        "member",
        "administrator",
    )
    member = await bot.get_chat_member(GROUP_ID, sandbox.bot_user["id"])
    assert member.status == "administrator"


async def test_allowed_updates_filters_kinds(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.channel_post(CHANNEL_ID, "post")
    sandbox.send_text(USER_ID, USER_ID, "text")
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"])
    assert [u.message.text for u in updates] == ["text"]


async def test_second_poller_conflicts_the_first(bot: telegram.Bot, sandbox: Sandbox) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5, read_timeout=10))
    await asyncio.sleep(0.3)  # let the first poll reach the server and wait there
    async with telegram.Bot(sandbox.token, base_url=sandbox.base_url) as other:
        await other.get_updates(timeout=0)
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_wait_for_messages_times_out_with_a_report(sandbox: Sandbox) -> None:
    with pytest.raises(SandboxTimeout, match="expected 1 new message"):
        await sandbox.wait_for_messages(USER_ID, timeout=0.05)
