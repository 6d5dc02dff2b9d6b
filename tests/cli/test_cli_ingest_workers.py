"""`digest-bot ingest` killed mid-import: none of its worker processes outlives it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ORPHAN_DEADLINE_S = 5.0
ARTICLE = """Harbour Board Approves Dredging Plan Number {n}

The harbour board approved dredging plan number {n} on Monday after a long debate.
"We will start dredging in the spring," board chairman Anna Berg said after vote {n}.
"""


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.add(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for whoever reaps it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def _wait_until(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_sigkill_of_the_parent_mid_import_leaves_no_worker(
    library_target: str | Path, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(6000):
        (folder / f"article-{n:05d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    parent = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot",
            "ingest",
            str(folder),
            "--chat",
            "-100777",
            "--jobs",
            "2",
            "--db",
            str(library_target),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        assert _wait_until(lambda: len(_children(parent.pid)) >= 2, 60), "no workers started"
        time.sleep(0.5)  # well into the import
        workers = _children(parent.pid)
        assert parent.poll() is None, "the import ended before it could be killed"
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert _wait_until(lambda: not any(map(_running, workers)), ORPHAN_DEADLINE_S), (
            f"workers still running {ORPHAN_DEADLINE_S} s after the parent died: "
            f"{sorted(pid for pid in workers if _running(pid))}"
        )
    finally:
        for pid in workers | _children(parent.pid) | {parent.pid}:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_worker_without_the_kernel_signal_watches_its_parent() -> None:
    """The fallback where PR_SET_PDEATHSIG does not exist: a thread that polls the parent."""
    script = (
        "import os, sys, time\n"
        "from bot.cli.workers import watch_parent\n"
        "if os.fork() == 0:\n"
        "    watch_parent(os.getppid())\n"
        "    print(os.getpid(), flush=True)\n"
        "    time.sleep(60)\n"
        "    sys.exit(0)\n"
        "time.sleep(60)\n"
    )
    middle = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        worker = int(middle.stdout.readline())
        assert _running(worker)
        middle.send_signal(signal.SIGKILL)
        middle.wait(10)
        assert _wait_until(lambda: not _running(worker), ORPHAN_DEADLINE_S)
    finally:
        if middle.poll() is None:
            middle.kill()
