"""The query-language parser (pure) and its safety property against a real FTS5 table."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import Library, NewArticle, parse_query
from storage.query import MAX_CLAUSES


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("war peace", '"war" AND "peace"'),
        ('"exact phrase"', '"exact phrase"'),
        ('"unbalanced phrase', '"unbalanced phrase"'),
        ("putin OR trump summit", '("putin" OR "trump") AND "summit"'),
        ("a OR b OR c", '("a" OR "b" OR "c")'),
        ("elect*", '"elect"*'),
        ("nato -russia", '("nato") NOT "russia"'),
        ('nato -"cold war"', '("nato") NOT "cold war"'),
        ("OR", '"OR"'),
        ("nato OR", '"nato" AND "OR"'),
        ("nato or russia", '"nato" AND "or" AND "russia"'),
        ("C++ AND NEAR(x", '"C++" AND "AND" AND "NEAR(x"'),
        ('say "hi', '"say" AND "hi"'),
    ],
)
def test_match_expressions(text: str, match: str) -> None:
    assert parse_query(text).match == match


@pytest.mark.parametrize("text", ["", "   ", "-war", '-war -"cold war"', "* - ** ---", "\x00\x01"])
def test_nothing_to_match_is_empty(text: str) -> None:
    parsed = parse_query(text)
    assert parsed.match is None
    assert parsed.is_empty


def test_filters_are_taken_out_of_the_text() -> None:
    parsed = parse_query("flood since:2018-07-01 until:2018-07-31 from:@Daily_News from:-100123")
    assert parsed.match == '"flood"'
    assert parsed.since == dt.date(2018, 7, 1)
    assert parsed.until == dt.date(2018, 7, 31)
    assert parsed.from_chats == ("@Daily_News", "-100123")
    assert not parsed.is_empty


def test_filters_alone_are_not_empty() -> None:
    parsed = parse_query("from:daily_news")
    assert parsed.match is None and parsed.from_chats == ("@daily_news",)
    assert not parsed.is_empty


def test_repeated_date_filters_narrow_the_range() -> None:
    parsed = parse_query("since:2018-01-01 since:2018-03-01 until:2018-12-31 until:2018-06-30")
    assert (parsed.since, parsed.until) == (dt.date(2018, 3, 1), dt.date(2018, 6, 30))


@pytest.mark.parametrize("text", ["since:2018-13-99", "until:2018-02-30", "since:yesterday"])
def test_an_impossible_date_is_literal_text(text: str) -> None:
    parsed = parse_query(text)
    assert parsed.since is None and parsed.until is None
    assert parsed.match == f'"{text}"'


def test_a_malformed_source_is_literal_text() -> None:
    parsed = parse_query("from:@bad!name")
    assert parsed.from_chats == ()
    assert parsed.match == '"from:@bad!name"'


def test_terms_are_the_included_words_for_highlighting() -> None:
    assert parse_query('flood* "river bank" -drought OR since:2018-01-01').terms == (
        "flood",
        "river bank",
        "OR",
    )


def test_pasted_article_is_capped() -> None:
    parsed = parse_query(" ".join(f"word{n}" for n in range(5000)))
    assert parsed.match is not None
    assert parsed.match.count(" AND ") == MAX_CLAUSES - 1
    assert len(parsed.clauses) == MAX_CLAUSES


@pytest.mark.parametrize(
    ("text", "sort", "match"),
    [
        ("flood", "blend", '"flood"'),
        ("flood sort:new", "new", '"flood"'),
        ("SORT:Relevance flood", "relevance", '"flood"'),
        ("sort:new flood sort:relevance", "relevance", '"flood"'),
        ("flood sort:oldest", "blend", '"flood" AND "sort:oldest"'),
        ('flood "sort:new"', "blend", '"flood" AND "sort:new"'),
    ],
)
def test_sort_words(text: str, sort: str, match: str) -> None:
    parsed = parse_query(text)
    assert (parsed.sort, parsed.match) == (sort, match)


def test_a_sort_word_alone_has_nothing_to_search() -> None:
    assert parse_query("sort:new").is_empty


def test_clauses_are_the_included_phrases_once_per_occurrence() -> None:
    parsed = parse_query('putin OR trump summit -war "cold war" summit')
    assert parsed.clauses == (('"putin"', '"trump"'), ('"summit"',), ('"cold war"',), ('"summit"',))
    assert not parsed.expands_prefix
    assert parse_query("summit -electi*").expands_prefix
    # 3 or 4 characters read their own list of the index (v11_fts_prefix), other lengths merge
    assert not parse_query("ele* elec* summit").expands_prefix
    assert parse_query("el* summit").expands_prefix
    assert not parse_query('"e-mai"*').expands_prefix  # the tokenizer sees "e", then "mai"*
    assert parse_query("elect* summit").clauses == (('"elect"*',), ('"summit"',))


@pytest.fixture(scope="module")
def fts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """The library's own FTS5 index (its columns and tokenizer), holding two articles."""
    with Library(tmp_path_factory.mktemp("fts") / "library.db") as library:
        for headline, body in [
            ("Putin and Trump meet", "running summit in Helsinki"),
            ('C++ "AND" NEAR', "ü ß ^ :"),
        ]:
            library.add_article(NewArticle(-1, headline, body, content_hash=headline))
        yield library._db.conn


_nasty = st.sampled_from(
    ['"', "*", "NEAR(", "AND", "OR", "NOT", "^", ":", "-", "(", ")", "\x00", "since:", "from:@"]
)
#: Any code point, lone surrogates included (they cannot even be encoded for SQLite).
_any_char = st.characters(exclude_categories=())
_query_text = st.lists(st.one_of(_nasty, st.text(_any_char, max_size=12)), max_size=40).map(
    " ".join
)
_ten_thousand = st.text(_any_char, min_size=1, max_size=64).map(
    lambda chunk: (chunk * (10_000 // len(chunk) + 1))[:10_000]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(_any_char), _query_text, _ten_thousand))
def test_any_text_is_empty_or_a_valid_match(fts: sqlite3.Connection, text: str) -> None:
    parsed = parse_query(text)
    if parsed.match is None:
        assert parsed.terms == () and parsed.clauses == ()
    for match in [parsed.match, *(phrase for clause in parsed.clauses for phrase in clause)]:
        if match is not None:  # the phrases are counted on their own for the ranking's bound
            fts.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
            ).fetchall()


def test_ten_thousand_nasty_characters_still_compile(fts: sqlite3.Connection) -> None:
    text = ('NEAR( "a* AND ^b: -c OR \x00 \ud800 ' * 400)[:10_000]
    parsed = parse_query(text)
    assert parsed.match is not None
    fts.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (parsed.match,)
    ).fetchall()
