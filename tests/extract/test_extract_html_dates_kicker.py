"""HTML: the displayed dateline over dates in sentences, "Published" after "Updated", and a
kicker inside the <h1> found through the metadata title, whatever its class names."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.extract.html import extract_html

BODY = (
    "<p>The city council voted on Tuesday to expand the bus network across the northern "
    "districts, a plan that had been debated for more than two years.</p>"
    '<p>"We finally have a network that serves everyone who lives here," said Mayor Jane Doe '
    "after the vote.</p>"
)
META = (
    '<meta property="og:title" content="Council expands bus network">'
    '<meta property="article:published_time" content="2021-03-03T10:00:00+00:00">'
)


def page(head: str, article: str) -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}</head>"
        f"<body><article>{article}{BODY}</article></body></html>"
    )


def test_byline_date_wins_over_an_event_date_in_the_standfirst() -> None:
    article = (
        "<h1>Council expands bus network</h1>"
        "<p>Councillors will meet again on 4 March 2021 to agree the timetable.</p>"
        '<div class="byline">By Tom Hughes <span class="when">3 March 2021</span></div>'
    )
    assert extract_html(page(META, article)).published == dt.date(2021, 3, 3)


def test_a_short_piece_that_is_mostly_a_date_wins_without_date_markup() -> None:
    article = (
        "<h1>Council expands bus network</h1>"
        "<p>Councillors will meet again on 4 March 2021 to agree the timetable.</p>"
        "<p>2 March 2021</p>"
    )
    head = '<meta property="og:title" content="Council expands bus network">'
    assert extract_html(page(head, article)).published == dt.date(2021, 3, 2)


@pytest.mark.parametrize(
    "line",
    [
        "Updated March 5, 2021 | Published March 3, 2021",
        "Mis à jour le 5 mars 2021 · Publié le 3 mars 2021",
        "Aktualisiert am 04.03.2021 – Veröffentlicht am 03.03.2021",
        "Обновлено 4 марта 2021 — Опубликовано 3 марта 2021",
    ],
)
def test_published_date_is_read_after_an_updated_date(line: str) -> None:
    head = '<meta property="og:title" content="Council expands bus network">'
    article = f'<h1>Council expands bus network</h1><div class="info">{line}</div>'
    assert extract_html(page(head, article)).published == dt.date(2021, 3, 3)


def test_kicker_child_is_dropped_when_another_child_is_the_metadata_title() -> None:
    h1 = (
        '<h1 class="hd"><span class="a">Transport</span> '
        '<span class="b">Council expands bus network</span></h1>'
    )
    assert extract_html(page(META, h1)).headline == "Council expands bus network"


def test_kicker_child_is_dropped_when_the_metadata_title_has_the_kicker_form() -> None:
    head = '<meta property="og:title" content="Transport: Council expands bus network">'
    h1 = "<h1><span>Transport</span><span>: </span><span>Council expands bus network</span></h1>"
    assert extract_html(page(head, h1)).headline == "Council expands bus network"


def test_multi_part_h1_is_kept_whole_when_no_part_is_the_metadata_title() -> None:
    head = '<meta property="og:title" content="Council expands bus network to the north">'
    h1 = "<h1><span>Council expands bus network</span> <em>to the north</em></h1>"
    assert extract_html(page(head, h1)).headline == "Council expands bus network to the north"
