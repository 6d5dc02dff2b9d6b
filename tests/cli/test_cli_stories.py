"""`digest-bot stories` (listing, --json, --rebuild) and `story_id` in `digest-bot export`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.stories import matcher as matcher_module
from bot.stories import similarity
from bot.stories.matcher import LexicalStoryMatcher
from bot.stories.similarity import TextFeatures
from storage import Library, NewArticle

A, B = -1001, -1002
T0 = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
QUAKE = (
    "Magnitude 7.1 earthquake strikes southern Mexico, killing 12",
    "A magnitude 7.1 earthquake struck the Mexican state of Oaxaca on Tuesday, killing at least "
    "12 people and damaging hundreds of buildings, officials said.",
)
QUAKE_REWRITE = (
    "Earthquake of magnitude 7.1 strikes southern Mexico, 12 killed",
    "An earthquake of magnitude 7.1 struck the Mexican state of Oaxaca on Tuesday, killing at "
    "least 12 people and damaging hundreds of buildings, officials said.",
)
PHONE = (
    "Apple unveils a thinner iPhone at its September event in Cupertino",
    "Apple showed a thinner iPhone with a new camera on Wednesday; it goes on sale next week "
    "in forty countries.",
)


def _article(chat_id: int, text: tuple[str, str], published: dt.datetime) -> NewArticle:
    headline, lead = text
    return NewArticle(
        chat_id=chat_id,
        headline=headline,
        body=lead,
        lead=lead,
        lang="en",
        content_hash=f"{chat_id}:{headline}",
        published=published,
        source_title=f"Outlet {-chat_id}",
    )


@pytest.fixture
def db(library_target: str | Path) -> str | Path:
    path = library_target
    with Library(path, stories=LexicalStoryMatcher()) as library:
        library.add_article(_article(A, QUAKE, T0))
        library.add_article(_article(B, QUAKE_REWRITE, T0 + dt.timedelta(hours=2)))
        library.add_article(_article(A, PHONE, T0 + dt.timedelta(days=2)))
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _json_lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_stories_lists_each_story_with_its_articles(db: str | Path) -> None:
    result = run("stories", "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("story ") and "2 articles" in lines[0]
    assert "Outlet 1001" in lines[1] and "Outlet 1002" in lines[2]
    assert "1 article " in lines[3] and "iPhone" in lines[3]


def test_stories_json_per_chat_and_since(db: str | Path) -> None:
    every = _json_lines(run("stories", "--db", str(db), "--json").output)
    assert [len(s["articles"]) for s in every] == [2, 1]  # type: ignore[arg-type]
    assert every[0]["first_at"] == T0.isoformat()
    assert "body" not in every[0]["articles"][0]  # type: ignore[index]

    seen_by_b = _json_lines(run("stories", "--db", str(db), "--json", "--chat", str(B)).output)
    assert [[a["chat_id"] for a in s["articles"]] for s in seen_by_b] == [[B]]  # type: ignore[attr-defined]

    later = _json_lines(run("stories", "--db", str(db), "--json", "--since", "2024-03-06").output)
    assert [s["articles"][0]["headline"] for s in later] == [PHONE[0]]  # type: ignore[index]


def test_a_bad_since_is_a_usage_error(db: str | Path) -> None:
    result = CliRunner().invoke(main, ["stories", "--db", str(db), "--since", "last week"])
    assert result.exit_code == 2
    assert "2018-07-01" in result.output


def test_rebuild_prints_progress_and_keeps_the_grouping(db: str | Path) -> None:
    before = {a["id"]: a["story_id"] for a in _json_lines(run("export", "--db", str(db)).output)}
    result = run("stories", "--db", str(db), "--rebuild")
    assert result.exit_code == 0, result.output
    assert "rebuilding stories: 3/3 articles" in result.output
    assert "rebuilt 2 stories from 3 articles" in result.output
    after = {a["id"]: a["story_id"] for a in _json_lines(run("export", "--db", str(db)).output)}
    assert after.keys() == before.keys() == {1, 2, 3}
    assert after[1] == after[2] != after[3]
    assert before[1] == before[2] != before[3]


def test_rebuild_refuses_listing_options(db: str | Path) -> None:
    result = CliRunner().invoke(main, ["stories", "--db", str(db), "--rebuild", "--json"])
    assert result.exit_code == 2


def test_ingest_assigns_stories(library_target: str | Path, tmp_path: Path) -> None:
    db = library_target
    files = []
    for name, (headline, lead) in (("one.txt", QUAKE), ("two.txt", QUAKE_REWRITE)):
        path = tmp_path / name
        path.write_text(f"{headline}\n\n{lead}\n", encoding="utf-8")
        files.append(str(path))
    result = run("ingest", *files, "--chat", str(A), "--db", str(db), "--jobs", "1")
    assert result.exit_code == 0, result.output
    exported = _json_lines(run("export", "--db", str(db)).output)
    assert len(exported) == 2
    assert exported[0]["story_id"] == exported[1]["story_id"] is not None


def _grouping(db: str | Path) -> tuple[dict[str, set[int | None]], set[frozenset[int]]]:
    """Per headline, the stories its articles are in; and the articles' partition by story."""
    by_headline: dict[str, set[int | None]] = {}
    by_story: dict[int | None, set[int]] = {}
    with Library(db) as library:
        for article in library.iter_articles():
            by_headline.setdefault(article.headline, set()).add(article.story_id)
            by_story.setdefault(article.story_id, set()).add(article.id)
    return by_headline, {frozenset(ids) for ids in by_story.values()}


def _count_story_text_work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count, in this process, the headlines and leads whose story text is computed."""
    calls = [0]
    compute = similarity.text_features

    def counted(headline: str, lead: str) -> TextFeatures:
        calls[0] += 1
        return compute(headline, lead)

    monkeypatch.setattr(matcher_module, "text_features", counted)
    return calls


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ingest_prepares_each_story_text_once_and_groups_as_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The story text is prepared where the article is extracted (in the workers with
    --jobs 2, here with --jobs 1) and the store uses that preparation: this process computes
    none of it again. The stories are those the matcher makes computing everything itself
    (``stories --rebuild``), and each article got its own text's preparation."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for index, (headline, lead) in enumerate([QUAKE, PHONE, QUAKE_REWRITE] * 12):
        text = f"{headline}\n\nMarch 5, 2024\n\n{lead}\n\nArticle {index} of the wire.\n"
        (folder / f"{index:02d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "library.sqlite3"
    calls = _count_story_text_work(monkeypatch)
    result = run("ingest", str(folder), "--chat", str(A), "--db", str(db), "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert calls[0] == (36 if jobs == "1" else 0)  # in the extraction path only
    by_headline, ingested = _grouping(db)
    assert len(by_headline[QUAKE[0]]) == len(by_headline[PHONE[0]]) == 1
    assert by_headline[QUAKE[0]] == by_headline[QUAKE_REWRITE[0]] != by_headline[PHONE[0]]
    assert run("stories", "--db", str(db), "--rebuild").exit_code == 0
    assert _grouping(db)[1] == ingested


def test_ingest_of_an_export_in_workers_groups_as_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for an export's posts (the stream through ``_Ingest._remembered``)."""
    messages = [
        {
            "id": index + 1,
            "type": "message",
            "date": f"2024-03-05T{9 + index // 12:02d}:{index % 12 * 5:02d}:00",
            "text": f"{headline}\n\n{lead}\n\nPost {index} of the wire.",
        }
        for index, (headline, lead) in enumerate([QUAKE, PHONE, QUAKE_REWRITE] * 12)
    ]
    export = tmp_path / "result.json"
    header = {"name": "Wire", "type": "public_channel", "id": 1000000077}
    export.write_text(json.dumps({**header, "messages": messages}), encoding="utf-8")
    db = tmp_path / "library.sqlite3"
    calls = _count_story_text_work(monkeypatch)
    result = run("ingest", str(export), "--chat", "-1001000000077", "--db", str(db), "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "stored: 36" in result.output
    assert calls[0] == 0
    by_headline, ingested = _grouping(db)
    assert all(len(stories) == 1 for stories in by_headline.values())
    assert by_headline[QUAKE[0]] != by_headline[PHONE[0]] != by_headline[QUAKE_REWRITE[0]]
    assert run("stories", "--db", str(db), "--rebuild").exit_code == 0
    assert _grouping(db)[1] == ingested
