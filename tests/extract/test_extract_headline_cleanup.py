"""Headline clean-up, the same in every format: no emoji or decorative symbols around the
headline, no markdown emphasis markers inside it."""

from __future__ import annotations

import json

import pytest

from bot.extract import extract_bytes
from bot.extract.headline import clean_headline
from bot.extract.html import extract_html
from bot.extract.text import extract_text


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("⚡️ Кремль ответил на санкции", "Кремль ответил на санкции"),
        ("🔴 Breaking: markets fall 🔴", "Breaking: markets fall"),
        ("❗️Тривога у Києві❗️", "Тривога у Києві"),
        ("▶ Watch: the summit in two minutes", "Watch: the summit in two minutes"),
        ("**Кремль** ответил на санкции", "Кремль ответил на санкции"),
        ("⚡️**Зеленський: ми не здамося**", "Зеленський: ми не здамося"),
        ("__Markets__ rally after the vote", "Markets rally after the vote"),
        ("«Цитата в заголовку», — Путин", "«Цитата в заголовку», — Путин"),
        ("Plain headline, nothing to clean", "Plain headline, nothing to clean"),
    ],
)
def test_clean_headline(headline: str, expected: str) -> None:
    assert clean_headline(headline) == expected


BODY = "The ministry said prices would rise. Shoppers were told to plan ahead this winter."


def test_plain_text_headline_is_cleaned() -> None:
    result = extract_text(f"⚡️ **Prices to rise this winter** 🔴\n\n{BODY}\n")
    assert result.headline == "Prices to rise this winter"


def test_html_headline_is_cleaned() -> None:
    page = (
        "<html><head><title>🔴 Prices to rise this winter</title></head><body><article>"
        "<h1>🔴 Prices to rise this winter"
        f"</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    )
    assert extract_html(page).headline == "Prices to rise this winter"


def test_telegram_headline_loses_markdown_emphasis() -> None:
    message = {
        "id": 1,
        "type": "message",
        "date": "2022-03-04T17:26:45",
        "text": f"⚡️**Кремль ответил на санкции**\n{BODY}",
    }
    result = extract_bytes(json.dumps(message, ensure_ascii=False).encode("utf-8"))
    assert result.format == "telegram"
    assert result.headline == "Кремль ответил на санкции"
