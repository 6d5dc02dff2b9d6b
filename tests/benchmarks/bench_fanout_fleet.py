"""Digest fan-out on several processes (issue 18): the same due subscriptions as
``bench_fanout``, delivered by 1 and by 3 ``python -m bot run --webhook`` processes sharing one
library file, against a sandbox that enforces Telegram's flood limits.

Telegram's ~30 messages a second is per bot, so more processes must not mean more messages a
second: the figure to watch is that 3 processes keep the pace of 1 (they share it through the
``send_pace`` row) with zero 429s, while each digest still goes out once (every subscription
is checked to have moved on, and messages are counted per chat).

Each process is a real subprocess with its own webhook port; its digest tick runs every second,
so delivery starts within a second of the subscriptions being made due.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.sandbox import Sandbox
from storage.rows import instant_to_text
from tests.benchmarks.bench_fanout import (
    ALLOWED_PER_S,
    NOT_YET,
    FanoutFigures,
    Subscriber,
    _count_sent,
    _sustained_rate,
    add_sandbox_chats,
    add_subscribers,
    frequent_keywords,
    plan_subscribers,
)
from tests.benchmarks.corpus import build_library
from tests.benchmarks.results import append_rows

__all__ = ["bench_fanout_fleet", "run_fleet_fanout"]

WEBHOOK_URL = "https://digest.example/hook"
SECRET = "bench-secret-0123456789"
#: How long the subscriptions may take to go out (10,000 take about six minutes at 28/s).
DELIVERY_TIMEOUT = 1800.0
START_TIMEOUT = 120.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_process(
    sandbox: Sandbox, db: Path, workdir: Path, number: int
) -> tuple[int, subprocess.Popen[bytes]]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_BOT_")}
    env.update(
        DIGEST_BOT_TOKEN=sandbox.token,
        DIGEST_BOT_TELEGRAM_BASE_URL=sandbox.base_url,
        DIGEST_BOT_TELEGRAM_BASE_FILE_URL=sandbox.base_file_url,
        DIGEST_BOT_STORAGE_PATH=str(db),
        DIGEST_BOT_TELEGRAM_WEBHOOK_URL=WEBHOOK_URL,
        DIGEST_BOT_TELEGRAM_WEBHOOK_SECRET=SECRET,
        DIGEST_BOT_TELEGRAM_WEBHOOK_PORT=str(port),
        DIGEST_BOT_DIGEST_TICK_SECONDS="1",
    )
    with (workdir / f"bot{number}.log").open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--webhook"],
            cwd=workdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return port, process


def _still_due(db: Path, due: dt.datetime) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        [(count,)] = conn.execute(
            "SELECT count(*) FROM subscriptions WHERE active = 1 AND next_due_at <= ?",
            (instant_to_text(due),),
        ).fetchall()
    return int(count)


def _make_due(db: Path, due: dt.datetime) -> None:
    with sqlite3.connect(db, timeout=30) as conn:
        conn.execute("UPDATE subscriptions SET next_due_at = ?", (instant_to_text(due),))


async def _deliver(
    db: Path, subscribers: list[Subscriber], count: int, workdir: Path
) -> FanoutFigures:
    async with Sandbox(enforce_flood_limits=True) as sandbox:
        add_sandbox_chats(sandbox, subscribers)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            ports = []
            for number in range(count):
                port, process = _start_process(sandbox, db, workdir, number)
                ports.append(port)
                processes.append(process)
            sandbox.set_webhook_backends([f"http://127.0.0.1:{port}/hook" for port in ports])
            await sandbox.wait_for_call("setWebhook", count, timeout=START_TIMEOUT)
            due = dt.datetime.now(dt.UTC)
            await asyncio.to_thread(_make_due, db, due)
            started = time.perf_counter()
            samples: list[tuple[float, int]] = []
            sampler = asyncio.create_task(_count_sent(sandbox, started, samples))
            while await asyncio.to_thread(_still_due, db, due):
                if time.perf_counter() - started > DELIVERY_TIMEOUT:
                    raise RuntimeError(f"not delivered within {DELIVERY_TIMEOUT:.0f} s")
                await asyncio.sleep(0.2)
            seconds = time.perf_counter() - started
            sampler.cancel()
            samples.append((seconds, len(sandbox.sent)))
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                await asyncio.to_thread(process.wait, 60)
        subscriber_ids = {sub.chat_id for sub in subscribers}
        messages = sum(1 for sent in sandbox.sent if sent.chat_id in subscriber_ids)
        kind_of = {sub.chat_id: sub.kind for sub in subscribers}
        too_many: dict[str, int] = {}
        other = 0
        for rejection in sandbox.rejected:
            if rejection["error"]["error_code"] != 429:
                other += 1
                continue
            kind = kind_of.get(int(rejection["params"].get("chat_id", 0)), "other")
            too_many[kind] = too_many.get(kind, 0) + 1
    kinds: dict[str, int] = {}
    for sub in subscribers:
        kinds[sub.kind] = kinds.get(sub.kind, 0) + 1
    return FanoutFigures(
        subscriptions=len(subscribers),
        kinds=kinds,
        messages=messages,
        seconds=seconds,
        per_s=messages / seconds,
        sustained_per_s=_sustained_rate(samples, messages),
        too_many_requests=too_many,
        other_rejections=other,
    )


def run_fleet_fanout(
    source_db: Path, *, subscriptions: int, seed: int, processes: int
) -> FanoutFigures:
    """Copy ``source_db``, add the subscribers, deliver through ``processes`` processes."""
    subscribers = plan_subscribers(subscriptions, seed, frequent_keywords(source_db))
    with tempfile.TemporaryDirectory(prefix="digest-bot-fleet-") as tmp:
        db = Path(tmp) / "library.sqlite3"
        shutil.copyfile(source_db, db)
        add_subscribers(db, subscribers, NOT_YET)
        return asyncio.run(_deliver(db, subscribers, processes, Path(tmp)))


#: Subscriptions of the suite run (``--fanout-subs`` changes it; 10,000 take ~6 minutes a run).
DEFAULT_SUBSCRIPTIONS = 1000
PROCESS_COUNTS = (1, 3)
#: 3 processes must keep at least this share of 1 process's sustained pace, with zero 429.
KEEP_PACE = 0.9


def bench_fanout_fleet(
    size: int, seed: int, record: bool, *, subscriptions: int = DEFAULT_SUBSCRIPTIONS
) -> None:
    """Fan-out on 1 and on 3 processes in the same run; print, record."""
    db = build_library(size, seed)
    figures = {
        count: run_fleet_fanout(db, subscriptions=subscriptions, seed=seed, processes=count)
        for count in PROCESS_COUNTS
    }
    baseline = figures[PROCESS_COUNTS[0]].sustained_per_s
    rows = []
    for count, f in figures.items():
        ratio = f.sustained_per_s / baseline
        ok = not f.too_many_requests and ratio >= KEEP_PACE
        print(
            f"fan-out on {count} process(es): {f.subscriptions:,} due -> {f.messages:,} messages "
            f"in {f.seconds:,.1f} s: {f.per_s:.1f}/s overall, {f.sustained_per_s:.1f}/s "
            f"sustained ({f.sustained_per_s / ALLOWED_PER_S:.0%} of 30/s, {ratio:.2f}x of 1 "
            f"process); 429s {f.too_many_requests or 0}, other refusals {f.other_rejections} "
            f"({'met' if ok else 'MISSED'})"
        )
        rows.append(
            [f"{size:,}", f"{f.subscriptions:,}", count, f"{f.messages:,}", f"{f.seconds:,.1f}",
             f"{f.per_s:.1f}", f"{f.sustained_per_s:.1f} ({f.sustained_per_s / ALLOWED_PER_S:.0%})",
             f"{ratio:.2f}x", sum(f.too_many_requests.values()), f.other_rejections,
             "met" if ok else "MISSED"]
        )  # fmt: skip
    if record:
        append_rows(
            "digest fan-out on several processes",
            ["articles", "subscriptions", "processes", "messages", "due to last s",
             "msg/s overall", "msg/s sustained (of 30)", "sustained vs 1 process", "429s",
             "other refusals", "target (zero 429, >=0.9x)"],
            rows,
        )  # fmt: skip
