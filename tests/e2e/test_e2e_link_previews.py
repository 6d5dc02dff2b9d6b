"""Link previews: off everywhere by default, on everywhere with ``[telegram] link_previews``
(issue 12, item 12). ``/article N`` used to be the one message sent with previews on, and
inline results carried no setting at all."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from .conftest import USER_ID, BotEnv

StoreArticle = Callable[..., Awaitable[int]]
SOURCE = "https://example.org/news/harbour"


def preview_settings(env: BotEnv) -> dict[str, object]:
    """The link_preview_options of every message sent and of every inline result, by what
    carried it ("sendMessage", "answerInlineQuery")."""
    settings: dict[str, object] = {}
    for call in env.sandbox.calls():
        params = call["params"]
        if call["method"] == "sendMessage":
            settings.setdefault("sendMessage", []).append(
                json.loads(str(params.get("link_preview_options", "null")))
            )
        elif call["method"] == "answerInlineQuery":
            for result in json.loads(str(params["results"])):
                content = result["input_message_content"]
                settings.setdefault("answerInlineQuery", []).append(
                    content.get("link_preview_options")
                )
    return settings


async def exercise(env: BotEnv, store_article: StoreArticle) -> None:
    """A card for a pasted article, /article N, /latest, /digest and an inline query."""
    sandbox = env.sandbox
    article_id = await store_article(env, USER_ID, "Harbour reopens", source_url=SOURCE)
    sandbox.send_text(
        USER_ID,
        USER_ID,
        "Ferry timetable changes\n\nThe winter timetable of the island ferry starts on Monday, "
        "with two crossings fewer on weekdays.",
    )
    await sandbox.wait_for_messages(USER_ID)
    for command in (f"/article {article_id}", "/latest"):
        sandbox.send_command(USER_ID, USER_ID, command)
        [answer] = await sandbox.wait_for_messages(USER_ID)
        assert "Harbour reopens" in answer.text
    sandbox.send_command(USER_ID, USER_ID, "/digest")
    await sandbox.wait_for_messages(USER_ID)
    await sandbox.wait_for_answer(sandbox.inline_query(USER_ID, "harbour"))
    assert sandbox.rejected == []


async def test_previews_are_off_everywhere_by_default(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    await exercise(bot_env, store_article)
    settings = preview_settings(bot_env)
    assert settings["sendMessage"] == [{"is_disabled": True}] * 4
    assert settings["answerInlineQuery"] == [{"is_disabled": True}]


async def test_the_setting_turns_previews_on_everywhere(
    make_bot: Callable[..., Awaitable[BotEnv]], store_article: StoreArticle
) -> None:
    env = await make_bot(telegram={"link_previews": True})
    await exercise(env, store_article)
    settings = preview_settings(env)
    assert settings["sendMessage"] == [{"is_disabled": False}] * 4
    assert settings["answerInlineQuery"] == [{"is_disabled": False}]
