"""Article cards, `/article` and the duplicate notice."""

from __future__ import annotations

import datetime as dt

from bot.i18n import translator
from bot.render import article_card, article_full, duplicate_notice, utf16_len
from bot.render.text import MAX_MESSAGE_UNITS

EN = translator("en")


def test_card_shows_headline_date_quote_source_and_id(make_article, valid_message) -> None:
    html = article_card(EN, make_article(id=42, source_url="https://t.me/news/5"))
    shown = valid_message(html).text
    assert shown.splitlines() == [
        "Minister resigns over budget row",
        "12 July 2018 · Example News",
        "“We have done nothing wrong” — Jane Doe",
        "#42 · /article 42",
    ]
    entities = valid_message(html).entities
    assert {"type": "text_link", "offset": 0, "length": 32, "url": "https://t.me/news/5"} in [
        {k: e[k] for k in ("type", "offset", "length", "url") if k in e} for e in entities
    ]
    assert any(e["type"] == "bold" and e["offset"] == 0 for e in entities)


def test_card_without_source_url_has_no_headline_link(make_article, valid_message) -> None:
    html = article_card(EN, make_article(source_url=None))
    assert not any(e["type"] == "text_link" for e in valid_message(html).entities)


def test_card_falls_back_to_lead_and_unknown_date(make_article, valid_message) -> None:
    article = make_article(lead_quote=None, quote_speaker=None, published=None)
    shown = valid_message(article_card(EN, article)).text
    assert "date unknown" in shown
    assert "The minister resigned on Tuesday." in shown
    assert "“" not in shown


def test_card_uses_guillemets_for_russian_and_strips_existing_marks(make_article, valid_message):
    article = make_article(lang="ru", lead_quote="«Мы ничего не нарушали,»", quote_speaker="Иванов")
    shown = valid_message(article_card(EN, article)).text
    assert "«Мы ничего не нарушали» — Иванов" in shown


def test_card_datetime_published_shows_date(make_article, valid_message) -> None:
    article = make_article(published=dt.datetime(2018, 7, 12, 23, 5, tzinfo=dt.UTC))
    assert "12 July 2018 · " in valid_message(article_card(EN, article)).text


def test_card_escapes_hostile_fields(make_article, valid_message, hostile, hostile_shown) -> None:
    article = make_article(
        headline=hostile,
        lead_quote=hostile + " quoted words here",
        quote_speaker=hostile,
        source_title=hostile,
        source_url="https://example.com/?q=" + hostile.replace(" ", "+"),
    )
    html = article_card(EN, article)
    lines = valid_message(html).text.splitlines()
    assert lines[0] == hostile_shown  # the headline, shown as written
    assert hostile_shown in lines[1] and lines[2].endswith(f"— {hostile_shown}")
    assert "<script>" not in html


def test_card_truncates_huge_fields_by_visible_length(make_article, valid_message) -> None:
    article = make_article(headline="😀" * 5000, lead_quote="word " * 3000, quote_speaker="S" * 900)
    shown = valid_message(article_card(EN, article)).text
    headline = shown.splitlines()[0]
    assert headline.endswith("…")
    assert utf16_len(headline) <= 300


def test_article_full_fills_one_message_with_the_body(make_article, valid_message) -> None:
    body = "\n\n\n".join(f"Paragraph {i} with <tags> & emoji 😀." for i in range(400))
    parsed = valid_message(article_full(EN, make_article(body=body)))
    assert utf16_len(parsed.text) == MAX_MESSAGE_UNITS
    assert parsed.text.endswith("…")
    assert "Paragraph 0 with <tags> & emoji 😀.\n\nParagraph 1" in parsed.text


def test_article_full_keeps_a_short_body_whole(make_article, valid_message) -> None:
    shown = valid_message(article_full(EN, make_article())).text
    assert shown.endswith("The minister resigned on Tuesday.\n\nMore text follows here.")
    assert shown.startswith("Minister resigns over budget row\n")


def test_article_full_with_hostile_body_is_valid(
    make_article, valid_message, hostile, hostile_shown
) -> None:
    shown = valid_message(article_full(EN, make_article(body=hostile * 500, headline=hostile)))
    headline, _, body = shown.text.partition("\n")
    assert headline == hostile_shown
    assert hostile_shown.split()[0] in body


def test_duplicate_notice_names_the_existing_id(valid_message) -> None:
    assert valid_message(duplicate_notice(EN, 17)).text == "Already saved as #17 · /article 17"
