"""`/import @channel`: a channel administrator sends the channel's export to the bot.

The export (``result.json`` or a zip of the export folder) arrives in a private chat, with
``/import @channel`` as its caption or as a reply to it. The user must administer that channel and
the bot must be in it. The file is downloaded and imported in the background
(``application.create_task``) by :func:`bot.intake.export.store_export` (parsing off the event
loop, one transaction per batch), and progress is edited into one message at most every
:data:`PROGRESS_INTERVAL_S` seconds; the summary follows as a new message. Exports over the Bot
API download limit are answered with the CLI route, which has no size limit.
"""

from __future__ import annotations

import html
import logging
import re
import time
from dataclasses import dataclass

from telegram import ChatFullInfo, Document, Message, Update, User
from telegram.constants import ChatMemberStatus, ChatType, FileSizeLimit
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.access import chat_member, is_chat_admin, may_use_private_chat
from bot.chat_records import chat_record
from bot.i18n import N_, LocalizedError, Translator
from bot.intake.article import SourceKind
from bot.intake.export import IngestTally, SkipReason, store_export
from bot.intake.export_file import ChatExport, HistoryError
from bot.reply_language import update_translator
from bot.services import App, BotContext

__all__ = ["COMMANDS", "ImportRefused", "PROGRESS_INTERVAL_S", "USAGE", "on_import", "register"]

log = logging.getLogger(__name__)

COMMANDS = [("import", N_("Import a channel's history: send its export with /import @channel"))]
#: Least time between two edits of the progress message (edits are rate limited too).
PROGRESS_INTERVAL_S = 2.0
_RUNNING_KEY = "history.running_imports"
_EXPORT_SUFFIXES = (".json", ".zip")
_CAPTION_COMMAND = re.compile(r"^/import(?:@\w+)?(?:\s|$)", re.IGNORECASE)
_ABSENT = frozenset({ChatMemberStatus.LEFT, ChatMemberStatus.BANNED})

USAGE = N_(
    "To import a channel's history: in Telegram Desktop open the channel, choose "
    "⋮ › Export chat history, format <b>JSON</b>. Send me the <code>result.json</code> (or the "
    "zipped export folder) with the caption <code>/import @channel</code>, or reply to the file "
    "with that command."
)


#: How the import summary names each reason a message of the export was skipped.
_SKIP_REASONS: dict[str, str] = {
    SkipReason.SERVICE: N_("service messages"),
    SkipReason.POLL: N_("polls"),
    SkipReason.NO_TEXT: N_("no text"),
    SkipReason.MALFORMED: N_("malformed messages"),
}


class ImportRefused(LocalizedError):
    """The import cannot start; the message (Telegram HTML, fields escaped) tells the user why."""


@dataclass(frozen=True, slots=True)
class _Job:
    """What the background import needs: the target chat, the file and whom to tell."""

    t: Translator  # the language of the chat the import reports to
    channel: ChatFullInfo
    document: Document
    user_id: int
    reply_chat_id: int
    progress: Message


def _command_argument(message: Message) -> str | None:
    text = message.text if message.text is not None else message.caption or ""
    parts = text.split()
    return parts[1] if len(parts) >= 2 else None


def _export_document(message: Message) -> Document | None:
    if message.document is not None:
        return message.document
    replied = message.reply_to_message
    return replied.document if replied is not None else None


def _name(chat: ChatFullInfo) -> str:
    return f"@{chat.username}" if chat.username else chat.title or str(chat.id)


def _target_ref(argument: str) -> int | str:
    try:
        return int(argument)
    except ValueError:
        return argument if argument.startswith("@") else f"@{argument}"


async def _check(
    context: BotContext, message: Message, user: User
) -> tuple[ChatFullInfo, Document]:
    """The channel and the export file, once every rule of the command holds."""
    if message.chat.type != ChatType.PRIVATE:
        raise ImportRefused(N_("Send /import to me in a private chat, with the export attached."))
    if not may_use_private_chat(context.services.config, user.id):
        raise ImportRefused(N_("Sorry, this bot is private."))
    argument = _command_argument(message)
    document = _export_document(message)
    if argument is None or document is None:
        raise ImportRefused(USAGE)
    if not (document.file_name or "").lower().endswith(_EXPORT_SUFFIXES):
        raise ImportRefused(
            N_("That is not a chat export: send the <code>result.json</code> or the zip.")
        )
    try:
        channel = await context.bot.get_chat(_target_ref(argument))
    except (BadRequest, Forbidden):
        raise ImportRefused(
            N_(
                "I cannot find {chat}: give the channel's @username, and add me to the channel "
                "first."
            ),
            chat=html.escape(argument),
        ) from None
    name = html.escape(_name(channel))
    if not await is_chat_admin(context, channel.id, user.id):
        raise ImportRefused(
            N_("Only an administrator of {chat} can import its history."), chat=name
        )
    me = await chat_member(context, channel.id, context.bot.id)
    if me is None or me.status in _ABSENT:
        raise ImportRefused(N_("Add me to {chat} first, then send it again."), chat=name)
    if document.file_size is None or document.file_size > FileSizeLimit.FILESIZE_DOWNLOAD:
        raise ImportRefused(
            N_(
                "This export is larger than the {megabytes} MB bots may download. Import it on "
                "the server instead:\n<code>digest-bot ingest result.json --chat {chat}</code>"
            ),
            megabytes=FileSizeLimit.FILESIZE_DOWNLOAD // 1_000_000,
            chat=name,
        )
    return channel, document


async def on_import(update: Update, context: BotContext) -> None:
    """Check the request, then start the import in the background."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        # Only messages reach this handler; one without a sender (a channel's, an
        # anonymous admin's) cannot be checked for rights over the channel.
        log.debug("/import without a sender in chat %s ignored", update.effective_chat)
        return
    t = await update_translator(update, context)
    try:
        channel, document = await _check(context, message, user)
    except ImportRefused as refusal:
        await message.reply_text(refusal.in_language(t))
        return
    running = context.services.running_imports
    name = html.escape(_name(channel))
    if channel.id in running:
        await message.reply_text(
            t.gettext("An import into {chat} is already running; wait for its summary.", chat=name)
        )
        return
    progress = await message.reply_text(t.gettext("Downloading the export of {chat}…", chat=name))
    running.add(channel.id)
    job = _Job(t, channel, document, user.id, message.chat_id, progress)
    context.application.create_task(_import_in_background(job, context), update=update)


def _progress_text(
    t: Translator, channel: ChatFullInfo, export: ChatExport, tally: IngestTally
) -> str:
    return t.gettext(
        "Importing {chat}: {percent} read, {stored} stored, {duplicates} already there…",
        chat=html.escape(_name(channel)),
        percent=t.format_percent(export.bytes_read / max(export.total_bytes, 1)),
        stored=t.format_number(tally.stored),
        duplicates=t.format_number(tally.duplicates),
    )


def _summary(t: Translator, tally: IngestTally) -> str:
    """The import's counts in ``t``'s language (plain text; the CLI has its own, in English)."""
    lines = [
        t.gettext("stored: {count}", count=t.format_number(tally.stored)),
        t.gettext(
            "duplicates (already in the library): {count}",
            count=t.format_number(tally.duplicates),
        ),
    ]
    for label, counts in (
        (N_("skipped: {count} ({reasons})"), tally.skipped),
        (N_("refused: {count} ({reasons})"), tally.refused),
    ):
        if counts:
            reasons = ", ".join(
                f"{t.known_message(_SKIP_REASONS.get(reason, reason))} {t.format_number(n)}"
                for reason, n in counts.most_common()
            )
            lines.append(
                t.gettext(label, count=t.format_number(sum(counts.values())), reasons=reasons)
            )
    return "\n".join(lines)


async def _edit(message: Message, text: str) -> None:
    """Edit the progress message; a failed edit never stops the import."""
    try:
        await message.edit_text(text)
    except BadRequest as error:
        log.debug("progress edit refused: %s", error)


async def _store_export(job: _Job, context: BotContext, data: bytes, tally: IngestTally) -> None:
    """Store the export through intake, editing the progress message at most every
    :data:`PROGRESS_INTERVAL_S` seconds; what was stored is counted in the metrics, also when
    the import stops half-way."""
    edited_at = time.monotonic()

    async def report_progress(export: ChatExport) -> None:
        nonlocal edited_at
        if time.monotonic() - edited_at >= PROGRESS_INTERVAL_S:
            await _edit(job.progress, _progress_text(job.t, job.channel, export, tally))
            edited_at = time.monotonic()

    try:
        await store_export(
            context.services.library,
            data,
            label=job.document.file_name or "the export",
            chat=chat_record(job.channel),
            submitted_by=job.user_id,
            tally=tally,
            after_batch=report_progress,
        )
    finally:
        metrics = context.services.metrics
        metrics.article_stored(SourceKind.IMPORT, count=tally.stored)
        metrics.article_stored(SourceKind.IMPORT, duplicate=True, count=tally.duplicates)


async def _import_in_background(job: _Job, context: BotContext) -> None:
    """Download, import and report; what was stored before a fault stays stored."""
    tally = IngestTally()
    t = job.t
    name = html.escape(_name(job.channel))
    failure: str | None = None
    try:
        file = await job.document.get_file()
        data = bytes(await file.download_as_bytearray())
        await _store_export(job, context, data, tally)
    except HistoryError as error:
        failure = error.in_language(t)
    except Exception:
        # Telegram, the network or the database failed: say so where the user is looking
        # (the progress message would otherwise stay at "Downloading…"), then let the
        # application's error handler log it with its traceback.
        stopped = t.gettext(
            "Import of {chat}: stopped by an error after {stored} stored, {duplicates} already "
            "there. What was stored is kept; send the export again to import the rest.",
            chat=name,
            stored=t.format_number(tally.stored),
            duplicates=t.format_number(tally.duplicates),
        )
        try:
            await _edit(job.progress, stopped)
        except TelegramError as edit_error:  # the error being raised matters more
            log.warning("could not mark the import into %s stopped: %s", name, edit_error)
        raise
    finally:
        context.services.running_imports.discard(job.channel.id)
    summary = html.escape(_summary(t, tally))
    if failure is None:
        await _edit(job.progress, t.gettext("Import of {chat}: done.", chat=name))
        finished = t.gettext("<b>Import of {chat} finished.</b>", chat=name)
        text = f"{finished}\n{summary}"
    else:
        await _edit(job.progress, t.gettext("Import of {chat}: stopped.", chat=name))
        stopped_title = t.gettext("<b>Import of {chat} stopped.</b>", chat=name)
        text = f"{stopped_title}\n{html.escape(failure)}\n{summary}"
    await context.bot.send_message(job.reply_chat_id, text)


def register(application: App) -> None:
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE
            & filters.Document.ALL
            & filters.CaptionRegex(_CAPTION_COMMAND),
            on_import,
        )
    )
    application.add_handler(CommandHandler("import", on_import, filters=filters.UpdateType.MESSAGE))
