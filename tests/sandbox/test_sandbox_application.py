"""A real python-telegram-bot Application, polling the sandbox, answers a command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, CommandHandler, ContextTypes

from bot.sandbox import Sandbox

USER_ID = 42


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_html(f"Hello, <b>{update.effective_user.first_name}</b>!")


def build_application(sandbox: Sandbox, *, rate_limiter: AIORateLimiter | None = None):
    builder = (
        ApplicationBuilder()
        .token(sandbox.token)
        .base_url(sandbox.base_url)
        .base_file_url(sandbox.base_file_url)
    )
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    application = builder.build()
    application.add_handler(CommandHandler("start", start))
    return application


async def test_application_replies_to_a_command_over_polling() -> None:
    async with Sandbox() as sandbox:
        sandbox.add_user(USER_ID, "Ann")
        application = build_application(sandbox)
        async with application:
            await application.start()
            await application.updater.start_polling(poll_interval=0, timeout=1)
            sandbox.send_command(USER_ID, USER_ID, "/start")
            [reply] = await sandbox.wait_for_messages(USER_ID, timeout=10)
            await application.updater.stop()
            await application.stop()
    assert reply.text == "Hello, Ann!"
    assert reply.entities == [{"type": "bold", "offset": 7, "length": 3}]
    assert sandbox.rejected == []


async def test_rate_limiter_retries_an_injected_429() -> None:
    async with Sandbox() as sandbox:
        sandbox.add_user(USER_ID, "Ann")
        sandbox.fail_next(1, method="sendMessage", retry_after=1)
        application = build_application(sandbox, rate_limiter=AIORateLimiter(max_retries=2))
        async with application:
            await application.start()
            await application.updater.start_polling(poll_interval=0, timeout=1)
            sandbox.send_command(USER_ID, USER_ID, "/start")
            [reply] = await sandbox.wait_for_messages(USER_ID, timeout=10)
            await application.updater.stop()
            await application.stop()
    assert reply.text == "Hello, Ann!"
    assert [r["error"]["error_code"] for r in sandbox.rejected] == [429]
