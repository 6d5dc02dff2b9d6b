"""The real python-telegram-bot ``Bot`` against the sandbox over HTTP: answers and errors."""

from __future__ import annotations

import httpx
import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter

from bot.sandbox import Sandbox

from .conftest import CHANNEL_ID, GROUP_ID, USER_ID


async def test_get_me_is_the_sandbox_bot(bot: telegram.Bot, sandbox: Sandbox) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.id == sandbox.bot_user["id"]
    assert me.username == sandbox.bot_user["username"]


async def test_send_html_with_keyboard_is_parsed_and_recorded(
    bot: telegram.Bot, sandbox: Sandbox
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="pg:7:2")]])
    message = await bot.send_message(
        USER_ID, "<b>Héadline</b> 🏟 &lt;ok&gt;", parse_mode=ParseMode.HTML, reply_markup=markup
    )
    assert message.text == "Héadline 🏟 <ok>"
    assert message.entities[0].type == "bold"
    assert (message.entities[0].offset, message.entities[0].length) == (0, 8)
    assert message.from_user.id == sandbox.bot_user["id"]
    assert message.reply_markup == markup
    sent = sandbox.messages_to(USER_ID)[-1]
    assert sent.html == "<b>Héadline</b> 🏟 &lt;ok&gt;"
    assert sent.text == "Héadline 🏟 <ok>"
    assert sent.buttons == [{"text": "More", "callback_data": "pg:7:2"}]
    assert sandbox.rejected == []


async def test_message_ids_count_per_chat(bot: telegram.Bot) -> None:
    first = await bot.send_message(USER_ID, "one")
    second = await bot.send_message(USER_ID, "two")
    in_group = await bot.send_message(GROUP_ID, "three")
    assert second.message_id == first.message_id + 1
    assert in_group.message_id == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<foo>x</foo>", 'Can\'t parse entities: unsupported start tag "foo" at byte offset 0'),
        ("<b>open", "Can't parse entities: can't find end tag corresponding to start tag \"b\""),
        ("a" * 4097, "Message is too long"),
        ("   ", "Message text is empty"),
    ],
)
async def test_bad_text_surfaces_as_bad_request(
    bot: telegram.Bot, sandbox: Sandbox, text: str, message: str
) -> None:
    with pytest.raises(BadRequest) as raised:
        await bot.send_message(USER_ID, text, parse_mode=ParseMode.HTML)
    assert raised.value.message == message
    assert sandbox.rejected[-1]["method"] == "sendMessage"
    assert sandbox.rejected[-1]["error"]["description"].startswith("Bad Request: ")
    assert sandbox.sent == []


async def test_long_callback_data_is_button_data_invalid(bot: telegram.Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(USER_ID, "text", reply_markup=markup)


async def test_unknown_chat_is_chat_not_found(bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(777, "hello")


async def test_channel_by_username(bot: telegram.Bot) -> None:
    message = await bot.send_message("@newsroom", "post")
    assert message.chat.id == CHANNEL_ID
    assert message.sender_chat.id == CHANNEL_ID


async def test_retry_after_from_injected_429(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.fail_next(1, method="sendMessage", retry_after=3)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(USER_ID, "hello")
    assert "Retry in 3 seconds" in str(raised.value)
    assert sandbox.rejected[-1]["error"]["parameters"] == {"retry_after": 3}
    assert (await bot.send_message(USER_ID, "again")).text == "again"


async def test_blocked_chat_is_forbidden(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.block_chat(USER_ID)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(USER_ID, "hello")
    assert await bot.send_message(GROUP_ID, "others unaffected")


async def test_bot_removed_from_group_is_forbidden(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.set_member(GROUP_ID, sandbox.bot_user["id"], "kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(GROUP_ID, "hello")


async def test_migrated_group_answers_migrate_to_chat_id(
    bot: telegram.Bot, sandbox: Sandbox
) -> None:
    sandbox.add_chat(-555, "group", title="Old")
    sandbox.migrate_chat(-555, -1005550000000)
    with pytest.raises(ChatMigrated) as raised:
        await bot.send_message(-555, "hello")
    assert raised.value.new_chat_id == -1005550000000
    assert (await bot.send_message(-1005550000000, "hello")).chat.type == "supergroup"


async def test_edit_text_and_not_modified(bot: telegram.Bot, sandbox: Sandbox) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="pg:1:2")]])
    message = await bot.send_message(USER_ID, "page 1", reply_markup=markup)
    edited = await bot.edit_message_text(
        "<i>page 2</i>", USER_ID, message.message_id, parse_mode="HTML", reply_markup=markup
    )
    assert edited.text == "page 2"
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<i>page 2</i>", USER_ID, message.message_id, parse_mode="HTML", reply_markup=markup
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", USER_ID, 999)
    assert [sent.method for sent in sandbox.messages_to(USER_ID)] == [
        "sendMessage",
        "editMessageText",
    ]


async def test_edit_reply_markup_and_delete(bot: telegram.Bot, sandbox: Sandbox) -> None:
    message = await bot.send_message(USER_ID, "x")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", url="https://example.com")]])
    edited = await bot.edit_message_reply_markup(USER_ID, message.message_id, reply_markup=markup)
    assert edited.reply_markup == markup
    assert await bot.delete_message(USER_ID, message.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(USER_ID, message.message_id)


async def test_reply_to_missing_message_is_rejected(bot: telegram.Bot, sandbox: Sandbox) -> None:
    incoming = sandbox.send_text(USER_ID, USER_ID, "question")
    reply = await bot.send_message(USER_ID, "answer", reply_to_message_id=incoming["message_id"])
    assert reply.reply_to_message.text == "question"
    assert sandbox.sent[-1].reply_to_message_id == incoming["message_id"]
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(USER_ID, "answer", reply_to_message_id=999)


async def test_thread_id_needs_a_forum(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.add_chat(-1001111, "supergroup", title="Forum", is_forum=True)
    message = await bot.send_message(-1001111, "in topic", message_thread_id=5)
    assert message.message_thread_id == 5
    assert sandbox.sent[-1].thread_id == 5
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(GROUP_ID, "x", message_thread_id=5)


async def test_chat_members_and_administrators(bot: telegram.Bot, sandbox: Sandbox) -> None:
    sandbox.add_user(7, "Admin")
    sandbox.set_member(GROUP_ID, 7, "administrator")
    admin = await bot.get_chat_member(GROUP_ID, 7)
    assert admin.status == "administrator"
    assert admin.can_delete_messages
    assert (await bot.get_chat_member(GROUP_ID, USER_ID)).status == "left"
    admins = await bot.get_chat_administrators(GROUP_ID)
    assert [member.user.id for member in admins] == [7]
    me = await bot.get_chat_member(CHANNEL_ID, sandbox.bot_user["id"])
    assert me.status == "administrator"
    assert me.can_post_messages
    chat = await bot.get_chat(CHANNEL_ID)
    assert chat.title == "News"


async def test_channel_without_post_rights_refuses_sends(
    bot: telegram.Bot, sandbox: Sandbox
) -> None:
    sandbox.set_member(CHANNEL_ID, sandbox.bot_user["id"], "administrator", can_post_messages=False)
    with pytest.raises(BadRequest, match="Need administrator rights in the channel chat"):
        await bot.send_message(CHANNEL_ID, "x")


async def test_commands_round_trip_and_validation(bot: telegram.Bot) -> None:
    await bot.set_my_commands([("search", "Search the library"), ("help", "Help")])
    assert [c.command for c in await bot.get_my_commands()] == ["search", "help"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Search", "Bad name")])
    await bot.set_my_commands([("search", "Поиск по библиотеке")], language_code="ru")
    assert [c.description for c in await bot.get_my_commands(language_code="ru")] == [
        "Поиск по библиотеке"
    ]
    assert [c.command for c in await bot.get_my_commands()] == ["search", "help"]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    assert len(await bot.get_my_commands(language_code="ru")) == 1


async def test_chat_action_and_webhook(bot: telegram.Bot) -> None:
    assert await bot.send_chat_action(USER_ID, "typing")
    assert await bot.set_webhook("https://example.com/hook", secret_token="s")
    assert (await bot.get_webhook_info()).url == "https://example.com/hook"
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""


async def test_document_upload_and_download(bot: telegram.Bot, sandbox: Sandbox) -> None:
    message = await bot.send_document(
        USER_ID, b"article body", filename="a.txt", caption="<b>c</b>", parse_mode="HTML"
    )
    assert message.document.file_name == "a.txt"
    assert message.caption == "c"
    data = await (await bot.get_file(message.document.file_id)).download_as_bytearray()
    assert bytes(data) == b"article body"


async def test_file_over_20_mb_is_too_big(bot: telegram.Bot, sandbox: Sandbox) -> None:
    message = sandbox.send_document(USER_ID, USER_ID, b"x", "big.txt", declared_size=21_000_000)
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(message["document"]["file_id"])


async def test_wrong_token_and_unknown_method(sandbox: Sandbox) -> None:
    async with httpx.AsyncClient() as client:
        wrong = await client.post(f"{sandbox.base_url}123:wrong/getMe")
        unknown = await client.post(f"{sandbox.base_url}{sandbox.token}/getNothing")
        lower = await client.get(f"{sandbox.base_url}{sandbox.token}/getme")
        as_json = await client.post(
            f"{sandbox.base_url}{sandbox.token}/sendMessage",
            json={"chat_id": USER_ID, "text": "<b>json</b>", "parse_mode": "HTML"},
        )
    assert (wrong.status_code, wrong.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert unknown.status_code == 404
    assert unknown.json()["description"] == "Not Found"
    assert lower.json()["result"]["id"] == sandbox.bot_user["id"]
    assert as_json.json()["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 4}]
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with telegram.Bot("123:wrong", base_url=sandbox.base_url):
            pass


async def test_flood_limits_answer_429_with_retry_after() -> None:
    async with Sandbox(enforce_flood_limits=True) as sandbox:
        sandbox.add_user(USER_ID)
        async with telegram.Bot(sandbox.token, base_url=sandbox.base_url) as bot:
            with pytest.raises(RetryAfter) as raised:
                for number in range(10):
                    await bot.send_message(USER_ID, f"message {number}")
    assert "Retry in 1 seconds" in str(raised.value)
    assert sandbox.rejected[-1]["error"]["parameters"]["retry_after"] >= 1
    assert len(sandbox.sent) == 3
