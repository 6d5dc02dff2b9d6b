"""Search against a real library: every query-language feature, ranking, snippets, paging."""

from __future__ import annotations

import datetime as dt

import pytest

from storage import SNIPPET_END, SNIPPET_START, Chat, Library

A, B = -1001, -1002


def _headlines(library: Library, query: str, viewer: int | None = None) -> list[str]:
    return [hit.article.headline for hit in library.search(viewer, query, limit=50).hits]


@pytest.fixture
def news(library: Library, add) -> Library:
    library.upsert_chat(Chat(chat_id=B, type="channel", username="Harbour_Times"))
    add(A, "Flood warning for the river", "Rain keeps falling.", published=dt.date(2018, 6, 30))
    add(A, "Drought hits farmers", "Fields are dry in July.", published=dt.date(2018, 7, 1))
    add(A, "Cold war memories", "A war that was cold.", published=dt.date(2018, 7, 31))
    add(A, "War and peace", "The cold front arrives.", published=dt.datetime(2018, 7, 31, 23, 0))
    add(B, "Harbour elections", "Voters elected a new mayor.", published=dt.date(2018, 8, 1))
    add(A, "Café reopens", "The naïve owner smiled.", published=None)
    return library


def test_words_must_all_match_and_are_stemmed(news: Library) -> None:
    assert _headlines(news, "farmer dry") == ["Drought hits farmers"]
    assert _headlines(news, "farmer river") == []
    assert _headlines(news, "falls") == ["Flood warning for the river"]


def test_exact_phrase(news: Library) -> None:
    assert _headlines(news, '"cold war"') == ["Cold war memories"]
    assert set(_headlines(news, "cold war")) == {"Cold war memories", "War and peace"}


def test_unbalanced_quote_closes_at_the_end(news: Library) -> None:
    assert _headlines(news, '"cold war') == ["Cold war memories"]


def test_exclusion(news: Library) -> None:
    assert _headlines(news, "war -peace") == ["Cold war memories"]
    assert _headlines(news, 'cold -"cold war"') == ["War and peace"]


def test_or(news: Library) -> None:
    assert set(_headlines(news, "flood OR drought")) == {
        "Flood warning for the river",
        "Drought hits farmers",
    }


def test_prefix(news: Library) -> None:
    assert _headlines(news, "elect*") == ["Harbour elections"]
    assert _headlines(news, "elec") == []


def test_diacritics_are_ignored(news: Library) -> None:
    assert _headlines(news, "cafe naive") == ["Café reopens"]


def test_since_and_until_include_both_days(news: Library) -> None:
    july = _headlines(news, "since:2018-07-01 until:2018-07-31")
    assert set(july) == {"Drought hits farmers", "Cold war memories", "War and peace"}
    assert _headlines(news, "war until:2018-07-30") == []


def test_from_chat_by_username_any_case_or_by_id(news: Library) -> None:
    assert _headlines(news, "from:@harbour_times") == ["Harbour elections"]
    assert _headlines(news, f"from:{B}") == ["Harbour elections"]
    assert _headlines(news, "from:@nobody_knows") == []


def test_literal_text_with_fts_syntax_is_safe(news: Library) -> None:
    assert _headlines(news, 'war AND NEAR( "^peace') == []
    assert _headlines(news, "war: peace^") == ["War and peace"]


def test_empty_query_gives_an_empty_page(news: Library) -> None:
    page = news.search(None, "-war")
    assert page.hits == [] and page.has_more is False


def test_headline_hit_outranks_body_hit(library: Library, add) -> None:
    in_body = add(A, "Council meeting", "The volcano was discussed at length.")
    in_headline = add(A, "Volcano erupts", "Ash covers the town.")
    assert [h.article.id for h in library.search(A, "volcano").hits] == [in_headline, in_body]


def test_newest_publication_first_on_ties(library: Library, add) -> None:
    older = add(A, "Storm", "x", published=dt.date(2018, 1, 1))
    newer = add(A, "Storm", "y", published=dt.date(2018, 5, 1))
    assert [h.article.id for h in library.search(A, "storm").hits] == [newer, older]


def test_snippet_marks_the_matched_words(library: Library, add) -> None:
    add(A, "Budget", "Parliament approved the budget after a long debate on taxes.")
    (hit,) = library.search(A, "taxes").hits
    assert f"{SNIPPET_START}taxes{SNIPPET_END}" in hit.snippet
    assert hit.rank < 0


def test_filter_only_query_lists_newest_first_with_plain_excerpt(news: Library) -> None:
    hits = news.search(None, "since:2018-07-01").hits
    assert [h.article.headline for h in hits][:2] == ["Harbour elections", "War and peace"]
    assert SNIPPET_START not in hits[0].snippet and hits[0].snippet


def test_pagination_has_more(library: Library, add) -> None:
    for n in range(12):
        add(A, f"Tennis report {n}", f"match {n}")
    pages = [library.search(A, "tennis", offset=offset, limit=5) for offset in (0, 5, 10)]
    assert [len(p.hits) for p in pages] == [5, 5, 2]
    assert [p.has_more for p in pages] == [True, True, False]
    ids = [h.article.id for p in pages for h in p.hits]
    assert len(set(ids)) == 12


def test_since_cursor_for_digests(library: Library, add) -> None:
    old = add(A, "Old flood", "x")
    new_flood = add(A, "New flood", "y")
    new_other = add(A, "New drought", "z")
    add(B, "Flood elsewhere", "not visible to A")
    assert [a.id for a in library.since(A, old)] == [new_other, new_flood]
    assert [a.id for a in library.since(A, old, query="flood")] == [new_flood]
    assert [a.id for a in library.since(A, 0, query="flood", limit=1)] == [new_flood]
    assert [a.id for a in library.since(A, 0, query="-flood")] == [new_other, new_flood, old]


def test_since_upper_bound_and_count(library: Library, add) -> None:
    old = add(A, "Old flood", "x")
    mid = add(A, "Mid flood", "y")
    late = add(A, "Late drought", "z")
    add(B, "Flood elsewhere", "not visible to A")
    assert [a.id for a in library.since(A, 0, upper=mid)] == [mid, old]
    assert [a.id for a in library.since(A, 0, query="flood", upper=late, limit=1)] == [mid]
    assert library.count_since(A, 0) == 3
    assert library.count_since(A, old, upper=mid) == 1
    assert library.count_since(A, 0, query="flood", upper=late) == 2
    assert library.count_since(B, 0, query="drought") == 0
    assert library.digest_selection(A, 0, limit=5) == (library.since(A, 0), 3)
    shown, total = library.digest_selection(A, 0, upper=late, limit=2)
    assert ([a.id for a in shown], total) == ([late, mid], 3)
