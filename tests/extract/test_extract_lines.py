"""One predicate per kind of page noise."""

from __future__ import annotations

import pytest

from bot.extract import lines


@pytest.mark.parametrize(
    "line",
    [
        "© Sputnik / Aleksei Vitvitsky",
        "Photo: Jane Roe",
        "Image copyright Getty Images",
        "Фото: пресс-служба",
        "Face masks are placed on children in a clinic (AP Photo/Alexander JOE)",
        "Dibyangshu Sarkar/AFP/Getty Images",
    ],
)
def test_credit_lines(line: str) -> None:
    assert lines.is_credit(line)


@pytest.mark.parametrize(
    "line",
    ["Leaders met in Brussels/Belgium on Monday to discuss spending.", "A/B testing works."],
)
def test_prose_is_not_a_credit(line: str) -> None:
    assert not lines.is_credit(line)


def test_caption_vs_headline() -> None:
    assert lines.is_caption_sentence(
        "NATO Secretary-General Jens Stoltenberg is holding a press-conference."
    )
    assert lines.is_caption_sentence("The missile system during a demonstration. File photo")
    assert not lines.is_caption_sentence(
        "NATO Secretary-General Holds Press Conference Following Bloc's Two-Day Summit"
    )


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Trudeau Calls for 'Firm NATO Response' to Russia",
        "Also read: something else",
        "Также по теме",
        "Lire aussi : la suite",
        "Lesen Sie auch: Mehr",
    ],
)
def test_read_more_lines(line: str) -> None:
    assert lines.is_read_more(line)


def test_read_more_label_alone_vs_with_headline() -> None:
    assert lines.is_read_more_label("Также по теме")
    assert not lines.is_read_more_label("READ MORE: Trudeau Calls for Response")


@pytest.mark.parametrize("line", ["Advertisement", "SPONSORED", "Реклама"])
def test_advertisements(line: str) -> None:
    assert lines.is_advertisement(line)


@pytest.mark.parametrize("line", ["103", "1,204 views", "12K", "350 просмотров"])
def test_counters(line: str) -> None:
    assert lines.is_counter(line)


def test_metadata_header_vs_dateline() -> None:
    assert lines.is_metadata_header("date 2018-07-12 Register")
    assert lines.is_metadata_header("2019-08-10 06:35:00")
    assert not lines.is_metadata_header("12 July 2018 was a sunny day")


def test_byline_and_social_embed() -> None:
    assert lines.is_byline("By Jane Roe | July 12, 2018")
    assert not lines.is_byline("Byzantine art returns to the museum after forty years of absence")
    assert lines.is_social_embed("#Shooting pic.twitter.com/U9tULYsk2R — Someone (@x) Oct 3, 2017")


def test_related_headlines_in_a_body() -> None:
    assert lines.is_all_caps_headline("WHY IS MEDIA NOT REPORTING THIS?")
    assert not lines.is_all_caps_headline("NATO and the EU met in Brussels on Monday.")
    assert lines.is_heading_like(
        "Iskander Missiles in Kaliningrad Just 'Excuse' for NATO Buildup – Retired Officer"
    )
    assert lines.is_heading_like("Europe")
    assert lines.is_heading_like("«Конор может посетить поединок Хабиба с Порье»")
    assert not lines.is_heading_like('"We had a frank discussion," Stoltenberg told reporters.')
    assert not lines.is_heading_like("the talks went on for hours without any agreement on aid")
