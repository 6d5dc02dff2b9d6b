"""`digest-bot search`, `stats` and `export` on a real library of a few thousand articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Library, NewArticle

TOPICS = ["budget", "election", "harbour", "vaccine", "railway", "drought", "festival", "tariff"]


def make_article(i: int, chat_id: int) -> NewArticle:
    topic = TOPICS[i % len(TOPICS)]
    body = (
        f"Officials discussed the {topic} plan number {i} on Tuesday. "
        f'"We will publish the {topic} figures next week," the minister said. '
        f"Critics said item {i} came too late."
    )
    return NewArticle(
        chat_id=chat_id,
        headline=f"{topic.title()} plan {i} unveiled",
        body=body,
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        published=dt.date(2018, 7, 1) + dt.timedelta(days=i % 60),
        date_source="header",
        lead_quote=f"We will publish the {topic} figures next week,",
        quote_speaker="Smith",
        lead=body.split(". ")[0] + ".",
        lang="en",
        format="text",
    )


@pytest.fixture(scope="module")
def library_path(module_library_target):
    path = module_library_target
    with Library(path) as library:
        library.add_articles(make_article(i, chat_id=-1000 - i % 5) for i in range(3000))
        library.add_article(
            NewArticle(
                chat_id=-1000,
                headline="Harbour tariff dispute settled",
                body="A short note about the harbour.",
                content_hash="special",
                published=dt.date(2018, 9, 1),
            )
        )
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_search_ranks_headline_match_first_and_highlights(library_path):
    result = run("search", "harbour", "tariff", "--db", str(library_path), "--limit", "3")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "Harbour tariff dispute settled" in first


def test_search_json_is_stable(library_path):
    result = run("search", "vaccine", "--db", str(library_path), "--json", "--limit", "5")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 5
    assert list(rows[0]) == [
        "position",
        "id",
        "chat_id",
        "headline",
        "date",
        "date_source",
        "lead_quote",
        "speaker",
        "source_url",
        "snippet",
        "highlights",
        "rank",
    ]
    assert [row["position"] for row in rows] == [1, 2, 3, 4, 5]
    for row in rows:
        assert "vaccine" in row["headline"].lower() or "vaccine" in row["snippet"].lower()
        start, end = row["highlights"][0]
        assert row["snippet"][start:end].lower().startswith("vaccine")


def test_search_chat_sees_only_its_collection(library_path):
    result = run("search", "railway", "--db", str(library_path), "--chat", "-1001", "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows and {row["chat_id"] for row in rows} == {-1001}
    nobody = run("search", "railway", "--db", str(library_path), "--chat", "42", "--json")
    assert nobody.output == ""


def test_search_offset_pages_do_not_overlap(library_path):
    first = run("search", "budget", "--db", str(library_path), "--json", "--limit", "10")
    second = run(
        "search", "budget", "--db", str(library_path), "--json", "--limit", "10", "--offset", "10"
    )
    ids_a = {json.loads(line)["id"] for line in first.output.splitlines()}
    ids_b = {json.loads(line)["id"] for line in second.output.splitlines()}
    assert len(ids_a) == len(ids_b) == 10 and not ids_a & ids_b


@pytest.mark.parametrize("query", ['NEAR(" AND *', '"unbalanced', "'; DROP TABLE articles; --"])
def test_hostile_queries_do_not_crash(library_path, query):
    result = run("search", query, "--db", str(library_path))
    assert result.exit_code == 0


@pytest.mark.sqlite_only  # a file that is not there
def test_missing_library_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["search", "x", "--db", str(tmp_path / "none.sqlite3")])
    assert result.exit_code == 1
    assert "no library at" in result.output


def test_stats_counts(library_path):
    result = run("stats", "--db", str(library_path), "--json")
    figures = json.loads(result.output)
    assert figures["articles"] == 3001
    assert figures["collections"] == 5
    assert figures["by_lang"]["en"] == 3000


def test_export_writes_every_article(library_path, tmp_path):
    out = tmp_path / "export.jsonl"
    result = run("export", "--db", str(library_path), "--chat", "-1002", "-o", str(out))
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 600
    assert all(row["chat_id"] == -1002 for row in rows)
    assert {"headline", "body", "lead_quote", "published", "content_hash"} <= set(rows[0])


@pytest.mark.parametrize(
    "args",
    [
        ("search", "harbour", "-tariff"),
        ("search", "-tariff", "harbour", "--limit", "1000"),
        ("search", "harbour", "-tariff", "-h", "--limit", "1000"),
        ("search", "--limit", "1000", "--json", "--", "harbour", "-tariff"),
    ],
)
def test_search_excludes_a_dashed_word_given_on_the_command_line(library_path, args):
    result = run(args[0], "--db", str(library_path), "--json", *args[1:])
    assert result.exit_code == 0, result.output
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert hits and len(hits) <= 375  # every 8th of the 3,000 articles is about the harbour
    assert all("harbour" in hit["headline"].lower() for hit in hits)
    assert not any("tariff" in hit["headline"].lower() for hit in hits)


def test_search_help_is_still_there():
    result = run("search", "--help")
    assert result.exit_code == 0
    assert "-word excludes" in result.output
