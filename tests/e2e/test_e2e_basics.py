"""/start, /help and unknown commands, through the real Application and the sandbox."""

from __future__ import annotations

import json

from bot.handlers import all_commands
from bot.handlers.basics import QUERY_EXAMPLES
from bot.render import escape_text

from .conftest import GROUP_ID, USER_ID, BotEnv


async def test_start_in_private_chat_explains_the_bot(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/start")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert "library of news articles" in answer.text
    assert "/help" in answer.text
    assert bot_env.sandbox.rejected == []


async def test_help_lists_every_command_and_the_query_language(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/help")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    for command, description in all_commands():
        assert f"/{command} — {description}" in answer.text
    for example, _meaning in QUERY_EXAMPLES:
        assert escape_text(example) in answer.html
    assert "@digest_sandbox_bot words" in answer.text
    assert bot_env.sandbox.rejected == []


async def test_the_command_menu_is_the_help_list(bot_env: BotEnv) -> None:
    [call] = [
        c for c in bot_env.sandbox.calls("setMyCommands") if "language_code" not in c["params"]
    ]
    menu = [
        (entry["command"], entry["description"]) for entry in json.loads(call["params"]["commands"])
    ]
    assert menu == all_commands()
    assert {"start", "help", "search", "latest", "article", "follow", "settings"} <= dict(
        menu
    ).keys()


async def test_commands_addressed_to_the_bot_work_in_groups(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(GROUP_ID, USER_ID, "/start@digest_sandbox_bot")
    [answer] = await bot_env.sandbox.wait_for_messages(GROUP_ID)
    assert "this chat's library" in answer.text
    assert bot_env.sandbox.rejected == []


async def test_unknown_command_gets_a_hint(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/frobnicate <b>now</b>")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text == "I don't know the command /frobnicate. /help lists the commands I know."
    assert bot_env.sandbox.rejected == []


async def test_unknown_commands_for_other_bots_are_ignored_in_groups(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(GROUP_ID, USER_ID, "/frobnicate@other_bot")
    bot_env.sandbox.send_command(GROUP_ID, USER_ID, "/frobnicate")
    bot_env.sandbox.send_command(GROUP_ID, USER_ID, "/frobnicate@digest_sandbox_bot")
    [answer] = await bot_env.sandbox.wait_for_messages(GROUP_ID)
    assert "/frobnicate" in answer.text
    assert len(bot_env.sandbox.messages_to(GROUP_ID)) == 1
