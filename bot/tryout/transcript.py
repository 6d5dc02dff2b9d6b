"""The bot's replies as terminal text (pure): messages, buttons, inline results, notices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "BOT_PREFIX",
    "format_buttons",
    "format_callback_answer",
    "format_inline_answer",
    "format_message",
]

BOT_PREFIX = "bot: "
_INDENT = " " * len(BOT_PREFIX)


def _indented(first_prefix: str, text: str) -> str:
    lines = text.splitlines() or [""]
    return "\n".join([first_prefix + lines[0]] + [(_INDENT + line).rstrip() for line in lines[1:]])


def format_buttons(buttons: Sequence[Mapping[str, Any]]) -> str:
    """``[1] More  [2] Open`` for an inline keyboard, numbered as ``:press`` takes them."""
    return "  ".join(
        f"[{number}] {button.get('text', '')}" for number, button in enumerate(buttons, start=1)
    )


def format_message(
    text: str, buttons: Sequence[Mapping[str, Any]] = (), *, edited: bool = False
) -> str:
    """One bot message as the user sees it: its visible text, then its buttons."""
    prefix = "bot (edited): " if edited else BOT_PREFIX
    shown = _indented(prefix, text)
    if buttons:
        shown += "\n" + _INDENT + format_buttons(buttons)
    return shown


def format_inline_answer(answer: Mapping[str, Any]) -> str:
    """An answerInlineQuery: the result titles and descriptions as the inline popup lists them."""
    results = answer.get("results") or []
    if not results:
        return _indented("inline: ", "no results")
    lines = [f"{len(results)} result{'s' if len(results) != 1 else ''}"]
    for number, result in enumerate(results, start=1):
        title = str(result.get("title") or result.get("id", ""))
        description = str(result.get("description") or "").replace("\n", " ")
        lines.append(f"{number}. {title}" + (f" — {description}" if description else ""))
    return _indented("inline: ", "\n".join(lines))


def format_callback_answer(answer: Mapping[str, Any]) -> str | None:
    """The notice a button press showed (a toast or an alert), or None when it showed nothing."""
    text = answer.get("text")
    if not text:
        return None
    kind = "alert" if answer.get("show_alert") else "notice"
    return _indented(f"bot ({kind}): ", str(text))
