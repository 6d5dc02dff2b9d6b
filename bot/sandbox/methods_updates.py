"""Bot API methods about incoming updates: long polling and answering queries."""

from __future__ import annotations

import time

from telegram.constants import CallbackQueryLimit

from .context import ApiContext, Params, register
from .errors import ApiError, bad_request
from .validation import validate_inline_results

__all__: list[str] = []

_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_MAX_POLL_TIMEOUT = 50


@register("getUpdates")
async def get_updates(api: ApiContext, params: Params) -> list[dict]:
    """Long polling: wait up to ``timeout`` seconds for an update; a newer poll ends older ones."""
    world = api.world
    if world.webhook.get("url"):
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    offset = params.get_int("offset")
    limit = min(max(params.get_int("limit", 100) or 100, 1), 100)
    timeout = min(max(params.get_int("timeout", 0) or 0, 0), _MAX_POLL_TIMEOUT)
    allowed = params.get_json("allowed_updates")
    if isinstance(allowed, list):
        world.allowed_updates = frozenset(allowed) or None
    if offset is not None:
        world.confirm_updates(offset)

    api.poll_generation += 1
    generation = api.poll_generation
    world.notifier.changed()  # wakes an older poll so it can answer 409

    def ready() -> bool:
        return api.poll_generation != generation or bool(world.deliverable_updates(limit))

    await world.notifier.wait_for(ready, timeout)
    if api.poll_generation != generation:
        raise ApiError(
            409,
            "Conflict: terminated by other getUpdates request; "
            "make sure that only one bot instance is running",
        )
    return world.deliverable_updates(limit)


def _open_query(api: ApiContext, params: Params, kind: str) -> dict:
    query_id = params.get_str(f"{kind}_query_id", "")
    query = api.world.queries.get(query_id)
    if (
        query is None
        or query["kind"] != kind
        or query["answer"] is not None
        or time.monotonic() - query["created"] > api.query_timeout
    ):
        raise bad_request(_QUERY_INVALID)
    return query


@register("answerCallbackQuery")
def answer_callback_query(api: ApiContext, params: Params) -> bool:
    query = _open_query(api, params, "callback")
    text = params.get_str("text", "") or ""
    if len(text) > CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    query["answer"] = {
        "text": text or None,
        "show_alert": params.get_bool("show_alert"),
        "url": params.get_str("url"),
        "cache_time": params.get_int("cache_time", 0),
    }
    api.world.notifier.changed()
    return True


@register("answerInlineQuery")
def answer_inline_query(api: ApiContext, params: Params) -> bool:
    query = _open_query(api, params, "inline")
    next_offset = params.get_str("next_offset")
    results = validate_inline_results(
        params.get_json("results"), next_offset, strict_ampersand=api.strict_ampersand
    )
    query["answer"] = {
        "results": results,
        "next_offset": next_offset or "",
        "cache_time": params.get_int("cache_time", 300),
        "is_personal": params.get_bool("is_personal"),
        "button": params.get_json("button"),
    }
    api.world.notifier.changed()
    return True
