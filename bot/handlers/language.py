"""/lang: the language the bot replies in, per chat.

``/lang`` alone shows the chat's language and one button per language; ``/lang de`` (or
``/lang Deutsch``) and a button set it. In a private chat the user decides; in a group or
channel only its administrators (:func:`bot.access.may_change_settings` for the command; a
button is checked against the person who pressed it, since anyone in the chat can press one).
The choice is stored in the library (``chats.language``) and the chat's command menu is
re-registered in the new language.
"""

from __future__ import annotations

import logging
import re

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.access import is_chat_admin, is_owner, may_change_settings
from bot.chat_records import chat_record
from bot.i18n import SUPPORTED_LANGUAGES, Language, Translator, find_language, translator
from bot.i18n.language_replies import (
    LANG_COMMAND_DESCRIPTION,
    admins_only_text,
    current_language_text,
    language_set_text,
    unknown_language_text,
)
from bot.replies import COMMAND_UPDATES, reply
from bot.reply_language import remember_chosen_language, update_translator
from bot.services import App, BotContext

__all__ = [
    "CALLBACK_PREFIX",
    "COMMANDS",
    "LANGUAGE_CHARS",
    "choose_language",
    "language_buttons",
    "language_command",
    "register",
]

log = logging.getLogger(__name__)

COMMANDS: list[tuple[str, str]] = [("lang", LANG_COMMAND_DESCRIPTION)]

CALLBACK_PREFIX = "lang"
_CALLBACK = re.compile(rf"^{CALLBACK_PREFIX}:([a-z]{{2,3}})$")
#: A requested language is echoed back at most this long.
LANGUAGE_CHARS = 32
_BUTTONS_PER_ROW = 3


def language_buttons(current: str) -> InlineKeyboardMarkup:
    """One button per language, each named in itself, the current one ticked."""
    buttons = [
        InlineKeyboardButton(
            f"✓ {language.name}" if language.code == current else language.name,
            callback_data=f"{CALLBACK_PREFIX}:{language.code}",
        )
        for language in SUPPORTED_LANGUAGES
    ]
    rows = [
        buttons[start : start + _BUTTONS_PER_ROW]
        for start in range(0, len(buttons), _BUTTONS_PER_ROW)
    ]
    return InlineKeyboardMarkup(rows)


async def _store_choice(
    update: Update, context: BotContext, chat: Chat, language: Language
) -> Translator:
    """Store the chat's language, re-register its menu in it, return its translator."""
    services = context.services
    user = update.effective_user
    await services.library.upsert_chat(
        chat_record(chat, telegram_language=user.language_code if user else None)
    )
    await services.library.set_chat_language(chat.id, language.code)
    remember_chosen_language(services, chat.id, language.code)
    chosen = translator(language.code)
    commands = [
        BotCommand(command, chosen.gettext(description))
        for command, description in services.commands
    ]
    try:
        await context.bot.set_my_commands(commands, scope=BotCommandScopeChat(chat.id))
    except TelegramError:  # the menu is a convenience; the language is set all the same
        log.warning("could not set the command menu of chat %s", chat.id, exc_info=True)
    log.info("chat %s now speaks %s", chat.id, language.code)
    return chosen


async def language_command(update: Update, context: BotContext) -> None:
    """``/lang`` shows the language and the buttons; ``/lang <language>`` sets it."""
    chat = update.effective_chat
    if chat is None:
        return
    t = await update_translator(update, context)
    requested = " ".join(context.args or [])
    if not requested:
        await reply(
            update, current_language_text(t), reply_markup=language_buttons(t.language.code)
        )
        return
    language = find_language(requested)
    if language is None:
        await reply(
            update,
            unknown_language_text(t, requested[:LANGUAGE_CHARS]),
            reply_markup=language_buttons(t.language.code),
        )
        return
    if not await may_change_settings(update, context):
        await reply(update, admins_only_text(t))
        return
    await reply(update, language_set_text(await _store_choice(update, context, chat, language)))


async def _may_press(update: Update, context: BotContext) -> bool:
    """Whether the person who pressed a language button may change the chat's language."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    return is_owner(context.services.config, user.id) or await is_chat_admin(
        context, chat.id, user.id
    )


async def choose_language(update: Update, context: BotContext) -> None:
    """A language button: set the language and turn the message into the confirmation."""
    callback = update.callback_query
    if callback is None:
        return
    match = _CALLBACK.match(callback.data or "")
    language = find_language(match.group(1)) if match else None
    chat = update.effective_chat
    if language is None or chat is None:
        await callback.answer()
        return
    if not await _may_press(update, context):
        t = await update_translator(update, context)
        await callback.answer(admins_only_text(t), show_alert=True)
        return
    chosen = await _store_choice(update, context, chat, language)
    await callback.answer()
    if isinstance(callback.message, Message):
        try:
            await callback.message.edit_text(language_set_text(chosen))
            return
        except TelegramError:
            log.debug("could not edit the language buttons", exc_info=True)
    await context.bot.send_message(chat.id, language_set_text(chosen))


def register(application: App) -> None:
    application.add_handler(CommandHandler("lang", language_command, filters=COMMAND_UPDATES))
    application.add_handler(CallbackQueryHandler(choose_language, pattern=f"^{CALLBACK_PREFIX}:"))
