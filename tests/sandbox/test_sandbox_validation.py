"""Telegram's checks on outgoing text, keyboards, commands and inline results."""

from __future__ import annotations

import pytest

from bot.sandbox.errors import ApiError
from bot.sandbox.flood import FloodControl, FloodLimits
from bot.sandbox.validation import (
    validate_bot_commands,
    validate_inline_results,
    validate_reply_markup,
    validate_text,
)


def description_of(call, *args, **kwargs) -> str:
    with pytest.raises(ApiError) as raised:
        call(*args, **kwargs)
    assert raised.value.error_code == 400
    return raised.value.description


def test_4096_utf16_units_after_parsing_is_the_exact_limit() -> None:
    assert len(validate_text("<b>" + "a" * 4096 + "</b>", "HTML").text) == 4096
    assert description_of(validate_text, "a" * 4097) == "Bad Request: message is too long"


def test_limit_counts_utf16_units_so_emoji_count_twice() -> None:
    assert validate_text("🏟" * 2048).text == "🏟" * 2048
    assert description_of(validate_text, "🏟" * 2048 + "a") == "Bad Request: message is too long"


def test_limit_applies_after_trimming_whitespace() -> None:
    assert validate_text("   " + "a" * 4096 + "\n\n").text == "a" * 4096


@pytest.mark.parametrize("text", ["", "   \n", "<b> </b>", "<i></i>"])
def test_empty_text_after_parsing_is_rejected(text: str) -> None:
    assert description_of(validate_text, text, "HTML") == "Bad Request: message text is empty"


def test_html_errors_are_prefixed_like_telegram() -> None:
    assert (
        description_of(validate_text, "<foo>", "HTML")
        == 'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0'
    )


def test_plain_text_is_not_parsed_as_html() -> None:
    assert validate_text("<foo> & co").text == "<foo> & co"


@pytest.mark.parametrize("mode", ["MarkdownV2", "Markdown"])
def test_markdown_is_refused_with_a_clear_reason(mode: str) -> None:
    assert "only HTML" in description_of(validate_text, "*x*", mode)


def test_caption_limit_is_1024() -> None:
    assert validate_text(None, is_caption=True).text == ""
    assert (
        description_of(validate_text, "a" * 1025, limit=1024, is_caption=True)
        == "Bad Request: message caption is too long"
    )


def keyboard(*buttons: dict) -> dict:
    return {"inline_keyboard": [list(buttons)]}


def test_callback_data_of_64_bytes_passes_and_65_fails() -> None:
    assert validate_reply_markup(keyboard({"text": "ok", "callback_data": "x" * 64}))
    assert (
        description_of(validate_reply_markup, keyboard({"text": "no", "callback_data": "é" * 33}))
        == "Bad Request: BUTTON_DATA_INVALID"
    )


@pytest.mark.parametrize("url", ["https://example.com", "http://a.b/c", "tg://resolve?domain=x"])
def test_url_buttons_accept_http_and_tg(url: str) -> None:
    assert validate_reply_markup(keyboard({"text": "open", "url": url}))


def test_url_buttons_reject_other_protocols() -> None:
    assert description_of(
        validate_reply_markup, keyboard({"text": "x", "url": "ftp://example.com"})
    ).endswith("is invalid: Unsupported URL protocol")


def test_button_without_action_is_rejected() -> None:
    assert "Text buttons are unallowed" in description_of(
        validate_reply_markup, keyboard({"text": "x"})
    )


def test_commands_follow_telegram_rules() -> None:
    assert validate_bot_commands([{"command": "search_2", "description": "Find"}])
    assert description_of(validate_bot_commands, [{"command": "Search", "description": "x"}]) == (
        "Bad Request: BOT_COMMAND_INVALID"
    )
    assert description_of(validate_bot_commands, [{"command": "a" * 33, "description": "x"}])
    assert description_of(validate_bot_commands, [{"command": "a", "description": ""}]) == (
        "Bad Request: command description must be non-empty"
    )
    assert description_of(validate_bot_commands, [{"command": "a", "description": "d" * 257}])


def article(result_id: str, text: str = "card") -> dict:
    return {
        "type": "article",
        "id": result_id,
        "title": "t",
        "input_message_content": {"message_text": text, "parse_mode": "HTML"},
    }


def test_inline_results_limits() -> None:
    assert len(validate_inline_results([article(str(i)) for i in range(50)])) == 50
    too_many = [article(str(i)) for i in range(51)]
    assert description_of(validate_inline_results, too_many) == "Bad Request: RESULTS_TOO_MUCH"
    assert description_of(validate_inline_results, [article("x" * 65)]) == (
        "Bad Request: RESULT_ID_INVALID"
    )
    assert description_of(validate_inline_results, [article("1"), article("1")]) == (
        "Bad Request: RESULT_ID_DUPLICATE"
    )


def test_inline_result_text_is_checked_like_a_message() -> None:
    assert "Unsupported start tag" in description_of(validate_inline_results, [article("1", "<x>")])
    assert description_of(validate_inline_results, [article("1", "a" * 4097)]) == (
        "Bad Request: message is too long"
    )


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_private_chat_allows_a_burst_then_one_per_second() -> None:
    clock = FakeClock()
    flood = FloodControl(FloodLimits(private_burst=3), clock=clock)
    assert [flood.acquire(1) for _ in range(3)] == [None, None, None]
    assert flood.acquire(1) == 1
    assert flood.acquire(2) is None  # other chats are unaffected
    clock.now = 1.0
    assert flood.acquire(1) is None


def test_group_allows_20_per_minute() -> None:
    clock = FakeClock()
    flood = FloodControl(clock=clock)
    assert all(flood.acquire(-100) is None for _ in range(20))
    assert flood.acquire(-100) == 3  # one slot refills every 3 seconds
    clock.now = 3.0
    assert flood.acquire(-100) is None


def test_overall_limit_is_30_per_second() -> None:
    clock = FakeClock()
    flood = FloodControl(clock=clock)
    assert all(flood.acquire(chat) is None for chat in range(1, 31))
    assert flood.acquire(31) == 1
