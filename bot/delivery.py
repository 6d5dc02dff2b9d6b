"""Delivering due digests: each part exactly once, whatever Telegram or the process does.

The window of a digest is fixed before its first part is sent: the articles the chat sees with
``cursor < id <= upper``, where ``upper`` is the newest article id when the digest's delivery
started, stored per (subscription, period) by :meth:`storage.Library.open_digest_window`.
Rendering is deterministic, so after a crash the digest is re-rendered into the same parts
(in the chat's language: only a chat that switched languages with /lang in between gets the
remaining parts packed afresh in the new one).
Each part is recorded in ``deliveries`` right after Telegram accepted it and skipped when
already recorded; the cursor moves to ``upper`` only when the last part is recorded.

What Telegram's refusals do:

* 429 is waited out by the Application's AIORateLimiter (``max_retries`` > 0); it should not
  happen: the limiter keeps a little under 30 messages/s overall (``bot.app``) and to 20/min
  per group or channel, and :class:`ChatPacer` to about one message a second per private
  chat, which the limiter does not know about (a long digest would otherwise burst);
* 403 (blocked, kicked) and a 400 that refuses the chat itself (chat not found, topic deleted
  or closed, no right to post: :func:`is_chat_refusal`) pause the subscription with the reason,
  keeping its settings; ``/subscribe`` again resumes it;
* any other 400 ("can't parse entities", "message is too long") is a fault of the message we
  rendered, not of the chat: it is logged with its traceback and the digest stays due, so the
  next tick tries again once the bug is fixed instead of silencing the chat for good;
* a group that became a supergroup: everything moves to the new chat id and the part is sent
  there;
* network errors and 5xx are retried with backoff; if they persist the subscription stays due
  and the next tick tries again. A timeout after Telegram accepted a message cannot be told
  apart from a lost request, so that one part may arrive twice: the only case that can.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from enum import StrEnum

from telegram import Bot, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.chat_pacer import ChatPacer
from bot.config import Config
from bot.fleet import PROCESS_OWNER
from bot.i18n import N_, Translator
from bot.metrics import BotMetrics
from bot.render import render_digest
from bot.reply_language import stored_chat_translator
from bot.schedule import (
    catch_up_decision,
    digest_period,
    next_due,
    previous_due,
    zone_from_name,
)
from storage.aio import AsyncLibrary
from storage.errors import SubscriptionNotFoundError
from storage.models import Article, Subscription

__all__ = [
    "MAX_DIGEST_ARTICLES",
    "NOTHING_IN_THE_PREVIEW_WINDOW",
    "PREVIEW_WINDOW",
    "PAUSED_FORBIDDEN",
    "PAUSED_REFUSED",
    "ChatPacer",
    "Outcome",
    "compose_digest",
    "deliver_due",
    "deliver_subscription",
    "delivery_period",
    "is_chat_refusal",
    "preview_parts",
    "recent_preview_parts",
    "send_part",
    "window_opened",
]

log = logging.getLogger(__name__)

#: A digest shows at most this many articles (the newest); the header says how many there were.
MAX_DIGEST_ARTICLES = 100
#: What ``/digest`` shows a chat without a subscription: the articles of this last stretch.
PREVIEW_WINDOW = dt.timedelta(hours=24)
NOTHING_IN_THE_PREVIEW_WINDOW = N_("Nothing arrived in the last 24 hours.")
#: Chats served at once by one tick; a slow or failing chat holds one slot, not the tick. Enough
#: to keep the rate limiter's 30/s busy while some chats wait out their own pace.
MAX_CONCURRENT_CHATS = 64
#: Attempts of one part on network errors and 5xx, waiting BACKOFF_SECONDS * 2**n in between.
SEND_ATTEMPTS = 3
BACKOFF_SECONDS = 1.0

#: Telegram's 400 descriptions (lower-cased fragments) that refuse the chat, not the message.
_CHAT_REFUSALS = (
    "chat not found",
    "peer_id_invalid",
    "message thread not found",
    "topic_deleted",
    "topic_closed",
    "not enough rights",
    "need administrator rights",
    "have no rights to send",
    "chat_write_forbidden",
    "chat_restricted",
    "chat_admin_required",
    "group chat was deactivated",
    "bot is not a member",
    "bot was kicked",
)


class Outcome(StrEnum):
    """What happened to one due subscription in a tick."""

    SENT = "sent"
    EMPTY = "empty"  # nothing new and [digest] send_empty is off: the cursor still moves
    SKIPPED = "skipped"  # too late to catch up: the window goes into the next digest
    PAUSED = "paused"
    RETRY_LATER = "retry later"
    REMOVED = "removed"  # unsubscribed while the digest was being delivered


def delivery_period(due_at: dt.datetime) -> str:
    """The key of one digest in ``deliveries`` and ``digest_windows``: its due moment in UTC.

    Not the local date: a subscription rescheduled on the same day (or a resumed one) may have
    two digests on one date, and each must be delivered in full.
    """
    return due_at.astimezone(dt.UTC).isoformat(timespec="seconds")


def compose_digest(
    t: Translator,
    articles: Sequence[Article],
    *,
    total: int,
    title_date: dt.date,
    send_empty: bool,
    story_commands: bool = True,
) -> list[str]:
    """The parts of a digest showing ``articles`` (newest first) out of ``total`` in its window,
    written in ``t``'s language.

    Returns no part when the window is empty, unless ``send_empty`` (then one part says that
    nothing is new). ``story_commands``: whether readers can send ``/story_N`` (not in a
    channel, where only administrators post).
    """
    if not articles and not send_empty:
        return []
    return render_digest(
        t, list(articles), title_date=title_date, total=total, story_commands=story_commands
    )


def window_opened(sub: Subscription) -> dt.datetime:
    """When the window of the subscription's next digest opened: its previous scheduled
    moment. Articles from feeds published before it (less their feed's interval) are old news
    for this digest (``storage.feed_window``)."""
    return previous_due(sub.local_time, sub.timezone, sub.weekdays, before=sub.next_due_at)


async def select_digest(
    library: AsyncLibrary, sub: Subscription, *, upper: int | None
) -> tuple[list[Article], int]:
    """The newest :data:`MAX_DIGEST_ARTICLES` articles of the digest window, and its size."""
    return await library.digest_selection(
        sub.chat_id,
        sub.cursor,
        query=sub.keywords,
        upper=upper,
        limit=MAX_DIGEST_ARTICLES,
        window_opened=window_opened(sub),
    )


async def preview_parts(
    t: Translator, library: AsyncLibrary, sub: Subscription, *, now: dt.datetime, label: str = ""
) -> list[str]:
    """What the subscription's next digest would hold now (``/digest``), in ``t``'s language:
    every matching article after its cursor, dated today in its zone; one "nothing new" part
    when there is none. ``label`` (Telegram HTML) heads every part: which subscription it is."""
    articles, total = await select_digest(library, sub, upper=None)
    today = now.astimezone(zone_from_name(sub.timezone)).date()
    return render_digest(t, articles, title_date=today, total=total, label=label)


async def recent_preview_parts(
    t: Translator,
    library: AsyncLibrary,
    chat_id: int,
    *,
    zone: str,
    now: dt.datetime,
    footer: str,
) -> list[str]:
    """What a daily digest of a chat without a subscription would hold now (``/digest``), in
    ``t``'s language: the articles it sees that arrived in the last :data:`PREVIEW_WINDOW`,
    dated today in ``zone``; the last part ends with ``footer`` (Telegram HTML: how to
    subscribe)."""
    cursor = await library.newest_id_before(now - PREVIEW_WINDOW)
    articles, total = await library.digest_selection(
        chat_id, cursor, upper=None, limit=MAX_DIGEST_ARTICLES
    )
    return render_digest(
        t,
        articles,
        title_date=now.astimezone(zone_from_name(zone)).date(),
        total=total,
        footer=footer,
        nothing_new=NOTHING_IN_THE_PREVIEW_WINDOW,
    )


async def send_part(
    bot: Bot, library: AsyncLibrary, chat_id: int, thread_id: int | None, text: str
) -> tuple[Message, int]:
    """Send one digest message; returns it and the chat id it finally went to.

    Network errors and 5xx are retried :data:`SEND_ATTEMPTS` times with exponential backoff.
    A group migrated to a supergroup is moved in the library and the message resent there.

    Raises:
        Forbidden: the chat refuses the bot (blocked, kicked).
        BadRequest: Telegram refuses this chat (:func:`is_chat_refusal`) or this message.
        RetryAfter: flood control outlasted the rate limiter's retries.
        NetworkError: the network or Telegram still failed after the last attempt.
    """
    for attempt in range(SEND_ATTEMPTS):
        try:
            message = await bot.send_message(chat_id, text, message_thread_id=thread_id)
            return message, chat_id
        except ChatMigrated as exc:
            log.info("chat %s became supergroup %s; moving it", chat_id, exc.new_chat_id)
            await library.migrate_chat(chat_id, exc.new_chat_id)
            chat_id = exc.new_chat_id
        except BadRequest:
            raise
        except NetworkError:
            if attempt == SEND_ATTEMPTS - 1:
                raise
            delay = BACKOFF_SECONDS * 2**attempt
            log.warning("sending a digest to %s failed; retrying in %.1f s", chat_id, delay)
            await asyncio.sleep(delay)
    # Reached only when the chat migrated on the last attempt: one more send at the new id.
    message = await bot.send_message(chat_id, text, message_thread_id=thread_id)
    return message, chat_id


def is_chat_refusal(error: BadRequest) -> bool:
    """Whether a 400 refuses the chat (gone, topic closed, no right to post) rather than the
    message we sent; only the former should pause a subscription."""
    description = error.message.lower()
    return any(fragment in description for fragment in _CHAT_REFUSALS)


#: Why a digest was paused, stored as the English message and shown in the reader's language
#: (Telegram's own description is logged: it is English whatever the chat speaks).
PAUSED_FORBIDDEN = N_("the bot cannot post here: it was blocked or removed")
PAUSED_REFUSED = N_("Telegram refuses the digest in this chat (no right to post, or topic closed)")


def _pause_reason(exc: Forbidden | BadRequest) -> str:
    return PAUSED_FORBIDDEN if isinstance(exc, Forbidden) else PAUSED_REFUSED


async def deliver_subscription(
    bot: Bot,
    library: AsyncLibrary,
    config: Config,
    sub: Subscription,
    *,
    now: dt.datetime,
    pacer: ChatPacer | None = None,
) -> Outcome:
    """Deliver the due digest of ``sub`` (its ``next_due_at`` is at or before ``now``), in the
    language of its chat (:func:`bot.reply_language.stored_chat_translator`).

    ``pacer`` spaces messages to one private chat; share one across the subscriptions of a
    tick (a new one is used when not given).

    A digest with parts already delivered is always finished, however late; otherwise one more
    than ``[digest] catch_up_hours`` late is skipped and its articles go into the next digest.
    Telegram's refusals are handled as the module docstring says; other errors propagate.
    """
    zone = zone_from_name(sub.timezone)
    period = delivery_period(sub.next_due_at)
    following = next_due(sub.local_time, zone, sub.weekdays, after=now)
    try:
        delivered = await library.delivered_parts(sub.id, period)
        late = catch_up_decision(sub.next_due_at, now, config.digest.catch_up_hours) == "skip"
        if late and not delivered:
            log.info("digest %s of subscription %s is too late; skipped", period, sub.id)
            await library.skip_digest(sub.id, period, following)
            return Outcome.SKIPPED
        upper = await library.open_digest_window(sub.id, period)
        articles, total = await select_digest(library, sub, upper=upper)
        chat = await library.get_chat(sub.chat_id)
        t = stored_chat_translator(chat, config)
        parts = compose_digest(
            t,
            articles,
            total=total,
            title_date=dt.date.fromisoformat(digest_period(sub.next_due_at, zone)),
            send_empty=config.digest.send_empty,
            story_commands=chat is None or chat.type != "channel",
        )
        chat_id = sub.chat_id
        pacer = pacer or ChatPacer()
        for number, text in enumerate(parts, start=1):
            if number in delivered:
                continue
            await pacer.wait_turn(chat_id)
            message, chat_id = await send_part(bot, library, chat_id, sub.thread_id, text)
            pacer.sent(chat_id)
            await library.record_delivery(sub.id, period, number, message.message_id)
        await library.complete_digest(sub.id, period, following)
    except SubscriptionNotFoundError:
        return Outcome.REMOVED
    except BadRequest as exc:
        if is_chat_refusal(exc):
            return await _pause(library, sub, exc)
        log.exception(
            "Telegram refused a part of digest %s of subscription %s; it stays due", period, sub.id
        )
        return Outcome.RETRY_LATER
    except Forbidden as exc:
        return await _pause(library, sub, exc)
    except (RetryAfter, NetworkError) as exc:
        log.warning("digest of subscription %s stays due: %s", sub.id, exc)
        return Outcome.RETRY_LATER
    return Outcome.SENT if parts else Outcome.EMPTY


async def _pause(library: AsyncLibrary, sub: Subscription, exc: Forbidden | BadRequest) -> Outcome:
    """Pause ``sub`` because Telegram refuses its chat; the reason is shown by /subscriptions."""
    log.warning("pausing subscription %s of chat %s: %s", sub.id, sub.chat_id, exc.message)
    try:
        await library.pause_subscription(sub.id, _pause_reason(exc))
    except SubscriptionNotFoundError:
        return Outcome.REMOVED
    return Outcome.PAUSED


def _by_chat(subs: Iterable[Subscription]) -> list[list[Subscription]]:
    """Group subscriptions by chat, keeping order: one chat's digests go out one after another."""
    groups: dict[int, list[Subscription]] = {}
    for sub in subs:
        groups.setdefault(sub.chat_id, []).append(sub)
    return list(groups.values())


async def deliver_due(
    bot: Bot,
    library: AsyncLibrary,
    config: Config,
    *,
    now: dt.datetime,
    metrics: BotMetrics | None = None,
    owner: str = PROCESS_OWNER,
) -> int:
    """Deliver every subscription due at ``now`` whose chat this process can claim: chats
    concurrently (at most :data:`MAX_CONCURRENT_CHATS` at once), each chat's subscriptions in
    order, messages to a private chat paced by one :class:`ChatPacer`. An error in one
    subscription is logged and does not stop the others. Returns how many were handled; each
    one's outcome is counted in ``metrics`` when given (``error`` for an unexpected exception).

    Chats are claimed for ``owner`` (``storage.claims``) a few at a time, topped up as soon as
    half the slots are free, so the rate limiter never runs dry and other processes share the
    rest: N processes running this at once deliver each digest once. The claims are held until
    the tick ends, so a chat whose digest stays due (network trouble) is not retried in the
    same tick, by this process or another; then the next tick of any process takes it.
    """
    slots = asyncio.Semaphore(MAX_CONCURRENT_CHATS)
    pacer = ChatPacer()
    lease = dt.timedelta(seconds=config.scale.lease_seconds)
    held: set[int] = set()  # chats claimed in this tick
    handled = 0

    async def serve(chat_subs: list[Subscription]) -> None:
        nonlocal handled
        async with slots:
            for listed in chat_subs:
                # Read it again: an earlier digest of this chat may have moved it to a new chat
                # id (migration), or a command removed or paused it since it was claimed.
                sub = await library.get_subscription(listed.id)
                handled += 1
                if sub is None or not sub.active or sub.next_due_at > now:
                    continue
                try:
                    outcome = await deliver_subscription(
                        bot, library, config, sub, now=now, pacer=pacer
                    )
                except Exception:
                    log.exception("delivering subscription %s failed; it stays due", sub.id)
                    if metrics is not None:
                        metrics.digest("error")
                    continue
                if metrics is not None:
                    metrics.digest(outcome)
                log.info("subscription %s: %s", sub.id, outcome)

    pending: set[asyncio.Task[None]] = set()
    try:
        while True:
            wanted = MAX_CONCURRENT_CHATS - len(pending)
            due = await library.claim_due_chats(
                now, owner, dt.datetime.now(dt.UTC) - lease, limit=wanted
            )
            groups = _by_chat(due)
            held.update(group[0].chat_id for group in groups)
            pending.update(asyncio.create_task(serve(group)) for group in groups)
            if not pending:
                break
            while pending and len(pending) > MAX_CONCURRENT_CHATS // 2:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                _raise_first_failure(done)
            if not groups:  # nothing more to claim now: finish what runs, then look once more
                done, pending = await asyncio.wait(pending)
                _raise_first_failure(done)
    finally:
        # A cancelled tick (the bot is stopping) or a failure: no chat goes on sending.
        for task in pending:
            task.cancel()
        if held:
            await asyncio.shield(library.release_chats(owner, held))
    return handled


def _raise_first_failure(done: set[asyncio.Task[None]]) -> None:
    """Re-raise what a finished chat task raised, as ``gather`` would."""
    for task in done:
        task.result()
