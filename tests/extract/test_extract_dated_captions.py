"""A photo caption with the picture's date under the title ('Митинг 12 марта 2011 года в
Москве') is neither the publication date nor article text; a name never runs over a line break."""

from __future__ import annotations

import pytest

from bot.extract import extract_text
from bot.extract.lines import is_date_line, is_dated_caption
from bot.extract.speaker.names import names_in


@pytest.mark.parametrize(
    "line",
    [
        "Митинг 12 марта 2011 года в Москве",
    ],
)
def test_a_caption_with_a_date_is_no_dateline(line: str) -> None:
    assert not is_date_line(line)
    assert is_dated_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "12 July 2018",
        "MOSCOW, March 12, 2011",
        "By Jane Roe | 3 March 2021",
        "Jane Roe 3 March 2021",
    ],
)
def test_datelines_stay_datelines(line: str) -> None:
    assert is_date_line(line)
    assert not is_dated_caption(line)


def test_a_text_with_only_a_dated_caption_has_no_date() -> None:
    text = (
        "Полковник вышел на свободу\n"
        "Митинг 12 марта 2011 года в Москве\n"
        "Из колонии освобождён полковник Иван Петров. Он покинул колонию утром.\n\n"
        "«Полковник к походу и бою готов», — заявил Петров журналистам.\n"
    )
    extracted = extract_text(text)
    assert extracted.published is None
    assert extracted.quote_speaker == "Петров"


def test_a_name_does_not_run_over_a_line_break() -> None:
    found = [name.text for name in names_in("в Москве\nИз колонии", frozenset())]
    assert "Москве Из" not in found
