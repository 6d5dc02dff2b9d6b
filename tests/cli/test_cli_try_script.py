"""`digest-bot try --script`: the shipped sample conversation, run as a user would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import as_file
from pathlib import Path

import pytest

from bot.tryout.samples import SAMPLE_CHANNEL, sample_script
from storage.library import Library

TIMEOUT_S = 180


def _clean_env() -> dict[str, str]:
    """The environment of a fresh machine: no token, no digest-bot settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}


def _blocks(transcript: str) -> list[tuple[str, str]]:
    """(input line, everything printed until the next input) pairs, in order."""
    blocks: list[tuple[str, str]] = []
    for line in transcript.splitlines():
        if line.startswith("> "):
            blocks.append((line[2:], ""))
        elif blocks:
            typed, replies = blocks[-1]
            blocks[-1] = (typed, replies + line + "\n")
    return blocks


@pytest.fixture(scope="module")
def conversation(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    with as_file(sample_script()) as script:
        return subprocess.run(
            [sys.executable, "-m", "bot", "try", "--script", str(script)],
            cwd=tmp_path_factory.mktemp("try"),
            env=_clean_env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )


def _reply_to(conversation: subprocess.CompletedProcess[str], typed: str) -> str:
    matches = [replies for line, replies in _blocks(conversation.stdout) if line == typed]
    assert matches, f"input {typed!r} not echoed; output:\n{conversation.stdout}"
    return matches[0]


def test_the_script_runs_to_the_end_without_errors(
    conversation: subprocess.CompletedProcess[str],
) -> None:
    assert conversation.returncode == 0, conversation.stderr
    assert "Traceback" not in conversation.stderr
    assert "Sorry, something went wrong" not in conversation.stdout
    assert "(no reply within" not in conversation.stdout
    assert "\n! " not in conversation.stdout
    typed = [line for line, _ in _blocks(conversation.stdout)]
    assert typed[0] == "/start"
    assert typed[-1] == ":inline lighthouse"


def test_start_greets_and_points_to_help(conversation: subprocess.CompletedProcess[str]) -> None:
    reply = _reply_to(conversation, "/start")
    assert reply.startswith("bot: ")
    assert "library" in reply
    assert "/help" in reply


def test_help_lists_the_commands_and_the_query_language(
    conversation: subprocess.CompletedProcess[str],
) -> None:
    reply = _reply_to(conversation, "/help")
    for command in ("/search", "/latest", "/article"):
        assert command in reply
    assert '"' in reply  # the exact-phrase example


def test_a_short_text_searches_the_samples(conversation: subprocess.CompletedProcess[str]) -> None:
    reply = _reply_to(conversation, "ferry")
    assert "Night Ferry Returns to Port Aldwin After Two Silent Winters" in reply
    assert "20 November 2026" in reply


def test_more_shows_the_rest_of_the_results(conversation: subprocess.CompletedProcess[str]) -> None:
    first_page = _reply_to(conversation, "/search Aldwin")
    assert "[1] More" in first_page
    second_page = _reply_to(conversation, ":press 1")
    headlines = {
        "Night Ferry Returns to Port Aldwin After Two Silent Winters",
        "Port Aldwin Bakery Wins Regional Bread Prize With Seaweed Loaf",
        "Storm Tears Roof From Port Aldwin Primary School",
        "Volunteers Relight the Old Lighthouse at Port Aldwin for One Night",
        "Library Lends Tools as Well as Books",
        "Ninety-Year-Old Finishes the Harbour Marathon",
        "Neuer Windpark vor Port Aldwin liefert ersten Strom",
    }
    on_first = {h for h in headlines if h in first_page}
    on_second = {h for h in headlines if h in second_page}
    assert len(on_first) == 5
    assert on_second == headlines - on_first


def test_latest_and_article_show_stored_samples(
    conversation: subprocess.CompletedProcess[str],
) -> None:
    assert "#8" in _reply_to(conversation, "/latest")
    card = _reply_to(conversation, "/article 3")
    assert "Night Ferry Returns to Port Aldwin After Two Silent Winters" in card
    assert "Elsie Tremayne" in card
    assert "We promised the islands a night crossing" in card


def test_a_pasted_article_is_saved_and_answered_with_its_card(
    conversation: subprocess.CompletedProcess[str],
) -> None:
    block = _reply_to(conversation, ":paste")
    reply = block[block.index("bot: ") :]
    assert reply.startswith("bot: Port Aldwin Choir Sings on the Ferry Deck for the Islands")
    assert "25 November 2026" in reply
    assert "We wanted the islanders to hear us" in reply
    assert "Agnes Pollard" in reply
    assert "#9" in reply  # eight samples before it


def test_inline_query_lists_matching_samples(
    conversation: subprocess.CompletedProcess[str],
) -> None:
    reply = _reply_to(conversation, ":inline lighthouse")
    assert reply.startswith("inline: ")
    assert "Volunteers Relight the Old Lighthouse at Port Aldwin for One Night" in reply


def test_db_option_keeps_the_library_and_the_articles_added_in_the_chat(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text(
        ":paste\ndate 2026-11-27\nGull Point Webcam Spots a Seal Pup\n\n"
        "A webcam on Gull Point filmed a grey seal pup resting on the slipway at dawn.\n\n"
        '"It slept for two hours and then waddled back into the sea," warden Rosa Kemp said.\n'
        ":end\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "kept.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "try", "--script", str(script), "--db", str(db_path)],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    assert "bot: Gull Point Webcam Spots a Seal Pup" in result.stdout
    with Library(db_path) as library:
        samples = library.articles_after(0, chat_id=SAMPLE_CHANNEL.chat_id)
        headlines = {article.headline for article in library.articles_after(0)}
    assert len(samples) == 8
    assert "Gull Point Webcam Spots a Seal Pup" in headlines


def test_a_script_with_a_failing_line_runs_on_and_exits_1(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text(":frobnicate\n/start\n:file missing.txt\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "try", "--script", str(script)],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert result.returncode == 1
    assert "! unknown instruction :frobnicate" in result.stdout
    assert "bot: " in _reply_to(result, "/start")  # the lines after a failure still run
    assert f"Error: 2 lines of {script} failed" in result.stderr
    assert "Traceback" not in result.stderr
