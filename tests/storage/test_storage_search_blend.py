"""The news ranking on small libraries whose right order is obvious: relevance blended with
recency by default, ``sort:new`` and ``sort:relevance`` on request."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import Library
from storage.recency import HALF_WEIGHT_DAYS

A = -1001
TODAY = dt.date(2026, 6, 15)
YESTERDAY = TODAY - dt.timedelta(days=1)
FIVE_YEARS_AGO = TODAY - dt.timedelta(days=5 * 365)
FILLER = "The council met on Tuesday and discussed the budget, the roads and the new school."


def _ids(library: Library, query: str) -> list[int]:
    return [hit.article.id for hit in library.search(A, query, limit=10, today=TODAY).hits]


def test_yesterdays_article_beats_a_five_year_old_one_of_comparable_relevance(
    library: Library, add
) -> None:
    # The old one is even a little more relevant: "ferry" once more in its body.
    old = add(A, "Ferry strike in the harbour", f"{FILLER} Ferry crews walked out. Ferry.",
              published=FIVE_YEARS_AGO)  # fmt: skip
    new = add(A, "Ferry strike in the harbour", f"{FILLER} Ferry crews walked out. Today.",
              published=YESTERDAY)  # fmt: skip
    assert _ids(library, "ferry") == [new, old]
    assert _ids(library, "ferry sort:relevance") == [old, new]


def test_a_clearly_better_old_match_still_wins(library: Library, add) -> None:
    old = add(A, "Ferry strike ends", "Ferry crews return; the ferry timetable is back.",
              lead_quote="The ferry runs again", published=FIVE_YEARS_AGO)  # fmt: skip
    passing = add(A, "Council budget approved", f"{FILLER} {FILLER} A ferry was mentioned.",
                  published=YESTERDAY)  # fmt: skip
    assert _ids(library, "ferry") == [old, passing]


def test_recency_counts_from_publication_not_arrival(library: Library, add) -> None:
    """An imported archive is old news with new ids: it does not jump ahead of yesterday's."""
    news = add(A, "Flood on the river", FILLER, published=YESTERDAY)
    archive = add(A, "Flood on the river", FILLER + " Archive.", published=dt.date(2015, 3, 1))
    assert archive > news
    assert _ids(library, "flood") == [news, archive]
    assert _ids(library, "flood sort:new") == [news, archive]


def test_an_undated_article_counts_from_the_day_it_arrived(library: Library, add) -> None:
    dated = add(A, "Bridge reopens", FILLER, published=TODAY - dt.timedelta(days=3 * 365))
    undated = add(A, "Bridge reopens", FILLER + " Again.", published=None)
    today = dt.datetime.now(dt.UTC).date()
    hits = library.search(A, "bridge", today=today).hits
    assert [hit.article.id for hit in hits] == [undated, dated]


@pytest.mark.sqlite_only
def test_rank_is_bm25_times_recency(library: Library, add) -> None:
    for other in ("Budget", "Roads", "School"):
        add(A, other, FILLER)
    # The same length and the same words but one: the same bm25.
    fresh = add(A, "Storm warning", f"{FILLER} One.", published=TODAY)
    aged = add(A, "Storm warning", f"{FILLER} Two.",
               published=TODAY - dt.timedelta(days=HALF_WEIGHT_DAYS))  # fmt: skip
    future = add(A, "Storm warning", f"{FILLER} Six.", published=TODAY + dt.timedelta(days=30))
    blended = {h.article.id: h.rank for h in library.search(A, "storm", today=TODAY).hits}
    relevance = {
        h.article.id: h.rank for h in library.search(A, "storm sort:relevance", today=TODAY).hits
    }
    assert relevance[fresh] == relevance[aged] == relevance[future] < 0  # the same text
    assert blended[fresh] == relevance[fresh]  # published today: full weight
    assert blended[future] == relevance[future]  # a date ahead counts as today
    assert blended[aged] == pytest.approx(relevance[aged] / 2)  # seven years: half weight
    # equal scores: the later arrival first
    assert _ids(library, "storm") == [future, fresh, aged]


def test_sort_new_orders_by_news_day_then_arrival(library: Library, add) -> None:
    weak_new = add(A, "Budget", f"{FILLER} A harbour.", published=YESTERDAY)
    strong_old = add(A, "Harbour harbour", "Harbour news.", published=FIVE_YEARS_AGO)
    same_day = add(A, "Budget two", f"{FILLER} The harbour.", published=YESTERDAY)
    hits = library.search(A, "harbour sort:new", today=TODAY).hits
    assert [hit.article.id for hit in hits] == [same_day, weak_new, strong_old]
    assert {hit.rank for hit in hits} == {0.0}
    assert _ids(library, "harbour")[0] == strong_old  # the blend: far more relevant
    assert _ids(library, "harbour sort:relevance")[0] == strong_old


def test_the_last_sort_word_wins_and_others_are_text(library: Library, add) -> None:
    old = add(A, "Harbour harbour", "Harbour news.", published=FIVE_YEARS_AGO)
    new = add(A, "Budget", f"{FILLER} A harbour.", published=YESTERDAY)
    assert _ids(library, "sort:relevance harbour sort:new") == [new, old]
    assert _ids(library, "harbour sort:oldest") == []  # "sort:oldest" is literal text
