"""Chat load (issue 6, benchmark 6): search texts from many users, answered end to end.

The cached benchmark library is copied to a temporary directory; ``users`` readers, each
following :data:`FOLLOWS` collections, send short search texts (a speaker's surname, a full
name, a place) in their private chats. Two measurements:

* **capacity**: the real Application (``build_application`` + ``start_application``) in this
  process, polling a :class:`~bot.sandbox.Sandbox`; all updates are queued at once and the
  figure is replies per second until the last reply. The outgoing rate limiter is lifted for
  this run: with it, replies cannot leave faster than Telegram's 30 messages/s, whatever the
  bot can handle.
* **as deployed**: ``python -m bot run`` as a subprocess against a sandbox in this process
  (rate limiter on), its resident memory (``VmRSS`` idle and after the load, ``VmHWM`` peak,
  from ``/proc/<pid>/status``) and its CPU time per handled update (``/proc/<pid>/stat``),
  which does not depend on what else the machine is doing.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot.app import build_application, start_application, stop_application
from bot.config import load_config
from bot.sandbox import Sandbox
from storage import Chat, Library
from storage.aio import AsyncLibrary
from tests.benchmarks.bench_fanout import frequent_keywords
from tests.benchmarks.corpus import (
    COLLECTION_BASE,
    COLLECTIONS,
    build_library,
    newest_article_id,
)
from tests.benchmarks.results import append_rows

#: Collections each reader follows.
FOLLOWS = 10
#: Reader user ids (their private chat ids).
READER_BASE = 8_000_000_000
#: Seconds allowed for the bot to answer everything before the run counts as failed.
ANSWER_TIMEOUT = 300.0
_REPO = Path(__file__).resolve().parents[2]


class ChatLoadError(RuntimeError):
    """The bot did not answer every search in time, or its process ended early."""


@dataclass(frozen=True, slots=True)
class CapacityFigures:
    """Search updates answered per second by the in-process Application."""

    updates: int
    users: int
    seconds: float
    per_s: float
    cpu_ms_per_update: float  # this process: the bot and the sandbox together
    rejected: int


@dataclass(frozen=True, slots=True)
class ProcessFigures:
    """The bot as a subprocess: memory and CPU per update, with the rate limiter on."""

    library_articles: int
    updates: int
    seconds: float
    per_s: float
    cpu_ms_per_update: float
    loop_cpu_ms_per_update: float  # the share of it spent on the event loop (main) thread
    rss_idle_mb: float
    rss_loaded_mb: float
    hwm_mb: float


def search_texts(db: Path, count: int, seed: int) -> list[str]:
    """Short search texts as people type them: a surname, a full name or a word pair."""
    rng = random.Random(seed)
    surnames = frequent_keywords(db, count=200)
    texts = []
    for _ in range(count):
        first, second = rng.sample(surnames, 2)
        texts.append(rng.choice((first, first.lower(), f"{first} {second}", f'"{first}"')))
    return texts


def add_readers(db: Path, users: int, seed: int) -> list[int]:
    """Reader chats following :data:`FOLLOWS` collections each; returns their ids."""
    rng = random.Random(seed)
    readers = [READER_BASE + index for index in range(users)]
    with Library(db) as library, library._db.atomic():  # one commit for the set-up
        for reader in readers:
            library.upsert_chat(Chat(reader, "private", title=f"Reader {reader}"))
            for k in rng.sample(range(COLLECTIONS), FOLLOWS):
                library.follow(reader, COLLECTION_BASE - k)
    return readers


def copy_library(source: Path, directory: str) -> Path:
    db = Path(directory) / "library.sqlite3"
    shutil.copyfile(source, db)
    return db


def queue_searches(sandbox: Sandbox, readers: list[int], texts: list[str]) -> None:
    for reader in readers:
        sandbox.add_user(reader, f"Reader {reader}")
    for index, text in enumerate(texts):
        reader = readers[index % len(readers)]
        sandbox.send_text(reader, reader, text)


async def wait_for_replies(
    sandbox: Sandbox, count: int, process: subprocess.Popen | None = None
) -> None:  # type: ignore[type-arg]
    """Wait until ``count`` messages were accepted (cheap polling: the bot shares this loop)."""
    deadline = time.monotonic() + ANSWER_TIMEOUT
    while len(sandbox.sent) < count:
        if time.monotonic() > deadline:
            raise ChatLoadError(f"only {len(sandbox.sent)} of {count} searches were answered")
        if process is not None and process.poll() is not None:
            raise ChatLoadError(f"the bot process ended with code {process.returncode}")
        await asyncio.sleep(0.02)


async def measure_capacity(db: Path, readers: list[int], texts: list[str]) -> CapacityFigures:
    async with Sandbox() as sandbox:
        config = load_config(env=_bot_env(sandbox, db))
        library = await AsyncLibrary.open(db)
        application = build_application(config, library=library)
        # Lift the 30 messages/s limiter: this run measures what the bot can handle.
        application.bot._rate_limiter = None
        await start_application(application, poll_timeout=1)
        try:
            started, cpu_before = time.perf_counter(), time.process_time()
            queue_searches(sandbox, readers, texts)
            await wait_for_replies(sandbox, len(texts))
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_before
        finally:
            await stop_application(application)
            await library.aclose()
        return CapacityFigures(
            updates=len(texts),
            users=len(readers),
            seconds=seconds,
            per_s=len(texts) / seconds,
            cpu_ms_per_update=cpu * 1000 / len(texts),
            rejected=len(sandbox.rejected),
        )


async def measure_process(
    db: Path, readers: list[int], texts: list[str], log_file: Path
) -> ProcessFigures:
    async with Sandbox() as sandbox:
        env = {**os.environ, **_bot_env(sandbox, db), "PYTHONPATH": str(_REPO)}
        with log_file.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"], env=env, stdout=log, stderr=log
            )
            try:
                while not sandbox.calls("getUpdates"):
                    if process.poll() is not None:
                        raise ChatLoadError(f"the bot did not start; see {log_file}")
                    await asyncio.sleep(0.05)
                await asyncio.sleep(1.0)  # idle: the library is open, nothing handled yet
                idle = _proc_status(process.pid)
                cpu_before = _cpu_seconds(process.pid)
                loop_before = _cpu_seconds(process.pid, f"/task/{process.pid}")
                started = time.perf_counter()
                queue_searches(sandbox, readers, texts)
                await wait_for_replies(sandbox, len(texts), process)
                seconds = time.perf_counter() - started
                cpu = _cpu_seconds(process.pid) - cpu_before
                loop_cpu = _cpu_seconds(process.pid, f"/task/{process.pid}") - loop_before
                loaded = _proc_status(process.pid)
            finally:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    with Library(db) as library:
        articles = newest_article_id(library)
    return ProcessFigures(
        library_articles=articles,
        updates=len(texts),
        seconds=seconds,
        per_s=len(texts) / seconds,
        cpu_ms_per_update=cpu * 1000 / len(texts),
        loop_cpu_ms_per_update=loop_cpu * 1000 / len(texts),
        rss_idle_mb=idle["VmRSS"],
        rss_loaded_mb=loaded["VmRSS"],
        hwm_mb=loaded["VmHWM"],
    )


def run_capacity(source_db: Path, *, updates: int, users: int, seed: int) -> CapacityFigures:
    """Copy the library, add readers, measure the in-process Application's capacity."""
    texts = search_texts(source_db, updates, seed)
    with tempfile.TemporaryDirectory(prefix="digest-bot-chatload-") as tmp:
        db = copy_library(source_db, tmp)
        readers = add_readers(db, users, seed)
        return asyncio.run(measure_capacity(db, readers, texts))


def run_process(source_db: Path, *, updates: int, users: int, seed: int) -> ProcessFigures:
    """Copy the library, add readers, measure ``python -m bot run`` on it."""
    texts = search_texts(source_db, updates, seed)
    with tempfile.TemporaryDirectory(prefix="digest-bot-chatload-") as tmp:
        db = copy_library(source_db, tmp)
        readers = add_readers(db, users, seed)
        return asyncio.run(measure_process(db, readers, texts, Path(tmp) / "bot.log"))


def _bot_env(sandbox: Sandbox, db: Path) -> dict[str, str]:
    return {
        "DIGEST_BOT_TOKEN": sandbox.token,
        "DIGEST_BOT_TELEGRAM_BASE_URL": sandbox.base_url,
        "DIGEST_BOT_TELEGRAM_BASE_FILE_URL": sandbox.base_file_url,
        "DIGEST_BOT_STORAGE_PATH": str(db),
    }


def _proc_status(pid: int) -> dict[str, float]:
    """``VmRSS`` and ``VmHWM`` of a process, in MiB."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0]) / 1024
    return figures


def _cpu_seconds(pid: int, task: str = "") -> float:
    """User + system CPU seconds of a process (all its threads), or of one of its threads."""
    stat = Path(f"/proc/{pid}{task}/stat").read_text()
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


#: Targets of issue 6.
UPDATES_PER_S = 200
RSS_MB = 200
#: Suite sizes: the capacity run, and the subprocess run (paced at Telegram's ~30/s).
CAPACITY_UPDATES = 2000
PROCESS_UPDATES = 450
USERS = 300


def bench_chatload(size: int, seed: int, record: bool) -> None:
    """Run both chat-load measurements on the cached library of ``size``; print, record."""
    db = build_library(size, seed)
    c = run_capacity(db, updates=CAPACITY_UPDATES, users=USERS, seed=seed)
    p = run_process(db, updates=PROCESS_UPDATES, users=USERS, seed=seed)
    other_ms = p.cpu_ms_per_update - p.loop_cpu_ms_per_update  # mostly the database thread
    # Each of the two threads can use one core: the busier one bounds the updates per second.
    bot_ceiling = 1000 / max(p.loop_cpu_ms_per_update, other_ms)
    ok_rate = bot_ceiling >= UPDATES_PER_S
    ok_rss = p.hwm_mb < RSS_MB
    print(
        f"chat load at {size:,} articles: {c.updates:,} searches from {c.users} users answered "
        f"at {c.per_s:.0f}/s in one process with the sandbox ({c.cpu_ms_per_update:.1f} ms CPU "
        f"each, both sides; rate limiter lifted), {c.rejected} refused"
    )
    print(
        f"  python -m bot run: {p.per_s:.1f} replies/s (rate limiter on); bot CPU "
        f"{p.cpu_ms_per_update:.2f} ms/update: {p.loop_cpu_ms_per_update:.2f} ms event loop, "
        f"{other_ms:.2f} ms database thread -> CPU ceiling {bot_ceiling:.0f}/s "
        f"(target >= {UPDATES_PER_S}/s: {_met(ok_rate)}); "
        f"RSS idle {p.rss_idle_mb:.0f} MB, loaded {p.rss_loaded_mb:.0f} MB, peak "
        f"{p.hwm_mb:.0f} MB (target < {RSS_MB} MB: {_met(ok_rss)})"
    )
    if record:
        append_rows(
            "chat load",
            ["articles", "in-process updates/s (CPU ms each, bot+sandbox)",
             "bot process replies/s (limiter on)", "bot CPU ms/update (loop + db thread)",
             "CPU ceiling/s", "RSS idle / loaded / peak MB",
             "targets (>=200/s, <200 MB)"],
            [[f"{size:,}", f"{c.per_s:.0f} ({c.cpu_ms_per_update:.1f})", f"{p.per_s:.1f}",
              f"{p.cpu_ms_per_update:.2f} ({p.loop_cpu_ms_per_update:.2f} + {other_ms:.2f})",
              f"{bot_ceiling:.0f}",
              f"{p.rss_idle_mb:.0f} / {p.rss_loaded_mb:.0f} / {p.hwm_mb:.0f}",
              f"{_met(ok_rate)}, {_met(ok_rss)}"]],
        )  # fmt: skip


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"
