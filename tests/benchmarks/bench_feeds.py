"""Feed polling at scale (issue 14): 2,000 feeds of 20 items, polled inside ``digest-bot run``.

A loopback feed server in this process answers on :data:`HOSTS` addresses (127.0.1.1 and up),
the feeds spread over them, so the bot's ``[feeds] per_host = 2`` holds as it would for real
sites and its overall concurrency (16) is what bounds a cycle; answers carry an ``ETag`` and a
matching conditional request gets 304. ``python -m bot run`` runs as a subprocess against a
:class:`~bot.sandbox.Sandbox` in this process, its feed job looking for due feeds every second.

1. **First cycle** (reported, no target): every feed is new, so all 40,000 items are stored.
2. **Steady cycles** (the target): 10 % of the feeds gain two new items (the two oldest drop
   out), the rest answer 304. The benchmark makes every feed due at once (as if their
   intervals had run out together) and measures the wall clock until none is due or claimed.
   Meanwhile readers send searches in their private chats, one after another, and the time to
   each answer is taken (their chats follow ten of the hundred collections each).
3. The bot's memory: ``VmHWM`` (peak resident set) from ``/proc``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.sandbox import Sandbox
from storage import Chat, Library
from storage.rows import instant_to_text
from tests.benchmarks.bench_chatload import _cpu_seconds, _proc_status
from tests.benchmarks.measure import Latency, latency
from tests.benchmarks.results import append_rows
from tests.feeds.feed_server import rss

FEEDS = 2_000
ITEMS = 20
CHANGED_SHARE = 0.10
NEW_ITEMS = 2
HOSTS = 16
COLLECTIONS = 100
READERS = 20
FOLLOWS = 10
STEADY_CYCLES = 2
#: Targets of issue 14.
CYCLE_S = 60.0
RSS_MB = 300.0
SEARCH_P95_MS = 1_000.0
CYCLE_TIMEOUT_S = 900.0
READER_BASE = 9_000_000_000
WORDS = (
    "harbour", "council", "ferry", "budget", "minister", "railway", "drought", "festival",
    "tariff", "election", "vaccine", "bridge", "museum", "strike", "coast", "market", "river",
    "school", "hospital", "airport",
)  # fmt: skip
_REPO = Path(__file__).resolve().parents[2]


class FeedLoadError(RuntimeError):
    """The bot process ended early or a cycle did not finish in time."""


class LoadServer:
    """2,000 RSS documents on several loopback addresses, with ETags and 304 answers."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.documents: dict[str, tuple[bytes, str]] = {}
        self.first_item = [0] * FEEDS  # the oldest item number each feed still lists
        self.statuses: Counter[int] = Counter()
        self.port = 0
        self._runner: web.AppRunner | None = None

    def url(self, feed: int) -> str:
        return f"http://127.0.1.{1 + feed % HOSTS}:{self.port}/feed/{feed}"

    def publish(self, feed: int) -> None:
        first = self.first_item[feed]
        items = [self._item(feed, n) for n in range(first + ITEMS - 1, first - 1, -1)]
        body = rss(items, title=f"Wire {feed}")
        self.documents[str(feed)] = (body, '"' + hashlib.sha256(body).hexdigest()[:16] + '"')

    def change(self, share: float) -> int:
        """Give ``share`` of the feeds :data:`NEW_ITEMS` new items; returns how many changed."""
        changed = self.rng.sample(range(FEEDS), int(FEEDS * share))
        for feed in changed:
            self.first_item[feed] += NEW_ITEMS
            self.publish(feed)
        return len(changed)

    def _item(self, feed: int, number: int) -> dict[str, str]:
        rng = random.Random(feed * 100_003 + number)
        words = [rng.choice(WORDS) for _ in range(90)]
        moment = dt.datetime(2025, 3, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=number)
        return {
            "guid": f"feed-{feed}-item-{number}",
            "link": f"https://wire{feed}.example/story/{number}",
            "title": f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} report {feed}-{number}",
            "pubDate": moment.strftime("%a, %d %b %Y %H:%M:%S +0000"),
            "description": f'Report {number} of wire {feed}. "We will act on the '
            f'{" ".join(words[:6])} now," said Mayor Ann Lee. {" ".join(words)}.',
        }

    async def handle(self, request: web.Request) -> web.Response:
        body, etag = self.documents[request.match_info["feed"]]
        if request.headers.get("If-None-Match") == etag:
            self.statuses[304] += 1
            return web.Response(status=304, headers={"ETag": etag})
        self.statuses[200] += 1
        headers = {"ETag": etag, "Content-Type": "application/rss+xml"}
        return web.Response(body=body, headers=headers)

    async def start(self) -> None:
        """Listen on one free port of every host address."""
        app = web.Application()
        app.router.add_get("/feed/{feed}", self.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        for host in range(HOSTS):
            await web.TCPSite(self._runner, f"127.0.1.{1 + host}", self.port).start()
            self.port = self.port or self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


@dataclass(frozen=True, slots=True)
class CycleFigures:
    """One polling cycle: wall clock, the bot's CPU time, answers by status, articles stored,
    searches meanwhile."""

    seconds: float
    cpu_seconds: float
    answered: dict[int, int]
    stored: int
    searches: Latency | None


@dataclass(frozen=True, slots=True)
class FeedFigures:
    first: CycleFigures
    steady: list[CycleFigures]
    idle_search: Latency
    rss_mb: float
    hwm_mb: float


def _set_up_library(db: Path, server: LoadServer) -> list[int]:
    """The feeds in :data:`COLLECTIONS` collections, none due yet; readers following ten
    collections each. Returns the readers' ids."""
    far = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    rng = random.Random(7)
    readers = [READER_BASE + n for n in range(READERS)]
    with Library(db) as library:
        for feed in range(FEEDS):
            library.add_feed(
                chat_id=-1_009_000_000_000 - feed % COLLECTIONS, url=server.url(feed),
                interval=dt.timedelta(hours=1), next_poll_at=far, created_by=None,
            )  # fmt: skip
        for reader in readers:
            library.upsert_chat(Chat(reader, "private", title=f"Reader {reader}"))
            for collection in rng.sample(range(COLLECTIONS), FOLLOWS):
                library.follow(reader, -1_009_000_000_000 - collection)
    return readers


def _make_all_due(db: Path) -> str:
    """Every feed due now; returns that moment as stored."""
    now = instant_to_text(dt.datetime.now(dt.UTC))
    with sqlite3.connect(db, timeout=30) as conn:
        conn.execute("UPDATE feeds SET next_poll_at = ?", (now,))
    return now


def _cycle_done(db: Path, due: str) -> bool:
    with sqlite3.connect(db, timeout=30) as conn:
        [(left,)] = conn.execute(
            "SELECT count(*) FROM feeds WHERE next_poll_at <= ? OR lease_until IS NOT NULL",
            (due,),
        ).fetchall()
    return left == 0


def _articles(db: Path) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


async def _search_load(
    sandbox: Sandbox, readers: list[int], stop: asyncio.Event, samples: list[float]
) -> None:
    """Searches one after another from the readers until ``stop``; each answer's wait kept."""
    rng = random.Random(11)
    turn = 0
    while not stop.is_set():
        reader = readers[turn % len(readers)]
        turn += 1
        started = time.perf_counter()
        sandbox.send_text(reader, reader, f"{rng.choice(WORDS)} {rng.choice(WORDS)}")
        await sandbox.wait_for_messages(reader, timeout=60)
        samples.append(time.perf_counter() - started)
        await asyncio.sleep(0.2)


async def _cycle(
    db: Path,
    server: LoadServer,
    process: subprocess.Popen[bytes],
    sandbox: Sandbox | None = None,
    readers: list[int] | None = None,
) -> CycleFigures:
    server.statuses.clear()
    before = _articles(db)
    stop, samples = asyncio.Event(), []
    load = (
        asyncio.create_task(_search_load(sandbox, readers, stop, samples))
        if sandbox is not None and readers
        else None
    )
    due = _make_all_due(db)
    started, cpu_before = time.perf_counter(), _cpu_seconds(process.pid)
    while not _cycle_done(db, due):
        if process.poll() is not None:
            raise FeedLoadError(f"the bot process ended with code {process.returncode}")
        if time.perf_counter() - started > CYCLE_TIMEOUT_S:
            raise FeedLoadError("the cycle did not finish in time")
        await asyncio.sleep(0.2)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds(process.pid) - cpu_before
    stop.set()
    if load is not None:
        await load
    return CycleFigures(
        seconds=seconds,
        cpu_seconds=cpu,
        answered=dict(server.statuses),
        stored=_articles(db) - before,
        searches=latency(samples) if samples else None,
    )


async def measure(seed: int, workdir: Path) -> FeedFigures:
    server = LoadServer(seed)
    await server.start()
    try:
        for feed in range(FEEDS):
            server.publish(feed)
        db = workdir / "library.sqlite3"
        readers = _set_up_library(db, server)
        async with Sandbox() as sandbox:
            for reader in readers:
                sandbox.add_user(reader, f"Reader {reader}")
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")},
                "DIGEST_BOT_TOKEN": sandbox.token,
                "DIGEST_BOT_TELEGRAM_BASE_URL": sandbox.base_url,
                "DIGEST_BOT_TELEGRAM_BASE_FILE_URL": sandbox.base_file_url,
                "DIGEST_BOT_STORAGE_PATH": str(db),
                "DIGEST_BOT_FETCH_ALLOW_PRIVATE": "true",
                "DIGEST_BOT_FEEDS_TICK_SECONDS": "1",
                "PYTHONPATH": str(_REPO),
            }
            with (workdir / "bot.log").open("wb") as log:
                process = subprocess.Popen(
                    [sys.executable, "-m", "bot", "run"], env=env, stdout=log, stderr=log
                )
            try:
                while not sandbox.calls("getUpdates"):
                    if process.poll() is not None:
                        raise FeedLoadError(f"the bot did not start; see {workdir / 'bot.log'}")
                    await asyncio.sleep(0.05)
                first = await _cycle(db, server, process)
                idle: list[float] = []
                stop = asyncio.Event()
                idle_load = asyncio.create_task(_search_load(sandbox, readers, stop, idle))
                await asyncio.sleep(6)
                stop.set()
                await idle_load
                steady = []
                for _ in range(STEADY_CYCLES):
                    server.change(CHANGED_SHARE)
                    steady.append(await _cycle(db, server, process, sandbox, readers))
                status = _proc_status(process.pid)
            finally:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    finally:
        await server.stop()
    return FeedFigures(first, steady, latency(idle), status["VmRSS"], status["VmHWM"])


def _met(ok: bool) -> str:
    return "met" if ok else "MISSED"


def bench_feeds(size: int, seed: int, record: bool) -> None:
    """Run the feed benchmark (``size`` is not used: the library is the feeds' own)."""
    with tempfile.TemporaryDirectory(prefix="digest-bot-feeds-") as tmp:
        f = asyncio.run(measure(seed, Path(tmp)))
    worst = max(f.steady, key=lambda cycle: cycle.seconds)
    p95 = max(c.searches.p95 for c in f.steady if c.searches is not None)
    ok_cycle, ok_rss, ok_search = worst.seconds < CYCLE_S, f.hwm_mb < RSS_MB, p95 < SEARCH_P95_MS
    print(
        f"feeds: {FEEDS:,} feeds x {ITEMS} items on {HOSTS} loopback hosts; first cycle "
        f"{f.first.seconds:.1f} s, bot CPU {f.first.cpu_seconds:.1f} s ({f.first.stored:,} "
        f"articles stored, answers {f.first.answered})"
    )
    for number, cycle in enumerate(f.steady, start=1):
        searches = cycle.searches.brief() if cycle.searches else "-"
        count = cycle.searches.count if cycle.searches else 0
        print(
            f"  steady cycle {number}: {cycle.seconds:.1f} s (target < {CYCLE_S:.0f} s), bot CPU "
            f"{cycle.cpu_seconds:.1f} s, answers "
            f"{cycle.answered}, {cycle.stored} articles stored; /search p50/p95/p99 "
            f"{searches} ms over {count} searches"
        )
    print(
        f"  /search idle p50/p95/p99 {f.idle_search.brief()} ms; bot RSS {f.rss_mb:.0f} MB, "
        f"peak {f.hwm_mb:.0f} MB (target < {RSS_MB:.0f} MB): cycle {_met(ok_cycle)}, "
        f"memory {_met(ok_rss)}, search {_met(ok_search)}"
    )
    if record:
        append_rows(
            "feeds",
            ["feeds x items (hosts)", "first cycle s, bot CPU s (articles)",
             "steady cycles s, bot CPU s (200 / 304)",
             "/search p50/p95/p99 ms during cycles (idle)", "bot RSS / peak MB",
             "targets (<60 s, <300 MB, p95<1 s)"],
            [[f"{FEEDS:,} x {ITEMS} ({HOSTS}, per_host 2)",
              f"{f.first.seconds:.1f}, {f.first.cpu_seconds:.1f} ({f.first.stored:,})",
              "; ".join(f"{c.seconds:.1f}, {c.cpu_seconds:.1f} ({c.answered.get(200, 0)} / "
                        f"{c.answered.get(304, 0)})" for c in f.steady),
              f"{worst.searches.brief() if worst.searches else '-'} ({f.idle_search.brief()})",
              f"{f.rss_mb:.0f} / {f.hwm_mb:.0f}",
              f"{_met(ok_cycle)}, {_met(ok_rss)}, {_met(ok_search)}"]],
        )  # fmt: skip
