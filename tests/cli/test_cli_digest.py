"""`digest-bot digest --chat ID [--subscription ID]` on a real library file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.schedule import ALL_WEEKDAYS
from storage import Library

from ..digest.digest_articles import ARTICLES_FOR_THREE_PARTS, digest_article

CHAT = -1001000000001
OTHER_CHAT = -1001000000002


@pytest.fixture
def db_path(library_target: str | Path) -> str | Path:
    path = library_target
    with Library(path) as library:
        for number in range(1, ARTICLES_FOR_THREE_PARTS + 1):
            library.add_article(digest_article(CHAT, number))
        library.add_article(digest_article(OTHER_CHAT, 99, topic="election"))
        for keywords, cursor in (("", 0), ("harbour", 8)):
            library.add_subscription(
                chat_id=CHAT,
                thread_id=None,
                local_time=dt.time(9, 0),
                timezone="Europe/Berlin",
                weekdays=ALL_WEEKDAYS,
                keywords=keywords,
                next_due_at=dt.datetime(2030, 1, 1, 8, tzinfo=dt.UTC),
                created_by=None,
                cursor=cursor,
            )
    return path


def run(db_path: str | Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["digest", "--db", str(db_path), *args])
    return result.exit_code, result.output


def test_prints_every_part_as_plain_text(db_path: str | Path) -> None:
    code, output = run(db_path, "--chat", str(CHAT), "--subscription", "1")
    assert code == 0, output
    assert output.startswith("# subscription 1: daily at 09:00 Europe/Berlin")
    assert f"{ARTICLES_FOR_THREE_PARTS} new articles (1/3)" in output
    assert "(3/3)" in output
    assert "<b>" not in output and "&quot;" not in output
    assert output.index("Story 9 ") < output.index("Story 1 ")
    assert "election" not in output  # another chat's article is not visible here


def test_without_subscription_prints_each_of_the_chat(db_path: str | Path) -> None:
    code, output = run(db_path, "--chat", str(CHAT))
    assert code == 0, output
    second = output[output.index("# subscription 2") :]
    assert "keywords: harbour" in second
    assert "1 new article" in second and "Story 9 " in second and "Story 8 " not in second


def test_reading_does_not_move_the_cursor(db_path: str | Path) -> None:
    run(db_path, "--chat", str(CHAT))
    with Library(db_path) as library:
        assert [sub.cursor for sub in library.list_subscriptions(CHAT)] == [0, 8]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--chat", str(OTHER_CHAT)], "has no subscriptions"),
        (["--chat", str(CHAT), "--subscription", "7"], "has no subscription 7"),
    ],
)
def test_unknown_chat_or_subscription_is_an_error(
    db_path: str | Path, args: list[str], message: str
) -> None:
    code, output = run(db_path, *args)
    assert code == 1
    assert message in output


def test_a_story_prints_as_one_entry_with_what_the_chat_sees(db_path: str | Path) -> None:
    from ..e2e.story_membership import join_story

    story = join_story(db_path, 1, 2, 3, ARTICLES_FOR_THREE_PARTS + 1)  # + the other chat's
    code, output = run(db_path, "--chat", str(CHAT), "--subscription", "1")
    assert code == 0, output
    assert f"7 new stories ({ARTICLES_FOR_THREE_PARTS} articles)" in output
    assert output.count(f"also: news.example, news.example · /story_{story}") == 1
    assert "Story 1 " in output and "Story 2 " not in output and "Story 3 " not in output
    assert "election" not in output
