"""`digest-bot stories` (listing, --json, --rebuild) and `story_id` in `digest-bot export`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import main
from bot.stories.matcher import LexicalStoryMatcher
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


def test_ingest_groups_stories_the_same_in_worker_processes_as_in_one(tmp_path: Path) -> None:
    """The story text is prepared in the extraction workers with --jobs 2: the stories must
    be those one process makes."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for index, (headline, lead) in enumerate([QUAKE, PHONE, QUAKE_REWRITE] * 12):
        text = f"{headline}\n\nMarch 5, 2024\n\n{lead}\n\nArticle {index} of the wire.\n"
        (folder / f"{index:02d}.txt").write_text(text, encoding="utf-8")
    groupings = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.sqlite3"
        result = run("ingest", str(folder), "--chat", str(A), "--db", str(db), "--jobs", jobs)
        assert result.exit_code == 0, result.output
        with Library(db) as library:
            rows = list(library.iter_articles())
            groupings.append([(article.headline, article.story_id) for article in rows])
    assert groupings[0] == groupings[1]
    stories = {story_id for _, story_id in groupings[0]}
    assert len(groupings[0]) == 36 and len(stories) == 2  # the quake's versions, the phone's
