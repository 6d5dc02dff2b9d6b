"""Languages end to end: a user's Telegram language, /lang in groups, menus and digests per
language, through the real Application and the sandbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zoneinfo
from collections.abc import Awaitable, Callable

from bot.handlers import all_commands
from bot.i18n import translator
from bot.i18n.language_replies import admins_only_text, language_set_text

from ..digest.digest_articles import digest_article
from .conftest import GROUP_ID, OTHER_USER_ID, USER_ID, BotEnv

MakeBot = Callable[..., Awaitable[BotEnv]]
RUSSIAN_USER = 2001
SPANISH_USER = 2002


async def test_a_russian_user_gets_start_and_help_in_russian(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.add_user(RUSSIAN_USER, "Оля", language_code="ru")
    sandbox.send_command(RUSSIAN_USER, RUSSIAN_USER, "/start")
    [start] = await sandbox.wait_for_messages(RUSSIAN_USER)
    assert start.text.startswith("Привет! Я веду библиотеку новостных статей с поиском.")
    sandbox.send_command(RUSSIAN_USER, RUSSIAN_USER, "/help")
    [help_reply] = await sandbox.wait_for_messages(RUSSIAN_USER)
    assert help_reply.text.startswith("Команды\n/start — Что умеет этот бот")
    assert "/lang — Выбрать язык, на котором отвечает бот" in help_reply.text
    # The query words stay as they are; the examples are Russian.
    assert "путин OR трамп — любое из двух слов" in help_reply.text
    assert "since:2018-07-01 until:2018-07-31 — опубликованы в июле 2018 года" in help_reply.text
    # An English user next to them still gets English.
    sandbox.send_command(USER_ID, USER_ID, "/start")
    [english] = await sandbox.wait_for_messages(USER_ID)
    assert english.text.startswith("Hi! I keep a searchable library of news articles.")
    assert sandbox.rejected == []


async def test_errors_and_cards_speak_the_user_s_language(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.add_user(RUSSIAN_USER, "Оля", language_code="ru-RU")
    sandbox.send_command(RUSSIAN_USER, RUSSIAN_USER, "/article 99")
    [missing] = await sandbox.wait_for_messages(RUSSIAN_USER)
    assert missing.text == "Статьи #99 здесь нет. Самые новые — в /latest."
    sandbox.send_command(RUSSIAN_USER, RUSSIAN_USER, "/subscribe 25:00")
    [bad_time] = await sandbox.wait_for_messages(RUSSIAN_USER)
    assert bad_time.text.startswith("25:00 — это не время суток.")
    sandbox.send_command(RUSSIAN_USER, RUSSIAN_USER, "/frobnicate")
    [unknown] = await sandbox.wait_for_messages(RUSSIAN_USER)
    assert unknown.text == "Я не знаю команды /frobnicate. Команды, которые я знаю, — в /help."
    assert sandbox.rejected == []


async def test_lang_in_a_group_is_for_administrators(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/lang de")
    [refused] = await sandbox.wait_for_messages(GROUP_ID)
    assert refused.text == admins_only_text(translator("en"))
    assert (await bot_env.library.get_chat(GROUP_ID)).language is None

    sandbox.send_command(GROUP_ID, USER_ID, "/lang de")
    [done] = await sandbox.wait_for_messages(GROUP_ID)
    assert done.text == language_set_text(translator("de"))
    assert (await bot_env.library.get_chat(GROUP_ID)).language == "de"
    # Everyone in the group now reads German, whatever their own app's language.
    sandbox.send_command(GROUP_ID, OTHER_USER_ID, "/help@digest_sandbox_bot")
    [german] = await sandbox.wait_for_messages(GROUP_ID)
    assert german.text.startswith("Befehle\n/start — Was dieser Bot kann")
    # ... and the group's command menu is German too.
    [menu] = [
        call["params"]
        for call in sandbox.calls("setMyCommands")
        if json.loads(call["params"].get("scope", "{}")).get("chat_id") == GROUP_ID
    ]
    described = dict((e["command"], e["description"]) for e in json.loads(menu["commands"]))
    assert described["search"] == "In der Bibliothek suchen: /search Wörter"
    assert sandbox.rejected == []


async def test_lang_buttons(bot_env: BotEnv) -> None:
    sandbox = bot_env.sandbox
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    sandbox.send_command(USER_ID, USER_ID, "/lang")
    [shown] = await sandbox.wait_for_messages(USER_ID)
    assert shown.text == "I reply in English in this chat. Choose another language:"
    assert [b["text"] for b in shown.buttons] == [
        "✓ English",
        "Русский",
        "Українська",
        "Deutsch",
        "Français",
        "Español",
    ]
    query = sandbox.press_button(USER_ID, USER_ID, shown.message_id, "lang:uk")
    await sandbox.wait_for_answer(query)
    [edited] = await sandbox.wait_for_messages(USER_ID)
    assert edited.is_edit and edited.text == language_set_text(translator("uk"))
    sandbox.send_command(USER_ID, USER_ID, "/start")
    [ukrainian] = await sandbox.wait_for_messages(USER_ID)
    assert ukrainian.text.startswith("Привіт!")

    # In a group, a button pressed by someone who is not an administrator changes nothing.
    sandbox.send_command(GROUP_ID, USER_ID, "/lang")
    [buttons] = await sandbox.wait_for_messages(GROUP_ID)
    query = sandbox.press_button(GROUP_ID, OTHER_USER_ID, buttons.message_id, "lang:fr")
    answer = await sandbox.wait_for_answer(query)
    assert answer["text"] == admins_only_text(translator("en"))
    assert (await bot_env.library.get_chat(GROUP_ID)).language is None
    assert sandbox.rejected == []


async def test_unknown_language_offers_the_choices(bot_env: BotEnv) -> None:
    bot_env.sandbox.send_command(USER_ID, USER_ID, "/lang klingon")
    [answer] = await bot_env.sandbox.wait_for_messages(USER_ID)
    assert answer.text == "I can't reply in “klingon”. Choose one of these languages:"
    assert len(answer.buttons) == 6


async def test_command_menus_are_registered_per_language(bot_env: BotEnv) -> None:
    menus = {
        call["params"].get("language_code"): dict(
            (e["command"], e["description"]) for e in json.loads(call["params"]["commands"])
        )
        for call in bot_env.sandbox.calls("setMyCommands")
        if "scope" not in call["params"]
    }
    assert set(menus) == {None, "en", "ru", "uk", "de", "fr", "es"}
    assert menus[None] == dict(all_commands())
    assert menus["fr"]["help"] == "Commandes et syntaxe de recherche, avec des exemples"
    assert menus["uk"]["lang"] == "Вибрати мову, якою відповідає бот"


async def _deliver_now(env: BotEnv, chat_id: int) -> None:
    [sub] = await env.library.list_subscriptions(chat_id)
    await env.library.reschedule(sub.id, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))


async def test_a_digest_to_a_french_chat_has_french_dates_and_frame(make_bot: MakeBot) -> None:
    env = await make_bot(digest={"tick_seconds": 1})
    sandbox = env.sandbox
    sandbox.set_member(GROUP_ID, USER_ID, "administrator")
    sandbox.send_command(GROUP_ID, USER_ID, "/lang fr")
    await sandbox.wait_for_messages(GROUP_ID)
    sandbox.send_command(GROUP_ID, USER_ID, "/subscribe 09:00 Europe/Paris")
    [subscribed] = await sandbox.wait_for_messages(GROUP_ID)
    assert subscribed.text.startswith("Abonnement créé pour cette discussion\u00a0: #1\u00a0:")
    assert "tous les jours à 09:00 (Europe/Paris)" in subscribed.text
    article = dataclasses.replace(digest_article(GROUP_ID, 1), published=dt.date(2018, 7, 12))
    await env.library.add_article(article)
    await _deliver_now(env, GROUP_ID)
    [digest] = await sandbox.wait_for_messages(GROUP_ID, timeout=5)
    today = dt.datetime.now(dt.UTC).astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    title_date = translator("fr").format_date(today.date())
    assert digest.text.startswith(f"Revue de presse · {title_date} · 1 nouvel article")
    assert "12 juillet 2018 · news.example" in digest.text
    assert sandbox.rejected == []


async def test_a_private_digest_follows_the_user_s_telegram_language(make_bot: MakeBot) -> None:
    env = await make_bot(digest={"tick_seconds": 1})
    sandbox = env.sandbox
    sandbox.add_user(SPANISH_USER, "Lucía", language_code="es")
    sandbox.send_command(SPANISH_USER, SPANISH_USER, "/subscribe")
    [subscribed] = await sandbox.wait_for_messages(SPANISH_USER)
    assert subscribed.text.startswith("Suscripción creada para este chat: #1: a diario")
    # No update is at hand when the digest goes out: the language comes from the library.
    assert (await env.library.get_chat(SPANISH_USER)).telegram_language == "es"
    await env.library.add_article(digest_article(SPANISH_USER, 1))
    await env.library.add_article(digest_article(SPANISH_USER, 2))
    await _deliver_now(env, SPANISH_USER)
    [digest] = await sandbox.wait_for_messages(SPANISH_USER, timeout=5)
    assert digest.text.startswith("Resumen · ")
    assert "2 artículos nuevos" in digest.text and "fecha desconocida" in digest.text
    assert sandbox.rejected == []
