"""Cross-chat isolation, end to end: one chat's articles and digests stay out of other chats.

Desk A (the group ``GROUP_ID``) holds an article with a word found nowhere else. Bob is a member
of Desk B only. Through search, inline mode, ``/article``, ``/delete``, ``/digest``,
``/unsubscribe``, ``/follow`` and ``/subscribe @channel`` he learns nothing about Desk A, and
cannot make the bot read from or post into a chat he does not belong to. Where an answer could
tell "exists elsewhere" from "does not exist", the two answers are compared byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.sandbox import Sandbox
from storage.models import Chat, NewArticle

ANN, BOB = 1001, 1002
DESK_A, DESK_B = -1001000000001, -1001000000002
PRIVATE_CHANNEL = -1001000000006  # no username: only its members know it
SECRET = "quorvexlagoon"
NONEXISTENT_ID = 999_999
HEADLINE = f"Council hides the {SECRET} report"


@pytest.fixture
async def env(make_bot: Callable[..., Awaitable[Any]]) -> Any:
    started = await make_bot()
    sandbox: Sandbox = started.sandbox
    sandbox.set_member(DESK_A, ANN, "administrator")
    sandbox.set_member(DESK_B, BOB, "administrator")
    sandbox.add_chat(PRIVATE_CHANNEL, "channel", title="Board room")
    return started


async def _secret_article(env: Any, chat_id: int = DESK_A) -> int:
    headline = HEADLINE
    await env.library.upsert_chat(Chat(chat_id, "supergroup", title="Desk"))
    result = await env.library.add_article(
        NewArticle(
            chat_id=chat_id,
            headline=headline,
            body=f"{headline}. Nobody outside the desk should read this.",
            content_hash=hashlib.sha256(f"{chat_id}{headline}".encode()).hexdigest(),
            submitted_by=ANN,
        )
    )
    return result.article_id


async def _answer(sandbox: Sandbox, chat_id: int, user_id: int, text: str) -> str:
    """The bot's answer (Telegram HTML as sent) to a command."""
    sandbox.send_command(chat_id, user_id, text)
    [sent] = await sandbox.wait_for_messages(chat_id)
    assert sent.html is not None
    return sent.html


async def test_search_and_inline_mode_show_only_what_the_chat_sees(env: Any) -> None:
    sandbox: Sandbox = env.sandbox
    await _secret_article(env)
    assert HEADLINE in await _answer(sandbox, DESK_A, ANN, f"/search {SECRET}")  # control
    assert (await _answer(sandbox, DESK_B, BOB, f"/search {SECRET}")).startswith("Nothing found")
    sandbox.send_text(BOB, BOB, SECRET)  # short private text: a search of Bob's own library
    [private] = await sandbox.wait_for_messages(BOB)
    assert private.text.startswith("Nothing found")
    for user_id in (BOB, ANN):  # inline mode shows the user's private library: not Desk A's
        answer = await sandbox.wait_for_answer(sandbox.inline_query(user_id, SECRET))
        assert answer["results"] in ([], "[]"), answer
    assert sandbox.rejected == []


@pytest.mark.parametrize("command", ["article", "delete"])
async def test_another_chats_article_id_reads_like_a_missing_one(env: Any, command: str) -> None:
    sandbox: Sandbox = env.sandbox
    article_id = await _secret_article(env)
    elsewhere = await _answer(sandbox, DESK_B, BOB, f"/{command} {article_id}")
    await env.library.delete_article(article_id)
    missing = await _answer(sandbox, DESK_B, BOB, f"/{command} {article_id}")
    assert elsewhere == missing
    assert HEADLINE not in elsewhere
    assert sandbox.rejected == []


async def _subscribe(env: Any, chat_id: int) -> int:
    sub = await env.library.add_subscription(
        chat_id=chat_id,
        thread_id=None,
        local_time=dt.time(9),
        timezone="UTC",
        weekdays=frozenset(range(7)),
        keywords="",
        next_due_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
        created_by=None,
        cursor=0,
    )
    return sub.id


async def test_digests_hold_only_the_chats_own_articles(env: Any) -> None:
    sandbox: Sandbox = env.sandbox
    await _secret_article(env)
    await env.library.upsert_chat(Chat(DESK_B, "supergroup", title="Desk B"))
    await _subscribe(env, DESK_A)
    await _subscribe(env, DESK_B)
    assert HEADLINE in await _answer(sandbox, DESK_A, ANN, "/digest")  # control
    assert HEADLINE not in await _answer(sandbox, DESK_B, BOB, "/digest")
    assert sandbox.rejected == []


async def test_another_chats_subscription_id_reads_like_a_missing_one(env: Any) -> None:
    sandbox: Sandbox = env.sandbox
    await _secret_article(env)
    await env.library.upsert_chat(Chat(DESK_B, "supergroup", title="Desk B"))
    sub_id = await _subscribe(env, DESK_A)
    for command in ("digest", "unsubscribe"):
        elsewhere = await _answer(sandbox, DESK_B, BOB, f"/{command} {sub_id}")
        missing = await _answer(sandbox, DESK_B, BOB, f"/{command} {NONEXISTENT_ID}")
        assert elsewhere == missing.replace(str(NONEXISTENT_ID), str(sub_id))
        assert HEADLINE not in elsewhere
    assert [sub.id for sub in await env.library.list_subscriptions(DESK_A)] == [sub_id]
    assert sandbox.rejected == []


async def test_follow_reads_only_from_chats_the_user_belongs_to(env: Any) -> None:
    sandbox: Sandbox = env.sandbox
    await _secret_article(env, DESK_B)
    # Ann is not in Desk B (a group without a username): refused, worded as for no chat at all.
    refused = await _answer(sandbox, ANN, ANN, f"/follow {DESK_B}")
    unknown = await _answer(sandbox, ANN, ANN, "/follow -1009999999999")
    assert refused == unknown.replace("-1009999999999", str(DESK_B))
    hidden = await _answer(sandbox, ANN, ANN, f"/follow {PRIVATE_CHANNEL}")
    assert hidden == unknown.replace("-1009999999999", str(PRIVATE_CHANNEL))
    assert await env.library.following(ANN) == []
    sandbox.send_text(ANN, ANN, SECRET)
    [search] = await sandbox.wait_for_messages(ANN)
    assert search.text.startswith("Nothing found")
    # Control: Bob belongs to Desk B, so his private chat may follow it and then sees it.
    assert "Now following" in await _answer(sandbox, BOB, BOB, f"/follow {DESK_B}")
    assert HEADLINE in await _answer(sandbox, BOB, BOB, f"/search {SECRET}")
    assert [call["method"] for call in sandbox.rejected] == ["getChat"]  # the unknown id


@pytest.mark.parametrize(
    ("ann_status", "bot_rights", "refusal"),
    [
        ("member", {"can_post_messages": True}, "Only administrators of @newsroom"),
        ("left", {"can_post_messages": True}, "Only administrators of @newsroom"),
        ("administrator", {"can_post_messages": False}, "I can't post in @newsroom"),
    ],
    ids=["subscriber", "stranger", "bot-cannot-post"],
)
async def test_subscribe_channel_needs_its_admin_and_the_right_to_post(
    env: Any, ann_status: str, bot_rights: dict[str, bool], refusal: str
) -> None:
    sandbox: Sandbox = env.sandbox
    channel = -1001000000003  # @newsroom
    sandbox.set_member(channel, ANN, ann_status)
    sandbox.set_member(channel, sandbox.bot_user["id"], "administrator", **bot_rights)
    answer = await _answer(sandbox, ANN, ANN, "/subscribe @newsroom 09:00 UTC")
    assert answer.startswith(refusal)
    assert await env.library.list_subscriptions(channel) == []
    assert "Digest" not in await _answer(sandbox, ANN, ANN, "/digest @newsroom")
    assert sandbox.messages_to(channel) == []  # nothing was ever posted there
    assert sandbox.rejected == []
