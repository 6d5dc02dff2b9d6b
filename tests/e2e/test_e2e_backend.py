"""The backend switch of the bot-level tests reaches the running bot (see tests/conftest.py)."""

from __future__ import annotations

from storage.postgres import PostgresLibrary
from tests.library_backend import TEST_BACKEND

from .conftest import BotEnv


async def test_the_bot_runs_on_the_backend_the_tests_asked_for(bot_env: BotEnv) -> None:
    library = bot_env.library._library  # the Library the AsyncLibrary runs on its thread
    on_postgres = isinstance(library, PostgresLibrary)
    assert on_postgres == (TEST_BACKEND == "postgresql"), (TEST_BACKEND, library.path)
    assert bot_env.config.storage.target == str(bot_env.library_target)
