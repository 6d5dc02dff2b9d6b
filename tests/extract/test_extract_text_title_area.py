"""The title area of plain text: position first, datelines only where the date dominates."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.extract import extract_text

BODY = (
    "Officials said on Tuesday that the work would take several months to finish and that "
    "residents would be told in advance about any closures of the main road.\n\n"
    '"We are doing everything we can to keep the disruption short," the mayor said.\n'
)


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        # A title ending in a period, above an author line with no "By".
        ("Bridge repairs will close the river road.\nJane Roe, Staff Writer\n\n", None),
        # A two-word title above a metadata timestamp, before a short lead ending in ":".
        ("Мост закрыт\n2019-08-12 10:15:00\n\nМэр заявил в понедельник:\n", "Мост закрыт"),
        # A sentence-case title above a correspondent line; title case counts for little.
        ("Council to fix the old bridge\nTom Smith, Transport Correspondent\n\n", None),
    ],
)
def test_first_line_above_a_byline_or_date_is_the_title(top: str, headline: str | None) -> None:
    expected = headline or top.split("\n")[0]
    assert extract_text(top + BODY).headline == expected


def test_long_title_above_a_date_line_is_the_title_and_the_date_is_read() -> None:
    title = (
        "Минтранс предложил обязать перевозчиков возвращать пассажирам полную стоимость "
        "билетов при отмене рейсов по вине авиакомпании и задержке более восьми часов"
    )
    result = extract_text(f"{title}\n2019-08-15 09:41:12\n\nМинистерство подготовило поправки.\n")
    assert result.headline == title
    assert result.published == dt.datetime(2019, 8, 15, 9, 41, 12)
    assert "2019" not in result.body


def test_long_question_title_followed_by_a_blank_line_is_whole() -> None:
    title = (
        "Is the Fed Running Out of Options? Analysts Warn of a Long, Slow Recovery for "
        "Small Businesses Across America"
    )
    assert extract_text(f"{title}\n\n{BODY}").headline == title


def test_a_long_first_paragraph_is_no_title() -> None:
    result = extract_text(BODY)
    assert result.headline.startswith("Officials said on Tuesday")
    assert result.body.startswith("Officials said on Tuesday")


def test_caption_above_the_title_loses_to_the_line_above_the_byline() -> None:
    top = (
        "Firefighters battle flames near a village west of the capital\n"
        "Wildfires force thousands to flee coastal towns\n"
        "Reporter: Anna Berg\n\n"
    )
    assert extract_text(top + BODY).headline == "Wildfires force thousands to flee coastal towns"


def test_deck_starting_with_a_brand_name_is_not_glued_to_the_title() -> None:
    top = "Mobile firm unveils budget handset\niPhone rival priced at under £100\n\n"
    assert extract_text(top + BODY).headline == "Mobile firm unveils budget handset"


def test_lower_case_continuation_is_joined_only_without_a_blank_line_between() -> None:
    joined = extract_text("Dallas Police Dept.\nfires officer after review\n\n" + BODY)
    assert joined.headline == "Dallas Police Dept. fires officer after review"
    apart = extract_text("Mayor opens new bridge\n\nresidents welcomed the news.\n\n" + BODY)
    assert apart.headline == "Mayor opens new bridge"


@pytest.mark.parametrize(
    "top",
    [
        "Opposition leader declares himself president\n\n"
        "Supporters rally in Caracas, 23 January 2019 (AP Photo)\n\n",
        "Steelmaker agrees takeover by Dutch rival\n\n"
        "The deal was signed in Amsterdam on 14 January 2005.\n\n",
    ],
)
def test_dates_in_captions_and_short_sentences_are_not_publication_dates(top: str) -> None:
    result = extract_text(top + BODY)
    assert result.published is None and result.date_source is None


def test_title_containing_a_date_stays_the_title_and_gives_no_date() -> None:
    title = "Budget 3 March 2021: Chancellor extends furlough to September"
    result = extract_text(f"{title}\n\n{BODY}")
    assert result.headline == title
    assert result.published is None


def test_title_containing_a_date_above_the_real_date_line() -> None:
    title = "ЦБ установил курс евро на 14 августа 2019 года выше 73 рублей"
    result = extract_text(f"{title}\n2019-08-13 15:32:10\n\nОфициальный курс евро вырос.\n")
    assert result.headline == title
    assert result.published == dt.datetime(2019, 8, 13, 15, 32, 10)


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("LONDON, 3 March 2021 (Reuters) - The bank held rates.", dt.date(2021, 3, 3)),
        ("New York, March 3, 2021 - The bank held rates.", dt.date(2021, 3, 3)),
        ("LONDON, March 3 (Reuters) - The bank held rates.", None),
        ("The bank said on 3 March 2021 - a Wednesday - that it held rates.", None),
    ],
)
def test_opening_dateline_needs_a_place_a_year_and_a_dash(
    opening: str, expected: dt.date | None
) -> None:
    result = extract_text(f"Bank holds rates\n\n{opening}\n\n{BODY}")
    assert result.published == expected


def test_dateline_under_the_title_is_read_and_kept_out_of_the_body() -> None:
    result = extract_text("Bank holds rates\n\n12 July 2018\n\n" + BODY)
    assert result.published == dt.date(2018, 7, 12) and result.date_source == "dateline"
    assert "12 July 2018" not in result.body


def test_glued_breaks_before_digits_and_latin_capitals_in_cyrillic_exports() -> None:
    text = (
        "Боец объявил о завершении карьеры\n2019-08-16 11:20:00\n\n"
        "Об этом сообщает RT.n12 августа он провёл тренировку.nUFC пока не комментирует."
    )
    body = extract_text(text).body
    assert body.split("\n") == [
        "Об этом сообщает RT.",
        "12 августа он провёл тренировку.",
        "UFC пока не комментирует.",
    ]


def test_latin_text_keeps_n_before_capitals_and_digits() -> None:
    text = "Plan approved\n\nThe plan was approved.nBut Putin.nThe end came in n2 rounds today."
    assert "approved.nBut Putin.nThe" in extract_text(text).body
