"""Build and run the telegram.ext.Application from the configuration.

Lifecycle (python-telegram-bot 22): ``initialize -> post_init -> start -> ... -> stop ->
post_shutdown``. ``post_init`` opens the library, builds the :class:`~bot.services.Services`
(once, here) and registers the command menu; the digest scheduler is installed there too,
because the JobQueue starts after ``post_init``. ``post_shutdown`` closes the library, so no
write is cut off while updates are still handled.

Updates go through the durable inbox (``bot.inbox``): the bot is an :class:`~bot.inbox.InboxBot`
built here rather than by the ApplicationBuilder, with the builder's own defaults (connection
pools of 256 for requests and 1 for getUpdates, PTB's timeouts), and ``post_init`` replays what
a previous run fetched but did not handle.

``digest-bot run --webhook`` may run as several processes on one database (README, "Running at
scale"): each joins the :class:`~bot.fleet.Fleet` (heartbeat, claims), receives updates through
:class:`~bot.webhook.DurableWebhook` (stored before Telegram is answered), takes over updates a
dead process left (:class:`~bot.webhook.OrphanSweep`) and draws its send rate from the pace all
processes share (:class:`~bot.send_pace.SharedPaceRateLimiter`). Polling mode is one process
per bot token: a second poller makes Telegram answer 409, which stops this one with
:class:`PollingConflictError`.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from telegram import Bot, BotCommand, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import Conflict, Forbidden, TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, Defaults, ExtBot, JobQueue
from telegram.request import HTTPXRequest

from bot import handlers, scheduler
from bot.access import ADMIN_CACHE_SECONDS, MEMBER_CACHE_ENTRIES
from bot.config import Config
from bot.fleet import Fleet
from bot.handlers.membership import CHAT_FACTS_SECONDS, SEEN_CHATS_LIMIT
from bot.health import ReadinessProbe, database_check, telegram_check
from bot.i18n import N_, SUPPORTED_LANGUAGES, Translator, translator
from bot.inbox import InboxBot, InboxUpdateProcessor, UpdateInbox
from bot.ingest_replies import QUOTA_WINDOW_S, IngestReplies
from bot.metered_limiter import MeteredRateLimiter
from bot.metrics import BotMetrics
from bot.monitoring import Monitoring, MonitoringEndpoints
from bot.ratelimit import SlidingWindowLimiter
from bot.replies import link_preview_options
from bot.reply_language import (
    CHOSEN_LANGUAGE_ENTRIES,
    CHOSEN_LANGUAGE_SECONDS,
    update_translator,
)
from bot.send_pace import (
    DatabasePace,
    PaceBackend,
    RedisPace,
    SendPace,
    SharedPaceRateLimiter,
)
from bot.services import (
    CONTEXT_TYPES,
    App,
    BotContext,
    ChosenLanguages,
    MemberCache,
    SeenChats,
    Services,
)
from bot.stories.matcher import LexicalStoryMatcher
from bot.update_types import allowed_updates, update_type
from bot.webhook import DurableWebhook, OrphanSweep, webhook_path
from storage.aio import AsyncLibrary
from storage.errors import StorageError

log = logging.getLogger(__name__)

#: Retries of a request Telegram answered with 429: the rate limiter waits retry_after each time.
RATE_LIMIT_RETRIES = 5
#: The overall pace of outgoing messages. Telegram allows about 30 a second; the limiter counts a
#: request when it leaves, Telegram when it arrives, so pacing at exactly 30/s in bursts of 30
#: turns any jitter in latency into a burst over the limit: a 429, after which the limiter
#: holds *every* request for the retry time (measured: 56-90 429s per 1,000 digests). A little
#: under the limit, in bursts of a few, Telegram's own bucket stays nearly full.
OVERALL_RATE_PER_S = 28.5
OVERALL_BURST = 3
#: Updates handled at once. Storage work runs on its own thread, so handlers mostly wait on I/O.
CONCURRENT_UPDATES = 16

#: Connection pools as ApplicationBuilder sizes them: requests run concurrently, polls one by one.
REQUEST_POOL_SIZE = 256
GET_UPDATES_POOL_SIZE = 1

APOLOGY = N_("Sorry, something went wrong on my side. Please try again in a minute.")


class TokenMissingError(Exception):
    """``digest-bot run`` was started without a bot token."""


class PollingConflictError(Exception):
    """Telegram answered 409 Conflict to ``getUpdates``: another process polls with this token."""


POLLING_CONFLICT = (
    "Telegram answered 409 Conflict: another process is polling for updates with this bot "
    "token, and Telegram gives updates to one poller only. Polling mode runs as one process "
    "per bot: stop the other one, or run several processes with `digest-bot run --webhook` "
    "behind one URL (README, Running at scale)."
)


def build_services(
    config: Config,
    library: AsyncLibrary,
    bot: Bot,
    inbox: UpdateInbox,
    metrics: BotMetrics | None = None,
    fleet: Fleet | None = None,
) -> Services:
    """The Services of one application: the library, the configuration, empty caches, the
    ``bot`` that sends coalesced replies, the update ``inbox``, ``metrics`` (the application's,
    which its rate limiter and update processor count in too; a fresh registry when not given)
    with the monitoring endpoints that serve them (no server started), and this process's
    ``fleet``."""
    per_hour = config.limits.ingest_per_hour
    metrics = metrics or BotMetrics()
    probe = ReadinessProbe({"database": database_check(library), "telegram": telegram_check(bot)})
    return Services(
        config=config,
        library=library,
        commands=tuple(handlers.all_commands()),
        member_cache=MemberCache(ADMIN_CACHE_SECONDS, MEMBER_CACHE_ENTRIES),
        seen_chats=SeenChats(CHAT_FACTS_SECONDS, SEEN_CHATS_LIMIT),
        chosen_languages=ChosenLanguages(CHOSEN_LANGUAGE_SECONDS, CHOSEN_LANGUAGE_ENTRIES),
        ingest_limiter=SlidingWindowLimiter(per_hour, QUOTA_WINDOW_S),
        ingest_replies=IngestReplies(bot, quota=per_hour),
        inbox=inbox,
        running_imports=set(),
        tick_lock=asyncio.Lock(),
        metrics=metrics,
        monitoring=Monitoring(MonitoringEndpoints(metrics, probe, library.inbox_size)),
        fleet=fleet,
    )


def build_application(config: Config, *, library: AsyncLibrary | None = None) -> App:
    """The configured Application; the library is opened in ``post_init`` unless one is given
    (then the caller closes it)."""
    if not config.telegram.token:
        raise TokenMissingError(
            "no bot token: create a bot with @BotFather in Telegram (/newbot), then set "
            "DIGEST_BOT_TOKEN=<token> or [telegram] token in config.toml. "
            "To try the bot without a token, run: digest-bot try"
        )
    inbox = UpdateInbox()
    metrics = BotMetrics()
    bot: ExtBot[Any] = InboxBot(
        token=config.telegram.token,
        base_url=config.telegram.base_url,
        base_file_url=config.telegram.base_file_url,
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=link_preview_options(config.telegram.link_previews),
        ),
        rate_limiter=MeteredRateLimiter(_rate_limiter(config), metrics),
        request=HTTPXRequest(connection_pool_size=REQUEST_POOL_SIZE),
        get_updates_request=HTTPXRequest(connection_pool_size=GET_UPDATES_POOL_SIZE),
        inbox=inbox,
    )
    application: App = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(CONTEXT_TYPES)
        .job_queue(JobQueue[BotContext]())
        .concurrent_updates(InboxUpdateProcessor(inbox, CONCURRENT_UPDATES, metrics))
        .post_init(
            partial(_post_init, config=config, inbox=inbox, library=library, metrics=metrics)
        )
        .post_stop(_post_stop)
        .post_shutdown(partial(_post_shutdown, owns_library=library is None))
        .build()
    )
    handlers.register_all(application)
    application.add_error_handler(_on_error)
    return application


def _rate_limiter(config: Config) -> AIORateLimiter:
    """This process's pace in polling mode; in webhook mode, where several processes may run,
    the pace they all share (a little under Telegram's 30 messages a second in both)."""
    if config.telegram.mode == "webhook":
        backend: PaceBackend = (
            RedisPace(config.scale.redis_url, bot_id=config.telegram.token.split(":", 1)[0])
            if config.scale.redis_url
            else DatabasePace(config.storage.target)
        )
        pace = SendPace(backend, rate=OVERALL_RATE_PER_S, burst=OVERALL_BURST)
        return SharedPaceRateLimiter(pace, max_retries=RATE_LIMIT_RETRIES)
    return AIORateLimiter(
        overall_max_rate=OVERALL_BURST,
        overall_time_period=OVERALL_BURST / OVERALL_RATE_PER_S,
        max_retries=RATE_LIMIT_RETRIES,
    )


async def _post_init(
    application: App,
    *,
    config: Config,
    inbox: UpdateInbox,
    library: AsyncLibrary | None,
    metrics: BotMetrics,
) -> None:
    if library is None:
        library = await AsyncLibrary.open(
            config.storage.target,
            public_sources=config.library.public_sources,
            stories=LexicalStoryMatcher.for_window(config.stories.window_hours),
        )
    fleet = Fleet(library, config.telegram.mode, config.scale.lease_seconds)
    await fleet.join()
    services = build_services(config, library, application.bot, inbox, metrics, fleet)
    application.bot_data.attach(services)
    if config.metrics.port:
        await services.monitoring.start_server(config.metrics.host, config.metrics.port)
    inbox.attach(library)
    if config.telegram.mode == "polling":
        await inbox.replay(application)
    await _register_command_menus(application, services)
    scheduler.install(application)


async def _post_stop(application: App) -> None:
    """Send the coalesced replies still waiting while the bot can still send."""
    if application.bot_data.is_ready:
        await application.bot_data.services.ingest_replies.aclose()


async def _register_command_menus(application: App, services: Services) -> None:
    """The command menu in every language (Telegram shows a user the one of their app's
    language), and in ``[bot] default_language`` for everyone else."""
    default = services.config.bot.default_language
    for code in [None, *(language.code for language in SUPPORTED_LANGUAGES)]:
        t = translator(code or default)
        await application.bot.set_my_commands(
            [BotCommand(command, t.gettext(text)) for command, text in services.commands],
            language_code=code,
        )


async def _post_shutdown(application: App, *, owns_library: bool) -> None:
    """Stop serving metrics and release this process's claims (every update is handled or
    back in the inbox by now), then close the library post_init opened (one a caller passed in
    is the caller's to close)."""
    if not application.bot_data.is_ready:
        return
    services = application.bot_data.services
    await services.monitoring.aclose()
    if services.fleet is not None:
        await services.fleet.leave()
    if owns_library:
        await services.library.aclose()


async def _on_error(update: object, context: BotContext) -> None:
    """Log with the traceback first, then tell the user briefly (never silence, never internals)."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=context.error)
    if context.bot_data.is_ready:
        context.services.metrics.handler_error(update_type(update) if update else "job")
    if not isinstance(update, Update) or isinstance(context.error, Forbidden):
        return
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.CHANNEL:
        return
    message = update.effective_message
    try:
        apology = (await _apology_translator(update, context)).gettext(APOLOGY)
        if update.callback_query is not None:
            await update.callback_query.answer(apology[:200], show_alert=True)
        else:
            # In a forum group the apology belongs in the topic the user wrote in.
            thread_id = message.message_thread_id if message and message.is_topic_message else None
            await context.bot.send_message(
                chat.id, html.escape(apology), message_thread_id=thread_id
            )
    except TelegramError:
        log.warning("could not send the apology for update %s", update_id, exc_info=True)


def requested_updates(application: App) -> list[str]:
    """The update types to ask Telegram for: those the registered handlers use."""
    return allowed_updates(handler for group in application.handlers.values() for handler in group)


def run(config: Config) -> None:
    """Run the bot until a stop signal: long polling, or a webhook server when configured."""


async def _apology_translator(update: Update, context: BotContext) -> Translator:
    """The chat's language, or the default one when what failed was the library itself."""
    try:
        return await update_translator(update, context)
    except StorageError:
        return translator(context.services.config.bot.default_language)


async def serve(config: Config) -> None:
    """Run the bot until this task is cancelled: long polling, or a webhook server when configured.

    Cancelling is the way to stop it, at any moment, start-up included (the CLI cancels it on
    SIGINT and SIGTERM): whatever had started is then stopped as ``run_polling`` would stop it.
    ``run_polling`` itself is not used because a stop signal during its start-up abandons the
    request in flight and fails (exit 1) instead of stopping.

    Raises:
        PollingConflictError: in polling mode, Telegram answered 409 (another poller).
    """
    application = build_application(config)
    stopped: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_conflict(error: Conflict) -> None:
        if not stopped.done():
            stopped.set_exception(PollingConflictError(f"{POLLING_CONFLICT} ({error.message})"))

    webhook: WebhookMode | None = None
    try:
        if config.telegram.mode == "webhook":
            webhook = await start_with_webhook(application, config)
        else:
            await start_application(application, on_conflict=on_conflict)
        await stopped  # set only by a polling conflict: otherwise runs until cancelled
    finally:
        if webhook is not None:
            await webhook.stop()
        await stop_application(application)


class WebhookMode:
    """What webhook mode runs besides the Application: the server and the orphan sweep."""

    def __init__(self, server: DurableWebhook, sweep: OrphanSweep) -> None:
        self.server = server
        self.sweep = sweep

    async def stop(self) -> None:
        """Stop receiving and sweeping; the Application is stopped after this."""
        await self.server.stop()
        await self.sweep.stop()


async def start_with_webhook(application: App, config: Config) -> WebhookMode:
    """Start the Application with :class:`~bot.webhook.DurableWebhook` instead of polling.

    Order matters: the orphaned updates are queued first (they are older than anything Telegram
    sends next), the server listens before Telegram is told the webhook (every process of the
    bot sets the same URL, secret and update types), and the Application processes the queue
    from then on.
    """
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    fleet = application.bot_data.services.fleet
    if fleet is None:
        raise RuntimeError("the application was built without bot.app.build_application")
    sweep = OrphanSweep(application, fleet)
    await sweep.sweep()
    tg = config.telegram
    server = DurableWebhook(
        application,
        fleet,
        listen=tg.webhook_listen,
        port=tg.webhook_port,
        path=webhook_path(tg.webhook_url),
        secret=tg.webhook_secret,
    )
    await server.start()
    mode = WebhookMode(server, sweep)
    try:
        await application.bot.set_webhook(
            url=tg.webhook_url,
            secret_token=tg.webhook_secret,
            allowed_updates=requested_updates(application),
        )
        await application.start()
        sweep.start()
    except BaseException:
        await mode.stop()
        raise
    return mode


async def start_application(
    application: App,
    *,
    poll_timeout: int = 10,
    on_conflict: Callable[[Conflict], None] | None = None,
) -> None:
    """Start polling inside an already running event loop (tests, ``digest-bot try``).

    Mirrors ``run_polling``: initialize, post_init, start the updater, then the application.
    ``on_conflict`` is called when Telegram answers 409 (another poller); the Updater keeps
    retrying meanwhile, so it should stop the bot. Other polling errors are logged.
    """
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    if application.updater is None:
        raise RuntimeError("the application was built without an Updater; it cannot poll")

    def polling_error(error: TelegramError) -> None:
        if isinstance(error, Conflict):
            log.error(POLLING_CONFLICT)
            if on_conflict is not None:
                if isinstance(application.bot, InboxBot):
                    application.bot.stop_fetching()  # leave the other poller alone
                on_conflict(error)
            return
        log.error("error while polling for updates; retrying", exc_info=error)

    await application.updater.start_polling(
        poll_interval=0,
        timeout=poll_timeout,
        allowed_updates=requested_updates(application),
        error_callback=polling_error,
    )
    await application.start()


async def stop_application(application: App) -> None:
    """Undo :func:`start_application`, or as much of it as ran, in the order of ``run_polling``."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
        if application.post_stop:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)
