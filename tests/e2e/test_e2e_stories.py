"""Stories through the real Application and the sandbox: a digest with a three-source story,
/story, search collapsing a story into one hit with paging intact, inline mode one result per
story, and a story with a version the chat cannot see."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Awaitable, Callable

import pytest

from bot.render import to_plain_text

from .conftest import CHANNEL_ID, GROUP_ID, OTHER_GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv
from .story_membership import join_story

StoreArticle = Callable[..., Awaitable[int]]
MakeBot = Callable[..., Awaitable[BotEnv]]
PUBLISHED = dt.datetime(2026, 3, 28, 6, 0, tzinfo=dt.UTC)


async def _store_port_strike(
    env: BotEnv, store: StoreArticle, chats: tuple[int, int, int]
) -> list[int]:
    """The same strike reported by Wire (first, without a quote), the Herald and a channel post,
    stored into ``chats`` in that order and joined into one story; returns their ids."""
    wire = await store(
        env,
        chats[0],
        "Port strike halts grain exports",
        "Dock workers stopped loading ships at dawn.",
        published=PUBLISHED,
        source_title="Wire",
        source_url="https://wire.example/strike",
    )
    herald = await store(
        env,
        chats[1],
        "Dockers walk out, grain exports stop",
        "Grain exports stopped as dock workers walked out.",
        published=PUBLISHED + dt.timedelta(hours=2),
        lead_quote="We will not load a single ship until the talks resume",
        quote_speaker="union leader Ana Costa",
        source_title="Herald",
        source_url="https://herald.example/dockers",
    )
    post = await store(
        env,
        chats[2],
        "Strike at the grain port enters second hour",
        "The strike at the port goes on.",
        published=PUBLISHED + dt.timedelta(hours=3),
        lead_quote="Talks resume on Monday at the ministry",
        quote_speaker="the ministry",
        source_title="Port Channel",
        source_url="https://t.me/portchannel/77",
    )
    join_story(env.library_target, wire, herald, post)
    return [wire, herald, post]


async def _story_id(env: BotEnv, article_id: int) -> int:
    article = await env.library.get_article(article_id, viewer_chat_id=None)
    assert article is not None and article.story_id is not None
    return article.story_id


async def test_a_digest_shows_a_three_source_story_as_one_entry(
    make_bot: MakeBot, store_article: StoreArticle
) -> None:
    env = await make_bot(digest={"tick_seconds": 1})
    env.sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    env.sandbox.send_command(GROUP_ID, USER_ID, "/subscribe")
    await env.sandbox.wait_for_messages(GROUP_ID)
    await store_article(env, GROUP_ID, "Library reopens after a long renovation")
    wire, herald, post = await _store_port_strike(env, store_article, (GROUP_ID,) * 3)
    story = await _story_id(env, wire)
    [sub] = await env.library.list_subscriptions(GROUP_ID)
    await env.library.reschedule(sub.id, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))

    [digest] = await env.sandbox.wait_for_messages(GROUP_ID, timeout=10)
    text = digest.text
    assert "2 new stories (4 articles)" in text.splitlines()[0]
    # The Herald's is the earliest complete version: it leads, the others are "also:" links.
    assert text.index("1. Dockers walk out, grain exports stop") < text.index("2. Library")
    assert "We will not load a single ship" in text
    assert "Port strike halts" not in text and "enters second hour" not in text
    assert f"also: Wire, Port Channel · /story_{story}" in text
    assert '<a href="https://wire.example/strike">Wire</a>' in digest.html
    assert '<a href="https://t.me/portchannel/77">Port Channel</a>' in digest.html

    # Tapping /story_N in the group lists every version, oldest first.
    env.sandbox.send_command(GROUP_ID, USER_ID, f"/story_{story}")
    [versions] = await env.sandbox.wait_for_messages(GROUP_ID)
    assert versions.text.startswith(f"Story #{story} · 3 versions")
    order = [versions.text.index(f"· #{article}") for article in (wire, herald, post)]
    assert order == sorted(order)
    assert "06:00" in versions.text and "Wire" in versions.text
    assert '<a href="https://herald.example/dockers">Dockers walk out' in versions.html
    assert env.sandbox.rejected == []


async def test_a_story_shows_only_what_the_chat_sees(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    """The Wire version sits in a group the user's chat does not follow: the digest, /story
    and search neither show, link nor count it."""
    await bot_env.library.follow(USER_ID, CHANNEL_ID)
    wire, herald, post = await _store_port_strike(
        bot_env, store_article, (OTHER_GROUP_ID, USER_ID, CHANNEL_ID)
    )
    # The hidden Wire version is also the story's first article: it must not lead either.
    story = await _story_id(bot_env, herald)
    sandbox = bot_env.sandbox

    sandbox.send_command(USER_ID, USER_ID, "/digest")
    [preview] = await sandbox.wait_for_messages(USER_ID)
    assert "1 new story (2 articles)" in preview.text
    assert f"also: Port Channel · /story_{story}" in preview.text
    assert "Wire" not in preview.text and "wire.example" not in preview.html

    sandbox.send_command(USER_ID, USER_ID, f"/story {story}")
    [versions] = await sandbox.wait_for_messages(USER_ID)
    assert versions.text.startswith(f"Story #{story} · 2 versions")
    assert f"· #{wire}" not in versions.text and "Port strike halts" not in versions.text

    sandbox.send_command(USER_ID, USER_ID, "/search grain")
    [results] = await sandbox.wait_for_messages(USER_ID)
    assert results.text.startswith("Results 1–1 for")
    assert f"+1 more · /story_{story}" in results.text

    # A chat that sees none of it is told what it would be told of a story that never existed.
    sandbox.send_command(OTHER_USER_ID, OTHER_USER_ID, f"/story_{story}")
    [hidden] = await sandbox.wait_for_messages(OTHER_USER_ID)
    sandbox.send_command(OTHER_USER_ID, OTHER_USER_ID, "/story_987654")
    [unknown] = await sandbox.wait_for_messages(OTHER_USER_ID)
    assert hidden.text == unknown.text.replace("987654", str(story))
    assert hidden.text.startswith(f"There is no story #{story} here.")
    assert sandbox.rejected == []


async def test_search_collapses_a_story_and_pages_by_stories(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    """Twelve matching articles, four of them one story: nine results, five then four, each
    story once, and the story says how many more versions it has."""
    ids = [await store_article(bot_env, USER_ID, f"Budget story number {n}") for n in range(12)]
    story = join_story(bot_env.library_target, ids[2], ids[5], ids[8], ids[11])
    sandbox = bot_env.sandbox
    sandbox.send_command(USER_ID, USER_ID, "/search budget")
    [first] = await sandbox.wait_for_messages(USER_ID)
    assert first.text.startswith("Results 1–5 for “budget”")
    [button] = first.buttons
    assert button["callback_data"].endswith(":5")
    sandbox.press_button(USER_ID, USER_ID, first.message_id, button["callback_data"])
    [second] = await sandbox.wait_for_messages(USER_ID)
    assert second.text.startswith("Results 6–9 for “budget”")
    assert second.buttons == []

    both = first.text + second.text
    shown = [int(number) for number in re.findall(r"#(\d+)", both)]
    assert len(shown) == len(set(shown)) == 9
    assert len(set(shown) & {ids[2], ids[5], ids[8], ids[11]}) == 1
    assert both.count(f"+3 more · /story_{story}") == 1
    assert sandbox.rejected == []


async def test_inline_mode_shows_one_result_per_story(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    ids = [await store_article(bot_env, USER_ID, f"Budget vote {n}") for n in range(30)]
    join_story(bot_env.library_target, ids[0], *ids[1:6])
    sandbox = bot_env.sandbox
    first = await sandbox.wait_for_answer(sandbox.inline_query(USER_ID, "budget"))
    assert len(first["results"]) == 20 and first["next_offset"] == "20"
    second = await sandbox.wait_for_answer(sandbox.inline_query(USER_ID, "budget", "20"))
    assert len(second["results"]) == 5 and second["next_offset"] == ""
    shown = [int(result["id"]) for result in first["results"] + second["results"]]
    assert len(set(shown)) == 25
    assert len(set(shown) & set(ids[:6])) == 1
    [story_result] = [r for r in first["results"] + second["results"] if int(r["id"]) in ids[:6]]
    assert "+5 more" in story_result["description"]

    latest = await sandbox.wait_for_answer(sandbox.inline_query(USER_ID, ""))
    latest_ids = [int(result["id"]) for result in latest["results"]]
    assert len(latest_ids) == 20 and len(set(latest_ids) & set(ids[:6])) <= 1
    assert sandbox.rejected == []


async def test_story_usage_help_and_menu(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.send_command(USER_ID, USER_ID, "/story")
    [usage] = await sandbox.wait_for_messages(USER_ID)
    assert usage.text.startswith("Which story? Give its number")
    sandbox.send_command(USER_ID, USER_ID, "/help")
    [help_reply] = await sandbox.wait_for_messages(USER_ID)
    assert "/story — Every version of a story" in help_reply.text
    # A tapped command addressed to another bot in a group is not ours to answer.
    sandbox.send_command(GROUP_ID, USER_ID, "/story_1@another_bot")
    await asyncio.sleep(0.5)
    assert sandbox.messages_to(GROUP_ID) == []
    sandbox.send_command(GROUP_ID, USER_ID, f"/story_1@{bot_env.application.bot.username}")
    [ours] = await sandbox.wait_for_messages(GROUP_ID)
    assert ours.text.startswith("There is no story #1 here.")
    assert to_plain_text(usage.html or "") == usage.text


@pytest.mark.parametrize("command", ["/story abc", "/story 1 2", "/story 0"])
async def test_a_bad_story_number_gets_the_usage(bot_env: BotEnv, command: str) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, command)
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith("Which story?")


async def test_wire_copy_from_three_outlets_becomes_one_digest_entry_by_itself(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    """No explicit joining: the story rules the bot runs with put the same wire copy, carried
    by three outlets, into one story, and /digest shows it once with the other two as "also:"."""
    headline = "Port strike halts grain exports as dock workers walk out over pay"
    lead = (
        "Dock workers at the country's largest grain port walked out at dawn on Tuesday, "
        "halting exports after talks over pay and night shifts collapsed late on Monday."
    )
    ids = [
        await store_article(
            bot_env,
            USER_ID,
            headline,
            f"{lead} The union said the strike would last until an agreement is signed.",
            lead=lead,
            published=PUBLISHED + dt.timedelta(minutes=10 * number),
            lead_quote="We will not load a single ship until the talks resume",
            source_title=outlet,
            source_url=f"https://{outlet.lower()}.example/strike",
            content_hash=f"wire-copy-{outlet}",
        )
        for number, outlet in enumerate(["Wire", "Herald", "Courier"])
    ]
    stories = {(await bot_env.library.get_article(i, viewer_chat_id=None)).story_id for i in ids}
    assert len(stories) == 1
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/digest")
    [preview] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert "1 new story (3 articles)" in preview.text
    assert preview.text.count(headline) == 1
    assert f"also: Herald, Courier · /story_{stories.pop()}" in preview.text
