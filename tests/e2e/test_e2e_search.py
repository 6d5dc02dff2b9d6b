"""Search from chats: /search, short private text, the "More" button, hostile queries, isolation."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

import pytest

from bot.handlers.search import EXPIRED
from bot.intake.classify import SEARCH_TEXT_MAX_CHARS, is_search_text
from tests.library_backend import execute

from .conftest import GROUP_ID, OTHER_GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

StoreArticle = Callable[..., Awaitable[int]]


async def _store_summit(env: BotEnv, store: StoreArticle, chat_id: int) -> int:
    return await store(
        env,
        chat_id,
        "Ministers agree on a climate summit",
        "Delegates met in Brussels on Thursday. The talks lasted nine hours.",
        lead_quote="We will cut emissions by half before the decade ends",
        quote_speaker="Jane Doe",
        source_url="https://example.org/summit",
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [("summit", "headline"), ("emissions", "lead quote"), ("Brussels", "body")],
)
async def test_search_finds_a_word_of_each_field(
    bot_env: BotEnv, store_article: StoreArticle, query: str, field: str
) -> None:
    article_id = await _store_summit(bot_env, store_article, USER_ID)
    bot_env.sandbox.send_command(USER_ID, USER_ID, f"/search {query}")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert "Ministers agree on a climate summit" in answer.text, field
    assert f"#{article_id}" in answer.text
    assert '<a href="https://example.org/summit">' in answer.html
    assert f"<b>{query}</b>" in answer.html  # the match is highlighted in the snippet
    assert bot_env.sandbox.rejected == []


async def test_short_private_text_is_a_search(bot_env: BotEnv, store_article: StoreArticle) -> None:
    await _store_summit(bot_env, store_article, USER_ID)
    bot_env.sandbox.send_text(USER_ID, USER_ID, "climate summits")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith("Results 1–1 for “climate summits”")
    assert bot_env.sandbox.rejected == []


def test_search_text_and_article_text_split_exactly() -> None:
    assert is_search_text("a" * (SEARCH_TEXT_MAX_CHARS - 1))
    assert not is_search_text("a" * SEARCH_TEXT_MAX_CHARS)
    assert not is_search_text("headline\nsecond line")
    assert is_search_text("  words with a trailing newline\n")
    assert not is_search_text("https://example.org/news/1")
    assert not is_search_text("   ")


async def test_more_pages_through_twelve_results(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    for number in range(12):
        await store_article(bot_env, USER_ID, f"Budget story number {number}")
    sandbox = bot_env.sandbox
    sandbox.send_command(USER_ID, USER_ID, "/search budget")
    [first] = await sandbox.wait_for_messages(USER_ID)
    assert first.text.startswith("Results 1–5 for “budget”")
    [button] = first.buttons
    assert button["text"] == "More" and button["callback_data"].endswith(":5")
    assert len(button["callback_data"].encode()) <= 64

    query_id = sandbox.press_button(USER_ID, USER_ID, first.message_id, button["callback_data"])
    [second] = await sandbox.wait_for_messages(USER_ID)
    assert (await sandbox.wait_for_answer(query_id))["text"] is None
    assert second.text.startswith("Results 6–10 for “budget”")
    assert not second.is_edit
    [button] = second.buttons

    sandbox.press_button(USER_ID, USER_ID, second.message_id, button["callback_data"])
    [third] = await sandbox.wait_for_messages(USER_ID)
    assert third.text.startswith("Results 11–12 for “budget”")
    assert third.buttons == []

    shown = [
        line for page in (first, second, third) for line in page.text.splitlines() if "#" in line
    ]
    assert sorted(shown) == sorted(set(shown)) and len(shown) == 12
    assert sandbox.rejected == []


async def test_an_expired_search_is_answered_politely(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    for number in range(6):
        await store_article(bot_env, USER_ID, f"Harvest report {number}")
    sandbox = bot_env.sandbox
    sandbox.send_text(USER_ID, USER_ID, "harvest")
    [first] = await sandbox.wait_for_messages(USER_ID)
    execute(bot_env.library_target, "DELETE FROM searches")
    query_id = sandbox.press_button(
        USER_ID, USER_ID, first.message_id, first.buttons[0]["callback_data"]
    )
    answer = await sandbox.wait_for_answer(query_id)
    assert answer["text"] == EXPIRED
    assert len(sandbox.messages_to(USER_ID)) == 1
    assert sandbox.rejected == []


async def test_no_results_says_so_with_a_hint(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/search zebra <crossing> & co")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith("Nothing found for “zebra <crossing> & co”")
    assert bot_env.sandbox.rejected == []


async def test_search_without_words_explains_usage(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/search")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert "/search climate summit" in answer.text


def _random_unicode(length: int, seed: int = 4) -> str:
    generator = random.Random(seed)
    ranges = [(0x21, 0x7E), (0xA0, 0x2FFF), (0x3040, 0xD7FF), (0xE000, 0xFFFD), (0x1F300, 0x1FAFF)]
    chars = []
    while len(chars) < length:
        low, high = generator.choice(ranges)
        chars.append(chr(generator.randint(low, high)))
    return "".join(chars)


@pytest.mark.parametrize(
    "query",
    [
        'NEAR(" AND *',
        '"unbalanced quote summit',
        "'; DROP TABLE articles; --",
        "summit OR OR -* ^ : () {} NOT AND",
        _random_unicode(2000),
    ],
    ids=["near", "unbalanced-quote", "sql", "operators", "random-unicode"],
)
async def test_hostile_queries_are_always_answered(
    bot_env: BotEnv, store_article: StoreArticle, query: str
) -> None:
    await _store_summit(bot_env, store_article, USER_ID)
    bot_env.sandbox.send_command(USER_ID, USER_ID, f"/search {query}")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text.startswith(("Results", "Nothing found"))
    assert bot_env.sandbox.rejected == []
    assert len(await bot_env.library.latest(USER_ID)) == 1


async def test_a_groups_articles_are_not_found_elsewhere(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    await _store_summit(bot_env, store_article, GROUP_ID)
    sandbox = bot_env.sandbox
    sandbox.send_command(GROUP_ID, USER_ID, "/search summit")
    sandbox.send_command(OTHER_GROUP_ID, USER_ID, "/search@digest_sandbox_bot summit")
    sandbox.send_text(OTHER_USER_ID, OTHER_USER_ID, "summit")
    [in_group] = await sandbox.wait_for_messages(GROUP_ID)
    [in_other_group] = await sandbox.wait_for_messages(OTHER_GROUP_ID)
    [in_private] = await sandbox.wait_for_messages(OTHER_USER_ID)
    assert in_group.text.startswith("Results 1–1")
    assert in_other_group.text.startswith("Nothing found")
    assert in_private.text.startswith("Nothing found")
    assert sandbox.rejected == []


async def test_a_more_button_only_pages_in_its_own_chat(
    bot_env: BotEnv, store_article: StoreArticle
) -> None:
    for number in range(6):
        await store_article(bot_env, GROUP_ID, f"Election result {number}")
    await bot_env.library.follow(OTHER_GROUP_ID, GROUP_ID)
    sandbox = bot_env.sandbox
    sandbox.send_command(GROUP_ID, USER_ID, "/search election")
    [first] = await sandbox.wait_for_messages(GROUP_ID)
    foreign_id = int(first.buttons[0]["callback_data"].split(":")[1])
    # The other group sees the same articles but did not make this search.
    assert await bot_env.library.get_search(foreign_id, OTHER_GROUP_ID) is None
    assert await bot_env.library.get_search(foreign_id, GROUP_ID) == "election"
