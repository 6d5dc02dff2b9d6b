"""`digest-bot ingest DIR`: the same file types as naming the files, every skip counted by reason,
and symbolic links that lead out of the directory never followed."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from storage import Library

CHAT = "-100777"

SGML = """<REUTERS><TITLE>HARBOUR BOARD APPROVES NEW DREDGING BUDGET</TITLE>
<DATELINE>LONDON, March 3 - </DATELINE><BODY>The harbour board approved the dredging budget
on Monday after a long debate. "We will start dredging the harbour in the spring," board
chairman Anna Berg told reporters after the vote. The opposition criticised the cost.
</BODY></REUTERS>
"""
OUTSIDE = """Secret Memo Leaves the Building

This file lives outside the imported folder and must never reach the library.
"We never meant it to be published," an official said on Tuesday.
"""


def ingest(*args: str):
    return CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)


def headlines(db: str | Path) -> set[str]:
    with Library(db) as library:
        return {article.headline for article in library.iter_articles(int(CHAT))}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "memo.txt").write_text(OUTSIDE, encoding="utf-8")
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n" * 20, encoding="utf-8")
    (folder / "reuters.sgm").write_text(SGML, encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (folder / "nested" / "blob.bin").write_bytes(bytes(range(256)) * 40)
    with zipfile.ZipFile(folder / "photos.zip", "w") as archive:
        archive.writestr("photo_1.jpg", b"\xff\xd8\xff\xe0")
    (folder / "settings.json").write_text(json.dumps({"foo": 1}), encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "memo-link.txt").symlink_to(outside / "memo.txt")
    (folder / "same-article.txt").symlink_to(folder / "reuters.sgm")  # inside: followed
    os.mkfifo(folder / "pipe")
    return folder


def test_a_directory_takes_what_naming_takes_and_counts_every_skip(
    library_target: str | Path, tmp_path: Path, folder: Path
) -> None:
    db = library_target
    result = ingest(str(folder), "--chat", CHAT, "--db", str(db))
    assert result.exit_code == 1  # photos.zip and settings.json are refused, as when named
    assert result.stdout.splitlines() == [
        "stored: 1",
        "duplicates (already in the library): 1",
        "skipped files: 7 (symlink out of the folder 3, not text 2, hidden 1, "
        "not a regular file 1)",
        "refused: 2 (JSON but not a message 1, no result.json 1)",
    ]
    assert "photos.zip: refused: " in result.stderr and "holds no result.json" in result.stderr
    assert "settings.json: refused: " in result.stderr
    assert "is JSON but not a Telegram message" in result.stderr
    assert headlines(db) == {"HARBOUR BOARD APPROVES NEW DREDGING BUDGET"}
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("reuters.sgm", "stored: 1"),
        ("report.pdf", "refused: 1 (not text 1)"),
        ("settings.json", "refused: 1 (JSON but not a message 1)"),
        ("photos.zip", "refused: 1 (no result.json 1)"),
    ],
)
def test_naming_a_file_tries_it_whatever_its_type(
    library_target: str | Path, tmp_path: Path, folder: Path, name: str, expected: str
) -> None:
    result = ingest(str(folder / name), "--chat", CHAT, "--db", str(library_target))
    assert expected in result.stdout.splitlines()
    assert result.exit_code == (0 if expected.startswith("stored") else 1)


def test_a_link_named_on_the_command_line_is_followed(
    library_target: str | Path, tmp_path: Path, folder: Path
) -> None:
    db = library_target
    result = ingest(str(folder / "memo-link.txt"), "--chat", CHAT, "--db", str(db))
    assert result.exit_code == 0
    assert headlines(db) == {"Secret Memo Leaves the Building"}
