"""The `/subscriptions` reply, and weekdays as readers of each language write them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bot.i18n import Translator
from bot.schedule import ALL_WEEKDAYS, UnknownTimeZoneError, zone_from_name
from storage.models import Subscription

from .lists import fit_blocks
from .text import escape_text, field_html

__all__ = [
    "KEYWORDS_UNITS",
    "REASON_UNITS",
    "subscription_label",
    "subscriptions_list",
    "weekdays_text",
]

KEYWORDS_UNITS = 200
REASON_UNITS = 200
_WEEKEND = frozenset({5, 6})


def weekdays_text(t: Translator, weekdays: frozenset[int]) -> str:
    """The days of a schedule in ``t``'s language: "daily", "weekends", "Mon–Fri",
    "Mon, Wed, Fri" ("ежедневно", "пн–пт", "Mo.–Fr."); 0 is Monday."""
    if weekdays == ALL_WEEKDAYS:
        return t.gettext("daily")
    if weekdays == _WEEKEND:
        return t.gettext("weekends")
    names = t.locale.days["format"]["abbreviated"]  # CLDR: 0 is Monday, as in ours
    days = sorted(weekdays)
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{names[days[0]]}–{names[days[-1]]}"
    return ", ".join(names[day] for day in days)


def _zone_of(sub: Subscription) -> dt.tzinfo:
    """The subscription's zone; UTC for a name this system's zone database lacks (a zone
    dropped by a tzdata update), so the list is still shown."""
    try:
        return zone_from_name(sub.timezone)
    except UnknownTimeZoneError:
        return dt.UTC


def _subscription_block(t: Translator, sub: Subscription, now: dt.datetime) -> str:
    keywords = field_html(sub.keywords, KEYWORDS_UNITS)
    lines = [
        f"<b>#{sub.id}</b> · {sub.local_time:%H:%M} {escape_text(sub.timezone)}"
        f" · {escape_text(weekdays_text(t, sub.weekdays))}",
        t.gettext("keywords: {keywords}", keywords=keywords)
        if keywords
        else t.gettext("all new articles"),
    ]
    if sub.active and not sub.paused_reason:
        delta = sub.next_due_at - now
        relative = (
            t.gettext("due now") if delta < dt.timedelta(minutes=1) else t.format_relative(delta)
        )
        lines.append(
            t.gettext(
                "next: {when} ({relative})",
                when=t.format_datetime(sub.next_due_at, _zone_of(sub)),
                relative=relative,
            )
        )
    else:
        reason = t.known_message(sub.paused_reason) if sub.paused_reason else ""
        lines.append(
            t.gettext(
                "⏸ paused: {reason}. Send /subscribe again to resume.",
                reason=field_html(reason, REASON_UNITS) or t.gettext("paused"),
            )
        )
    return "\n".join(lines)


def subscription_label(t: Translator, sub: Subscription) -> str:
    """One line in ``t``'s language naming a subscription (id, time, zone, weekdays,
    keywords), to tell apart the digests of a chat with several."""
    values = {
        "id": sub.id,
        "time": f"{sub.local_time:%H:%M}",
        "zone": escape_text(sub.timezone),
        "weekdays": escape_text(weekdays_text(t, sub.weekdays)),
    }
    keywords = field_html(sub.keywords, KEYWORDS_UNITS)
    if keywords:
        return t.gettext(
            "<i>Subscription #{id} · {time} {zone} · {weekdays} · keywords: {keywords}</i>",
            keywords=keywords,
            **values,
        )
    return t.gettext(
        "<i>Subscription #{id} · {time} {zone} · {weekdays} · all new articles</i>", **values
    )


def subscriptions_list(t: Translator, subs: Sequence[Subscription], now: dt.datetime) -> str:
    """The `/subscriptions` reply in ``t``'s language: id, time, zone, weekdays, keywords, and
    the next run in the subscription's own zone (or why the subscription is paused)."""
    if not subs:
        return t.gettext(
            "No subscriptions here. Create one with <code>/subscribe 09:00 Europe/Berlin</code>."
        )
    blocks = [_subscription_block(t, sub, now) for sub in subs]
    header = t.ngettext(
        "<b>Subscriptions ({count})</b>", "<b>Subscriptions ({count})</b>", len(subs)
    )
    return fit_blocks(t, header, blocks)
