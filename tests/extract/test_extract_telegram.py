"""Telegram posts: headline line, decorations, entities in UTF-16, footers, dates, exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.extract.headline import strip_decorations
from bot.extract.model import EmptyArticleError
from bot.extract.telegram import (
    ExportMessageError,
    PostEntity,
    export_message_text,
    extract_export_message,
    extract_telegram_post,
)

POSTED = dt.datetime(2022, 3, 4, 17, 26, 45)
BODY = (
    "Президент заявив про нові санкції проти агресора.\n\n"
    '"Ми будемо тиснути на Росію щодня, поки війна не закінчиться", - сказав Зеленський.'
)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("⚡️⚡️⚡️ Білорусь вступила у війну", "Білорусь вступила у війну"),
        ("‼️Киевлян призывают перейти в убежище!", "Киевлян призывают перейти в убежище!"),
        ("🔴 Breaking: markets fall", "Breaking: markets fall"),
        ("\u00a0\u200bГеращенко потрапив у скандал", "Геращенко потрапив у скандал"),
        ("• Bullet title", "Bullet title"),
        ("1️⃣ Перший пункт", "Перший пункт"),
        ("Заголовок  з   пробілами 🇺🇦", "Заголовок з пробілами"),
        ("«Цитата в заголовку», - Путин", "«Цитата в заголовку», - Путин"),
    ],
)
def test_decorations_are_stripped_from_the_headline(line: str, expected: str) -> None:
    assert strip_decorations(line) == expected


def test_first_line_is_the_headline_and_the_rest_is_the_body() -> None:
    text = f"⚡️⚡️ Україна отримала нові санкції проти РФ\n{BODY}"
    result = extract_telegram_post(text, [], POSTED)
    assert result.headline == "Україна отримала нові санкції проти РФ"
    assert result.body.startswith("Президент заявив")
    assert result.lead_quote is not None
    assert result.lead_quote.startswith("Ми будемо тиснути на Росію")
    assert (result.lang, result.format) == ("uk", "telegram")


def test_bold_span_at_line_start_is_the_headline() -> None:
    title = "Комендантська година триває"
    text = f"⚡️⚡️{title}. Додаткові деталі згодом\n\n{BODY}"
    offset = utf16_len("⚡️⚡️")
    entities = [PostEntity("bold", offset, utf16_len(title))]
    assert extract_telegram_post(text, entities, POSTED).headline == title


def test_whitespace_only_bold_entities_are_ignored() -> None:
    text = f"\u00a0\nЗаголовок новини тут\n\u00a0\n{BODY}"
    entities = [
        PostEntity("bold", 0, 1),
        PostEntity("bold", utf16_len("\u00a0\nЗаголовок новини тут\n"), 2),
        PostEntity("bold", utf16_len("\u00a0\nЗаголовок"), 1),
    ]
    assert extract_telegram_post(text, entities, POSTED).headline == "Заголовок новини тут"


def test_entity_offsets_count_utf16_units_after_astral_emoji() -> None:
    prefix = "🔴🔴 "  # two astral emoji: 4 UTF-16 units, 2 Python characters
    title = "Title in bold"
    text = f"{prefix}{title} and more words on the line\n{BODY}"
    entities = [PostEntity("bold", utf16_len(prefix), utf16_len(title))]
    assert extract_telegram_post(text, entities, POSTED).headline == title


def test_channel_signature_and_footers_are_not_body() -> None:
    text = f"Заголовок новини\n\n{BODY}\n\n👉 Підписатися на канал\nУкраїна 24 🇺🇦"
    result = extract_telegram_post(text, [], POSTED)
    assert result.body.endswith("- сказав Зеленський.")


def test_text_link_signature_is_not_body() -> None:
    text = f"Заголовок новини\n\n{BODY}\n\nКанал новин 24 🇺🇦"
    start = utf16_len(f"Заголовок новини\n\n{BODY}\n\n")
    entities = [PostEntity("text_link", start, utf16_len("Канал новин 24"), "https://t.me/x")]
    result = extract_telegram_post(text, entities, POSTED)
    assert "Канал новин" not in result.body


def test_long_first_paragraph_gives_its_first_sentence() -> None:
    sentence = "Уряд ухвалив рішення про евакуацію мешканців прикордонних сіл області."
    text = sentence + " " + "Інші деталі повідомлення про евакуацію та транспорт. " * 6
    assert extract_telegram_post(text, [], POSTED).headline == sentence


def test_a_bold_title_leaves_the_rest_of_its_line_in_the_body() -> None:
    title = "Рада ухвалила бюджет"
    text = f"{title}. Подробиці голосування опублікують увечері\n\n{BODY}"
    result = extract_telegram_post(text, [PostEntity("bold", 0, utf16_len(title))], POSTED)
    assert result.headline == title
    assert result.body.startswith("Подробиці голосування опублікують увечері\n\nПрезидент")


def test_a_one_paragraph_post_keeps_its_paragraph_in_the_body() -> None:
    sentence = "Уряд ухвалив рішення про евакуацію мешканців прикордонних сіл області."
    text = sentence + " " + "Інші деталі повідомлення про евакуацію та транспорт. " * 6
    result = extract_telegram_post(text, [], POSTED)
    assert result.headline == sentence
    assert result.body == text.strip()


def test_a_stand_alone_first_line_is_the_title_even_when_it_reads_as_a_sentence() -> None:
    first = (
        "«Мінські домовленості більше не існують, нам треба будувати нову реальність», - "
        "заявив колишній міністр в ефірі телеканалу у вівторок увечері."
    )
    result = extract_telegram_post(f"{first}\n\n{BODY}", [], POSTED)
    assert result.headline == first
    assert result.body == BODY
    assert result.lead_quote is not None
    assert result.lead_quote.startswith("Ми будемо тиснути")


def test_the_lines_of_a_post_stay_lines() -> None:
    items = "- перше рішення уряд ухвалив сьогодні\n- друге рішення відклали до наступного тижня"
    result = extract_telegram_post(f"Виступ президента:\n\n{items}", [], POSTED)
    assert result.headline == "Виступ президента:"
    assert result.body == items


def test_a_full_article_as_a_post_is_read_like_pasted_text(corpus_labels: Path) -> None:
    """The seed article (metadata header, dateline, photo caption and credit above its title;
    READ MORE and captions in the body) posted or forwarded gives exactly its gold values."""
    gold = next(
        label
        for label in map(json.loads, corpus_labels.read_text(encoding="utf-8").splitlines())
        if label["id"] == "seed-nato"
    )
    text = (corpus_labels.parent / gold["file"]).read_text(encoding="utf-8").strip()
    for forwarded in (None, dt.datetime(2024, 5, 17, 9, 30)):
        result = extract_telegram_post(text, [], POSTED, forwarded_date=forwarded)
        assert result.headline == gold["headline"]
        assert (result.published, result.date_source) == (dt.date(2018, 7, 12), "header")
        assert result.lead_quote == gold["lead_quote"]["text"]
        assert result.quote_speaker == gold["lead_quote"]["speaker"]
        assert "READ MORE" not in result.body
        assert "© Sputnik" not in result.body
        assert result.format == "telegram"


def test_post_date_is_the_message_date() -> None:
    result = extract_telegram_post(f"Заголовок\n{BODY}", [], POSTED)
    assert (result.published, result.date_source) == (POSTED, "message")


def test_forwarded_post_is_dated_by_the_original() -> None:
    original = dt.datetime(2022, 3, 1, 9, 0)
    result = extract_telegram_post(f"Заголовок\n{BODY}", [], POSTED, forwarded_date=original)
    assert result.published == original


def test_stated_publication_date_wins_but_event_dates_do_not() -> None:
    stated = extract_telegram_post(f"Заголовок\n{BODY}\nОпубліковано 2 березня 2022", [], POSTED)
    assert (stated.published, stated.date_source) == (dt.date(2022, 3, 2), "header")
    assert "Опубліковано" not in stated.body
    long_body = f"{BODY} " + "Уряд обговорить нові обмеження для експорту на засіданні. " * 3
    late = extract_telegram_post(
        f"Заголовок\n\n{long_body}\n\nОпубліковано 2 березня 2022", [], POSTED
    )
    assert (late.published, late.date_source) == (dt.date(2022, 3, 2), "dateline")
    event = extract_telegram_post(f"У Росії пройдуть мітинги 6 березня 2022\n{BODY}", [], POSTED)
    assert event.published == POSTED


def test_post_without_words_is_refused() -> None:
    with pytest.raises(EmptyArticleError):
        extract_telegram_post("⚡️⚡️\n\u00a0\n", [], POSTED)


def test_export_text_parts_become_entities_with_utf16_offsets() -> None:
    obj = {
        "id": 1,
        "text": [
            "🔴 ",
            {"type": "bold", "text": "Title"},
            " rest ",
            {"type": "text_link", "text": "Channel", "href": "https://t.me/c"},
        ],
    }
    text, entities = export_message_text(obj)
    assert text == "🔴 Title rest Channel"
    assert entities == [
        PostEntity("bold", 3, 5),
        PostEntity("text_link", 14, 7, "https://t.me/c"),
    ]


def test_export_plain_string_text_has_no_entities() -> None:
    assert export_message_text({"text": "Just text"}) == ("Just text", [])


def test_export_message_uses_the_local_date_field() -> None:
    obj = {
        "id": 2469,
        "type": "message",
        "date": "2022-02-25T00:34:11",
        "date_unixtime": "1645742051",
        "text": f"Заголовок\n{BODY}",
    }
    result = extract_export_message(obj)
    assert result.published == dt.datetime(2022, 2, 25, 0, 34, 11)
    assert result.date_source == "message"


@pytest.mark.parametrize(
    "obj",
    [
        {"id": 1, "text": 42},
        {"id": 1, "text": ["ok", {"type": "bold"}]},
        {"id": 1, "date": "yesterday", "text": "Заголовок\nТекст"},
    ],
)
def test_malformed_export_messages_are_refused_clearly(obj: dict[str, object]) -> None:
    with pytest.raises(ExportMessageError, match="Message 1"):
        extract_export_message(obj)
