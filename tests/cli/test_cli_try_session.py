"""`digest-bot try` in process: samples, the sandbox-backed session, and the terminal chat loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config
from bot.sandbox import Sandbox
from bot.tryout.console import ScriptLines, chat
from bot.tryout.samples import SAMPLE_CHANNEL, load_samples, sample_articles
from bot.tryout.session import USER_ID, TryActionError, TrySession, try_config
from storage.library import Library

SAMPLE_HEADLINES = {
    "Night Ferry Returns to Port Aldwin After Two Silent Winters",
    "Port Aldwin Bakery Wins Regional Bread Prize With Seaweed Loaf",
    "Storm Tears Roof From Port Aldwin Primary School",
    "Volunteers Relight the Old Lighthouse at Port Aldwin for One Night",
    "Library Lends Tools as Well as Books",
    "Ninety-Year-Old Finishes the Harbour Marathon",
    "Neuer Windpark vor Port Aldwin liefert ersten Strom",
    "Школьники из Северогорска открыли новую комету",
}


def test_every_sample_has_headline_date_and_attributed_quote(tmp_path: Path) -> None:
    with Library(tmp_path / "samples.sqlite3") as library:
        summary = load_samples(library)
        articles = library.articles_after(0, chat_id=SAMPLE_CHANNEL.chat_id)
    assert summary.added == len(sample_articles()) == 8
    assert {a.headline for a in articles} == SAMPLE_HEADLINES
    for article in articles:
        assert article.published is not None, article.headline
        assert article.lead_quote and len(article.lead_quote.split()) >= 4, article.headline
        assert article.quote_speaker, article.headline
    assert {a.lang for a in articles} >= {"en", "de", "ru"}
    assert {a.format for a in articles} == {"text", "html"}


def test_loading_the_samples_twice_stores_them_once(tmp_path: Path) -> None:
    with Library(tmp_path / "samples.sqlite3") as library:
        load_samples(library)
        again = load_samples(library)
        assert library.stats().articles == 8
    assert (again.added, again.already_stored) == (0, 8)


async def test_try_config_points_the_bot_at_the_sandbox_and_shares_the_samples(
    tmp_path: Path,
) -> None:
    base = load_config(env={"DIGEST_BOT_ACCESS_ALLOWED_USERS": "42"})
    async with Sandbox() as sandbox:
        config = try_config(base, sandbox, tmp_path / "db.sqlite3")
    assert config.telegram.token == sandbox.token
    assert config.telegram.base_url == sandbox.base_url
    assert config.storage.path == str(tmp_path / "db.sqlite3")
    assert SAMPLE_CHANNEL.chat_id in config.library.public_sources
    assert config.access.allowed_users == ()  # the person at the terminal may use the bot
    assert USER_ID in config.access.owners


async def test_try_config_keeps_the_demo_in_its_file_when_a_postgresql_url_is_configured(
    tmp_path: Path,
) -> None:
    """The demo must never seed its sample articles into the deployment's PostgreSQL library."""
    base = load_config(env={"DIGEST_BOT_DATABASE_URL": "postgresql://bot@db.example/digest"})
    async with Sandbox() as sandbox:
        config = try_config(base, sandbox, tmp_path / "db.sqlite3")
    assert config.storage.target == str(tmp_path / "db.sqlite3")


async def test_session_answers_commands_and_keeps_the_library_in_the_given_file(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "kept.sqlite3"
    async with TrySession(load_config(env={}), db_path=db_path, quiet_period=0.2) as session:
        assert session.samples.added == 8
        replies = await session.send_command("/article 3")
        assert len(replies) == 1
        assert "Night Ferry Returns to Port Aldwin" in replies[0]
        with pytest.raises(TryActionError, match="no bot message with buttons"):
            await session.press(1)
    async with TrySession(load_config(env={}), db_path=db_path, quiet_period=0.2) as session:
        assert (session.samples.added, session.samples.already_stored) == (0, 8)


async def test_session_sends_files_and_presses_buttons(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "date 2026-11-26\nHarbour Cats Get Their Own Lifejackets\n\n"
        "The lifeboat crew of Port Aldwin has sewn tiny lifejackets for the two harbour cats.\n\n"
        '"They ride along on every training run, so they deserved proper gear," '
        "coxswain Ida Marsh said on Wednesday.\n",
        encoding="utf-8",
    )
    async with TrySession(
        load_config(env={}), db_path=tmp_path / "db.sqlite3", quiet_period=0.2
    ) as session:
        (card,) = await session.send_file(str(article))
        assert "Harbour Cats Get Their Own Lifejackets" in card
        assert "Ida Marsh" in card
        first_page = await session.send_command("/search Aldwin")
        assert "[1] More" in first_page[-1]
        second_page = await session.press(1)
        assert any("Results 6" in reply for reply in second_page)
        with pytest.raises(TryActionError, match="cannot read"):
            await session.send_file(str(tmp_path / "missing.txt"))


async def test_chat_loop_echoes_inputs_reports_mistakes_and_stops_at_quit(tmp_path: Path) -> None:
    printed: list[str] = []
    script = ["# a comment", "", "/start", ":press 9", ":paste", ":end", ":quit", "/help"]
    async with TrySession(
        load_config(env={}), db_path=tmp_path / "db.sqlite3", quiet_period=0.2
    ) as session:
        failed = await chat(session, ScriptLines(script, printed.append), printed.append)
    assert failed == 2  # :press 9 and the empty :paste
    inputs = [line for line in printed if line.startswith("> ")]
    assert inputs == ["> /start", "> :press 9", "> :paste", "> :quit"]  # nothing after :quit
    assert "... :end" in printed
    assert "! no bot message with buttons to press" in printed
    assert any(line.startswith("! nothing pasted") for line in printed)
    assert any(line.startswith("bot: ") for line in printed)
