"""`digest-bot ingest --chat`: a @username names a collection on a fresh library, a username
that is not the export's own is refused, and a failed run leaves no empty library file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Chat, Library
from storage.chats import is_placeholder_chat_id
from tests.intake.export_factory import write_export

CHANNEL = -1001000000003  # the id in the made-up export's header
ARTICLE = """City Council Approves New Harbour Budget

The city council approved the harbour budget on Monday after a long debate.
"We will start dredging the harbour in the spring," Mayor Anna Berg said after the vote.
"""


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)


def article_file(folder: Path) -> Path:
    path = folder / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_username_on_a_fresh_library_names_a_collection(
    library_target: str | Path, tmp_path: Path
) -> None:
    db = library_target
    result = ingest(str(article_file(tmp_path)), "--chat", "@newsroom", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "stored: 1" in result.stdout.splitlines()
    with Library(db) as library:
        collection = library.find_chat("newsroom")
        assert collection is not None and is_placeholder_chat_id(collection.chat_id)
        assert [a.headline for a in library.iter_articles(collection.chat_id)] == [
            "City Council Approves New Harbour Budget"
        ]
        # the bot meets the channel: the collection becomes the real chat's
        library.upsert_chat(Chat(CHANNEL, "channel", title="Newsroom", username="newsroom"))
        assert len(list(library.iter_articles(CHANNEL))) == 1
        assert library.get_chat(collection.chat_id) is None
    search = CliRunner().invoke(
        main, ["search", "harbour", "--chat", str(CHANNEL), "--db", str(db), "--json"]
    )
    assert '"headline": "City Council Approves New Harbour Budget"' in search.output


def test_files_then_the_export_of_that_username_make_one_collection(
    library_target: str | Path, tmp_path: Path
) -> None:
    db, export = library_target, tmp_path / "result.json"
    counts = write_export(export, 40)
    assert (
        ingest(str(article_file(tmp_path)), "--chat", "@newsroom", "--db", str(db)).exit_code == 0
    )
    result = ingest(str(export), "--chat", "@newsroom", "--db", str(db))
    assert result.exit_code == 0, result.output
    with Library(db) as library:
        assert library.find_chat("newsroom").chat_id == CHANNEL
        articles = list(library.iter_articles(CHANNEL))
    assert len(articles) == counts.posts + 1
    links = {a.source_url for a in articles if a.message_id is not None}
    assert links and all(link.startswith("https://t.me/newsroom/") for link in links)


def test_an_export_given_another_chats_username_is_refused(
    library_target: str | Path, tmp_path: Path
) -> None:
    db, export = library_target, tmp_path / "result.json"
    write_export(export, 40)
    with Library(db) as library:
        library.upsert_chat(Chat(CHANNEL, "channel", title="Newsroom", username="newsroom"))
    result = ingest(str(export), "--chat", "@weather_desk", "--db", str(db))
    assert result.exit_code == 1
    assert f"is the history of @newsroom (chat id {CHANNEL}), not of @weather_desk" in result.stderr
    assert "Traceback" not in result.output
    with Library(db) as library:
        assert library.stats().articles == 0


@pytest.mark.sqlite_only  # looks for the file
def test_a_failed_run_leaves_no_library_file_behind(tmp_path: Path) -> None:
    db, export = tmp_path / "lib.sqlite3", tmp_path / "result.json"
    write_export(export, 20)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    for args in ([str(binary), "--chat", "@newsroom"], [str(export), "--chat", "-1009999"]):
        result = ingest(*args, "--db", str(db))
        assert result.exit_code == 1, result.output
        assert list(tmp_path.glob("lib.sqlite3*")) == []


@pytest.mark.sqlite_only  # the file is still there
def test_a_failed_run_keeps_an_existing_library(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    with Library(db):
        pass
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    assert ingest(str(binary), "--chat", "@newsroom", "--db", str(db)).exit_code == 1
    assert db.is_file()
