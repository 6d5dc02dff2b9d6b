"""The answers to a burst of articles: the stored list and the hourly quota notice."""

from __future__ import annotations

import re

from bot.i18n import translator
from bot.render.ingest import StoredArticle, quota_notice, stored_list

EN = translator("en")


def test_a_long_burst_is_listed_in_parts_that_each_fit_a_message(valid_message, hostile) -> None:
    articles = [
        StoredArticle(number, f"{hostile} headline {number} " + "word " * 60, number % 7 == 0)
        for number in range(1, 301)
    ]
    parts = stored_list(EN, articles)
    assert len(parts) > 1
    texts = [valid_message(part).text for part in parts]
    assert all(text.startswith("Also saved (300):\n") for text in texts)
    ids = [int(found) for text in texts for found in re.findall(r"^#(\d+) · ", text, re.M)]
    assert ids == list(range(1, 301))
    assert sum(text.count("already saved before") for text in texts) == len(range(7, 301, 7))


def test_a_short_burst_is_one_message_one_line_per_article(valid_message) -> None:
    [part] = stored_list(EN, [StoredArticle(4, "Ferry <b>sails</b>"), StoredArticle(5, "", True)])
    assert valid_message(part).text == (
        "Also saved (2):\n#4 · Ferry <b>sails</b>\n#5 · (untitled) · already saved before"
    )


def test_the_quota_notice_names_what_was_not_stored_within_one_message(valid_message) -> None:
    names = [f"Ferry {number} sails again " + "x" * 100 for number in range(500)]
    text = valid_message(quota_notice(EN, 300, 42, names)).text
    assert text.startswith(
        "Not stored: I take at most 300 articles an hour from one person. "
        "Send these again in 42 minutes;"
    )
    shown = text.count("\n• Ferry ")
    assert 0 < shown < 500 and text.endswith(f"… and {500 - shown} more")


def test_the_quota_notice_for_a_wait_of_a_minute(valid_message) -> None:
    text = valid_message(quota_notice(EN, 2, 1, ["Ferry <i>"])).text
    assert "Send these again in a minute;" in text and text.endswith("\n• Ferry <i>")


def test_the_answers_in_the_reader_s_language(valid_message) -> None:
    ru = translator("ru")
    [part] = stored_list(ru, [StoredArticle(4, ""), StoredArticle(5, "Паром", True)])
    assert valid_message(part).text == (
        "Также сохранено (2):\n#4 · (без заголовка)\n#5 · Паром · уже была сохранена раньше"
    )
    text = valid_message(quota_notice(ru, 300, 22, ["Паром"])).text
    assert "не больше 300 статей в час" in text and "через 22 минуты;" in text
