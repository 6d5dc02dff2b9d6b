"""Datelines are lines the date dominates; author lines without "By" are bylines."""

from __future__ import annotations

import pytest

from bot.extract import lines


@pytest.mark.parametrize(
    "line",
    [
        "12 July 2018",
        "Thursday, 12th July 2018",
        "Updated 10:32 GMT, 3 March 2021",
        "Published: 3 March 2021 | 14:05 BST",
        "03.03.2021, 14:05 Uhr",
        "12 июля 2018 г.",
        "By Jane Roe, Staff Writer | 3 March 2021",
        "Jane Roe 3 March 2021",
        "2019-08-15 09:41:12",
    ],
)
def test_lines_that_are_there_to_say_when(line: str) -> None:
    assert lines.is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Budget 3 March 2021: Chancellor extends furlough to September",
        "The deal was signed in Amsterdam on 14 January 2005.",
        "Supporters rally in Caracas, 23 January 2019 (AP Photo)",
        "ЦБ установил курс евро на 14 августа 2019 года выше 73 рублей",
        "Crowds gathered outside parliament on 12 July 2018 as the vote was held.",
        "No date here at all",
    ],
)
def test_dates_inside_titles_sentences_and_captions_are_not_datelines(line: str) -> None:
    assert not lines.is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sarah Mitchell, Technology Correspondent",
        "Associated Press Staff Writer",
        "Reporter: Nikos Papadakis",
        "Иван Петров, корреспондент",
        "Олена Коваль, кореспондентка",
        "Marie Dupont, envoyée spéciale",
        "By Jane Roe",
    ],
)
def test_author_lines(line: str) -> None:
    assert lines.is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "BBC correspondent expelled from Russia",
        "Meet the new Washington Correspondent",
        "Editor's note: this story was updated",
        "Greek wildfires force thousands to flee coastal towns",
        "The reporter said the staff were told to leave the building before noon.",
    ],
)
def test_headlines_and_sentences_about_reporters_are_not_bylines(line: str) -> None:
    assert not lines.is_byline(line)
