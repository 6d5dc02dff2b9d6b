"""One line, exit code 1, no traceback: what a command says when the library file is unusable."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Library, NewArticle

#: About SQLite files that are no library (or a damaged one).
pytestmark = pytest.mark.sqlite_only

COMMANDS = [["stats"], ["search", "nato"], ["export"], ["digest", "--chat", "-1001"]]


def _not_a_database(folder: Path) -> Path:
    path = folder / "notes.sqlite3"
    path.write_text("These are my notes, not a digest-bot library.\n" * 20, encoding="utf-8")
    return path


def _damaged_library(folder: Path) -> Path:
    path = folder / "damaged.sqlite3"
    with Library(path) as library:
        library.add_articles(
            NewArticle(
                chat_id=-1001,
                headline=f"NATO note {n}",
                body="nato " * 300 + str(n),
                content_hash=str(n),
            )
            for n in range(200)
        )
    data = bytearray(path.read_bytes())
    data[8192::3] = b"\x55" * len(data[8192::3])  # keep the header, wreck every page after
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("make_file", [_not_a_database, _damaged_library])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unusable_library_file_is_one_line_and_exit_1(
    tmp_path: Path, make_file, command: list[str]
) -> None:
    path = make_file(tmp_path)
    result = CliRunner().invoke(main, [*command, "--db", str(path)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"Error: Cannot open the database '{path}': ")
    assert "Traceback" not in result.output
