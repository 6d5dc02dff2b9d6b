"""The real Application, built from a real Config, polling the sandbox over HTTP.

``bot_env`` gives a started bot and its sandbox; ``make_bot`` builds one with config overrides
(owners, allowed users, fetch rules...). The library is a real SQLite file in ``tmp_path``, or
a fresh PostgreSQL database with ``DIGEST_BOT_TEST_BACKEND=postgresql`` (``library_target``).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application, start_application, stop_application
from bot.config import Config, load_config
from bot.sandbox import Sandbox
from bot.services import App
from storage.aio import AsyncLibrary
from tests.library_backend import is_postgres_target

USER_ID = 1001
OTHER_USER_ID = 1002
GROUP_ID = -1001000000001
OTHER_GROUP_ID = -1001000000002
CHANNEL_ID = -1001000000003
#: Where the shared gold corpus is (``$DIGEST_BOT_CORPUS`` overrides).
CORPUS_DIR = Path(
    os.environ.get("DIGEST_BOT_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus"
)


@dataclass
class BotEnv:
    """A started bot: the sandbox it talks to, the Application, its config and library."""

    sandbox: Sandbox
    application: App
    config: Config
    #: What its library is: the SQLite file or the PostgreSQL URL (``config.storage.target``).
    library_target: str | Path

    @property
    def library(self) -> AsyncLibrary:
        return self.application.bot_data.services.library


def storage_env(library_target: str | os.PathLike[str]) -> dict[str, str]:
    """The environment that points a Config at ``library_target`` (a file or a URL)."""
    if is_postgres_target(library_target):
        return {"DIGEST_BOT_DATABASE_URL": str(library_target)}
    return {"DIGEST_BOT_STORAGE_PATH": str(library_target)}


def make_config(
    sandbox: Sandbox, library_target: str | os.PathLike[str], **sections: dict[str, Any]
) -> Config:
    """A Config pointing at the sandbox and at ``library_target`` (SQLite file or PostgreSQL
    URL); ``sections`` override keys: access={"owners": (1,)}."""
    base = load_config(
        env={
            "DIGEST_BOT_TOKEN": sandbox.token,
            "DIGEST_BOT_TELEGRAM_BASE_URL": sandbox.base_url,
            "DIGEST_BOT_TELEGRAM_BASE_FILE_URL": sandbox.base_file_url,
            **storage_env(library_target),
        }
    )
    changes = {
        name: dataclasses.replace(getattr(base, name), **values)
        for name, values in sections.items()
    }
    return dataclasses.replace(base, **changes)


@dataclass(frozen=True)
class GoldArticle:
    """An article of the gold corpus: its raw text and its labels."""

    text: str
    headline: str
    date: str
    quote: str
    speaker: str


@pytest.fixture(scope="session")
def seed_article() -> GoldArticle:
    """The project's seed (the Sputnik NATO article) with its gold labels; the test is skipped
    when the corpus is absent."""
    labels = CORPUS_DIR / "labels.jsonl"
    if not labels.is_file():
        pytest.skip(f"corpus not found at {CORPUS_DIR} (set DIGEST_BOT_CORPUS)")
    for line in labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        if label["id"] == "seed-nato":
            text = (CORPUS_DIR / label["file"]).read_text(encoding="utf-8")
            quote = label["lead_quote"]
            return GoldArticle(
                text, label["headline"], label["date"], quote["text"], quote["speaker"]
            )
    raise AssertionError(f"no seed-nato label in {labels}")


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox() as running:
        running.add_user(USER_ID, "Ann", "ann")
        running.add_user(OTHER_USER_ID, "Bob", "bob")
        running.add_chat(GROUP_ID, "supergroup", title="Desk A")
        running.add_chat(OTHER_GROUP_ID, "supergroup", title="Desk B")
        running.add_chat(CHANNEL_ID, "channel", title="Newsroom", username="newsroom")
        yield running


@pytest.fixture
async def make_bot(
    sandbox: Sandbox, new_library_target: Callable[[], str | Path]
) -> AsyncIterator[Callable[..., Awaitable[BotEnv]]]:
    started: list[BotEnv] = []

    async def factory(**sections: dict[str, Any]) -> BotEnv:
        target = new_library_target()
        config = make_config(sandbox, target, **sections)
        application = build_application(config)
        await start_application(application, poll_timeout=1)
        env = BotEnv(sandbox, application, config, target)
        started.append(env)
        return env

    yield factory
    for env in reversed(started):
        await stop_application(env.application)


@pytest.fixture
async def bot_env(make_bot: Callable[..., Awaitable[BotEnv]]) -> BotEnv:
    return await make_bot()


@pytest.fixture
def store_article() -> Callable[..., Awaitable[int]]:
    """Store an article straight into a bot's library: ``await store_article(env, chat_id,
    headline, body, **fields)``; returns its id. Independent of the ingestion handlers."""
    import hashlib

    from storage.models import NewArticle

    async def store(env: BotEnv, chat_id: int, headline: str, body: str = "", **fields: Any) -> int:
        body = body or f"{headline}. The full text of the article follows here."
        fields.setdefault(
            "content_hash", hashlib.sha256(f"{headline}\n{body}".encode()).hexdigest()
        )
        result = await env.library.add_article(
            NewArticle(chat_id=chat_id, headline=headline, body=body, **fields)
        )
        return result.article_id

    return store
