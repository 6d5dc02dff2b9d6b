"""The `/subscriptions` reply."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.schedule import UnknownTimeZoneError, format_weekdays, zone_from_name
from storage.models import Subscription

from .lists import fit_blocks
from .text import escape_text, field_html

__all__ = [
    "KEYWORDS_UNITS",
    "LABEL_ALL_ARTICLES",
    "LABEL_WITH_KEYWORDS",
    "REASON_UNITS",
    "subscription_label",
    "subscriptions_list",
]

KEYWORDS_UNITS = 200
REASON_UNITS = 200
LABEL_WITH_KEYWORDS = (
    "<i>Subscription #{id} · {time} {zone} · {weekdays} · keywords: {keywords}</i>"
)
LABEL_ALL_ARTICLES = "<i>Subscription #{id} · {time} {zone} · {weekdays} · all new articles</i>"


def _relative(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes <= 0:
        return "due now"
    if minutes < 60:
        return f"in {minutes} min"
    if minutes < 48 * 60:
        return f"in {minutes // 60} h"
    return f"in {minutes // (24 * 60)} days"


def _zone_of(sub: Subscription) -> dt.tzinfo:
    """The subscription's zone; UTC for a name this system's zone database lacks (a zone
    dropped by a tzdata update), so the list is still shown."""
    try:
        return zone_from_name(sub.timezone)
    except UnknownTimeZoneError:
        return dt.UTC


def _subscription_block(sub: Subscription, now: dt.datetime) -> str:
    keywords = field_html(sub.keywords, KEYWORDS_UNITS)
    lines = [
        f"<b>#{sub.id}</b> · {sub.local_time:%H:%M} {escape_text(sub.timezone)}"
        f" · {format_weekdays(sub.weekdays)}",
        f"keywords: {keywords}" if keywords else "all new articles",
    ]
    if sub.active and not sub.paused_reason:
        local = sub.next_due_at.astimezone(_zone_of(sub))
        lines.append(
            f"next: {local:%Y-%m-%d %H:%M} {local:%Z} ({_relative(sub.next_due_at - now)})"
        )
    else:
        reason = field_html(sub.paused_reason, REASON_UNITS) or "paused"
        lines.append(f"⏸ paused: {reason}. Send /subscribe again to resume.")
    return "\n".join(lines)


def subscription_label(sub: Subscription) -> str:
    """One line naming a subscription (id, time, zone, weekdays, keywords), to tell apart the
    digests of a chat with several."""
    values = {
        "id": sub.id,
        "time": f"{sub.local_time:%H:%M}",
        "zone": escape_text(sub.timezone),
        "weekdays": format_weekdays(sub.weekdays),
    }
    keywords = field_html(sub.keywords, KEYWORDS_UNITS)
    if keywords:
        return LABEL_WITH_KEYWORDS.format(keywords=keywords, **values)
    return LABEL_ALL_ARTICLES.format(**values)


def subscriptions_list(subs: Sequence[Subscription], now: dt.datetime) -> str:
    """The `/subscriptions` reply: id, time, zone, weekdays, keywords, and the next run in the
    subscription's own zone (or why the subscription is paused)."""
    if not subs:
        return "No subscriptions here. Create one with <code>/subscribe 09:00 Europe/Berlin</code>."
    blocks = [_subscription_block(sub, now) for sub in subs]
    return fit_blocks(f"<b>Subscriptions ({len(subs)})</b>", blocks)
